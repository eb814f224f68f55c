import assert from 'node:assert/strict';
import diagnosticsChannel from 'node:diagnostics_channel';
import pino from 'pino';
import type { Logger, LoggerOptions } from 'pino';
import { createLogger } from '../server/index';
import { deferredLogger } from '../server/deferred-logger';
import { DecisionLineWriter, decisionMessage } from '../server/iam/decision-line';
import { DecisionLog } from '../server/iam/decision-log';
import type { DecisionRecord } from '../server/iam/decision-log';

/** A destination that keeps what it is given, as pino's stream. */
function capture(): { write(line: string): void; lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line) };
}

/** A pino logger writing to `stream`, its time fixed so that two lines of it compare byte for byte. */
function fixedTimeLogger(stream: { write(line: string): void }, options: LoggerOptions = {}): Logger {
  return pino({ level: 'info', timestamp: () => ',"time":1700000000000', ...options }, stream);
}

const decision: DecisionRecord = {
  time: '2026-11-26T12:00:00.000Z',
  requestId: '00000000-0000-4000-8000-000000000001',
  principal: 'arn:aws:iam::111122223333:user/bench',
  action: 'es:DescribeElasticsearchDomain',
  // Characters JSON escapes, and others it keeps: the line must escape them as pino does.
  resource: 'arn:aws:es:us-east-1:111122223333:domain/"quoted"\\back\u2028é\u0001',
  decision: 'Deny',
  reason: 'explicit-deny-identity',
  statements: [{ policy: 'bench', statement: 'DenyTagged', effect: 'Deny' }],
  enforced: true,
  message: 'User: arn:aws:iam::111122223333:user/bench is not authorized',
};

/** The line pino writes for the decision, and the writer's for the same logger: [pino's, the writer's]. */
function bothLines(make: (stream: ReturnType<typeof capture>) => Logger): [string[], string[], boolean] {
  const byPino = capture();
  make(byPino).info({ decision }, decisionMessage);
  const byWriter = capture();
  const written = new DecisionLineWriter(make(byWriter)).write(decision);
  return [byPino.lines, byWriter.lines, written];
}

describe('the decision line writer: pino’s own line, without pino’s log call', () => {
  const plainLoggers: [string, (stream: ReturnType<typeof capture>) => Logger][] = [
    [
      "the emulator's logger (createLogger), its child without redaction as the decision log makes it",
      (stream) => createLogger('info', stream as never).child({}, { redact: [] }),
    ],
    ['a logger with the default time', (stream) => pino({ level: 'info' }, stream)],
    ['a child with bindings', (stream) => fixedTimeLogger(stream).child({ component: 'iam', n: 1 })],
    ['another message key', (stream) => fixedTimeLogger(stream, { messageKey: 'message' })],
    ['no base members', (stream) => fixedTimeLogger(stream, { base: null })],
    [
      'a level formatter',
      (stream) => fixedTimeLogger(stream, { formatters: { level: (label) => ({ severity: label }) } }),
    ],
  ];
  for (const [name, make] of plainLoggers) {
    it(`writes the line pino writes: ${name}`, () => {
      const [byPino, byWriter, written] = bothLines(make);
      assert.equal(written, true);
      assert.equal(byPino.length, 1);
      // The default time is the clock's: the two lines differ there only.
      const withoutTime = (line: string) => line.replace(/,"time":\d+/, ',"time":0');
      assert.deepEqual(byWriter.map(withoutTime), byPino.map(withoutTime));
      assert.deepEqual(JSON.parse(byWriter[0]!).decision, decision);
    });
  }

  const changedLoggers: [string, (stream: ReturnType<typeof capture>) => Logger][] = [
    [
      "the emulator's logger itself: its redaction reads every line's members",
      (stream) => createLogger('info', stream as never),
    ],
    ['a mixin', (stream) => fixedTimeLogger(stream, { mixin: () => ({ extra: true }) })],
    [
      'a log formatter',
      (stream) => fixedTimeLogger(stream, { formatters: { log: (object) => ({ ...object, x: 1 }) } }),
    ],
    ['a nested key', (stream) => fixedTimeLogger(stream, { nestedKey: 'payload' })],
    [
      'a serializer of decision',
      (stream) => fixedTimeLogger(stream, { serializers: { decision: () => 'hidden' } }),
    ],
    ['a redaction of decision', (stream) => fixedTimeLogger(stream, { redact: ['decision.principal'] })],
    ['a hook on the stream', (stream) => fixedTimeLogger(stream, { hooks: { streamWrite: (line) => line } })],
    ['a message prefix', (stream) => fixedTimeLogger(stream).child({}, { msgPrefix: '[iam] ' })],
    [
      'a serializer of the message',
      (stream) => fixedTimeLogger(stream, { serializers: { msg: () => 'hidden' } }),
    ],
    ['a redaction of the message', (stream) => fixedTimeLogger(stream, { redact: ['msg'] })],
    [
      'a stream that asks for each line’s level (pino.multistream)',
      (stream) => pino({ level: 'info' }, pino.multistream([{ level: 'info', stream }])),
    ],
  ];
  for (const [name, make] of changedLoggers) {
    it(`leaves the line to pino, which writes it, for a logger with ${name}`, () => {
      const byWriter = capture();
      assert.equal(new DecisionLineWriter(make(byWriter)).write(decision), false);
      assert.deepEqual(byWriter.lines, []);
    });
  }

  it('leaves the line to a logger that is not pino’s (a stand-in with its methods), which is given it', () => {
    const given: unknown[][] = [];
    const standIn = { info: (...args: unknown[]) => void given.push(args), child: () => standIn };
    const log = new DecisionLog(standIn as unknown as Logger);
    log.record(decision);
    assert.deepEqual(given, [[{ decision }, decisionMessage]]);
  });

  it('leaves the line to pino while its line tracing channel has a subscriber, which then sees it', () => {
    const traced: unknown[] = [];
    const none = () => undefined;
    const subscriber = {
      start: (message: unknown) => void traced.push((message as { arguments: unknown[] }).arguments[0]),
      end: none,
      asyncStart: none,
      asyncEnd: none,
      error: none,
    };
    const tracing = diagnosticsChannel.tracingChannel('pino_asJson');
    const stream = capture();
    const log = new DecisionLog(fixedTimeLogger(stream));
    tracing.subscribe(subscriber);
    try {
      log.record(decision);
    } finally {
      tracing.unsubscribe(subscriber);
    }
    assert.deepEqual(traced, [{ decision }]);
    assert.equal(stream.lines.length, 1);
    // Without a subscriber, the writer writes the line again, the same line.
    assert.equal(new DecisionLineWriter(fixedTimeLogger(stream)).write(decision), true);
    assert.equal(stream.lines[1], stream.lines[0]);
  });

  it('writes nothing below the logger’s level, and follows a change of level', () => {
    const stream = capture();
    const logger = fixedTimeLogger(stream, { level: 'warn' });
    const writer = new DecisionLineWriter(logger);
    assert.equal(writer.write(decision), true);
    assert.deepEqual(stream.lines, []);
    logger.level = 'info';
    assert.equal(writer.write(decision), true);
    assert.equal(stream.lines.length, 1);
  });

  it('leaves a deferred logger’s lines to it until pino is loaded, then writes them, in order', async () => {
    const stream = capture();
    const deferred = deferredLogger('info', (now) => ({
      logger: pino({ level: 'info', timestamp: () => `,"time":${now()}` }, stream),
    }));
    const log = new DecisionLog(deferred.logger);
    log.record({ ...decision, requestId: 'first' });
    assert.equal(deferred.loaded(), false, 'asking for the loaded logger does not load pino');
    assert.equal(new DecisionLineWriter(deferred.logger).write(decision), false);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(deferred.loaded(), true);
    log.record({ ...decision, requestId: 'second' });
    const ids = stream.lines.map(
      (line) => (JSON.parse(line) as { decision: DecisionRecord }).decision.requestId,
    );
    assert.deepEqual(ids, ['first', 'second']);
    assert.ok(stream.lines.every((line) => line.endsWith(`"msg":"${decisionMessage}"}\n`)));
  });
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { send, signRequest } from '../scripts/bench/signing';
import { deferredLogger } from '../server/deferred-logger';
import type { LoggerFactory } from '../server/deferred-logger';
import { spawnEmulator } from './support/spawned-emulator';

const compiledIndex = path.resolve(__dirname, '..', 'server', 'index.js');

interface Line {
  level: number;
  time: number;
  msg?: string;
  [key: string]: unknown;
}

/** A factory of pino loggers writing to an array, counting how often it was called. */
function capturing(level: string) {
  const lines: Line[] = [];
  let created = 0;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(text) as Line);
      done();
    },
  });
  const create: LoggerFactory = (now) => {
    created++;
    const logger = pino(
      { level, redact: ['*.secretAccessKey'], timestamp: () => `,"time":${now()}` },
      stream,
    );
    return { logger };
  };
  return { lines, create, created: () => created };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
/** Blocks for `ms`: the records of one turn, logged at different times. */
const blockFor = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Runs a script with the compiled index at hand, returning its standard output. */
function runScript(script: string): Promise<string> {
  const child = spawn(process.execPath, ['-e', script, compiledIndex], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('close', () => resolve(output)));
}

describe('the deferred logger (pino created after the first record to write)', () => {
  it('writes the records logged before pino was loaded, in order, with the time and level they were logged at', async () => {
    const sink = capturing('info');
    const deferred = deferredLogger('info', sink.create);
    const beforeFirst = Date.now();
    deferred.logger.info({ decision: { secretAccessKey: 'hidden' } }, 'first');
    deferred.logger.debug('below the level');
    const loggedAt = Date.now();
    blockFor(20);
    deferred.logger.error({ requestId: 'r-1' }, 'second');
    assert.equal(sink.created(), 0, 'pino waits for the next turn');
    assert.equal(deferred.loaded(), false);

    await nextTurn();
    assert.equal(deferred.loaded(), true);
    deferred.logger.warn('after loading');
    assert.deepEqual(
      sink.lines.map((line) => [line.level, line.msg]),
      [
        [30, 'first'],
        [50, 'second'],
        [40, 'after loading'],
      ],
    );
    // Bounds, not a tolerance: however long a loaded machine takes between them, the call was between the two.
    const firstTime = sink.lines[0]!.time;
    assert.ok(firstTime >= beforeFirst && firstTime <= loggedAt, 'the first line keeps the time of its call');
    assert.ok(sink.lines[1]!.time >= loggedAt + 19, 'the second line too');
    assert.deepEqual(sink.lines[0]!.decision, { secretAccessKey: '[Redacted]' });
    assert.equal(sink.created(), 1);
  });

  it('defers a child too: its records wait in order with its parent’s and are written with its bindings and options', async () => {
    const sink = capturing('info');
    const deferred = deferredLogger('info', sink.create);
    const unredacted = deferred.logger.child({ part: 'decisions' }, { redact: [] });
    const verbose = deferred.logger.child({}, { level: 'debug' });
    deferred.logger.info({ decision: { secretAccessKey: 'hidden' } }, 'parent before');
    unredacted.info({ decision: { statement: 'Sid1' } }, 'child before');
    unredacted.debug('below the level');
    verbose.debug('at the child’s level');
    unredacted.child({ step: 2 }).info({ decision: { secretAccessKey: 'shown' } }, 'grandchild');
    assert.equal(sink.created(), 0, 'a child does not load pino');

    await nextTurn();
    unredacted.info({ decision: { secretAccessKey: 'shown' } }, 'child after');
    deferred.logger.info({ decision: { secretAccessKey: 'hidden' } }, 'parent after');
    assert.deepEqual(
      sink.lines.map((line) => [line.level, line.msg, line.part, line.step, line.decision]),
      [
        [30, 'parent before', undefined, undefined, { secretAccessKey: '[Redacted]' }],
        [30, 'child before', 'decisions', undefined, { statement: 'Sid1' }],
        [20, 'at the child’s level', undefined, undefined, undefined],
        [30, 'grandchild', 'decisions', 2, { secretAccessKey: 'shown' }],
        [30, 'child after', 'decisions', undefined, { secretAccessKey: 'shown' }],
        [30, 'parent after', undefined, undefined, { secretAccessKey: '[Redacted]' }],
      ],
    );
    assert.equal(sink.created(), 1);
    assert.equal(unredacted.level, 'info', 'any other member of a child is pino’s');
  });

  it('never loads pino at a level that writes nothing', async () => {
    const sink = capturing('silent');
    const deferred = deferredLogger('silent', sink.create);
    deferred.logger.error({ err: new Error('boom') }, 'unexpected error');
    deferred.logger.info('decision');
    await nextTurn();
    deferred.close();
    assert.equal(sink.created(), 0);
    assert.equal(sink.lines.length, 0);
  });

  it('creates pino at once for any member besides the log methods', () => {
    const sink = capturing('debug');
    const deferred = deferredLogger('debug', sink.create);
    deferred.logger.info('waiting');
    assert.equal(deferred.logger.level, 'debug');
    assert.equal(deferred.logger.isLevelEnabled('trace'), false);
    assert.equal(sink.created(), 1);
    assert.deepEqual(
      sink.lines.map((line) => line.msg),
      ['waiting'],
    );
  });

  it('follows a level changed through it', async () => {
    const sink = capturing('info');
    const deferred = deferredLogger('info', sink.create);
    deferred.logger.level = 'error';
    deferred.logger.info('dropped now');
    deferred.logger.error('kept');
    await nextTurn();
    assert.deepEqual(
      sink.lines.map((line) => line.msg),
      ['kept'],
    );
  });

  it('refuses an unknown level at once, with pino’s own message', () => {
    const sink = capturing('loud');
    assert.throws(
      () => deferredLogger('loud', sink.create),
      /default level:loud must be included in custom levels/,
    );
  });

  it('writes what waits at close', () => {
    const sink = capturing('info');
    const deferred = deferredLogger('info', sink.create);
    deferred.logger.info('before stop');
    deferred.close();
    assert.deepEqual(
      sink.lines.map((line) => line.msg),
      ['before stop'],
    );
  });

  it('writes what waits when the process exits before pino was loaded', async () => {
    const output = await runScript(
      `const { deferredStdoutLogger } = require(process.argv[1]);
       const { logger } = deferredStdoutLogger('info');
       logger.info({ n: 1 }, 'one');
       logger.error({ n: 2 }, 'two');
       process.exit(0);`,
    );
    const lines = output
      .split('\n')
      .filter(Boolean)
      .map((text) => JSON.parse(text) as Line);
    assert.deepEqual(
      lines.map((line) => [line.level, line.msg, line.n]),
      [
        [30, 'one', 1],
        [50, 'two', 2],
      ],
    );
  });

  it('many loggers waiting at once share one exit listener: no leak warning, and each writes at exit', async () => {
    const before = process.listenerCount('exit');
    const sinks = Array.from({ length: 12 }, () => capturing('info'));
    const loggers = sinks.map((sink) => deferredLogger('info', sink.create));
    for (const [index, deferred] of loggers.entries()) deferred.logger.info(`waiting ${index}`);
    assert.equal(process.listenerCount('exit'), before + 1);
    await nextTurn();
    assert.equal(process.listenerCount('exit'), before);
    assert.deepEqual(
      sinks.map((sink) => sink.lines.map((line) => line.msg)),
      sinks.map((_, index) => [`waiting ${index}`]),
    );
    // Twelve loggers of a process that exits before pino loads: each one's line is written, with no warning.
    const output = await runScript(
      `process.on('warning', (warning) => process.stdout.write('WARNING ' + warning.name + '\\n'));
       const { deferredStdoutLogger } = require(process.argv[1]);
       for (let n = 0; n < 12; n++) deferredStdoutLogger('info').logger.info({ n }, 'waiting');
       // After the warning's own tick, before the loggers' turn: exit with every record still waiting.
       process.nextTick(() => process.exit(0));`,
    );
    assert.doesNotMatch(output, /WARNING/);
    assert.equal(output.split('\n').filter((line) => line.includes('"waiting"')).length, 12);
  });

  it('the CLI logs the decision of its first request, written after the answer', async () => {
    const emulator = await spawnEmulator([], { LOG_LEVEL: 'info' });
    let output = '';
    emulator.process.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const request = await signRequest(
        emulator.endpoint,
        { accessKeyId: 'test', secretAccessKey: 'test' },
        'us-east-1',
        { method: 'GET', path: '/2015-01-01/domain' },
      );
      const sentAt = Date.now();
      const response = await send(emulator.endpoint, request);
      const answeredAt = Date.now();
      assert.equal(response.status, 200);
      await emulator.stop();
      const decisions = output
        .split('\n')
        .filter((text) => text.startsWith('{'))
        .map((text) => JSON.parse(text) as Line & { decision?: { action: string; time: string } })
        .filter((line) => line.decision);
      assert.equal(decisions.length, 1);
      const [line] = decisions;
      assert.equal(line!.decision!.action, 'es:ListDomainNames');
      // The line has the time of the call, made while the request was answered, not of its writing by pino,
      // loaded after the answer (the replay of a record's time is shown above, without a clock to race).
      // Bounds, not a tolerance: a loaded machine may take any time between the two.
      const decidedAt = Date.parse(line!.decision!.time);
      assert.ok(decidedAt >= sentAt - 1, 'the decision is of the request');
      assert.ok(line!.time >= decidedAt, 'the line was logged after the decision');
      assert.ok(line!.time <= answeredAt, 'the line has the time of a call made before the answer');
    } finally {
      await emulator.stop();
    }
  });
});

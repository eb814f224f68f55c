import diagnosticsChannel from 'node:diagnostics_channel';
import type { Logger, symbols as PinoSymbols } from 'pino';
import { loadedLogger } from '../deferred-logger';
import type { DecisionRecord } from './decision-log';

/** The message of every decision line. */
export const decisionMessage = 'authorization decision';

/** What one pino logger writes a decision line with, read once from the logger (pino.symbols). */
interface PlainLogger {
  logger: Logger;
  levelPrefix: string;
  time: () => string;
  bindings: string;
  messageMember: string;
  end: string;
  stringify: (value: unknown) => string;
  stream: { write(line: string): unknown };
}

/**
 * Writes the decision lines that `logger.info({ decision }, 'authorization decision')` would write, byte for
 * byte, without going through pino's log call: pino's generic path (its log method, the line's members walked one
 * by one for serializers and redaction, through the deferred logger's proxy) cost about 2.5% of a request's CPU
 * in the workload (the median of seven paired runs), for a line whose shape never changes. The line is built from
 * the logger's own parts (its level prefix, time, bindings, message key, stringify and stream), and only for a
 * logger that changes nothing else about a line: one with a mixin, a hook, a log formatter, a nested key, a
 * message prefix, a serializer or redaction of `decision` or of the message, or a stream that asks for metadata
 * (multistream) is left to pino, as is a logger not loaded yet (the deferred logger keeps its records in order
 * until pino is). While anything listens on pino's tracing channel of its lines (`tracing:pino_asJson`, which
 * instrumentation reads), pino writes them, so that the channel sees every line.
 */
export class DecisionLineWriter {
  /**
   * How to write for the logger, read once it is loaded (a deferred logger's real one is then always the same);
   * null when pino must write for it; undefined until it is loaded.
   */
  private plain: PlainLogger | null | undefined;

  constructor(private readonly lines: Logger) {}

  /** Whether the line was written (or its level is off); false when pino must write it. */
  write(decision: DecisionRecord): boolean {
    if (this.plain === undefined) {
      const logger = loadedLogger(this.lines);
      if (logger === undefined) return false;
      this.plain = plainLogger(logger);
    }
    const plain = this.plain;
    if (!plain || pinoLinesTraced()) return false;
    // pino swaps an instance's log methods when its level changes: asked at each line, as pino's call would be.
    if (!plain.logger.isLevelEnabled('info')) return true;
    plain.stream.write(
      `${plain.levelPrefix}${plain.time()}${plain.bindings},"decision":${plain.stringify(decision)}${plain.messageMember}${plain.end}`,
    );
    return true;
  }
}

/**
 * pino's tracing channel of the lines it builds (tools.js, `asJson`). The channels of a name are shared across the
 * process: these are the ones pino publishes on. A synchronous trace publishes on start, end and error only.
 */
const pinoLineChannels = ['start', 'end', 'error'].map((event) =>
  diagnosticsChannel.channel(`tracing:pino_asJson:${event}`),
);

function pinoLinesTraced(): boolean {
  return pinoLineChannels.some((channel) => channel.hasSubscribers);
}

function plainLogger(logger: Logger): PlainLogger | null {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- pino is loaded already: its logger exists
  const symbols = (require('pino') as { symbols: typeof PinoSymbols }).symbols;
  const member = <T>(symbol: symbol): T | undefined =>
    (logger as unknown as Record<symbol, T | undefined>)[symbol];
  const msgPrefixSym = (symbols as unknown as Record<string, symbol | undefined>).msgPrefixSym;
  const stream = member<{ write?: unknown } & Record<symbol, unknown>>(symbols.streamSym);
  const stringifiers = member<Record<string | symbol, unknown>>(symbols.stringifiersSym) ?? {};
  const serializers = member<Record<string, unknown>>(symbols.serializersSym) ?? {};
  const formatters = member<{ log?: unknown }>(symbols.formattersSym) ?? {};
  const hooks = member<{ streamWrite?: unknown }>(symbols.hooksSym) ?? {};
  const messageKey = member<string>(symbols.messageKeySym);
  const levelPrefix = member<Record<number, string>>(symbols.lsCacheSym)?.[30];
  const time = member<() => string>(symbols.timeSym);
  const bindings = member<string>(symbols.chindingsSym);
  const end = member<string>(symbols.endSym);
  const stringify = member<(value: unknown, safe: unknown) => string>(symbols.stringifySym);
  const stringifySafe = member<unknown>(symbols.stringifySafeSym);
  const changesLines =
    member(symbols.mixinSym) !== undefined ||
    hooks.streamWrite !== undefined ||
    formatters.log !== undefined ||
    Boolean(member(symbols.nestedKeySym)) ||
    // A child's message prefix (pino 8.14 and later; not in pino's types): a pino without it is left to write.
    msgPrefixSym === undefined ||
    member(msgPrefixSym) !== undefined ||
    stringifiers.decision !== undefined ||
    stringifiers[symbols.wildcardFirstSym] !== undefined ||
    serializers.decision !== undefined ||
    (typeof messageKey === 'string' && serializers[messageKey] !== undefined) ||
    (typeof messageKey === 'string' && stringifiers[messageKey] !== undefined);
  if (
    changesLines ||
    typeof stream?.write !== 'function' ||
    stream[symbols.needsMetadataGsym] === true ||
    typeof messageKey !== 'string' ||
    typeof levelPrefix !== 'string' ||
    typeof time !== 'function' ||
    typeof bindings !== 'string' ||
    typeof end !== 'string' ||
    typeof stringify !== 'function'
  ) {
    return null;
  }
  return {
    logger,
    levelPrefix,
    time: () => time.call(logger),
    bindings,
    // As pino writes it: the key as given, the message as a JSON string.
    messageMember: `,"${messageKey}":${JSON.stringify(decisionMessage)}`,
    end,
    stringify: (value) => stringify(value, stringifySafe),
    stream: stream as { write(line: string): unknown },
  };
}

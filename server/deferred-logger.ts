import type { ChildLoggerOptions, Logger } from 'pino';

/** pino's levels and their values: a record below the logger's level is dropped without loading pino. */
const levelValues = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Number.POSITIVE_INFINITY,
} as const;

type LevelName = keyof typeof levelValues;
type LogMethod = Exclude<LevelName, 'silent'>;
type LogFunction = (...args: unknown[]) => void;

/** What the real logger writes to, when it buffers (pino's asynchronous destination, sonic-boom). */
export interface BufferedDestination {
  /** Writes what is buffered before returning. */
  flushSync(): void;
  /** Writes what is buffered and stops its flush timer. */
  end(): void;
  /** Writes what is buffered; calls back once it is written. */
  flush(callback: () => void): void;
  /** Drops what is buffered and stops writing. */
  destroy(): void;
}

export interface RealLogger {
  logger: Logger;
  destination?: BufferedDestination;
}

/** Creates the real logger; its lines take their `time` from `now` (the time of a buffered call). */
export type LoggerFactory = (now: () => number) => RealLogger;

export interface DeferredLogger {
  /**
   * A pino Logger: its log methods, and those of its children, buffer until pino is loaded; any other member
   * loads pino at once.
   */
  logger: Logger;
  /** Whether the real logger has been created. */
  loaded(): boolean;
  /** Writes what is buffered (creating the real logger if a record waits), then ends its destination. */
  close(): void;
  /**
   * Before an exit: writes what is buffered, waiting at most `timeoutMs` for a reader; answers whether it was
   * all written. If not, what still waits is dropped, and a write may still be blocked in a thread of the pool
   * (standard output is a blocking pipe), which an exit would wait for as long as nobody reads.
   */
  drain(timeoutMs: number): Promise<boolean>;
}

interface PendingRecord {
  /** The child it was logged through; undefined for the logger itself. */
  child: DeferredChild | undefined;
  method: LogMethod;
  args: unknown[];
  /** Date.now() of the call: the `time` of its line. */
  time: number;
}

/** A child asked for before pino was loaded: created from its parent's real logger when that is. */
interface DeferredChild {
  /** Undefined for a child of the logger itself. */
  parent: DeferredChild | undefined;
  bindings: Record<string, unknown>;
  options: ChildLoggerOptions | undefined;
  real?: Logger;
}

/**
 * Read on a deferred logger (or a child of one): a function answering its real pino logger (the child's, for a
 * child) once pino is loaded, undefined before, without loading it as every other member does.
 */
const loadedLoggerKey = Symbol('amazon-es-local.loadedLogger');

/**
 * The pino logger that writes what `logger` logs, if there is one yet: `logger` itself, or the real logger behind a
 * deferred one once pino is loaded (undefined before: asking does not load it).
 */
export function loadedLogger(logger: Logger): Logger | undefined {
  const loaded = (logger as unknown as Record<symbol, unknown>)[loadedLoggerKey];
  return typeof loaded === 'function' ? (loaded as () => Logger | undefined)() : logger;
}

function isLevelName(level: string): level is LevelName {
  return Object.prototype.hasOwnProperty.call(levelValues, level);
}

function isLogMethod(name: string | symbol): name is LogMethod {
  return typeof name === 'string' && name !== 'silent' && isLevelName(name);
}

/**
 * The deferred loggers with records waiting for pino, written at exit by one listener of the process: a listener
 * each made Node warn of a leak (MaxListenersExceededWarning) once ten emulators of one test process logged at
 * once, though each listener went on the next turn.
 */
const waitingAtExit = new Set<() => void>();

function writeWaitingAtExit(): void {
  for (const write of [...waitingAtExit]) write();
}

function waitForExit(write: () => void): void {
  if (waitingAtExit.size === 0) process.on('exit', writeWaitingAtExit);
  waitingAtExit.add(write);
}

function stopWaitingForExit(write: () => void): void {
  if (!waitingAtExit.delete(write)) return;
  if (waitingAtExit.size === 0) process.off('exit', writeWaitingAtExit);
}

/**
 * A logger whose real (pino) logger is created in the turn of the event loop after the first record to
 * write, instead of at start: loading pino with its serializers and destination took ~15 ms of the cold
 * start, and the first request's records need not be written before it is answered (handlers are
 * synchronous: the answer is sent in the turn that logged). Records are kept in order with their time
 * and written by the real logger as if it had been there all along; at a level that writes nothing
 * (silent), pino is never loaded. What is buffered is written at `close()`, and at exit.
 */
export function deferredLogger(level: string, create: LoggerFactory): DeferredLogger {
  let real: RealLogger | undefined;
  let pending: PendingRecord[] = [];
  let loadScheduled = false;
  // The time of the record being replayed; otherwise the real logger's lines take Date.now().
  let replayTime: number | undefined;
  const now = () => replayTime ?? Date.now();

  function materialize(): Logger {
    if (real) return real.logger;
    real = create(now);
    stopWaitingForExit(writePendingAtExit);
    const records = pending;
    pending = [];
    for (const record of records) {
      replayTime = record.time;
      try {
        (realLogger(record.child)[record.method] as LogFunction)(...record.args);
      } finally {
        replayTime = undefined;
      }
    }
    return real.logger;
  }

  /** The real logger of a deferred one: pino's own child for a child, created from its parent's. */
  function realLogger(child: DeferredChild | undefined): Logger {
    if (!child) return materialize();
    child.real ??= realLogger(child.parent).child(child.bindings, child.options);
    return child.real;
  }

  // Listening for exit only while a record waits: the asynchronous destination registers its own flush at
  // exit when it is created, which is too late when it is created by an exit listener.
  function writePendingAtExit(): void {
    materialize();
    real?.destination?.flushSync();
  }

  // An unknown level is refused at once, by pino itself, as before pino was deferred.
  if (!isLevelName(level)) materialize();
  const threshold = isLevelName(level) ? levelValues[level] : 0;

  /** A child has its parent's level unless its options give one. */
  function thresholdOf(child: DeferredChild | undefined): number {
    if (!child) return threshold;
    const level = child.options?.level;
    return level !== undefined && isLevelName(level) ? levelValues[level] : thresholdOf(child.parent);
  }

  function buffer(method: LogMethod, args: unknown[], child: DeferredChild | undefined): void {
    if (levelValues[method] < thresholdOf(child)) return;
    pending.push({ child, method, args, time: Date.now() });
    if (loadScheduled) return;
    loadScheduled = true;
    waitForExit(writePendingAtExit);
    setImmediate(materialize);
  }

  /**
   * The logger handed out, and each child asked of it before pino is loaded (a child of a child too): its log
   * methods buffer, in order with every other record, until pino is loaded; then they are pino's, a child's
   * with its bindings and options. Any other member loads pino at once. The target is never read: every
   * member comes from the handler.
   */
  function deferredProxy(child: DeferredChild | undefined): Logger {
    // One function per method, looking the real method up at each call: pino swaps an instance's log
    // methods when its level changes.
    const logFunctions = new Map<LogMethod, LogFunction>();
    function logFunction(method: LogMethod): LogFunction {
      let log = logFunctions.get(method);
      if (!log) {
        log = (...args: unknown[]) => {
          if (real) (realLogger(child)[method] as LogFunction)(...args);
          else buffer(method, args, child);
        };
        logFunctions.set(method, log);
      }
      return log;
    }
    const deferredChild = (bindings: Record<string, unknown>, options?: ChildLoggerOptions) =>
      deferredProxy({ parent: child, bindings, options });
    return new Proxy({} as Logger, {
      get(_target, property) {
        if (isLogMethod(property)) return logFunction(property);
        if (property === loadedLoggerKey) return () => (real ? realLogger(child) : undefined);
        if (property === 'child' && !real) return deferredChild;
        const target = realLogger(child);
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? (value as LogFunction).bind(target) : value;
      },
      set(_target, property, value) {
        return Reflect.set(realLogger(child), property, value);
      },
      has(_target, property) {
        return Reflect.has(realLogger(child), property);
      },
    });
  }
  const logger = deferredProxy(undefined);

  return {
    logger,
    loaded: () => real !== undefined,
    close() {
      if (pending.length > 0) materialize();
      real?.destination?.end();
    },
    drain(timeoutMs) {
      if (pending.length > 0) materialize();
      const destination = real?.destination;
      if (!destination) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const giveUp = setTimeout(() => {
          destination.destroy();
          resolve(false);
        }, timeoutMs);
        // Called once what waited was written. Its error is fsync's, which a pipe or a terminal refuses
        // (EINVAL): the lines are out all the same.
        destination.flush(() => {
          clearTimeout(giveUp);
          resolve(true);
        });
      });
    },
  };
}

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { Duplex } from 'node:stream';
import type pino from 'pino';
import type { Logger } from 'pino';
import { Store } from '../store/store';
import { createApp } from './app';
import { isLocalPath, maxLocalBodyBytes, originForm } from './protocol/request-target';
import { createSecurity } from './auth/security';
import type { Config } from './config';
import { checkConfig, ConfigError, defaultConfig } from './config';
import type { DeferredLogger } from './deferred-logger';
import { deferredLogger } from './deferred-logger';
import { leaveUninvited } from './protocol/refused-body';
import { refuseConnect, refuseUnreadableRequest } from './protocol/unreadable-requests';
import { restoreServiceLinkedRole } from './service-linked-role';
import type { Clock, IdGenerator } from './runtime';
import { randomIds, systemClock } from './runtime';
import type * as StoredRepairsModule from './domains/stored-repairs';

export interface EmulatorOptions extends Partial<Config> {
  clock?: Clock;
  ids?: IdGenerator;
  logger?: Logger;
}

export interface RunningEmulator {
  /** `http://host:port`, for the SDKs' `endpoint` option. */
  endpoint: string;
  port: number;
  /** The region the default credentials sign for. */
  region: string;
  /**
   * Credentials of the default caller, the root of ACCOUNT_ID (test/test), which exists only without IAM_SEED:
   * with a seed, the callers are the seed's principals.
   */
  credentials: { accessKeyId: string; secretAccessKey: string };
  config: Config;
  store: Store;
  stop(): Promise<void>;
}

type LogDestination = ReturnType<typeof pino.destination>;

/** pino, required when a logger is first created rather than at start (see deferredLogger). */
function loadPino(): typeof pino {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deferred load needs require
  return require('pino') as typeof pino;
}

/**
 * The rewrite of what an earlier build stored in a form this one no longer writes, when the state file asks for it
 * (server/domains/stored-repairs.ts): required only then, so that a start on a new file loads nothing for it.
 */
function repairStoredForms(store: Store, logger: Logger): void {
  if (store.pendingRepairs().length === 0) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deferred load needs require
  const repairs = require('./domains/stored-repairs') as typeof StoredRepairsModule;
  const rewritten = repairs.repairStoredDomains(store);
  logger.info({ rewritten }, 'domains an earlier build stored were rewritten in the form this build stores');
}

/**
 * A warning as soon as the state file is removed or replaced while the emulator runs: SQLite writes on into the file
 * it opened, which goes with the process, so every call answered from then on is lost at the stop (which warns
 * again). An inotify watch (fs.watch): nothing is polled, and a request pays nothing for it. Undefined for
 * `:memory:`, or where the system gives no watch (its limit reached): the warning at the stop remains.
 */
function watchStateFile(statePath: string, logger: Logger): fs.FSWatcher | undefined {
  if (statePath === ':memory:') return undefined;
  let watcher: fs.FSWatcher;
  let inode: number;
  try {
    inode = fs.statSync(statePath).ino;
    watcher = fs.watch(statePath, { persistent: false });
  } catch {
    return undefined;
  }
  watcher.on('error', () => watcher.close());
  // A removal of a file SQLite holds open frees no inode: inotify reports it as a change of attributes (the link
  // count), which Node names 'change', like a write. Both are looked at: a write comes at a checkpoint, not a call.
  watcher.on('change', () => {
    const now = fs.statSync(statePath, { throwIfNoEntry: false });
    if (now?.ino === inode) return;
    logger.warn(
      { statePath },
      `the state file was ${now ? 'replaced' : 'removed'} while the emulator runs: what it keeps from now on is lost when it stops; restart it to start on a new file`,
    );
    watcher.close();
  });
  return watcher;
}

/** How long `stop` lets requests already arriving finish before it cuts their connections. */
const stopGraceMs = 2_000;

/** How much log output waits for a standard output nobody reads, at most. */
export const maximumBufferedLogBytes = 16 * 1024 * 1024;

/**
 * Standard output for the log, written asynchronously in batches of about 15 KB, flushed at least every
 * 100 ms, at stop and at exit: one blocking write per line cost every request its decision line's
 * write (~100 µs of CPU with a reader on the other end of a pipe). Each asynchronous write is a hop to
 * libuv's thread pool and back (a `futex` to wake it, the `write`, an `eventfd` to answer): in a loop of
 * their own here, ~50 µs of CPU a write of 4 KB to a pipe and ~80 µs of 15 KB. Batches of 4 KB wrote every
 * ~7 requests of the bench's workload (a decision line is ~520 bytes); 15 KB, just under sonic-boom's
 * largest single write (16 KiB, which it requires minLength to stay below), writes every ~29: about 4 µs
 * of CPU a request less, and 0.7 fewer system calls (strace).
 */
export function asynchronousStdout(): LogDestination {
  const destination = loadPino().destination({
    dest: 1,
    sync: false,
    minLength: 15 * 1024,
    // Bounded: when nobody reads standard output (a harness that reads the first line only), lines past 16 MiB
    // waiting are dropped rather than held until the heap runs out.
    maxLength: maximumBufferedLogBytes,
    periodicFlush: 100,
  });
  // Lines dropped while standard output was not read are counted; once it has taken what waited (the
  // destination drains), one line says how many, so that a gap in the log is known for one.
  let dropped = 0;
  destination.on('drop', () => {
    dropped++;
  });
  destination.on('drain', () => {
    if (dropped === 0) return;
    destination.write(droppedLinesLine(dropped));
    dropped = 0;
  });
  let stopped = false;
  destination.on('error', (error: NodeJS.ErrnoException) => {
    // A reader gone (EPIPE) is pino's to handle, and no error: serving goes on without a word. Any other failure is
    // heard twice: pino passes it on again from inside the same emit.
    if (error.code === 'EPIPE' || stopped) return;
    stopped = true;
    stopLogging(destination, error);
  });
  return destination;
}

/** A warning as pino writes one (its level, time, pid and hostname), with the count of lines dropped. */
function droppedLinesLine(count: number): string {
  const line = {
    level: 40,
    time: Date.now(),
    pid: process.pid,
    hostname: os.hostname(),
    dropped: count,
    msg: `${count} log lines were dropped: standard output was not read while ${maximumBufferedLogBytes / 1024 / 1024} MiB of lines waited`,
  };
  return `${JSON.stringify(line)}\n`;
}

/**
 * Standard output failed for good (ENOSPC on a full disk or /dev/full, EIO from a terminal that has gone away):
 * the log stops and serving goes on. pino stops its destination so for a reader gone (EPIPE) only, and passes any
 * other error on; unheard, it was an uncaught exception, and the exit that followed never ended: the
 * destination's final synchronous flush retries such a write every 100 ms for ever, holding every request and
 * every signal but SIGKILL. Said once on standard error, where it can be said.
 */
function stopLogging(destination: LogDestination, error: NodeJS.ErrnoException): void {
  destination.destroy();
  // The logger keeps writing to it: what it writes now goes nowhere.
  const nothing = () => undefined;
  Object.assign(destination, {
    write: () => true,
    flushSync: nothing,
    end: nothing,
    destroy: nothing,
    flush: (callback?: (error?: Error) => void) => callback?.(),
  });
  try {
    fs.writeSync(
      2,
      `amazon-es-local: the log cannot be written to standard output (${error.message}): logging stops, serving goes on\n`,
    );
  } catch {
    // Standard error is gone as well.
  }
}

/** The emulator's logger: JSON lines, secrets redacted. */
export function createLogger(level: string, destination?: LogDestination): Logger {
  return pinoLogger(level, destination);
}

/** `now` stands for Date.now() as the time of a line (pino's default, epochTime, with another clock). */
function pinoLogger(level: string, destination?: LogDestination, now?: () => number): Logger {
  const options = {
    level,
    redact: ['*.secretAccessKey', '*.sessionToken', '*.authorization'],
    ...(now ? { timestamp: () => `,"time":${now()}` } : {}),
  };
  const pino = loadPino();
  return destination ? pino(options, destination) : pino(options);
}

/**
 * createLogger(level, asynchronousStdout()), created after the first record to write rather than at
 * start (loading pino took ~15 ms of the cold start). Unless closed, what it buffers is written at exit.
 */
export function deferredStdoutLogger(level: string): DeferredLogger {
  return deferredLogger(level, (now) => {
    const destination = asynchronousStdout();
    return { logger: pinoLogger(level, destination, now), destination };
  });
}

/** The access key that is the root of ACCOUNT_ID when no IAM_SEED is given. */
export const defaultCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** The options startEmulator knows: every setting of Config, and the test's own clock, ids and logger. */
const optionNames = new Set<string>([...Object.keys(defaultConfig), 'clock', 'ids', 'logger']);

/**
 * What the type cannot check for a caller without TypeScript, or with options built elsewhere: a misspelt name
 * (which would silently keep a default, as `statePth` an in-memory store), and a clock, ids or logger without
 * their methods (which would fail every request, or the start). Refused as the command line refuses an unknown option.
 */
function checkOptions(options: EmulatorOptions): void {
  // A caller without types may pass anything: only an object (or nothing) is options.
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigError(
      `options must be an object of settings, got ${options === null ? 'null' : typeof options}`,
    );
  }
  for (const name of Object.keys(options)) {
    if (!optionNames.has(name)) {
      throw new ConfigError(`Unknown option '${name}': the options are ${[...optionNames].join(', ')}`);
    }
  }
  const { clock, ids } = options;
  if (clock !== undefined && typeof (clock as Partial<Clock> | null)?.now !== 'function') {
    throw new ConfigError('clock must be an object with a now() method answering epoch milliseconds');
  }
  // Asked once at start: a clock answering no time (NaN, a string, past what a Date holds) would answer every call
  // with an InternalException instead.
  if (clock !== undefined) {
    const now: unknown = clock.now();
    if (typeof now !== 'number' || !Number.isFinite(now) || Number.isNaN(new Date(now).getTime())) {
      throw new ConfigError(`clock.now() must answer epoch milliseconds, got ${String(now)}`);
    }
  }
  const elapsed = (clock as Partial<Clock> | undefined)?.elapsed;
  if (elapsed !== undefined && typeof elapsed !== 'function') {
    throw new ConfigError(
      "clock's elapsed, where given, must be a method answering milliseconds of a steady clock",
    );
  }
  if (
    ids !== undefined &&
    (typeof (ids as Partial<IdGenerator> | null)?.uuid !== 'function' ||
      typeof (ids as Partial<IdGenerator> | null)?.random !== 'function')
  ) {
    throw new ConfigError('ids must be an object with uuid() and random(alphabet, length) methods');
  }
  const { logger } = options;
  if (
    logger !== undefined &&
    (typeof (logger as Partial<Logger> | null)?.child !== 'function' ||
      typeof (logger as Partial<Logger> | null)?.info !== 'function')
  ) {
    throw new ConfigError('logger must be a pino logger');
  }
}

/**
 * The URL a client calls for a server listening on `host`: 0.0.0.0 (every IPv4 address) is no address to call, so
 * it is called on 127.0.0.1; an IPv6 address is written in brackets.
 */
export function endpointFor(host: string, port: number): string {
  if (host === '0.0.0.0') return `http://127.0.0.1:${port}`;
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}

/**
 * Starts an emulator, for the CLI and for test suites: `await startEmulator({ port: 0 })`.
 * Defaults to an in-memory store and a silent logger when called programmatically.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  checkOptions(options);
  const { clock = systemClock, ids = randomIds, logger: givenLogger, ...settings } = options;
  // A setting given as undefined keeps its default.
  const given = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
  const config: Config = checkConfig({
    ...defaultConfig,
    statePath: ':memory:',
    port: 0,
    logLevel: 'silent',
    ...given,
  });
  // A logger of its own writes to standard output, unless silent (the default of a programmatic start).
  let ownLogger: DeferredLogger | undefined;
  let logger: Logger;
  if (givenLogger) logger = givenLogger;
  else {
    ownLogger =
      config.logLevel === 'silent'
        ? deferredLogger('silent', (now) => ({ logger: pinoLogger('silent', undefined, now) }))
        : deferredStdoutLogger(config.logLevel);
    logger = ownLogger.logger;
  }
  // Principals are loaded first, the address taken next, the store opened last: a bad seed file or an address
  // that cannot be had stops the start with nothing written (a state file and its directories made for a start that
  // then could not listen stayed behind). The simulate route reads a domain's tags from the store (it is called only
  // once serving).
  let store: Store;
  const security = createSecurity(config, clock, logger, {
    resourceTags: (arn) => store.tags.asMap(arn),
    restoreServiceLinkedRole: (account) => store.transaction(() => restoreServiceLinkedRole(store, account)),
  });
  let port = config.port;
  // Made once the store is open, in the same turn as the listen's end: no request is read before it exists.
  // Assigned after listening, and read by the request listener made before.
  let app: http.RequestListener | undefined;
  // Once stopping, every answer closes its connection, those of requests already begun included: a keep-alive
  // client's next call then finds no server, rather than a connection reset under a request the server may have
  // read.
  let stopping = false;
  const unanswered = new Set<http.ServerResponse>();
  const serve: http.RequestListener = (req, res) => {
    if (stopping) res.setHeader('Connection', 'close');
    unanswered.add(res);
    res.once('close', () => unanswered.delete(res));
    app!(req, res);
  };
  const server = http.createServer(serve);
  // A request the parser cannot read is refused after the answers of those pipelined before it on its connection.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const onConnection = [...unanswered].filter((res) => res.req.socket === socket);
    refuseUnreadableRequest(error, socket, onConnection);
  });
  server.on('connect', (req: http.IncomingMessage, socket: Duplex) => refuseConnect(req, socket, ids.uuid()));
  // Expect: 100-continue (a client's choice for large bodies): a body over the limit is refused from its declared
  // length without being invited (the app answers 413 before reading); any other is invited, then read.
  server.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => {
    // The local routes take less than the API does: a body they would refuse is not invited either.
    const limit = isLocalPath(originForm(req.url ?? '/')) ? maxLocalBodyBytes : config.maxBodyBytes;
    if (Number(req.headers['content-length'] ?? 0) > limit) leaveUninvited(req);
    else res.writeContinue();
    serve(req, res);
  });
  // The SDKs keep connections alive; keep them longer than their idle timeouts.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // Not listening (the port taken, say): the state file was not opened.
    ownLogger?.close();
    // Named by the settings that chose the address, as a bad value of any other setting is.
    const reason = error instanceof Error ? error.message : String(error);
    // The system's code (EADDRINUSE...) stays on the error, for a caller that retries on it.
    throw Object.assign(
      new Error(`cannot listen on HOST ${config.host}, PORT ${config.port}: ${reason}`, { cause: error }),
      {
        code: (error as NodeJS.ErrnoException).code,
      },
    );
  }
  port = (server.address() as AddressInfo).port;
  try {
    store = Store.open(config.statePath);
    try {
      repairStoredForms(store, logger);
      app = createApp({
        config,
        clock,
        ids,
        store,
        logger,
        authenticator: security.authenticator,
        authorizer: security.authorizer,
        localRoutes: security.localRoutes,
        listeningPort: () => port,
        principalIdOf: (arn) => security.directory.uniqueIdOf(arn),
        principalExists: (arn) => security.directory.holdsIdentity(arn),
      });
    } catch (error) {
      store.close();
      throw error;
    }
  } catch (error) {
    // The state file cannot be used (in use, not a database...): the address is let go, then the start fails.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    ownLogger?.close();
    throw error;
  }
  const stateFileWatch = watchStateFile(config.statePath, logger);
  return {
    endpoint: endpointFor(config.host, port),
    port,
    region: config.defaultRegion,
    credentials: { ...defaultCredentials },
    config: { ...config, port },
    store,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        for (const res of unanswered) if (!res.headersSent) res.setHeader('Connection', 'close');
        // Requests begun are answered (and their connections closed after them); close() closes the idle
        // connections itself, and whatever is still open after the grace period is cut.
        const cutOff = setTimeout(() => server.closeAllConnections(), stopGraceMs);
        server.close(() => {
          clearTimeout(cutOff);
          stateFileWatch?.close();
          // SQLite writes on into a file removed while it is open, and it goes with the process: say so.
          if (config.statePath !== ':memory:' && !fs.existsSync(config.statePath)) {
            logger.warn(
              { statePath: config.statePath },
              'the state file was removed while the emulator ran: the state it kept since then is lost',
            );
          }
          store.close();
          // Writes what is buffered and stops the flush timer; standard output itself stays open.
          ownLogger?.close();
          resolve();
        });
      }),
  };
}

export { createApp } from './app';
export type { Config, IamMode } from './config';
// What a failed start rejects with, for a suite to tell them apart: a setting, the IAM seed, a state file in use.
export { ConfigError } from './config';
export { SeedError } from './iam/principals';
export { StateFileInUseError } from '../store/database';
// A test suite's own time and ids: `startEmulator({ clock: new ManualClock(), ids: sequentialIds() })`.
export { ManualClock, sequentialIds } from './runtime';
export type { Clock, IdGenerator } from './runtime';

#!/usr/bin/env node
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Config } from './config';
import {
  checkConfig,
  ConfigError,
  configFromEnvironment,
  environmentNames,
  integerRanges,
  loadDotEnv,
  parseAccountId,
  parseIamMode,
  parseInteger,
  parseNonEmpty,
} from './config';
import { deferredStdoutLogger, startEmulator } from './index';
import { runAsNpmScriptCommand, stopWhenParentIsGone } from './npm-script';

const usage = `Usage: amazon-es-local [options]

A local Amazon Elasticsearch Service configuration API (2015-01-01).

Options (each also read from the environment, and from a .env file in the working directory):
  --port N            PORT                  port to listen on (default 4578; 0 picks a free one)
  --host ADDR         HOST                  address to bind (default 127.0.0.1)
  --state PATH        STATE_PATH            SQLite state file (default .es-local/state.sqlite; :memory: keeps nothing)
  --account-id ID     ACCOUNT_ID            account of the default caller, and of every caller with
                                            IAM_MODE=off (default 000000000000)
  --iam-seed FILE     IAM_SEED              principals and policies (JSON)
  --iam-mode MODE     IAM_MODE              enforce (default), audit or off
                      DOMAIN_PROCESSING_MS  how long a create, update, upgrade step, delete, software update,
                                            package copy, VPC endpoint, connection or reserved-instance
                                            payment stays in progress (default 0: done by the next call)
                      TRUST_PROXY           take aws:SourceIp from X-Forwarded-For (default false)
                      SOFTWARE_UPDATE_AVAILABLE
                                            new domains start a service software release behind, with the
                                            newest one offered (default false: on the newest, as AWS)
                      LOG_LEVEL             silent, fatal, error, warn, info (default), debug, trace
                      MAX_BODY_BYTES        larger request bodies are refused (default 10485760)
                      DEFAULT_REGION        region of a request that names none (default us-east-1)
  -h, --help          this text
`;

/** The setting each command-line option gives. */
const flagSettings = {
  port: 'port',
  host: 'host',
  state: 'statePath',
  'account-id': 'accountId',
  'iam-seed': 'iamSeed',
  'iam-mode': 'iamMode',
} as const satisfies Record<string, keyof Config>;

/** Runs read(); a bad value that .env gave (not the environment) is named as .env's. */
function fromDotEnvNamed<T>(read: () => T, fromDotEnv: readonly string[]): T {
  try {
    return read();
  } catch (error) {
    const name =
      error instanceof ConfigError
        ? fromDotEnv.find((each) => error.message.startsWith(`${each} `))
        : undefined;
    if (name === undefined) throw error;
    throw new ConfigError(`${(error as Error).message} (set in .env)`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      state: { type: 'string' },
      'account-id': { type: 'string' },
      'iam-seed': { type: 'string' },
      'iam-mode': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  const fromDotEnv = loadDotEnv();
  // The command line wins over the environment and .env: a variable a flag replaces is not read, so that a bad
  // value of it cannot stop a start that does not use it.
  const environment = { ...process.env };
  for (const [flag, setting] of Object.entries(flagSettings)) {
    if (values[flag as keyof typeof values] !== undefined) delete environment[environmentNames[setting]];
  }
  const readFromDotEnv = fromDotEnv.filter((name) => environment[name] !== undefined);
  const config = fromDotEnvNamed(() => configFromEnvironment(environment), readFromDotEnv);
  if (values.port !== undefined) config.port = parseInteger('--port', values.port, ...integerRanges.port);
  if (values.host !== undefined) config.host = parseNonEmpty('--host', values.host);
  if (values.state !== undefined) config.statePath = parseNonEmpty('--state', values.state);
  // Checked as ACCOUNT_ID is: a bad account id stops the start instead of naming ARNs with it.
  if (values['account-id'] !== undefined) {
    config.accountId = parseAccountId('--account-id', values['account-id']);
  }
  if (values['iam-seed'] !== undefined) config.iamSeed = parseNonEmpty('--iam-seed', values['iam-seed']);
  if (values['iam-mode'] !== undefined) config.iamMode = parseIamMode('--iam-mode', values['iam-mode']);

  fromDotEnvNamed(() => checkConfig(config), readFromDotEnv);
  // Buffered lines are written at a stop (drain, below), and at any other exit (pino flushes its asynchronous
  // destinations then, and the deferred logger what waits for pino).
  const log = deferredStdoutLogger(config.logLevel);
  const emulator = await startEmulator({ ...config, logger: log.logger });
  writeToStandardOutput(
    `amazon-es-local listening on ${emulator.endpoint} (state: ${config.statePath}, IAM: ${config.iamMode})\n`,
  );
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    // A second signal while stopping ends the process at once, as the signal does without a handler.
    if (stopping) {
      endBySignal(signal);
      return;
    }
    stopping = true;
    void emulator
      .stop()
      .then(() => log.drain(exitLogWaitMs))
      .then((written) => {
        if (written) process.exit(0);
        // The log could not be written (nobody reads standard output): a write blocked in the thread pool would
        // hold an exit forever, so the process ends as the signal ends it without a handler.
        else endBySignal(signal);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // A terminal that closes sends SIGHUP. Its default action ended the process with the log's last batch unwritten
  // (up to 15 KB of lines) and the state file not closed. `nohup` cannot keep it off: Node sets every ignored
  // signal but SIGPIPE and SIGXFSZ back to its default action at start, so a handler takes nothing from it.
  process.on('SIGHUP', () => shutdown('SIGHUP'));
  // npm forwards SIGTERM to the shell it runs a script in, which does not pass it on (server/npm-script). A stop
  // under way goes on: Ctrl-C also ends that shell, and a second signal would end the stop at once.
  if (runAsNpmScriptCommand(process.env)) {
    stopWhenParentIsGone(() => {
      if (!stopping) shutdown('SIGTERM');
    });
  }
}

function endBySignal(signal: NodeJS.Signals): void {
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
  // As PID 1 (a container without an init) the kernel ignores a signal's default action: exit with the code a
  // shell gives a process the signal ended. (If a write to an unread pipe holds a thread, that exit waits for it:
  // run such a container with an init, `docker run --init`.)
  setImmediate(() => process.exit(128 + os.constants.signals[signal]));
}

/** How long a stop waits for standard output to take the last lines, when nobody is reading it. */
const exitLogWaitMs = 2_000;

/**
 * Writes straight to file descriptor 1, as the log does: creating process.stdout (a stream, over a pipe a
 * socket) cost ~1 ms of the cold start for this one line. A descriptor that would block (non-blocking and
 * full) gets the rest through process.stdout, which waits.
 */
function writeToStandardOutput(text: string): void {
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    while (written < bytes.length) written += fs.writeSync(1, bytes, written);
  } catch (error) {
    // Nobody reads standard output any longer (`amazon-es-local | true`): the line has no reader to reach, and the
    // log's writer stops on the same EPIPE.
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return;
    process.stdout.on('error', () => undefined);
    process.stdout.write(bytes.subarray(written));
  }
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`amazon-es-local: ${message}\n`);
  process.exit(1);
});

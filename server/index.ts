import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Logger } from 'pino';
import { Store } from '../store/store';
import { createApp } from './app';
import { createSecurity } from './auth/security';
import type { Config } from './config';
import { defaultConfig } from './config';
import type { Clock, IdGenerator } from './runtime';
import { randomIds, systemClock } from './runtime';

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
  /** Credentials of the default caller: the root of ACCOUNT_ID. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  config: Config;
  store: Store;
  stop(): Promise<void>;
}

/** The access key that is the root of ACCOUNT_ID when no IAM_SEED is given. */
export const defaultCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/**
 * Starts an emulator, for the CLI and for test suites: `await startEmulator({ port: 0 })`.
 * Defaults to an in-memory store and a silent logger when called programmatically.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const { clock = systemClock, ids = randomIds, logger: givenLogger, ...settings } = options;
  const config: Config = {
    ...defaultConfig,
    statePath: ':memory:',
    port: 0,
    logLevel: 'silent',
    ...settings,
  };
  const logger =
    givenLogger ??
    pino({ level: config.logLevel, redact: ['*.secretAccessKey', '*.sessionToken', '*.authorization'] });
  // Principals are loaded before the store opens: a bad seed file stops the start with nothing to undo.
  const security = createSecurity(config, clock, logger);
  const store = Store.open(config.statePath);
  let port = config.port;
  const app = createApp({
    config,
    clock,
    ids,
    store,
    logger,
    authenticator: security.authenticator,
    authorizer: security.authorizer,
    localRoutes: security.localRoutes,
    listeningPort: () => port,
  });
  const server = http.createServer(app);
  // The SDKs keep connections alive; keep them longer than their idle timeouts.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    endpoint: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    region: config.defaultRegion,
    credentials: { ...defaultCredentials },
    config: { ...config, port },
    store,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          store.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

export { createApp } from './app';
export type { Config } from './config';

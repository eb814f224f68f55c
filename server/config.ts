import fs from 'node:fs';
import util from 'node:util';
import { isRegionName } from './partitions';

export type IamMode = 'enforce' | 'audit' | 'off';

/** Every setting, with the name it has in the environment and in `.env.example`. */
export interface Config {
  /** PORT */
  port: number;
  /** HOST */
  host: string;
  /** STATE_PATH: the SQLite file; `:memory:` keeps nothing. */
  statePath: string;
  /** ACCOUNT_ID: the account of the default root caller, and of every caller when IAM_MODE=off. */
  accountId: string;
  /**
   * DOMAIN_PROCESSING_MS: how long what AWS does in the background stays in progress: a domain's create, update
   * or deletion, each step of an upgrade, a service software update, a package's copy, a VPC endpoint, a
   * cross-cluster connection, a reserved instance's payment (the README's settings).
   */
  domainProcessingMs: number;
  /** IAM_SEED: the principals file. */
  iamSeed: string | undefined;
  /** IAM_MODE: enforce, audit or off. */
  iamMode: IamMode;
  /** TRUST_PROXY: take aws:SourceIp from X-Forwarded-For. */
  trustProxy: boolean;
  /**
   * SOFTWARE_UPDATE_AVAILABLE: new domains start on the previous service software release with the newest one
   * offered (ELIGIBLE), to exercise Start/CancelElasticsearchServiceSoftwareUpdate. Off, they run the newest
   * release with no update available, as AWS answered for a new domain.
   */
  softwareUpdateAvailable: boolean;
  /** LOG_LEVEL: pino level (silent, fatal, error, warn, info, debug, trace). */
  logLevel: string;
  /** MAX_BODY_BYTES: larger request bodies are refused before they are read. */
  maxBodyBytes: number;
  /** DEFAULT_REGION: the region of a request that carries none (unsigned, IAM_MODE=off). */
  defaultRegion: string;
}

export const defaultConfig: Config = {
  port: 4578,
  host: '127.0.0.1',
  statePath: '.es-local/state.sqlite',
  accountId: '000000000000',
  domainProcessingMs: 0,
  iamSeed: undefined,
  iamMode: 'enforce',
  trustProxy: false,
  softwareUpdateAvailable: false,
  logLevel: 'info',
  maxBodyBytes: 10 * 1024 * 1024,
  defaultRegion: 'us-east-1',
};

export const environmentNames: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'HOST',
  statePath: 'STATE_PATH',
  accountId: 'ACCOUNT_ID',
  domainProcessingMs: 'DOMAIN_PROCESSING_MS',
  iamSeed: 'IAM_SEED',
  iamMode: 'IAM_MODE',
  trustProxy: 'TRUST_PROXY',
  softwareUpdateAvailable: 'SOFTWARE_UPDATE_AVAILABLE',
  logLevel: 'LOG_LEVEL',
  maxBodyBytes: 'MAX_BODY_BYTES',
  defaultRegion: 'DEFAULT_REGION',
};

/** A setting that cannot be used; named so that a suite may match it by name as by class. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the settings from an environment (process.env, after `.env` was loaded). */
export function configFromEnvironment(env: NodeJS.ProcessEnv, base: Config = defaultConfig): Config {
  const config: Config = { ...base };
  const raw = (key: keyof Config) => {
    const value = env[environmentNames[key]];
    return value === undefined || value === '' ? undefined : value;
  };
  const port = raw('port');
  if (port !== undefined) config.port = parseInteger('PORT', port, ...integerRanges.port);
  config.host = raw('host') ?? config.host;
  config.statePath = raw('statePath') ?? config.statePath;
  const account = raw('accountId');
  if (account !== undefined) config.accountId = parseAccountId('ACCOUNT_ID', account);
  const processing = raw('domainProcessingMs');
  if (processing !== undefined) {
    config.domainProcessingMs = parseInteger(
      'DOMAIN_PROCESSING_MS',
      processing,
      ...integerRanges.domainProcessingMs,
    );
  }
  config.iamSeed = raw('iamSeed') ?? config.iamSeed;
  const mode = raw('iamMode');
  if (mode !== undefined) config.iamMode = parseIamMode('IAM_MODE', mode);
  const trust = raw('trustProxy');
  if (trust !== undefined) config.trustProxy = parseBoolean('TRUST_PROXY', trust);
  const softwareUpdate = raw('softwareUpdateAvailable');
  if (softwareUpdate !== undefined) {
    config.softwareUpdateAvailable = parseBoolean('SOFTWARE_UPDATE_AVAILABLE', softwareUpdate);
  }
  config.logLevel = raw('logLevel') ?? config.logLevel;
  const maxBody = raw('maxBodyBytes');
  if (maxBody !== undefined) {
    config.maxBodyBytes = parseInteger('MAX_BODY_BYTES', maxBody, ...integerRanges.maxBodyBytes);
  }
  config.defaultRegion = raw('defaultRegion') ?? config.defaultRegion;
  return config;
}

/** The bounds of the whole-number settings, wherever they are given. */
export const integerRanges = {
  port: [0, 65535],
  domainProcessingMs: [0, 86_400_000],
  maxBodyBytes: [1024, 1 << 30],
} as const satisfies Partial<Record<keyof Config, readonly [number, number]>>;

const iamModes: readonly IamMode[] = ['enforce', 'audit', 'off'];

/** An AWS account id: 12 digits. */
const accountIdPattern = /^\d{12}$/;

/** pino's levels; `silent` writes nothing. */
export const logLevels = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

/**
 * Checks every setting, however it was given (the environment, the command line, or startEmulator's options in
 * a test suite, which TypeScript alone does not guard: a typo in `iamMode` would otherwise quietly not enforce).
 * A setting is named as in the environment, with its option name beside it.
 */
export function checkConfig(config: Config): Config {
  const named = (key: keyof Config) => `${environmentNames[key]} (${key})`;
  const integer = (key: keyof typeof integerRanges) => {
    const [min, max] = integerRanges[key];
    const value = config[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new ConfigError(`${named(key)} must be a whole number from ${min} to ${max}, got ${show(value)}`);
    }
  };
  const text = (key: keyof Config) => {
    if (typeof config[key] !== 'string' || config[key] === '') {
      throw new ConfigError(`${named(key)} must be a non-empty string, got ${show(config[key])}`);
    }
  };
  const flag = (key: keyof Config) => {
    if (typeof config[key] !== 'boolean') {
      throw new ConfigError(`${named(key)} must be true or false, got ${show(config[key])}`);
    }
  };
  integer('port');
  text('host');
  text('statePath');
  if (typeof config.accountId !== 'string' || !accountIdPattern.test(config.accountId)) {
    throw new ConfigError(`${named('accountId')} must be 12 digits, got ${show(config.accountId)}`);
  }
  integer('domainProcessingMs');
  if (config.iamSeed !== undefined) text('iamSeed');
  if (!iamModes.includes(config.iamMode)) {
    throw new ConfigError(`${named('iamMode')} must be enforce, audit or off, got ${show(config.iamMode)}`);
  }
  flag('trustProxy');
  flag('softwareUpdateAvailable');
  if (!(logLevels as readonly unknown[]).includes(config.logLevel)) {
    throw new ConfigError(
      `${named('logLevel')} must be one of ${logLevels.join(', ')}, got ${show(config.logLevel)}`,
    );
  }
  integer('maxBodyBytes');
  if (typeof config.defaultRegion !== 'string' || !isRegionName(config.defaultRegion)) {
    throw new ConfigError(
      `${named('defaultRegion')} must be a Region name such as us-east-1, got ${show(config.defaultRegion)}`,
    );
  }
  return config;
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/** An AWS account id is 12 digits; the same check for ACCOUNT_ID and --account-id. */
export function parseAccountId(name: string, value: string): string {
  if (!accountIdPattern.test(value)) throw new ConfigError(`${name} must be 12 digits, got '${value}'`);
  return value;
}

/** The same check for IAM_MODE and --iam-mode, the message naming the one given. */
export function parseIamMode(name: string, value: string): IamMode {
  if ((iamModes as readonly string[]).includes(value)) return value as IamMode;
  throw new ConfigError(`${name} must be enforce, audit or off, got '${value}'`);
}

/** A flag's text that may not be empty (--host, --state, --iam-seed), named as given. */
export function parseNonEmpty(name: string, value: string): string {
  if (value === '') throw new ConfigError(`${name} must not be empty`);
  return value;
}

/** true/false (or 1/0); anything else is refused rather than read as false. */
export function parseBoolean(name: string, value: string): boolean {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(`${name} must be true or false, got '${value}'`);
}

export function parseInteger(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value)) throw new ConfigError(`${name} must be a whole number, got '${value}'`);
  const n = Number(value);
  // The text as given: a number past 2^53 read back would name another (PORT=9007199254740993 as …992).
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return n;
}

/**
 * Loads `.env` from the working directory into process.env, never overriding what is already set (an empty
 * variable counts as unset, as it does for every setting); answers the names it set. A line that is not
 * NAME=value stops the start: Node's parser would read it and the line after as one name, and that setting would
 * silently be lost.
 */
export function loadDotEnv(file = '.env'): string[] {
  if (!fs.existsSync(file)) return [];
  let text: string;
  try {
    // A byte order mark (an editor's UTF-8 with BOM) is no part of the first name.
    text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new ConfigError(`${file} cannot be read: ${(error as Error).message}`);
  }
  const values = util.parseEnv(text);
  for (const name of Object.keys(values)) {
    if (/\s/.test(name)) {
      throw new ConfigError(`${file}: '${name.split(/\r?\n/)[0]}' is not a line of the form NAME=value`);
    }
  }
  const dropped = droppedLastLine(text, values);
  if (dropped !== undefined) {
    throw new ConfigError(`${file}: '${dropped}' is not a line of the form NAME=value`);
  }
  const supplied: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (process.env[name] === undefined || process.env[name] === '') {
      process.env[name] = value;
      supplied.push(name);
    }
  }
  return supplied;
}

/**
 * The file's last line (comments and blank lines aside), when Node's parser drops it without a word: any line
 * before it that is not NAME=value is read with the next one (the name check above), but the last one is simply
 * lost, `IAM_MODE off` as much as `IAM_MODE "off"` or, at the very end of the file, `IAM_MODE="off`. The parser
 * itself tells: the line read alone sets nothing it set, and the file without it reads the same.
 */
function droppedLastLine(text: string, values: Record<string, string | undefined>): string | undefined {
  const lines = text.split(/\r?\n/);
  let last = lines.length - 1;
  while (last >= 0 && /^\s*(#.*)?$/.test(lines[last] ?? '')) last--;
  if (last < 0) return undefined;
  const alone = util.parseEnv(lines.slice(last).join('\n'));
  if (Object.entries(alone).some(([name, value]) => values[name] === value)) return undefined;
  // With its line end: at the very end of the file the parser drops a line it reads otherwise (an open quote).
  const without = util.parseEnv(`${lines.slice(0, last).join('\n')}\n`);
  const sameAsWithout =
    Object.keys(without).length === Object.keys(values).length &&
    Object.entries(without).every(([name, value]) => values[name] === value);
  return sameAsWithout ? (lines[last] ?? '').trim() : undefined;
}

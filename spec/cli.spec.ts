import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  DescribeElasticsearchDomainCommand,
  ElasticsearchServiceClient,
  ListDomainNamesCommand,
} from '@aws-sdk/client-elasticsearch-service';
import { configFromEnvironment, defaultConfig } from '../server/config';
import { runAsNpmScriptCommand } from '../server/npm-script';
import { errorOf } from './support/emulator';
import { createTestDomain } from './support/domains';

/**
 * Issue 2 item 8, through the compiled CLI as `npm start` and the `bin` run it: --help, the start-up line,
 * the settings from the command line, the environment and a `.env` file (in that order of precedence), bad
 * settings that stop the start, and state kept across a restart.
 */

const cli = path.resolve(__dirname, '..', 'server', 'cli.js');

/** Every setting the CLI reads: removed from the inherited environment so each test sets its own. */
const settingNames = [
  'PORT',
  'HOST',
  'STATE_PATH',
  'ACCOUNT_ID',
  'DOMAIN_PROCESSING_MS',
  'IAM_SEED',
  'IAM_MODE',
  'TRUST_PROXY',
  'SOFTWARE_UPDATE_AVAILABLE',
  'LOG_LEVEL',
  'MAX_BODY_BYTES',
  'DEFAULT_REGION',
];

/** An address no interface of this machine has (TEST-NET-3): listening on it fails, nothing binds. */
const FOREIGN_HOST = '203.0.113.1';

interface Run {
  cwd?: string;
  env?: Record<string, string>;
}

interface Started {
  endpoint: string;
  /** The start-up line. */
  line: string;
  child: ChildProcess;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

const children = new Set<ChildProcess>();

function childEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of settingNames) delete base[name];
  return { ...base, LOG_LEVEL: 'silent', ...env };
}

function spawnCli(args: string[], run: Run): ChildProcess {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: run.cwd ?? scratch(),
    env: childEnv(run.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Starts the CLI and resolves with its endpoint once it prints the start-up line; rejects if it exits. */
function start(args: string[], run: Run = {}): Promise<Started> {
  const child = spawnCli(args, run);
  return new Promise((resolve, reject) => {
    let output = '';
    const onExit = (code: number | null) => reject(new Error(`the emulator exited with ${code}: ${output}`));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^amazon-es-local listening on (http:\/\/\S+).*$/m.exec(output);
      if (!match) return;
      child.off('exit', onExit);
      resolve({
        endpoint: match[1]!,
        line: match[0],
        child,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done(child.exitCode);
            child.once('exit', (code) => done(code));
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', onExit);
  });
}

/** Runs the CLI to its end (for --help and refused starts). */
function runToExit(
  args: string[],
  run: Run = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnCli(args, run);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

const scratchDirectories: string[] = [];
function scratch(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'es-local-cli-'));
  scratchDirectories.push(directory);
  return directory;
}

/** A port free on 127.0.0.1 at the time of asking. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** What probe finds, asked every 50 ms for up to 10 s; the test fails with what describe says if it finds nothing. */
async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  describe: () => string,
): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`waited 10 s: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Whether something accepts a connection at the endpoint's port. */
function answers(endpoint: string): Promise<boolean> {
  const { hostname, port } = new URL(endpoint);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const clients: ElasticsearchServiceClient[] = [];
function clientFor(endpoint: string): ElasticsearchServiceClient {
  const client = new ElasticsearchServiceClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  clients.push(client);
  return client;
}

function createDomain(endpoint: string, DomainName: string) {
  return createTestDomain(clientFor(endpoint), DomainName);
}

function describeDomain(endpoint: string, DomainName: string) {
  return clientFor(endpoint).send(new DescribeElasticsearchDomainCommand({ DomainName }));
}

describe('The CLI (node dist/server/cli.js, as npm start and the bin run it)', () => {
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    for (const child of children) child.kill('SIGKILL');
  });
  after(() => {
    for (const directory of scratchDirectories) fs.rmSync(directory, { recursive: true, force: true });
  });

  it('--help prints the usage with every option and exits 0', async () => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout } = await runToExit([flag]);
      assert.equal(code, 0);
      assert.match(stdout, /^Usage: amazon-es-local \[options\]/);
      for (const option of ['--port', '--host', '--state', '--account-id', '--iam-seed', '--iam-mode']) {
        assert.ok(stdout.includes(option), `the usage names ${option}`);
      }
      for (const name of settingNames) assert.ok(stdout.includes(name), `the usage names ${name}`);
    }
  });

  it('--port, --host and --state: one start-up line giving the endpoint, and the server answers there', async () => {
    const port = await freePort();
    const state = path.join(scratch(), 'flags.sqlite');
    const emulator = await start(['--port', String(port), '--host', '127.0.0.1', '--state', state]);
    assert.equal(emulator.endpoint, `http://127.0.0.1:${port}`);
    assert.equal(
      emulator.line,
      `amazon-es-local listening on http://127.0.0.1:${port} (state: ${state}, IAM: enforce)`,
    );
    await createDomain(emulator.endpoint, 'by-flags');
    assert.ok(fs.existsSync(state), 'the state file is where --state says');
    assert.equal(await emulator.stop(), 0, 'SIGTERM stops it cleanly');
  });

  it('stops on SIGHUP (a terminal that closes) as on SIGTERM: the log lines that wait are written, the state file closed', async () => {
    const state = path.join(scratch(), 'hangup.sqlite');
    const emulator = await start(['--port', '0', '--host', '127.0.0.1', '--state', state], {
      env: { LOG_LEVEL: 'info' },
    });
    let stdout = '';
    emulator.child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const { $metadata } = await clientFor(emulator.endpoint).send(new ListDomainNamesCommand({}));
    const ended = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      emulator.child.once('exit', (code, signal) => resolve([code, signal])),
    );
    // At once: the list's decision line waits in the log's batch (written within 100 ms, or at a stop).
    emulator.child.kill('SIGHUP');
    assert.deepEqual(await ended, [0, null], 'a clean stop, not the end by the signal');
    assert.ok($metadata.requestId, 'the answer names its request');
    assert.ok(
      stdout.includes(`"requestId":"${$metadata.requestId}"`),
      `the list's decision line is written: ${stdout}`,
    );
    // SQLite folds the write-ahead log into the file and removes it when the last connection closes.
    assert.equal(fs.existsSync(`${state}-wal`), false, 'the state file was closed');
  });

  it('run by npm (npm start), stops when npm is sent SIGTERM, which npm passes to its shell alone', async () => {
    const directory = scratch();
    const script = `node ${JSON.stringify(cli)} --port 0 --host 127.0.0.1 --state :memory:`;
    fs.writeFileSync(
      path.join(directory, 'package.json'),
      JSON.stringify({ name: 'run-by-npm', private: true, scripts: { start: script } }),
    );
    const npm = spawn('npm', ['start'], {
      cwd: directory,
      env: childEnv({ LOG_LEVEL: 'info' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(npm);
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const endpoint = await waitFor(
      () => /listening on (http:\/\/\S+)/.exec(output)?.[1],
      () => output,
    );
    await clientFor(endpoint).send(new ListDomainNamesCommand({}));
    // The emulator's own pid, from its decision line: npm's child is the shell.
    const emulatorPid = Number(
      await waitFor(
        () => /"pid":(\d+)/.exec(output)?.[1],
        () => output,
      ),
    );
    assert.notEqual(emulatorPid, npm.pid);
    npm.kill('SIGTERM');
    try {
      await waitFor(
        async () => ((await answers(endpoint)) ? undefined : 'closed'),
        () => `the emulator still answers at ${endpoint} after npm ended`,
      );
    } catch (error) {
      // Not left serving: afterEach kills the test's own children, and the emulator is npm's grandchild.
      process.kill(emulatorPid, 'SIGKILL');
      throw error;
    }
  });

  it('goes on serving when the reader of its standard output is gone before its first line (| head -1)', async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [cli, '--port', String(port), '--host', '127.0.0.1', '--state', ':memory:'],
      {
        env: { ...process.env, LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.add(child);
    // The read end closes at once: the start-up line meets EPIPE, and so do the log's lines.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const endpoint = `http://127.0.0.1:${port}`;
    let names: unknown;
    for (let attempt = 0; attempt < 100 && names === undefined; attempt++) {
      try {
        names = (await clientFor(endpoint).send(new ListDomainNamesCommand({}))).DomainNames;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    assert.deepEqual(names, [], stderr);
    await createDomain(endpoint, 'unread');
    // Past the log's periodic flush (100 ms): its lines met EPIPE, which is no error and says nothing.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(stderr, '');
    assert.equal(child.exitCode, null, `the emulator exited: ${stderr}`);
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 0, stderr);
  });

  it('goes on serving, and stops on SIGTERM, when its log cannot be written (standard output on a full disk)', async function () {
    // /dev/full answers every write ENOSPC, as a full disk does (Linux).
    if (!fs.existsSync('/dev/full')) this.skip();
    const port = await freePort();
    const full = fs.openSync('/dev/full', 'w');
    const child = spawn(
      process.execPath,
      [cli, '--port', String(port), '--host', '127.0.0.1', '--state', ':memory:'],
      { env: { ...process.env, LOG_LEVEL: 'info' }, stdio: ['ignore', full, 'pipe'] },
    );
    fs.closeSync(full);
    children.add(child);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const endpoint = `http://127.0.0.1:${port}`;
    const withinSeconds = <T>(seconds: number, work: Promise<T>) =>
      Promise.race([
        work,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`no answer in ${seconds} s: ${stderr}`)), seconds * 1000),
        ),
      ]);
    // Listening once a connection is accepted (the start-up line went to standard output).
    await waitFor(
      async () => ((await answers(endpoint)) ? 'listening' : undefined),
      () => `nothing listens at ${endpoint}: ${stderr}`,
    );
    // A first call's decision line, written within 100 ms (the log's periodic flush), meets ENOSPC.
    await withinSeconds(5, clientFor(endpoint).send(new ListDomainNamesCommand({})));
    const message =
      'amazon-es-local: the log cannot be written to standard output (ENOSPC: no space left on device, write): ' +
      'logging stops, serving goes on\n';
    for (let waited = 0; waited < 5000 && !stderr.includes(message); waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(stderr, message);
    // Before, that failure froze every call after it, and every signal but SIGKILL.
    for (let call = 0; call < 10; call++) {
      await withinSeconds(5, clientFor(endpoint).send(new ListDomainNamesCommand({})));
    }
    await withinSeconds(5, createDomain(endpoint, 'unlogged'));
    assert.equal((await describeDomain(endpoint, 'unlogged')).DomainStatus?.DomainName, 'unlogged');
    child.kill('SIGTERM');
    const code = await withinSeconds(5, new Promise((resolve) => child.once('exit', resolve)));
    assert.equal(code, 0, stderr);
  });

  it('PORT, HOST, STATE_PATH, ACCOUNT_ID and DOMAIN_PROCESSING_MS from the environment', async () => {
    const port = await freePort();
    const state = path.join(scratch(), 'env.sqlite');
    const emulator = await start([], {
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        STATE_PATH: state,
        ACCOUNT_ID: '123456789012',
        // An hour: the domain is still Processing on the next call (with 0 it would be active).
        DOMAIN_PROCESSING_MS: '3600000',
      },
    });
    assert.equal(emulator.endpoint, `http://127.0.0.1:${port}`);
    assert.ok(emulator.line.includes(`(state: ${state},`));
    const { DomainStatus } = await createDomain(emulator.endpoint, 'from-env');
    assert.equal(DomainStatus?.ARN, 'arn:aws:es:us-east-1:123456789012:domain/from-env');
    const described = await describeDomain(emulator.endpoint, 'from-env');
    assert.equal(described.DomainStatus?.Processing, true);
    assert.ok(fs.existsSync(state));
    await emulator.stop();
  });

  it('HOST from the environment is the address it binds (a foreign one cannot be bound)', async () => {
    const { code, stderr } = await runToExit([], { env: { HOST: FOREIGN_HOST, PORT: '0' } });
    assert.notEqual(code, 0);
    assert.match(
      stderr,
      new RegExp(`^amazon-es-local: cannot listen on HOST ${FOREIGN_HOST.replace(/\./g, '\\.')}, PORT 0: `),
    );
  });

  it('the same settings from a .env file in the working directory', async () => {
    const directory = scratch();
    const port = await freePort();
    fs.writeFileSync(
      path.join(directory, '.env'),
      [
        '# settings of a developer sandbox',
        `PORT=${port}`,
        'HOST=127.0.0.1',
        'STATE_PATH=dotenv.sqlite',
        'ACCOUNT_ID=210987654321',
        'DOMAIN_PROCESSING_MS=3600000',
        '',
      ].join('\n'),
    );
    const emulator = await start([], { cwd: directory });
    assert.equal(emulator.endpoint, `http://127.0.0.1:${port}`);
    const { DomainStatus } = await createDomain(emulator.endpoint, 'from-dotenv');
    assert.equal(DomainStatus?.ARN, 'arn:aws:es:us-east-1:210987654321:domain/from-dotenv');
    assert.equal((await describeDomain(emulator.endpoint, 'from-dotenv')).DomainStatus?.Processing, true);
    assert.ok(
      fs.existsSync(path.join(directory, 'dotenv.sqlite')),
      'STATE_PATH is relative to the directory',
    );
    await emulator.stop();
  });

  it('an empty variable in the environment leaves the setting of .env in place, as an unset one does', async () => {
    const directory = scratch();
    // PORT=0: not the default port, which another emulator on the machine may hold.
    fs.writeFileSync(path.join(directory, '.env'), 'ACCOUNT_ID=210987654321\nPORT=0\n');
    const emulator = await start([], { cwd: directory, env: { ACCOUNT_ID: '' } });
    const { DomainStatus } = await createDomain(emulator.endpoint, 'empty-env');
    assert.equal(DomainStatus?.ARN, 'arn:aws:es:us-east-1:210987654321:domain/empty-env');
    await emulator.stop();
  });

  it('the command line wins over the environment, which wins over .env', async () => {
    const directory = scratch();
    const [dotenvPort, envPort, flagPort] = [await freePort(), await freePort(), await freePort()];
    fs.writeFileSync(
      path.join(directory, '.env'),
      [
        `PORT=${dotenvPort}`,
        `HOST=${FOREIGN_HOST}`,
        'STATE_PATH=dotenv.sqlite',
        'ACCOUNT_ID=333333333333',
        'DOMAIN_PROCESSING_MS=3600000',
        '',
      ].join('\n'),
    );

    // The environment over .env: each setting of .env is replaced (its HOST could not even be bound).
    const fromEnv = await start([], {
      cwd: directory,
      env: {
        PORT: String(envPort),
        HOST: '127.0.0.1',
        STATE_PATH: 'env.sqlite',
        ACCOUNT_ID: '222222222222',
        DOMAIN_PROCESSING_MS: '0',
      },
    });
    assert.equal(fromEnv.endpoint, `http://127.0.0.1:${envPort}`);
    const created = await createDomain(fromEnv.endpoint, 'precedence');
    assert.equal(created.DomainStatus?.ARN, 'arn:aws:es:us-east-1:222222222222:domain/precedence');
    assert.equal((await describeDomain(fromEnv.endpoint, 'precedence')).DomainStatus?.Processing, false);
    await fromEnv.stop();
    assert.ok(fs.existsSync(path.join(directory, 'env.sqlite')));
    assert.ok(!fs.existsSync(path.join(directory, 'dotenv.sqlite')));

    // The command line over both.
    const fromFlags = await start(
      [
        '--port',
        String(flagPort),
        '--host',
        '127.0.0.1',
        '--state',
        'flag.sqlite',
        '--account-id',
        '444444444444',
      ],
      { cwd: directory, env: { PORT: String(envPort), HOST: FOREIGN_HOST, STATE_PATH: 'env.sqlite' } },
    );
    assert.equal(fromFlags.endpoint, `http://127.0.0.1:${flagPort}`);
    const flagged = await createDomain(fromFlags.endpoint, 'precedence');
    assert.equal(flagged.DomainStatus?.ARN, 'arn:aws:es:us-east-1:444444444444:domain/precedence');
    await fromFlags.stop();
    assert.ok(fs.existsSync(path.join(directory, 'flag.sqlite')));
  });

  it('the command line wins over a bad value of the environment or .env, which it replaces unread', async () => {
    const directory = scratch();
    fs.writeFileSync(path.join(directory, '.env'), 'IAM_MODE=foo\n');
    const started = await start(
      ['--port', '0', '--state', ':memory:', '--account-id', '111122223333', '--iam-mode', 'off'],
      {
        cwd: directory,
        env: { PORT: 'abc', ACCOUNT_ID: '1' },
      },
    );
    const created = await createDomain(started.endpoint, 'flags-win');
    assert.equal(created.DomainStatus?.ARN, 'arn:aws:es:us-east-1:111122223333:domain/flags-win');
    await started.stop();
    // Without the flag the value of .env is read, and named as .env's.
    const refused = await runToExit(['--port', '0', '--state', ':memory:'], { cwd: directory });
    assert.equal(refused.code, 1);
    assert.equal(
      refused.stderr,
      "amazon-es-local: IAM_MODE must be enforce, audit or off, got 'foo' (set in .env)\n",
    );
    // A setting checked with all the others (its value read as given) is named as .env's as well.
    fs.writeFileSync(path.join(directory, '.env'), 'DEFAULT_REGION=nowhere\n');
    const region = await runToExit(['--port', '0', '--state', ':memory:'], { cwd: directory });
    assert.equal(region.code, 1);
    assert.match(
      region.stderr,
      /^amazon-es-local: DEFAULT_REGION \(defaultRegion\) must be .*'nowhere' \(set in \.env\)\n$/,
    );
  });

  it('a .env that cannot be read is named; one saved with a byte order mark is read', async () => {
    const unreadable = scratch();
    fs.mkdirSync(path.join(unreadable, '.env'));
    const refused = await runToExit(['--port', '0', '--state', ':memory:'], { cwd: unreadable });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^amazon-es-local: \.env cannot be read: EISDIR/);
    const withMark = scratch();
    fs.writeFileSync(path.join(withMark, '.env'), '\uFEFFACCOUNT_ID=555555555555\n');
    const started = await start(['--port', '0', '--state', ':memory:'], { cwd: withMark });
    const created = await createDomain(started.endpoint, 'marked');
    assert.equal(created.DomainStatus?.ARN, 'arn:aws:es:us-east-1:555555555555:domain/marked');
    await started.stop();
  });

  it('a start that cannot listen leaves no state file and no directory behind', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = taken.address() as net.AddressInfo;
      const directory = scratch();
      const refused = await runToExit(['--port', String(port), '--state', 'made/for/it/state.sqlite'], {
        cwd: directory,
      });
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /cannot listen on HOST 127\.0\.0\.1, PORT \d+: listen EADDRINUSE/);
      assert.deepEqual(fs.readdirSync(directory), []);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  describe('a bad setting stops the start with a message and a non-zero exit', () => {
    const badSeed = (): string => {
      const file = path.join(scratch(), 'bad-seed.json');
      // accessKeys must be an array.
      fs.writeFileSync(
        file,
        JSON.stringify({ accounts: { '111122223333': { root: { accessKeys: 'AKIAROOT000000000001' } } } }),
      );
      return file;
    };
    const cases: {
      title: string;
      args?: string[];
      env?: Record<string, string>;
      dotenv?: string;
      message: RegExp;
    }[] = [
      { title: 'IAM_MODE=sometimes', env: { IAM_MODE: 'sometimes' }, message: /IAM_MODE.*sometimes/ },
      {
        title: '--iam-mode sometimes',
        args: ['--iam-mode', 'sometimes'],
        message: /^amazon-es-local: --iam-mode must be enforce, audit or off, got 'sometimes'$/m,
      },
      {
        title: '--state ""',
        args: ['--state', ''],
        message: /^amazon-es-local: --state must not be empty$/m,
      },
      { title: '--host ""', args: ['--host', ''], message: /^amazon-es-local: --host must not be empty$/m },
      {
        title: '--iam-seed ""',
        args: ['--iam-seed', ''],
        message: /^amazon-es-local: --iam-seed must not be empty$/m,
      },
      { title: 'PORT=http', env: { PORT: 'http' }, message: /PORT.*http/ },
      { title: '--port 70000', args: ['--port', '70000'], message: /--port.*70000/ },
      { title: 'ACCOUNT_ID=42', env: { ACCOUNT_ID: '42' }, message: /ACCOUNT_ID.*42/ },
      { title: '--account-id 42', args: ['--account-id', '42'], message: /--account-id.*42/ },
      {
        title: 'DOMAIN_PROCESSING_MS=soon',
        env: { DOMAIN_PROCESSING_MS: 'soon' },
        message: /DOMAIN_PROCESSING_MS/,
      },
      {
        title: 'TRUST_PROXY=yes',
        env: { TRUST_PROXY: 'yes' },
        message: /TRUST_PROXY must be true or false, got 'yes'/,
      },
      {
        title: 'SOFTWARE_UPDATE_AVAILABLE=yes',
        env: { SOFTWARE_UPDATE_AVAILABLE: 'yes' },
        message: /SOFTWARE_UPDATE_AVAILABLE must be true or false, got 'yes'/,
      },
      {
        title: 'SOFTWARE_UPDATE_AVAILABLE=on in .env',
        dotenv: 'SOFTWARE_UPDATE_AVAILABLE=on\n',
        message: /SOFTWARE_UPDATE_AVAILABLE must be true or false, got 'on'/,
      },
      { title: 'IAM_MODE=sometimes in .env', dotenv: 'IAM_MODE=sometimes\n', message: /IAM_MODE.*sometimes/ },
      {
        // Node's parser would read the line and the next as one name, and IAM_MODE would be lost.
        title: 'a line of .env that is not NAME=value',
        dotenv: 'this is not valid\nIAM_MODE=audit\n',
        message: /\.env: 'this is not valid' is not a line of the form NAME=value/,
      },
      {
        title: 'a last line of .env without a value',
        dotenv: 'IAM_MODE=audit\nHOST',
        message: /\.env: 'HOST' is not a line of the form NAME=value/,
      },
      {
        title: 'LOG_LEVEL=verbose',
        env: { LOG_LEVEL: 'verbose' },
        message:
          /LOG_LEVEL \(logLevel\) must be one of silent, fatal, error, warn, info, debug, trace, got 'verbose'/,
      },
      {
        title: 'DEFAULT_REGION=nowhere',
        env: { DEFAULT_REGION: 'nowhere' },
        message: /DEFAULT_REGION \(defaultRegion\) must be a Region name such as us-east-1, got 'nowhere'/,
      },
      { title: 'an unknown option', args: ['--colour'], message: /--colour/ },
      {
        title: 'an IAM seed file that does not exist',
        env: { IAM_SEED: '/nonexistent/seed.json' },
        message: /seed/i,
      },
    ];
    for (const { title, args = [], env = {}, dotenv, message } of cases) {
      it(title, async () => {
        const cwd = scratch();
        if (dotenv !== undefined) fs.writeFileSync(path.join(cwd, '.env'), dotenv);
        // --port 0 keeps a start that should fail off the default port; not for a bad PORT, which a flag replaces.
        const port = env.PORT === undefined ? ['--port', '0'] : [];
        const { code, stdout, stderr } = await runToExit([...port, ...args], {
          cwd,
          env: { STATE_PATH: ':memory:', ...env },
        });
        assert.notEqual(code, 0);
        assert.match(stderr, /^amazon-es-local: /);
        assert.match(stderr, message);
        assert.ok(!stdout.includes('listening'), 'it never listened');
      });
    }

    it('an IAM seed file of the wrong shape, named by the message with the place in the file', async () => {
      const file = badSeed();
      const runs: { args: string[]; env: Record<string, string> }[] = [
        { args: ['--iam-seed', file], env: {} },
        { args: [], env: { IAM_SEED: file } },
      ];
      for (const run of runs) {
        const { code, stderr } = await runToExit(['--port', '0', ...run.args], {
          env: { STATE_PATH: ':memory:', ...run.env },
        });
        assert.notEqual(code, 0);
        assert.match(stderr, /^amazon-es-local: /);
        assert.ok(stderr.includes('accessKeys'), stderr);
      }
    });
  });

  describe('state across a restart', () => {
    it('a domain created against a state file is still there after SIGTERM and a start on the same file', async () => {
      const state = path.join(scratch(), 'sandbox.sqlite');
      const first = await start(['--port', '0', '--host', '127.0.0.1', '--state', state]);
      await createDomain(first.endpoint, 'kept');
      assert.equal(await first.stop(), 0);

      const second = await start(['--port', '0', '--host', '127.0.0.1', '--state', state]);
      const { DomainStatus } = await describeDomain(second.endpoint, 'kept');
      assert.equal(DomainStatus?.DomainName, 'kept');
      assert.equal(DomainStatus?.ARN, 'arn:aws:es:us-east-1:000000000000:domain/kept');
      await second.stop();
    });

    it('a second emulator on a state file in use stops with a message; the first serves on, and its file is free once it is killed', async () => {
      const state = path.join(scratch(), 'shared.sqlite');
      const first = await start(['--port', '0', '--host', '127.0.0.1', '--state', state]);
      await createDomain(first.endpoint, 'held');

      const refused = await runToExit(['--port', '0', '--host', '127.0.0.1', '--state', state]);
      assert.equal(refused.code, 1);
      assert.equal(refused.stdout, '');
      assert.equal(
        refused.stderr,
        `amazon-es-local: the state file ${state} is in use by another process (one amazon-es-local serves a state file at a time): stop that one or choose another state file\n`,
      );
      await createDomain(first.endpoint, 'after-refusal');
      assert.equal((await describeDomain(first.endpoint, 'held')).DomainStatus?.DomainName, 'held');

      // The operating system releases the lock with the process, however it ends.
      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));
      const second = await start(['--port', '0', '--host', '127.0.0.1', '--state', state]);
      for (const name of ['held', 'after-refusal']) {
        assert.equal((await describeDomain(second.endpoint, name)).DomainStatus?.DomainName, name);
      }
      assert.equal(await second.stop(), 0);
    });

    it('with --state :memory: nothing is kept', async () => {
      const first = await start(['--port', '0', '--host', '127.0.0.1', '--state', ':memory:']);
      await createDomain(first.endpoint, 'forgotten');
      assert.equal((await describeDomain(first.endpoint, 'forgotten')).DomainStatus?.DomainName, 'forgotten');
      assert.equal(await first.stop(), 0);

      const second = await start(['--port', '0', '--host', '127.0.0.1', '--state', ':memory:']);
      const error = await errorOf(() => describeDomain(second.endpoint, 'forgotten'));
      assert.equal(error.name, 'ResourceNotFoundException');
      assert.equal(error.message, 'Domain not found: forgotten');
      await second.stop();
    });
  });
});

/** The environment's settings as the CLI reads them (its start above reads them so, after `.env`). */
describe('configFromEnvironment', () => {
  it('reads a flag as true or false, or 1 or 0', () => {
    for (const [value, expected] of [
      ['true', true],
      ['1', true],
      ['false', false],
      ['0', false],
    ] as const) {
      const config = configFromEnvironment({ TRUST_PROXY: value, SOFTWARE_UPDATE_AVAILABLE: value });
      assert.equal(config.trustProxy, expected, value);
      assert.equal(config.softwareUpdateAvailable, expected, value);
    }
  });

  it('takes a whole number up to its bound, and refuses one past it', () => {
    const config = configFromEnvironment({ PORT: '65535', DOMAIN_PROCESSING_MS: '86400000' });
    assert.equal(config.port, 65535);
    assert.equal(config.domainProcessingMs, 86_400_000);
    assert.throws(
      () => configFromEnvironment({ PORT: '65536' }),
      /^ConfigError: PORT must be between 0 and 65535, got 65536$/,
    );
    // Past 2^53 a number read back names another: the refusal echoes the text given.
    assert.throws(
      () => configFromEnvironment({ PORT: '9007199254740993' }),
      /^ConfigError: PORT must be between 0 and 65535, got 9007199254740993$/,
    );
  });

  it('keeps the default of a variable set empty, as of an unset one', () => {
    assert.deepEqual(
      configFromEnvironment({ PORT: '', ACCOUNT_ID: '', IAM_MODE: '', TRUST_PROXY: '', HOST: '' }),
      defaultConfig,
    );
  });
});

/** When npm's shell running the emulator as its one command ends, the emulator stops (server/npm-script). */
describe('runAsNpmScriptCommand', () => {
  const cases: [script: string | undefined, expected: boolean][] = [
    ['node dist/server/cli.js', true],
    ['node "/work/amazon-es-local/dist/server/cli.js" --port 0 --state :memory:', true],
    ["'amazon-es-local'", true],
    ["'amazon-es-local' '--port' '4566'", true],
    ['amazon-es-local --port 4566', true],
    ['./node_modules/.bin/amazon-es-local', true],
    ['amazon-es-local & jest', false],
    ['amazon-es-local --port 4566 && jest', false],
    ['amazon-es-local; jest', false],
    ['amazon-es-local | tee log', false],
    ['amazon-es-local > log', false],
    ['amazon-es-local --port $PORT', true],
    ['amazon-es-local --port $(cat port)', false],
    ['amazon-es-local --port `cat port`', false],
    ['node scripts/start-emulator-in-background.js', false],
    ['jest', false],
    ['node cli.js', false],
    [undefined, false],
  ];
  for (const [script, expected] of cases) {
    it(`${script === undefined ? 'no script' : script}: ${expected ? 'its one command' : 'not'}`, () => {
      const env =
        script === undefined
          ? { npm_lifecycle_event: 'start' }
          : { npm_lifecycle_event: 'start', npm_lifecycle_script: script };
      assert.equal(runAsNpmScriptCommand(env), expected);
    });
  }

  it('not without npm_lifecycle_event, which npm sets for every script', () => {
    assert.equal(runAsNpmScriptCommand({ npm_lifecycle_script: 'node dist/server/cli.js' }), false);
  });
});

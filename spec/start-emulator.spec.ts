import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  DescribeElasticsearchDomainCommand,
  ElasticsearchServiceClient,
  ListDomainNamesCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type { EmulatorOptions } from '../server/index';
import {
  ConfigError,
  endpointFor,
  ManualClock,
  sequentialIds,
  startEmulator,
  StateFileInUseError,
} from '../server/index';
import { createTestDomain } from './support/domains';
import { startTestEmulator } from './support/emulator';
import type { TestEmulator } from './support/emulator';

/** startEmulator, as a test suite calls it: its settings are checked as the CLI's are. */
describe('startEmulator', () => {
  for (const [title, options, message] of [
    [
      'a misspelt IAM mode',
      { iamMode: 'enforced' },
      /IAM_MODE \(iamMode\) must be enforce, audit or off, got 'enforced'/,
    ],
    [
      'an account id of 3 digits',
      { accountId: '123' },
      /ACCOUNT_ID \(accountId\) must be 12 digits, got '123'/,
    ],
    ['a port that is not a number', { port: 'abc' }, /PORT \(port\) must be a whole number from 0 to 65535/],
    ['a negative processing time', { domainProcessingMs: -1 }, /DOMAIN_PROCESSING_MS \(domainProcessingMs\)/],
    [
      'a processing time over a day',
      { domainProcessingMs: 86_400_001 },
      /DOMAIN_PROCESSING_MS \(domainProcessingMs\) must be a whole number from 0 to 86400000, got 86400001/,
    ],
    [
      'a processing time that is no whole number',
      { domainProcessingMs: 1.5 },
      /DOMAIN_PROCESSING_MS \(domainProcessingMs\) must be a whole number from 0 to 86400000, got 1\.5/,
    ],
    [
      'an account id of 13 digits',
      { accountId: '1234567890123' },
      /ACCOUNT_ID \(accountId\) must be 12 digits, got '1234567890123'/,
    ],
    ['an empty state path', { statePath: '' }, /STATE_PATH \(statePath\) must be a non-empty string, got ''/],
    ['an unknown log level', { logLevel: 'verbose' }, /LOG_LEVEL \(logLevel\) must be one of/],
    ['a region that is no Region name', { defaultRegion: 'nowhere' }, /DEFAULT_REGION \(defaultRegion\)/],
    ['a body limit below 1 KB', { maxBodyBytes: 0 }, /MAX_BODY_BYTES \(maxBodyBytes\)/],
    [
      'a body limit of 1023 bytes',
      { maxBodyBytes: 1023 },
      /MAX_BODY_BYTES \(maxBodyBytes\) must be a whole number from 1024 to 1073741824, got 1023/,
    ],
    [
      'a setting of the wrong type',
      { trustProxy: 'yes' },
      /TRUST_PROXY \(trustProxy\) must be true or false/,
    ],
    // A misspelt name would keep its default without a word: statePth an in-memory store, iamMod enforcement.
    [
      'a misspelt option name',
      { statePth: '/tmp/state.sqlite' },
      /^ConfigError: Unknown option 'statePth': the options are port, host, statePath/,
    ],
    ['an option name of another case', { IamMode: 'off' }, /^ConfigError: Unknown option 'IamMode'/],
    // Without its methods a clock or ids would fail every request, after a start that seemed fine.
    ['a clock without now()', { clock: {} }, /clock must be an object with a now\(\) method/],
    ['a clock of null', { clock: null }, /clock must be an object with a now\(\) method/],
    [
      'a clock answering NaN',
      { clock: { now: () => Number.NaN } },
      /clock\.now\(\) must answer epoch milliseconds, got NaN/,
    ],
    [
      'a clock answering a text',
      { clock: { now: () => '2026' } },
      /clock\.now\(\) must answer epoch milliseconds, got 2026/,
    ],
    [
      'a clock past what a Date holds',
      { clock: { now: () => 1e20 } },
      /clock\.now\(\) must answer epoch milliseconds, got 100000000000000000000/,
    ],
    [
      'options of null (a caller without types)',
      null,
      /^ConfigError: options must be an object of settings, got null/,
    ],
    ['ids without random()', { ids: { uuid: () => 'x' } }, /ids must be an object with uuid\(\) and random/],
    ['a logger that is no pino logger', { logger: {} }, /logger must be a pino logger/],
    ['a logger without info()', { logger: { child: () => ({}) } }, /logger must be a pino logger/],
  ] as [string, Record<string, unknown>, RegExp][]) {
    it(`refuses ${title}`, async () => {
      await assert.rejects(startEmulator(options as EmulatorOptions), message);
      // Exported, for a suite to tell a setting's refusal from others, by class or by name.
      await assert.rejects(startEmulator(options as EmulatorOptions), ConfigError);
      await assert.rejects(startEmulator(options as EmulatorOptions), { name: 'ConfigError' });
    });
  }

  it('refuses a state file another emulator serves with StateFileInUseError, by class and by name', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'es-local-in-use-'));
    const statePath = path.join(directory, 'state.sqlite');
    const first = await startEmulator({ port: 0, statePath });
    try {
      const second = startEmulator({ port: 0, statePath });
      await assert.rejects(second, StateFileInUseError);
      await assert.rejects(startEmulator({ port: 0, statePath }), { name: 'StateFileInUseError' });
    } finally {
      await first.stop();
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it('takes any Region name as DEFAULT_REGION, eusc-de-east-1 (the European Sovereign Cloud) among them', async () => {
    const emulator = await startTestEmulator({ iamMode: 'off', defaultRegion: 'eusc-de-east-1' });
    try {
      assert.equal(emulator.region, 'eusc-de-east-1');
      const client = emulator.client();
      await createTestDomain(client, 'sovereign');
      const status = (await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'sovereign' })))
        .DomainStatus;
      assert.equal(status?.ARN, 'arn:aws-eusc:es:eusc-de-east-1:000000000000:domain/sovereign');
    } finally {
      await emulator.stop();
    }
  });

  it('keeps the default of a setting given as undefined, and takes a clock and ids of its own', async () => {
    const clock = new ManualClock();
    const emulator = await startEmulator({
      port: undefined,
      iamMode: undefined,
      clock,
      ids: sequentialIds(),
    });
    try {
      assert.equal(emulator.config.iamMode, 'enforce');
      assert.ok(emulator.port > 0);
      const client = new ElasticsearchServiceClient({
        endpoint: emulator.endpoint,
        region: emulator.region,
        credentials: emulator.credentials,
      });
      const { DomainNames } = await client.send(new ListDomainNamesCommand({}));
      client.destroy();
      assert.deepEqual(DomainNames, []);
    } finally {
      await emulator.stop();
    }
  });

  it('gives an endpoint a client can call: 127.0.0.1 for HOST 0.0.0.0, an IPv6 address in brackets', () => {
    // Computed, not listened on: tests listen on loopback only.
    for (const [host, endpoint] of [
      ['0.0.0.0', 'http://127.0.0.1:4566'],
      ['127.0.0.1', 'http://127.0.0.1:4566'],
      ['localhost', 'http://localhost:4566'],
      ['::1', 'http://[::1]:4566'],
      ['::ffff:127.0.0.1', 'http://[::ffff:127.0.0.1]:4566'],
    ]) {
      assert.equal(endpointFor(host!, 4566), endpoint, host);
    }
  });

  it('is called through the JS v3 SDK at its endpoint when it listens on IPv6 loopback', async function () {
    let emulator: TestEmulator;
    try {
      emulator = await startTestEmulator({ iamMode: 'off', host: '::1' });
    } catch (error) {
      // A machine without IPv6 cannot listen on ::1: nothing to show there.
      const code = (error as { code?: string }).code;
      if (code === 'EAFNOSUPPORT' || code === 'EADDRNOTAVAIL') this.skip();
      throw error;
    }
    try {
      assert.equal(emulator.endpoint, `http://[::1]:${emulator.port}`);
      const { DomainNames } = await emulator.client().send(new ListDomainNamesCommand({}));
      assert.deepEqual(DomainNames, []);
    } finally {
      await emulator.stop();
    }
  });

  it('answers the port it took for port 0 in its config, as the endpoint has it', async () => {
    const emulator = await startTestEmulator({ iamMode: 'off', port: 0 });
    try {
      assert.ok(emulator.port > 0);
      assert.equal(emulator.config.port, emulator.port);
    } finally {
      await emulator.stop();
    }
  });

  it('lets its state file go when it cannot listen, so that a retry can open it', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'start-'));
    const statePath = path.join(directory, 'state.sqlite');
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as net.AddressInfo).port;
      await assert.rejects(
        startEmulator({ port, statePath }),
        (error: NodeJS.ErrnoException) =>
          // The system's code stays on the error, for a harness that retries on it.
          new RegExp(`^cannot listen on HOST 127\\.0\\.0\\.1, PORT ${port}: listen EADDRINUSE`).test(
            error.message,
          ) && error.code === 'EADDRINUSE',
      );
      const retried = await startEmulator({ port: 0, statePath });
      await retried.stop();
    } finally {
      taken.close();
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});

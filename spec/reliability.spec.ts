import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import {
  AddTagsCommand,
  CreateElasticsearchDomainCommand,
  DescribeElasticsearchDomainCommand,
  ListDomainNamesCommand,
  ListTagsCommand,
  RemoveTagsCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type { CreateElasticsearchDomainCommandOutput } from '@aws-sdk/client-elasticsearch-service';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import Database from 'better-sqlite3';
import pino from 'pino';
import type { Credentials, SignedRequest } from '../scripts/bench/signing';
import { benchDomainCreate, send, signRequest } from '../scripts/bench/signing';
import { defaultConfig } from '../server/config';
import { maximumBufferedLogBytes } from '../server/index';
import { maximumCachedLists } from '../store/domains';
import type { TestEmulator } from './support/emulator';
import { errorOf, startTestEmulator } from './support/emulator';

/** A GET presigned as @smithy/signature-v4 presigns it: the credential, token and signature in the query. */
async function presignedGet(
  endpoint: string,
  credentials: Credentials,
  path: string,
): Promise<SignedRequest> {
  const url = new URL(endpoint);
  const signer = new SignatureV4({ credentials, region: 'us-east-1', service: 'es', sha256: Sha256 });
  const presigned = await signer.presign(
    {
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path,
      headers: { host: url.host },
    },
    { expiresIn: 300 },
  );
  const query = new URLSearchParams(presigned.query as Record<string, string>).toString();
  return { method: 'GET', path: `${path}?${query}`, headers: {}, body: '' };
}

const seedFile = path.resolve(__dirname, '..', '..', 'spec', 'fixtures', 'bench-iam-seed.json');
const cli = path.resolve(__dirname, '..', 'server', 'cli.js');

const benchUser = { accessKeyId: 'AKIABENCHUSER0000001', secretAccessKey: 'bench-user-secret-Hk27' };
const benchSession = {
  accessKeyId: 'ASIABENCHSESSION0001',
  secretAccessKey: 'bench-session-secret-Pw53',
  sessionToken: 'bench-session-token-Tt99',
};
const benchRoot = { accessKeyId: 'AKIABENCHROOT0000001', secretAccessKey: 'bench-root-secret-Zq81' };
const secrets = [
  benchUser.secretAccessKey,
  benchSession.secretAccessKey,
  benchSession.sessionToken,
  benchRoot.secretAccessKey,
];

describe('reliability: concurrent writes', () => {
  let emulator: TestEmulator;
  before(async () => {
    emulator = await startTestEmulator();
  });
  after(() => emulator.stop());

  it('50 concurrent creates of one name with 50 configurations leave one domain, and every caller gets it', async () => {
    const client = emulator.client();
    const name = 'race-for-one-name';
    const configurations = Array.from({ length: 50 }, (_, i) => ({
      DomainName: name,
      ElasticsearchVersion: '7.10',
      ElasticsearchClusterConfig: { InstanceType: 'm5.large.elasticsearch' as const, InstanceCount: 1 },
      EBSOptions: { EBSEnabled: true, VolumeType: 'gp2' as const, VolumeSize: 10 + i },
    }));
    const answers: CreateElasticsearchDomainCommandOutput[] = await Promise.all(
      configurations.map((configuration) => client.send(new CreateElasticsearchDomainCommand(configuration))),
    );
    for (const answer of answers) assert.equal(answer.$metadata.httpStatusCode, 200);

    const listed = await client.send(new ListDomainNamesCommand({}));
    assert.deepEqual(
      listed.DomainNames?.map((domain) => domain.DomainName),
      [name],
    );
    const stored = (await client.send(new DescribeElasticsearchDomainCommand({ DomainName: name })))
      .DomainStatus!;
    const winners = configurations.filter(
      (configuration) => configuration.EBSOptions.VolumeSize === stored.EBSOptions?.VolumeSize,
    );
    assert.equal(winners.length, 1, 'the stored domain has exactly one caller’s configuration');
    for (const answer of answers) {
      assert.equal(answer.DomainStatus?.DomainId, stored.DomainId);
      assert.equal(answer.DomainStatus?.ARN, stored.ARN);
      assert.equal(answer.DomainStatus?.EBSOptions?.VolumeSize, stored.EBSOptions?.VolumeSize);
    }
  });

  it('concurrent AddTags and RemoveTags on one domain leave a consistent tag set', async () => {
    const client = emulator.client();
    const created = await client.send(
      new CreateElasticsearchDomainCommand({
        DomainName: 'tag-storm',
        ElasticsearchVersion: '7.10',
        EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
        TagList: [{ Key: 'keep', Value: 'always' }],
      }),
    );
    const arn = created.DomainStatus!.ARN!;
    // Pairs a-i/b-i are always added together and removed together: a torn write would split a pair.
    const operations = Array.from({ length: 60 }, (_, i) => {
      const pair = i % 10;
      return i % 3 === 2
        ? client.send(new RemoveTagsCommand({ ARN: arn, TagKeys: [`a-${pair}`, `b-${pair}`] }))
        : client.send(
            new AddTagsCommand({
              ARN: arn,
              TagList: [
                { Key: `a-${pair}`, Value: `v-${i}` },
                { Key: `b-${pair}`, Value: `v-${i}` },
              ],
            }),
          );
    });
    await Promise.all(operations);
    const tags = (await client.send(new ListTagsCommand({ ARN: arn }))).TagList ?? [];
    const byKey = new Map(tags.map((tag) => [tag.Key!, tag.Value!]));
    assert.equal(byKey.size, tags.length, 'no key is listed twice');
    assert.equal(byKey.get('keep'), 'always');
    for (let pair = 0; pair < 10; pair++) {
      assert.equal(byKey.has(`a-${pair}`), byKey.has(`b-${pair}`), `pair ${pair} is whole or absent`);
      assert.equal(byKey.get(`a-${pair}`), byKey.get(`b-${pair}`), `pair ${pair} was written by one call`);
    }
    const pairs = (list: readonly { Key?: string; Value?: string }[]) =>
      list.map((tag) => `${tag.Key}=${tag.Value}`).sort();
    assert.deepEqual(pairs(emulator.store.tags.list(arn)), pairs(tags), 'ListTags answers what is stored');
  });
});

describe('reliability: where the server listens', () => {
  it('binds 127.0.0.1 unless told otherwise', async () => {
    assert.equal(defaultConfig.host, '127.0.0.1');
    const child = spawn(process.execPath, [cli, '--port', '0', '--state', ':memory:'], {
      env: { ...process.env, HOST: '', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('\n')) resolve(output);
        });
        child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
      });
      const match = /listening on http:\/\/([^:]+):(\d+)/.exec(line);
      assert.ok(match, line);
      assert.equal(match[1], '127.0.0.1');
      // An address of this machine other than loopback is refused.
      const external = Object.values(os.networkInterfaces())
        .flat()
        .find((address) => address && address.family === 'IPv4' && !address.internal);
      if (external) {
        const refused = await new Promise<boolean>((resolve) => {
          const socket = net.connect({ host: external.address, port: Number(match[2]) });
          socket.once('connect', () => {
            socket.destroy();
            resolve(false);
          });
          socket.once('error', () => resolve(true));
        });
        assert.ok(refused, `the port also answers on ${external.address}`);
      }
    } finally {
      child.kill('SIGKILL');
    }
  });
});

/**
 * Runs `then` once the in-process emulator has read what this process wrote to it before. Loopback puts the bytes
 * in the server socket's buffer as the write completes (the write's callback), or within the 50 ms given when the
 * kernel defers it; and the event loop's poll phase, which reads them, always comes between a timer and an
 * immediate scheduled from it, however late the timer fires on a busy machine.
 */
function afterTheServerHasRead(then: () => void): void {
  setTimeout(() => setImmediate(then), 50);
}

describe('reliability: stopping', () => {
  it('answers a request still arriving, closing its connection, and then refuses new connections', async () => {
    const emulator = await startTestEmulator({ iamMode: 'off' });
    const { hostname, port } = new URL(emulator.endpoint);
    const body = JSON.stringify({
      DomainName: 'arriving',
      ElasticsearchVersion: '7.10',
      EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
    });
    const half = Math.floor(body.length / 2);
    let stopped: Promise<void> | undefined;
    const answer = await new Promise<{ status: number; connection: unknown; text: string }>(
      (resolve, reject) => {
        const request = http.request(
          {
            hostname,
            port,
            method: 'POST',
            path: '/2015-01-01/es/domain',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (response) => {
            let text = '';
            response.on('data', (chunk: Buffer) => (text += chunk.toString()));
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, text }),
            );
          },
        );
        request.on('error', reject);
        // Half the body is sent, the emulator is told to stop, then the rest arrives.
        request.write(body.slice(0, half), () => {
          afterTheServerHasRead(() => {
            stopped = emulator.stop();
            request.end(body.slice(half));
          });
        });
      },
    );
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.connection, 'close');
    await stopped;
    const refused = await new Promise<string>((resolve) => {
      http
        .get({ hostname, port, path: '/2015-01-01/domain' }, () => resolve('answered'))
        .on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    assert.equal(refused, 'ECONNREFUSED');
  });

  it('closes the connection of a request whose head was still arriving when it began to stop', async () => {
    const emulator = await startTestEmulator({ iamMode: 'off' });
    const { hostname, port } = new URL(emulator.endpoint);
    const socket = net.connect(Number(port), hostname);
    let stopped: Promise<void> | undefined;
    const head = await new Promise<string>((resolve, reject) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('latin1');
        if (text.includes('\r\n\r\n')) resolve(text.slice(0, text.indexOf('\r\n\r\n')));
      });
      socket.on('error', reject);
      socket.on('close', () => reject(new Error(`the connection closed before an answer: ${text}`)));
      // The request line is sent, the emulator is told to stop, then the rest of the head arrives: the
      // connection is busy, not idle, so stop waits for its answer.
      socket.write('GET /2015-01-01/domain HTTP/1.1\r\n', () => {
        afterTheServerHasRead(() => {
          stopped = emulator.stop();
          socket.write(`Host: ${hostname}:${port}\r\n\r\n`);
        });
      });
    });
    socket.destroy();
    await stopped;
    assert.match(head, /^HTTP\/1\.1 200 /);
    // Answered after the stop began: keep-alive would leave the client a connection with no server behind it.
    assert.match(head, /\r\nconnection: close\r\n/i);
  });
});

describe('reliability: memory a caller cannot grow without bound', () => {
  let emulator: TestEmulator;
  before(async () => {
    emulator = await startTestEmulator({ iamMode: 'off' });
  });
  after(() => emulator.stop());

  it('the cache of domain lists keeps at most its bound, however many Regions callers sign for', async () => {
    await emulator.client().send(
      new CreateElasticsearchDomainCommand({
        DomainName: 'kept-listed',
        ElasticsearchVersion: '7.10',
        EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
      }),
    );
    for (let index = 0; index < maximumCachedLists + 20; index++) {
      const client = emulator.client({ region: `us-made-up-${index}` });
      const { DomainNames } = await client.send(new ListDomainNamesCommand({}));
      assert.deepEqual(DomainNames, []);
      client.destroy();
    }
    assert.equal(emulator.store.domains.cachedListCount, maximumCachedLists);
    // An evicted list is read again from the file.
    const { DomainNames } = await emulator.client().send(new ListDomainNamesCommand({}));
    assert.deepEqual(
      DomainNames?.map((domain) => domain.DomainName),
      ['kept-listed'],
    );
  });

  it('SIGTERM with a standard output nobody reads still ends the process, by the signal, dropping the log lines that wait', async () => {
    const child = spawn(
      process.execPath,
      [cli, '--port', '0', '--host', '127.0.0.1', '--state', ':memory:'],
      {
        env: { ...process.env, LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    const exited = new Promise<string>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? `exit code ${code}`)),
    );
    try {
      // The first line is read; after it nobody reads, as a harness that only waits for the port.
      const endpoint = await new Promise<string>((resolve, reject) => {
        let output = '';
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match) {
            child.stdout.off('data', onData);
            child.stdout.pause();
            resolve(match[1]!);
          }
        };
        child.stdout.on('data', onData);
        child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
      });
      // Enough decision lines to fill the pipe (64 KiB) several times over.
      const request = await signRequest(
        endpoint,
        { accessKeyId: 'test', secretAccessKey: 'test' },
        'us-east-1',
        {
          method: 'GET',
          path: '/2015-01-01/domain',
        },
      );
      const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
      for (let round = 0; round < 100; round++) {
        await Promise.all(Array.from({ length: 10 }, () => send(endpoint, request, agent)));
      }
      agent.destroy();
      child.kill('SIGTERM');
      const ending = await Promise.race([
        exited,
        new Promise((resolve) => setTimeout(() => resolve('still running'), 20_000)),
      ]);
      // Not exit code 0: its last lines were not written. A process ended by the signal it was sent, as one
      // without a handler is.
      assert.equal(ending, 'SIGTERM');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    }
  });

  it('log lines waiting for a standard output nobody reads are bounded, not held until the heap runs out', async () => {
    // A child writes 48 MiB of log lines to a pipe whose reader never reads, then reports its heap and is killed
    // (its exit would wait for the pipe to drain). The heap is measured after a full collection each time: what is
    // held, not the garbage a busy machine's collector has not reached yet.
    const script = `
      const { asynchronousStdout } = require(${JSON.stringify(path.resolve(__dirname, '..', 'server', 'index.js'))});
      const destination = asynchronousStdout();
      global.gc();
      const before = process.memoryUsage().heapUsed;
      const line = JSON.stringify({ msg: 'x'.repeat(1000) }) + '\\n';
      for (let index = 0; index < 48 * 1024; index++) destination.write(line);
      global.gc();
      process.stderr.write(String(process.memoryUsage().heapUsed - before) + '\\n', () => process.kill(process.pid, 'SIGKILL'));
    `;
    const child = spawn(process.execPath, ['--expose-gc', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let report = '';
    child.stderr.on('data', (chunk: Buffer) => (report += chunk.toString()));
    await new Promise((resolve) => child.once('exit', resolve));
    child.stdout.destroy();
    const grown = Number(report.trim());
    assert.ok(Number.isFinite(grown), report);
    assert.ok(grown < 2 * maximumBufferedLogBytes, `the heap grew by ${grown} bytes`);
  });

  it('says how many log lines were dropped once standard output is read again', async () => {
    // A child writes 20 MiB of log lines while its standard output is not read: past the 16 MiB that may wait, lines
    // are dropped. Once the reader catches up, one more line gives their count; then the child ends.
    const written = 20 * 1024;
    const script = `
      const { asynchronousStdout } = require(${JSON.stringify(path.resolve(__dirname, '..', 'server', 'index.js'))});
      const destination = asynchronousStdout();
      const line = JSON.stringify({ msg: 'x'.repeat(1000) }) + '\\n';
      for (let index = 0; index < ${written}; index++) destination.write(line);
      destination.once('drain', () => destination.end());
    `;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const closed = new Promise((resolve) => child.stdout.once('close', resolve));
    // Not read until the child has written (and dropped) all it writes.
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.resume();
    await Promise.all([exited, closed]);
    const lines = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; dropped?: number; level?: number });
    const notice = lines.pop()!;
    assert.equal(lines.length + notice.dropped!, written);
    assert.ok(notice.dropped! > 0);
    assert.equal(notice.level, 40);
    assert.equal(
      notice.msg,
      `${notice.dropped} log lines were dropped: standard output was not read while 16 MiB of lines waited`,
    );
  });
});

/** A pino logger at `level` whose lines are kept: `text()` answers all of them so far. */
function keptLog(level: pino.Level): { logger: pino.Logger; text: () => string } {
  let kept = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      kept += chunk.toString();
      done();
    },
  });
  return { logger: pino({ level }, sink), text: () => kept };
}

describe('reliability: secrets never reach the logs', () => {
  let emulator: TestEmulator;
  const log = keptLog('trace');
  before(async () => {
    emulator = await startTestEmulator({ iamSeed: seedFile, iamMode: 'enforce', logger: log.logger });
  });
  after(() => emulator.stop());

  it('logs decisions and failures of every kind without a secret key or a session token', async () => {
    const user = emulator.client({ credentials: benchUser });
    const session = emulator.client({ credentials: benchSession });
    await user.send(new ListDomainNamesCommand({}));
    await session.send(new ListDomainNamesCommand({}));
    await session.send(
      new CreateElasticsearchDomainCommand({
        DomainName: 'bench-logged',
        ElasticsearchVersion: '7.10',
        EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
      }),
    );
    // Denied (implicitly, with the unmet statements in the line, and explicitly), wrong secret, unknown key, expired
    // signature, bad input, a token in a presigned query.
    await errorOf(() => user.send(new DescribeElasticsearchDomainCommand({ DomainName: 'not-bench' })));
    await errorOf(() =>
      user.send(
        new CreateElasticsearchDomainCommand({ DomainName: 'not-bench', ElasticsearchVersion: '7.10' }),
      ),
    );
    await errorOf(() =>
      emulator
        .client({ credentials: { ...benchSession, secretAccessKey: 'wrong' } })
        .send(new ListDomainNamesCommand({})),
    );
    await errorOf(() =>
      emulator
        .client({
          credentials: { accessKeyId: 'AKIAUNKNOWN000000001', secretAccessKey: benchUser.secretAccessKey },
        })
        .send(new ListDomainNamesCommand({})),
    );
    await errorOf(() => session.send(new DescribeElasticsearchDomainCommand({ DomainName: 'Bad_Name' })));
    const signed = await signRequest(emulator.endpoint, benchSession, 'us-east-1', {
      method: 'GET',
      path: '/2015-01-01/domain',
    });
    await send(emulator.endpoint, {
      ...signed,
      headers: { ...signed.headers, 'x-amz-date': '20200101T000000Z' },
    });
    await send(emulator.endpoint, {
      method: 'GET',
      path: `/2015-01-01/domain?X-Amz-Security-Token=${benchSession.sessionToken}&X-Amz-Credential=${benchSession.accessKeyId}%2F20260101%2Fus-east-1%2Fes%2Faws4_request`,
      headers: {},
      body: '',
    });
    const root = await signRequest(emulator.endpoint, benchRoot, 'us-east-1', {
      method: 'GET',
      path: '/_local/decisions',
      query: { limit: '50' },
    });
    await send(emulator.endpoint, root);

    assert.ok(log.text().length > 0, 'the logger was given something to log');
    for (const secret of secrets) assert.ok(!log.text().includes(secret), `the logs hold ${secret}`);

    // The decision lines are written without the logger's redaction (server/iam/decision-log): each holds
    // these members and no other, so a member added to the record is reviewed here first.
    const decisions = log
      .text()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg?: string; decision?: Record<string, unknown> })
      .filter((line) => line.msg === 'authorization decision')
      .map((line) => line.decision!);
    assert.ok(decisions.some((decision) => decision.decision === 'Deny'));
    assert.ok(decisions.some((decision) => decision.decision === 'Allow'));
    const members = new Set([
      'time',
      'requestId',
      'principal',
      'action',
      // The other name of an operation the 2021 API renamed: an action name.
      'otherAction',
      'resource',
      'decision',
      'reason',
      'statements',
      'statementsNotShown',
      'enforced',
      'message',
      'unmet',
      'unmetNotShown',
    ]);
    // The describe of a domain the user's policies leave out: an implicit denial, with its unmet statements.
    assert.ok(decisions.some((decision) => Array.isArray(decision.unmet) && decision.unmet.length > 0));

    // The calls refused before IAM are logged too: whose key, which call, the first line of AWS's answer, and
    // nothing of the canonical request that an InvalidSignatureException's answer goes on with.
    const refusals = log
      .text()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'request refused before authorization');
    const refused = (errorType: string) => refusals.filter((line) => line.errorType === errorType);
    assert.deepEqual(
      refused('InvalidSignatureException').map((line) => [line.accessKeyId, line.method, line.url]),
      [
        [benchSession.accessKeyId, 'GET', '/2015-01-01/domain'],
        [benchSession.accessKeyId, 'GET', '/2015-01-01/domain'],
      ],
    );
    assert.equal(
      refused('InvalidSignatureException')[0]!.reason,
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
    assert.match(
      String(refused('InvalidSignatureException')[1]!.reason),
      /^Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP/,
    );
    assert.deepEqual(
      refused('UnrecognizedClientException').map((line) => [line.accessKeyId, line.reason]),
      [['AKIAUNKNOWN000000001', 'The security token included in the request is invalid.']],
    );
    for (const line of refusals) assert.ok(!String(line.reason).includes('Canonical'), String(line.reason));
    for (const decision of decisions) {
      for (const member of Object.keys(decision)) assert.ok(members.has(member), `a decision logs ${member}`);
      for (const statement of decision.statements as Record<string, unknown>[]) {
        assert.deepEqual(Object.keys(statement).sort(), ['effect', 'policy', 'statement']);
      }
      for (const unmet of (decision.unmet ?? []) as Record<string, unknown>[]) {
        for (const member of Object.keys(unmet)) {
          assert.ok(
            ['effect', 'policy', 'statement', 'unmet', 'condition'].includes(member),
            `unmet logs ${member}`,
          );
        }
        const condition = (unmet.condition ?? {}) as Record<string, unknown>;
        for (const member of Object.keys(condition)) {
          assert.ok(
            ['operator', 'key', 'values', 'requestValue', 'substitutedValues'].includes(member),
            `a condition logs ${member}`,
          );
        }
      }
    }
  });

  it('an unexpected failure of a presigned request logs its URL without the session token or the signature', async () => {
    const presigned = await presignedGet(emulator.endpoint, benchSession, '/2015-01-01/domain');
    // A store that fails as a full disk or a bug would: the request ends in a 500 and its line is logged.
    const names = emulator.store.domains.names.bind(emulator.store.domains);
    emulator.store.domains.names = () => {
      throw new Error('the store failed');
    };
    const logStart = log.text().length;
    try {
      const answer = await send(emulator.endpoint, presigned);
      assert.equal(answer.status, 500);
    } finally {
      emulator.store.domains.names = names;
    }
    const line = log.text().slice(logStart);
    assert.match(line, /"msg":"unexpected error"/);
    assert.match(line, /X-Amz-Security-Token=\[Redacted\]/);
    assert.match(line, /X-Amz-Signature=\[Redacted\]/);
    assert.ok(!line.includes(benchSession.sessionToken), 'the line holds the session token');
  });

  it('the CLI at debug level logs no secret key or session token either', async () => {
    const child = spawn(
      process.execPath,
      [cli, '--port', '0', '--host', '127.0.0.1', '--state', ':memory:', '--iam-seed', seedFile],
      { env: { ...process.env, LOG_LEVEL: 'debug' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const endpoint = await new Promise<string>((resolve, reject) => {
        const poll = setInterval(() => {
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match) {
            clearInterval(poll);
            resolve(match[1]!);
          }
        }, 10);
        child.once('exit', (code) => {
          clearInterval(poll);
          reject(new Error(`the server exited with ${code}: ${output}`));
        });
      });
      for (const credentials of [benchUser, benchSession, { ...benchSession, secretAccessKey: 'wrong' }]) {
        const request = await signRequest(
          endpoint,
          credentials,
          'us-east-1',
          benchDomainCreate('bench-cli-logged'),
        );
        await send(endpoint, request);
      }
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    assert.ok(output.length > 0);
    for (const secret of secrets) assert.ok(!output.includes(secret), `the output holds ${secret}`);
  });
});

describe('reliability: a state file that fails while serving', () => {
  let emulator: TestEmulator;
  const log = keptLog('info');
  before(async () => {
    emulator = await startTestEmulator({ iamMode: 'off', logger: log.logger });
  });
  after(() => emulator.stop());

  it("answers InternalException and logs the failure as the state file's, naming the file", async () => {
    const store = emulator.store;
    const realTransaction = store.transaction.bind(store);
    // What better-sqlite3 throws when the disk is full.
    store.transaction = () => {
      throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
    };
    const error = await errorOf(() => emulator.client().send(new ListDomainNamesCommand({})));
    store.transaction = realTransaction;
    assert.equal(error.name, 'InternalException');
    assert.equal(error.message, 'We encountered an internal error. Please try again.');
    const lines = log
      .text()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg?: string; statePath?: string; err?: { code?: string } });
    const line = lines.find((entry) => entry.msg === 'the state file could not be read or written');
    assert.equal(line?.statePath, ':memory:');
    assert.equal(line?.err?.code, 'SQLITE_FULL');
    // Any other failure is an unexpected error, with no state file named.
    store.transaction = () => {
      throw new TypeError('a bug');
    };
    await errorOf(() => emulator.client().send(new ListDomainNamesCommand({})));
    store.transaction = realTransaction;
    const other = log
      .text()
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as { msg?: string; statePath?: string })
      .find((entry) => entry.msg === 'unexpected error');
    assert.ok(other && other.statePath === undefined);
  });
});

describe('reliability: a client that goes away mid-request', () => {
  it('is logged at debug level, not as an internal error, and nothing is made', async () => {
    const lines: { level: number; msg: string }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          lines.push(JSON.parse(line) as { level: number; msg: string });
        }
        done();
      },
    });
    const emulator = await startTestEmulator({ iamMode: 'off', logger: pino({ level: 'trace' }, sink) });
    try {
      // On an API route and on a /_local/ route alike.
      for (const [index, path] of ['/2015-01-01/es/domain', '/_local/simulate'].entries()) {
        await new Promise<void>((resolve, reject) => {
          const socket = net.connect(emulator.port, '127.0.0.1', () => {
            socket.write(
              `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
                'Content-Length: 1000\r\n\r\n{"DomainName":"half-sent"',
            );
            // Gone before the rest of the declared body.
            setTimeout(() => {
              socket.destroy();
              resolve();
            }, 50);
          });
          socket.on('error', reject);
        });
        const noticed = () =>
          lines.filter((line) => line.msg === 'the client closed the connection during its request').length >
          index;
        for (let wait = 0; wait < 100 && !noticed(); wait++)
          await new Promise((resolve) => setTimeout(resolve, 10));
        assert.ok(noticed(), path);
      }
      const { DomainNames } = await emulator.client().send(new ListDomainNamesCommand({}));
      assert.deepEqual(DomainNames, []);
      assert.deepEqual(
        lines.filter((line) => line.level >= 50),
        [],
      );
    } finally {
      await emulator.stop();
    }
  });
});

import assert from 'node:assert/strict';
import net from 'node:net';
import {
  DescribeElasticsearchDomainCommand,
  ListDomainNamesCommand,
} from '@aws-sdk/client-elasticsearch-service';
import { signRequest } from '../scripts/bench/signing';
import type { TestEmulator } from './support/emulator';
import { startTestEmulator } from './support/emulator';

/**
 * The HTTP/1.1 exchange below the API, driven with raw bytes: what Node's parser refuses, requests pipelined on
 * one connection, and methods no route has.
 */

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes `bytes` at once on a new connection and reads until the server closes it (or `waitMs` passes). */
function exchange(port: number, bytes: string, waitMs = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(received);
    }, waitMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** The answers in `text`, in order; a body is read by its Content-Length (every answer here declares one). */
function answersIn(text: string): RawAnswer[] {
  const answers: RawAnswer[] = [];
  let rest = text;
  while (rest.length > 0) {
    const headEnd = rest.indexOf('\r\n\r\n');
    assert.ok(headEnd > 0, `an answer's head is cut short: ${JSON.stringify(rest)}`);
    const [statusLine, ...headerLines] = rest.slice(0, headEnd).split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    const bodyStart = headEnd + 4;
    answers.push({
      status: Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine!)?.[1]),
      headers,
      body: rest.slice(bodyStart, bodyStart + length),
    });
    rest = rest.slice(bodyStart + length);
  }
  return answers;
}

const list = 'GET /2015-01-01/domain HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
const createBody = JSON.stringify({
  DomainName: 'pipelined',
  ElasticsearchVersion: '7.10',
  EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
});
const create =
  'POST /2015-01-01/es/domain HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
  `Content-Length: ${Buffer.byteLength(createBody)}\r\n\r\n${createBody}`;
const malformed = 'GARBAGE\r\n\r\n';

describe('the HTTP exchange', () => {
  let emulator: TestEmulator;
  beforeEach(async () => {
    emulator = await startTestEmulator({ iamMode: 'off' });
  });
  afterEach(() => emulator.stop());

  it('answers requests pipelined before a malformed one, in order, then refuses it with a 400 and closes', async () => {
    // Node's own handling destroyed the connection at the parse error, which came in the same read as the
    // requests before it: their operations had run, their answers were never sent.
    const answers = answersIn(await exchange(emulator.port, list + create + list + malformed));
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 200, 200, 400],
    );
    assert.deepEqual(JSON.parse(answers[0]!.body), { DomainNames: [] });
    assert.equal(JSON.parse(answers[1]!.body).DomainStatus.DomainName, 'pipelined');
    assert.deepEqual(JSON.parse(answers[2]!.body), {
      DomainNames: [{ DomainName: 'pipelined', EngineType: 'Elasticsearch' }],
    });
    assert.equal(answers[3]!.headers['connection'], 'close');
    // The create the client was answered is there, through the SDK.
    const described = await emulator
      .client()
      .send(new DescribeElasticsearchDomainCommand({ DomainName: 'pipelined' }));
    assert.equal(described.DomainStatus?.DomainName, 'pipelined');
  });

  it('refuses a malformed request with nothing before it at once, as Node does: a 400 that closes', async () => {
    const answers = answersIn(await exchange(emulator.port, malformed));
    assert.deepEqual(
      answers.map((answer) => [answer.status, answer.headers['connection']]),
      [[400, 'close']],
    );
  });

  it('refuses headers over the limit with a 431 after the answers of the requests before them', async () => {
    const oversized = `GET /2015-01-01/domain HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`;
    const answers = answersIn(await exchange(emulator.port, list + oversized));
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 431],
    );
  });

  it('refuses a body broken in the middle (a bad chunk size) with a 400 and closes, the operation not run', async () => {
    const broken =
      'POST /2015-01-01/es/domain HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      `Transfer-Encoding: chunked\r\n\r\n5\r\n{"Dom\r\nZZ\r\n`;
    const answers = answersIn(await exchange(emulator.port, list + broken));
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 400],
    );
    const names = await emulator.client().send(new ListDomainNamesCommand({}));
    assert.deepEqual(names.DomainNames, []);
  });

  it('answers CONNECT with a JSON 405 that closes the connection, as it answers other methods no route takes', async () => {
    // Without an answer Node closed the socket in silence: a client pointed at the emulator as a proxy
    // (HTTPS_PROXY) saw only a hang-up.
    for (const target of ['127.0.0.1:443', '/2015-01-01/domain']) {
      const answers = answersIn(
        await exchange(emulator.port, `CONNECT ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`),
      );
      assert.equal(answers.length, 1);
      const [answer] = answers;
      assert.equal(answer!.status, 405);
      assert.equal(answer!.headers['x-amzn-errortype'], 'MethodNotAllowedException');
      assert.equal(answer!.headers['content-type'], 'application/json');
      assert.match(answer!.headers['x-amzn-requestid']!, /^[0-9a-f-]{36}$/);
      assert.equal(answer!.headers['connection'], 'close');
      assert.deepEqual(JSON.parse(answer!.body), {
        message: `CONNECT is not allowed on ${target}: the emulator is the API's endpoint, not a proxy`,
      });
    }
    // The server goes on serving.
    assert.deepEqual((await emulator.client().send(new ListDomainNamesCommand({}))).DomainNames, []);
  });
});

describe('request targets and invitations', () => {
  let emulator: TestEmulator;
  before(async () => {
    emulator = await startTestEmulator();
  });
  after(() => emulator.stop());

  it('answers an absolute-form target (a client that takes the emulator for a proxy) as its origin form, signature included', async () => {
    // RFC 9112, 3.2.2: a server must accept the absolute form. A signature covers the path either way.
    const signed = await signRequest(emulator.endpoint, emulator.credentials, emulator.region, {
      method: 'GET',
      path: '/2015-01-01/domain',
    });
    const headers = Object.entries(signed.headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    const answers = answersIn(
      await exchange(
        emulator.port,
        `GET http://127.0.0.1:${emulator.port}/2015-01-01/domain HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`,
      ),
    );
    assert.equal(answers.length, 1);
    assert.equal(answers[0]!.status, 200, answers[0]!.body);
    assert.deepEqual(JSON.parse(answers[0]!.body), { DomainNames: [] });
  });

  it('does not invite with 100 Continue a body the local routes would refuse (over 1 MiB)', async () => {
    const raw = await exchange(
      emulator.port,
      'POST /_local/simulate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${2 * 1024 * 1024}\r\nExpect: 100-continue\r\n\r\n`,
    );
    assert.ok(!raw.startsWith('HTTP/1.1 100'), raw.slice(0, 200));
    const answers = answersIn(raw);
    assert.equal(answers[0]!.status, 413);
    assert.equal(answers[0]!.headers['x-amzn-errortype'], 'RequestEntityTooLargeException');
  });
});

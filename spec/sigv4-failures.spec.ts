import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import {
  DescribeElasticsearchDomainCommand,
  DescribeElasticsearchDomainConfigCommand,
  ElasticsearchServiceClient,
  ListDomainNamesCommand,
  ListTagsCommand,
} from '@aws-sdk/client-elasticsearch-service';
import { SignatureV4 } from '@smithy/signature-v4';
import { ManualClock } from '../server/runtime';
import type { RawResponse } from './fixtures/signed-request';
import { rawRequest, signedRequest } from './fixtures/signed-request';
import { errorOf, startTestEmulator } from './support/emulator';
import { expectServiceError } from './support/errors';
import type { TestEmulator } from './support/emulator';

const seed = path.join(__dirname, '..', '..', 'spec', 'fixtures', 'iam-seed.json');
const alice = { accessKeyId: 'AKIAALICE00000000001', secretAccessKey: 'alice-secret' };
const ciSession = {
  accessKeyId: 'ASIACI00000000000001',
  secretAccessKey: 'ci-secret-1',
  sessionToken: 'token-build-1',
};
const signatureMismatch =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/** AWS's mismatch message: the sentence, then the canonical request and the string to sign it computed. */
function signedParts(message: string): { canonical: string; stringToSign: string } {
  const shape =
    /^([^\n]+)\n\nThe Canonical String for this request should have been\n'([^']*)'\n\nThe String-to-Sign should have been\n'([^']*)'\n$/;
  const match = shape.exec(message);
  assert.ok(match, message);
  assert.equal(match[1], signatureMismatch);
  return { canonical: match[2]!, stringToSign: match[3]! };
}

/**
 * A presigned GET with the X-Amz-Expires given, or none (which @smithy/signature-v4 always writes, as a number): the
 * query and the canonical request built here by SigV4's steps (only `host` signed, the empty payload), the string to
 * sign signed by the SDK's signer.
 */
async function presignedByHand(
  endpoint: string,
  path: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
  signingDate: Date,
  expires?: string,
): Promise<string> {
  const longDate = signingDate
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const scope = `${longDate.slice(0, 8)}/us-east-1/es/aws4_request`;
  // Sorted by name; none of the values needs more than encodeURIComponent.
  const query = [
    ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
    ['X-Amz-Credential', `${credentials.accessKeyId}/${scope}`],
    ['X-Amz-Date', longDate],
    ...(expires === undefined ? [] : [['X-Amz-Expires', expires]]),
    ['X-Amz-SignedHeaders', 'host'],
  ]
    .map(([name, value]) => `${name}=${encodeURIComponent(value!)}`)
    .join('&');
  const canonical = `GET\n${path}\n${query}\nhost:${new URL(endpoint).host}\n\nhost\n${sha256('')}`;
  const signer = new SignatureV4({ credentials, region: 'us-east-1', service: 'es', sha256: Sha256 });
  const signature = await signer.sign(`AWS4-HMAC-SHA256\n${longDate}\n${scope}\n${sha256(canonical)}`, {
    signingDate,
  });
  return `${endpoint}${path}?${query}&X-Amz-Signature=${signature}`;
}

/**
 * The refusal of a presigned URL dated 2026-01-01 12:00:00 UTC, read at 12:15:01: a presigned request to a service
 * other than S3 lives 15 minutes, whatever its X-Amz-Expires asks.
 */
function assertExpiredAfterItsFifteenMinutes(late: RawResponse): void {
  assert.deepEqual(
    [late.status, late.errorType, late.body.message],
    [
      400,
      'InvalidSignatureException',
      'Signature expired: 20260101T120000Z is now earlier than 20260101T120001Z (20260101T121501Z - 15 min.)',
    ],
  );
}

describe('SigV4: failures answer the codes, statuses and messages of AWS', () => {
  const clock = new ManualClock();
  let emulator: TestEmulator;
  before(async () => {
    emulator = await startTestEmulator({ clock, iamSeed: seed });
  });
  after(() => emulator.stop());
  // The SDK signs with the real time: the emulator's clock follows it unless a test moves it.
  beforeEach(() => clock.set(Date.now()));

  const list = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
    emulator.client({ credentials }).send(new ListDomainNamesCommand({}));

  it('accepts a seeded user and a role session with its token (JS v3 SDK)', async () => {
    for (const credentials of [
      { accessKeyId: 'AKIAROOT000000000001', secretAccessKey: 'root-secret' },
      ciSession,
    ]) {
      assert.deepEqual((await list(credentials)).DomainNames, []);
    }
  });

  it('wrong secret: 403 InvalidSignatureException', async () => {
    const error = await errorOf(() => list({ ...alice, secretAccessKey: 'not-the-secret' }));
    assert.equal(error.name, 'InvalidSignatureException');
    assert.equal((error.$metadata as { httpStatusCode: number }).httpStatusCode, 403);
    const { canonical, stringToSign } = signedParts(error.message);
    assert.match(canonical, /^GET\n\/2015-01-01\/domain\n\n/);
    assert.match(canonical, /\nhost:127\.0\.0\.1:\d+\n/);
    assert.ok(canonical.endsWith(`\n${sha256('')}`), canonical);
    const [algorithm, , scope, hash] = stringToSign.split('\n');
    assert.equal(algorithm, 'AWS4-HMAC-SHA256');
    assert.match(scope ?? '', /^\d{8}\/us-east-1\/es\/aws4_request$/);
    assert.equal(hash, sha256(canonical));
  });

  it('unknown access key: 403 UnrecognizedClientException', async () => {
    const error = await errorOf(() => list({ accessKeyId: 'AKIANOBODY000000001', secretAccessKey: 'x' }));
    assert.equal(error.name, 'UnrecognizedClientException');
    assert.equal((error.$metadata as { httpStatusCode: number }).httpStatusCode, 403);
    assert.equal(error.message, 'The security token included in the request is invalid.');
  });

  it('the default key test/test is unknown once a seed file names the principals', async () => {
    const error = await errorOf(() => list({ accessKeyId: 'test', secretAccessKey: 'test' }));
    assert.equal(error.name, 'UnrecognizedClientException');
  });

  it('a signature older than 5 minutes: 400 InvalidSignatureException "Signature expired"', async () => {
    const signedAt = new Date(Date.UTC(2026, 0, 1, 12, 0, 0));
    clock.set(Date.UTC(2026, 0, 1, 12, 5, 1));
    const response = await signedRequest({
      endpoint: emulator.endpoint,
      path: '/2015-01-01/domain',
      credentials: alice,
      signingDate: signedAt,
    });
    assert.equal(response.status, 400);
    assert.equal(response.errorType, 'InvalidSignatureException');
    assert.equal(
      response.body.message,
      'Signature expired: 20260101T120000Z is now earlier than 20260101T120001Z (20260101T120501Z - 5 min.)',
    );
  });

  it('a signature more than 5 minutes ahead: 400 "Signature not yet current"', async () => {
    clock.set(Date.UTC(2026, 0, 1, 11, 54, 59));
    const response = await signedRequest({
      endpoint: emulator.endpoint,
      path: '/2015-01-01/domain',
      credentials: alice,
      signingDate: new Date(Date.UTC(2026, 0, 1, 12, 0, 0)),
    });
    assert.equal(response.status, 400);
    assert.equal(
      response.body.message,
      'Signature not yet current: 20260101T120000Z is still later than 20260101T115959Z (20260101T115459Z + 5 min.)',
    );
  });

  it('within 5 minutes either way the signature is accepted', async () => {
    for (const offset of [-300_000, 300_000]) {
      clock.set(Date.UTC(2026, 0, 1, 12, 0, 0) + offset);
      const response = await signedRequest({
        endpoint: emulator.endpoint,
        path: '/2015-01-01/domain',
        credentials: alice,
        signingDate: new Date(Date.UTC(2026, 0, 1, 12, 0, 0)),
      });
      assert.equal(response.status, 200, JSON.stringify(response.body));
    }
  });

  it('an expired signature through the JS v3 SDK', async () => {
    clock.set(Date.now() + 10 * 60_000);
    const error = await errorOf(() => list(alice));
    assert.equal(error.name, 'InvalidSignatureException');
    assert.match(
      error.message,
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/,
    );
  });

  it('no authentication: 403 MissingAuthenticationTokenException', async () => {
    const response = await rawRequest(`${emulator.endpoint}/2015-01-01/domain`);
    assert.equal(response.status, 403);
    assert.equal(response.errorType, 'MissingAuthenticationTokenException');
    assert.equal(response.body.message, 'Missing Authentication Token');
  });

  it('a malformed Authorization header: 400 IncompleteSignatureException', async () => {
    const header = 'AWS4-HMAC-SHA256 Credential=AKIAALICE00000000001/20260101/us-east-1/es/aws4_request';
    const response = await rawRequest(`${emulator.endpoint}/2015-01-01/domain`, {
      headers: { authorization: header, 'x-amz-date': '20260101T120000Z' },
    });
    assert.equal(response.status, 400);
    assert.equal(response.errorType, 'IncompleteSignatureException');
    assert.equal(
      response.body.message,
      `Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=${header}`,
    );
    const noEquals = await rawRequest(`${emulator.endpoint}/2015-01-01/domain`, {
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential', 'x-amz-date': '20260101T120000Z' },
    });
    assert.equal(noEquals.errorType, 'IncompleteSignatureException');
    assert.match(
      String(noEquals.body.message),
      /^Invalid key=value pair \(missing equal-sign\) in Authorization header/,
    );
  });

  it('an Authorization header of another scheme, or none of its parameters: the parameters it lacks', async () => {
    const missingAll =
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter.";
    for (const [header, message] of [
      // AWS's answer for es domains to a Basic header and to an empty one (the rest of each as sent).
      ['Basic dXNlcjpwYXNz', `${missingAll} Authorization=Basic dXNlcjpwYXNz`],
      ['eyJhbGciOiJIUzI1NiJ9.e30.c2ln', `${missingAll} Authorization=eyJhbGciOiJIUzI1NiJ9.e30.c2ln`],
      ['AWS4-HMAC-SHA256', `${missingAll} Authorization=AWS4-HMAC-SHA256`],
      // With its parameters, a header of another AWS4 algorithm is refused for the algorithm.
      [
        'AWS4-HMAC-SHA512 Credential=AKIAALICE00000000001/20260101/us-east-1/es/aws4_request, SignedHeaders=host, Signature=00',
        "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'.",
      ],
    ] as const) {
      const response = await rawRequest(`${emulator.endpoint}/2015-01-01/domain`, {
        headers: { authorization: header, 'x-amz-date': '20260101T120000Z' },
      });
      assert.equal(response.status, 400, header);
      assert.equal(response.errorType, 'IncompleteSignatureException', header);
      assert.equal(response.body.message, message, header);
    }
  });

  it('an access key pasted with a space before it: 400, a bare token in the header (JS v3 SDK)', async () => {
    const error = await errorOf(() => list({ ...alice, accessKeyId: ` ${alice.accessKeyId}` }));
    assert.equal(error.name, 'IncompleteSignatureException');
    assert.equal((error.$metadata as { httpStatusCode: number }).httpStatusCode, 400);
    assert.match(error.message, /^Invalid key=value pair \(missing equal-sign\) in Authorization header/);
  });

  it("answers carry the emulator's clock as Date: the SDK corrects a skew of 30 minutes and succeeds", async () => {
    clock.set(Date.now() + 30 * 60_000);
    const response = await rawRequest(`${emulator.endpoint}/2015-01-01/domain`);
    assert.equal(response.status, 403);
    assert.equal(response.headers.date, new Date(clock.now()).toUTCString());
    // The first attempt is refused as expired; the SDK takes the offset from the answer's Date and retries.
    // (A client of its own: the suite's clients make one attempt.)
    const client = new ElasticsearchServiceClient({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: alice,
    });
    try {
      await client.send(new ListDomainNamesCommand({}));
      assert.ok(Math.abs(client.config.systemClockOffset - 30 * 60_000) < 60_000);
    } finally {
      client.destroy();
    }
  });

  it('a credential scope for another service or with a bad shape', async () => {
    const other = await signedRequest({
      endpoint: emulator.endpoint,
      path: '/2015-01-01/domain',
      credentials: alice,
      service: 's3',
    });
    assert.equal(other.status, 403);
    assert.equal(other.errorType, 'InvalidSignatureException');
    assert.equal(other.body.message, "Credential should be scoped to correct service: 'es'. ");
    const badRegion = await signedRequest({
      endpoint: emulator.endpoint,
      path: '/2015-01-01/domain',
      credentials: alice,
      region: 'US-EAST-1',
    });
    assert.equal(badRegion.status, 403);
    assert.equal(badRegion.errorType, 'InvalidSignatureException');
    // AWS's text ends with a space, as the service's does.
    assert.equal(badRegion.body.message, "Credential should be scoped to a valid region, not 'US-EAST-1'. ");
    const response = await rawRequest(`${emulator.endpoint}/2015-01-01/domain`, {
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIAALICE00000000001/20260101/us-east-1, SignedHeaders=host, Signature=00',
        'x-amz-date': '20260101T120000Z',
      },
    });
    assert.equal(response.errorType, 'IncompleteSignatureException');
    assert.match(String(response.body.message), /^Credential must have exactly 5 slash-delimited elements/);
  });

  it('a credential scope whose Region has not the form of a Region name (JS v3 SDK): no empty Region served', async () => {
    for (const region of ['us-east1', 'local', 'useast-1']) {
      const client = emulator.client({ credentials: alice, region });
      await expectServiceError(() => client.send(new ListDomainNamesCommand({})), {
        name: 'InvalidSignatureException',
        status: 403,
        message: `Credential should be scoped to a valid region, not '${region}'. `,
      });
    }
    // Regions of every partition keep their names.
    for (const region of [
      'us-gov-west-1',
      'cn-north-1',
      'eusc-de-east-1',
      'us-isob-east-1',
      'ap-southeast-5',
    ]) {
      const client = emulator.client({ credentials: alice, region });
      const { DomainNames } = await client.send(new ListDomainNamesCommand({}));
      assert.deepEqual(DomainNames, [], region);
    }
  });

  it("AWS's answers to a credential, a signed-header list or a lifetime it cannot use", async () => {
    clock.set(Date.UTC(2026, 0, 1, 12, 0, 0));
    const credential = 'AKIAALICE00000000001/20260101/us-east-1/es';
    const byHeader = async (authorization: string) =>
      rawRequest(`${emulator.endpoint}/2015-01-01/domain`, {
        headers: { authorization, 'x-amz-date': '20260101T120000Z' },
      });
    const answers = [
      await byHeader(
        `AWS4-HMAC-SHA256 Credential=${credential}/aws4_request, SignedHeaders=host;x-amz-date, Signature=`,
      ),
      await byHeader(
        `AWS4-HMAC-SHA256 Credential=${credential}/aws4_requestX, SignedHeaders=host;x-amz-date, Signature=00`,
      ),
      await byHeader(
        `AWS4-HMAC-SHA256 Credential=${credential}/aws4_request/x, SignedHeaders=host;x-amz-date, Signature=00`,
      ),
      await byHeader(
        `AWS4-HMAC-SHA256 Credential=${credential}/aws4_request, SignedHeaders=x-amz-date, Signature=00`,
      ),
    ];
    assert.deepEqual(
      answers.map((answer) => [answer.status, answer.errorType, answer.body.message]),
      [
        [
          400,
          'IncompleteSignatureException',
          `Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256 Credential=${credential}/aws4_request, SignedHeaders=host;x-amz-date, Signature=`,
        ],
        [
          403,
          'InvalidSignatureException',
          "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_requestX'.",
        ],
        [
          400,
          'IncompleteSignatureException',
          `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}/aws4_request/x'`,
        ],
        // AWS's JSON services answer an unsigned Host as a failed signature (aws/aws-sdk-php#2469, 403 in
        // aws/aws-sdk-js-v3#3796).
        [
          403,
          'InvalidSignatureException',
          "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
        ],
      ],
    );
  });

  it("a query holding !'()* verifies as the JS v3 SDK signs it (RFC 3986 encodes them)", async () => {
    const arn = "arn:aws:es:us-east-1:111122223333:domain/it's(*)!";
    const error = await errorOf(() =>
      emulator.client({ credentials: alice }).send(new ListTagsCommand({ ARN: arn })),
    );
    assert.equal(error.name, 'ValidationException');
    assert.match(error.message, /^Invalid ARN: /);
  });

  it('an x-amz-* header that is sent must be signed', async () => {
    const response = await signedRequest({
      endpoint: emulator.endpoint,
      path: '/2015-01-01/domain',
      credentials: alice,
      tamper: (request) => {
        request.headers['x-amz-meta-extra'] = 'added after signing';
      },
    });
    assert.equal(response.status, 400);
    assert.equal(response.errorType, 'IncompleteSignatureException');
  });

  it('a changed body or path fails the signature', async () => {
    const body = await signedRequest({
      endpoint: emulator.endpoint,
      method: 'POST',
      path: '/2015-01-01/es/domain-info',
      headers: { 'content-type': 'application/json' },
      body: '{"DomainNames":["a"]}',
      credentials: alice,
      tamper: (request) => {
        request.body = '{"DomainNames":["b"]}';
      },
    });
    assert.equal(body.errorType, 'InvalidSignatureException');
    // The canonical request AWS shows is the one of the request received: the changed body's hash.
    const { canonical } = signedParts(String(body.body.message));
    assert.ok(canonical.endsWith(`\n${sha256('{"DomainNames":["b"]}')}`), canonical);
  });

  it('an expired role session: 403 ExpiredTokenException', async () => {
    const error = await errorOf(() =>
      list({
        accessKeyId: 'ASIACI00000000000002',
        secretAccessKey: 'ci-secret-2',
        sessionToken: 'token-build-old',
      }),
    );
    assert.equal(error.name, 'ExpiredTokenException');
    assert.equal((error.$metadata as { httpStatusCode: number }).httpStatusCode, 403);
    assert.equal(error.message, 'The security token included in the request is expired');
  });

  it('a session key with a wrong or missing token is unrecognized', async () => {
    const wrong = await errorOf(() => list({ ...ciSession, sessionToken: 'token-of-someone-else' }));
    assert.equal(wrong.name, 'UnrecognizedClientException');
    const missing = await errorOf(() =>
      list({ accessKeyId: ciSession.accessKeyId, secretAccessKey: ciSession.secretAccessKey }),
    );
    assert.equal(missing.name, 'UnrecognizedClientException');
    const onUserKey = await errorOf(() => list({ ...alice, sessionToken: 'token-build-1' }));
    assert.equal(onUserKey.name, 'UnrecognizedClientException');
  });

  it('a presigned URL (query-string auth, @smithy/signature-v4) asking for an hour is accepted for 15 minutes', async () => {
    // X-Amz-Expires is S3's: another service holds a presigned request to about 15 minutes (aws-sdk-go#2224).
    const signedAt = new Date(Date.UTC(2026, 0, 1, 12, 0, 0));
    clock.set(signedAt.getTime() + 60_000);
    const presigned = {
      endpoint: emulator.endpoint,
      path: '/2015-01-01/domain',
      credentials: ciSession,
      signingDate: signedAt,
      presignSeconds: 3600,
    };
    const ok = await signedRequest(presigned);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    clock.set(signedAt.getTime() + 900_000);
    assert.equal((await signedRequest(presigned)).status, 200);
    clock.set(signedAt.getTime() + 901_000);
    assertExpiredAfterItsFifteenMinutes(await signedRequest(presigned));
    clock.set(signedAt.getTime() + 60_000);
    const tampered = await signedRequest({
      ...presigned,
      tamper: (request) => {
        request.path = '/2015-01-01/es/versions';
      },
    });
    assert.equal(tampered.errorType, 'InvalidSignatureException');
  });

  it('a presigned URL asking for 0 seconds, a week and a second, or no number lives 15 minutes, through its last second', async () => {
    // Neither read nor checked: S3's limits on X-Amz-Expires are S3's. It is signed as every query parameter is.
    const signedAt = new Date(Date.UTC(2026, 0, 1, 12, 0, 0));
    const smithyZero = {
      endpoint: emulator.endpoint,
      path: '/2015-01-01/domain',
      credentials: ciSession,
      signingDate: signedAt,
      presignSeconds: 0,
    };
    const byHand = await Promise.all(
      ['604801', 'abc'].map((expires) =>
        presignedByHand(emulator.endpoint, '/2015-01-01/domain', alice, signedAt, expires),
      ),
    );
    const answers = () => Promise.all([signedRequest(smithyZero), ...byHand.map((url) => rawRequest(url))]);
    clock.set(signedAt.getTime() + 900_999);
    assert.deepEqual(
      (await answers()).map((answer) => answer.status),
      [200, 200, 200],
    );
    clock.set(signedAt.getTime() + 901_300);
    for (const late of await answers()) assertExpiredAfterItsFifteenMinutes(late);
    // Still signed: a URL whose X-Amz-Expires is changed after signing does not verify.
    clock.set(signedAt.getTime() + 60_000);
    const changed = await rawRequest(byHand[1]!.replace('X-Amz-Expires=abc', 'X-Amz-Expires=abd'));
    assert.equal(changed.status, 403);
    assert.equal(changed.errorType, 'InvalidSignatureException');
  });

  it('a request signed in its Authorization header that also carries X-Amz-Algorithm in its query is refused', async () => {
    const signedAt = new Date(Date.UTC(2026, 0, 1, 12, 0, 0));
    clock.set(signedAt.getTime() + 60_000);
    const both = await signedRequest({
      endpoint: emulator.endpoint,
      path: '/2015-01-01/domain',
      query: { 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' },
      credentials: alice,
      signingDate: signedAt,
    });
    assert.deepEqual(
      [both.status, both.errorType, both.body.message],
      [
        400,
        'InvalidSignatureException',
        "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
      ],
    );
  });

  it('a presigned URL without X-Amz-Expires lives 15 minutes, as one to a service other than S3 does', async () => {
    const signedAt = new Date(Date.UTC(2026, 0, 1, 12, 0, 0));
    const url = await presignedByHand(emulator.endpoint, '/2015-01-01/domain', alice, signedAt);
    clock.set(signedAt.getTime() + 900_000);
    const last = await rawRequest(url);
    assert.equal(last.status, 200, JSON.stringify(last.body));
    clock.set(signedAt.getTime() + 901_000);
    assertExpiredAfterItsFifteenMinutes(await rawRequest(url));
  });

  it('a presigned request may leave its payload unsigned (UNSIGNED-PAYLOAD); one signed in its header may not', async () => {
    // botocore's SigV4QueryAuth presigns every service's request so: the payload is not known when a URL is made.
    const signedAt = new Date(Date.UTC(2026, 0, 1, 12, 0, 0));
    clock.set(signedAt.getTime() + 60_000);
    const request = {
      endpoint: emulator.endpoint,
      method: 'POST',
      path: '/2015-01-01/es/domain-info',
      headers: { 'content-type': 'application/json', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      body: JSON.stringify({ DomainNames: ['nothing-here'] }),
      credentials: alice,
      signingDate: signedAt,
    };
    const presigned = await signedRequest({ ...request, presignSeconds: 900 });
    assert.equal(presigned.status, 200, JSON.stringify(presigned.body));
    assert.deepEqual(presigned.body.DomainStatusList, []);
    // A service other than S3 hashes the payload it receives, whatever x-amz-content-sha256 says.
    const byHeader = await signedRequest(request);
    assert.equal(byHeader.status, 403);
    assert.equal(byHeader.errorType, 'InvalidSignatureException');
    const { canonical } = signedParts(String(byHeader.body.message));
    assert.ok(canonical.endsWith(`\n${sha256(request.body)}`), canonical);
  });

  it('a domain name of `.` or `..` reaches the model: the path is signed without its dot segments (JS v3 SDK)', async () => {
    // Services other than S3 sign the path with dot segments removed; the SDK sends it as it is.
    const client = emulator.client({ credentials: alice });
    for (const send of [
      () => client.send(new DescribeElasticsearchDomainCommand({ DomainName: '.' })),
      () => client.send(new DescribeElasticsearchDomainConfigCommand({ DomainName: '..' })),
    ]) {
      const error = await errorOf(send);
      assert.equal(error.name, 'ValidationException', error.message);
      assert.match(error.message, /^2 validation errors detected: Value '\.\.?' at 'domainName'/);
    }
  });

  it('the region of the credential scope is the caller region', async () => {
    const response = await signedRequest({
      endpoint: emulator.endpoint,
      path: '/2015-01-01/es/domain/nothing-here',
      credentials: { accessKeyId: 'AKIADOCREADER0000001', secretAccessKey: 'doc-reader-secret' },
      region: 'eu-west-3',
    });
    assert.equal(response.status, 409);
    assert.match(String(response.body.message), /nothing-here/);
  });
});

import assert from 'node:assert/strict';
import path from 'node:path';
import { ListDomainNamesCommand } from '@aws-sdk/client-elasticsearch-service';
import { ManualClock } from '../server/runtime';
import { rawRequest, signedRequest } from './fixtures/signed-request';
import { errorOf, startTestEmulator } from './support/emulator';
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
    await list({ accessKeyId: 'AKIAROOT000000000001', secretAccessKey: 'root-secret' });
    await list(ciSession);
  });

  it('wrong secret: 403 InvalidSignatureException', async () => {
    const error = await errorOf(() => list({ ...alice, secretAccessKey: 'not-the-secret' }));
    assert.equal(error.name, 'InvalidSignatureException');
    assert.equal((error.$metadata as { httpStatusCode: number }).httpStatusCode, 403);
    assert.equal(error.message, signatureMismatch);
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
    assert.equal(body.body.message, signatureMismatch);
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

  it('a presigned URL (query-string auth, @smithy/signature-v4) is accepted until it expires', async () => {
    const signedAt = new Date(Date.UTC(2026, 0, 1, 12, 0, 0));
    clock.set(signedAt.getTime() + 60_000);
    const presigned = {
      endpoint: emulator.endpoint,
      path: '/2015-01-01/domain',
      credentials: ciSession,
      signingDate: signedAt,
      presignSeconds: 900,
    };
    const ok = await signedRequest(presigned);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    clock.set(signedAt.getTime() + 901_000);
    const late = await signedRequest(presigned);
    assert.equal(late.status, 400);
    assert.equal(late.errorType, 'InvalidSignatureException');
    assert.match(String(late.body.message), /^Signature expired: 20260101T120000Z is now earlier than/);
    clock.set(signedAt.getTime() + 60_000);
    const tampered = await signedRequest({
      ...presigned,
      tamper: (request) => {
        request.path = '/2015-01-01/es/versions';
      },
    });
    assert.equal(tampered.errorType, 'InvalidSignatureException');
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

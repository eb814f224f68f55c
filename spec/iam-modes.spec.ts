import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
  CreateElasticsearchDomainCommand,
  DeleteElasticsearchDomainCommand,
  DescribeElasticsearchDomainCommand,
  ListDomainNamesCommand,
  UpdateElasticsearchDomainConfigCommand,
} from '@aws-sdk/client-elasticsearch-service';
import { startEmulator } from '../server/index';
import { awsManagedPolicy } from '../server/iam/managed-policies';
import { validatePolicyDocument } from '../server/iam/policy-validation';
import { parseSeed, SeedError } from '../server/iam/principals';
import { principalKeys } from '../server/iam/request-context';
import { rawRequest, signedRequest } from './fixtures/signed-request';
import { testDomainInput } from './support/domains';
import { capturingLogger } from './support/logs';
import { errorOf, seedKey, startSeededEmulator, startTestEmulator } from './support/emulator';
import type { TestEmulator } from './support/emulator';

const seedPath = path.join(__dirname, '..', '..', 'spec', 'fixtures', 'iam-seed.json');
const seedText = fs.readFileSync(seedPath, 'utf8');
const root = { accessKeyId: 'AKIAROOT000000000001', secretAccessKey: 'root-secret' };
const lister = { accessKeyId: 'AKIALISTER000000001', secretAccessKey: 'lister-secret' };
const alice = { accessKeyId: 'AKIAALICE00000000001', secretAccessKey: 'alice-secret' };
const session = {
  accessKeyId: 'ASIACI00000000000001',
  secretAccessKey: 'ci-secret-1',
  sessionToken: 'token-build-1',
};
const sources = { awsManagedPolicy, validatePolicyDocument: (doc: unknown) => validatePolicyDocument(doc) };

describe('IAM modes', () => {
  describe('audit: verify and evaluate, log the decision, allow', () => {
    let emulator: TestEmulator;
    const log = capturingLogger();
    before(async () => {
      emulator = await startTestEmulator({ iamSeed: seedPath, iamMode: 'audit', logger: log.logger });
    });
    after(() => emulator.stop());

    it('lets a denied call through and logs the Deny with its reasons', async () => {
      await emulator.client({ credentials: lister }).send(new ListDomainNamesCommand({}));
      const line = log.lines
        .map((l) => JSON.parse(l) as { decision?: Record<string, unknown> })
        .find((l) => l.decision);
      assert.ok(line?.decision);
      assert.equal(line.decision.decision, 'Deny');
      assert.equal(line.decision.enforced, false);
      assert.equal(line.decision.principal, 'arn:aws:iam::111122223333:user/domain-lister');
      assert.equal(line.decision.action, 'es:ListDomainNames');
      assert.equal(line.decision.resource, '*');
      assert.equal(line.decision.reason, 'implicit-deny-identity');
    });

    it('still verifies signatures', async () => {
      const response = await signedRequest({
        endpoint: emulator.endpoint,
        path: '/2015-01-01/domain',
        credentials: { ...lister, secretAccessKey: 'wrong' },
      });
      assert.equal(response.errorType, 'InvalidSignatureException');
    });

    it('never logs a secret key or a session token', async () => {
      await emulator.client({ credentials: session }).send(new ListDomainNamesCommand({}));
      const all = log.lines.join('\n');
      for (const secret of ['lister-secret', 'ci-secret-1', 'token-build-1', 'root-secret', 'alice-secret']) {
        assert.ok(!all.includes(secret), `${secret} was logged`);
      }
    });

    it("logs the root's Allow as not enforced, as every decision is in audit", async () => {
      await emulator.client({ credentials: root }).send(new ListDomainNamesCommand({}));
      const decisions = log.lines
        .map((l) => JSON.parse(l) as { decision?: Record<string, unknown> })
        .filter((l) => l.decision?.principal === 'arn:aws:iam::111122223333:root');
      assert.ok(decisions.length > 0);
      for (const { decision } of decisions) {
        assert.equal(decision?.reason, 'root');
        assert.equal(decision?.enforced, false);
      }
    });

    it('answers the /_local/ routes unsigned, as the README says of audit', async () => {
      const unsigned = await rawRequest(`${emulator.endpoint}/_local/decisions?limit=1`);
      assert.equal(unsigned.status, 200);
      assert.equal((unsigned.body.decisions as unknown[]).length, 1);
    });
  });

  describe('off: no checks, every caller is the root of ACCOUNT_ID', () => {
    let emulator: TestEmulator;
    before(async () => {
      emulator = await startTestEmulator({ iamMode: 'off', accountId: '123456789012' });
    });
    after(() => emulator.stop());

    it('answers an unsigned request and any key', async () => {
      const unsigned = await rawRequest(`${emulator.endpoint}/2015-01-01/domain`);
      assert.equal(unsigned.status, 200);
      await emulator
        .client({ credentials: { accessKeyId: 'anything', secretAccessKey: 'x' } })
        .send(new ListDomainNamesCommand({}));
    });

    it('keeps no state under a Region name no scope may hold: refused with the enforcing text', async () => {
      // The JS v3 SDK will not sign for such a Region (not a valid hostname component); a hand-made request can.
      const response = await signedRequest({
        endpoint: emulator.endpoint,
        method: 'POST',
        path: '/2015-01-01/es/domain',
        region: 'EU_West!',
        credentials: { accessKeyId: 'anything', secretAccessKey: 'x' },
        body: JSON.stringify(testDomainInput('junk')),
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(response.status, 403);
      assert.equal(response.errorType, 'InvalidSignatureException');
      assert.equal(response.body.message, "Credential should be scoped to a valid region, not 'EU_West!'. ");
      assert.equal(emulator.store.domains.count({ account: '123456789012', region: 'EU_West!' }), 0);
    });
  });

  describe('enforce, without a seed file', () => {
    let emulator: TestEmulator;
    before(async () => {
      emulator = await startTestEmulator();
    });
    after(() => emulator.stop());

    it('test/test is the root of 000000000000', async () => {
      await emulator.client().send(new ListDomainNamesCommand({}));
      const response = await signedRequest({
        endpoint: emulator.endpoint,
        path: '/_local/decisions',
        query: { limit: '1' },
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      });
      const decisions = response.body.decisions as Record<string, unknown>[];
      assert.equal(decisions[0]?.principal, 'arn:aws:iam::000000000000:root');
      assert.equal(decisions[0]?.reason, 'root');
    });
  });
});

type Credentials = { accessKeyId: string; secretAccessKey: string };

/** A signed call of a /_local/ route (its query after `?`), with a JSON body when one is given. */
function localRoute(
  emulator: TestEmulator,
  credentials: Credentials,
  method: string,
  route: string,
  body?: unknown,
) {
  return signedRequest({
    endpoint: emulator.endpoint,
    method,
    path: route.split('?')[0]!,
    query: Object.fromEntries(new URLSearchParams(route.split('?')[1] ?? '')),
    credentials,
    ...(body !== undefined
      ? {
          body: JSON.stringify(body),
          headers: { 'content-type': 'application/json', 'user-agent': 'iam-modes-spec/1.0' },
        }
      : { headers: { 'user-agent': 'iam-modes-spec/1.0' } }),
  });
}

describe('the /_local/ routes when something fails unexpectedly', () => {
  let emulator: TestEmulator;
  const log = capturingLogger();
  before(async () => {
    emulator = await startTestEmulator({ iamSeed: seedPath, logger: log.logger });
  });
  after(() => emulator.stop());

  it('answers 500 InternalException and logs the failure, as the API routes do', async () => {
    // A store that fails as a full disk or a bug would, while the simulation reads a domain's tags.
    emulator.store.tags.asMap = () => {
      throw new Error('the tag store failed');
    };
    const response = await localRoute(emulator, root, 'POST', '/_local/simulate', {
      principalArn: 'arn:aws:iam::111122223333:user/alice',
      action: 'es:DescribeElasticsearchDomain',
      resource: 'arn:aws:es:us-east-1:111122223333:domain/orders',
    });
    assert.equal(response.status, 500);
    assert.equal(response.headers['x-amzn-errortype'], 'InternalException');
    const line = log.lines
      .map((text) => JSON.parse(text) as { msg?: string; path?: string; err?: { message?: string } })
      .find((entry) => entry.msg === 'unexpected error');
    assert.equal(line?.path, '/_local/simulate');
    assert.equal(line?.err?.message, 'the tag store failed');
  });
});

describe('the /_local/ routes', () => {
  let emulator: TestEmulator;
  before(async () => {
    emulator = await startTestEmulator({ iamSeed: seedPath });
    await emulator
      .client({ credentials: lister })
      .send(new ListDomainNamesCommand({}))
      .catch(() => undefined);
    await emulator.client({ credentials: alice }).send(new ListDomainNamesCommand({}));
  });
  after(() => emulator.stop());

  const local = (credentials: Credentials, method: string, route: string, body?: unknown) =>
    localRoute(emulator, credentials, method, route, body);

  it('GET /_local/decisions?limit=N: the recent decisions, newest first', async () => {
    const response = await local(root, 'GET', '/_local/decisions?limit=2');
    assert.equal(response.status, 200);
    const decisions = response.body.decisions as Record<string, unknown>[];
    assert.equal(decisions.length, 2);
    assert.equal(decisions[0]?.principal, 'arn:aws:iam::111122223333:user/alice');
    assert.equal(decisions[0]?.decision, 'Allow');
    assert.deepEqual(decisions[0]?.statements, [
      { policy: 'arn:aws:iam::111122223333:policy/read-only', statement: '#0', effect: 'Allow' },
    ]);
    assert.equal(decisions[1]?.decision, 'Deny');
    assert.match(
      String(decisions[1]?.message),
      /^User: arn:aws:iam::111122223333:user\/domain-lister is not authorized/,
    );
  });

  it('POST /_local/simulate: a body over 1 MiB is refused as an API body over its limit is (413)', async () => {
    const response = await local(root, 'POST', '/_local/simulate', { padding: 'x'.repeat(1024 * 1024) });
    assert.equal(response.status, 413);
    assert.equal(response.headers['x-amzn-errortype'], 'RequestEntityTooLargeException');
    assert.equal(response.body.message, 'Request body is larger than the limit of 1048576 bytes');
  });

  it('POST /_local/simulate: a chunked body is refused once it passes 1 MiB, before it ends', async () => {
    const { hostname, port } = new URL(emulator.endpoint);
    const answer = await new Promise<{ status: number; type: unknown }>((resolve, reject) => {
      const request = http.request(
        { hostname, port, method: 'POST', path: '/_local/simulate' },
        (response) => {
          response.resume();
          resolve({ status: response.statusCode ?? 0, type: response.headers['x-amzn-errortype'] });
          request.destroy();
        },
      );
      request.on('error', (error) => {
        if (!request.destroyed) reject(error);
      });
      // 1.2 MiB sent, and the request left open: only a refusal that does not wait for the end answers.
      request.write(Buffer.alloc(600 * 1024, 'x'));
      request.write(Buffer.alloc(600 * 1024, 'x'));
    });
    assert.deepEqual(answer, { status: 413, type: 'RequestEntityTooLargeException' });
  });

  it('POST /_local/simulate: a decision with its reasons', async () => {
    const allowed = await local(root, 'POST', '/_local/simulate', {
      principalArn: 'arn:aws:iam::111122223333:user/alice',
      action: 'es:CreateElasticsearchDomain',
      resource: 'arn:aws:es:us-east-1:111122223333:domain/x',
      context: { 'aws:RequestTag/team': 'search', 'aws:TagKeys': ['team'] },
    });
    assert.equal(allowed.status, 200, JSON.stringify(allowed.body));
    assert.equal(allowed.body.decision, 'Allow');
    assert.deepEqual(allowed.body.statements, [
      { policy: 'group/search/inline:create-search', statement: 'CreateOnlyTeamSearch', effect: 'Allow' },
    ]);
    const deniedResult = await local(root, 'POST', '/_local/simulate', {
      principalArn: 'arn:aws:iam::111122223333:user/careful',
      action: 'es:DescribeElasticsearchDomain',
      resource: 'arn:aws:es:us-east-1:111122223333:domain/x',
    });
    assert.equal(deniedResult.body.decision, 'Deny');
    assert.equal(deniedResult.body.reason, 'explicit-deny-identity');
    assert.deepEqual(deniedResult.body.statements, [
      { policy: 'inline:no-describe', statement: 'NoDescribe', effect: 'Deny' },
    ]);
    assert.equal(
      deniedResult.body.message,
      'User: arn:aws:iam::111122223333:user/careful is not authorized to perform: es:DescribeElasticsearchDomain on resource: arn:aws:es:us-east-1:111122223333:domain/x with an explicit deny in an identity-based policy',
    );
  });

  it('POST /_local/simulate: the keys and the denial text of the real call', async () => {
    const listing = await local(root, 'POST', '/_local/simulate', {
      principalArn: 'arn:aws:iam::111122223333:user/domain-lister',
      action: 'es:ListDomainNames',
    });
    assert.equal(listing.body.decision, 'Deny');
    // As the real call's AccessDeniedException: the account's domains, not `*`.
    assert.equal(
      listing.body.message,
      'User: arn:aws:iam::111122223333:user/domain-lister is not authorized to perform: es:ListDomainNames on resource: arn:aws:es:us-east-1:111122223333:domain/* because no identity-based policy allows the es:ListDomainNames action',
    );
    const context = listing.body.context as Record<string, unknown>;
    assert.equal(context['aws:RequestedRegion'], 'us-east-1');
    assert.equal(context['aws:SourceIp'], '127.0.0.1');
    assert.equal(context['aws:ViaAWSService'], 'false');
    // The simulate call's own user agent, as a real call's.
    assert.equal(context['aws:UserAgent'], 'iam-modes-spec/1.0');
    // A session issued with MFA: its age since the session was issued, as for its real calls.
    const withMfa = await local(root, 'POST', '/_local/simulate', {
      principalArn: 'arn:aws:sts::111122223333:assumed-role/ci/build-mfa',
      action: 'es:ListDomainNames',
    });
    const mfaContext = withMfa.body.context as Record<string, unknown>;
    assert.equal(mfaContext['aws:MultiFactorAuthPresent'], 'true');
    assert.match(String(mfaContext['aws:MultiFactorAuthAge']), /^\d+$/);
    const elsewhere = await local(root, 'POST', '/_local/simulate', {
      principalArn: 'arn:aws:iam::111122223333:user/domain-lister',
      action: 'es:DescribeElasticsearchDomain',
      resource: 'arn:aws:es:eu-west-1:111122223333:domain/x',
      context: { 'aws:SourceIp': '192.0.2.1' },
    });
    const given = elsewhere.body.context as Record<string, unknown>;
    assert.equal(given['aws:RequestedRegion'], 'eu-west-1');
    assert.equal(given['aws:SourceIp'], '192.0.2.1');
    // aws:ResourceAccount: the account of the resource's ARN, and the principal's own for `*`.
    assert.equal(given['aws:ResourceAccount'], '111122223333');
    assert.equal(context['aws:ResourceAccount'], '111122223333');
    const foreign = await local(root, 'POST', '/_local/simulate', {
      principalArn: 'arn:aws:iam::111122223333:user/domain-lister',
      action: 'es:DescribeElasticsearchDomain',
      resource: 'arn:aws:es:eu-west-1:444455556666:domain/theirs',
    });
    assert.equal((foreign.body.context as Record<string, unknown>)['aws:ResourceAccount'], '444455556666');
    // Key names are case-insensitive in IAM: a key given in another case replaces the built one.
    const otherCase = await local(root, 'POST', '/_local/simulate', {
      principalArn: 'arn:aws:iam::111122223333:user/domain-lister',
      action: 'es:ListDomainNames',
      context: { 'aws:sourceip': '192.0.2.9', 'AWS:USERAGENT': 'by-hand' },
    });
    const replaced = otherCase.body.context as Record<string, unknown>;
    assert.equal(replaced['aws:sourceip'], '192.0.2.9');
    assert.equal(replaced['AWS:USERAGENT'], 'by-hand');
    assert.equal(replaced['aws:SourceIp'], undefined);
    assert.equal(replaced['aws:UserAgent'], undefined);
  });

  it("POST /_local/simulate: a domain's stored tags as aws:ResourceTag/*, as the real call reads them", async () => {
    const admin = emulator.client({ credentials: root });
    await admin.send(
      new CreateElasticsearchDomainCommand({
        ...testDomainInput('simulated'),
        TagList: [{ Key: 'team', Value: 'search' }],
      }),
    );
    try {
      const simulated = await local(root, 'POST', '/_local/simulate', {
        principalArn: 'arn:aws:iam::111122223333:user/domain-lister',
        action: 'es:DescribeElasticsearchDomain',
        resource: 'arn:aws:es:us-east-1:111122223333:domain/simulated',
      });
      const context = simulated.body.context as Record<string, unknown>;
      assert.equal(context['aws:ResourceTag/team'], 'search');
      const overridden = await local(root, 'POST', '/_local/simulate', {
        principalArn: 'arn:aws:iam::111122223333:user/domain-lister',
        action: 'es:DescribeElasticsearchDomain',
        resource: 'arn:aws:es:us-east-1:111122223333:domain/simulated',
        context: { 'aws:ResourceTag/team': 'other' },
      });
      assert.equal((overridden.body.context as Record<string, unknown>)['aws:ResourceTag/team'], 'other');
      // Only an action whose authorization data lists aws:ResourceTag reads the tags, whatever the resource
      // named: a real ListDomainNames is decided on `*`, with none. ESHttpGet, an action of the search API that
      // no operation here has, lists the key.
      const carried = async (action: string) =>
        (
          (
            await local(root, 'POST', '/_local/simulate', {
              principalArn: 'arn:aws:iam::111122223333:user/domain-lister',
              action,
              resource: 'arn:aws:es:us-east-1:111122223333:domain/simulated',
            })
          ).body.context as Record<string, unknown>
        )['aws:ResourceTag/team'];
      assert.equal(await carried('es:ListDomainNames'), undefined);
      assert.equal(await carried('es:ListElasticsearchVersions'), undefined);
      assert.equal(await carried('es:ESHttpGet'), 'search');
      assert.equal(await carried('ES:describeElasticsearchDomain'), 'search', 'action names in any case');
      assert.equal(await carried('es:NoSuchAction'), undefined);
    } finally {
      await admin.send(new DeleteElasticsearchDomainCommand({ DomainName: 'simulated' }));
    }
  });

  it("an update's pending access policy names the seed's principals by their unique ids, as AWS's does", async () => {
    const admin = emulator.client({ credentials: root });
    await admin.send(new CreateElasticsearchDomainCommand(testDomainInput('pending-ids')));
    const userIdOf = async (principalArn: string) =>
      (
        (await local(root, 'POST', '/_local/simulate', { principalArn, action: 'es:ListDomainNames' })).body
          .context as Record<string, string>
      )['aws:userid'];
    const alice = 'arn:aws:iam::111122223333:user/alice';
    const ci = 'arn:aws:iam::111122223333:role/ci';
    const accountRoot = 'arn:aws:iam::111122223333:root';
    // Not in the seed: AWS would know its id, the emulator does not, and keeps the ARN.
    const elsewhere = 'arn:aws:iam::444455556666:user/bob';
    const policyOf = (...principals: string[]) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: principals.length === 1 ? principals[0] : principals },
            Action: 'es:ESHttpGet',
            Resource: 'arn:aws:es:us-east-1:111122223333:domain/pending-ids/*',
          },
          // An account's id names no identity to look up: it stays.
          {
            Effect: 'Allow',
            Principal: { AWS: '444455556666' },
            Action: 'es:ESHttpHead',
            Resource: 'arn:aws:es:us-east-1:111122223333:domain/pending-ids/*',
          },
        ],
      });
    const policy = policyOf(alice, ci, accountRoot, elsewhere);
    try {
      const { DomainConfig } = await admin.send(
        new UpdateElasticsearchDomainConfigCommand({ DomainName: 'pending-ids', AccessPolicies: policy }),
      );
      const aliceId = await userIdOf(alice);
      const ciId = await userIdOf(ci);
      assert.match(aliceId!, /^AIDA/);
      assert.match(ciId!, /^AROA/);
      // Recorded (real-responses 1.4): a user's ARN pending as its AIDA id, a root's as its account id.
      assert.deepEqual(DomainConfig?.ModifyingProperties, [
        {
          Name: 'AccessPolicies',
          ActiveValue: '',
          PendingValue: policyOf(aliceId!, ciId!, '111122223333', elsewhere),
          ValueType: 'STRINGIFIED_JSON',
        },
      ]);
      // The domain's own policy keeps the ARNs, as AWS's describe did.
      const { DomainStatus } = await admin.send(
        new DescribeElasticsearchDomainCommand({ DomainName: 'pending-ids' }),
      );
      assert.equal(DomainStatus?.AccessPolicies, policy);
    } finally {
      await admin.send(new DeleteElasticsearchDomainCommand({ DomainName: 'pending-ids' }));
    }
  });

  it('errors are JSON: a bad body, an unknown principal, an unknown route', async () => {
    const bad = await local(root, 'POST', '/_local/simulate', { action: 'es:ListDomainNames' });
    assert.equal(bad.status, 400);
    assert.equal(bad.errorType, 'ValidationException');
    const unknown = await local(root, 'POST', '/_local/simulate', {
      principalArn: 'arn:aws:iam::111122223333:user/nobody',
      action: 'es:ListDomainNames',
    });
    assert.equal(unknown.status, 404);
    assert.equal(typeof unknown.body.message, 'string');
    const route = await local(root, 'GET', '/_local/nothing');
    assert.equal(route.status, 404);
    for (const limit of ['zero', '0', '-1', '1.5']) {
      const refused = await local(root, 'GET', `/_local/decisions?limit=${limit}`);
      assert.equal(refused.errorType, 'ValidationException', limit);
      assert.equal(refused.body.message, 'limit must be a whole number of at least 1', limit);
    }
    const nested = await local(root, 'POST', '/_local/simulate', {
      principalArn: 'arn:aws:iam::111122223333:user/alice',
      action: 'es:AddTags',
      context: { 'aws:TagKeys': ['team', { nested: true }] },
    });
    assert.equal(nested.errorType, 'ValidationException');
    assert.equal(
      nested.body.message,
      'context.aws:TagKeys must be a string, a number, a boolean or an array of them',
    );
  });

  it('are every path of `/_local`, bare or followed by `/` or `?`, in any letter case; `/_localx` is not one', async () => {
    const local404 = 'No local route matches GET /_local/';
    for (const route of ['/_local', '/_local?limit=1', '/_LOCAL?limit=1']) {
      const response = await local(root, 'GET', route);
      assert.equal(response.status, 404, route);
      assert.equal(response.body.message, local404, route);
    }
    for (const route of ['/_Local/Decisions?limit=1', '/_local/decisions/?limit=1']) {
      const decisions = await local(root, 'GET', route);
      assert.equal(decisions.status, 200, route);
      assert.equal((decisions.body.decisions as unknown[]).length, 1, route);
    }
    // HEAD, as Express's GET routes answered it: the GET's status without its body.
    assert.equal((await local(root, 'HEAD', '/_local/decisions')).status, 200);
    const api = await local(root, 'GET', '/_localx?limit=1');
    assert.equal(api.status, 404);
    assert.equal(api.body.message, 'No operation of the 2015-01-01 API matches GET /_localx');
  });

  it('only a root principal may call them when IAM is enforced', async () => {
    const user = await local(alice, 'GET', '/_local/decisions');
    assert.equal(user.status, 403);
    assert.equal(user.errorType, 'AccessDeniedException');
    const unsigned = await rawRequest(`${emulator.endpoint}/_local/decisions`);
    assert.equal(unsigned.status, 403);
    assert.equal(unsigned.errorType, 'MissingAuthenticationTokenException');
  });

  it('POST /_local/simulate: the root is allowed everything, as its real calls are (no policy evaluated)', async () => {
    const simulated = await local(root, 'POST', '/_local/simulate', {
      principalArn: 'arn:aws:iam::111122223333:root',
      action: 'es:DeleteElasticsearchDomain',
      resource: 'arn:aws:es:us-east-1:111122223333:domain/x',
    });
    assert.equal(simulated.status, 200);
    assert.deepEqual(
      {
        decision: simulated.body.decision,
        reason: simulated.body.reason,
        statements: simulated.body.statements,
      },
      { decision: 'Allow', reason: 'root', statements: [] },
    );
  });

  it('POST /_local/simulate: a resource whose Region is empty or a wildcard takes the Region the call was signed for', async () => {
    for (const resource of [
      'arn:aws:es:*:111122223333:domain/x',
      'arn:aws:es:us-*:111122223333:domain/x',
      'arn:aws:es::111122223333:domain/x',
    ]) {
      const simulated = await local(root, 'POST', '/_local/simulate', {
        principalArn: 'arn:aws:iam::111122223333:user/domain-lister',
        action: 'es:DescribeElasticsearchDomain',
        resource,
      });
      assert.equal(
        (simulated.body.context as Record<string, unknown>)['aws:RequestedRegion'],
        'us-east-1',
        resource,
      );
    }
  });

  it("POST /_local/simulate: a denial in another partition names the principal in that partition, as the real call's", async () => {
    const simulated = await local(root, 'POST', '/_local/simulate', {
      principalArn: 'arn:aws:iam::111122223333:user/domain-lister',
      action: 'es:DescribeElasticsearchDomain',
      resource: 'arn:aws-cn:es:cn-north-1:111122223333:domain/x',
    });
    assert.equal(simulated.body.decision, 'Deny');
    const denial = (action: string) =>
      `User: arn:aws-cn:iam::111122223333:user/domain-lister is not authorized to perform: ${action} on resource: arn:aws-cn:es:cn-north-1:111122223333:domain/x because no identity-based policy allows the ${action} action`;
    assert.equal(
      simulated.body.message,
      `[${denial('es:DescribeDomain')}, ${denial('es:DescribeElasticsearchDomain')}]`,
    );
  });

  it('POST /_local/simulate: a body declared over 1 MiB is refused unread, and its connection closed', async () => {
    const { hostname, port } = new URL(emulator.endpoint);
    const answer = await new Promise<{ status: number; connection: unknown }>((resolve, reject) => {
      const request = http.request(
        {
          hostname,
          port,
          method: 'POST',
          path: '/_local/simulate',
          headers: { 'content-length': 2 * 1024 * 1024 },
        },
        (response) => {
          response.resume();
          resolve({ status: response.statusCode ?? 0, connection: response.headers.connection });
          request.destroy();
        },
      );
      request.on('error', (error) => {
        if (!request.destroyed) reject(error);
      });
      // A part of the declared body only: the rest, never read, would be taken for the next request.
      request.write(Buffer.alloc(1024, 'x'));
    });
    assert.deepEqual(answer, { status: 413, connection: 'close' });
  });

  it('GET /_local/decisions: 50 without a limit', async () => {
    const client = emulator.client({ credentials: alice });
    for (let call = 0; call < 51; call++) await client.send(new ListDomainNamesCommand({}));
    const response = await local(root, 'GET', '/_local/decisions');
    assert.equal((response.body.decisions as unknown[]).length, 50);
  });
});

describe('the /_local/ routes of a seed with two accounts', () => {
  const rootA = seedKey('AKIAROOTA00000000001');
  const rootB = seedKey('AKIAROOTB00000000001');
  const userA = seedKey('AKIAUSERA00000000001');
  let emulator: TestEmulator;
  before(async () => {
    emulator = await startSeededEmulator({
      accounts: {
        '111122223333': {
          root: { accessKeys: [rootA] },
          users: {
            reader: {
              accessKeys: [userA],
              inlinePolicies: {
                list: {
                  Version: '2012-10-17',
                  Statement: [{ Effect: 'Allow', Action: 'es:List*', Resource: '*' }],
                },
              },
            },
          },
        },
        '444455556666': {
          root: { accessKeys: [rootB] },
          users: {
            auditor: {
              inlinePolicies: {
                read: {
                  Version: '2012-10-17',
                  Statement: [{ Effect: 'Allow', Action: 'es:Describe*', Resource: '*' }],
                },
              },
            },
          },
        },
      },
    });
    await emulator
      .client({ credentials: rootA })
      .send(
        new CreateElasticsearchDomainCommand(
          testDomainInput('secrets', { TagList: [{ Key: 'secret', Value: 'hunter2' }] }),
        ),
      );
    await emulator.client({ credentials: userA }).send(new ListDomainNamesCommand({}));
    await emulator.client({ credentials: rootB }).send(new ListDomainNamesCommand({}));
  });
  after(() => emulator.stop());

  const local = (credentials: Credentials, method: string, route: string, body?: unknown) =>
    localRoute(emulator, credentials, method, route, body);

  it("a root reads its own account's decisions only", async () => {
    const principals = async (credentials: typeof rootA) =>
      ((await local(credentials, 'GET', '/_local/decisions')).body.decisions as { principal: string }[]).map(
        (decision) => decision.principal,
      );
    assert.deepEqual(await principals(rootA), [
      'arn:aws:iam::111122223333:user/reader',
      'arn:aws:iam::111122223333:root',
    ]);
    assert.deepEqual(await principals(rootB), ['arn:aws:iam::444455556666:root']);
  });

  it("a root simulates its own account's principals only; another account's is not found", async () => {
    const simulation = {
      principalArn: 'arn:aws:iam::111122223333:user/reader',
      action: 'es:ListDomainNames',
    };
    assert.equal((await local(rootA, 'POST', '/_local/simulate', simulation)).body.decision, 'Allow');
    const elsewhere = await local(rootB, 'POST', '/_local/simulate', simulation);
    assert.equal(elsewhere.status, 404);
    assert.equal(
      elsewhere.body.message,
      'No principal arn:aws:iam::111122223333:user/reader in the IAM seed for account 444455556666',
    );
    // A domain of another account: its tags are not read into the context (nor shown), and no resource-based
    // policy allows it.
    const across = await local(rootB, 'POST', '/_local/simulate', {
      principalArn: 'arn:aws:iam::444455556666:user/auditor',
      action: 'es:DescribeElasticsearchDomain',
      resource: 'arn:aws:es:us-east-1:111122223333:domain/secrets',
    });
    assert.equal(across.body.decision, 'Deny');
    assert.equal(across.body.reason, 'implicit-deny-resource');
    assert.equal((across.body.context as Record<string, unknown>)['aws:ResourceTag/secret'], undefined);
    const own = await local(rootA, 'POST', '/_local/simulate', {
      principalArn: 'arn:aws:iam::111122223333:user/reader',
      action: 'es:DescribeElasticsearchDomain',
      resource: 'arn:aws:es:us-east-1:111122223333:domain/secrets',
    });
    assert.equal((own.body.context as Record<string, unknown>)['aws:ResourceTag/secret'], 'hunter2');
    const missing = await local(rootB, 'POST', '/_local/simulate', {
      ...simulation,
      principalArn: 'arn:aws:iam::444455556666:user/nobody',
    });
    assert.equal(
      missing.body.message,
      'No principal arn:aws:iam::444455556666:user/nobody in the IAM seed for account 444455556666',
    );
  });
});

describe('a seed policy with escaped quotes in a value and empty Sids, through the JS v3 SDK', () => {
  const root = seedKey('AKIAROOTQ0000000001');
  const quoted = seedKey('AKIAQUOTED0000000001');
  let emulator: TestEmulator;
  before(async () => {
    // Written as JSON, the value is "x\", \"aws:username": a scan for repeated keys that ended a string at an
    // escaped quote would read a second key aws:username there and refuse the seed. Terraform's
    // aws_iam_policy_document long wrote "Sid": "" into every statement (AWS accepts it, getmoto/moto#2415).
    emulator = await startSeededEmulator({
      accounts: {
        '111122223333': {
          root: { accessKeys: [root] },
          users: {
            quoted: {
              accessKeys: [quoted],
              inlinePolicies: {
                p: {
                  Version: '2012-10-17',
                  Statement: [
                    {
                      Sid: '',
                      Effect: 'Allow',
                      Action: 'es:*',
                      Resource: '*',
                      Condition: { StringNotEquals: { 'aws:username': 'x", "aws:username' } },
                    },
                    { Sid: '', Effect: 'Deny', Action: 'es:DeleteElasticsearchDomain', Resource: '*' },
                  ],
                },
              },
            },
          },
        },
      },
    });
  });
  after(() => emulator.stop());

  it('loads the seed, and the decisions name each statement with an empty Sid by its index', async () => {
    await emulator.client({ credentials: quoted }).send(new ListDomainNamesCommand({}));
    const denial = await errorOf(() =>
      emulator
        .client({ credentials: quoted })
        .send(new DeleteElasticsearchDomainCommand({ DomainName: 'orders' })),
    );
    assert.equal(denial.name, 'AccessDeniedException');
    const response = await localRoute(emulator, root, 'GET', '/_local/decisions?limit=2');
    const decisions = response.body.decisions as { statements: unknown }[];
    assert.deepEqual(
      decisions.map((decision) => decision.statements),
      [
        [{ policy: 'inline:p', statement: '#1', effect: 'Deny' }],
        [{ policy: 'inline:p', statement: '#0', effect: 'Allow' }],
      ],
    );
  });
});

describe('principals from the seed file', () => {
  const seedReadAt = Date.UTC(2026, 10, 26, 9, 30, 0);
  const directory = parseSeed(seedText, 'iam-seed.json', sources, seedReadAt);

  it('users: AIDA… ids derived from the ARN, aws:username, their path in the ARN', () => {
    const devops = directory.byAccessKey('AKIADEVOPS000000001')!.principal;
    assert.equal(devops.arn, 'arn:aws:iam::111122223333:user/engineering/devops');
    const keys = principalKeys(devops);
    assert.match(String(keys['aws:userid']), /^AIDA[A-Z2-7]{17}$/);
    assert.equal(keys['aws:username'], 'devops');
    assert.equal(keys['aws:PrincipalType'], 'User');
    assert.equal(keys['aws:PrincipalAccount'], '111122223333');
    assert.deepEqual(
      principalKeys(
        parseSeed(seedText, 'again', sources, Date.now()).byAccessKey('AKIADEVOPS000000001')!.principal,
      ),
      keys,
    );
  });

  it('role sessions: AROA…:session, the role ARN as aws:PrincipalArn, aws:TokenIssueTime, no aws:username', () => {
    const build = directory.byAccessKey('ASIACI00000000000001')!.principal;
    assert.equal(build.arn, 'arn:aws:sts::111122223333:assumed-role/ci/build-1');
    const keys = principalKeys(build);
    assert.match(String(keys['aws:userid']), /^AROA[A-Z2-7]{17}:build-1$/);
    assert.equal(keys['aws:PrincipalArn'], 'arn:aws:iam::111122223333:role/ci');
    assert.equal(keys['aws:PrincipalType'], 'AssumedRole');
    // No issuedAt in the seed: issued when the emulator read it, at the latest (the session expires in 2099).
    assert.equal(keys['aws:TokenIssueTime'], '2026-11-26T09:30:00Z');
    assert.equal(keys['aws:MultiFactorAuthPresent'], 'false');
    assert.equal(keys['aws:username'], undefined);
  });

  it('a session is issued at its issuedAt, else an hour before it expires but never after the seed was read', () => {
    const session = (fields: Record<string, unknown>) => ({
      sessionName: 's1',
      accessKeyId: 'ASIATABLE00000000001',
      secretAccessKey: 'x',
      sessionToken: 't',
      ...fields,
    });
    const cases = [
      [{ expiresAt: '2030-01-01T00:00:00Z' }, '2026-11-26T09:30:00Z', 'false'],
      [{ expiresAt: '2026-11-26T09:45:00Z' }, '2026-11-26T08:45:00Z', 'false'],
      [{ expiresAt: '2020-01-01T00:00:00Z' }, '2019-12-31T23:00:00Z', 'false'],
      [
        { expiresAt: '2030-01-01T00:00:00Z', issuedAt: '2026-06-01T00:00:00Z' },
        '2026-06-01T00:00:00Z',
        'false',
      ],
      // Issued as it expires: no later than its expiry, so taken (expired, as a seed may hold one to try expiry).
      [
        { expiresAt: '2026-01-01T00:00:00Z', issuedAt: '2026-01-01T00:00:00Z' },
        '2026-01-01T00:00:00Z',
        'false',
      ],
      [{ expiresAt: '2030-01-01T00:00:00Z', mfaAuthenticated: true }, '2026-11-26T09:30:00Z', 'true'],
      [{ expiresAt: '2030-01-01T00:00:00Z', mfaAuthenticated: false }, '2026-11-26T09:30:00Z', 'false'],
    ] as const;
    for (const [fields, issued, mfa] of cases) {
      const text = JSON.stringify({
        accounts: { '111122223333': { roles: { ci: { sessions: [session(fields)] } } } },
      });
      const keys = principalKeys(
        parseSeed(text, 'table', sources, seedReadAt).byAccessKey('ASIATABLE00000000001')!.principal,
      );
      assert.equal(keys['aws:TokenIssueTime'], issued, JSON.stringify(fields));
      assert.equal(keys['aws:MultiFactorAuthPresent'], mfa, JSON.stringify(fields));
    }
  });

  it('long-term keys carry no aws:MultiFactorAuthPresent; every principal is no AWS service, calling directly', () => {
    for (const accessKeyId of ['AKIADEVOPS000000001', 'ASIACI00000000000001']) {
      const keys = principalKeys(directory.byAccessKey(accessKeyId)!.principal);
      assert.equal(keys['aws:ViaAWSService'], 'false');
      assert.equal(keys['aws:PrincipalIsAWSService'], 'false');
    }
    assert.equal(
      principalKeys(directory.byAccessKey('AKIADEVOPS000000001')!.principal)['aws:MultiFactorAuthPresent'],
      undefined,
    );
  });

  it("a user collects its own, its managed and its groups' policies", () => {
    const names = directory
      .byAccessKey('AKIAALICE00000000001')!
      .principal.identityPolicies.map((p) => p.name);
    assert.deepEqual(names, [
      'inline:tagging',
      'group/search/inline:create-search',
      'arn:aws:iam::111122223333:policy/read-only',
    ]);
  });
});

describe('a bad seed file stops the start, naming the place in the file', () => {
  const mutate = (
    change: (seed: {
      accounts: Record<string, Record<string, Record<string, Record<string, unknown>>>>;
    }) => void,
  ) => {
    const seed = JSON.parse(seedText) as Parameters<typeof change>[0];
    change(seed);
    return JSON.stringify(seed);
  };
  const failure = (text: string) => {
    try {
      parseSeed(text, 'seed.json', sources, Date.now());
    } catch (error) {
      assert.ok(error instanceof SeedError);
      return error.message;
    }
    throw new Error('the seed was accepted');
  };

  it('an unknown property', () => {
    const message = failure(mutate((s) => (s.accounts['111122223333']!.users!.alice!.colour = 'blue')));
    assert.equal(
      message,
      "IAM seed file seed.json: at /accounts/111122223333/users/alice: unknown property 'colour'",
    );
  });

  it('an account id that is not 12 digits, a missing secret', () => {
    assert.match(
      failure('{"accounts":{"123":{}}}'),
      /^IAM seed file seed\.json: at \/accounts: the name '123' is not allowed/,
    );
    assert.equal(
      failure('{"accounts":{"111122223333":{"root":{"accessKeys":[{"accessKeyId":"AKIAX"}]}}}}'),
      "IAM seed file seed.json: at /accounts/111122223333/root/accessKeys/0: must have required property 'secretAccessKey'",
    );
  });

  it('an invalid policy document', () => {
    const message = failure(
      mutate((s) => {
        s.accounts['111122223333']!.policies!['read-only'] = {
          Statement: [{ Effect: 'Perhaps', Action: 'es:*', Resource: '*' }],
        };
      }),
    );
    assert.match(
      message,
      /^IAM seed file seed\.json: at \/accounts\/111122223333\/policies\/read-only: .*Effect/,
    );
  });

  it('an unknown group or managed policy, a key used twice', () => {
    assert.match(
      failure(mutate((s) => (s.accounts['111122223333']!.users!.alice!.groups = ['search', 'nobody']))),
      /at \/accounts\/111122223333\/users\/alice\/groups\/1: no group 'nobody'/,
    );
    assert.match(
      failure(mutate((s) => (s.accounts['111122223333']!.users!.reader!.managedPolicies = ['missing']))),
      /at \/accounts\/111122223333\/users\/reader\/managedPolicies\/0: no managed policy 'missing'/,
    );
    assert.match(
      failure(
        mutate(
          (s) =>
            (s.accounts['111122223333']!.users!.reader!.accessKeys = [
              { accessKeyId: 'AKIAALICE00000000001', secretAccessKey: 'x' },
            ]),
        ),
      ),
      /access key AKIAALICE00000000001 is already used at \/accounts\/111122223333\/users\/alice\/accessKeys\/0/,
    );
  });

  it("another account's customer managed policy, a session issued after it expires", () => {
    assert.match(
      failure(
        mutate(
          (s) =>
            (s.accounts['111122223333']!.users!.reader!.managedPolicies = [
              'arn:aws:iam::444455556666:policy/read-only',
            ]),
        ),
      ),
      /at \/accounts\/111122223333\/users\/reader\/managedPolicies\/0: 'arn:aws:iam::444455556666:policy\/read-only' is a policy of account 444455556666: IAM attaches only the account's own managed policies and AWS managed policies/,
    );
    assert.match(
      failure(
        mutate((s) => {
          const sessions = s.accounts['111122223333']!.roles!.ci!.sessions as { issuedAt?: string }[];
          sessions[0]!.issuedAt = '2100-01-01T00:00:00Z';
        }),
      ),
      /at \/accounts\/111122223333\/roles\/ci\/sessions\/0\/issuedAt: a session cannot be issued after it expires/,
    );
  });

  it('an AWS managed policy by its name alone, as by its ARN', () => {
    const seed = mutate(
      (s) => (s.accounts['111122223333']!.users!.reader!.managedPolicies = ['AmazonESReadOnlyAccess']),
    );
    const reader = parseSeed(seed, 'seed.json', sources, Date.now())
      .byAccessKey('AKIAREADER0000000001')!
      .principal.identityPolicies.map((policy) => policy.name);
    assert.deepEqual(reader, ['arn:aws:iam::aws:policy/AmazonESReadOnlyAccess']);
  });

  it('a key repeated in one object, which JSON.parse would resolve to its last value (IAM refuses it)', () => {
    const policy =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"es:*","Resource":"*",' +
      '"Condition":{"StringEquals":{"aws:username":"bob"}},"Condition":{"StringLike":{"aws:username":"*"}}}]}';
    assert.equal(
      failure(`{"accounts":{"111122223333":{"policies":{"p":${policy}}}}}`),
      "IAM seed file seed.json: at /accounts/111122223333/policies/p/Statement/0: the key 'Condition' appears twice in one object (JSON would keep only the last; IAM refuses a policy that repeats a key)",
    );
    // Outside a policy, a name given twice: IAM's policy rule is not the reason.
    assert.equal(
      failure('{"accounts":{"111122223333":{"users":{"alice":{},"bob":{},"alice":{"path":"/x/"}}}}}'),
      "IAM seed file seed.json: at /accounts/111122223333/users: the key 'alice' appears twice in one object (JSON would keep only the last)",
    );
    assert.equal(
      failure('{"accounts":{"111122223333":{"users":{"policies":{"path":"/","path":"/x/"}}}}}'),
      "IAM seed file seed.json: at /accounts/111122223333/users/policies: the key 'path' appears twice in one object (JSON would keep only the last)",
    );
  });

  it("IAM's policy size quotas, white space not counted", () => {
    const statement = (i: number) => ({
      Sid: `S${i}`,
      Effect: 'Allow',
      Action: 'es:DescribeElasticsearchDomain',
      Resource: `arn:aws:es:us-east-1:111122223333:domain/team-${i}`,
    });
    const sized = (count: number) => ({
      Version: '2012-10-17',
      Statement: Array.from({ length: count }, (_, i) => statement(i)),
    });
    const size = (count: number) => JSON.stringify(sized(count)).length;
    // The largest document under each quota, and one statement more.
    const under = (quota: number) => {
      let count = 1;
      while (size(count + 1) <= quota) count++;
      return count;
    };
    // A document of exactly the quota: the first statement's Sid takes the characters left.
    const exactly = (quota: number) => {
      const document = sized(under(quota));
      document.Statement[0]!.Sid += 'A'.repeat(quota - JSON.stringify(document).length);
      assert.equal(JSON.stringify(document).length, quota);
      return document;
    };
    const account = (body: object) => JSON.stringify({ accounts: { '111122223333': body } });
    const rows: [string, (document: object) => string, number][] = [
      [
        '/accounts/111122223333/users/u/inlinePolicies: the inline policies of a user',
        (document) => account({ users: { u: { inlinePolicies: { a: document } } } }),
        2048,
      ],
      [
        '/accounts/111122223333/groups/g/inlinePolicies: the inline policies of a group',
        (document) => account({ groups: { g: { inlinePolicies: { a: document } } } }),
        5120,
      ],
      [
        '/accounts/111122223333/roles/r/inlinePolicies: the inline policies of a role',
        (document) => account({ roles: { r: { inlinePolicies: { a: document } } } }),
        10240,
      ],
      [
        '/accounts/111122223333/policies/p: a managed policy',
        (document) => account({ policies: { p: document } }),
        6144,
      ],
      [
        '/accounts/111122223333/roles/r/sessions/0/sessionPolicy: a session policy',
        (document) =>
          account({
            roles: {
              r: {
                sessions: [
                  {
                    sessionName: 'build',
                    accessKeyId: 'ASIABUILD00000000001',
                    secretAccessKey: 's',
                    sessionToken: 't',
                    expiresAt: '2030-01-01T00:00:00Z',
                    sessionPolicy: document,
                  },
                ],
              },
            },
          }),
        2048,
      ],
    ];
    for (const [place, seedOf, quota] of rows) {
      const count = under(quota);
      // White space is not counted: the largest document loads pretty-printed.
      parseSeed(JSON.stringify(JSON.parse(seedOf(sized(count))), null, 2), 'seed.json', sources, Date.now());
      // IAM's quotas are what a policy "can't exceed": a document of exactly the quota loads.
      parseSeed(seedOf(exactly(quota)), 'seed.json', sources, Date.now());
      assert.equal(
        failure(seedOf(sized(count + 1))),
        `IAM seed file seed.json: at ${place}: ${size(count + 1)} characters without white space between its elements, over the quota of ${quota} (${place.endsWith('sessionPolicy: a session policy') ? "STS's AssumeRole refuses it" : 'IAM answers LimitExceeded'})`,
      );
    }
    // A user's inline policies count together.
    assert.match(
      failure(
        account({ users: { u: { inlinePolicies: { a: sized(under(1300)), b: sized(under(1300)) } } } }),
      ),
      /the inline policies of a user: \d+ characters without white space between its elements, over the quota of 2048/,
    );
  });

  it('a managed policy without Version 2012-10-17, as CreatePolicy refuses it', () => {
    for (const version of [undefined, '2008-10-17']) {
      assert.equal(
        failure(
          JSON.stringify({
            accounts: {
              '111122223333': {
                policies: {
                  p: { Version: version, Statement: { Effect: 'Allow', Action: 'es:*', Resource: '*' } },
                },
              },
            },
          }),
        ),
        'IAM seed file seed.json: at /accounts/111122223333/policies/p: a managed policy needs "Version": "2012-10-17" (IAM\'s CreatePolicy refuses any other: "Policy document must be version 2012-10-17 or greater.")',
      );
    }
  });

  it("names, paths and access key ids as IAM's API allows them", () => {
    const account = (body: object) => JSON.stringify({ accounts: { '111122223333': body } });
    assert.equal(
      failure(account({ users: { ['u'.repeat(65)]: {} } })),
      `IAM seed file seed.json: at /accounts/111122223333/users: the name '${'u'.repeat(65)}' is not allowed (names are 1-64 of A-Z a-z 0-9 _+=,.@-)`,
    );
    parseSeed(
      account({ users: { ['u'.repeat(64)]: {} }, groups: { ['g'.repeat(128)]: {} } }),
      'seed.json',
      sources,
      Date.now(),
    );
    assert.match(
      failure(account({ roles: { ['r'.repeat(65)]: {} } })),
      /at \/accounts\/111122223333\/roles: the name 'r+' is not allowed \(names are 1-64/,
    );
    assert.equal(
      failure(account({ users: { alice: {}, Alice: {} } })),
      "IAM seed file seed.json: at /accounts/111122223333/users: 'Alice' and 'alice' differ only in case, and IAM's names are unique regardless of case",
    );
    assert.match(
      failure(account({ roles: { ci: {}, CI: {} } })),
      /at \/accounts\/111122223333\/roles: 'CI' and 'ci' differ only in case/,
    );
    assert.match(
      failure(account({ users: { alice: { path: '//' } } })),
      /at \/accounts\/111122223333\/users\/alice\/path: must match pattern/,
    );
    assert.match(
      failure(account({ users: { alice: { path: `/${'p'.repeat(511)}/` } } })),
      /at \/accounts\/111122223333\/users\/alice\/path: must NOT have more than 512 characters/,
    );
    assert.match(
      failure(
        account({ users: { alice: { accessKeys: [{ accessKeyId: 'AKIASHORT', secretAccessKey: 's' }] } } }),
      ),
      /at \/accounts\/111122223333\/users\/alice\/accessKeys\/0\/accessKeyId: must match pattern/,
    );
    parseSeed(
      account({
        users: {
          alice: {
            path: '/team/',
            accessKeys: [{ accessKeyId: 'AKIA_WITH_UNDERSCORE', secretAccessKey: 's' }],
          },
        },
      }),
      'seed.json',
      sources,
      Date.now(),
    );
  });

  it("IAM's quotas of two access keys for a user or the root, and ten groups for a user", () => {
    const account = (body: object) => JSON.stringify({ accounts: { '111122223333': body } });
    const keys = (count: number) =>
      Array.from({ length: count }, (_, i) => ({
        accessKeyId: `AKIAKEY${String(i).padStart(13, '0')}`,
        secretAccessKey: 's',
      }));
    parseSeed(account({ root: { accessKeys: keys(2) } }), 'seed.json', sources, Date.now());
    assert.equal(
      failure(account({ users: { alice: { accessKeys: keys(3) } } })),
      'IAM seed file seed.json: at /accounts/111122223333/users/alice/accessKeys: must NOT have more than 2 items',
    );
    assert.match(
      failure(account({ root: { accessKeys: keys(3) } })),
      /at \/accounts\/111122223333\/root\/accessKeys: must NOT have more than 2 items/,
    );
    const groups = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`g${i}`, {}]));
    assert.match(
      failure(account({ groups, users: { alice: { groups: Object.keys(groups) } } })),
      /at \/accounts\/111122223333\/users\/alice\/groups: must NOT have more than 10 items/,
    );
  });

  it("IAM's quotas of managed policies: 20 for a user or a role (10 by default), 10 for a group; each counted once", () => {
    const allowDescribe = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'es:Describe*', Resource: '*' }],
    };
    const policies = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i}`, allowDescribe]));
    const names = (count: number) => Array.from({ length: count }, (_, i) => `p${i}`);
    const account = (body: object) =>
      JSON.stringify({ accounts: { '111122223333': { policies: policies(21), ...body } } });
    parseSeed(
      account({
        users: { alice: { managedPolicies: names(20) } },
        roles: { ci: { managedPolicies: names(20) } },
      }),
      'seed.json',
      sources,
      Date.now(),
    );
    assert.equal(
      failure(account({ users: { alice: { managedPolicies: names(21) } } })),
      "IAM seed file seed.json: at /accounts/111122223333/users/alice/managedPolicies: 21 managed policies, over IAM's quota of 20 for a user (LimitExceeded)",
    );
    assert.match(
      failure(account({ roles: { ci: { managedPolicies: names(21) } } })),
      /at \/accounts\/111122223333\/roles\/ci\/managedPolicies: 21 managed policies, over IAM's quota of 20 for a role/,
    );
    assert.match(
      failure(account({ groups: { ops: { managedPolicies: names(11) } } })),
      /at \/accounts\/111122223333\/groups\/ops\/managedPolicies: 11 managed policies, over IAM's quota of 10 for a group/,
    );
    // A policy attached again is attached once, as IAM does: twelve names of ten policies fit a group, and the
    // user's decision names the policy once.
    const seed = parseSeed(
      account({
        groups: { ops: { managedPolicies: [...names(10), 'p0', 'arn:aws:iam::111122223333:policy/p1'] } },
        users: { alice: { managedPolicies: ['p0', 'p0'] }, bob: { groups: ['ops'] } },
      }),
      'seed.json',
      sources,
      Date.now(),
    );
    const policyNames = (user: string) =>
      seed.byArn(`arn:aws:iam::111122223333:user/${user}`)?.identityPolicies.map((policy) => policy.name);
    assert.deepEqual(policyNames('alice'), ['arn:aws:iam::111122223333:policy/p0']);
    assert.deepEqual(
      policyNames('bob'),
      names(10).map((name) => `arn:aws:iam::111122223333:policy/${name}`),
    );
  });

  it('a managed policy named by an ARN of no partition AWS has', () => {
    assert.match(
      failure(
        JSON.stringify({
          accounts: {
            '111122223333': {
              users: { alice: { managedPolicies: ['arn:bogus:iam::aws:policy/AmazonESFullAccess'] } },
            },
          },
        }),
      ),
      /at \/accounts\/111122223333\/users\/alice\/managedPolicies\/0: 'arn:bogus:iam::aws:policy\/AmazonESFullAccess' is in no partition AWS has \(aws, aws-cn,/,
    );
    const seed = JSON.stringify({
      accounts: {
        '111122223333': {
          users: { alice: { managedPolicies: ['arn:aws-cn:iam::aws:policy/AmazonESReadOnlyAccess'] } },
        },
      },
    });
    const directory = parseSeed(seed, 'seed.json', sources, Date.now());
    assert.ok(directory.byArn('arn:aws-cn:iam::111122223333:user/alice'));
    assert.equal(directory.byArn('arn:bogus:iam::111122223333:user/alice'), undefined);
  });

  it('a file saved with a byte order mark', () => {
    const directory = parseSeed(`\uFEFF${seedText}`, 'seed.json', sources, Date.now());
    assert.ok(directory.byAccessKey('AKIAALICE00000000001'));
  });

  it('not JSON, or no such file', () => {
    assert.match(failure('{"accounts": '), /^IAM seed file seed\.json is not JSON/);
  });

  it('startEmulator rejects with that message', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'es-local-seed-'));
    const file = path.join(directory, 'seed.json');
    try {
      fs.writeFileSync(file, '{"accounts":{"111122223333":{"users":{"bob":{"groups":["ghost"]}}}}}');
      await assert.rejects(startEmulator({ iamSeed: file }), (error: Error) =>
        new RegExp(
          `^IAM seed file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: at /accounts/111122223333/users/bob/groups/0: no group 'ghost'`,
        ).test(error.message),
      );
      await assert.rejects(startEmulator({ iamSeed: file + '.missing' }), /cannot be read/);
      fs.writeFileSync(file, '{"accounts":{"111122223333":{"users":{"bob":{},"bob":{}}}}}');
      await assert.rejects(
        startEmulator({ iamSeed: file }),
        /at \/accounts\/111122223333\/users: the key 'bob' appears twice/,
      );
      // IAM refuses a condition operator spelled in another letter case (Invalid Condition type : stringEquals).
      const lowerCaseOperator = {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'es:*',
            Resource: '*',
            Condition: { stringEquals: { 'aws:username': 'bob' } },
          },
        ],
      };
      fs.writeFileSync(
        file,
        JSON.stringify({
          accounts: { '111122223333': { users: { bob: { inlinePolicies: { all: lowerCaseOperator } } } } },
        }),
      );
      await assert.rejects(
        startEmulator({ iamSeed: file }),
        /at \/accounts\/111122223333\/users\/bob\/inlinePolicies\/all: .*unknown condition operator "stringEquals"/,
      );
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});

import assert from 'node:assert/strict';
import {
  AddTagsCommand,
  CreateElasticsearchDomainCommand,
  DescribeElasticsearchDomainCommand,
  ListDomainNamesCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type { TestEmulator } from './support/emulator';
import { errorOf, policyDocument, seedKey, startSeededEmulator } from './support/emulator';

/**
 * Global condition keys that IAM puts in the context of every direct call, or of every call made with temporary
 * credentials, decided through the JS v3 SDK: aws:ViaAWSService (`false`: the IAM guide's "deny outside my IP
 * ranges" example), aws:UserAgent, aws:ResourceAccount (the guide's data perimeter), aws:MultiFactorAuthPresent
 * and aws:TokenIssueTime of role sessions.
 */

const ACCOUNT = '111122223333';
const allowEverything = { Effect: 'Allow', Action: 'es:*', Resource: '*' };

const session = (id: string, fields: object = {}) => ({
  sessionName: id.toLowerCase(),
  ...seedKey(id),
  sessionToken: `${id}-token`,
  expiresAt: '2099-01-01T00:00:00Z',
  ...fields,
});

const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The seed, built when its emulator starts: the revocation is a minute later, so that every session issued by
 * default (when the emulator reads the seed) is older, however long the specs before this one took.
 */
const seedRevokingAt = (revokedAt: Date) => ({
  accounts: {
    [ACCOUNT]: {
      users: {
        // The IAM User Guide's example "AWS: Denies access to AWS based on the source IP", as published.
        'ip-fenced': {
          accessKeys: [seedKey('AKIAIPFENCED00000001')],
          inlinePolicies: {
            all: policyDocument(allowEverything, {
              Effect: 'Deny',
              Action: '*',
              Resource: '*',
              Condition: {
                NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.0/24'] },
                Bool: { 'aws:ViaAWSService': 'false' },
              },
            }),
          },
        },
        'direct-only': {
          accessKeys: [seedKey('AKIADIRECTONLY000001')],
          inlinePolicies: {
            all: policyDocument({
              ...allowEverything,
              Condition: { Bool: { 'aws:ViaAWSService': 'false' } },
            }),
          },
        },
        'sdk-only': {
          accessKeys: [seedKey('AKIASDKONLY000000001')],
          inlinePolicies: {
            all: policyDocument({
              ...allowEverything,
              Condition: { StringLike: { 'aws:UserAgent': '*aws-sdk-js*' } },
            }),
          },
        },
        'no-sdk': {
          accessKeys: [seedKey('AKIANOSDK00000000001')],
          inlinePolicies: {
            all: policyDocument({
              ...allowEverything,
              Condition: { StringNotLike: { 'aws:UserAgent': '*aws-sdk-js*' } },
            }),
          },
        },
        'from-console': {
          accessKeys: [seedKey('AKIAFROMCONSOLE00001')],
          inlinePolicies: {
            all: policyDocument({
              ...allowEverything,
              Condition: { StringEquals: { 'aws:Referer': 'https://console.example.com/' } },
            }),
          },
        },
        // aws:CurrentTime against a date in the W3C's year-and-month form of ISO 8601, which IAM's guide accepts.
        'since-2020': {
          accessKeys: [seedKey('AKIASINCE20200000001')],
          inlinePolicies: {
            all: policyDocument({
              ...allowEverything,
              Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01' } },
            }),
          },
        },
        'before-2020': {
          accessKeys: [seedKey('AKIABEFORE2020000001')],
          inlinePolicies: {
            all: policyDocument({
              ...allowEverything,
              Condition: { DateLessThan: { 'aws:CurrentTime': '2020-01' } },
            }),
          },
        },
        // The IAM User Guide's aws:ResourceAccount example, "deny access to resources not in a specific account".
        'own-account-only': {
          accessKeys: [seedKey('AKIAOWNACCOUNT000001')],
          inlinePolicies: {
            all: policyDocument(allowEverything, {
              Effect: 'Deny',
              Action: 'es:*',
              Resource: '*',
              Condition: { StringNotEquals: { 'aws:ResourceAccount': [ACCOUNT] } },
            }),
          },
        },
        // The Allow side of the same perimeter, with a policy variable: only resources of the caller's account.
        'perimeter-allow': {
          accessKeys: [seedKey('AKIAPERIMETERALLOW01')],
          inlinePolicies: {
            all: policyDocument({
              ...allowEverything,
              Condition: { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } },
            }),
          },
        },
      },
      roles: {
        // IAM's example: deny temporary credentials that could have used MFA but did not.
        'mfa-required': {
          inlinePolicies: {
            all: policyDocument(allowEverything, {
              Effect: 'Deny',
              Action: '*',
              Resource: '*',
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
            }),
          },
          sessions: [
            session('ASIAWITHOUTMFA000001'),
            session('ASIAWITHMFA000000001', { mfaAuthenticated: true }),
          ],
        },
        // IAM's "revoke active sessions": deny every session issued before the revocation.
        revoked: {
          inlinePolicies: {
            all: policyDocument(allowEverything, {
              Effect: 'Deny',
              Action: '*',
              Resource: '*',
              Condition: { DateLessThan: { 'aws:TokenIssueTime': iso(revokedAt) } },
            }),
          },
          sessions: [
            // No issuedAt: issued when the emulator read the seed, before the revocation.
            session('ASIAREVOKED000000001'),
            session('ASIAREISSUED00000001', { issuedAt: iso(new Date(revokedAt.getTime() + 60_000)) }),
          ],
        },
      },
    },
  },
});

describe('global condition keys of a direct call, through the JS v3 SDK', () => {
  let emulator: TestEmulator;

  before(async () => {
    emulator = await startSeededEmulator(seedRevokingAt(new Date(Date.now() + 60_000)), {
      accountId: ACCOUNT,
    });
  });
  after(() => emulator.stop());

  const call = (accessKeyId: string, sessionToken?: string) =>
    emulator
      .client({ credentials: { ...seedKey(accessKeyId), ...(sessionToken ? { sessionToken } : {}) } })
      .send(new ListDomainNamesCommand({}));

  async function expectDenied(accessKeyId: string, principal: string, ending: string, sessionToken?: string) {
    const error = await errorOf(() => call(accessKeyId, sessionToken));
    assert.equal(error.name, 'AccessDeniedException');
    assert.equal(
      error.message,
      `User: ${principal} is not authorized to perform: es:ListDomainNames on resource: arn:aws:es:us-east-1:${ACCOUNT}:domain/* ${ending}`,
    );
  }
  const explicitDeny = 'with an explicit deny in an identity-based policy';
  const noAllow = 'because no identity-based policy allows the es:ListDomainNames action';

  it('aws:ViaAWSService is false: the source-IP fence denies a call from 127.0.0.1, a direct-only Allow allows', async () => {
    await expectDenied('AKIAIPFENCED00000001', `arn:aws:iam::${ACCOUNT}:user/ip-fenced`, explicitDeny);
    assert.deepEqual((await call('AKIADIRECTONLY000001')).DomainNames, []);
  });

  it("aws:UserAgent is the SDK's User-Agent header", async () => {
    assert.deepEqual((await call('AKIASDKONLY000000001')).DomainNames, []);
    await expectDenied('AKIANOSDK00000000001', `arn:aws:iam::${ACCOUNT}:user/no-sdk`, noAllow);
  });

  it('aws:Referer is the Referer header the request sent', async () => {
    const client = emulator.client({ credentials: seedKey('AKIAFROMCONSOLE00001') });
    client.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers.referer =
          'https://console.example.com/';
        return next(args);
      },
      { step: 'build', name: 'referer' },
    );
    assert.deepEqual((await client.send(new ListDomainNamesCommand({}))).DomainNames, []);
    await expectDenied('AKIAFROMCONSOLE00001', `arn:aws:iam::${ACCOUNT}:user/from-console`, noAllow);
  });

  it("aws:ResourceAccount is the account that owns the resource: a perimeter on it lets the account's own calls through", async () => {
    for (const accessKeyId of ['AKIAOWNACCOUNT000001', 'AKIAPERIMETERALLOW01']) {
      // A Region of its own: the other cases expect no domain in us-east-1.
      const client = emulator.client({ credentials: seedKey(accessKeyId), region: 'eu-central-1' });
      const DomainName = `perimeter-${accessKeyId.slice(4, 8).toLowerCase()}`;
      // No resource (`*`): the account called.
      assert.ok(Array.isArray((await client.send(new ListDomainNamesCommand({}))).DomainNames));
      await client.send(
        new CreateElasticsearchDomainCommand({
          DomainName,
          EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
        }),
      );
      const { DomainStatus } = await client.send(new DescribeElasticsearchDomainCommand({ DomainName }));
      assert.equal(DomainStatus?.DomainName, DomainName);
      await client.send(
        new AddTagsCommand({ ARN: DomainStatus!.ARN, TagList: [{ Key: 'team', Value: 'search' }] }),
      );
    }
  });

  it("aws:ResourceAccount of another account's ARN is that account: the perimeter denies it", async () => {
    const foreign = 'arn:aws:es:us-east-1:444455556666:domain/theirs';
    const addTags = (accessKeyId: string) =>
      errorOf(() =>
        emulator
          .client({ credentials: seedKey(accessKeyId) })
          .send(new AddTagsCommand({ ARN: foreign, TagList: [{ Key: 'team', Value: 'search' }] })),
      );
    const denied = await addTags('AKIAOWNACCOUNT000001');
    assert.equal(denied.name, 'AccessDeniedException');
    assert.equal(
      denied.message,
      `User: arn:aws:iam::${ACCOUNT}:user/own-account-only is not authorized to perform: es:AddTags on resource: ${foreign} with an explicit deny in an identity-based policy`,
    );
    // Without an explicit deny, the denial names the resource-based policy another account's resource lacks, as
    // IAM names it in a cross-account denial whether or not an identity-based policy allowed.
    const notAllowed = await addTags('AKIAPERIMETERALLOW01');
    assert.equal(notAllowed.name, 'AccessDeniedException');
    assert.equal(
      notAllowed.message,
      `User: arn:aws:iam::${ACCOUNT}:user/perimeter-allow is not authorized to perform: es:AddTags on resource: ${foreign} because no resource-based policy allows the es:AddTags action`,
    );
  });

  it('aws:CurrentTime compares with a year and month (2020-01), one of the W3C forms of ISO 8601', async () => {
    assert.deepEqual((await call('AKIASINCE20200000001')).DomainNames, []);
    await expectDenied('AKIABEFORE2020000001', `arn:aws:iam::${ACCOUNT}:user/before-2020`, noAllow);
  });

  it('aws:MultiFactorAuthPresent is false for a session issued without MFA, true with it', async () => {
    await expectDenied(
      'ASIAWITHOUTMFA000001',
      `arn:aws:sts::${ACCOUNT}:assumed-role/mfa-required/asiawithoutmfa000001`,
      explicitDeny,
      'ASIAWITHOUTMFA000001-token',
    );
    assert.deepEqual((await call('ASIAWITHMFA000000001', 'ASIAWITHMFA000000001-token')).DomainNames, []);
  });

  it('aws:TokenIssueTime: a revocation denies the sessions issued before it, not one issued after', async () => {
    await expectDenied(
      'ASIAREVOKED000000001',
      `arn:aws:sts::${ACCOUNT}:assumed-role/revoked/asiarevoked000000001`,
      explicitDeny,
      'ASIAREVOKED000000001-token',
    );
    // A session the seed says was issued after the revocation time: the Deny does not match it.
    assert.deepEqual((await call('ASIAREISSUED00000001', 'ASIAREISSUED00000001-token')).DomainNames, []);
  });
});

describe('aws:CurrentTime against a date without a zone, on a host east of UTC, through the JS v3 SDK', () => {
  // A date and time without a zone is UTC whatever the host's time zone, and whether its separator is `T` or `t`.
  // Asia/Tokyo (UTC+9) tells the readings apart: read in local time, an hour from now would be eight hours ago.
  let emulator: TestEmulator;
  let zoneBefore: string | undefined;
  const inAnHour = new Date(Date.now() + 3_600_000).toISOString().slice(0, 19).replace('T', 't');

  before(async () => {
    zoneBefore = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    const userAllowedWhile = (accessKeyId: string, operator: string) => ({
      accessKeys: [seedKey(accessKeyId)],
      inlinePolicies: {
        all: policyDocument({
          ...allowEverything,
          Condition: { [operator]: { 'aws:CurrentTime': inAnHour } },
        }),
      },
    });
    emulator = await startSeededEmulator(
      {
        accounts: {
          [ACCOUNT]: {
            users: {
              'until-later': userAllowedWhile('AKIAUNTILLATER000001', 'DateLessThan'),
              'from-later': userAllowedWhile('AKIAFROMLATER0000001', 'DateGreaterThan'),
            },
          },
        },
      },
      { accountId: ACCOUNT },
    );
  });
  after(async () => {
    await emulator.stop();
    if (zoneBefore === undefined) delete process.env.TZ;
    else process.env.TZ = zoneBefore;
  });

  it(`allows before ${inAnHour} and denies after it until then`, async () => {
    const call = (accessKeyId: string) =>
      emulator.client({ credentials: seedKey(accessKeyId) }).send(new ListDomainNamesCommand({}));
    assert.deepEqual((await call('AKIAUNTILLATER000001')).DomainNames, []);
    const denied = await errorOf(() => call('AKIAFROMLATER0000001'));
    assert.equal(denied.name, 'AccessDeniedException');
    assert.equal(
      denied.message,
      `User: arn:aws:iam::${ACCOUNT}:user/from-later is not authorized to perform: es:ListDomainNames on resource: arn:aws:es:us-east-1:${ACCOUNT}:domain/* because no identity-based policy allows the es:ListDomainNames action`,
    );
  });
});

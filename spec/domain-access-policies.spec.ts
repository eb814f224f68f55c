import assert from 'node:assert/strict';
import {
  DescribeElasticsearchDomainCommand,
  DescribeElasticsearchDomainConfigCommand,
  UpdateElasticsearchDomainConfigCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type { ElasticsearchServiceClient } from '@aws-sdk/client-elasticsearch-service';
import type { TestEmulator } from './support/emulator';
import { errorOf, seedKey, startSeededEmulator, startTestEmulator } from './support/emulator';
import { expectServiceError } from './support/errors';
import { createTestDomain, fineGrainedDomain } from './support/domains';

/**
 * The domain access policies of the seed documents (the Amazon ES access-control chapter, Japanese edition
 * ../shared/seeds/000_57b2bff5e9f8472f.txt and Korean edition 003_880684c70715bc00.txt), as printed there, set as a
 * domain's AccessPolicies through the SDK: each is accepted and echoed as AWS echoes it (minified); the open one
 * only where the chapter allows it, on a domain in a VPC or with fine-grained access control. The IP-based examples
 * are the Korean edition's: the Japanese edition's names the address 12.345.678.901, which is no address, and what
 * AWS answers for it is not known. The data plane the policies govern is not emulated.
 */

const testDomain = 'arn:aws:es:us-west-1:987654321098:domain/test-domain';
const testUser = 'arn:aws:iam::123456789012:user/test-user';
const powerUserRole = 'arn:aws:iam::123456789012:role/power-user-role';
const onlyFrom = { IpAddress: { 'aws:SourceIp': ['192.0.2.0/24'] } };

/** GET on the domain for anyone whose request carries the key's value. */
const anyoneWhere = (key: string, value: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'es:ESHttpGet',
      Resource: `${testDomain}/*`,
      Condition: { StringEquals: { [key]: value } },
    },
  ],
});

const restrictedExamples: Record<string, object> = {
  // Anyone, restricted by principal (the chapter: "some restriction by principal or IP address").
  'anyone in one organization': anyoneWhere('aws:PrincipalOrgID', 'o-a1b2c3d4e5'),
  'anyone of one account': anyoneWhere('aws:PrincipalAccount', '123456789012'),
  'test-user, every action on the domain': {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: [testUser] }, Action: ['es:*'], Resource: `${testDomain}/*` },
    ],
  },
  'test-user, GET on one index _search only': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: [testUser] },
        Action: ['es:ESHttpGet'],
        Resource: `${testDomain}/test-index/_search`,
      },
    ],
  },
  'power-user-role, GET and PUT on one index': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: [powerUserRole] },
        Action: ['es:ESHttpGet', 'es:ESHttpPut'],
        Resource: `${testDomain}/test-index/*`,
      },
    ],
  },
  'power-user-role, every method but DELETE on critical-index*': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: [powerUserRole] },
        Action: ['es:ESHttpDelete', 'es:ESHttpGet', 'es:ESHttpHead', 'es:ESHttpPost', 'es:ESHttpPut'],
        Resource: `${testDomain}/*`,
      },
      {
        Effect: 'Deny',
        Principal: { AWS: [powerUserRole] },
        Action: ['es:ESHttpDelete'],
        Resource: `${testDomain}/critical-index*`,
      },
    ],
  },
  'anyone from 192.0.2.0/24 (IP-based)': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['es:ESHttp*'],
        Condition: onlyFrom,
        Resource: `${testDomain}/*`,
      },
    ],
  },
  'test-user from 192.0.2.0/24': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::987654321098:user/test-user'] },
        Action: ['es:ESHttp*'],
        Condition: onlyFrom,
        Resource: `${testDomain}/*`,
      },
    ],
  },
  'test-user, any index in _bulk with explicit index names off': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: [testUser] },
        Action: ['es:ESHttp*'],
        Resource: [`${testDomain}/test-index/*`, `${testDomain}/_bulk`],
      },
      {
        Effect: 'Allow',
        Principal: { AWS: [testUser] },
        Action: ['es:ESHttpGet'],
        Resource: `${testDomain}/restricted-index/*`,
      },
    ],
  },
  'test-user, everything but restricted-index': {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: testUser }, Action: 'es:ESHttp*', Resource: `${testDomain}/*` },
      {
        Effect: 'Deny',
        Principal: { AWS: testUser },
        Action: 'es:ESHttp*',
        Resource: `${testDomain}/restricted-index/*`,
      },
    ],
  },
  'an account by its id and by its root': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: ['123456789012', 'arn:aws:iam::123456789012:root'] },
        Action: 'es:ESHttp*',
        Resource: `${testDomain}/*`,
      },
    ],
  },
};

/** Open to anyone without a condition: the chapter allows it only in a VPC or with fine-grained access control. */
const openExample = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'es:*', Resource: `${testDomain}/*` }],
};

describe("the access-control chapter's domain access policies, through the SDK", () => {
  let emulator: TestEmulator;
  let client: ElasticsearchServiceClient;
  before(async () => {
    emulator = await startTestEmulator({ iamMode: 'off' });
    client = emulator.client();
    await createTestDomain(client, 'public-domain');
    await createTestDomain(client, 'private-domain', { VPCOptions: { SubnetIds: ['subnet-aaaa'] } });
    await createTestDomain(client, 'secured-domain', fineGrainedDomain);
  });
  after(() => emulator.stop());

  async function setPolicy(DomainName: string, policy: object): Promise<string | undefined> {
    // Pretty-printed, as people paste them; AWS echoes the document minified.
    await client.send(
      new UpdateElasticsearchDomainConfigCommand({
        DomainName,
        AccessPolicies: JSON.stringify(policy, null, 2),
      }),
    );
    const { DomainConfig } = await client.send(new DescribeElasticsearchDomainConfigCommand({ DomainName }));
    return DomainConfig?.AccessPolicies?.Options;
  }

  for (const [title, policy] of Object.entries(restrictedExamples)) {
    it(`accepts "${title}" on a public domain and echoes it minified`, async () => {
      assert.equal(await setPolicy('public-domain', policy), JSON.stringify(policy));
    });
  }

  it('accepts the open policy on a domain in a VPC and on one with fine-grained access control', async () => {
    assert.equal(await setPolicy('private-domain', openExample), JSON.stringify(openExample));
    assert.equal(await setPolicy('secured-domain', openExample), JSON.stringify(openExample));
  });

  it("keeps a policy without its statements' Sids, as AWS does (a drift Terraform plans on every run)", async () => {
    const withSids = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'User',
          Effect: 'Allow',
          Principal: { AWS: testUser },
          Action: 'es:*',
          Resource: `${testDomain}/*`,
        },
        {
          Sid: '',
          Effect: 'Allow',
          Principal: { AWS: powerUserRole },
          Action: 'es:ESHttpGet',
          Resource: `${testDomain}/*`,
        },
      ],
    };
    const withoutSids = {
      Version: '2012-10-17',
      Statement: withSids.Statement.map(({ Sid: _sid, ...statement }) => statement),
    };
    assert.equal(await setPolicy('public-domain', withSids), JSON.stringify(withoutSids));
    // A Statement given as one object, not a list, on a create, read back from the domain itself.
    const single = { Version: '2012-10-17', Statement: { ...withSids.Statement[0] } };
    const { DomainStatus } = await createTestDomain(client, 'sidless-domain', {
      AccessPolicies: JSON.stringify(single),
    });
    const { Sid: _sid, ...kept } = single.Statement;
    assert.equal(DomainStatus?.AccessPolicies, JSON.stringify({ Version: '2012-10-17', Statement: kept }));
  });

  it("stores a statement that names no resource with the domain's own, as AWS does (a drift Terraform once planned)", async () => {
    const statement = { Effect: 'Allow', Principal: { AWS: testUser }, Action: 'es:ESHttpGet' };
    const withoutResource = {
      Version: '2012-10-17',
      Statement: [
        statement,
        {
          Effect: 'Deny',
          Principal: { AWS: testUser },
          Action: 'es:ESHttpDelete',
          NotResource: `${testDomain}/logs*`,
        },
      ],
    };
    const publicArn = (
      await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'public-domain' }))
    ).DomainStatus!.ARN;
    const stored = await setPolicy('public-domain', withoutResource);
    assert.equal(
      stored,
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ ...statement, Resource: `${publicArn}/*` }, withoutResource.Statement[1]],
      }),
    );
    // On a create too, from the domain's own name.
    const { DomainStatus } = await createTestDomain(client, 'resourceless', {
      AccessPolicies: JSON.stringify({ Version: '2012-10-17', Statement: statement }),
    });
    assert.equal(
      DomainStatus?.AccessPolicies,
      JSON.stringify({
        Version: '2012-10-17',
        Statement: { ...statement, Resource: `${DomainStatus!.ARN}/*` },
      }),
    );
  });

  it('refuses the open policy on a public domain without fine-grained access control, as AWS does', async () => {
    // A Deny of one principal leaves the domain open to everyone else, as does an Allow restricted by address
    // beside the one that is not.
    const openButOne = {
      ...openExample,
      Statement: [
        ...openExample.Statement,
        { Effect: 'Deny', Principal: { AWS: [testUser] }, Action: 'es:*', Resource: `${testDomain}/*` },
      ],
    };
    const openBesideRestricted = {
      ...openExample,
      Statement: [
        ...openExample.Statement,
        {
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'es:ESHttpGet',
          Condition: onlyFrom,
          Resource: `${testDomain}/*`,
        },
      ],
    };
    for (const policy of [openExample, openButOne, openBesideRestricted]) {
      await expectServiceError(() => setPolicy('public-domain', policy), {
        name: 'ValidationException',
        status: 400,
        message: 'Apply a restrictive access policy to your domain',
      });
    }
  });
});

describe('principals of an account the IAM seed declares, in a domain access policy, through the SDK', () => {
  const account = '111111111111';
  const rootKey = seedKey('AKIAPOLICYROOT000001');
  let emulator: TestEmulator;
  let client: ElasticsearchServiceClient;
  before(async () => {
    emulator = await startSeededEmulator({
      accounts: {
        [account]: {
          root: { accessKeys: [rootKey] },
          users: { alice: {} },
          roles: { ci: { path: '/deploy/' } },
        },
      },
    });
    client = emulator.client({ credentials: rootKey });
    await createTestDomain(client, 'guarded');
  });
  after(() => emulator.stop());

  const policyNaming = (...principals: string[]) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: principals },
          Action: 'es:ESHttpGet',
          Resource: `arn:aws:es:us-east-1:${account}:domain/guarded/*`,
        },
      ],
    });
  const update = (AccessPolicies: string) =>
    client.send(new UpdateElasticsearchDomainConfigCommand({ DomainName: 'guarded', AccessPolicies }));

  it('refuses a user or role the account does not have, as AWS refuses a principal it cannot resolve', async () => {
    for (const ghost of [
      `arn:aws:iam::${account}:user/ghost`,
      `arn:aws:iam::${account}:role/ci`, // the role's ARN holds its path
    ]) {
      const policy = policyNaming(`arn:aws:iam::${account}:user/alice`, ghost);
      await expectServiceError(() => update(policy), {
        name: 'InvalidTypeException',
        status: 409,
        message: `Error setting policy: [${policy}]`,
      });
      await expectServiceError(() => createTestDomain(client, 'haunted', { AccessPolicies: policy }), {
        name: 'InvalidTypeException',
        status: 409,
        message: `Error setting policy: [${policy}]`,
      });
    }
    const { DomainStatus } = await client.send(
      new DescribeElasticsearchDomainCommand({ DomainName: 'guarded' }),
    );
    assert.equal(DomainStatus?.AccessPolicies, '');
  });

  it("takes the account's own identities, its root, its role sessions, and another account's principals", async () => {
    const policy = policyNaming(
      `arn:aws:iam::${account}:user/alice`,
      `arn:aws:iam::${account}:role/deploy/ci`,
      `arn:aws:iam::${account}:root`,
      account,
      `arn:aws:sts::${account}:assumed-role/ci/build-1`,
      'arn:aws:iam::222222222222:user/anyone',
    );
    await update(policy);
    const { DomainConfig } = await client.send(
      new DescribeElasticsearchDomainConfigCommand({ DomainName: 'guarded' }),
    );
    assert.equal(DomainConfig?.AccessPolicies?.Options, policy);
  });
});

describe('access policies IAM cannot read, through the SDK: refused, never a 500', () => {
  let emulator: TestEmulator;
  let client: ElasticsearchServiceClient;
  before(async () => {
    emulator = await startTestEmulator({ iamMode: 'off' });
    client = emulator.client();
    await createTestDomain(client, 'kept');
  });
  after(() => emulator.stop());

  const withCondition = (values: unknown, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'es:ESHttpGet',
          Resource: 'arn:aws:es:us-east-1:123456789012:domain/kept/*',
          Condition: { IpAddress: { 'aws:SourceIp': values } },
          ...extra,
        },
      ],
    });
  /** A value inside `depth` lists: 10,000 of them are 20 KB, far under the 100 KB limit. */
  const nested = (depth: number) => `${'['.repeat(depth)}"192.0.2.1"${']'.repeat(depth)}`;

  it('a list of lists as condition values, or a document nested thousands deep, is an Error setting policy', async () => {
    const refused = [
      withCondition([['192.0.2.1']]),
      withCondition([{ address: '192.0.2.1' }]),
      withCondition('X').replace('"X"', nested(10_000)),
      // A member IAM does not know, nested past anything a policy holds.
      withCondition('192.0.2.1', { Unknown: 'X' }).replace('"X"', nested(100)),
    ];
    for (const policy of refused) {
      const expected = {
        name: 'InvalidTypeException',
        status: 409,
        message: `Error setting policy: [${policy}]`,
      };
      await expectServiceError(
        () =>
          client.send(
            new UpdateElasticsearchDomainConfigCommand({ DomainName: 'kept', AccessPolicies: policy }),
          ),
        expected,
      );
      await expectServiceError(() => createTestDomain(client, 'deep', { AccessPolicies: policy }), expected);
    }
    const { DomainStatus } = await client.send(
      new DescribeElasticsearchDomainCommand({ DomainName: 'kept' }),
    );
    assert.equal(DomainStatus?.AccessPolicies, '');
    const missing = await errorOf(() =>
      client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'deep' })),
    );
    assert.equal(missing.name, 'ResourceNotFoundException');
  });

  it('takes values that are strings, numbers or booleans, alone or listed, and a member nested a few levels', async () => {
    for (const policy of [
      withCondition(['192.0.2.1', '198.51.100.0/24']),
      withCondition('192.0.2.1'),
      JSON.stringify({
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'es:ESHttpGet',
          Resource: 'arn:aws:es:us-east-1:123456789012:domain/kept/*',
          Condition: {
            IpAddress: { 'aws:SourceIp': '192.0.2.1' },
            Bool: { 'aws:SecureTransport': true },
            NumericLessThan: { 'aws:EpochTime': [2e9, 3] },
          },
        },
      }),
      withCondition('192.0.2.1', { Unknown: JSON.parse(nested(10)) as unknown }),
    ]) {
      await client.send(
        new UpdateElasticsearchDomainConfigCommand({ DomainName: 'kept', AccessPolicies: policy }),
      );
      const { DomainStatus } = await client.send(
        new DescribeElasticsearchDomainCommand({ DomainName: 'kept' }),
      );
      assert.equal(DomainStatus?.AccessPolicies, policy);
    }
  });
});

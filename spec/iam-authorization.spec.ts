import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AddTagsCommand,
  CreateElasticsearchDomainCommand,
  CreateOutboundCrossClusterSearchConnectionCommand,
  DeleteElasticsearchDomainCommand,
  DescribeElasticsearchDomainCommand,
  GetCompatibleElasticsearchVersionsCommand,
  ListDomainNamesCommand,
  ListElasticsearchVersionsCommand,
  ListVpcEndpointsForDomainCommand,
  RemoveTagsCommand,
  UpdateElasticsearchDomainConfigCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type {
  AddTagsCommandInput,
  CreateElasticsearchDomainCommandInput,
  ElasticsearchServiceClient,
  CreateOutboundCrossClusterSearchConnectionCommandInput,
  Tag,
} from '@aws-sdk/client-elasticsearch-service';
import type { TestEmulator } from './support/emulator';
import { errorOf, policyDocument, seedKey, startSeededEmulator, startTestEmulator } from './support/emulator';
import { testDomainInput } from './support/domains';
import { send, signRequest } from '../scripts/bench/signing';

const seed = path.join(__dirname, '..', '..', 'spec', 'fixtures', 'iam-seed.json');
const account = '111122223333';
const key = (accessKeyId: string, secretAccessKey: string, sessionToken?: string) => ({
  accessKeyId,
  secretAccessKey,
  ...(sessionToken ? { sessionToken } : {}),
});
const keys = {
  root: key('AKIAROOT000000000001', 'root-secret'),
  alice: key('AKIAALICE00000000001', 'alice-secret'),
  reader: key('AKIAREADER0000000001', 'reader-secret'),
  docReader: key('AKIADOCREADER0000001', 'doc-reader-secret'),
  lister: key('AKIALISTER000000001', 'lister-secret'),
  devops: key('AKIADEVOPS000000001', 'devops-secret'),
  it: key('AKIAIT0000000000001', 'it-secret'),
  myTeam: key('AKIAMYTEAM000000001', 'my-team-secret'),
  careful: key('AKIACAREFUL00000001', 'careful-secret'),
  bounded: key('AKIABOUNDED00000001', 'bounded-secret'),
  narrowSession: key('ASIACI00000000000003', 'ci-secret-3', 'token-build-narrow'),
};

const domain = (name: string, tags?: Tag[]): CreateElasticsearchDomainCommandInput =>
  testDomainInput(name, tags ? { TagList: tags } : {});
const arn = (name: string, region = 'us-east-1') => `arn:aws:es:${region}:${account}:domain/${name}`;
const denied = (who: string, action: string, resource: string, ending: string) =>
  `User: ${who} is not authorized to perform: es:${action} on resource: ${resource} ${ending}`;
const noIdentityPolicy = (action: string) =>
  `because no identity-based policy allows the es:${action} action`;
/**
 * The denial of a call of an operation the 2021 API renamed that neither of its two actions allows: AWS names both,
 * each with its reason, between brackets (reference A2).
 */
const deniedBoth = (
  who: string,
  actions: [string, string],
  resource: string,
  because: (action: string) => string,
) => `[${actions.map((action) => denied(who, action, resource, because(action))).join(', ')}]`;

describe('IAM through the JS v3 SDK, with a seed file', () => {
  let emulator: TestEmulator;
  const as = (credentials: ReturnType<typeof key>, region?: string) =>
    emulator.client({ credentials, ...(region ? { region } : {}) });

  before(async () => {
    emulator = await startTestEmulator({ iamSeed: seed });
    const root = as(keys.root);
    await root.send(
      new CreateElasticsearchDomainCommand(domain('search-one', [{ Key: 'team', Value: 'search' }])),
    );
    await root.send(
      new CreateElasticsearchDomainCommand(domain('devops-one', [{ Key: 'team', Value: 'devops' }])),
    );
    await root.send(
      new CreateElasticsearchDomainCommand(
        domain('owned', [
          { Key: 'team', Value: 'search' },
          { Key: 'owner', Value: 'alice' },
        ]),
      ),
    );
  });
  after(() => emulator.stop());

  async function deniedWith(promise: () => Promise<unknown>, message: string): Promise<void> {
    const error = await errorOf(promise);
    assert.equal(error.name, 'AccessDeniedException', error.message);
    assert.equal((error.$metadata as { httpStatusCode: number }).httpStatusCode, 403);
    assert.equal(error.message, message);
  }

  it('the root of the account is allowed everything', async () => {
    const names = await as(keys.root).send(new ListDomainNamesCommand({}));
    assert.deepEqual(names.DomainNames?.map((d) => d.DomainName).sort(), [
      'devops-one',
      'owned',
      'search-one',
    ]);
  });

  describe('ListDomainNames needs Resource "*"', () => {
    it('a policy on domain/* does not allow it; AWS names domain/* in the message', async () => {
      await deniedWith(
        () => as(keys.lister).send(new ListDomainNamesCommand({})),
        denied(
          `arn:aws:iam::${account}:user/domain-lister`,
          'ListDomainNames',
          arn('*'),
          noIdentityPolicy('ListDomainNames'),
        ),
      );
    });
    it('a policy on "*" allows it', async () => {
      const { DomainNames } = await as(keys.docReader).send(new ListDomainNamesCommand({}));
      assert.ok(DomainNames?.some((domain) => domain.DomainName === 'search-one'));
    });
  });

  describe('the examples of the seed documents', () => {
    it('read-only es:Describe*/es:List*: describes and lists, cannot delete', async () => {
      await as(keys.docReader).send(new DescribeElasticsearchDomainCommand({ DomainName: 'search-one' }));
      await as(keys.docReader).send(new ListElasticsearchVersionsCommand({}));
      await deniedWith(
        () => as(keys.docReader).send(new DeleteElasticsearchDomainCommand({ DomainName: 'search-one' })),
        deniedBoth(
          `arn:aws:iam::${account}:user/doc-reader`,
          ['DeleteDomain', 'DeleteElasticsearchDomain'],
          arn('search-one'),
          noIdentityPolicy,
        ),
      );
    });

    it('AWS managed AmazonESReadOnlyAccess: lists, cannot create', async () => {
      await as(keys.reader).send(new ListDomainNamesCommand({}));
      await deniedWith(
        () => as(keys.reader).send(new CreateElasticsearchDomainCommand(domain('nope'))),
        deniedBoth(
          `arn:aws:iam::${account}:user/reader`,
          ['CreateDomain', 'CreateElasticsearchDomain'],
          arn('nope'),
          noIdentityPolicy,
        ),
      );
    });

    it('create limited to domain/my-team-name-* (in us-west-1)', async () => {
      await as(keys.myTeam, 'us-west-1').send(
        new CreateElasticsearchDomainCommand(domain('my-team-name-logs')),
      );
      await deniedWith(
        () => as(keys.myTeam, 'us-west-1').send(new CreateElasticsearchDomainCommand(domain('other-logs'))),
        deniedBoth(
          `arn:aws:iam::${account}:user/my-team`,
          ['CreateDomain', 'CreateElasticsearchDomain'],
          arn('other-logs', 'us-west-1'),
          noIdentityPolicy,
        ),
      );
      const otherRegion = await errorOf(() =>
        as(keys.myTeam).send(new CreateElasticsearchDomainCommand(domain('my-team-name-logs'))),
      );
      assert.equal(otherRegion.name, 'AccessDeniedException');
    });

    it('tag-based team: devops access: describe and update only domains tagged team=devops', async () => {
      const devops = as(keys.devops);
      await devops.send(new DescribeElasticsearchDomainCommand({ DomainName: 'devops-one' }));
      await devops.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'devops-one',
          SnapshotOptions: { AutomatedSnapshotStartHour: 4 },
        }),
      );
      const who = `arn:aws:iam::${account}:user/engineering/devops`;
      await deniedWith(
        () => devops.send(new DescribeElasticsearchDomainCommand({ DomainName: 'search-one' })),
        deniedBoth(
          who,
          ['DescribeDomain', 'DescribeElasticsearchDomain'],
          arn('search-one'),
          noIdentityPolicy,
        ),
      );
      await deniedWith(
        () => devops.send(new DeleteElasticsearchDomainCommand({ DomainName: 'devops-one' })),
        deniedBoth(who, ['DeleteDomain', 'DeleteElasticsearchDomain'], arn('devops-one'), noIdentityPolicy),
      );
    });

    it('create only with the request tag team: it', async () => {
      await as(keys.it).send(
        new CreateElasticsearchDomainCommand(domain('it-one', [{ Key: 'team', Value: 'it' }])),
      );
      const error = await errorOf(() =>
        as(keys.it).send(
          new CreateElasticsearchDomainCommand(domain('it-two', [{ Key: 'team', Value: 'ops' }])),
        ),
      );
      assert.equal(error.name, 'AccessDeniedException');
    });

    it("a domain access policy grants its domain's search API only: the configuration API needs an identity-based policy", async () => {
      // The chapter's test-user: es:* on test-domain/* by the domain's policy; "to access the configuration API,
      // an identity-based policy is needed". reader holds AmazonESReadOnlyAccess alone.
      const readerArn = `arn:aws:iam::${account}:user/reader`;
      const accessPolicy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: [readerArn] },
            Action: ['es:*'],
            Resource: `${arn('test-domain')}/*`,
          },
        ],
      });
      await as(keys.root).send(
        new CreateElasticsearchDomainCommand({ ...domain('test-domain'), AccessPolicies: accessPolicy }),
      );
      await deniedWith(
        () =>
          as(keys.reader).send(
            new UpdateElasticsearchDomainConfigCommand({
              DomainName: 'test-domain',
              ElasticsearchClusterConfig: { InstanceType: 'c5.xlarge.elasticsearch' },
            }),
          ),
        deniedBoth(
          readerArn,
          ['UpdateDomainConfig', 'UpdateElasticsearchDomainConfig'],
          arn('test-domain'),
          noIdentityPolicy,
        ),
      );
      const { DomainStatus } = await as(keys.reader).send(
        new DescribeElasticsearchDomainCommand({ DomainName: 'test-domain' }),
      );
      assert.equal(DomainStatus?.ElasticsearchClusterConfig?.InstanceType, 'm5.large.elasticsearch');
    });

    it("the configuration API example: the movies domain's instance type changed through the SDK's signing", async () => {
      // The chapter's boto3 example, update_elasticsearch_domain_config(DomainName='movies', ...), made here by
      // devops, whose identity-based policy allows updates of domains tagged team=devops.
      await as(keys.root).send(
        new CreateElasticsearchDomainCommand(domain('movies', [{ Key: 'team', Value: 'devops' }])),
      );
      const { DomainConfig } = await as(keys.devops).send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'movies',
          ElasticsearchClusterConfig: { InstanceType: 'c5.xlarge.elasticsearch' },
        }),
      );
      assert.equal(
        DomainConfig?.ElasticsearchClusterConfig?.Options?.InstanceType,
        'c5.xlarge.elasticsearch',
      );
      const { DomainStatus } = await as(keys.devops).send(
        new DescribeElasticsearchDomainCommand({ DomainName: 'movies' }),
      );
      assert.equal(DomainStatus?.ElasticsearchClusterConfig?.InstanceType, 'c5.xlarge.elasticsearch');
    });
  });

  describe('tag conditions', () => {
    const alice = `arn:aws:iam::${account}:user/alice`;

    it('create only with team=search (aws:RequestTag, from a group policy)', async () => {
      await as(keys.alice).send(
        new CreateElasticsearchDomainCommand(domain('alice-one', [{ Key: 'team', Value: 'search' }])),
      );
      for (const tags of [[{ Key: 'team', Value: 'devops' }], undefined]) {
        await deniedWith(
          () => as(keys.alice).send(new CreateElasticsearchDomainCommand(domain('alice-two', tags))),
          deniedBoth(
            alice,
            ['CreateDomain', 'CreateElasticsearchDomain'],
            arn('alice-two'),
            noIdentityPolicy,
          ),
        );
      }
    });

    it('AddTags only with the keys env and team (ForAllValues on aws:TagKeys)', async () => {
      await as(keys.alice).send(
        new AddTagsCommand({ ARN: arn('search-one'), TagList: [{ Key: 'env', Value: 'prod' }] }),
      );
      await deniedWith(
        () =>
          as(keys.alice).send(
            new AddTagsCommand({
              ARN: arn('search-one'),
              TagList: [
                { Key: 'env', Value: 'prod' },
                { Key: 'cost', Value: '1' },
              ],
            }),
          ),
        denied(alice, 'AddTags', arn('search-one'), noIdentityPolicy('AddTags')),
      );
    });

    it('RemoveTags forbidding the key owner (explicit deny on aws:TagKeys)', async () => {
      await as(keys.alice).send(new RemoveTagsCommand({ ARN: arn('owned'), TagKeys: ['team'] }));
      await deniedWith(
        () => as(keys.alice).send(new RemoveTagsCommand({ ARN: arn('owned'), TagKeys: ['env', 'owner'] })),
        denied(alice, 'RemoveTags', arn('owned'), 'with an explicit deny in an identity-based policy'),
      );
    });

    it('Update and Delete by aws:ResourceTag/team=search', async () => {
      await deniedWith(
        () => as(keys.alice).send(new DeleteElasticsearchDomainCommand({ DomainName: 'devops-one' })),
        deniedBoth(alice, ['DeleteDomain', 'DeleteElasticsearchDomain'], arn('devops-one'), noIdentityPolicy),
      );
      await as(keys.alice).send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'alice-one',
          SnapshotOptions: { AutomatedSnapshotStartHour: 2 },
        }),
      );
      await as(keys.alice).send(new DeleteElasticsearchDomainCommand({ DomainName: 'alice-one' }));
    });
  });

  describe('denial messages', () => {
    it('an explicit deny in an identity-based policy', async () => {
      await deniedWith(
        () => as(keys.careful).send(new DescribeElasticsearchDomainCommand({ DomainName: 'search-one' })),
        denied(
          `arn:aws:iam::${account}:user/careful`,
          'DescribeElasticsearchDomain',
          arn('search-one'),
          'with an explicit deny in an identity-based policy',
        ),
      );
    });

    it('no permissions boundary allows the action', async () => {
      await as(keys.bounded).send(new ListDomainNamesCommand({}));
      await deniedWith(
        () => as(keys.bounded).send(new DescribeElasticsearchDomainCommand({ DomainName: 'search-one' })),
        deniedBoth(
          `arn:aws:iam::${account}:user/bounded`,
          ['DescribeDomain', 'DescribeElasticsearchDomain'],
          arn('search-one'),
          (action) => `because no permissions boundary allows the es:${action} action`,
        ),
      );
    });

    it('a role session: no session policy allows, or an explicit deny in the session policy', async () => {
      const session = as(keys.narrowSession);
      const who = `arn:aws:sts::${account}:assumed-role/ci/build-narrow`;
      await session.send(new ListDomainNamesCommand({}));
      await deniedWith(
        () => session.send(new DescribeElasticsearchDomainCommand({ DomainName: 'search-one' })),
        deniedBoth(
          who,
          ['DescribeDomain', 'DescribeElasticsearchDomain'],
          arn('search-one'),
          (action) => `because no session policy allows the es:${action} action`,
        ),
      );
      await deniedWith(
        () => session.send(new ListElasticsearchVersionsCommand({})),
        denied(who, 'ListElasticsearchVersions', arn('*'), 'with an explicit deny in a session policy'),
      );
    });

    it('authorization comes before the operation checks: a missing domain is denied, not "not found"', async () => {
      const error = await errorOf(() =>
        as(keys.devops).send(new DescribeElasticsearchDomainCommand({ DomainName: 'missing-one' })),
      );
      assert.equal(error.name, 'AccessDeniedException');
    });

    it("authorization comes before the model's checks: a name the model refuses is denied to a caller without the permission", async () => {
      // AWS's answer for es:DescribeElasticsearchDomain on `domain/taylorzr${Token[` (aws-cdk#8920).
      const error = await errorOf(() =>
        as(keys.lister).send(new DescribeElasticsearchDomainCommand({ DomainName: 'Not_A_Name' })),
      );
      assert.equal(error.name, 'AccessDeniedException');
      assert.equal(
        error.message,
        deniedBoth(
          `arn:aws:iam::${account}:user/domain-lister`,
          ['DescribeDomain', 'DescribeElasticsearchDomain'],
          arn('Not_A_Name'),
          noIdentityPolicy,
        ),
      );
      // A caller with the permission gets the model's answer.
      const invalid = await errorOf(() =>
        as(keys.root).send(new DescribeElasticsearchDomainCommand({ DomainName: 'Not_A_Name' })),
      );
      assert.equal(invalid.name, 'ValidationException');
      assert.match(invalid.message, /^1 validation error detected: Value 'Not_A_Name' at 'domainName'/);
    });

    it('an outbound connection is decided on its source domain as the request names it: owner and Region', async () => {
      const error = await errorOf(() =>
        as(keys.lister).send(
          new CreateOutboundCrossClusterSearchConnectionCommand({
            SourceDomainInfo: { DomainName: 'search-one', OwnerId: '444455556666', Region: 'eu-west-1' },
            DestinationDomainInfo: { DomainName: 'devops-one' },
            ConnectionAlias: 'elsewhere',
          }),
        ),
      );
      assert.equal(error.name, 'AccessDeniedException');
      assert.equal(
        error.message,
        deniedBoth(
          `arn:aws:iam::${account}:user/domain-lister`,
          ['CreateOutboundConnection', 'CreateOutboundCrossClusterSearchConnection'],
          'arn:aws:es:eu-west-1:444455556666:domain/search-one',
          // Another account's domain: no resource-based policy allows it (IAM's cross-account evaluation).
          (action) => `because no resource-based policy allows the es:${action} action`,
        ),
      );
    });

    it('a member of another JSON type is not read as a resource: the model answers it, to a denied caller too', async () => {
      const cases = [
        {
          path: '/2015-01-01/es/domain-info',
          body: { DomainNames: [{}, 'search-one'] },
          member: 'domainNames.1.member',
        },
        { path: '/2015-01-01/es/domain-info', body: { DomainNames: [true] }, member: 'domainNames.1.member' },
        {
          path: '/2015-01-01/tags',
          body: { ARN: [arn('search-one'), arn('devops-one')], TagList: [] },
          member: 'aRN',
        },
        {
          path: '/2015-01-01/es/ccs/outboundConnection',
          body: {
            SourceDomainInfo: 'search-one',
            DestinationDomainInfo: { DomainName: 'devops-one' },
            ConnectionAlias: 'stringly',
          },
          member: 'sourceDomainInfo',
        },
      ];
      for (const { path: requestPath, body, member } of cases) {
        const request = await signRequest(emulator.endpoint, keys.lister, 'us-east-1', {
          method: 'POST',
          path: requestPath,
          body: JSON.stringify(body),
        });
        const answer = await send(emulator.endpoint, request);
        assert.equal(answer.status, 400, JSON.stringify(body));
        const message = (JSON.parse(answer.body) as { message: string }).message;
        assert.ok(
          message.startsWith('1 validation error detected: Value ') &&
            message.includes(`at '${member}' failed to satisfy constraint: Member must be of type`),
          message,
        );
      }
    });

    it('a member the model refuses as absent is decided first: the denied caller is denied, on `*` where it names the resource', async () => {
      // AWS decides before the model's checks (aws-cdk#8920); a missing member is such a check ("Value null at").
      const cases: {
        title: string;
        send: (client: ElasticsearchServiceClient) => Promise<unknown>;
        resource: string;
        action: string;
        /** Both actions of an operation the 2021 API renamed, as its denial names them. */
        bothActions?: [string, string];
        invalid: string;
      }[] = [
        {
          title: 'an outbound connection whose source has no name',
          send: (client) =>
            client.send(
              new CreateOutboundCrossClusterSearchConnectionCommand({
                SourceDomainInfo: { OwnerId: account, Region: 'us-east-1' },
                DestinationDomainInfo: { DomainName: 'devops-one' },
                ConnectionAlias: 'nameless',
              } as unknown as CreateOutboundCrossClusterSearchConnectionCommandInput),
            ),
          action: 'CreateOutboundCrossClusterSearchConnection',
          bothActions: ['CreateOutboundConnection', 'CreateOutboundCrossClusterSearchConnection'],
          resource: `arn:aws:es:us-east-1:${account}:domain/*`,
          invalid:
            "Value null at 'sourceDomainInfo.domainName' failed to satisfy constraint: Member must not be null",
        },
        {
          title: 'an outbound connection without a source',
          send: (client) =>
            client.send(
              new CreateOutboundCrossClusterSearchConnectionCommand({
                DestinationDomainInfo: { DomainName: 'devops-one' },
                ConnectionAlias: 'sourceless',
              } as unknown as CreateOutboundCrossClusterSearchConnectionCommandInput),
            ),
          action: 'CreateOutboundCrossClusterSearchConnection',
          bothActions: ['CreateOutboundConnection', 'CreateOutboundCrossClusterSearchConnection'],
          resource: `arn:aws:es:us-east-1:${account}:domain/*`,
          invalid: "Value null at 'sourceDomainInfo' failed to satisfy constraint: Member must not be null",
        },
        {
          title: 'AddTags without an ARN',
          send: (client) =>
            client.send(
              new AddTagsCommand({
                TagList: [{ Key: 'team', Value: 'search' }],
              } as unknown as AddTagsCommandInput),
            ),
          action: 'AddTags',
          resource: `arn:aws:es:us-east-1:${account}:domain/*`,
          invalid: "Value null at 'aRN' failed to satisfy constraint: Member must not be null",
        },
        {
          title: 'AddTags with a tag without its value',
          send: (client) =>
            client.send(
              new AddTagsCommand({
                ARN: arn('search-one'),
                TagList: [{ Key: 'team' }],
              } as unknown as AddTagsCommandInput),
            ),
          action: 'AddTags',
          resource: arn('search-one'),
          invalid:
            "Value null at 'tagList.1.member.value' failed to satisfy constraint: Member must not be null",
        },
      ];
      for (const { title, send, action, bothActions, resource, invalid } of cases) {
        const denial = await errorOf(() => send(as(keys.lister)));
        assert.equal(denial.name, 'AccessDeniedException', title);
        const lister = `arn:aws:iam::${account}:user/domain-lister`;
        assert.equal(
          denial.message,
          bothActions
            ? deniedBoth(lister, bothActions, resource, noIdentityPolicy)
            : denied(lister, action, resource, noIdentityPolicy(action)),
          title,
        );
        const refusal = await errorOf(() => send(as(keys.root)));
        assert.equal(refusal.name, 'ValidationException', title);
        assert.equal(refusal.message, `1 validation error detected: ${invalid}`, title);
      }
    });
  });
});

describe('IAM for a call of an action on domains that names none', () => {
  let emulator: TestEmulator;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'es-local-none-named-'));
  const onDomains = `arn:aws:es:us-east-1:${account}:domain/*`;
  const user = (accessKeyId: string, statement: Record<string, unknown>) => ({
    accessKeys: [{ accessKeyId, secretAccessKey: `${accessKeyId}-secret` }],
    inlinePolicies: { only: { Version: '2012-10-17', Statement: [statement] } },
  });
  const as = (accessKeyId: string) =>
    emulator.client({ credentials: { accessKeyId, secretAccessKey: `${accessKeyId}-secret` } });

  before(async () => {
    const seedPath = path.join(directory, 'seed.json');
    fs.writeFileSync(
      seedPath,
      JSON.stringify({
        accounts: {
          [account]: {
            users: {
              'on-domains': user('AKIAONDOMAINS0000001', {
                Effect: 'Allow',
                Action: 'es:*',
                Resource: onDomains,
              }),
              'denied-domains': user('AKIADENIEDDOMAINS001', {
                Effect: 'Deny',
                Action: 'es:*',
                Resource: onDomains,
              }),
            },
          },
        },
      }),
    );
    emulator = await startTestEmulator({ iamSeed: seedPath });
  });
  after(async () => {
    await emulator.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it("is decided on the account's domain/*, the resource its denial names: a policy on domain/* allows or denies it", async () => {
    // Valid without a domain: allowed by a policy on the account's domains.
    const versions = await as('AKIAONDOMAINS0000001').send(new GetCompatibleElasticsearchVersionsCommand({}));
    assert.ok((versions.CompatibleElasticsearchVersions ?? []).length > 0);
    // A member left out: allowed, so the model answers it.
    const withoutArn = { TagList: [{ Key: 'team', Value: 'search' }] } as unknown as AddTagsCommandInput;
    const refused = await errorOf(() => as('AKIAONDOMAINS0000001').send(new AddTagsCommand(withoutArn)));
    assert.equal(refused.name, 'ValidationException');
    // And a Deny on domain/* denies it; an empty ARN names no domain either.
    const withEmptyArn = { ARN: '', TagList: [{ Key: 'team', Value: 'search' }] };
    for (const input of [withoutArn, withEmptyArn]) {
      const denial = await errorOf(() => as('AKIADENIEDDOMAINS001').send(new AddTagsCommand(input)));
      assert.equal(denial.name, 'AccessDeniedException');
      assert.equal(
        denial.message,
        denied(
          `arn:aws:iam::${account}:user/denied-domains`,
          'AddTags',
          onDomains,
          'with an explicit deny in an identity-based policy',
        ),
      );
    }
  });
});

describe('IAM for two sessions of a role with the same session name', () => {
  // STS names a session by its role and RoleSessionName alone: AssumeRole twice with the same name gives two
  // credentials of one ARN, each with the session policy of its own call.
  const narrow = seedKey('ASIASAMENAME00000001');
  const broad = seedKey('ASIASAMENAME00000002');
  const session = (key: { accessKeyId: string; secretAccessKey: string }, sessionPolicy: object | null) => ({
    sessionName: 'deploy',
    ...key,
    sessionToken: `${key.accessKeyId}-token`,
    expiresAt: '2099-01-01T00:00:00Z',
    sessionPolicy,
  });
  let emulator: TestEmulator;
  before(async () => {
    emulator = await startSeededEmulator({
      accounts: {
        [account]: {
          roles: {
            deployer: {
              inlinePolicies: { all: policyDocument({ Effect: 'Allow', Action: 'es:*', Resource: '*' }) },
              sessions: [
                session(
                  narrow,
                  policyDocument({ Effect: 'Allow', Action: 'es:ListDomainNames', Resource: '*' }),
                ),
                session(broad, null),
              ],
            },
          },
        },
      },
    });
  });
  after(() => emulator.stop());

  const as = (key: { accessKeyId: string; secretAccessKey: string }) =>
    emulator.client({ credentials: { ...key, sessionToken: `${key.accessKeyId}-token` } });

  it('decides each call by the session of its access key, not by the first session of that ARN', async () => {
    const versions = new ListElasticsearchVersionsCommand({});
    assert.ok(((await as(broad).send(versions)).ElasticsearchVersions ?? []).length > 0);
    const denial = await errorOf(() => as(narrow).send(versions));
    assert.equal(denial.name, 'AccessDeniedException');
    assert.equal(
      denial.message,
      deniedBoth(
        `arn:aws:sts::${account}:assumed-role/deployer/deploy`,
        ['ListElasticsearchVersions', 'ListVersions'],
        `arn:aws:es:us-east-1:${account}:domain/*`,
        (action) => `because no session policy allows the es:${action} action`,
      ),
    );
  });
});

describe('IAM: an action whose authorization data lists no domain resource, though its input names a domain', () => {
  // The Service Authorization Reference lists no resource type for es:ListVpcEndpointsForDomain (nor for the other
  // VPC endpoint access calls), so the call is decided on "*": a policy naming the domain does not allow it.
  const endpointLister = seedKey('AKIAENDPOINTLISTER01');
  let emulator: TestEmulator;
  before(async () => {
    emulator = await startSeededEmulator({
      accounts: {
        [account]: {
          users: {
            'endpoint-lister': {
              accessKeys: [endpointLister],
              inlinePolicies: {
                one: policyDocument({
                  Effect: 'Allow',
                  Action: 'es:ListVpcEndpointsForDomain',
                  Resource: arn('logs'),
                }),
              },
            },
          },
        },
      },
    });
  });
  after(() => emulator.stop());

  it('is not allowed by a policy on the domain it names', async () => {
    const denial = await errorOf(() =>
      emulator
        .client({ credentials: endpointLister })
        .send(new ListVpcEndpointsForDomainCommand({ DomainName: 'logs' })),
    );
    assert.equal(denial.name, 'AccessDeniedException');
    assert.equal(
      denial.message,
      denied(
        `arn:aws:iam::${account}:user/endpoint-lister`,
        'ListVpcEndpointsForDomain',
        arn('*'),
        noIdentityPolicy('ListVpcEndpointsForDomain'),
      ),
    );
  });
});

describe('IAM: policy variables in a Resource ARN', () => {
  // IAM's guide (policy variables, "Resource element"): a variable is substituted only in the resource portion of
  // the ARN, after the fifth colon; one in the Region or account field is not, and the statement matches no domain.
  const regional = seedKey('AKIAREGIONALUSER0001');
  const regionalRoot = seedKey('AKIAREGIONALROOT0001');
  let emulator: TestEmulator;
  before(async () => {
    emulator = await startSeededEmulator({
      accounts: {
        [account]: {
          root: { accessKeys: [regionalRoot] },
          users: {
            regional: {
              accessKeys: [regional],
              inlinePolicies: {
                one: policyDocument(
                  {
                    Sid: 'RegionVariable',
                    Effect: 'Allow',
                    Action: 'es:DescribeElasticsearchDomain',
                    Resource: `arn:aws:es:\${aws:RequestedRegion}:${account}:domain/*`,
                  },
                  {
                    Sid: 'NameVariable',
                    Effect: 'Allow',
                    Action: 'es:AddTags',
                    Resource: `arn:aws:es:*:${account}:domain/\${aws:username}-*`,
                  },
                ),
              },
            },
          },
        },
      },
    });
    const root = emulator.client({ credentials: regionalRoot });
    await root.send(new CreateElasticsearchDomainCommand(domain('logs')));
    await root.send(new CreateElasticsearchDomainCommand(domain('regional-logs')));
  });
  after(() => emulator.stop());

  it('is substituted after the fifth colon only: one in the Region field allows nothing', async () => {
    const client = emulator.client({ credentials: regional });
    await client.send(new AddTagsCommand({ ARN: arn('regional-logs'), TagList: [{ Key: 'k', Value: 'v' }] }));
    const denial = await errorOf(() =>
      client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'logs' })),
    );
    assert.equal(denial.name, 'AccessDeniedException');
    assert.equal(
      denial.message,
      deniedBoth(
        `arn:aws:iam::${account}:user/regional`,
        ['DescribeDomain', 'DescribeElasticsearchDomain'],
        arn('logs'),
        noIdentityPolicy,
      ),
    );
  });
});

describe('the seed documents: global keys Amazon ES does not support, through the JS v3 SDK', () => {
  // The chapter: "notable exceptions are the aws:SecureTransport and aws:PrincipalTag keys, which Amazon ES does not
  // support". A condition on either finds no value, however the principal is tagged and the request is sent.
  let emulator: TestEmulator;
  const tagged = seedKey('AKIATAGGEDUSER000001');
  const absentOnly = seedKey('AKIAABSENTONLY000001');
  const listIf = (condition: object) =>
    policyDocument({ Effect: 'Allow', Action: 'es:ListDomainNames', Resource: '*', Condition: condition });
  before(async () => {
    emulator = await startSeededEmulator({
      accounts: {
        [account]: {
          users: {
            tagged: {
              tags: { team: 'search' },
              accessKeys: [tagged],
              inlinePolicies: {
                'by-principal-tag': listIf({ StringEquals: { 'aws:PrincipalTag/team': 'search' } }),
                'by-secure-transport': listIf({ Bool: { 'aws:SecureTransport': 'false' } }),
              },
            },
            'absent-only': {
              tags: { team: 'search' },
              accessKeys: [absentOnly],
              inlinePolicies: {
                'when-absent': listIf({
                  Null: { 'aws:PrincipalTag/team': 'true', 'aws:SecureTransport': 'true' },
                }),
              },
            },
          },
        },
      },
    });
  });
  after(() => emulator.stop());

  it('a tagged user is not allowed by its aws:PrincipalTag, nor by aws:SecureTransport; both keys are absent', async () => {
    const error = await errorOf(() =>
      emulator.client({ credentials: tagged }).send(new ListDomainNamesCommand({})),
    );
    assert.equal(error.name, 'AccessDeniedException');
    assert.equal(
      error.message,
      `User: arn:aws:iam::${account}:user/tagged is not authorized to perform: es:ListDomainNames on resource: ${arn('*')} ${noIdentityPolicy('ListDomainNames')}`,
    );
    const { DomainNames } = await emulator
      .client({ credentials: absentOnly })
      .send(new ListDomainNamesCommand({}));
    assert.deepEqual(DomainNames, []);
  });
});

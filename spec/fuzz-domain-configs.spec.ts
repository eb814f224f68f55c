import assert from 'node:assert/strict';
import {
  CreateElasticsearchDomainCommand,
  DeleteElasticsearchDomainCommand,
  DescribeElasticsearchDomainCommand,
  DescribeElasticsearchDomainConfigCommand,
  ListDomainNamesCommand,
  UpdateElasticsearchDomainConfigCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type {
  CreateElasticsearchDomainCommandInput,
  ElasticsearchServiceClient,
  UpdateElasticsearchDomainConfigCommandInput,
} from '@aws-sdk/client-elasticsearch-service';
import fc from 'fast-check';
import { instanceTypesFor, supportedVersions } from '../server/catalogue';
import { fineGrainedDomain, testDomainInput } from './support/domains';
import type { TestEmulator } from './support/emulator';
import { answerStatusOf } from './support/errors';
import { startTestEmulator } from './support/emulator';
import { snapshotOf } from './support/store-snapshot';

/**
 * Stateful fuzzing of AWS's configuration rules. The model-driven fuzzing (fuzz.spec.ts) draws strings the
 * catalogue does not know, so nearly every domain it sends is refused at the first semantic rule. Here the
 * configurations are drawn from the catalogue's own values (versions, instance types, volume types, counts at
 * and around their limits) with a few values besides, so that creates and updates reach every rule in their
 * combinations, through the JS v3 SDK: no answer is a 5xx, a refused call changes nothing (a dry run neither),
 * and every domain an answer leaves behind still describes, with its configuration, as the model says.
 */
const creates = 300;
const updates = 500;
const seed = 20_151_001;

const versions = supportedVersions();
const instanceTypes = [...new Set(versions.flatMap((version) => instanceTypesFor(version)))];
const warmTypes = instanceTypes.filter((type) => type.startsWith('ultrawarm'));

/**
 * Records with at most `most` of the members, each drawn from its arbitrary: a configuration that changes a few
 * things at a time passes some rules and trips others, where one that changes everything is refused at once.
 */
function someOf(members: Record<string, fc.Arbitrary<unknown>>, most: number) {
  return fc
    .tuple(fc.subarray(Object.keys(members), { maxLength: most }), fc.record(members))
    .map(([chosen, values]) => Object.fromEntries(chosen.map((name) => [name, values[name]])));
}
const count = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom(5, 6, 10, 20, 40, 80, 81, 200, 1001));
const volumeSize = fc.oneof(
  fc.integer({ min: 0, max: 40 }),
  fc.constantFrom(100, 512, 1024, 1500, 3584, 6144, 12288, 16384, 24576, 102400),
);
const roleArn = fc.constantFrom(
  'arn:aws:iam::000000000000:role/CognitoAccessForAmazonES',
  'arn:aws:iam::000000000000:role/service-role/x',
  'not-an-arn',
);
const logGroupArn = fc.constantFrom(
  'arn:aws:logs:us-east-1:000000000000:log-group:/aws/es/fuzz',
  'arn:aws:logs:us-east-1:000000000000:log-group:/aws/es/fuzz:*',
  'arn:aws:logs:eu-west-1:111122223333:log-group:other',
  'arn:aws:s3:::bucket',
  '',
);
const accessPolicies = fc.constantFrom(
  '',
  ' ',
  '{}',
  'not json',
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"es:*","Resource":"*"}]}',
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"es:ESHttp*","Resource":"arn:aws:es:us-east-1:000000000000:domain/x/*"}]}',
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"es:*","Condition":{"IpAddress":{"aws:SourceIp":["192.0.2.0/24"]}},"Resource":"*"}]}',
  '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"es:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}',
  '{"Statement":[{"Effect":"Maybe"}]}',
);

const clusterConfig = someOf(
  {
    InstanceType: fc.oneof(
      { weight: 9, arbitrary: fc.constantFrom(...instanceTypes) },
      { weight: 1, arbitrary: fc.constantFrom('m5.large.search', 'x1.huge.elasticsearch') },
    ),
    InstanceCount: count,
    DedicatedMasterEnabled: fc.boolean(),
    DedicatedMasterType: fc.constantFrom(...instanceTypes),
    DedicatedMasterCount: count,
    ZoneAwarenessEnabled: fc.boolean(),
    ZoneAwarenessConfig: fc.record(
      { AvailabilityZoneCount: fc.constantFrom(1, 2, 3, 4) },
      { requiredKeys: [] },
    ),
    WarmEnabled: fc.boolean(),
    WarmType: fc.constantFrom(...warmTypes, 'm5.large.elasticsearch'),
    WarmCount: count,
    ColdStorageOptions: fc.record({ Enabled: fc.boolean() }),
  },
  4,
);

const ebsOptions = someOf(
  {
    EBSEnabled: fc.boolean(),
    VolumeType: fc.constantFrom('standard', 'gp2', 'io1', 'gp3'),
    VolumeSize: volumeSize,
    Iops: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 900, max: 17000 }),
      fc.constantFrom(1000, 3000, 16000, 65000),
    ),
    Throughput: fc.oneof(fc.constant(0), fc.constantFrom(125, 250, 593, 1000, 1001)),
  },
  3,
);

const logPublishing = fc.dictionary(
  fc.constantFrom('INDEX_SLOW_LOGS', 'SEARCH_SLOW_LOGS', 'ES_APPLICATION_LOGS', 'AUDIT_LOGS'),
  fc.record({ CloudWatchLogsLogGroupArn: logGroupArn, Enabled: fc.boolean() }, { requiredKeys: [] }),
  { maxKeys: 4 },
);

const masterUser = fc.oneof(
  fc.record({ MasterUserARN: roleArn }),
  fc.record(
    {
      MasterUserName: fc.constantFrom('admin', 'a', 'x'.repeat(64)),
      MasterUserPassword: fc.constantFrom('Str0ng-Passw0rd!', 'weak', 'NoDigits-Here!'),
    },
    { requiredKeys: [] },
  ),
);

const securityOptions = someOf(
  {
    Enabled: fc.boolean(),
    InternalUserDatabaseEnabled: fc.boolean(),
    MasterUserOptions: masterUser,
    AnonymousAuthEnabled: fc.boolean(),
    SAMLOptions: fc.record(
      {
        Enabled: fc.boolean(),
        Idp: fc.record({
          EntityId: fc.constantFrom('https://idp.example', ''),
          MetadataContent: fc.constant('<md/>'),
        }),
        MasterUserName: fc.constant('saml-admin'),
        SessionTimeoutMinutes: fc.constantFrom(0, 1, 60, 1440, 1441),
      },
      { requiredKeys: [] },
    ),
  },
  3,
);

const sharedMembers = {
  ElasticsearchClusterConfig: clusterConfig,
  EBSOptions: ebsOptions,
  AccessPolicies: accessPolicies,
  SnapshotOptions: fc.record({ AutomatedSnapshotStartHour: fc.integer({ min: -1, max: 24 }) }),
  VPCOptions: fc.record(
    {
      SubnetIds: fc.array(fc.constantFrom('subnet-0a1b2c3d', 'subnet-11112222', 'sub-bad', ''), {
        maxLength: 4,
      }),
      SecurityGroupIds: fc.array(fc.constantFrom('sg-0a1b2c3d', 'sg-bad!'), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  ),
  CognitoOptions: fc.record(
    {
      Enabled: fc.boolean(),
      UserPoolId: fc.constantFrom('us-east-1_AbCdEf123', 'bad'),
      IdentityPoolId: fc.constantFrom('us-east-1:11111111-2222-3333-4444-555555555555', 'bad'),
      RoleArn: roleArn,
    },
    { requiredKeys: [] },
  ),
  AdvancedOptions: fc.dictionary(
    fc.constantFrom(
      'rest.action.multi.allow_explicit_index',
      'indices.fielddata.cache.size',
      'indices.query.bool.max_clause_count',
      'override_main_response_version',
      'unknown.option',
    ),
    fc.constantFrom('true', 'false', '20', '', '1024', 'x'),
    { maxKeys: 3 },
  ),
  LogPublishingOptions: logPublishing,
  DomainEndpointOptions: fc.record(
    {
      EnforceHTTPS: fc.boolean(),
      TLSSecurityPolicy: fc.constantFrom(
        'Policy-Min-TLS-1-0-2019-07',
        'Policy-Min-TLS-1-2-2019-07',
        'Policy-Min-TLS-1-2-PFS-2023-10',
      ),
      CustomEndpointEnabled: fc.boolean(),
      CustomEndpoint: fc.constantFrom('search.example.com', 'bad name'),
      CustomEndpointCertificateArn: fc.constantFrom(
        'arn:aws:acm:us-east-1:000000000000:certificate/11111111-2222-3333-4444-555555555555',
        'bad',
      ),
    },
    { requiredKeys: [] },
  ),
  AdvancedSecurityOptions: securityOptions,
  NodeToNodeEncryptionOptions: fc.record({ Enabled: fc.boolean() }),
  EncryptionAtRestOptions: fc.record(
    {
      Enabled: fc.boolean(),
      KmsKeyId: fc.constantFrom('alias/aws/es', '1234abcd-12ab-34cd-56ef-1234567890ab', 'aws/es'),
    },
    { requiredKeys: [] },
  ),
  AutoTuneOptions: fc.record(
    {
      DesiredState: fc.constantFrom('ENABLED', 'DISABLED'),
      RollbackOnDisable: fc.constantFrom('NO_ROLLBACK', 'DEFAULT_ROLLBACK'),
    },
    { requiredKeys: [] },
  ),
};

const createInput = someOf(
  {
    ElasticsearchVersion: fc.oneof(
      { weight: 19, arbitrary: fc.constantFrom(...versions) },
      { weight: 1, arbitrary: fc.constantFrom('7.99', 'OpenSearch_9.9', '') },
    ),
    ...sharedMembers,
    TagList: fc.array(
      fc.record({ Key: fc.constantFrom('team', 'aws:reserved', 'k'), Value: fc.constantFrom('a', '', 'v') }),
      { maxLength: 3 },
    ),
  },
  3,
  // The catalogue's strings are the SDK's enums: a few values besides are the point.
) as fc.Arbitrary<Omit<CreateElasticsearchDomainCommandInput, 'DomainName'>>;

const updateInput = fc
  .tuple(someOf(sharedMembers, 3), fc.boolean())
  .map(([members, dryRun]) => (dryRun ? { ...members, DryRun: true } : members)) as fc.Arbitrary<
  Omit<UpdateElasticsearchDomainConfigCommandInput, 'DomainName'>
>;

describe('fuzzing domain configurations drawn from the catalogue, through the JS v3 SDK', function () {
  // A thousand calls and more, each followed by reads of everything: longer than the default timeout.
  this.timeout(180_000);
  let emulator: TestEmulator;
  let client: ElasticsearchServiceClient;
  /** The domains that exist: seeded ones, and every create answered 200. */
  const existing: string[] = [];
  const tally = { created: 0, createRefused: 0, updated: 0, updateRefused: 0, dryRuns: 0 };
  let nameCounter = 0;

  before(async () => {
    emulator = await startTestEmulator({ iamMode: 'off' });
    client = emulator.client();
    // Domains of each engine generation, that updates start from.
    for (const [name, overrides] of [
      ['fuzz-base-710', {}],
      ['fuzz-base-os', { ElasticsearchVersion: 'OpenSearch_2.11' }],
      ['fuzz-base-56', { ElasticsearchVersion: '5.6' }],
      ['fuzz-base-fgac', fineGrainedDomain],
    ] as [string, Partial<CreateElasticsearchDomainCommandInput>][]) {
      await client.send(new CreateElasticsearchDomainCommand(testDomainInput(name, overrides)));
      existing.push(name);
    }
  });
  after(async () => {
    await emulator.stop();
  });

  /** Every domain that exists describes, with its configuration, and is listed. */
  async function assertDomainsReadable(): Promise<void> {
    const listed = await client.send(new ListDomainNamesCommand({}));
    assert.deepEqual(new Set(listed.DomainNames?.map((domain) => domain.DomainName)), new Set(existing));
    for (const name of existing) {
      await client.send(new DescribeElasticsearchDomainCommand({ DomainName: name }));
      await client.send(new DescribeElasticsearchDomainConfigCommand({ DomainName: name }));
    }
  }

  it(`${creates} creates: no 5xx, a refused create changes nothing, a created domain describes`, async () => {
    await fc.assert(
      fc.asyncProperty(createInput, async (input) => {
        const name = `fuzz-${nameCounter++}`;
        const before = snapshotOf(emulator.store);
        const status = await answerStatusOf(
          client.send(new CreateElasticsearchDomainCommand({ ...testDomainInput(name), ...input })),
        );
        assert.ok(status >= 200 && status < 500, `${JSON.stringify(input)} → ${status}`);
        if (status === 200) {
          tally.created++;
          existing.push(name);
          await assertDomainsReadable();
          // Room for the next: AWS allows 100 domains per account and region.
          await client.send(new DeleteElasticsearchDomainCommand({ DomainName: name }));
          existing.pop();
        } else {
          tally.createRefused++;
          assert.equal(
            snapshotOf(emulator.store),
            before,
            `a refused create changed the state: ${JSON.stringify(input)}`,
          );
        }
      }),
      { numRuns: creates, seed, endOnFailure: true },
    );
  });

  it(`${updates} updates of existing domains: no 5xx, a refused update or a dry run changes nothing`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), updateInput, async (pick, input) => {
        const name = existing[pick % existing.length]!;
        const before = snapshotOf(emulator.store);
        const request: UpdateElasticsearchDomainConfigCommandInput = { ...input, DomainName: name };
        const status = await answerStatusOf(client.send(new UpdateElasticsearchDomainConfigCommand(request)));
        assert.ok(status >= 200 && status < 500, `${JSON.stringify(request)} → ${status}`);
        if (status !== 200) tally.updateRefused++;
        else if (input.DryRun) tally.dryRuns++;
        else tally.updated++;
        if (status !== 200 || input.DryRun) {
          assert.equal(
            snapshotOf(emulator.store),
            before,
            `the state changed: ${JSON.stringify(request)} → ${status}`,
          );
        }
        await assertDomainsReadable();
      }),
      { numRuns: updates, seed: seed + 1, endOnFailure: true },
    );
  });

  it('reached both outcomes of creates and of updates', () => {
    // The rules were passed as well as refused: the generator is not refused at one rule only.
    assert.ok(tally.created >= 10, `only ${tally.created} creates succeeded`);
    assert.ok(tally.createRefused >= 100, `only ${tally.createRefused} creates were refused`);
    assert.ok(tally.updated >= 20, `only ${tally.updated} updates succeeded`);
    assert.ok(tally.updateRefused >= 100, `only ${tally.updateRefused} updates were refused`);
    process.stdout.write(`      (${JSON.stringify(tally)})\n`);
  });
});

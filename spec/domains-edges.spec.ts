import assert from 'node:assert/strict';
import {
  DescribeElasticsearchDomainCommand,
  DescribeElasticsearchDomainConfigCommand,
  DescribeElasticsearchInstanceTypeLimitsCommand,
  UpdateElasticsearchDomainConfigCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type {
  CreateElasticsearchDomainCommandInput,
  ElasticsearchClusterConfig,
  ElasticsearchServiceClient,
  ESPartitionInstanceType,
  UpdateElasticsearchDomainConfigCommandInput,
} from '@aws-sdk/client-elasticsearch-service';
import type { TestEmulator } from './support/emulator';
import { startTestEmulator } from './support/emulator';
import { expectServiceError } from './support/errors';
import { createTestDomain, fineGrainedDomain } from './support/domains';

/**
 * AWS's configuration rules at their edges: the limit itself accepted and one step past it refused, each with
 * AWS's error (the sources are cited where each rule is enforced, server/domains/validate and the catalogue).
 * Tests elsewhere probe far past most limits; a rule moved by one would pass them.
 */

type Overrides = Partial<CreateElasticsearchDomainCommandInput>;

const cluster = (config: ElasticsearchClusterConfig): Overrides => ({ ElasticsearchClusterConfig: config });
/** A T3 type: AWS's server accepts it, the 2015 model's enum has none. */
const t3Small = 't3.small.elasticsearch' as ESPartitionInstanceType;
const m4OnOldVersions = cluster({ InstanceType: 'm4.large.elasticsearch', InstanceCount: 1 });
const withMasters = (
  InstanceCount: number,
  DedicatedMasterType: ESPartitionInstanceType = 'm5.large.elasticsearch',
) =>
  cluster({
    InstanceType: 'm5.large.elasticsearch',
    InstanceCount,
    DedicatedMasterEnabled: true,
    DedicatedMasterType,
    DedicatedMasterCount: 3,
  });
const ultraWarm = (WarmCount: number | undefined, extra: ElasticsearchClusterConfig = {}) =>
  cluster({
    InstanceType: 'm5.large.elasticsearch',
    InstanceCount: 2,
    DedicatedMasterEnabled: true,
    DedicatedMasterType: 'm5.large.elasticsearch',
    DedicatedMasterCount: 3,
    WarmEnabled: true,
    WarmType: 'ultrawarm1.medium.elasticsearch',
    ...(WarmCount === undefined ? {} : { WarmCount }),
    ...extra,
  });
/** 50 r5.xlarge data nodes of the given volume size, with 150 ultrawarm1.large warm nodes. */
const fullWarmStorage = (VolumeSize: number): Overrides => ({
  ...ultraWarm(150, {
    InstanceType: 'r5.xlarge.elasticsearch',
    InstanceCount: 50,
    WarmType: 'ultrawarm1.large.elasticsearch',
  }),
  EBSOptions: { EBSEnabled: true, VolumeType: 'gp2', VolumeSize },
});
const cognito: Overrides = {
  CognitoOptions: {
    Enabled: true,
    UserPoolId: 'us-east-1_ABCdef123',
    IdentityPoolId: 'us-east-1:11111111-2222-3333-4444-555555555555',
    RoleArn: 'arn:aws:iam::000000000000:role/CognitoAccessForAmazonES',
  },
};
const applicationLogs: Overrides = {
  LogPublishingOptions: {
    ES_APPLICATION_LOGS: {
      Enabled: true,
      CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:app',
    },
  },
};

const applicationLogsOff: Overrides = {
  LogPublishingOptions: {
    ES_APPLICATION_LOGS: {
      Enabled: false,
      CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:app',
    },
  },
};

/**
 * A restrictive access policy of exactly `bytes` bytes, minified, most of them two-byte characters: about half as
 * many characters.
 */
const policyOfBytes = (bytes: number): Overrides => {
  const resourcePrefix = 'arn:aws:es:us-east-1:000000000000:domain/edge/';
  const document = (resource: string) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::000000000000:root' },
          Action: 'es:*',
          Resource: resource,
        },
      ],
    });
  const fill = bytes - Buffer.byteLength(document(resourcePrefix));
  return {
    AccessPolicies: document(resourcePrefix + '\u00e9'.repeat(Math.floor(fill / 2)) + 'x'.repeat(fill % 2)),
  };
};

interface Edge {
  title: string;
  accepted: Overrides;
  refused: Overrides;
  error: { name: string; status: number; message: string };
}

const edges: Edge[] = [
  {
    title: 'T2 and T3 data nodes: 10',
    accepted: cluster({ InstanceType: t3Small, InstanceCount: 10 }),
    refused: cluster({ InstanceType: t3Small, InstanceCount: 11 }),
    error: {
      name: 'LimitExceededException',
      status: 409,
      message: 'Instance count should be between 1 and 10.',
    },
  },
  {
    title: 'data nodes without dedicated masters: 10',
    accepted: cluster({ InstanceType: 'm5.large.elasticsearch', InstanceCount: 10 }),
    refused: cluster({ InstanceType: 'm5.large.elasticsearch', InstanceCount: 11 }),
    error: {
      name: 'ValidationException',
      status: 400,
      message: 'Dedicated master instances must be enabled for domains with more than 10 instance count.',
    },
  },
  {
    title: 'data nodes under a T2 dedicated master: 10',
    accepted: withMasters(10, 't2.medium.elasticsearch'),
    refused: withMasters(11, 't2.medium.elasticsearch'),
    error: {
      name: 'ValidationException',
      status: 400,
      message: 'Dedicated master instance type t2.medium.elasticsearch supports at most 10 data nodes.',
    },
  },
  {
    title: 'data nodes with dedicated masters: 80',
    accepted: withMasters(80),
    refused: withMasters(81),
    error: {
      name: 'LimitExceededException',
      status: 409,
      message: 'Instance count should be between 1 and 80.',
    },
  },
  {
    // AWS recorded 125..593 MiB/s for c5.large (DescribeInstanceTypeLimits).
    title: 'gp3 throughput on a c5.large: 593 MiB/s',
    accepted: {
      ...cluster({ InstanceType: 'c5.large.elasticsearch', InstanceCount: 1 }),
      EBSOptions: { EBSEnabled: true, VolumeType: 'gp3', VolumeSize: 100, Throughput: 593 },
    },
    refused: {
      ...cluster({ InstanceType: 'c5.large.elasticsearch', InstanceCount: 1 }),
      EBSOptions: { EBSEnabled: true, VolumeType: 'gp3', VolumeSize: 100, Throughput: 594 },
    },
    error: {
      name: 'LimitExceededException',
      status: 409,
      message: 'Throughput must be between 125 and 593',
    },
  },
  {
    // The model's PolicyDocument: "The maximum size of a policy document is 100 KB": bytes, not characters.
    title: 'an access policy: 100 KB, counted in bytes',
    accepted: policyOfBytes(100 * 1024),
    refused: policyOfBytes(100 * 1024 + 1),
    error: {
      name: 'ValidationException',
      status: 400,
      message: 'The access policy is 102401 bytes: the maximum size of a policy document is 100 KB.',
    },
  },
  {
    title: 'UltraWarm nodes: 150',
    accepted: ultraWarm(150),
    refused: ultraWarm(151),
    error: {
      name: 'ValidationException',
      status: 400,
      message: 'Warm storage node count must be between 2 and 150.',
    },
  },
  {
    // AWS's example of a raised quota: 80 data and 120 warm nodes, 200 instances in all.
    title: 'data and warm nodes together: 200',
    accepted: ultraWarm(150, { InstanceCount: 50 }),
    refused: ultraWarm(150, { InstanceCount: 51 }),
    error: {
      name: 'LimitExceededException',
      status: 409,
      message: 'A domain can have at most 200 data and warm nodes together, not 201.',
    },
  },
  {
    // 150 ultrawarm1.large nodes hold 3,000 TiB: 50 data nodes may add 72 TiB, 1,474 GiB each.
    title: 'data and warm storage together: 3 PiB',
    accepted: fullWarmStorage(1474),
    refused: fullWarmStorage(1475),
    error: {
      name: 'LimitExceededException',
      status: 409,
      message:
        'A domain can have at most 3072 TiB (3 PiB) of data and warm storage together, not 3072.02 TiB.',
    },
  },
  {
    title: 'fine-grained access control: from 6.7',
    accepted: { ElasticsearchVersion: '6.7', ...fineGrainedDomain },
    refused: { ElasticsearchVersion: '6.5', ...fineGrainedDomain },
    error: {
      name: 'ValidationException',
      status: 400,
      message: 'Advanced security feature is not available for the selected ES Version.',
    },
  },
  {
    title: 'Auto-Tune: from 6.7',
    accepted: { ElasticsearchVersion: '6.7', AutoTuneOptions: { DesiredState: 'ENABLED' } },
    refused: { ElasticsearchVersion: '6.5', AutoTuneOptions: { DesiredState: 'ENABLED' } },
    error: {
      name: 'ValidationException',
      status: 400,
      message: 'Auto-Tune requires Elasticsearch 6.7 or later.',
    },
  },
  {
    title: 'cold storage: from 7.9',
    accepted: { ElasticsearchVersion: '7.9', ...ultraWarm(2, { ColdStorageOptions: { Enabled: true } }) },
    refused: { ElasticsearchVersion: '7.8', ...ultraWarm(2, { ColdStorageOptions: { Enabled: true } }) },
    error: {
      name: 'ValidationException',
      status: 400,
      message:
        "Your domain's Elasticsearch version does not support cold storage options. Upgrade to Elasticsearch 7.9 or later.",
    },
  },
  {
    title: 'Cognito authentication: from 5.1',
    accepted: { ElasticsearchVersion: '5.1', ...m4OnOldVersions, ...cognito },
    refused: { ElasticsearchVersion: '2.3', ...m4OnOldVersions, ...cognito },
    error: {
      name: 'ValidationException',
      status: 400,
      message: 'Amazon Cognito authentication requires Elasticsearch 5.1 or later.',
    },
  },
  {
    title: 'application logs: from 5.1',
    accepted: { ElasticsearchVersion: '5.1', ...m4OnOldVersions, ...applicationLogs },
    refused: { ElasticsearchVersion: '2.3', ...m4OnOldVersions, ...applicationLogs },
    error: {
      name: 'InvalidTypeException',
      status: 409,
      message: 'Application Logs option cannot be specified for Elasticsearch version : 2.3',
    },
  },
  {
    // Given switched off, as Terraform modules send the block (terraform-provider-aws#7857).
    title: 'application logs, even switched off: from 5.1',
    accepted: { ElasticsearchVersion: '5.1', ...m4OnOldVersions, ...applicationLogsOff },
    refused: { ElasticsearchVersion: '2.3', ...m4OnOldVersions, ...applicationLogsOff },
    error: {
      name: 'InvalidTypeException',
      status: 409,
      message: 'Application Logs option cannot be specified for Elasticsearch version : 2.3',
    },
  },
  {
    title: 'encryption at rest: from 5.1',
    accepted: { ElasticsearchVersion: '5.1', ...m4OnOldVersions, EncryptionAtRestOptions: { Enabled: true } },
    refused: { ElasticsearchVersion: '2.3', ...m4OnOldVersions, EncryptionAtRestOptions: { Enabled: true } },
    error: {
      name: 'ValidationException',
      status: 400,
      message: 'Encryption at rest is not supported for Elasticsearch 2.3',
    },
  },
  {
    title: 'the automated snapshot hour: up to 23',
    accepted: { SnapshotOptions: { AutomatedSnapshotStartHour: 23 } },
    refused: { SnapshotOptions: { AutomatedSnapshotStartHour: 24 } },
    error: {
      name: 'ValidationException',
      status: 400,
      message:
        'AutomatedSnapshotStartHour specified, 24, is not a valid hour of the day. Please specify a number between 0 and 23.',
    },
  },
  {
    title: 'the automated snapshot hour: from 0',
    accepted: { SnapshotOptions: { AutomatedSnapshotStartHour: 0 } },
    refused: { SnapshotOptions: { AutomatedSnapshotStartHour: -1 } },
    error: {
      name: 'ValidationException',
      status: 400,
      message:
        'AutomatedSnapshotStartHour specified, -1, is not a valid hour of the day. Please specify a number between 0 and 23.',
    },
  },
  {
    title: 'an EBS volume of a t2.medium on 6.3: up to 35 GiB',
    accepted: {
      ElasticsearchVersion: '6.3',
      ...cluster({ InstanceType: 't2.medium.elasticsearch', InstanceCount: 1 }),
      EBSOptions: { EBSEnabled: true, VolumeType: 'gp2', VolumeSize: 35 },
    },
    refused: {
      ElasticsearchVersion: '6.3',
      ...cluster({ InstanceType: 't2.medium.elasticsearch', InstanceCount: 1 }),
      EBSOptions: { EBSEnabled: true, VolumeType: 'gp2', VolumeSize: 36 },
    },
    error: {
      name: 'LimitExceededException',
      status: 409,
      message:
        'Volume size must be between 10 and 35 for t2.medium.elasticsearch instance type and elasticsearch version 6.3',
    },
  },
  {
    title: 'io1 IOPS: up to 16,000',
    accepted: { EBSOptions: { EBSEnabled: true, VolumeType: 'io1', VolumeSize: 100, Iops: 16_000 } },
    refused: { EBSOptions: { EBSEnabled: true, VolumeType: 'io1', VolumeSize: 100, Iops: 16_001 } },
    error: {
      name: 'LimitExceededException',
      status: 409,
      message: 'Iops must be between 1000 and 16000.',
    },
  },
  {
    title: 'a custom endpoint: its name and its certificate both',
    accepted: {
      DomainEndpointOptions: {
        EnforceHTTPS: true,
        CustomEndpointEnabled: true,
        CustomEndpoint: 'search.example.com',
        CustomEndpointCertificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/edge',
      },
    },
    refused: {
      DomainEndpointOptions: {
        EnforceHTTPS: true,
        CustomEndpointEnabled: true,
        CustomEndpoint: 'search.example.com',
      },
    },
    error: {
      name: 'ValidationException',
      status: 400,
      message:
        'Please provide both CustomEndpoint and CustomEndpointCertificateArn fields to create a custom endpoint.',
    },
  },
  {
    title: "a log group: in the domain's Region",
    accepted: applicationLogs,
    refused: {
      LogPublishingOptions: {
        ES_APPLICATION_LOGS: {
          Enabled: true,
          CloudWatchLogsLogGroupArn: 'arn:aws:logs:eu-west-1:000000000000:log-group:app',
        },
      },
    },
    error: {
      name: 'ValidationException',
      status: 400,
      message:
        'The CloudWatch Logs ARN referring to the log group for logging your ES_APPLICATION_LOGS logs is invalid. Please specify a valid ARN.',
    },
  },
  {
    title: 't2.micro: up to 2.3',
    accepted: { ElasticsearchVersion: '2.3', ...cluster({ InstanceType: 't2.micro.elasticsearch' }) },
    refused: { ElasticsearchVersion: '5.1', ...cluster({ InstanceType: 't2.micro.elasticsearch' }) },
    error: {
      name: 'InvalidTypeException',
      status: 409,
      message: 'Invalid instance type: t2.micro.elasticsearch',
    },
  },
];

describe("AWS's configuration rules at their edges, through the JS v3 SDK", () => {
  let emulator: TestEmulator;
  let client: ElasticsearchServiceClient;

  before(async () => {
    emulator = await startTestEmulator();
    client = emulator.client();
  });
  after(() => emulator.stop());

  edges.forEach((edge, index) => {
    it(`${edge.title}: the edge is accepted, one step past it refused`, async () => {
      const created = await createTestDomain(client, `edge-${index}`, edge.accepted);
      assert.equal(created.DomainStatus?.Created, true);
      await expectServiceError(() => createTestDomain(client, `past-${index}`, edge.refused), edge.error);
    });
  });

  it('100 domains per account and Region: the 100th is created, the 101st refused', async () => {
    // A Region of its own, which the other tests leave empty.
    const regional = emulator.client({ region: 'eu-north-1' });
    for (let index = 1; index <= 100; index++) {
      const created = await createTestDomain(regional, `quota-${index}`);
      assert.equal(created.DomainStatus?.Created, true);
    }
    await expectServiceError(() => createTestDomain(regional, 'quota-101'), {
      name: 'LimitExceededException',
      status: 409,
      message: 'You have reached the limit of 100 domains per account in eu-north-1.',
    });
  });

  it('an update past 200 data and warm nodes together is refused, and changes nothing', async () => {
    await createTestDomain(client, 'warm-update', ultraWarm(2, { InstanceCount: 60 }));
    await expectServiceError(
      () =>
        client.send(
          new UpdateElasticsearchDomainConfigCommand({
            DomainName: 'warm-update',
            ElasticsearchClusterConfig: { WarmCount: 141 },
          }),
        ),
      {
        name: 'LimitExceededException',
        status: 409,
        message: 'A domain can have at most 200 data and warm nodes together, not 201.',
      },
    );
    const { DomainStatus } = await client.send(
      new DescribeElasticsearchDomainCommand({ DomainName: 'warm-update' }),
    );
    assert.equal(DomainStatus?.ElasticsearchClusterConfig?.WarmCount, 2);
  });

  it('refuses UltraWarm without a warm node count or without a warm type', async () => {
    await expectServiceError(() => createTestDomain(client, 'warm-uncounted', ultraWarm(undefined)), {
      name: 'ValidationException',
      status: 400,
      message: 'WarmType and WarmCount must be specified when WarmEnabled is true.',
    });
    const untyped = ultraWarm(2);
    delete untyped.ElasticsearchClusterConfig!.WarmType;
    await expectServiceError(() => createTestDomain(client, 'warm-untyped', untyped), {
      name: 'ValidationException',
      status: 400,
      message: 'WarmType and WarmCount must be specified when WarmEnabled is true.',
    });
  });

  it('refuses a warm node count or a warm type without UltraWarm enabled, each alone', async () => {
    const base = { InstanceType: 'm5.large.elasticsearch' as const, InstanceCount: 2 };
    for (const warm of [
      { WarmCount: 2 },
      { WarmType: 'ultrawarm1.medium.elasticsearch' as const },
    ] as ElasticsearchClusterConfig[]) {
      await expectServiceError(
        () => createTestDomain(client, 'warm-not-enabled', cluster({ ...base, ...warm })),
        {
          name: 'ValidationException',
          status: 400,
          message: 'WarmEnabled must be set to true to specify WarmCount and WarmType.',
        },
      );
    }
  });

  it('refuses an EBS volume without a size', async () => {
    await expectServiceError(
      () => createTestDomain(client, 'sizeless', { EBSOptions: { EBSEnabled: true, VolumeType: 'gp2' } }),
      {
        name: 'ValidationException',
        status: 400,
        message: 'VolumeSize must be specified when EBSEnabled is true.',
      },
    );
  });

  it('refuses a throughput without EBS, as it refuses the other volume settings', async () => {
    const instanceStore = cluster({ InstanceType: 'i3.large.elasticsearch', InstanceCount: 1 });
    const attempt = () =>
      createTestDomain(client, 'no-ebs', {
        ...instanceStore,
        EBSOptions: { EBSEnabled: false, Throughput: 125 },
      });
    await expectServiceError(attempt, {
      name: 'ValidationException',
      status: 400,
      message: 'EBSEnabled must be set to True to specify Throughput.',
    });
  });

  it('refuses a custom endpoint without CustomEndpointEnabled', async () => {
    const attempt = () =>
      createTestDomain(client, 'custom-off', {
        DomainEndpointOptions: { CustomEndpoint: 'search.example.com' },
      });
    await expectServiceError(attempt, {
      name: 'ValidationException',
      status: 400,
      message: 'CustomEndpointEnabled flag should be set in order to use CustomEndpoint.',
    });
  });

  it('refuses a custom endpoint of two million labels as too long, though its pattern cannot be matched', async () => {
    // 4 MB, within the body limit: V8 runs out of backtracking stack on the pattern's repeated label.
    const CustomEndpoint = `${'a.'.repeat(2_000_000)}a`;
    await expectServiceError(
      () =>
        createTestDomain(client, 'custom-long', {
          DomainEndpointOptions: { CustomEndpointEnabled: true, CustomEndpoint },
        }),
      {
        name: 'ValidationException',
        status: 400,
        message: new RegExp(
          "^2 validation errors detected: Value '.+' at 'domainEndpointOptions.customEndpoint' failed to satisfy constraint: Member must satisfy regular expression pattern: .+; Value '.+' at 'domainEndpointOptions.customEndpoint' failed to satisfy constraint: Member must have length less than or equal to 255$",
        ),
      },
    );
  });

  it('sets override_main_response_version by default from 7.10 on, not on 7.9', async () => {
    const older = await createTestDomain(client, 'defaults-79', { ElasticsearchVersion: '7.9' });
    assert.deepEqual(older.DomainStatus?.AdvancedOptions, {
      'rest.action.multi.allow_explicit_index': 'true',
    });
    const newer = await createTestDomain(client, 'defaults-710', { ElasticsearchVersion: '7.10' });
    assert.deepEqual(newer.DomainStatus?.AdvancedOptions, {
      override_main_response_version: 'false',
      'rest.action.multi.allow_explicit_index': 'true',
    });
  });

  it('answers the volume limits of Elasticsearch 1.5 (512 GiB) and of T2 types (35 GiB) in every storage type', async () => {
    const maximumSizes = async (ElasticsearchVersion: string, InstanceType: ESPartitionInstanceType) => {
      const answer = await client.send(
        new DescribeElasticsearchInstanceTypeLimitsCommand({ ElasticsearchVersion, InstanceType }),
      );
      return answer.LimitsByRole?.data?.StorageTypes?.map((storage) => [
        storage.StorageSubTypeName,
        storage.StorageTypeLimits?.find((limit) => limit.LimitName === 'MaximumVolumeSize')?.LimitValues,
      ]);
    };
    assert.deepEqual(await maximumSizes('1.5', 'm4.xlarge.elasticsearch'), [
      ['standard', ['100']],
      ['io1', ['512']],
      ['gp2', ['512']],
    ]);
    assert.deepEqual(await maximumSizes('2.3', 'm4.xlarge.elasticsearch'), [
      ['standard', ['100']],
      ['io1', ['1024']],
      ['gp2', ['1024']],
    ]);
    assert.deepEqual(await maximumSizes('5.6', 't2.small.elasticsearch'), [
      ['standard', ['35']],
      ['io1', ['35']],
      ['gp2', ['35']],
    ]);
  });

  describe('updates of existing domains', () => {
    const update = (input: UpdateElasticsearchDomainConfigCommandInput) =>
      client.send(new UpdateElasticsearchDomainConfigCommand(input));

    it('turns zone awareness off, and its zone settings go with it', async () => {
      await createTestDomain(
        client,
        'multi-az',
        cluster({
          InstanceType: 'm5.large.elasticsearch',
          InstanceCount: 2,
          ZoneAwarenessEnabled: true,
          ZoneAwarenessConfig: { AvailabilityZoneCount: 2 },
        }),
      );
      const answer = await update({
        DomainName: 'multi-az',
        ElasticsearchClusterConfig: { ZoneAwarenessEnabled: false },
      });
      const options = answer.DomainConfig?.ElasticsearchClusterConfig?.Options;
      assert.equal(options?.ZoneAwarenessEnabled, false);
      assert.equal(options?.ZoneAwarenessConfig, undefined);
    });

    it('keeps the customer key when encryption at rest is sent again without one', async () => {
      const key = 'arn:aws:kms:us-east-1:000000000000:key/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d';
      await createTestDomain(client, 'own-key', {
        EncryptionAtRestOptions: { Enabled: true, KmsKeyId: key },
        NodeToNodeEncryptionOptions: { Enabled: true },
      });
      await update({ DomainName: 'own-key', EncryptionAtRestOptions: { Enabled: true } });
      const config = await client.send(
        new DescribeElasticsearchDomainConfigCommand({ DomainName: 'own-key' }),
      );
      assert.deepEqual(config.DomainConfig?.EncryptionAtRestOptions?.Options, {
        Enabled: true,
        KmsKeyId: key,
      });
    });

    it('accepts anonymous auth sent again during its migration period, keeping its end date', async () => {
      await createTestDomain(client, 'migrating', {
        DomainEndpointOptions: { EnforceHTTPS: true },
        NodeToNodeEncryptionOptions: { Enabled: true },
        EncryptionAtRestOptions: { Enabled: true },
      });
      const enabled = await update({
        DomainName: 'migrating',
        AdvancedSecurityOptions: {
          Enabled: true,
          InternalUserDatabaseEnabled: true,
          MasterUserOptions: { MasterUserName: 'admin', MasterUserPassword: 'Str0ng-Passw0rd!' },
          AnonymousAuthEnabled: true,
        },
      });
      const again = await update({
        DomainName: 'migrating',
        AdvancedSecurityOptions: { Enabled: true, AnonymousAuthEnabled: true },
      });
      const options = again.DomainConfig?.AdvancedSecurityOptions?.Options;
      assert.equal(options?.AnonymousAuthEnabled, true);
      assert.deepEqual(
        options?.AnonymousAuthDisableDate,
        enabled.DomainConfig?.AdvancedSecurityOptions?.Options?.AnonymousAuthDisableDate,
      );
    });

    it('refuses node-to-node encryption and encryption at rest on an existing domain before 6.7', async () => {
      // AWS's guides: a new domain may have them from 6.0 and 5.1, an existing one gains them from 6.7.
      await createTestDomain(client, 'before-67', { ElasticsearchVersion: '6.5' });
      const nodeToNode = () =>
        update({ DomainName: 'before-67', NodeToNodeEncryptionOptions: { Enabled: true } });
      await expectServiceError(nodeToNode, {
        name: 'ValidationException',
        status: 400,
        message: 'Node-to-node encryption requires Elasticsearch 6.7 or later.',
      });
      const atRest = () => update({ DomainName: 'before-67', EncryptionAtRestOptions: { Enabled: true } });
      await expectServiceError(atRest, {
        name: 'ValidationException',
        status: 400,
        message: 'Encryption at rest requires Elasticsearch 6.7 or later.',
      });
    });

    it('turns dedicated masters and UltraWarm off, and their types and counts go with them', async () => {
      await createTestDomain(client, 'warm-off', ultraWarm(2));
      const warmOff = await update({
        DomainName: 'warm-off',
        ElasticsearchClusterConfig: { WarmEnabled: false },
      });
      const afterWarm = warmOff.DomainConfig?.ElasticsearchClusterConfig?.Options;
      assert.equal(afterWarm?.WarmEnabled, false);
      assert.equal(afterWarm?.WarmType, undefined);
      assert.equal(afterWarm?.WarmCount, undefined);
      const mastersOff = await update({
        DomainName: 'warm-off',
        ElasticsearchClusterConfig: { DedicatedMasterEnabled: false },
      });
      const afterMasters = mastersOff.DomainConfig?.ElasticsearchClusterConfig?.Options;
      assert.equal(afterMasters?.DedicatedMasterEnabled, false);
      assert.equal(afterMasters?.DedicatedMasterType, undefined);
      assert.equal(afterMasters?.DedicatedMasterCount, undefined);
    });

    it('moves from an EBS volume to an instance-store type with EBS switched off, the volume going with it', async () => {
      const created = await createTestDomain(client, 'to-instance-store', {
        EBSOptions: { EBSEnabled: true, VolumeType: 'gp3', VolumeSize: 20 },
      });
      // A gp3 volume without IOPS or throughput has gp3's baseline, 3,000 IOPS and 125 MiB/s.
      assert.deepEqual(created.DomainStatus?.EBSOptions, {
        EBSEnabled: true,
        VolumeType: 'gp3',
        VolumeSize: 20,
        Iops: 3000,
        Throughput: 125,
      });
      const answer = await update({
        DomainName: 'to-instance-store',
        ElasticsearchClusterConfig: { InstanceType: 'i3.large.elasticsearch' },
        EBSOptions: { EBSEnabled: false },
      });
      assert.deepEqual(answer.DomainConfig?.EBSOptions?.Options, { EBSEnabled: false });
      assert.equal(
        answer.DomainConfig?.ElasticsearchClusterConfig?.Options?.InstanceType,
        'i3.large.elasticsearch',
      );
    });

    it('updates a domain whose master user is an IAM ARN without the master user sent again', async () => {
      // AWS never echoes the master user: a later update cannot send it back, and needs not.
      await createTestDomain(client, 'iam-master', {
        ...fineGrainedDomain,
        AdvancedSecurityOptions: {
          Enabled: true,
          InternalUserDatabaseEnabled: false,
          MasterUserOptions: { MasterUserARN: 'arn:aws:iam::000000000000:role/search-admin' },
        },
      });
      for (const input of [
        { SnapshotOptions: { AutomatedSnapshotStartHour: 3 } },
        { AdvancedSecurityOptions: { Enabled: true, InternalUserDatabaseEnabled: false } },
      ]) {
        const answer = await update({ DomainName: 'iam-master', ...input });
        assert.equal(answer.DomainConfig?.AdvancedSecurityOptions?.Options?.Enabled, true);
      }
    });

    it('refuses encryption at rest on an existing domain with cold storage', async () => {
      await createTestDomain(client, 'cold', ultraWarm(2, { ColdStorageOptions: { Enabled: true } }));
      const attempt = () => update({ DomainName: 'cold', EncryptionAtRestOptions: { Enabled: true } });
      await expectServiceError(attempt, {
        name: 'ValidationException',
        status: 400,
        message:
          'Encryption at rest cannot be enabled on an existing domain with UltraWarm or cold storage enabled.',
      });
    });
  });
});

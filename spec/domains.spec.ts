import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CreateElasticsearchDomainCommand,
  DeleteElasticsearchDomainCommand,
  DescribeElasticsearchDomainCommand,
  DescribeElasticsearchDomainConfigCommand,
  DescribeElasticsearchDomainsCommand,
  ListDomainNamesCommand,
  ListTagsCommand,
  UpdateElasticsearchDomainConfigCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type {
  ESPartitionInstanceType,
  CreateElasticsearchDomainCommandInput,
  ElasticsearchClusterConfig,
  SAMLOptionsInput,
  UpdateElasticsearchDomainConfigCommandInput,
  ElasticsearchServiceClient,
} from '@aws-sdk/client-elasticsearch-service';
import { ManualClock, sequentialIds } from '../server/runtime';
import type { TestEmulator } from './support/emulator';
import { errorOf, startTestEmulator } from './support/emulator';
import { expectServiceError, statusOf } from './support/errors';
import { createTestDomain, testDomainInput } from './support/domains';
import { signedRequest } from './fixtures/signed-request';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';

/**
 * Manual clocks start at the real time (whole seconds): SigV4 refuses signatures more than 5 minutes away from
 * the emulator's clock, and the SDK signs with the real one. Read when a test first asks, not when the file
 * loads: mocha loads every spec first, and those before this one may take more than 5 minutes.
 */
let startTime: number | undefined;
const START = (): number => (startTime ??= Math.floor(Date.now() / 1000) * 1000);

const arnOf = (name: string, region = REGION) => `arn:aws:es:${region}:${ACCOUNT}:domain/${name}`;

const endpointPattern = (prefix: string, name: string, port: number) =>
  new RegExp(`^${prefix}-${name}-[a-z2-7]{26}\\.${REGION}\\.es\\.localhost:${port}$`);

/** What fine-grained access control requires beside it: HTTPS enforced, node-to-node encryption, encryption at rest. */
const fineGrainedPrerequisites = {
  DomainEndpointOptions: { EnforceHTTPS: true },
  NodeToNodeEncryptionOptions: { Enabled: true },
  EncryptionAtRestOptions: { Enabled: true },
};

describe('Domains', () => {
  describe('lifecycle with DOMAIN_PROCESSING_MS = 0', () => {
    let emulator: TestEmulator;
    let client: ElasticsearchServiceClient;
    let clock: ManualClock;

    before(async () => {
      clock = new ManualClock(START());
      emulator = await startTestEmulator({ clock, ids: sequentialIds() });
      client = emulator.client();
    });
    after(() => emulator.stop());

    it("creates domains of types AWS's server accepts beyond the model enum: t3.small, and Graviton on 7.9+", async () => {
      for (const [name, version, instanceType] of [
        ['burstable', '7.10', 't3.small.elasticsearch'],
        ['graviton', '7.9', 'r6g.large.elasticsearch'],
      ] as const) {
        const { DomainStatus: status } = await client.send(
          new CreateElasticsearchDomainCommand({
            DomainName: name,
            ElasticsearchVersion: version,
            // The SDK's type is the model's enum; at run time it sends any string.
            ElasticsearchClusterConfig: {
              InstanceType: instanceType as ESPartitionInstanceType,
              InstanceCount: 2,
            },
            EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
          }),
        );
        assert.equal(status?.ElasticsearchClusterConfig?.InstanceType, instanceType);
        await client.send(new DeleteElasticsearchDomainCommand({ DomainName: name }));
      }
    });

    it('creates a T3 domain with a magnetic volume over the 35 GiB that only T2 types are held to', async () => {
      const { DomainStatus: status } = await client.send(
        new CreateElasticsearchDomainCommand({
          DomainName: 'burstable-magnetic',
          ElasticsearchVersion: '7.10',
          ElasticsearchClusterConfig: {
            InstanceType: 't3.small.elasticsearch' as ESPartitionInstanceType,
            InstanceCount: 1,
          },
          EBSOptions: { EBSEnabled: true, VolumeType: 'standard', VolumeSize: 50 },
        }),
      );
      assert.equal(status?.EBSOptions?.VolumeSize, 50);
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'burstable-magnetic' }));
    });

    it('creates a domain: Processing, Creating, no endpoint yet, AWS defaults filled in', async () => {
      const { DomainStatus: status } = await client.send(
        new CreateElasticsearchDomainCommand({
          ...testDomainInput('alpha'),
          TagList: [{ Key: 'team', Value: 'search' }],
        }),
      );
      assert.ok(status);
      assert.equal(status.DomainName, 'alpha');
      assert.equal(status.DomainId, `${ACCOUNT}/alpha`);
      assert.equal(status.ARN, arnOf('alpha'));
      assert.equal(status.Created, true);
      assert.equal(status.Deleted, false);
      assert.equal(status.Processing, true);
      assert.equal(status.UpgradeProcessing, false);
      assert.equal(status.DomainProcessingStatus, 'Creating');
      assert.equal(status.Endpoint, undefined);
      assert.equal(status.Endpoints, undefined);
      assert.equal(status.ElasticsearchVersion, '7.10');
      assert.deepEqual(status.ElasticsearchClusterConfig, {
        InstanceType: 'm5.large.elasticsearch',
        InstanceCount: 1,
        DedicatedMasterEnabled: false,
        ZoneAwarenessEnabled: false,
        WarmEnabled: false,
        ColdStorageOptions: { Enabled: false },
      });
      assert.deepEqual(status.EBSOptions, { EBSEnabled: true, VolumeType: 'gp2', VolumeSize: 10 });
      assert.equal(status.AccessPolicies, '');
      assert.deepEqual(status.AdvancedOptions, {
        'rest.action.multi.allow_explicit_index': 'true',
        override_main_response_version: 'false',
      });
      assert.deepEqual(status.SnapshotOptions, { AutomatedSnapshotStartHour: 0 });
      assert.deepEqual(status.EncryptionAtRestOptions, { Enabled: false });
      assert.deepEqual(status.NodeToNodeEncryptionOptions, { Enabled: false });
      assert.deepEqual(status.CognitoOptions, { Enabled: false });
      assert.deepEqual(status.DomainEndpointOptions, {
        EnforceHTTPS: false,
        TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07',
        CustomEndpointEnabled: false,
      });
      assert.deepEqual(status.AdvancedSecurityOptions, {
        Enabled: false,
        InternalUserDatabaseEnabled: false,
        AnonymousAuthEnabled: false,
      });
      assert.deepEqual(status.AutoTuneOptions, { State: 'ENABLED' });
      assert.equal(status.ServiceSoftwareOptions?.CurrentVersion, '');
      assert.equal(status.ServiceSoftwareOptions?.UpdateStatus, 'COMPLETED');
      assert.equal(
        status.ServiceSoftwareOptions?.Description,
        'There is no software update available for this domain.',
      );
      assert.match(status.ChangeProgressDetails?.ChangeId ?? '', /^[0-9a-f-]{36}$/);
      assert.equal(status.ChangeProgressDetails?.ConfigChangeStatus, 'Pending');
      assert.equal(status.ChangeProgressDetails?.InitiatedBy, 'CUSTOMER');
      assert.deepEqual(status.ChangeProgressDetails?.StartTime, new Date(START()));
      const modifying = status.ModifyingProperties ?? [];
      assert.equal(modifying.length, 29);
      assert.deepEqual(
        modifying.find((entry) => entry.Name === 'TAGS'),
        { Name: 'TAGS', ActiveValue: '', PendingValue: '{"team":"search"}', ValueType: 'STRINGIFIED_JSON' },
      );
      assert.deepEqual(
        modifying.find((entry) => entry.Name === 'ElasticsearchClusterConfig.InstanceType'),
        {
          Name: 'ElasticsearchClusterConfig.InstanceType',
          ActiveValue: '',
          PendingValue: 'm5.large.elasticsearch',
          ValueType: 'PLAIN_TEXT',
        },
      );
      const tags = await client.send(new ListTagsCommand({ ARN: arnOf('alpha') }));
      assert.deepEqual(tags.TagList, [{ Key: 'team', Value: 'search' }]);
    });

    it('is active on the next call: endpoint, Completed, software version', async () => {
      const { DomainStatus: status } = await client.send(
        new DescribeElasticsearchDomainCommand({ DomainName: 'alpha' }),
      );
      assert.equal(status?.Processing, false);
      assert.equal(status?.DomainProcessingStatus, 'Active');
      assert.match(status?.Endpoint ?? '', endpointPattern('search', 'alpha', emulator.port));
      assert.equal(status?.Endpoints, undefined);
      assert.equal(status?.ChangeProgressDetails?.ConfigChangeStatus, 'Completed');
      assert.deepEqual(status?.ModifyingProperties, []);
      assert.equal(status?.ServiceSoftwareOptions?.CurrentVersion, 'Elasticsearch_7_10_R20250625');
    });

    it('answers a name given twice to DescribeElasticsearchDomains once', async () => {
      const { DomainStatusList } = await client.send(
        new DescribeElasticsearchDomainsCommand({ DomainNames: ['alpha', 'alpha'] }),
      );
      assert.deepEqual(
        DomainStatusList?.map((status) => status.DomainName),
        ['alpha'],
      );
    });

    it('keeps the endpoint id once drawn', async () => {
      const first = await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'alpha' }));
      const second = await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'alpha' }));
      assert.match(first.DomainStatus?.Endpoint ?? '', endpointPattern('search', 'alpha', emulator.port));
      assert.equal(first.DomainStatus?.Endpoint, second.DomainStatus?.Endpoint);
    });

    it('answers a create of an existing name with the existing domain, unchanged', async () => {
      const before = await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'alpha' }));
      const again = await client.send(
        new CreateElasticsearchDomainCommand({
          DomainName: 'alpha',
          ElasticsearchVersion: '6.8',
          ElasticsearchClusterConfig: { InstanceType: 'r5.large.elasticsearch', InstanceCount: 4 },
          EBSOptions: { EBSEnabled: true, VolumeSize: 50 },
          TagList: [{ Key: 'other', Value: 'x' }],
        }),
      );
      assert.deepEqual(again.DomainStatus, before.DomainStatus);
      const after = await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'alpha' }));
      assert.deepEqual(after.DomainStatus, before.DomainStatus);
      const tags = await client.send(new ListTagsCommand({ ARN: arnOf('alpha') }));
      assert.deepEqual(tags.TagList, [{ Key: 'team', Value: 'search' }]);
    });

    it('describes the configuration: every section with its OptionStatus', async () => {
      const { DomainConfig: config } = await client.send(
        new DescribeElasticsearchDomainConfigCommand({ DomainName: 'alpha' }),
      );
      assert.ok(config);
      assert.equal(config.ElasticsearchVersion?.Options, '7.10');
      const created = new Date(START());
      assert.deepEqual(config.ElasticsearchClusterConfig?.Status, {
        CreationDate: created,
        UpdateDate: created,
        UpdateVersion: 9,
        State: 'Active',
        PendingDeletion: false,
      });
      assert.deepEqual(config.VPCOptions?.Options, {});
      assert.deepEqual(config.LogPublishingOptions?.Options, {});
      assert.equal(config.AccessPolicies?.Options, '');
      assert.deepEqual(config.AutoTuneOptions?.Options, {
        DesiredState: 'ENABLED',
        RollbackOnDisable: 'NO_ROLLBACK',
        MaintenanceSchedules: [],
      });
      assert.equal(config.AutoTuneOptions?.Status?.State, 'ENABLED');
      assert.equal(config.ChangeProgressDetails?.ConfigChangeStatus, 'Completed');
      assert.deepEqual(config.ModifyingProperties, []);
    });

    it('updates: merges the partial configuration, the changed section goes Processing at N+1', async () => {
      clock.advance(60_000);
      const policy = {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: 'es:*',
            Resource: `${arnOf('alpha')}/*`,
          },
        ],
      };
      const { DomainConfig: config, DryRunResults: dryRun } = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'alpha',
          AccessPolicies: JSON.stringify(policy, null, 2),
          ElasticsearchClusterConfig: { InstanceCount: 2 },
        }),
      );
      assert.equal(dryRun, undefined);
      assert.ok(config);
      const updated = new Date(START() + 60_000);
      // The policy is kept minified (aws-cli example), the instance type kept, the count changed.
      assert.equal(config.AccessPolicies?.Options, JSON.stringify(policy));
      assert.equal(config.AccessPolicies?.Status?.State, 'Processing');
      assert.equal(config.AccessPolicies?.Status?.UpdateVersion, 10);
      assert.deepEqual(config.AccessPolicies?.Status?.UpdateDate, updated);
      assert.equal(config.ElasticsearchClusterConfig?.Options?.InstanceType, 'm5.large.elasticsearch');
      assert.equal(config.ElasticsearchClusterConfig?.Options?.InstanceCount, 2);
      assert.equal(config.ElasticsearchClusterConfig?.Status?.State, 'Processing');
      assert.equal(config.ElasticsearchClusterConfig?.Status?.UpdateVersion, 10);
      assert.deepEqual(config.ElasticsearchClusterConfig?.Status?.CreationDate, new Date(START()));
      // Untouched configured sections keep N; sections without a value show N+1 and the change's time.
      assert.equal(config.EBSOptions?.Status?.State, 'Active');
      assert.equal(config.EBSOptions?.Status?.UpdateVersion, 9);
      assert.equal(config.VPCOptions?.Status?.UpdateVersion, 10);
      assert.deepEqual(config.VPCOptions?.Status?.CreationDate, updated);
      assert.equal(config.ChangeProgressDetails?.ConfigChangeStatus, 'Pending');
      assert.deepEqual(
        config.ModifyingProperties?.map((entry) => entry.Name),
        ['ElasticsearchClusterConfig.InstanceCount', 'AccessPolicies'],
      );

      const { DomainStatus: status } = await client.send(
        new DescribeElasticsearchDomainCommand({ DomainName: 'alpha' }),
      );
      assert.equal(status?.Processing, false);
      assert.equal(status?.DomainProcessingStatus, 'Active');
      assert.equal(status?.AccessPolicies, JSON.stringify(policy));
      assert.equal(status?.ElasticsearchClusterConfig?.InstanceCount, 2);
      assert.equal(status?.ChangeProgressDetails?.ChangeId, config.ChangeProgressDetails?.ChangeId);
      const after = await client.send(new DescribeElasticsearchDomainConfigCommand({ DomainName: 'alpha' }));
      assert.equal(after.DomainConfig?.AccessPolicies?.Status?.State, 'Active');
      assert.equal(after.DomainConfig?.AccessPolicies?.Status?.UpdateVersion, 10);
    });

    it('an update that changes nothing starts no change', async () => {
      const before = await client.send(new DescribeElasticsearchDomainConfigCommand({ DomainName: 'alpha' }));
      const result = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'alpha',
          ElasticsearchClusterConfig: { InstanceCount: 2 },
        }),
      );
      assert.deepEqual(result.DomainConfig, before.DomainConfig);
    });

    it("an update that names the model's default use case and engine mode changes nothing", async () => {
      // The model: "If you don't specify a use case, MIXED is used", "... an engine mode, GENERAL is used".
      const before = await client.send(new DescribeElasticsearchDomainConfigCommand({ DomainName: 'alpha' }));
      const defaults = { DomainName: 'alpha', UseCase: 'MIXED', EngineMode: 'GENERAL' } as const;
      const dryRun = await client.send(
        new UpdateElasticsearchDomainConfigCommand({ ...defaults, DryRun: true }),
      );
      assert.equal(dryRun.DryRunResults?.DeploymentType, 'None');
      const result = await client.send(new UpdateElasticsearchDomainConfigCommand(defaults));
      assert.deepEqual(result.DomainConfig, before.DomainConfig);
    });

    it("an update's ModifyingProperties show each replaced value as its ActiveValue", async () => {
      const policyFor = (action: string) =>
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: action, Resource: arnOf('replaced') },
          ],
        });
      await createTestDomain(client, 'replaced', {
        ElasticsearchClusterConfig: {
          InstanceType: 'm5.large.elasticsearch',
          InstanceCount: 6,
          ZoneAwarenessEnabled: true,
          ZoneAwarenessConfig: { AvailabilityZoneCount: 2 },
        },
        AccessPolicies: policyFor('es:ESHttpGet'),
        SnapshotOptions: { AutomatedSnapshotStartHour: 1 },
        UseCase: 'SEARCH',
      });
      const { DomainConfig: config } = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'replaced',
          ElasticsearchClusterConfig: { ZoneAwarenessConfig: { AvailabilityZoneCount: 3 } },
          AccessPolicies: policyFor('es:ESHttpPut'),
          SnapshotOptions: { AutomatedSnapshotStartHour: 3 },
          UseCase: 'VECTOR',
        }),
      );
      // The optional sections are described once the domain has them.
      assert.equal(config?.UseCase?.Options, 'VECTOR');
      assert.equal(config?.UseCase?.Status?.State, 'Processing');
      const byName = new Map(config?.ModifyingProperties?.map((entry) => [entry.Name, entry]));
      assert.deepEqual(byName.get('ElasticsearchClusterConfig.ZoneAwarenessConfig'), {
        Name: 'ElasticsearchClusterConfig.ZoneAwarenessConfig',
        ActiveValue: '{"AvailabilityZoneCount":2}',
        PendingValue: '{"AvailabilityZoneCount":3}',
        ValueType: 'STRINGIFIED_JSON',
      });
      assert.deepEqual(byName.get('AccessPolicies'), {
        Name: 'AccessPolicies',
        ActiveValue: policyFor('es:ESHttpGet'),
        PendingValue: policyFor('es:ESHttpPut'),
        ValueType: 'STRINGIFIED_JSON',
      });
      assert.deepEqual(byName.get('SnapshotOptions'), {
        Name: 'SnapshotOptions',
        ActiveValue: '{"AutomatedSnapshotStartHour":1}',
        PendingValue: '{"AutomatedSnapshotStartHour":3}',
        ValueType: 'STRINGIFIED_JSON',
      });
      assert.deepEqual(byName.get('UseCase'), {
        Name: 'UseCase',
        ActiveValue: 'SEARCH',
        PendingValue: 'VECTOR',
        ValueType: 'PLAIN_TEXT',
      });
      // The listings of the tests that follow know only their own domains.
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'replaced' }));
    });

    it('merges map options key by key', async () => {
      await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'alpha',
          AdvancedOptions: { 'indices.fielddata.cache.size': '40' },
        }),
      );
      const { DomainStatus: status } = await client.send(
        new DescribeElasticsearchDomainCommand({ DomainName: 'alpha' }),
      );
      assert.deepEqual(status?.AdvancedOptions, {
        'rest.action.multi.allow_explicit_index': 'true',
        override_main_response_version: 'false',
        'indices.fielddata.cache.size': '40',
      });
    });

    it('merges log publishing options by log type; a log type sent again, its members in another order, changes nothing', async () => {
      const logGroup = (name: string) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}`;
      await createTestDomain(client, 'logged', {
        LogPublishingOptions: {
          SEARCH_SLOW_LOGS: { CloudWatchLogsLogGroupArn: logGroup('search'), Enabled: true },
        },
      });
      const { DomainConfig: merged } = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'logged',
          LogPublishingOptions: {
            INDEX_SLOW_LOGS: { CloudWatchLogsLogGroupArn: logGroup('index'), Enabled: true },
          },
        }),
      );
      assert.deepEqual(merged?.LogPublishingOptions?.Options, {
        SEARCH_SLOW_LOGS: { CloudWatchLogsLogGroupArn: logGroup('search'), Enabled: true },
        INDEX_SLOW_LOGS: { CloudWatchLogsLogGroupArn: logGroup('index'), Enabled: true },
      });
      // JSON objects are unordered: a client may send a log type's members in any order (the SDK has its own).
      const before = await client.send(
        new DescribeElasticsearchDomainConfigCommand({ DomainName: 'logged' }),
      );
      const resent = await signedRequest({
        endpoint: emulator.endpoint,
        method: 'POST',
        path: '/2015-01-01/es/domain/logged/config',
        headers: { 'content-type': 'application/json' },
        body: `{"LogPublishingOptions":{"SEARCH_SLOW_LOGS":{"Enabled":true,"CloudWatchLogsLogGroupArn":"${logGroup('search')}"}}}`,
        credentials: emulator.credentials,
        signingDate: new Date(clock.now()),
      });
      assert.equal(resent.status, 200);
      const after = await client.send(new DescribeElasticsearchDomainConfigCommand({ DomainName: 'logged' }));
      assert.deepEqual(after.DomainConfig, before.DomainConfig);
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'logged' }));
    });

    it("a new volume type takes only the Iops and Throughput the update gives, not the old type's", async () => {
      await client.send(
        new CreateElasticsearchDomainCommand({
          DomainName: 'volumes',
          ElasticsearchVersion: '7.10',
          ElasticsearchClusterConfig: { InstanceType: 'r5.large.elasticsearch', InstanceCount: 1 },
          EBSOptions: { EBSEnabled: true, VolumeType: 'io1', VolumeSize: 40, Iops: 2000 },
        }),
      );
      const ebsAfter = async (EBSOptions: UpdateElasticsearchDomainConfigCommandInput['EBSOptions']) => {
        const { DomainConfig } = await client.send(
          new UpdateElasticsearchDomainConfigCommand({ DomainName: 'volumes', EBSOptions }),
        );
        return DomainConfig?.EBSOptions?.Options;
      };
      // io1's 2000 IOPS would be refused on gp2, and are under gp3's floor.
      assert.deepEqual(await ebsAfter({ EBSEnabled: true, VolumeType: 'gp2' }), {
        EBSEnabled: true,
        VolumeType: 'gp2',
        VolumeSize: 40,
      });
      // gp3 without IOPS gets its baseline, 3000.
      assert.deepEqual(await ebsAfter({ EBSEnabled: true, VolumeType: 'gp3', Throughput: 250 }), {
        EBSEnabled: true,
        VolumeType: 'gp3',
        VolumeSize: 40,
        Iops: 3000,
        Throughput: 250,
      });
      // The same type keeps what it had.
      assert.deepEqual(await ebsAfter({ EBSEnabled: true, VolumeSize: 50 }), {
        EBSEnabled: true,
        VolumeType: 'gp3',
        VolumeSize: 50,
        Iops: 3000,
        Throughput: 250,
      });
      // gp3's throughput would be refused on io1 and gp2 (terraform-provider-aws#32613: gp3 to gp2).
      assert.deepEqual(await ebsAfter({ EBSEnabled: true, VolumeType: 'io1', Iops: 1000 }), {
        EBSEnabled: true,
        VolumeType: 'io1',
        VolumeSize: 50,
        Iops: 1000,
      });
      await ebsAfter({ EBSEnabled: true, VolumeType: 'gp3', Iops: 4000, Throughput: 300 });
      assert.deepEqual(await ebsAfter({ EBSEnabled: true, VolumeType: 'gp2', VolumeSize: 30 }), {
        EBSEnabled: true,
        VolumeType: 'gp2',
        VolumeSize: 30,
      });
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'volumes' }));
    });

    it('DryRun: validates and predicts, stores nothing', async () => {
      const before = await client.send(new DescribeElasticsearchDomainConfigCommand({ DomainName: 'alpha' }));
      const blueGreen = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'alpha',
          ElasticsearchClusterConfig: { InstanceType: 'r5.large.elasticsearch' },
          DryRun: true,
        }),
      );
      assert.equal(blueGreen.DryRunResults?.DeploymentType, 'Blue/Green');
      assert.deepEqual(blueGreen.DomainConfig, before.DomainConfig);
      const dynamic = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'alpha',
          SnapshotOptions: { AutomatedSnapshotStartHour: 3 },
          DryRun: true,
        }),
      );
      assert.equal(dynamic.DryRunResults?.DeploymentType, 'DynamicUpdate');
      const none = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'alpha',
          SnapshotOptions: { AutomatedSnapshotStartHour: 0 },
          DryRun: true,
        }),
      );
      assert.equal(none.DryRunResults?.DeploymentType, 'None');
      await expectServiceError(
        () =>
          client.send(
            new UpdateElasticsearchDomainConfigCommand({
              DomainName: 'alpha',
              EBSOptions: { VolumeSize: 5000 },
              DryRun: true,
            }),
          ),
        {
          name: 'LimitExceededException',
          status: 409,
          message:
            'Volume size must be between 10 and 512 for m5.large.elasticsearch instance type and elasticsearch version 7.10',
        },
      );
      const after = await client.send(new DescribeElasticsearchDomainConfigCommand({ DomainName: 'alpha' }));
      assert.deepEqual(after.DomainConfig, before.DomainConfig);
    });

    it('lists domain names with their engine type, filtered by EngineType', async () => {
      await client.send(
        new CreateElasticsearchDomainCommand(
          testDomainInput('beta', { ElasticsearchVersion: 'OpenSearch_1.3' }),
        ),
      );
      const all = await client.send(new ListDomainNamesCommand({}));
      assert.deepEqual(all.DomainNames, [
        { DomainName: 'alpha', EngineType: 'Elasticsearch' },
        { DomainName: 'beta', EngineType: 'OpenSearch' },
      ]);
      const openSearch = await client.send(new ListDomainNamesCommand({ EngineType: 'OpenSearch' }));
      assert.deepEqual(openSearch.DomainNames, [{ DomainName: 'beta', EngineType: 'OpenSearch' }]);
      const elasticsearch = await client.send(new ListDomainNamesCommand({ EngineType: 'Elasticsearch' }));
      assert.deepEqual(elasticsearch.DomainNames, [{ DomainName: 'alpha', EngineType: 'Elasticsearch' }]);
      const { DomainStatus: beta } = await client.send(
        new DescribeElasticsearchDomainCommand({ DomainName: 'beta' }),
      );
      assert.equal(beta?.ElasticsearchVersion, 'OpenSearch_1.3');
      assert.equal(beta?.ServiceSoftwareOptions?.CurrentVersion, 'OpenSearch_1_3_R20250625');
    });

    it('describes several domains, leaving out unknown names, at most 5', async () => {
      const found = await client.send(
        new DescribeElasticsearchDomainsCommand({ DomainNames: ['alpha', 'nope', 'beta'] }),
      );
      assert.deepEqual(
        found.DomainStatusList?.map((status) => status.DomainName),
        ['alpha', 'beta'],
      );
      const empty = await client.send(new DescribeElasticsearchDomainsCommand({ DomainNames: [] }));
      assert.deepEqual(empty.DomainStatusList, []);
      // Five names, the most AWS takes, are described.
      const five = await client.send(
        new DescribeElasticsearchDomainsCommand({ DomainNames: ['alpha', 'beta', 'ccc', 'ddd', 'eee'] }),
      );
      assert.deepEqual(
        five.DomainStatusList?.map((status) => status.DomainName),
        ['alpha', 'beta'],
      );
      await expectServiceError(
        () =>
          client.send(
            new DescribeElasticsearchDomainsCommand({
              DomainNames: ['aaa', 'bbb', 'ccc', 'ddd', 'eee', 'fff'],
            }),
          ),
        {
          name: 'ValidationException',
          status: 400,
          message: 'Please provide a maximum of 5 Elasticsearch domain names to describe.',
        },
      );
    });

    it('deletes: Deleted true, Deleting; then the domain and its tags are gone', async () => {
      const { DomainStatus: status } = await client.send(
        new DeleteElasticsearchDomainCommand({ DomainName: 'alpha' }),
      );
      assert.equal(status?.Deleted, true);
      assert.equal(status?.Processing, true);
      assert.equal(status?.DomainProcessingStatus, 'Deleting');
      assert.equal(status?.ChangeProgressDetails?.ConfigChangeStatus, 'ApplyingChanges');
      assert.equal(status?.ChangeProgressDetails?.InitiatedBy, undefined);
      assert.match(status?.Endpoint ?? '', endpointPattern('search', 'alpha', emulator.port));
      const notFound = { name: 'ResourceNotFoundException', status: 409, message: 'Domain not found: alpha' };
      await expectServiceError(
        () => client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'alpha' })),
        notFound,
      );
      await expectServiceError(
        () => client.send(new DescribeElasticsearchDomainConfigCommand({ DomainName: 'alpha' })),
        notFound,
      );
      await expectServiceError(
        () => client.send(new UpdateElasticsearchDomainConfigCommand({ DomainName: 'alpha' })),
        notFound,
      );
      await expectServiceError(
        () => client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'alpha' })),
        notFound,
      );
      assert.deepEqual(emulator.store.tags.list(arnOf('alpha')), []);
      const names = await client.send(new ListDomainNamesCommand({}));
      assert.deepEqual(names.DomainNames, [{ DomainName: 'beta', EngineType: 'OpenSearch' }]);
    });

    it('a name used again after deletion is a new domain', async () => {
      const { DomainStatus: status } = await createTestDomain(client, 'alpha');
      assert.equal(status?.DomainProcessingStatus, 'Creating');
      assert.equal(status?.AccessPolicies, '');
    });

    it('keeps each region apart', async () => {
      const west = emulator.client({ region: 'us-west-2' });
      const names = await west.send(new ListDomainNamesCommand({}));
      assert.deepEqual(names.DomainNames, []);
      await expectServiceError(
        () => west.send(new DescribeElasticsearchDomainCommand({ DomainName: 'beta' })),
        {
          name: 'ResourceNotFoundException',
          status: 409,
          message: 'Domain not found: beta',
        },
      );
      const { DomainStatus: created } = await createTestDomain(west, 'beta');
      assert.equal(created?.ARN, arnOf('beta', 'us-west-2'));
      assert.equal(created?.ElasticsearchVersion, '7.10');
      const east = await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'beta' }));
      assert.equal(east.DomainStatus?.ElasticsearchVersion, 'OpenSearch_1.3');
    });

    it('leaves exactly one domain after 50 concurrent creates of one name', async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          client.send(
            new CreateElasticsearchDomainCommand({
              ...testDomainInput('gamma'),
              ElasticsearchClusterConfig: {
                InstanceType: 'm5.large.elasticsearch',
                InstanceCount: index + 1,
              },
              ...(index + 1 > 10
                ? {
                    ElasticsearchClusterConfig: {
                      InstanceType: 'm5.large.elasticsearch',
                      InstanceCount: 2,
                    },
                  }
                : {}),
            }),
          ),
        ),
      );
      const counts = new Set(
        results.map((result) => result.DomainStatus?.ElasticsearchClusterConfig?.InstanceCount),
      );
      assert.equal(counts.size, 1);
      const names = await client.send(new ListDomainNamesCommand({}));
      assert.equal(names.DomainNames?.filter((entry) => entry.DomainName === 'gamma').length, 1);
      const changeIds = new Set(
        results.map((result) => result.DomainStatus?.ChangeProgressDetails?.ChangeId),
      );
      assert.equal(changeIds.size, 1);
    });
  });

  describe('processing time (DOMAIN_PROCESSING_MS)', () => {
    let emulator: TestEmulator;
    let client: ElasticsearchServiceClient;
    let clock: ManualClock;

    before(async () => {
      clock = new ManualClock(START());
      emulator = await startTestEmulator({ clock, domainProcessingMs: 10_000 });
      client = emulator.client();
    });
    after(() => emulator.stop());

    it('answers an automated snapshot pause with its State on the clock: Scheduled, Active, Completed; Disabled', async () => {
      // Minutes, not hours: this emulator checks signatures against its clock, which allows 5 minutes of skew.
      const startsAt = clock.now() + 30_000;
      const endsAt = startsAt + 120_000;
      const pause = { Enabled: true, StartTime: new Date(startsAt), EndTime: new Date(endsAt) };
      const created = await createTestDomain(client, 'paused', { AutomatedSnapshotPauseOptions: pause });
      assert.deepEqual(created.DomainStatus?.AutomatedSnapshotPauseOptions, { ...pause, State: 'Scheduled' });
      const stateNow = async () => {
        const { DomainStatus } = await client.send(
          new DescribeElasticsearchDomainCommand({ DomainName: 'paused' }),
        );
        const { DomainConfig } = await client.send(
          new DescribeElasticsearchDomainConfigCommand({ DomainName: 'paused' }),
        );
        const state = DomainStatus?.AutomatedSnapshotPauseOptions?.State;
        assert.equal(DomainConfig?.AutomatedSnapshotPauseOptions?.Options?.State, state);
        return state;
      };
      clock.set(startsAt);
      assert.equal(await stateNow(), 'Active');
      clock.set(endsAt - 1);
      assert.equal(await stateNow(), 'Active');
      clock.set(endsAt);
      assert.equal(await stateNow(), 'Completed');
      await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'paused',
          AutomatedSnapshotPauseOptions: { Enabled: false },
        }),
      );
      assert.equal(await stateNow(), 'Disabled');
      clock.advance(10_001);
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'paused' }));
      clock.advance(10_001);
    });

    it('ends a pause with a start and no end after the 3 days the model allows a pause', async () => {
      // Starts in the past: the SDK signs with the real clock, which the emulator allows 5 minutes of skew.
      const threeDays = 3 * 86_400_000;
      const stateOf = async (DomainName: string, startedAgo: number) => {
        const { DomainStatus } = await createTestDomain(client, DomainName, {
          AutomatedSnapshotPauseOptions: { Enabled: true, StartTime: new Date(clock.now() - startedAgo) },
        });
        return DomainStatus?.AutomatedSnapshotPauseOptions?.State;
      };
      assert.equal(await stateOf('paused-recently', threeDays - 60_000), 'Active');
      assert.equal(await stateOf('paused-long-ago', threeDays + 60_000), 'Completed');
      clock.advance(10_001);
      for (const DomainName of ['paused-recently', 'paused-long-ago']) {
        await client.send(new DeleteElasticsearchDomainCommand({ DomainName }));
      }
      clock.advance(10_001);
    });

    it('accepts a pause with an end and no start exactly the 3 days the model allows away, not a second more', async () => {
      const threeDays = 3 * 86_400_000;
      const { DomainStatus } = await createTestDomain(client, 'paused-three-days', {
        AutomatedSnapshotPauseOptions: { Enabled: true, EndTime: new Date(clock.now() + threeDays) },
      });
      assert.equal(DomainStatus?.AutomatedSnapshotPauseOptions?.State, 'Active');
      await expectServiceError(
        () =>
          createTestDomain(client, 'paused-too-long', {
            AutomatedSnapshotPauseOptions: {
              Enabled: true,
              EndTime: new Date(clock.now() + threeDays + 1000),
            },
          }),
        {
          name: 'ValidationException',
          status: 400,
          message: 'The automated snapshot pause can last at most 3 days.',
        },
      );
      clock.advance(10_001);
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'paused-three-days' }));
      clock.advance(10_001);
    });

    it('takes back a pause with an end and no start after it ended, sent back in whole seconds', async () => {
      // The JS SDK sends milliseconds; boto3 and the AWS CLI send back whole seconds of what they described.
      const endsAt = clock.now() + 120_500;
      await createTestDomain(client, 'paused-end', {
        AutomatedSnapshotPauseOptions: { Enabled: true, EndTime: new Date(endsAt) },
      });
      clock.advance(130_000);
      const { DomainConfig } = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'paused-end',
          AutomatedSnapshotPauseOptions: {
            Enabled: true,
            EndTime: new Date(Math.floor(endsAt / 1000) * 1000),
          },
        }),
      );
      assert.equal(DomainConfig?.AutomatedSnapshotPauseOptions?.Options?.State, 'Completed');
      // Another end is judged again: four days away is past the 3 days allowed.
      await expectServiceError(
        () =>
          client.send(
            new UpdateElasticsearchDomainConfigCommand({
              DomainName: 'paused-end',
              AutomatedSnapshotPauseOptions: {
                Enabled: true,
                EndTime: new Date(clock.now() + 4 * 86_400_000),
              },
            }),
          ),
        {
          name: 'ValidationException',
          status: 400,
          message: 'The automated snapshot pause can last at most 3 days.',
        },
      );
      clock.advance(10_001);
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'paused-end' }));
      clock.advance(10_001);
    });

    it('a domain listed while it is deleted is no longer listed once its deletion completes', async () => {
      await createTestDomain(client, 'listed-leaving');
      clock.advance(10_001);
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'listed-leaving' }));
      const names = async () =>
        ((await client.send(new ListDomainNamesCommand({}))).DomainNames ?? []).map(
          (domain) => domain.DomainName,
        );
      assert.ok((await names()).includes('listed-leaving'));
      clock.advance(10_000);
      assert.ok(!(await names()).includes('listed-leaving'));
    });

    it('a deletion takes the time too: the domain stays Deleted and Deleting, listed, its name taken; then gone', async () => {
      await createTestDomain(client, 'leaving', { TagList: [{ Key: 'team', Value: 'search' }] });
      clock.advance(10_001);
      const deleted = await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'leaving' }));
      const changeId = deleted.DomainStatus?.ChangeProgressDetails?.ChangeId;
      assert.equal(deleted.DomainStatus?.Deleted, true);
      assert.equal(deleted.DomainStatus?.DomainProcessingStatus, 'Deleting');

      clock.advance(9_999);
      const { DomainStatus: deleting } = await client.send(
        new DescribeElasticsearchDomainCommand({ DomainName: 'leaving' }),
      );
      assert.equal(deleting?.Deleted, true);
      assert.equal(deleting?.Processing, true);
      assert.equal(deleting?.DomainProcessingStatus, 'Deleting');
      assert.equal(deleting?.ChangeProgressDetails?.ChangeId, changeId);
      assert.equal(
        deleting?.ChangeProgressDetails?.StartTime?.getTime(),
        deleted.DomainStatus?.ChangeProgressDetails?.StartTime?.getTime(),
      );
      const listed = await client.send(new ListDomainNamesCommand({}));
      assert.ok(listed.DomainNames?.some((domain) => domain.DomainName === 'leaving'));
      const tags = await client.send(new ListTagsCommand({ ARN: deleting?.ARN }));
      assert.deepEqual(tags.TagList, [{ Key: 'team', Value: 'search' }]);
      // Recorded (terraform-provider-aws#3375): a create of the name is refused while the deletion runs.
      await expectServiceError(() => createTestDomain(client, 'leaving'), {
        name: 'ValidationException',
        status: 400,
        message: 'Domain is still being deleted',
      });
      // A second delete answers the deletion under way.
      const again = await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'leaving' }));
      assert.equal(again.DomainStatus?.ChangeProgressDetails?.ChangeId, changeId);

      clock.advance(1);
      await expectServiceError(
        () => client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'leaving' })),
        { name: 'ResourceNotFoundException', status: 409, message: 'Domain not found: leaving' },
      );
      const after = await client.send(new ListDomainNamesCommand({}));
      assert.ok(!after.DomainNames?.some((domain) => domain.DomainName === 'leaving'));
      // The name is free again, and the new domain starts without the old one's tags.
      const created = await createTestDomain(client, 'leaving');
      const fresh = await client.send(new ListTagsCommand({ ARN: created.DomainStatus?.ARN }));
      assert.deepEqual(fresh.TagList, []);
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'leaving' }));
      clock.advance(10_000);
    });

    it('stays Creating until the time has passed, then is active', async () => {
      await createTestDomain(client, 'slow');
      clock.advance(4_999);
      const creating = await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'slow' }));
      assert.equal(creating.DomainStatus?.Processing, true);
      assert.equal(creating.DomainStatus?.DomainProcessingStatus, 'Creating');
      assert.equal(creating.DomainStatus?.Endpoint, undefined);
      const config = await client.send(new DescribeElasticsearchDomainConfigCommand({ DomainName: 'slow' }));
      assert.equal(config.DomainConfig?.ElasticsearchClusterConfig?.Status?.State, 'Processing');
      // The second half is the creation's last stage (recorded 2024-07, ES API): still Creating, the endpoint
      // already there, Processing false.
      clock.advance(5_000);
      const finishing = await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'slow' }));
      assert.equal(finishing.DomainStatus?.Processing, false);
      assert.equal(finishing.DomainStatus?.DomainProcessingStatus, 'Creating');
      assert.ok(finishing.DomainStatus?.Endpoint);
      const lastStage = await client.send(
        new DescribeElasticsearchDomainConfigCommand({ DomainName: 'slow' }),
      );
      assert.equal(lastStage.DomainConfig?.ElasticsearchClusterConfig?.Status?.State, 'Processing');
      clock.advance(1);
      const active = await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'slow' }));
      assert.equal(active.DomainStatus?.Processing, false);
      assert.equal(active.DomainStatus?.DomainProcessingStatus, 'Active');
      assert.ok(active.DomainStatus?.Endpoint);
    });

    it('is Modifying during an update, refuses another change meanwhile, keeps the endpoint', async () => {
      await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'slow',
          SnapshotOptions: { AutomatedSnapshotStartHour: 5 },
        }),
      );
      clock.advance(5_000);
      const modifying = await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'slow' }));
      assert.equal(modifying.DomainStatus?.Processing, true);
      assert.equal(modifying.DomainStatus?.DomainProcessingStatus, 'Modifying');
      assert.ok(modifying.DomainStatus?.Endpoint);
      const dryRun = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'slow',
          SnapshotOptions: { AutomatedSnapshotStartHour: 6 },
          DryRun: true,
        }),
      );
      assert.equal(dryRun.DryRunResults?.DeploymentType, 'Undetermined');
      await expectServiceError(
        () =>
          client.send(
            new UpdateElasticsearchDomainConfigCommand({
              DomainName: 'slow',
              SnapshotOptions: { AutomatedSnapshotStartHour: 6 },
            }),
          ),
        {
          name: 'ValidationException',
          status: 400,
          message:
            'A change/update is in progress. Please wait for it to complete before requesting another change.',
        },
      );
      clock.advance(5_000);
      const active = await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'slow' }));
      assert.equal(active.DomainStatus?.DomainProcessingStatus, 'Active');
      assert.deepEqual(active.DomainStatus?.SnapshotOptions, { AutomatedSnapshotStartHour: 5 });
    });

    it("a domain deleted in its creation's first half never had an endpoint nor a software version; from the second half on, it had", async () => {
      for (const [name, deletedAfter, reachedLastStage] of [
        ['gone-early', 4_999, false],
        ['gone-halfway', 5_000, true],
      ] as const) {
        await createTestDomain(client, name);
        clock.advance(deletedAfter);
        const { DomainStatus: status } = await client.send(
          new DeleteElasticsearchDomainCommand({ DomainName: name }),
        );
        assert.equal(status?.DomainProcessingStatus, 'Deleting', name);
        assert.equal(status?.Endpoint !== undefined, reachedLastStage, name);
        assert.equal(status?.ServiceSoftwareOptions?.CurrentVersion !== '', reachedLastStage, name);
        clock.advance(10_000);
      }
    });
  });

  describe('endpoints and derived options', () => {
    let emulator: TestEmulator;
    let client: ElasticsearchServiceClient;

    before(async () => {
      emulator = await startTestEmulator({ clock: new ManualClock(START()), ids: sequentialIds() });
      client = emulator.client();
    });
    after(() => emulator.stop());

    it('a VPC domain has Endpoints.vpc and no Endpoint, and derived VPC info', async () => {
      await client.send(
        new CreateElasticsearchDomainCommand({
          ...testDomainInput('private'),
          ElasticsearchClusterConfig: {
            InstanceType: 'm5.large.elasticsearch',
            InstanceCount: 2,
            ZoneAwarenessEnabled: true,
          },
          VPCOptions: { SubnetIds: ['subnet-aaa', 'subnet-bbb'], SecurityGroupIds: ['sg-123'] },
        }),
      );
      const { DomainStatus: status } = await client.send(
        new DescribeElasticsearchDomainCommand({ DomainName: 'private' }),
      );
      assert.equal(status?.Endpoint, undefined);
      assert.match(status?.Endpoints?.vpc ?? '', endpointPattern('vpc', 'private', emulator.port));
      assert.match(status?.VPCOptions?.VPCId ?? '', /^vpc-[0-9a-f]{17}$/);
      assert.deepEqual(status?.VPCOptions?.SubnetIds, ['subnet-aaa', 'subnet-bbb']);
      assert.deepEqual(status?.VPCOptions?.AvailabilityZones, ['us-east-1a', 'us-east-1b']);
      assert.deepEqual(status?.VPCOptions?.SecurityGroupIds, ['sg-123']);
      assert.deepEqual(status?.ElasticsearchClusterConfig?.ZoneAwarenessConfig, { AvailabilityZoneCount: 2 });
      const config = await client.send(
        new DescribeElasticsearchDomainConfigCommand({ DomainName: 'private' }),
      );
      assert.equal(config.DomainConfig?.VPCOptions?.Options?.VPCId, status?.VPCOptions?.VPCId);
      // Other subnets are subnets of the same VPC: a domain never moves to another one.
      const updated = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'private',
          VPCOptions: { SubnetIds: ['subnet-ccc', 'subnet-ddd'] },
        }),
      );
      assert.deepEqual(updated.DomainConfig?.VPCOptions?.Options?.SubnetIds, ['subnet-ccc', 'subnet-ddd']);
      assert.equal(updated.DomainConfig?.VPCOptions?.Options?.VPCId, status?.VPCOptions?.VPCId);
      // Security groups the update leaves out are kept.
      assert.deepEqual(updated.DomainConfig?.VPCOptions?.Options?.SecurityGroupIds, ['sg-123']);
      // The same subnets, in another order, are in the same VPC.
      const { DomainStatus: reordered } = await createTestDomain(client, 'private-reordered', {
        ElasticsearchClusterConfig: {
          InstanceType: 'm5.large.elasticsearch',
          InstanceCount: 2,
          ZoneAwarenessEnabled: true,
        },
        VPCOptions: { SubnetIds: ['subnet-bbb', 'subnet-aaa'] },
      });
      assert.equal(reordered?.VPCOptions?.VPCId, status?.VPCOptions?.VPCId);
    });

    it("encrypts with the account's one aws/es key when no key is named", async () => {
      const keys = [];
      for (const name of ['managed-key-a', 'managed-key-b']) {
        const { DomainStatus: status } = await createTestDomain(client, name, {
          EncryptionAtRestOptions: { Enabled: true },
        });
        keys.push(status?.EncryptionAtRestOptions?.KmsKeyId);
      }
      assert.match(keys[0] ?? '', new RegExp(`^arn:aws:kms:${REGION}:${ACCOUNT}:key/[0-9a-f-]{36}$`));
      assert.equal(keys[1], keys[0]);
      // One key per account and Region: another Region's aws/es key is another key.
      const { DomainStatus: elsewhere } = await createTestDomain(
        emulator.client({ region: 'eu-west-1' }),
        'managed-key-a',
        { EncryptionAtRestOptions: { Enabled: true } },
      );
      const keyIdOf = (arn: string | undefined) => arn?.split(':key/')[1];
      assert.match(elsewhere?.EncryptionAtRestOptions?.KmsKeyId ?? '', /^arn:aws:kms:eu-west-1:/);
      assert.notEqual(keyIdOf(elsewhere?.EncryptionAtRestOptions?.KmsKeyId), keyIdOf(keys[0]));
    });

    it('fills in the documented defaults for a create that names only the domain and storage', async () => {
      const { DomainStatus: status } = await client.send(
        new CreateElasticsearchDomainCommand({
          DomainName: 'defaults',
          EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
        }),
      );
      // AWS's documented default version (1.5) and the default instance type seen in AWS's errors.
      assert.equal(status?.ElasticsearchVersion, '1.5');
      assert.equal(status?.ElasticsearchClusterConfig?.InstanceType, 'm4.large.elasticsearch');
      assert.equal(status?.ElasticsearchClusterConfig?.InstanceCount, 1);
      assert.deepEqual(status?.EBSOptions, { EBSEnabled: true, VolumeType: 'gp2', VolumeSize: 10 });
      assert.deepEqual(status?.AdvancedOptions, { 'rest.action.multi.allow_explicit_index': 'true' });
      assert.deepEqual(status?.AutoTuneOptions, { State: 'DISABLED' });
    });

    it('answers encryption at rest with the KMS key ARN, minified policies, instance-store domains', async () => {
      const { DomainStatus: status } = await client.send(
        new CreateElasticsearchDomainCommand({
          DomainName: 'secure',
          ElasticsearchVersion: '7.10',
          ElasticsearchClusterConfig: { InstanceType: 'i3.large.elasticsearch', InstanceCount: 1 },
          EncryptionAtRestOptions: { Enabled: true, KmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' },
          NodeToNodeEncryptionOptions: { Enabled: true },
          AccessPolicies:
            '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Deny", "Principal": "*", "Action": "es:*" } ] }',
        }),
      );
      assert.deepEqual(status?.EncryptionAtRestOptions, {
        Enabled: true,
        KmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      });
      // Minified, and the statement that names no resource given the domain's own, as AWS stores it.
      assert.equal(
        status?.AccessPolicies,
        `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"es:*","Resource":"${status?.ARN}/*"}]}`,
      );
      assert.deepEqual(status?.EBSOptions, { EBSEnabled: false });
      // The same key again, by its id or its ARN, is no change of key.
      for (const KmsKeyId of [
        '1234abcd-12ab-34cd-56ef-1234567890ab',
        `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      ]) {
        const { DomainConfig: config } = await client.send(
          new UpdateElasticsearchDomainConfigCommand({
            DomainName: 'secure',
            EncryptionAtRestOptions: { Enabled: true, KmsKeyId },
          }),
        );
        assert.equal(
          config?.EncryptionAtRestOptions?.Options?.KmsKeyId,
          status?.EncryptionAtRestOptions?.KmsKeyId,
        );
      }
    });

    it("answers a KMS alias as its key's ARN, alias/aws/es as the managed key's, and refuses what KMS cannot read", async () => {
      const keyOf = async (DomainName: string, KmsKeyId?: string) =>
        (
          await client.send(
            new CreateElasticsearchDomainCommand(
              testDomainInput(DomainName, {
                EncryptionAtRestOptions: { Enabled: true, ...(KmsKeyId ? { KmsKeyId } : {}) },
              }),
            ),
          )
        ).DomainStatus?.EncryptionAtRestOptions?.KmsKeyId;
      const keyArn = new RegExp(
        `^arn:aws:kms:${REGION}:${ACCOUNT}:key/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`,
      );
      // AWS answers the key's ARN for an alias (terraform-provider-aws#5871).
      const managed = await keyOf('managed-default');
      assert.match(managed!, keyArn);
      assert.equal(await keyOf('managed-alias', 'alias/aws/es'), managed);
      assert.equal(
        await keyOf('managed-alias-arn', `arn:aws:kms:${REGION}:${ACCOUNT}:alias/aws/es`),
        managed,
      );
      const team = await keyOf('team-alias', 'alias/team-key');
      assert.match(team!, keyArn);
      assert.notEqual(team, managed);
      assert.equal(await keyOf('team-alias-again', 'alias/team-key'), team);
      // KMS's AliasName: at most 256 characters, `alias/` included.
      assert.match((await keyOf('longest-alias', `alias/${'a'.repeat(250)}`))!, keyArn);
      assert.equal(
        await keyOf('multi-region', 'mrk-1234abcd12ab34cd56ef1234567890ab'),
        `arn:aws:kms:${REGION}:${ACCOUNT}:key/mrk-1234abcd12ab34cd56ef1234567890ab`,
      );
      // A well-formed key ARN is taken as given (there is no KMS here to look it up).
      const elsewhere = 'arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab';
      assert.equal(await keyOf('key-elsewhere', elsewhere), elsewhere);
      // No key: a malformed ARN, an ARN of another service, an empty alias, an alias name too long for KMS, an alias
      // ARN in a partition AWS does not have.
      for (const KmsKeyId of [
        `arn:aws:kms:${REGION}:${ACCOUNT}:key/alias/aws/es`,
        'arn:aws:s3:::bucket',
        'arn:',
        'alias/',
        `alias/${'a'.repeat(251)}`,
        `arn:aws-moon:kms:${REGION}:${ACCOUNT}:alias/team-key`,
      ]) {
        const refused = await errorOf(() => keyOf('not-a-key', KmsKeyId));
        assert.equal(refused.name, 'ValidationException', KmsKeyId);
        assert.ok(
          refused.message.startsWith(`Error in Accessing KmsKeyID with details:Invalid keyId '${KmsKeyId}'`),
          refused.message,
        );
      }
      // terraform-provider-aws#41873: `aws/es` (no `alias/`) is no key id.
      const error = await errorOf(() => keyOf('not-a-key', 'aws/es'));
      assert.equal(error.name, 'ValidationException');
      assert.equal((error.$metadata as { httpStatusCode: number }).httpStatusCode, 400);
      assert.match(
        error.message,
        /^Error in Accessing KmsKeyID with details:Invalid keyId 'aws\/es' \(Service: AWSKMS; Status Code: 400; Error Code: NotFoundException; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
      );
      const names = (await client.send(new ListDomainNamesCommand({}))).DomainNames?.map(
        (domain) => domain.DomainName,
      );
      assert.ok(!names?.includes('not-a-key'), 'the refused create made no domain');
    });
  });

  describe('custom endpoints', () => {
    let emulator: TestEmulator;
    let client: ElasticsearchServiceClient;

    before(async () => {
      emulator = await startTestEmulator();
      client = emulator.client();
    });
    after(() => emulator.stop());

    it('keeps a custom endpoint, and switching it off removes it', async () => {
      const certificate = 'arn:aws:acm:us-east-1:000000000000:certificate/0a1b2c3d';
      const { DomainStatus: created } = await client.send(
        new CreateElasticsearchDomainCommand({
          ...testDomainInput('custom'),
          DomainEndpointOptions: {
            EnforceHTTPS: true,
            CustomEndpointEnabled: true,
            CustomEndpoint: 'search.example.com',
            CustomEndpointCertificateArn: certificate,
          },
        }),
      );
      assert.deepEqual(created?.DomainEndpointOptions, {
        EnforceHTTPS: true,
        TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07',
        CustomEndpointEnabled: true,
        CustomEndpoint: 'search.example.com',
        CustomEndpointCertificateArn: certificate,
      });
      const { DomainConfig: config } = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'custom',
          DomainEndpointOptions: { CustomEndpointEnabled: false },
        }),
      );
      assert.deepEqual(config?.DomainEndpointOptions?.Options, {
        EnforceHTTPS: true,
        TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07',
        CustomEndpointEnabled: false,
      });
      assert.deepEqual(
        config?.ModifyingProperties?.map((entry) => [entry.Name, entry.ValueType]),
        [['DomainEndpointOptions', 'STRINGIFIED_JSON']],
      );
    });

    it('fine-grained access control: never echoes the master user; new credentials are a change', async () => {
      const { DomainStatus: created } = await client.send(
        new CreateElasticsearchDomainCommand({
          ...testDomainInput('guarded'),
          ...fineGrainedPrerequisites,
          AdvancedSecurityOptions: {
            Enabled: true,
            InternalUserDatabaseEnabled: true,
            MasterUserOptions: { MasterUserName: 'admin', MasterUserPassword: 'Secret-Passw0rd' },
          },
        }),
      );
      assert.deepEqual(created?.AdvancedSecurityOptions, {
        Enabled: true,
        InternalUserDatabaseEnabled: true,
        AnonymousAuthEnabled: false,
      });
      const { DomainConfig: config } = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'guarded',
          AdvancedSecurityOptions: {
            MasterUserOptions: { MasterUserName: 'admin', MasterUserPassword: 'An0ther-Passw0rd' },
          },
        }),
      );
      assert.notEqual(config?.ChangeProgressDetails?.ChangeId, created?.ChangeProgressDetails?.ChangeId);
      assert.equal(config?.AdvancedSecurityOptions?.Status?.State, 'Processing');
      assert.doesNotMatch(JSON.stringify(config), /Passw0rd/);
    });

    it('fine-grained access control on an existing domain: anonymous auth for a 30-day migration period', async () => {
      await createTestDomain(client, 'migrating', fineGrainedPrerequisites);
      const before = Date.now();
      const { DomainConfig: config } = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'migrating',
          AdvancedSecurityOptions: {
            Enabled: true,
            InternalUserDatabaseEnabled: true,
            AnonymousAuthEnabled: true,
            MasterUserOptions: { MasterUserName: 'admin', MasterUserPassword: 'Secret-Passw0rd' },
          },
        }),
      );
      const after = Date.now();
      const security = config?.AdvancedSecurityOptions?.Options;
      assert.equal(security?.AnonymousAuthEnabled, true);
      const thirtyDays = 30 * 24 * 3600 * 1000;
      const disableAt = security?.AnonymousAuthDisableDate?.getTime() ?? 0;
      assert.ok(disableAt >= before + thirtyDays - 1000 && disableAt <= after + thirtyDays + 1000);
      // Turned off, the migration period ends.
      const { DomainConfig: ended } = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'migrating',
          AdvancedSecurityOptions: { AnonymousAuthEnabled: false },
        }),
      );
      assert.equal(ended?.AdvancedSecurityOptions?.Options?.AnonymousAuthEnabled, false);
      assert.equal(ended?.AdvancedSecurityOptions?.Options?.AnonymousAuthDisableDate, undefined);
    });

    it('refuses a custom endpoint switched on without its name', async () => {
      await expectServiceError(
        () =>
          client.send(
            new UpdateElasticsearchDomainConfigCommand({
              DomainName: 'custom',
              DomainEndpointOptions: { CustomEndpointEnabled: true },
            }),
          ),
        {
          name: 'ValidationException',
          status: 400,
          message:
            'Please provide both CustomEndpoint and CustomEndpointCertificateArn fields to create a custom endpoint.',
        },
      );
    });
  });

  describe('semantic validation', () => {
    /** Data nodes, three dedicated masters and two UltraWarm nodes: what UltraWarm needs beside it. */
    const ultraWarmCluster: ElasticsearchClusterConfig = {
      InstanceType: 'm5.large.elasticsearch',
      InstanceCount: 1,
      DedicatedMasterEnabled: true,
      DedicatedMasterType: 'm5.large.elasticsearch',
      DedicatedMasterCount: 3,
      WarmEnabled: true,
      WarmType: 'ultrawarm1.medium.elasticsearch',
      WarmCount: 2,
    };
    let emulator: TestEmulator;
    let client: ElasticsearchServiceClient;

    before(async () => {
      emulator = await startTestEmulator();
      client = emulator.client();
      await createTestDomain(client, 'existing');
      await createTestDomain(client, 'secured', {
        ...fineGrainedPrerequisites,
        AdvancedSecurityOptions: {
          Enabled: true,
          InternalUserDatabaseEnabled: true,
          MasterUserOptions: { MasterUserName: 'admin', MasterUserPassword: 'Str0ng-Passw0rd!' },
        },
      });
      await createTestDomain(client, 'warm', { ElasticsearchClusterConfig: ultraWarmCluster });
      await client.send(
        new CreateElasticsearchDomainCommand({
          ...testDomainInput('locked'),
          EncryptionAtRestOptions: { Enabled: true },
          NodeToNodeEncryptionOptions: { Enabled: true },
        }),
      );
    });
    after(() => emulator.stop());

    const create = (overrides: Partial<CreateElasticsearchDomainCommandInput>) =>
      createTestDomain(client, 'invalid', overrides);
    /** A create with fine-grained access control and these SAML options. */
    const withSaml = (SAMLOptions: SAMLOptionsInput): Partial<CreateElasticsearchDomainCommandInput> => ({
      ...fineGrainedPrerequisites,
      AdvancedSecurityOptions: {
        Enabled: true,
        InternalUserDatabaseEnabled: true,
        MasterUserOptions: { MasterUserName: 'admin', MasterUserPassword: 'Secret-Passw0rd' },
        SAMLOptions,
      },
    });

    // One byte past the model's documented maximum of a policy document, 100 KB.
    const policyWithoutSid =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Sid":""}]}';
    const policyOverLimit = policyWithoutSid.replace(
      '"Sid":""',
      `"Sid":"${'x'.repeat(100 * 1024 + 1 - policyWithoutSid.length)}"`,
    );

    const createCases: {
      title: string;
      input: Partial<CreateElasticsearchDomainCommandInput>;
      name: string;
      status: number;
      message: string;
    }[] = [
      {
        // The model's LogType enum holds the map's keys; no SDK checks it, so the server must.
        title: 'a log type the model does not have',
        input: {
          LogPublishingOptions: {
            SEARCH_SLOW_LOG: {
              Enabled: true,
              CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:es',
            },
          } as CreateElasticsearchDomainCommandInput['LogPublishingOptions'],
        },
        name: 'ValidationException',
        status: 400,
        message:
          "1 validation error detected: Value at 'logPublishingOptions' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy enum value set: [INDEX_SLOW_LOGS, SEARCH_SLOW_LOGS, ES_APPLICATION_LOGS, AUDIT_LOGS]]",
      },
      {
        title: 'an unknown version',
        input: { ElasticsearchVersion: '7.2' },
        name: 'ValidationException',
        status: 400,
        message: 'Version 7.2 is not supported. Call ListElasticsearchVersions for the supported versions.',
      },
      {
        title: 'an instance type not offered for the version',
        input: {
          ElasticsearchVersion: '7.10',
          ElasticsearchClusterConfig: { InstanceType: 't2.micro.elasticsearch', InstanceCount: 1 },
        },
        name: 'InvalidTypeException',
        status: 409,
        message: 'Invalid instance type: t2.micro.elasticsearch',
      },
      {
        title: 'a Graviton type, which AWS accepts beyond the model enum, on a version before 7.9',
        input: {
          ElasticsearchVersion: '7.7',
          ElasticsearchClusterConfig: {
            InstanceType: 'r6g.large.elasticsearch' as ESPartitionInstanceType,
            InstanceCount: 1,
          },
          EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
        },
        name: 'InvalidTypeException',
        status: 409,
        message: 'Invalid instance type: r6g.large.elasticsearch',
      },
      {
        title: 'an UltraWarm type for data nodes',
        input: {
          ElasticsearchClusterConfig: { InstanceType: 'ultrawarm1.medium.elasticsearch', InstanceCount: 1 },
        },
        name: 'InvalidTypeException',
        status: 409,
        message: 'Invalid instance type: ultrawarm1.medium.elasticsearch',
      },
      {
        title: 'an EBS-only type without EBS',
        input: { EBSOptions: { EBSEnabled: false } },
        name: 'ValidationException',
        status: 400,
        message: 'EBS storage must be selected for m5.large.elasticsearch',
      },
      {
        title: 'EBS on an instance-store type',
        input: { ElasticsearchClusterConfig: { InstanceType: 'i3.large.elasticsearch', InstanceCount: 1 } },
        name: 'ValidationException',
        status: 400,
        message: 'Instance type i3.large.elasticsearch does not support EBS storage',
      },
      {
        title: 'a volume too large for the type and version',
        input: {
          ElasticsearchVersion: '6.3',
          ElasticsearchClusterConfig: { InstanceType: 't2.medium.elasticsearch', InstanceCount: 1 },
          EBSOptions: { EBSEnabled: true, VolumeType: 'standard', VolumeSize: 36 },
        },
        name: 'LimitExceededException',
        status: 409,
        message:
          'Volume size must be between 10 and 35 for t2.medium.elasticsearch instance type and elasticsearch version 6.3',
      },
      {
        title: 'gp3 throughput out of range',
        input: {
          ElasticsearchClusterConfig: { InstanceType: 'c5.large.elasticsearch', InstanceCount: 1 },
          EBSOptions: { EBSEnabled: true, VolumeType: 'gp3', VolumeSize: 100, Throughput: 2000 },
        },
        name: 'LimitExceededException',
        status: 409,
        message: 'Throughput must be between 125 and 593',
      },
      {
        title: "gp3 IOPS over a t3.small's maximum (AWS's text as quoted)",
        input: {
          ElasticsearchClusterConfig: {
            InstanceType: 't3.small.elasticsearch' as ESPartitionInstanceType,
            InstanceCount: 1,
          },
          EBSOptions: { EBSEnabled: true, VolumeType: 'gp3', VolumeSize: 10, Iops: 12000 },
        },
        name: 'LimitExceededException',
        status: 409,
        message: 'IOPS must be between 3000 and 11800',
      },
      {
        title: "gp3 throughput over a t3.small's maximum (AWS's text as quoted)",
        input: {
          ElasticsearchClusterConfig: {
            InstanceType: 't3.small.elasticsearch' as ESPartitionInstanceType,
            InstanceCount: 1,
          },
          EBSOptions: { EBSEnabled: true, VolumeType: 'gp3', VolumeSize: 10, Throughput: 261 },
        },
        name: 'LimitExceededException',
        status: 409,
        message: 'Throughput must be between 125 and 260',
      },
      {
        title: 'throughput on a gp2 volume',
        input: { EBSOptions: { EBSEnabled: true, VolumeType: 'gp2', VolumeSize: 10, Throughput: 250 } },
        name: 'ValidationException',
        status: 400,
        message: 'Throughput is only valid when volume type is GP3.',
      },
      {
        title: 'a dedicated master count without DedicatedMasterEnabled',
        input: {
          ElasticsearchClusterConfig: {
            InstanceType: 'm5.large.elasticsearch',
            InstanceCount: 1,
            DedicatedMasterCount: 3,
          },
        },
        name: 'ValidationException',
        status: 400,
        message:
          'DedicatedMasterEnabled must be set to True to specify the DedicatedMasterCount and DedicatedMasterType options.',
      },
      {
        title: 'one dedicated master',
        input: {
          ElasticsearchClusterConfig: {
            InstanceType: 'm5.large.elasticsearch',
            InstanceCount: 1,
            DedicatedMasterEnabled: true,
            DedicatedMasterType: 'm5.large.elasticsearch',
            DedicatedMasterCount: 1,
          },
        },
        name: 'ValidationException',
        status: 400,
        message: 'Dedicated master node count should be greater than 1.',
      },
      {
        title: 'six dedicated masters',
        input: {
          ElasticsearchClusterConfig: {
            InstanceType: 'm5.large.elasticsearch',
            InstanceCount: 1,
            DedicatedMasterEnabled: true,
            DedicatedMasterType: 'm5.large.elasticsearch',
            DedicatedMasterCount: 6,
          },
        },
        name: 'LimitExceededException',
        status: 409,
        message: 'Dedicated master instances count should be between 2 and 5.',
      },
      {
        title: 'no data nodes',
        input: { ElasticsearchClusterConfig: { InstanceType: 'm5.large.elasticsearch', InstanceCount: 0 } },
        name: 'ValidationException',
        status: 400,
        message: 'Instance count should be between 1 and 80.',
      },
      {
        title: 'more than 10 T2 data nodes',
        input: {
          ElasticsearchClusterConfig: { InstanceType: 't2.medium.elasticsearch', InstanceCount: 12 },
        },
        name: 'LimitExceededException',
        status: 409,
        message: 'Instance count should be between 1 and 10.',
      },
      {
        title: 'more than 10 data nodes without dedicated masters',
        input: { ElasticsearchClusterConfig: { InstanceType: 'm5.large.elasticsearch', InstanceCount: 12 } },
        name: 'ValidationException',
        status: 400,
        message: 'Dedicated master instances must be enabled for domains with more than 10 instance count.',
      },
      {
        title: 'a snapshot hour past 23',
        input: { SnapshotOptions: { AutomatedSnapshotStartHour: 24 } },
        name: 'ValidationException',
        status: 400,
        message:
          'AutomatedSnapshotStartHour specified, 24, is not a valid hour of the day. Please specify a number between 0 and 23.',
      },
      {
        title: 'three availability zones and one subnet',
        input: {
          ElasticsearchClusterConfig: {
            InstanceType: 'm5.large.elasticsearch',
            InstanceCount: 3,
            ZoneAwarenessEnabled: true,
            ZoneAwarenessConfig: { AvailabilityZoneCount: 3 },
          },
          VPCOptions: { SubnetIds: ['subnet-1'] },
        },
        name: 'ValidationException',
        status: 400,
        message: 'You must specify exactly three subnets because you\u2019ve set zone count to three',
      },
      {
        title: 'two availability zones and three subnets',
        input: {
          ElasticsearchClusterConfig: {
            InstanceType: 'm5.large.elasticsearch',
            InstanceCount: 2,
            ZoneAwarenessEnabled: true,
            ZoneAwarenessConfig: { AvailabilityZoneCount: 2 },
          },
          VPCOptions: { SubnetIds: ['subnet-1', 'subnet-2', 'subnet-3'] },
        },
        name: 'ValidationException',
        status: 400,
        message: 'You must specify exactly two subnets because you\u2019ve set zone count to two',
      },
      {
        title: 'one availability zone and two subnets',
        input: { VPCOptions: { SubnetIds: ['subnet-1', 'subnet-2'] } },
        name: 'ValidationException',
        status: 400,
        message: 'You must specify exactly one subnet.',
      },
      {
        title: 'VPC options without subnets',
        input: { VPCOptions: { SecurityGroupIds: ['sg-1'] } },
        name: 'ValidationException',
        status: 400,
        message: 'Subnet must be specified for VPC domain',
      },
      {
        title: 'an odd number of data nodes in two zones',
        input: {
          ElasticsearchClusterConfig: {
            InstanceType: 'm5.large.elasticsearch',
            InstanceCount: 3,
            ZoneAwarenessEnabled: true,
          },
        },
        name: 'ValidationException',
        status: 400,
        message: 'You must choose an even number of data nodes for a two Availability Zone deployment',
      },
      {
        title: 'encryption at rest on t2',
        input: {
          ElasticsearchVersion: '6.3',
          ElasticsearchClusterConfig: { InstanceType: 't2.small.elasticsearch', InstanceCount: 1 },
          EncryptionAtRestOptions: { Enabled: true },
        },
        name: 'InvalidTypeException',
        status: 409,
        message: 'Encryption at rest is not supported with t2.small.elasticsearch instances',
      },
      {
        title: 'encryption at rest before 5.1',
        input: {
          ElasticsearchVersion: '2.3',
          ElasticsearchClusterConfig: { InstanceType: 'm4.large.elasticsearch', InstanceCount: 1 },
          EncryptionAtRestOptions: { Enabled: true },
        },
        name: 'ValidationException',
        status: 400,
        message: 'Encryption at rest is not supported for Elasticsearch 2.3',
      },
      {
        title: 'node-to-node encryption before 6.0',
        input: { ElasticsearchVersion: '5.6', NodeToNodeEncryptionOptions: { Enabled: true } },
        name: 'ValidationException',
        status: 400,
        message: 'Node to Node Encryption feature is not available for the selected ES Version',
      },
      {
        title: 'fine-grained access control without EnforceHTTPS',
        input: {
          AdvancedSecurityOptions: {
            Enabled: true,
            InternalUserDatabaseEnabled: true,
            MasterUserOptions: { MasterUserName: 'admin', MasterUserPassword: 'Secret-Passw0rd' },
          },
          EncryptionAtRestOptions: { Enabled: true },
          NodeToNodeEncryptionOptions: { Enabled: true },
        },
        name: 'ValidationException',
        status: 400,
        message: 'You must enable EnforceHTTPS in the domain endpoint options to use advanced security.',
      },
      {
        title: 'fine-grained access control without node-to-node encryption',
        input: {
          AdvancedSecurityOptions: { Enabled: true },
          DomainEndpointOptions: { EnforceHTTPS: true },
          EncryptionAtRestOptions: { Enabled: true },
        },
        name: 'ValidationException',
        status: 400,
        message: 'You must enable node-to-node encryption to use advanced security options.',
      },
      {
        title: 'fine-grained access control without encryption at rest',
        input: {
          AdvancedSecurityOptions: { Enabled: true },
          DomainEndpointOptions: { EnforceHTTPS: true },
          NodeToNodeEncryptionOptions: { Enabled: true },
        },
        name: 'ValidationException',
        status: 400,
        message: 'You must enable encryption at rest to use advanced security options.',
      },
      {
        title: 'the internal user database without a master user',
        input: {
          AdvancedSecurityOptions: { Enabled: true, InternalUserDatabaseEnabled: true },
          ...fineGrainedPrerequisites,
        },
        name: 'ValidationException',
        status: 400,
        message:
          'You must provide a master username and password when the internal user database is enabled.',
      },
      ...[
        ['no uppercase letter', 'secret-passw0rd'],
        ['no lowercase letter', 'SECRET-PASSW0RD'],
        ['no number', 'Secret-Password'],
        ['no special character', 'SecretPassw0rd'],
      ].map(([lacking, password]) => ({
        title: `a master user password with ${lacking}`,
        input: {
          AdvancedSecurityOptions: {
            Enabled: true,
            InternalUserDatabaseEnabled: true,
            MasterUserOptions: { MasterUserName: 'admin', MasterUserPassword: password },
          },
          ...fineGrainedPrerequisites,
        },
        name: 'ValidationException',
        status: 400,
        message:
          'The master user password must contain at least one uppercase letter, one lowercase letter, one number, and one special character.',
      })),
      {
        title: 'a master user name and ARN together',
        input: {
          AdvancedSecurityOptions: {
            Enabled: true,
            InternalUserDatabaseEnabled: true,
            MasterUserOptions: {
              MasterUserName: 'admin',
              MasterUserPassword: 'Secret-Passw0rd',
              MasterUserARN: 'arn:aws:iam::000000000000:role/admin',
            },
          },
          ...fineGrainedPrerequisites,
        },
        name: 'ValidationException',
        status: 400,
        message: 'You must provide either a master username or a master user ARN but not together.',
      },
      {
        title: 'fine-grained access control without the internal user database or a master user ARN',
        input: {
          AdvancedSecurityOptions: { Enabled: true },
          ...fineGrainedPrerequisites,
        },
        name: 'ValidationException',
        status: 400,
        // With AWS's typographic apostrophe.
        message: 'If you don\u2019t enable the internal user database, you must provide a master user ARN.',
      },
      {
        title: 'fine-grained access control before 6.7',
        input: {
          ElasticsearchVersion: '6.5',
          AdvancedSecurityOptions: { Enabled: true },
          ...fineGrainedPrerequisites,
        },
        name: 'ValidationException',
        status: 400,
        message: 'Advanced security feature is not available for the selected ES Version.',
      },
      {
        title: 'UltraWarm before 6.8',
        input: {
          ElasticsearchVersion: '6.7',
          ElasticsearchClusterConfig: ultraWarmCluster,
        },
        name: 'ValidationException',
        status: 400,
        message: 'UltraWarm requires Elasticsearch 6.8 or later.',
      },
      {
        title: 'cold storage before 7.9',
        input: {
          ElasticsearchVersion: '7.8',
          ElasticsearchClusterConfig: { ...ultraWarmCluster, ColdStorageOptions: { Enabled: true } },
        },
        name: 'ValidationException',
        status: 400,
        message:
          "Your domain's Elasticsearch version does not support cold storage options. Upgrade to Elasticsearch 7.9 or later.",
      },
      {
        // Off too (cloudposse/terraform-aws-elasticsearch#148; Terraform leaves it out of updates below 7.9).
        title: 'cold storage switched off before 7.9',
        input: {
          ElasticsearchVersion: '7.8',
          ElasticsearchClusterConfig: { ColdStorageOptions: { Enabled: false } },
        },
        name: 'ValidationException',
        status: 400,
        message:
          "Your domain's Elasticsearch version does not support cold storage options. Upgrade to Elasticsearch 7.9 or later.",
      },
      {
        title: 'dedicated masters without a count',
        input: {
          ElasticsearchClusterConfig: {
            DedicatedMasterEnabled: true,
            DedicatedMasterType: 'm5.large.elasticsearch',
          },
        },
        name: 'ValidationException',
        status: 400,
        message: 'DedicatedMasterCount must be specified when DedicatedMasterEnabled is true.',
      },
      {
        title: 'Iops on a gp2 volume',
        input: { EBSOptions: { EBSEnabled: true, VolumeType: 'gp2', VolumeSize: 10, Iops: 3000 } },
        name: 'ValidationException',
        status: 400,
        message: 'IOPS is only valid when volume type is io1 or gp3.',
      },
      {
        title: 'io1 IOPS below the floor',
        input: { EBSOptions: { EBSEnabled: true, VolumeType: 'io1', VolumeSize: 35, Iops: 999 } },
        name: 'LimitExceededException',
        status: 409,
        message: 'Iops must be between 1000 and 16000.',
      },
      {
        // 0 is passed only for a volume type without IOPS (AWS echoes it for gp2).
        title: 'io1 IOPS of 0',
        input: { EBSOptions: { EBSEnabled: true, VolumeType: 'io1', VolumeSize: 35, Iops: 0 } },
        name: 'LimitExceededException',
        status: 409,
        message: 'Iops must be between 1000 and 16000.',
      },
      {
        title: 'gp3 IOPS of 0',
        input: { EBSOptions: { EBSEnabled: true, VolumeType: 'gp3', VolumeSize: 100, Iops: 0 } },
        name: 'LimitExceededException',
        status: 409,
        message: 'IOPS must be between 3000 and 16000',
      },
      {
        title: 'a volume type the instance type does not take',
        input: {
          ElasticsearchClusterConfig: { InstanceType: 'm4.large.elasticsearch', InstanceCount: 1 },
          EBSOptions: { EBSEnabled: true, VolumeType: 'gp3', VolumeSize: 10 },
        },
        name: 'ValidationException',
        status: 400,
        message: 'EBS volume-types :[standard, gp2, io1] must be selected for m4.large.elasticsearch',
      },
      {
        title: 'two data nodes in three zones',
        input: {
          ElasticsearchClusterConfig: {
            InstanceType: 'm5.large.elasticsearch',
            InstanceCount: 2,
            ZoneAwarenessEnabled: true,
            ZoneAwarenessConfig: { AvailabilityZoneCount: 3 },
          },
        },
        name: 'ValidationException',
        status: 400,
        message: 'You must choose a minimum of three data nodes for a three Availability Zone deployment',
      },
      {
        title: 'a zone count without ZoneAwarenessEnabled',
        input: {
          ElasticsearchClusterConfig: {
            InstanceType: 'm5.large.elasticsearch',
            InstanceCount: 2,
            ZoneAwarenessConfig: { AvailabilityZoneCount: 2 },
          },
        },
        name: 'ValidationException',
        status: 400,
        message: 'ZoneAwarenessEnabled must be set to True to specify the ZoneAwarenessSettings',
      },
      {
        title: 'an UltraWarm type for dedicated masters',
        input: {
          ElasticsearchClusterConfig: {
            InstanceType: 'm5.large.elasticsearch',
            InstanceCount: 1,
            DedicatedMasterEnabled: true,
            DedicatedMasterType: 'ultrawarm1.medium.elasticsearch',
            DedicatedMasterCount: 3,
          },
        },
        name: 'InvalidTypeException',
        status: 409,
        message:
          'Invalid instance type for master nodes: ultrawarm1.medium.elasticsearch. For more information refer to AWS public documentation',
      },
      {
        title: 'UltraWarm without dedicated masters',
        input: {
          ElasticsearchClusterConfig: {
            InstanceType: 'm5.large.elasticsearch',
            InstanceCount: 1,
            WarmEnabled: true,
            WarmType: 'ultrawarm1.medium.elasticsearch',
            WarmCount: 2,
          },
        },
        name: 'ValidationException',
        status: 400,
        message: 'To use warm storage, your domain must have dedicated master nodes.',
      },
      {
        title: 'UltraWarm over T2 data nodes',
        input: {
          ElasticsearchClusterConfig: { ...ultraWarmCluster, InstanceType: 't2.medium.elasticsearch' },
        },
        name: 'ValidationException',
        status: 400,
        message:
          'Warm storage is not available for the t2.medium.elasticsearch instance type. Select a different instance type.',
      },
      {
        title: 'one UltraWarm node',
        input: {
          ElasticsearchClusterConfig: { ...ultraWarmCluster, WarmCount: 1 },
        },
        name: 'ValidationException',
        status: 400,
        message: 'Warm storage node count must be between 2 and 150.',
      },
      {
        title: 'WarmType and WarmCount without WarmEnabled',
        input: {
          ElasticsearchClusterConfig: {
            InstanceType: 'm5.large.elasticsearch',
            InstanceCount: 1,
            DedicatedMasterEnabled: true,
            DedicatedMasterType: 'm5.large.elasticsearch',
            DedicatedMasterCount: 3,
            WarmType: 'ultrawarm1.medium.elasticsearch',
            WarmCount: 2,
          },
        },
        name: 'ValidationException',
        status: 400,
        message: 'WarmEnabled must be set to true to specify WarmCount and WarmType.',
      },
      {
        title: 'cold storage without UltraWarm',
        input: {
          ElasticsearchVersion: '7.10',
          ElasticsearchClusterConfig: {
            InstanceType: 'm5.large.elasticsearch',
            InstanceCount: 1,
            DedicatedMasterEnabled: true,
            DedicatedMasterType: 'm5.large.elasticsearch',
            DedicatedMasterCount: 3,
            ColdStorageOptions: { Enabled: true },
          },
        },
        name: 'BaseException',
        status: 400,
        message: 'To use cold storage, you must have UltraWarm enabled.',
      },
      // AWS's SAML guide: SAML only on existing domains. AWS's answer to a create with SAMLOptions, even disabled
      // (aws-cloudformation/cloudformation-coverage-roadmap#1496).
      ...[
        { Enabled: false },
        {
          Enabled: true,
          Idp: { EntityId: 'https://idp.example.com', MetadataContent: '<EntityDescriptor/>' },
        },
      ].map((SAMLOptions) => ({
        title: `SAML options at creation (${SAMLOptions.Enabled ? 'enabled' : 'disabled'})`,
        input: withSaml(SAMLOptions),
        name: 'ValidationException',
        status: 400,
        message: 'You cannot specify SAML options during domain creation',
      })),
      {
        title: 'an automated snapshot pause over the 3 days the model allows',
        input: {
          AutomatedSnapshotPauseOptions: {
            Enabled: true,
            StartTime: new Date(2_000_000_000_000),
            EndTime: new Date(2_000_432_000_000),
          },
        },
        name: 'ValidationException',
        status: 400,
        message: 'The automated snapshot pause can last at most 3 days.',
      },
      {
        // Without a start the pause is active from the call on: ten days from now is past the 3 days.
        title: 'an automated snapshot pause with no start that ends in ten days',
        input: {
          AutomatedSnapshotPauseOptions: { Enabled: true, EndTime: new Date(Date.now() + 10 * 86_400_000) },
        },
        name: 'ValidationException',
        status: 400,
        message: 'The automated snapshot pause can last at most 3 days.',
      },
      {
        title: 'an automated snapshot pause that ends before it starts',
        input: {
          AutomatedSnapshotPauseOptions: {
            Enabled: true,
            StartTime: new Date(2_000_000_000_000),
            EndTime: new Date(1_999_000_000_000),
          },
        },
        name: 'ValidationException',
        status: 400,
        message: 'The automated snapshot pause must end after it starts.',
      },
      {
        title: 'an automated snapshot pause that ends when it starts',
        input: {
          AutomatedSnapshotPauseOptions: {
            Enabled: true,
            StartTime: new Date(2_000_000_000_000),
            EndTime: new Date(2_000_000_000_000),
          },
        },
        name: 'ValidationException',
        status: 400,
        message: 'The automated snapshot pause must end after it starts.',
      },
      {
        title: 'the OPTIMIZED engine mode, which needs OpenSearch 3.5 or later',
        input: { EngineMode: 'OPTIMIZED' },
        name: 'ValidationException',
        status: 400,
        message: "The OPTIMIZED engine mode requires OpenSearch 3.5 or later (the domain's version is 7.10).",
      },
      {
        title: 'the OPTIMIZED engine mode on an OpenSearch version before 3.5',
        input: { ElasticsearchVersion: 'OpenSearch_3.1', EngineMode: 'OPTIMIZED' },
        name: 'ValidationException',
        status: 400,
        message:
          "The OPTIMIZED engine mode requires OpenSearch 3.5 or later (the domain's version is OpenSearch_3.1).",
      },
      {
        title: "a custom endpoint certificate that is no ACM certificate of the domain's account",
        input: {
          DomainEndpointOptions: {
            CustomEndpointEnabled: true,
            CustomEndpoint: 'search.example.com',
            CustomEndpointCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc',
          },
        },
        name: 'ValidationException',
        status: 400,
        message:
          'CustomEndpointCertificateArn must be the ARN of an ACM certificate in account 000000000000: arn:aws:acm:us-east-1:111122223333:certificate/abc',
      },
      {
        title: 'audit logs without fine-grained access control',
        input: {
          LogPublishingOptions: {
            AUDIT_LOGS: {
              Enabled: true,
              CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:audit',
            },
          },
        },
        name: 'ValidationException',
        status: 400,
        message:
          'audit log publishing cannot be enabled as you do not have advanced security options configured.',
      },
      {
        title: 'a log type enabled without a log group',
        input: { LogPublishingOptions: { SEARCH_SLOW_LOGS: { Enabled: true } } },
        name: 'ValidationException',
        status: 400,
        message:
          'Log publishing option is misconfigured. Enter valid CloudWatch Logs Arn and Enable flag for LogType "SEARCH_SLOW_LOGS"',
      },
      {
        title: 'Auto-Tune on T2',
        input: {
          ElasticsearchVersion: '7.10',
          ElasticsearchClusterConfig: { InstanceType: 't2.small.elasticsearch', InstanceCount: 1 },
          AutoTuneOptions: { DesiredState: 'ENABLED' },
        },
        name: 'ValidationException',
        status: 400,
        message:
          'Autotune is not supported in t2/t3 instance types. Disable autotune or change your instance type.',
      },
      {
        title: 'application logs before 5.1',
        input: {
          ElasticsearchVersion: '2.3',
          ElasticsearchClusterConfig: { InstanceType: 'm4.large.elasticsearch', InstanceCount: 1 },
          LogPublishingOptions: {
            ES_APPLICATION_LOGS: {
              Enabled: true,
              CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:es',
            },
          },
        },
        name: 'InvalidTypeException',
        status: 409,
        message: 'Application Logs option cannot be specified for Elasticsearch version : 2.3',
      },
      {
        title: 'an access policy that is not JSON (as AWS answered one, boto3#305)',
        input: { AccessPolicies: 'allow everyone' },
        name: 'InvalidTypeException',
        status: 409,
        message: 'Error setting policy: [allow everyone]',
      },
      {
        title: 'an access policy without statements',
        input: { AccessPolicies: '{"Version":"2012-10-17"}' },
        name: 'InvalidTypeException',
        status: 409,
        message: 'Error setting policy: [{"Version":"2012-10-17"}]',
      },
      {
        title:
          "an open access policy on a public domain without fine-grained access control (AWS's text as quoted)",
        input: {
          AccessPolicies: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'es:*', Resource: '*' }],
          }),
        },
        name: 'ValidationException',
        status: 400,
        message: 'Enable fine-grained access control or apply a restrictive access policy to your domain',
      },
      {
        title: 'a wildcard inside a principal ARN (IAM: no partial wildcards in principals)',
        input: {
          AccessPolicies:
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:sts::123456789012:assumed-role/role-name/*"},"Action":"es:*","Resource":"*"}]}',
        },
        name: 'InvalidTypeException',
        status: 409,
        message:
          'Error setting policy: [{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:sts::123456789012:assumed-role/role-name/*"},"Action":"es:*","Resource":"*"}]}]',
      },
      {
        title: 'Cognito without a user pool',
        input: {
          CognitoOptions: {
            Enabled: true,
            IdentityPoolId: 'us-east-1:0a1b2c3d-0000-4000-8000-000000000000',
            RoleArn: 'arn:aws:iam::000000000000:role/CognitoAccessForAmazonES',
          },
        },
        name: 'ValidationException',
        status: 400,
        message: 'UserPoolId must be specified when Amazon Cognito authentication is enabled.',
      },
      {
        title: 'Cognito enabled without its ids and role',
        input: { CognitoOptions: { Enabled: true } },
        name: 'ValidationException',
        status: 400,
        message: 'RoleArn needs to be specified',
      },
      {
        title: 'Cognito pools in two Regions',
        input: {
          CognitoOptions: {
            Enabled: true,
            UserPoolId: 'ap-northeast-1_abcd1234',
            IdentityPoolId: 'us-east-1:0a1b2c3d-0000-4000-8000-000000000000',
            RoleArn: 'arn:aws:iam::000000000000:role/CognitoAccessForAmazonES',
          },
        },
        name: 'ValidationException',
        status: 400,
        message: 'IdentityPool and UserPool should be in the same region',
      },
      {
        title: 'a Cognito role of another account, pools in two Regions',
        input: {
          CognitoOptions: {
            Enabled: true,
            UserPoolId: 'ap-northeast-1_abcd1234',
            IdentityPoolId: 'us-east-1:0a1b2c3d-0000-4000-8000-000000000000',
            RoleArn: 'arn:aws:iam::999999999999:role/CognitoAccessForAmazonES',
          },
        },
        name: 'ValidationException',
        status: 400,
        message: 'Cross-account pass role is not allowed.',
      },
      {
        title: 'a log group of another Region',
        input: {
          LogPublishingOptions: {
            SEARCH_SLOW_LOGS: {
              Enabled: true,
              CloudWatchLogsLogGroupArn: 'arn:aws:logs:ap-northeast-1:000000000000:log-group:slow',
            },
          },
        },
        name: 'ValidationException',
        status: 400,
        message:
          'The CloudWatch Logs ARN referring to the log group for logging your SEARCH_SLOW_LOGS logs is invalid. Please specify a valid ARN.',
      },
      {
        title: "an ARN of another service than CloudWatch Logs, in the domain's Region",
        input: {
          LogPublishingOptions: {
            SEARCH_SLOW_LOGS: {
              Enabled: true,
              CloudWatchLogsLogGroupArn: 'arn:aws:s3:us-east-1:000000000000:log-group:slow',
            },
          },
        },
        name: 'ValidationException',
        status: 400,
        message:
          'The CloudWatch Logs ARN referring to the log group for logging your SEARCH_SLOW_LOGS logs is invalid. Please specify a valid ARN.',
      },
      {
        title: 'a log group ARN that is no ARN',
        input: {
          LogPublishingOptions: {
            INDEX_SLOW_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: 'my-log-group' },
          },
        },
        name: 'ValidationException',
        status: 400,
        message:
          'The CloudWatch Logs ARN referring to the log group for logging your INDEX_SLOW_LOGS logs is invalid. Please specify a valid ARN.',
      },
      {
        // A create judges the ARN of a log type switched off too (terraform-provider-aws#25506).
        title: 'an empty log group ARN for a log type switched off',
        input: {
          LogPublishingOptions: { SEARCH_SLOW_LOGS: { Enabled: false, CloudWatchLogsLogGroupArn: '' } },
        },
        name: 'ValidationException',
        status: 400,
        message:
          'The CloudWatch Logs ARN referring to the log group for logging your SEARCH_SLOW_LOGS logs is invalid. Please specify a valid ARN.',
      },
      {
        title: 'a custom endpoint without its name and certificate',
        input: { DomainEndpointOptions: { EnforceHTTPS: true, CustomEndpointEnabled: true } },
        name: 'ValidationException',
        status: 400,
        message:
          'Please provide both CustomEndpoint and CustomEndpointCertificateArn fields to create a custom endpoint.',
      },
      {
        title: 'an IP-based access policy on a VPC domain',
        input: {
          VPCOptions: { SubnetIds: ['subnet-1'] },
          AccessPolicies: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: '*' },
                Action: 'es:*',
                Resource: 'arn:aws:es:us-east-1:000000000000:domain/invalid/*',
                Condition: { IpAddress: { 'aws:SourceIp': ['192.0.2.0/24'] } },
              },
            ],
          }),
        },
        name: 'InvalidTypeException',
        status: 409,
        message:
          'You can\u2019t attach an IP-based policy to a domain that has a VPC endpoint. Instead, use a security group to control IP-based access.',
      },
      {
        // IAM's condition keys are case-insensitive: aws:sourceip is aws:SourceIp.
        title: 'an IP-based access policy on a VPC domain, its condition key in lower case',
        input: {
          VPCOptions: { SubnetIds: ['subnet-1'] },
          AccessPolicies: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: '*' },
                Action: 'es:*',
                Condition: { NotIpAddress: { 'aws:sourceip': '192.0.2.0/24' } },
              },
            ],
          }),
        },
        name: 'InvalidTypeException',
        status: 409,
        message:
          'You can\u2019t attach an IP-based policy to a domain that has a VPC endpoint. Instead, use a security group to control IP-based access.',
      },
      {
        title: 'an advanced option AWS does not know',
        input: { AdvancedOptions: { 'thread_pool.search.size': '10' } },
        name: 'ValidationException',
        status: 400,
        message: "Unrecognized advanced option 'thread_pool.search.size' passed in advancedOptions.",
      },
      {
        title: 'a reserved tag key',
        input: { TagList: [{ Key: 'aws:owner', Value: 'x' }] },
        name: 'ValidationException',
        status: 400,
        message: "Invalid tag key: aws:owner. Tag keys starting with 'aws:' are reserved for AWS use.",
      },
      {
        // AWS's limits: T2 and T3 dedicated masters manage at most 10 data nodes.
        title: 'T2 dedicated masters for more than 10 data nodes',
        input: {
          ElasticsearchClusterConfig: {
            InstanceType: 'm5.large.elasticsearch',
            InstanceCount: 12,
            DedicatedMasterEnabled: true,
            DedicatedMasterType: 't2.small.elasticsearch',
            DedicatedMasterCount: 3,
          },
        },
        name: 'ValidationException',
        status: 400,
        message: 'Dedicated master instance type t2.small.elasticsearch supports at most 10 data nodes.',
      },
      {
        title: 'an access policy over 100 KB',
        input: { AccessPolicies: policyOverLimit },
        name: 'ValidationException',
        status: 400,
        message: `The access policy is ${Buffer.byteLength(policyOverLimit)} bytes: the maximum size of a policy document is 100 KB.`,
      },
      {
        // Recorded (reference P1): the policy as submitted, between brackets.
        title: 'an access policy whose principal no account could hold',
        input: {
          AccessPolicies:
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"not-an-arn"},"Action":"es:*"}]}',
        },
        name: 'InvalidTypeException',
        status: 409,
        message:
          'Error setting policy: [{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"not-an-arn"},"Action":"es:*"}]}]',
      },
      {
        // AWS echoes the policy verbatim, whitespace kept (reference P1, cloudposse/terraform-aws-elasticsearch#57).
        title: 'a formatted access policy whose principal no account could hold',
        input: {
          AccessPolicies: '{\n  "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "alice" } }]\n}',
        },
        name: 'InvalidTypeException',
        status: 409,
        message:
          'Error setting policy: [{\n  "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "alice" } }]\n}]',
      },
      {
        // An empty list of principals names no one IAM could resolve.
        title: 'an access policy whose AWS principals are an empty list',
        input: {
          AccessPolicies: '{"Statement":[{"Effect":"Allow","Principal":{"AWS":[]},"Action":"es:*"}]}',
        },
        name: 'InvalidTypeException',
        status: 409,
        message:
          'Error setting policy: [{"Statement":[{"Effect":"Allow","Principal":{"AWS":[]},"Action":"es:*"}]}]',
      },
      {
        title: 'anonymous auth on a new domain',
        input: {
          ...fineGrainedPrerequisites,
          AdvancedSecurityOptions: {
            Enabled: true,
            InternalUserDatabaseEnabled: true,
            AnonymousAuthEnabled: true,
            MasterUserOptions: { MasterUserName: 'admin', MasterUserPassword: 'Str0ng-Passw0rd!' },
          },
        },
        name: 'ValidationException',
        status: 400,
        message:
          'Anonymous auth can be enabled only when fine-grained access control is enabled on an existing domain.',
      },
    ];

    for (const testCase of createCases) {
      it(`refuses to create with ${testCase.title}`, async () => {
        await expectServiceError(() => create(testCase.input), testCase);
        await expectServiceError(
          () => client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'invalid' })),
          {
            name: 'ResourceNotFoundException',
            status: 409,
            message: 'Domain not found: invalid',
          },
        );
      });
    }

    describe('which access policies are open (on a public domain without fine-grained access control)', () => {
      const statement = (extra: object) => ({ Effect: 'Allow', Action: 'es:*', Resource: '*', ...extra });
      const policyOf = (...statements: object[]) =>
        JSON.stringify({ Version: '2012-10-17', Statement: statements });
      const cases: { title: string; policy: string; open: boolean }[] = [
        {
          title: 'AWS principals that include *',
          policy: policyOf(statement({ Principal: { AWS: ['*'] } })),
          open: true,
        },
        {
          title: 'a NotPrincipal Allow without a condition',
          policy: policyOf(statement({ NotPrincipal: { AWS: '123456789012' } })),
          open: true,
        },
        {
          title: 'anyone with a condition on neither source IP nor principal',
          policy: policyOf(
            statement({ Principal: '*', Condition: { StringLike: { 'aws:UserAgent': 'curl*' } } }),
          ),
          open: true,
        },
        {
          title: 'anyone, with a Deny for anyone outside an address range (our reading)',
          policy: policyOf(
            statement({ Principal: '*' }),
            statement({
              Effect: 'Deny',
              Principal: '*',
              Condition: { NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } },
            }),
          ),
          open: false,
        },
        {
          title: 'anyone of one account, by condition',
          policy: policyOf(
            statement({
              Principal: '*',
              Condition: { StringEquals: { 'aws:PrincipalAccount': '123456789012' } },
            }),
          ),
          open: false,
        },
        {
          title: 'a Deny for anyone',
          policy: policyOf(statement({ Effect: 'Deny', Principal: '*' })),
          open: false,
        },
        {
          title: 'one account as principal',
          policy: policyOf(statement({ Principal: { AWS: '123456789012' } })),
          open: false,
        },
      ];
      for (const { title, policy, open } of cases) {
        it(`${title}: ${open ? 'refused' : 'accepted'}`, async () => {
          const update = () =>
            client.send(
              new UpdateElasticsearchDomainConfigCommand({ DomainName: 'existing', AccessPolicies: policy }),
            );
          if (open) {
            await expectServiceError(update, {
              name: 'ValidationException',
              status: 400,
              message: 'Apply a restrictive access policy to your domain',
            });
          } else {
            await update();
          }
        });
      }

      it('refuses a Condition that is no block of operators as a policy AWS cannot set', async () => {
        const policy = policyOf(statement({ Principal: { AWS: '123456789012' }, Condition: 'x' }));
        await expectServiceError(
          () =>
            client.send(
              new UpdateElasticsearchDomainConfigCommand({ DomainName: 'existing', AccessPolicies: policy }),
            ),
          { name: 'InvalidTypeException', status: 409, message: `Error setting policy: [${policy}]` },
        );
      });
    });

    it('accepts an open access policy with fine-grained access control, and one restricted by source IP', async () => {
      const open = {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'es:*', Resource: '*' }],
      };
      await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'secured',
          AccessPolicies: JSON.stringify(open),
        }),
      );
      const byIp = {
        ...open,
        Statement: [{ ...open.Statement[0], Condition: { IpAddress: { 'aws:SourceIp': ['192.0.2.0/24'] } } }],
      };
      await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'existing',
          AccessPolicies: JSON.stringify(byIp),
        }),
      );
      const { DomainConfig } = await client.send(
        new DescribeElasticsearchDomainConfigCommand({ DomainName: 'existing' }),
      );
      assert.equal(DomainConfig?.AccessPolicies?.Options, JSON.stringify(byIp));
    });

    it('accepts the limits themselves: SAML metadata after a prolog, 1440 and 1 minutes, a pause of exactly 3 days', async () => {
      const metadata = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<!-- exported by the IdP -->\n<md:EntityDescriptor entityID="https://idp.example.com"/>',
        '\uFEFF<!DOCTYPE md:EntitiesDescriptor [ <!ENTITY idp "https://idp.example.com"> ]  >\n<md:EntitiesDescriptor><md:EntityDescriptor/></md:EntitiesDescriptor>',
        '<!DOCTYPE md:EntityDescriptor   >\n<md:EntityDescriptor entityID="https://idp.example.com"/>',
      ];
      // The session timeout's two limits, one on each of the first two domains.
      const sessionTimeouts = [1440, 1, 60];
      for (const [index, MetadataContent] of metadata.entries()) {
        const name = `saml-limits-${index}`;
        const SessionTimeoutMinutes = sessionTimeouts[index]!;
        await createTestDomain(client, name, {
          ...fineGrainedPrerequisites,
          AdvancedSecurityOptions: {
            Enabled: true,
            InternalUserDatabaseEnabled: true,
            MasterUserOptions: { MasterUserName: 'admin', MasterUserPassword: 'Str0ng-Passw0rd!' },
          },
          AutomatedSnapshotPauseOptions: {
            Enabled: true,
            StartTime: new Date(2_000_000_000_000),
            EndTime: new Date(2_000_259_200_000),
          },
        });
        // SAML on the existing domain (AWS's SAML guide: not during its creation).
        const { DomainConfig } = await client.send(
          new UpdateElasticsearchDomainConfigCommand({
            DomainName: name,
            AdvancedSecurityOptions: {
              SAMLOptions: {
                Enabled: true,
                Idp: { EntityId: 'https://idp.example.com', MetadataContent },
                SessionTimeoutMinutes,
              },
            },
          }),
        );
        assert.equal(
          DomainConfig?.AdvancedSecurityOptions?.Options?.SAMLOptions?.SessionTimeoutMinutes,
          SessionTimeoutMinutes,
        );
        await client.send(new DeleteElasticsearchDomainCommand({ DomainName: name }));
      }
    });

    it('refuses metadata of a DOCTYPE that never closes, as long as the model allows, as any metadata that is not SAML', async () => {
      // 1 MiB, the model's longest MetadataContent: read once, not once per place where its white space could end.
      const MetadataContent = `<!DOCTYPE${' '.repeat(1_048_576 - 9)}`;
      await createTestDomain(client, 'saml-open-doctype', {
        ...fineGrainedPrerequisites,
        AdvancedSecurityOptions: {
          Enabled: true,
          InternalUserDatabaseEnabled: true,
          MasterUserOptions: { MasterUserName: 'admin', MasterUserPassword: 'Str0ng-Passw0rd!' },
        },
      });
      await expectServiceError(
        () =>
          client.send(
            new UpdateElasticsearchDomainConfigCommand({
              DomainName: 'saml-open-doctype',
              AdvancedSecurityOptions: {
                SAMLOptions: { Enabled: true, Idp: { EntityId: 'https://idp.example.com', MetadataContent } },
              },
            }),
          ),
        {
          name: 'ValidationException',
          status: 400,
          message: 'Please provide valid identity provider metadata document to enable SAML.',
        },
      );
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'saml-open-doctype' }));
    });

    it('takes back a pause shorter than a second, sent back in whole seconds, as the pause the domain has', async () => {
      // The JS SDK sends milliseconds; boto3 and the AWS CLI send back whole seconds of what they described: here
      // one second for the start and the end.
      await createTestDomain(client, 'pause-sub-second', {
        AutomatedSnapshotPauseOptions: {
          Enabled: true,
          StartTime: new Date(2_000_000_000_200),
          EndTime: new Date(2_000_000_000_700),
        },
      });
      const { DomainConfig } = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'pause-sub-second',
          AutomatedSnapshotPauseOptions: {
            Enabled: true,
            StartTime: new Date(2_000_000_000_000),
            EndTime: new Date(2_000_000_000_000),
          },
        }),
      );
      assert.equal(DomainConfig?.AutomatedSnapshotPauseOptions?.Options?.Enabled, true);
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'pause-sub-second' }));
    });

    it('enables SAML with the session timeout the model gives as its default, 60 minutes', async () => {
      await createTestDomain(client, 'saml-default', {
        ...fineGrainedPrerequisites,
        AdvancedSecurityOptions: {
          Enabled: true,
          InternalUserDatabaseEnabled: true,
          MasterUserOptions: { MasterUserName: 'admin', MasterUserPassword: 'Str0ng-Passw0rd!' },
        },
      });
      const { DomainConfig } = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'saml-default',
          AdvancedSecurityOptions: {
            SAMLOptions: {
              Enabled: true,
              Idp: { EntityId: 'https://idp.example.com', MetadataContent: '<md:EntityDescriptor/>' },
            },
          },
        }),
      );
      assert.equal(DomainConfig?.AdvancedSecurityOptions?.Options?.SAMLOptions?.SessionTimeoutMinutes, 60);
      const { DomainStatus } = await client.send(
        new DescribeElasticsearchDomainCommand({ DomainName: 'saml-default' }),
      );
      assert.equal(DomainStatus?.AdvancedSecurityOptions?.SAMLOptions?.SessionTimeoutMinutes, 60);
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'saml-default' }));
    });

    it('creates and updates dedicated masters given a count and no type, as AWS creates them; no type is invented', async () => {
      // AWS Controllers for Kubernetes' canary tests, run against AWS, send this cluster config (7.9, 3 masters).
      const cluster = {
        InstanceType: 'r5.large.elasticsearch' as const,
        InstanceCount: 2,
        DedicatedMasterEnabled: true,
        DedicatedMasterCount: 3,
        ZoneAwarenessEnabled: true,
      };
      const { DomainStatus } = await createTestDomain(client, 'masters-untyped', {
        ElasticsearchVersion: '7.9',
        ElasticsearchClusterConfig: cluster,
      });
      assert.equal(DomainStatus?.ElasticsearchClusterConfig?.DedicatedMasterEnabled, true);
      assert.equal(DomainStatus?.ElasticsearchClusterConfig?.DedicatedMasterCount, 3);
      assert.equal(DomainStatus?.ElasticsearchClusterConfig?.DedicatedMasterType, undefined);
      const { DomainConfig } = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'masters-untyped',
          ElasticsearchClusterConfig: { DedicatedMasterCount: 5 },
        }),
      );
      assert.equal(DomainConfig?.ElasticsearchClusterConfig?.Options?.DedicatedMasterCount, 5);
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'masters-untyped' }));
    });

    it('refuses below 7.9 an update that sends back the cluster config as described, cold storage (off) included', async () => {
      await createTestDomain(client, 'before-cold', { ElasticsearchVersion: '7.8' });
      const { DomainStatus } = await client.send(
        new DescribeElasticsearchDomainCommand({ DomainName: 'before-cold' }),
      );
      const described = DomainStatus!.ElasticsearchClusterConfig!;
      await expectServiceError(
        () =>
          client.send(
            new UpdateElasticsearchDomainConfigCommand({
              DomainName: 'before-cold',
              ElasticsearchClusterConfig: { ...described, InstanceCount: 2 },
            }),
          ),
        {
          name: 'ValidationException',
          status: 400,
          message:
            "Your domain's Elasticsearch version does not support cold storage options. Upgrade to Elasticsearch 7.9 or later.",
        },
      );
      const { ColdStorageOptions: _cold, ...withoutCold } = described;
      const { DomainConfig } = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'before-cold',
          ElasticsearchClusterConfig: { ...withoutCold, InstanceCount: 2 },
        }),
      );
      assert.equal(DomainConfig?.ElasticsearchClusterConfig?.Options?.InstanceCount, 2);
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'before-cold' }));
    });

    it('accepts in an update the empty log group ARN of a log type switched off, which a create refuses', async () => {
      // terraform-provider-aws#25506: AWS refused it in a re-creation, not in an in-place update.
      const { DomainConfig } = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'existing',
          LogPublishingOptions: { SEARCH_SLOW_LOGS: { Enabled: false, CloudWatchLogsLogGroupArn: '' } },
        }),
      );
      assert.equal(DomainConfig?.LogPublishingOptions?.Options?.SEARCH_SLOW_LOGS?.Enabled, false);
    });

    it('refuses more than 50 tags on create', async () => {
      const tags = Array.from({ length: 51 }, (_, index) => ({ Key: `k${index}`, Value: 'v' }));
      const error = await errorOf(() => create({ TagList: tags }));
      assert.equal(error.name, 'LimitExceededException');
      assert.equal(statusOf(error), 409);
    });

    const updateCases: {
      title: string;
      domain: string;
      input: Record<string, unknown>;
      name: string;
      status: number;
      message: string;
    }[] = [
      {
        title: 'a log type the model does not have',
        domain: 'existing',
        input: { LogPublishingOptions: { NOT_A_LOG_TYPE: { Enabled: false } } },
        name: 'ValidationException',
        status: 400,
        message:
          "1 validation error detected: Value at 'logPublishingOptions' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy enum value set: [INDEX_SLOW_LOGS, SEARCH_SLOW_LOGS, ES_APPLICATION_LOGS, AUDIT_LOGS]]",
      },
      {
        title: 'disabling encryption at rest',
        domain: 'locked',
        input: { EncryptionAtRestOptions: { Enabled: false } },
        name: 'ValidationException',
        status: 400,
        message: 'Encryption at rest cannot be disabled once it is enabled.',
      },
      {
        title: 'another KMS key for a domain encrypted at rest',
        domain: 'locked',
        input: {
          EncryptionAtRestOptions: { Enabled: true, KmsKeyId: '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0' },
        },
        name: 'ValidationException',
        status: 400,
        message:
          'The KMS key of a domain encrypted at rest cannot be changed once encryption at rest is enabled.',
      },
      {
        title: 'disabling node-to-node encryption',
        domain: 'locked',
        input: { NodeToNodeEncryptionOptions: { Enabled: false } },
        name: 'ValidationException',
        status: 400,
        message: 'Node-to-node encryption cannot be disabled once it is enabled.',
      },
      {
        title: 'moving a public domain into a VPC',
        domain: 'existing',
        input: { VPCOptions: { SubnetIds: ['subnet-1'] } },
        name: 'ValidationException',
        status: 400,
        message: 'Domain should be created with VPC options to update VPC options later',
      },
      {
        title: 'a master type without DedicatedMasterEnabled',
        domain: 'existing',
        input: { ElasticsearchClusterConfig: { DedicatedMasterType: 'm5.large.elasticsearch' } },
        name: 'ValidationException',
        status: 400,
        message:
          'DedicatedMasterEnabled must be set to True to specify the DedicatedMasterCount and DedicatedMasterType options.',
      },
      {
        title: 'a change to an M3 type on a 6.7+ domain',
        domain: 'existing',
        input: { ElasticsearchClusterConfig: { InstanceType: 'm3.medium.elasticsearch' } },
        name: 'InvalidTypeException',
        status: 409,
        message: 'Invalid instance type: m3.medium.elasticsearch',
      },
      {
        // The same rule for dedicated masters: the domain uses no M3 type.
        title: 'M3 dedicated masters on a 6.7+ domain',
        domain: 'existing',
        input: {
          ElasticsearchClusterConfig: {
            DedicatedMasterEnabled: true,
            DedicatedMasterType: 'm3.medium.elasticsearch',
            DedicatedMasterCount: 3,
          },
        },
        name: 'InvalidTypeException',
        status: 409,
        message: 'Invalid instance type: m3.medium.elasticsearch',
      },
      {
        title: 'override_main_response_version, which only a create may set',
        domain: 'existing',
        input: { AdvancedOptions: { override_main_response_version: 'true' } },
        name: 'ValidationException',
        status: 400,
        message: "Unrecognized advanced option 'override_main_response_version' passed in advancedOptions.",
      },
      {
        title: 'IOPS on gp3 out of range',
        domain: 'existing',
        input: { EBSOptions: { VolumeType: 'gp3', VolumeSize: 100, Iops: 100 } },
        name: 'LimitExceededException',
        status: 409,
        message: 'IOPS must be between 3000 and 16000',
      },
      {
        title: 'encryption at rest on a domain with UltraWarm',
        domain: 'warm',
        input: { EncryptionAtRestOptions: { Enabled: true } },
        name: 'ValidationException',
        status: 400,
        message:
          'Encryption at rest cannot be enabled on an existing domain with UltraWarm or cold storage enabled.',
      },
      // SAML is configured on an existing domain: the same checks as AWS makes them there.
      {
        title: 'SAML without fine-grained access control',
        domain: 'existing',
        input: {
          AdvancedSecurityOptions: {
            SAMLOptions: {
              Enabled: true,
              Idp: { EntityId: 'https://idp.example.com', MetadataContent: '<EntityDescriptor/>' },
            },
          },
        },
        name: 'ValidationException',
        status: 400,
        message: 'Advanced security option must be enabled to configure SAML.',
      },
      {
        title: "SAML without the metadata of an identity provider (AWS's text from its SAML guide)",
        domain: 'secured',
        input: { AdvancedSecurityOptions: { SAMLOptions: { Enabled: true } } },
        name: 'ValidationException',
        status: 400,
        message: 'Please provide valid identity provider metadata document to enable SAML.',
      },
      {
        title: 'SAML with metadata that is no SAML 2.0 document',
        domain: 'secured',
        input: {
          AdvancedSecurityOptions: {
            SAMLOptions: {
              Enabled: true,
              Idp: { EntityId: 'https://idp.example.com', MetadataContent: 'not xml at all' },
            },
          },
        },
        name: 'ValidationException',
        status: 400,
        message: 'Please provide valid identity provider metadata document to enable SAML.',
      },
      {
        title: 'a SAML session timeout outside the 1 to 1440 minutes the model documents',
        domain: 'secured',
        input: {
          AdvancedSecurityOptions: {
            SAMLOptions: {
              Enabled: true,
              Idp: { EntityId: 'https://idp.example.com', MetadataContent: '<md:EntityDescriptor/>' },
              SessionTimeoutMinutes: 1441,
            },
          },
        },
        name: 'ValidationException',
        status: 400,
        message: 'SessionTimeoutMinutes must be between 1 and 1440.',
      },
      {
        title: 'SAML and Amazon Cognito together (AWS: one Dashboards authentication method at a time)',
        domain: 'secured',
        input: {
          AdvancedSecurityOptions: {
            SAMLOptions: {
              Enabled: true,
              Idp: { EntityId: 'https://idp.example.com', MetadataContent: '<EntityDescriptor/>' },
            },
          },
          CognitoOptions: {
            Enabled: true,
            UserPoolId: 'us-east-1_abcdefghi',
            IdentityPoolId: 'us-east-1:11111111-2222-3333-4444-555555555555',
            RoleArn: 'arn:aws:iam::000000000000:role/CognitoAccessForAmazonES',
          },
        },
        name: 'ValidationException',
        status: 400,
        message:
          'A domain supports one Dashboards authentication method at a time: disable Amazon Cognito authentication to enable SAML, or SAML to enable Amazon Cognito authentication.',
      },
      {
        // Its migration period belongs to fine-grained access control coming to an existing domain.
        title: 'anonymous auth on a domain that had fine-grained access control from its creation',
        domain: 'secured',
        input: { AdvancedSecurityOptions: { AnonymousAuthEnabled: true } },
        name: 'ValidationException',
        status: 400,
        message:
          'Anonymous auth can be enabled only when fine-grained access control is enabled on an existing domain.',
      },
      {
        title: 'an open access policy on a public domain without fine-grained access control (reference P3)',
        domain: 'existing',
        input: {
          AccessPolicies:
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"es:*","Resource":"*"}]}',
        },
        name: 'ValidationException',
        status: 400,
        message: 'Apply a restrictive access policy to your domain',
      },
      {
        title: 'a change of engine mode, which the model fixes at creation',
        domain: 'existing',
        input: { EngineMode: 'OPTIMIZED' },
        name: 'ValidationException',
        status: 400,
        message: "The engine mode can't be changed after the domain is created.",
      },
      {
        title: 'anonymous auth without fine-grained access control',
        domain: 'existing',
        input: { AdvancedSecurityOptions: { AnonymousAuthEnabled: true } },
        name: 'ValidationException',
        status: 400,
        message:
          'Anonymous auth can be enabled only when fine-grained access control is enabled on an existing domain.',
      },
    ];

    for (const testCase of updateCases) {
      it(`refuses to update with ${testCase.title}, changing nothing`, async () => {
        const before = await client.send(
          new DescribeElasticsearchDomainConfigCommand({ DomainName: testCase.domain }),
        );
        await expectServiceError(
          () =>
            client.send(
              new UpdateElasticsearchDomainConfigCommand({ DomainName: testCase.domain, ...testCase.input }),
            ),
          testCase,
        );
        const after = await client.send(
          new DescribeElasticsearchDomainConfigCommand({ DomainName: testCase.domain }),
        );
        assert.deepEqual(after.DomainConfig, before.DomainConfig);
      });
    }

    it('checks a stored policy and cluster again only when an update sets them', async () => {
      // A domain stored before the principal, open-policy and master checks existed (written straight into the store).
      await createTestDomain(client, 'stored-earlier', {
        ElasticsearchClusterConfig: {
          InstanceType: 'm5.large.elasticsearch',
          InstanceCount: 10,
          DedicatedMasterEnabled: true,
          DedicatedMasterType: 't2.small.elasticsearch',
          DedicatedMasterCount: 3,
        },
      });
      const row = emulator.store.db
        .prepare('SELECT doc FROM domains WHERE name = ?')
        .get('stored-earlier') as {
        doc: string;
      };
      const stored = JSON.parse(row.doc) as {
        options: {
          AccessPolicies: string;
          ElasticsearchClusterConfig: { InstanceCount: number };
          DomainEndpointOptions: Record<string, unknown>;
          AutomatedSnapshotPauseOptions?: object;
          CognitoOptions: object;
          AdvancedSecurityOptions: Record<string, unknown>;
        };
      };
      stored.options.AccessPolicies =
        '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"alice"},"Action":"es:*"},{"Effect":"Allow","Principal":"*","Action":"es:*"}]}';
      stored.options.ElasticsearchClusterConfig.InstanceCount = 12;
      // A certificate of another account and a five-day snapshot pause, refused for a call that sets them.
      Object.assign(stored.options.DomainEndpointOptions, {
        CustomEndpointEnabled: true,
        CustomEndpoint: 'search.example.com',
        CustomEndpointCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc',
      });
      stored.options.AutomatedSnapshotPauseOptions = {
        Enabled: true,
        StartTime: 2_000_000_000,
        EndTime: 2_000_432_000,
      };
      // Both Dashboards sign-in methods, which AWS's SAML guide allows one at a time, refused for a call that brings
      // them together.
      stored.options.CognitoOptions = {
        Enabled: true,
        UserPoolId: 'us-east-1_ABCdef123',
        IdentityPoolId: 'us-east-1:11111111-2222-3333-4444-555555555555',
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/CognitoAccessForAmazonES`,
      };
      stored.options.AdvancedSecurityOptions.SAMLOptions = {
        Enabled: true,
        Idp: { EntityId: 'https://idp.example.com', MetadataContent: '<md:EntityDescriptor/>' },
        SessionTimeoutMinutes: 60,
      };
      emulator.store.db
        .prepare('UPDATE domains SET doc = ? WHERE name = ?')
        .run(JSON.stringify(stored), 'stored-earlier');

      const { DomainConfig: config } = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'stored-earlier',
          SnapshotOptions: { AutomatedSnapshotStartHour: 3 },
        }),
      );
      assert.equal(config?.SnapshotOptions?.Options?.AutomatedSnapshotStartHour, 3);
      const error = await errorOf(() =>
        client.send(
          new UpdateElasticsearchDomainConfigCommand({
            DomainName: 'stored-earlier',
            ElasticsearchClusterConfig: { InstanceCount: 14 },
          }),
        ),
      );
      assert.equal(
        error.message,
        'Dedicated master instance type t2.small.elasticsearch supports at most 10 data nodes.',
      );
    });

    it('checks the model before the handler: a name of 2 characters', async () => {
      await expectServiceError(() => create({ DomainName: 'ab' }), {
        name: 'ValidationException',
        status: 400,
        message:
          "1 validation error detected: Value 'ab' at 'domainName' failed to satisfy constraint: Member must have length greater than or equal to 3",
      });
    });
  });

  describe('persistence', () => {
    let directory: string;

    before(() => {
      directory = fs.mkdtempSync(path.join(os.tmpdir(), 'es-local-domains-'));
    });
    after(() => fs.rmSync(directory, { recursive: true, force: true }));

    it('a deletion under way survives a restart and completes on time', async () => {
      const statePath = path.join(directory, 'deleting.sqlite');
      const clock = new ManualClock(START());
      const first = await startTestEmulator({ statePath, clock, domainProcessingMs: 10_000 });
      await createTestDomain(first.client(), 'going');
      clock.advance(10_001);
      await first.client().send(new DeleteElasticsearchDomainCommand({ DomainName: 'going' }));
      await first.stop();

      const second = await startTestEmulator({ statePath, clock, domainProcessingMs: 10_000 });
      try {
        const client = second.client();
        const { DomainStatus: status } = await client.send(
          new DescribeElasticsearchDomainCommand({ DomainName: 'going' }),
        );
        assert.equal(status?.DomainProcessingStatus, 'Deleting');
        clock.advance(10_000);
        const { DomainNames } = await client.send(new ListDomainNamesCommand({}));
        assert.deepEqual(DomainNames, []);
      } finally {
        await second.stop();
      }
    });

    it('keeps domains, their configuration and tags across a restart on the same file', async () => {
      const statePath = path.join(directory, 'state.sqlite');
      const first = await startTestEmulator({ statePath });
      const created = await first
        .client()
        .send(
          new CreateElasticsearchDomainCommand(
            testDomainInput('kept', { TagList: [{ Key: 'k', Value: 'v' }] }),
          ),
        );
      await first.stop();

      const second = await startTestEmulator({ statePath });
      try {
        const client = second.client();
        const { DomainStatus: status } = await client.send(
          new DescribeElasticsearchDomainCommand({ DomainName: 'kept' }),
        );
        assert.equal(status?.ARN, created.DomainStatus?.ARN);
        assert.equal(
          status?.ChangeProgressDetails?.ChangeId,
          created.DomainStatus?.ChangeProgressDetails?.ChangeId,
        );
        assert.deepEqual(status?.EBSOptions, created.DomainStatus?.EBSOptions);
        assert.equal(status?.DomainProcessingStatus, 'Active');
        const tags = await client.send(new ListTagsCommand({ ARN: arnOf('kept') }));
        assert.deepEqual(tags.TagList, [{ Key: 'k', Value: 'v' }]);
      } finally {
        await second.stop();
      }
    });
  });
});

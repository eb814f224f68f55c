import assert from 'node:assert/strict';
import {
  CancelDomainConfigChangeCommand,
  DeleteElasticsearchDomainCommand,
  DescribeDomainAutoTunesCommand,
  DescribeDomainChangeProgressCommand,
  DescribeElasticsearchDomainCommand,
  DescribeElasticsearchDomainConfigCommand,
  UpdateElasticsearchDomainConfigCommand,
  UpgradeElasticsearchDomainCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type {
  ElasticsearchServiceClient,
  UpdateElasticsearchDomainConfigCommandInput,
} from '@aws-sdk/client-elasticsearch-service';
import request from 'supertest';
import { ManualClock } from '../server/runtime';
import type { TestEmulator } from './support/emulator';
import { errorOf, startClockedEmulator } from './support/emulator';
import { expectServiceError } from './support/errors';
import { createTestDomain, fineGrainedDomain } from './support/domains';

const processingMs = 80_000;

describe('configuration changes', () => {
  let emulator: TestEmulator;
  let client: ElasticsearchServiceClient;
  const clock = new ManualClock();

  before(async () => {
    emulator = await startClockedEmulator(clock, processingMs);
    client = emulator.client();
  });
  after(() => emulator.stop());

  /** Creates a domain with 2 data nodes and lets its creation finish; answers the creation's ChangeId. */
  async function createDomain(DomainName: string): Promise<string> {
    const { DomainStatus } = await createTestDomain(client, DomainName, {
      ElasticsearchClusterConfig: { InstanceType: 'm5.large.elasticsearch', InstanceCount: 2 },
    });
    clock.advance(processingMs);
    return DomainStatus?.ChangeProgressDetails?.ChangeId ?? '';
  }

  async function scaleTo(DomainName: string, InstanceCount: number): Promise<string> {
    await client.send(
      new UpdateElasticsearchDomainConfigCommand({
        DomainName,
        ElasticsearchClusterConfig: { InstanceCount },
      }),
    );
    const { DomainStatus } = await client.send(new DescribeElasticsearchDomainCommand({ DomainName }));
    return DomainStatus?.ChangeProgressDetails?.ChangeId ?? '';
  }

  async function progress(DomainName: string, ChangeId?: string) {
    const { ChangeProgressStatus } = await client.send(
      new DescribeDomainChangeProgressCommand({ DomainName, ChangeId }),
    );
    assert.ok(ChangeProgressStatus);
    return ChangeProgressStatus;
  }

  describe('DescribeDomainChangeProgress', () => {
    it('follows the latest change through its blue/green stages with the clock', async () => {
      await createDomain('progress');
      const started = clock.now();
      const changeId = await scaleTo('progress', 3);

      let status = await progress('progress');
      assert.equal(status.ChangeId, changeId);
      assert.equal(status.StartTime?.getTime(), started);
      assert.equal(status.Status, 'PROCESSING');
      assert.equal(status.ConfigChangeStatus, 'ApplyingChanges');
      assert.equal(status.InitiatedBy, 'CUSTOMER');
      assert.equal(status.LastUpdatedTime?.getTime(), started);
      assert.deepEqual(status.PendingProperties, ['ElasticsearchClusterConfig']);
      assert.deepEqual(status.CompletedProperties, []);
      assert.equal(status.TotalNumberOfStages, 8);
      assert.deepEqual(
        status.ChangeProgressStages?.map((stage) => [stage.Name, stage.Status]),
        [
          ['Validation', 'IN_PROGRESS'],
          ['Creating a new environment', 'PENDING'],
          ['Provisioning new nodes', 'PENDING'],
          ['Traffic routing on new nodes', 'PENDING'],
          ['Traffic routing on old nodes', 'PENDING'],
          ['Copying shards to new nodes', 'PENDING'],
          ['Terminating nodes', 'PENDING'],
          ['Deleting older resources', 'PENDING'],
        ],
      );
      assert.equal(
        status.ChangeProgressStages?.[0]?.Description,
        'Validating that the domain is eligible for an update, and surfacing validation issues if necessary.',
      );

      clock.advance(processingMs / 2);
      status = await progress('progress', changeId);
      assert.deepEqual(
        status.ChangeProgressStages?.map((stage) => stage.Status),
        ['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'IN_PROGRESS', 'PENDING', 'PENDING', 'PENDING'],
      );
      assert.equal(status.ChangeProgressStages?.[0]?.LastUpdated?.getTime(), started + processingMs / 8);
      // A stage in progress was last updated when it began.
      assert.equal(
        status.ChangeProgressStages?.[4]?.LastUpdated?.getTime(),
        started + (processingMs * 4) / 8,
      );
      // The model: "The last time that the status of the configuration change was updated": when the stage now
      // in progress began (the fifth of eight), not when the change started.
      assert.equal(status.LastUpdatedTime?.getTime(), started + (processingMs * 4) / 8);

      clock.advance(processingMs / 2);
      status = await progress('progress', changeId);
      assert.equal(status.Status, 'COMPLETED');
      assert.equal(status.ConfigChangeStatus, 'Completed');
      assert.equal(status.LastUpdatedTime?.getTime(), started + processingMs);
      assert.deepEqual(status.PendingProperties, []);
      assert.deepEqual(status.CompletedProperties, ['ElasticsearchClusterConfig']);
      assert.ok(status.ChangeProgressStages?.every((stage) => stage.Status === 'COMPLETED'));
    });

    it("says of a running change what the domain's own ChangeProgressDetails say, and the update answered Pending", async () => {
      await createDomain('progress-agrees');
      const started = clock.now();
      const { DomainConfig: answer } = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'progress-agrees',
          ElasticsearchClusterConfig: { InstanceCount: 4 },
        }),
      );
      // Recorded 2025-09: the answer to an update is Pending, updated when the change started.
      assert.equal(answer?.ChangeProgressDetails?.ConfigChangeStatus, 'Pending');
      assert.equal(answer?.ChangeProgressDetails?.LastUpdatedTime?.getTime(), started);

      const whatEachSays = async () => {
        const { DomainStatus } = await client.send(
          new DescribeElasticsearchDomainCommand({ DomainName: 'progress-agrees' }),
        );
        const { DomainConfig } = await client.send(
          new DescribeElasticsearchDomainConfigCommand({ DomainName: 'progress-agrees' }),
        );
        const status = await progress('progress-agrees');
        const summary = (details: typeof status | undefined) => ({
          ChangeId: details?.ChangeId,
          ConfigChangeStatus: details?.ConfigChangeStatus,
          LastUpdatedTime: details?.LastUpdatedTime?.getTime(),
        });
        return [
          summary(DomainStatus?.ChangeProgressDetails),
          summary(DomainConfig?.ChangeProgressDetails),
          summary(status),
        ];
      };
      clock.advance((processingMs * 5) / 16);
      const expected = {
        ChangeId: answer?.ChangeProgressDetails?.ChangeId,
        ConfigChangeStatus: 'ApplyingChanges',
        // The third of eight stages began at 2/8 of the processing time.
        LastUpdatedTime: started + (processingMs * 2) / 8,
      };
      assert.deepEqual(await whatEachSays(), [expected, expected, expected]);

      // Described long after it completed, the change was last updated when it completed, not when it was read.
      clock.advance(processingMs * 3);
      const completed = {
        ChangeId: answer?.ChangeProgressDetails?.ChangeId,
        ConfigChangeStatus: 'Completed',
        LastUpdatedTime: started + processingMs,
      };
      assert.deepEqual(await whatEachSays(), [completed, completed, completed]);
    });

    it('says of a creation what the domain says: Pending in its first half, ApplyingChanges in its last', async () => {
      await createTestDomain(client, 'creation-agrees');
      const statuses = async () => {
        const { DomainStatus } = await client.send(
          new DescribeElasticsearchDomainCommand({ DomainName: 'creation-agrees' }),
        );
        const status = await progress('creation-agrees');
        return [DomainStatus?.ChangeProgressDetails?.ConfigChangeStatus, status.ConfigChangeStatus];
      };
      clock.advance(processingMs / 4);
      assert.deepEqual(await statuses(), ['Pending', 'Pending']);
      clock.advance(processingMs / 2);
      assert.deepEqual(await statuses(), ['ApplyingChanges', 'ApplyingChanges']);
      clock.advance(processingMs / 4);
      assert.deepEqual(await statuses(), ['Completed', 'Completed']);
    });

    it('finds an earlier change by its ChangeId once a newer one replaced it', async () => {
      const creation = await createDomain('earlier');
      const update = await scaleTo('earlier', 4);
      assert.notEqual(update, creation);
      const status = await progress('earlier', creation);
      assert.equal(status.ChangeId, creation);
      assert.equal(status.Status, 'COMPLETED');
      assert.equal((await progress('earlier')).ChangeId, update);
      clock.advance(processingMs);
    });

    it('remembers the 20 changes before the latest one and forgets older ones', async () => {
      const creation = await createDomain('long-history');
      const updates: string[] = [];
      for (let update = 1; update <= 21; update += 1) {
        updates.push(await scaleTo('long-history', update % 2 === 1 ? 3 : 2));
        clock.advance(processingMs);
      }
      // The latest change and the 20 before it: updates 1 to 20; the creation, 22nd from the end, is forgotten.
      assert.equal((await progress('long-history')).ChangeId, updates[20]);
      assert.equal((await progress('long-history', updates[0])).ChangeId, updates[0]);
      await expectServiceError(() => progress('long-history', creation), {
        name: 'ResourceNotFoundException',
        status: 409,
        message: `Change ID ${creation} not found for domain long-history.`,
      });
    });

    it('keeps no policy text of earlier changes, and answers their progress as while each was the latest', async () => {
      await createDomain('policy-history');
      // An access policy of about 12 KB: many addresses in its condition.
      const policyOf = (version: number) =>
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'es:ESHttpGet',
              Resource: `arn:aws:es:${emulator.region}:000000000000:domain/policy-history/v${version}/*`,
              Condition: {
                IpAddress: {
                  'aws:SourceIp': Array.from({ length: 800 }, (_, i) => `10.${version}.${i >> 8}.${i & 255}`),
                },
              },
            },
          ],
        });
      const answered: Record<string, unknown> = {};
      let latest = '';
      for (let version = 1; version <= 6; version += 1) {
        await client.send(
          new UpdateElasticsearchDomainConfigCommand({
            DomainName: 'policy-history',
            AccessPolicies: policyOf(version),
          }),
        );
        clock.advance(processingMs);
        latest = (await progress('policy-history')).ChangeId ?? '';
        answered[latest] = await progress('policy-history', latest);
      }
      for (const [changeId, whileLatest] of Object.entries(answered)) {
        assert.deepEqual(await progress('policy-history', changeId), whileLatest);
      }
      const stored = emulator.store.db
        .prepare('SELECT doc FROM domains WHERE name = ?')
        .pluck()
        .get('policy-history') as string;
      const { pastChanges } = JSON.parse(stored) as { pastChanges: { modifyingProperties: unknown[] }[] };
      assert.ok(pastChanges.length >= 6);
      assert.ok(pastChanges.every((change) => change.modifyingProperties.length === 0));
      // The policy in force and the latest change's two (ModifyingProperties while it was pending), no more.
      assert.ok(stored.length < 4 * policyOf(6).length, `${stored.length} characters stored`);
      assert.ok(latest !== '');
    });

    it('shows a change that needs no blue/green deployment as a dynamic update', async () => {
      await createDomain('dynamic');
      await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'dynamic',
          SnapshotOptions: { AutomatedSnapshotStartHour: 3 },
        }),
      );
      const status = await progress('dynamic');
      assert.deepEqual(
        status.ChangeProgressStages?.map((stage) => stage.Name),
        ['Validation', 'Dynamic update'],
      );
      clock.advance(processingMs);
    });

    it('shows a deletion under way without stages: AWS documents stages for configuration changes only', async () => {
      await createDomain('leaving');
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'leaving' }));
      const status = await progress('leaving');
      assert.equal(status.TotalNumberOfStages, 0);
      assert.deepEqual(status.ChangeProgressStages, []);
      clock.advance(processingMs);
    });

    it('answers ResourceNotFoundException for an unknown ChangeId or domain', async () => {
      await createDomain('unknown-change');
      const unknown = '11111111-2222-4333-8444-555555555555';
      await expectServiceError(() => progress('unknown-change', unknown), {
        name: 'ResourceNotFoundException',
        status: 409,
        message: `Change ID ${unknown} not found for domain unknown-change.`,
      });

      const error = await errorOf(() => progress('nope'));
      assert.equal(error.name, 'ResourceNotFoundException');
      assert.equal(error.message, 'Domain not found: nope');
    });

    it('refuses a ChangeId that is not a GUID with the model validation message', async () => {
      await expectServiceError(() => progress('unknown-change', 'not-a-guid'), {
        name: 'ValidationException',
        status: 400,
        message: /at 'changeId' failed to satisfy constraint/,
      });
    });
  });

  describe("a dry run's deployment type and the real update's stages (AWS's configuration-change guide)", () => {
    const blueGreen = [
      'Validation',
      'Creating a new environment',
      'Provisioning new nodes',
      'Traffic routing on new nodes',
      'Traffic routing on old nodes',
      'Copying shards to new nodes',
      'Terminating nodes',
      'Deleting older resources',
    ];
    const withMasters = {
      ElasticsearchClusterConfig: {
        InstanceType: 'm5.large.elasticsearch' as const,
        InstanceCount: 2,
        DedicatedMasterEnabled: true,
        DedicatedMasterType: 'm5.large.elasticsearch' as const,
        DedicatedMasterCount: 3,
      },
    };
    const gp3 = { EBSOptions: { EBSEnabled: true, VolumeType: 'gp3' as const, VolumeSize: 100 } };
    const cases: {
      title: string;
      domain?: Parameters<typeof createTestDomain>[2];
      update: Omit<UpdateElasticsearchDomainConfigCommandInput, 'DomainName'>;
      type: 'Blue/Green' | 'DynamicUpdate';
      stages: string[];
    }[] = [
      {
        title: 'a new instance type',
        update: { ElasticsearchClusterConfig: { InstanceType: 'r5.large.elasticsearch' } },
        type: 'Blue/Green',
        stages: blueGreen,
      },
      {
        title: 'fewer data nodes without dedicated masters (nodes prepared for removal)',
        domain: { ElasticsearchClusterConfig: { InstanceType: 'm5.large.elasticsearch', InstanceCount: 3 } },
        update: { ElasticsearchClusterConfig: { InstanceCount: 2 } },
        type: 'Blue/Green',
        stages: [...blueGreen.slice(0, 5), 'Preparing nodes for removal', ...blueGreen.slice(5)],
      },
      {
        title: 'more data nodes with dedicated masters',
        domain: withMasters,
        update: { ElasticsearchClusterConfig: { InstanceCount: 4 } },
        type: 'DynamicUpdate',
        stages: ['Validation', 'Dynamic update'],
      },
      {
        title: 'another dedicated master type',
        domain: withMasters,
        update: { ElasticsearchClusterConfig: { DedicatedMasterType: 'r5.large.elasticsearch' } },
        type: 'DynamicUpdate',
        stages: ['Validation', 'Applying dedicated master related changes'],
      },
      {
        title: 'fewer data nodes with dedicated masters',
        domain: {
          ElasticsearchClusterConfig: { ...withMasters.ElasticsearchClusterConfig, InstanceCount: 3 },
        },
        update: { ElasticsearchClusterConfig: { InstanceCount: 2 } },
        type: 'DynamicUpdate',
        stages: ['Validation', 'Preparing nodes for removal', 'Dynamic update'],
      },
      {
        title: 'another dedicated master type and a larger gp3 volume together',
        domain: { ...withMasters, ...gp3 },
        update: {
          ElasticsearchClusterConfig: { DedicatedMasterType: 'r5.large.elasticsearch' },
          EBSOptions: { VolumeSize: 150 },
        },
        type: 'DynamicUpdate',
        stages: [
          'Validation',
          'Applying dedicated master related changes',
          'Applying volume related changes',
        ],
      },
      {
        title: 'another dedicated master type on a Multi-AZ domain with two dedicated masters',
        domain: {
          ElasticsearchClusterConfig: {
            ...withMasters.ElasticsearchClusterConfig,
            DedicatedMasterCount: 2,
            ZoneAwarenessEnabled: true,
            ZoneAwarenessConfig: { AvailabilityZoneCount: 2 },
          },
        },
        update: { ElasticsearchClusterConfig: { DedicatedMasterType: 'r5.large.elasticsearch' } },
        type: 'Blue/Green',
        stages: blueGreen,
      },
      {
        title: 'a larger gp3 volume with more IOPS',
        domain: gp3,
        update: { EBSOptions: { VolumeSize: 200, Iops: 4000 } },
        type: 'DynamicUpdate',
        stages: ['Validation', 'Applying volume related changes'],
      },
      {
        // The guide names only increases of gp3 IOPS and throughput in place; a decrease is blue/green (ours).
        title: 'fewer gp3 IOPS',
        domain: { EBSOptions: { ...gp3.EBSOptions, Iops: 4000 } },
        update: { EBSOptions: { Iops: 3500 } },
        type: 'Blue/Green',
        stages: blueGreen,
      },
      {
        title: 'less gp3 throughput',
        domain: { EBSOptions: { ...gp3.EBSOptions, Throughput: 250 } },
        update: { EBSOptions: { Throughput: 200 } },
        type: 'Blue/Green',
        stages: blueGreen,
      },
      {
        title: 'a smaller gp3 volume',
        domain: gp3,
        update: { EBSOptions: { VolumeSize: 50 } },
        type: 'Blue/Green',
        stages: blueGreen,
      },
      {
        title: 'a larger gp2 volume',
        update: { EBSOptions: { VolumeSize: 20 } },
        type: 'Blue/Green',
        stages: blueGreen,
      },
      {
        title: 'Require HTTPS',
        update: { DomainEndpointOptions: { EnforceHTTPS: true } },
        type: 'DynamicUpdate',
        stages: ['Validation', 'Dynamic update'],
      },
      {
        title: 'slow logs published',
        update: {
          LogPublishingOptions: {
            INDEX_SLOW_LOGS: {
              Enabled: true,
              CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:slow',
            },
          },
        },
        type: 'DynamicUpdate',
        stages: ['Validation', 'Dynamic update'],
      },
      {
        title: 'Auto-Tune disabled with its changes rolled back',
        // A rollback needs a maintenance window (the API reference of RollbackOnDisable).
        update: {
          AutoTuneOptions: {
            DesiredState: 'DISABLED',
            RollbackOnDisable: 'DEFAULT_ROLLBACK',
            MaintenanceSchedules: [
              {
                StartAt: new Date(Date.UTC(2030, 0, 7, 3)),
                Duration: { Value: 2, Unit: 'HOURS' },
                CronExpressionForRecurrence: 'cron(0 3 ? * MON *)',
              },
            ],
          },
        },
        type: 'Blue/Green',
        stages: blueGreen,
      },
      {
        title: 'Auto-Tune disabled with its changes kept',
        update: { AutoTuneOptions: { DesiredState: 'DISABLED', RollbackOnDisable: 'NO_ROLLBACK' } },
        type: 'DynamicUpdate',
        stages: ['Validation', 'Dynamic update'],
      },
      {
        title: 'an advanced setting changed',
        update: { AdvancedOptions: { 'indices.fielddata.cache.size': '40' } },
        type: 'Blue/Green',
        stages: blueGreen,
      },
      {
        title: 'node-to-node encryption enabled',
        update: { NodeToNodeEncryptionOptions: { Enabled: true } },
        type: 'Blue/Green',
        stages: blueGreen,
      },
      {
        title: 'audit logs enabled',
        domain: fineGrainedDomain,
        update: {
          LogPublishingOptions: {
            AUDIT_LOGS: {
              Enabled: true,
              CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:audit',
            },
          },
        },
        type: 'Blue/Green',
        stages: blueGreen,
      },
      {
        title: 'cold storage enabled',
        domain: {
          ElasticsearchClusterConfig: {
            ...withMasters.ElasticsearchClusterConfig,
            WarmEnabled: true,
            WarmType: 'ultrawarm1.medium.elasticsearch',
            WarmCount: 2,
          },
        },
        update: { ElasticsearchClusterConfig: { ColdStorageOptions: { Enabled: true } } },
        type: 'Blue/Green',
        stages: blueGreen,
      },
      {
        title: 'more dedicated masters',
        domain: withMasters,
        update: { ElasticsearchClusterConfig: { DedicatedMasterCount: 5 } },
        type: 'DynamicUpdate',
        stages: ['Validation', 'Applying dedicated master related changes'],
      },
      {
        // The guide's exception for two dedicated masters is for Multi-AZ domains only.
        title: 'another dedicated master type on a domain with two dedicated masters outside Multi-AZ',
        domain: {
          ElasticsearchClusterConfig: { ...withMasters.ElasticsearchClusterConfig, DedicatedMasterCount: 2 },
        },
        update: { ElasticsearchClusterConfig: { DedicatedMasterType: 'r5.large.elasticsearch' } },
        type: 'DynamicUpdate',
        stages: ['Validation', 'Applying dedicated master related changes'],
      },
      {
        title: 'more dedicated masters on a Multi-AZ domain with two dedicated masters',
        domain: {
          ElasticsearchClusterConfig: {
            ...withMasters.ElasticsearchClusterConfig,
            DedicatedMasterCount: 2,
            ZoneAwarenessEnabled: true,
            ZoneAwarenessConfig: { AvailabilityZoneCount: 2 },
          },
        },
        update: { ElasticsearchClusterConfig: { DedicatedMasterCount: 3 } },
        type: 'Blue/Green',
        stages: blueGreen,
      },
      {
        title: 'dedicated masters enabled',
        domain: { ElasticsearchClusterConfig: { InstanceType: 'm5.large.elasticsearch', InstanceCount: 2 } },
        update: {
          ElasticsearchClusterConfig: {
            DedicatedMasterEnabled: true,
            DedicatedMasterType: 'm5.large.elasticsearch',
            DedicatedMasterCount: 3,
          },
        },
        type: 'Blue/Green',
        stages: blueGreen,
      },
      {
        title: 'Multi-AZ enabled',
        domain: { ElasticsearchClusterConfig: { InstanceType: 'm5.large.elasticsearch', InstanceCount: 2 } },
        update: {
          ElasticsearchClusterConfig: {
            ZoneAwarenessEnabled: true,
            ZoneAwarenessConfig: { AvailabilityZoneCount: 2 },
          },
        },
        type: 'Blue/Green',
        stages: blueGreen,
      },
      {
        title: 'UltraWarm enabled',
        domain: withMasters,
        update: {
          ElasticsearchClusterConfig: {
            WarmEnabled: true,
            WarmType: 'ultrawarm1.medium.elasticsearch',
            WarmCount: 2,
          },
        },
        type: 'Blue/Green',
        stages: blueGreen,
      },
      {
        title: 'Cognito authentication enabled',
        update: {
          CognitoOptions: {
            Enabled: true,
            UserPoolId: 'us-east-1_abcd1234',
            IdentityPoolId: 'us-east-1:0a1b2c3d-0000-4000-8000-000000000000',
            RoleArn: 'arn:aws:iam::000000000000:role/CognitoAccessForAmazonES',
          },
        },
        type: 'Blue/Green',
        stages: blueGreen,
      },
      {
        title: 'encryption at rest enabled',
        update: { EncryptionAtRestOptions: { Enabled: true } },
        type: 'Blue/Green',
        stages: blueGreen,
      },
      {
        title: 'fine-grained access control enabled',
        domain: {
          DomainEndpointOptions: fineGrainedDomain.DomainEndpointOptions,
          NodeToNodeEncryptionOptions: fineGrainedDomain.NodeToNodeEncryptionOptions,
          EncryptionAtRestOptions: fineGrainedDomain.EncryptionAtRestOptions,
        },
        update: { AdvancedSecurityOptions: fineGrainedDomain.AdvancedSecurityOptions },
        type: 'Blue/Green',
        stages: blueGreen,
      },
      {
        // The guide names enabling audit logs blue/green, and disabling them among the changes that usually are not.
        title: 'audit logs disabled',
        domain: {
          ...fineGrainedDomain,
          LogPublishingOptions: {
            AUDIT_LOGS: {
              Enabled: true,
              CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:audit',
            },
          },
        },
        update: {
          LogPublishingOptions: {
            AUDIT_LOGS: {
              Enabled: false,
              CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:audit',
            },
          },
        },
        type: 'DynamicUpdate',
        stages: ['Validation', 'Dynamic update'],
      },
    ];

    cases.forEach((testCase, index) => {
      it(`${testCase.title}: ${testCase.type}, and the update goes through the predicted stages`, async () => {
        const DomainName = `deploy-${index}`;
        await createTestDomain(client, DomainName, testCase.domain ?? {});
        clock.advance(processingMs);
        const dryRun = await client.send(
          new UpdateElasticsearchDomainConfigCommand({ DomainName, ...testCase.update, DryRun: true }),
        );
        assert.equal(dryRun.DryRunResults?.DeploymentType, testCase.type);
        if (testCase.type === 'Blue/Green') {
          // The guide's example answer.
          assert.equal(dryRun.DryRunResults?.Message, 'This change will require a blue/green deployment.');
        }
        await client.send(new UpdateElasticsearchDomainConfigCommand({ DomainName, ...testCase.update }));
        const status = await progress(DomainName);
        assert.deepEqual(
          status.ChangeProgressStages?.map((stage) => stage.Name),
          testCase.stages,
        );
        assert.ok(status.ChangeProgressStages?.every((stage) => stage.Description));
        clock.advance(processingMs);
      });
    });
  });

  describe('CancelDomainConfigChange', () => {
    it('answers what a dry run would cancel without cancelling it', async () => {
      await createDomain('dry-run');
      const changeId = await scaleTo('dry-run', 3);
      const response = await client.send(
        new CancelDomainConfigChangeCommand({ DomainName: 'dry-run', DryRun: true }),
      );
      assert.equal(response.DryRun, true);
      assert.deepEqual(response.CancelledChangeIds, [changeId]);
      assert.deepEqual(response.CancelledChangeProperties, [
        { PropertyName: 'ElasticsearchClusterConfig.InstanceCount', CancelledValue: '3', ActiveValue: '2' },
      ]);
      const status = await progress('dry-run');
      assert.equal(status.ConfigChangeStatus, 'ApplyingChanges');
      clock.advance(processingMs);
    });

    it('cancels the pending change and puts the active values back', async () => {
      await createDomain('cancel-me');
      const changeId = await scaleTo('cancel-me', 5);
      clock.advance(processingMs / 4);
      const response = await client.send(new CancelDomainConfigChangeCommand({ DomainName: 'cancel-me' }));
      assert.equal(response.DryRun, false);
      assert.deepEqual(response.CancelledChangeIds, [changeId]);

      const { DomainStatus } = await client.send(
        new DescribeElasticsearchDomainCommand({ DomainName: 'cancel-me' }),
      );
      assert.equal(DomainStatus?.ElasticsearchClusterConfig?.InstanceCount, 2);
      assert.equal(DomainStatus?.Processing, false);
      assert.equal(DomainStatus?.DomainProcessingStatus, 'Active');
      // The domain and its configuration say of the change what its progress says.
      assert.equal(DomainStatus?.ChangeProgressDetails?.ChangeId, changeId);
      assert.equal(DomainStatus?.ChangeProgressDetails?.ConfigChangeStatus, 'Cancelled');
      const { DomainConfig } = await client.send(
        new DescribeElasticsearchDomainConfigCommand({ DomainName: 'cancel-me' }),
      );
      assert.equal(DomainConfig?.ChangeProgressDetails?.ConfigChangeStatus, 'Cancelled');

      const status = await progress('cancel-me', changeId);
      assert.equal(status.ConfigChangeStatus, 'Cancelled');
      assert.equal(status.Status, 'COMPLETED');
      // A cancelled change completed none of its properties, and none is pending any more.
      assert.deepEqual(status.PendingProperties, []);
      assert.deepEqual(status.CompletedProperties, []);
      assert.deepEqual(
        status.ChangeProgressStages?.map((stage) => stage.Status),
        [
          'COMPLETED',
          'COMPLETED',
          'CANCELLED',
          'CANCELLED',
          'CANCELLED',
          'CANCELLED',
          'CANCELLED',
          'CANCELLED',
        ],
      );

      // Nothing is pending any more.
      await expectServiceError(
        () => client.send(new CancelDomainConfigChangeCommand({ DomainName: 'cancel-me' })),
        {
          name: 'ValidationException',
          status: 400,
          message: 'There is no pending configuration change to cancel for domain cancel-me.',
        },
      );
    });

    it('a cancelled change that set options the domain had not set leaves them unset, and later updates go through', async () => {
      await createDomain('cancel-unset');
      const before = (
        await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'cancel-unset' }))
      ).DomainStatus!.ElasticsearchClusterConfig;
      await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'cancel-unset',
          ElasticsearchClusterConfig: {
            DedicatedMasterEnabled: true,
            DedicatedMasterType: 'm5.large.elasticsearch',
            DedicatedMasterCount: 3,
          },
        }),
      );
      await client.send(new CancelDomainConfigChangeCommand({ DomainName: 'cancel-unset' }));
      const after = (
        await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'cancel-unset' }))
      ).DomainStatus!.ElasticsearchClusterConfig;
      assert.deepEqual(after, before);
      assert.ok(!('DedicatedMasterType' in after!));
      // Before, the type came back as "", and every later update was refused.
      await scaleTo('cancel-unset', 3);
      clock.advance(processingMs);
      const scaled = (
        await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'cancel-unset' }))
      ).DomainStatus!.ElasticsearchClusterConfig;
      assert.equal(scaled?.InstanceCount, 3);
    });

    it('a change cancelled in the middle of a stage was last updated when it was cancelled', async () => {
      await createDomain('cancel-mid-stage');
      const changeId = await scaleTo('cancel-mid-stage', 5);
      // Halfway through the second of eight stages.
      clock.advance((processingMs * 3) / 16);
      const cancelledAt = clock.now();
      await client.send(new CancelDomainConfigChangeCommand({ DomainName: 'cancel-mid-stage' }));
      const status = await progress('cancel-mid-stage', changeId);
      assert.equal(status.LastUpdatedTime?.getTime(), cancelledAt);
      assert.deepEqual(
        status.ChangeProgressStages?.slice(0, 3).map((stage) => stage.Status),
        ['COMPLETED', 'CANCELLED', 'CANCELLED'],
      );
    });

    it('puts back the empty access policy of a domain that had none', async () => {
      await createDomain('policy-cancelled');
      const account = emulator.config.accountId;
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${account}:root` },
            Action: 'es:ESHttpGet',
            Resource: `arn:aws:es:${emulator.region}:${account}:domain/policy-cancelled/*`,
          },
        ],
      });
      await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'policy-cancelled',
          AccessPolicies: policy,
        }),
      );
      const response = await client.send(
        new CancelDomainConfigChangeCommand({ DomainName: 'policy-cancelled' }),
      );
      // The cancelled value is the pending one as the change listed it: its principal by its unique id, the
      // root's account id.
      assert.deepEqual(response.CancelledChangeProperties, [
        {
          PropertyName: 'AccessPolicies',
          CancelledValue: policy.replace(`arn:aws:iam::${account}:root`, account),
          ActiveValue: '',
        },
      ]);
      // AWS answers "" for a domain without a policy (recorded): the active value is put back, not left out.
      const { DomainStatus } = await client.send(
        new DescribeElasticsearchDomainCommand({ DomainName: 'policy-cancelled' }),
      );
      assert.equal(DomainStatus?.AccessPolicies, '');
      const { DomainConfig } = await client.send(
        new DescribeElasticsearchDomainConfigCommand({ DomainName: 'policy-cancelled' }),
      );
      assert.equal(DomainConfig?.AccessPolicies?.Options, '');
    });

    it('lists a removed ZoneAwarenessConfig as JSON, and a cancel puts the structure back', async () => {
      const zoneAware = {
        InstanceType: 'm5.large.elasticsearch' as const,
        InstanceCount: 6,
        ZoneAwarenessEnabled: true,
        ZoneAwarenessConfig: { AvailabilityZoneCount: 3 },
      };
      await createTestDomain(client, 'zones-cancelled', { ElasticsearchClusterConfig: zoneAware });
      clock.advance(processingMs);
      const { DomainConfig } = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'zones-cancelled',
          ElasticsearchClusterConfig: { ZoneAwarenessEnabled: false },
        }),
      );
      assert.equal(DomainConfig?.ElasticsearchClusterConfig?.Options?.ZoneAwarenessConfig, undefined);
      const { DomainStatus: pending } = await client.send(
        new DescribeElasticsearchDomainCommand({ DomainName: 'zones-cancelled' }),
      );
      assert.deepEqual(
        pending?.ModifyingProperties?.find(
          (property) => property.Name === 'ElasticsearchClusterConfig.ZoneAwarenessConfig',
        ),
        {
          Name: 'ElasticsearchClusterConfig.ZoneAwarenessConfig',
          ActiveValue: '{"AvailabilityZoneCount":3}',
          PendingValue: '',
          ValueType: 'STRINGIFIED_JSON',
        },
      );

      const cancelled = await client.send(
        new CancelDomainConfigChangeCommand({ DomainName: 'zones-cancelled' }),
      );
      assert.deepEqual(
        cancelled.CancelledChangeProperties?.find(
          (property) => property.PropertyName === 'ElasticsearchClusterConfig.ZoneAwarenessConfig',
        ),
        {
          PropertyName: 'ElasticsearchClusterConfig.ZoneAwarenessConfig',
          CancelledValue: '',
          ActiveValue: '{"AvailabilityZoneCount":3}',
        },
      );
      const { DomainStatus } = await client.send(
        new DescribeElasticsearchDomainCommand({ DomainName: 'zones-cancelled' }),
      );
      assert.deepEqual(DomainStatus?.ElasticsearchClusterConfig, {
        ...zoneAware,
        DedicatedMasterEnabled: false,
        WarmEnabled: false,
        ColdStorageOptions: { Enabled: false },
      });

      // A later change starts from the structure, not from a string spread into it.
      await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'zones-cancelled',
          ElasticsearchClusterConfig: { InstanceCount: 9 },
        }),
      );
      const { DomainStatus: scaled } = await client.send(
        new DescribeElasticsearchDomainCommand({ DomainName: 'zones-cancelled' }),
      );
      assert.deepEqual(scaled?.ElasticsearchClusterConfig?.ZoneAwarenessConfig, { AvailabilityZoneCount: 3 });
    });

    it('refuses to cancel an engine upgrade', async () => {
      await createDomain('upgrading');
      await client.send(
        new UpgradeElasticsearchDomainCommand({ DomainName: 'upgrading', TargetVersion: 'OpenSearch_1.3' }),
      );
      await expectServiceError(
        () => client.send(new CancelDomainConfigChangeCommand({ DomainName: 'upgrading' })),
        {
          name: 'DisabledOperationException',
          status: 409,
          message: 'The engine version upgrade of domain upgrading cannot be cancelled.',
        },
      );
      clock.advance(3 * processingMs);
    });

    it('answers ResourceNotFoundException for a domain that does not exist', async () => {
      await expectServiceError(
        () => client.send(new CancelDomainConfigChangeCommand({ DomainName: 'nope' })),
        { name: 'ResourceNotFoundException', status: 409, message: 'Domain not found: nope' },
      );
    });
  });

  describe('DescribeDomainAutoTunes', () => {
    it('answers an empty list through the SDK (paging in the query)', async () => {
      await createDomain('auto-tune');
      const response = await client.send(
        new DescribeDomainAutoTunesCommand({ DomainName: 'auto-tune', MaxResults: 10 }),
      );
      assert.deepEqual(response.AutoTunes, []);
      assert.equal(response.NextToken, undefined);

      await expectServiceError(
        () =>
          client.send(new DescribeDomainAutoTunesCommand({ DomainName: 'auto-tune', NextToken: 'forged' })),
        { name: 'ValidationException', status: 400, message: 'The pagination token is invalid.' },
      );
    });

    it('reads the paging of older clients from a JSON body on the GET', async () => {
      const path = '/2015-01-01/es/domain/auto-tune/autoTunes';
      const ok = await request(emulator.endpoint)
        .get(path)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ MaxResults: 10 }));
      assert.equal(ok.status, 200);
      assert.deepEqual(ok.body, { AutoTunes: [] });

      // The token in the body is read (and refused), which proves the body is not ignored.
      const forged = await request(emulator.endpoint)
        .get(path)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ MaxResults: 10, NextToken: 'forged' }));
      assert.equal(forged.status, 400);
      assert.equal(forged.headers['x-amzn-errortype'], 'ValidationException');
      assert.equal(forged.body.message, 'The pagination token is invalid.');

      const tooMany = await request(emulator.endpoint)
        .get(path)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ MaxResults: 1000 }));
      assert.equal(tooMany.status, 400);
      assert.equal(tooMany.headers['x-amzn-errortype'], 'ValidationException');
    });

    it('reads no other query member from a body: ListDomainNames filters by its query alone', async () => {
      const listed = await request(emulator.endpoint)
        .get('/2015-01-01/domain')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ EngineType: 'OpenSearch' }));
      assert.equal(listed.status, 200);
      const names = (listed.body as { DomainNames: { DomainName: string }[] }).DomainNames;
      assert.ok(
        names.some((domain) => domain.DomainName === 'auto-tune'),
        JSON.stringify(listed.body),
      );
    });

    it('answers ResourceNotFoundException for a domain that does not exist', async () => {
      await expectServiceError(
        () => client.send(new DescribeDomainAutoTunesCommand({ DomainName: 'nope' })),
        { name: 'ResourceNotFoundException', status: 409, message: 'Domain not found: nope' },
      );
    });
  });
});

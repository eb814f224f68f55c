import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  CreateElasticsearchDomainCommand,
  DeleteElasticsearchDomainCommand,
  DescribeElasticsearchDomainCommand,
  DescribeElasticsearchDomainConfigCommand,
  DescribeElasticsearchDomainsCommand,
  UpdateElasticsearchDomainConfigCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type {
  CreateElasticsearchDomainCommandInput,
  ElasticsearchDomainStatus,
  ElasticsearchServiceClient,
  ModifyingProperties,
} from '@aws-sdk/client-elasticsearch-service';
import { ManualClock } from '../server/runtime';
import type { TestEmulator } from './support/emulator';
import { startClockedEmulator } from './support/emulator';

/**
 * The create -> active -> update -> delete cycle against what AWS answered (reference/real-responses/):
 * opensearch_api_lifecycle_recorded_2025-09-12.json (OpenSearch API; its members renamed to the ES API's,
 * the members the ES model lacks left out) and es_api_describe_recorded_2024-07-02.json (ES API, a domain
 * described in the last stage of its creation). Where they disagree, the newest ES-API recording decides.
 */

const processingMs = 60_000;
const ACCOUNT = '000000000000';
const arnOf = (name: string) => `arn:aws:es:us-east-1:${ACCOUNT}:domain/${name}`;

/** The recorded lifecycle test's create input, in ES-API names. */
const lifecycleInput = (DomainName: string): CreateElasticsearchDomainCommandInput => ({
  DomainName,
  ElasticsearchVersion: '7.10',
  ElasticsearchClusterConfig: { InstanceType: 't2.small.elasticsearch', InstanceCount: 1 },
  EBSOptions: { EBSEnabled: true, VolumeSize: 10, VolumeType: 'gp2' },
});

/** Members every recorded DomainStatus of the lifecycle domain has, whatever its stage. */
function lifecycleStatus(name: string): ElasticsearchDomainStatus {
  return {
    ARN: arnOf(name),
    AccessPolicies: '',
    AdvancedOptions: {
      override_main_response_version: 'false',
      'rest.action.multi.allow_explicit_index': 'true',
    },
    AdvancedSecurityOptions: {
      AnonymousAuthEnabled: false,
      Enabled: false,
      InternalUserDatabaseEnabled: false,
    },
    AutoTuneOptions: { State: 'DISABLED' },
    CognitoOptions: { Enabled: false },
    Created: true,
    Deleted: false,
    DomainEndpointOptions: {
      CustomEndpointEnabled: false,
      EnforceHTTPS: false,
      TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07',
    },
    DomainId: `${ACCOUNT}/${name}`,
    DomainName: name,
    EBSOptions: { EBSEnabled: true, VolumeSize: 10, VolumeType: 'gp2' },
    ElasticsearchClusterConfig: {
      ColdStorageOptions: { Enabled: false },
      DedicatedMasterEnabled: false,
      InstanceCount: 1,
      InstanceType: 't2.small.elasticsearch',
      WarmEnabled: false,
      ZoneAwarenessEnabled: false,
    },
    ElasticsearchVersion: '7.10',
    EncryptionAtRestOptions: { Enabled: false },
    NodeToNodeEncryptionOptions: { Enabled: false },
    SnapshotOptions: { AutomatedSnapshotStartHour: 0 },
    UpgradeProcessing: false,
  };
}

const noUpdate = 'There is no software update available for this domain.';

/**
 * ServiceSoftwareOptions of the recorded domain once active, after its update and in the delete answer
 * (OpenSearch API recording, 2025-09): the newest release for Elasticsearch 7.10, nothing to update to.
 */
const recordedSoftware = {
  AutomatedUpdateDate: new Date(0),
  Cancellable: false,
  CurrentVersion: 'Elasticsearch_7_10_R20250625',
  Description: noUpdate,
  NewVersion: '',
  OptionalDeployment: true,
  UpdateAvailable: false,
  UpdateStatus: 'COMPLETED',
};

/** The recorded ModifyingProperties of a creation, names and values (ES API order and names, 2024-07). */
function creationProperties(cluster: {
  type: string;
  count: number;
  master?: { type: string; count: number };
  zoneAwareness: boolean;
  ebs: string;
  tags: string;
}): [string, string, 'PLAIN_TEXT' | 'STRINGIFIED_JSON'][] {
  return [
    [
      'AdvancedOptions',
      '{"override_main_response_version":"false","rest.action.multi.allow_explicit_index":"true"}',
      'STRINGIFIED_JSON',
    ],
    ['AdvancedSecurityOptions.AnonymousAuthDisableDate', 'false', 'PLAIN_TEXT'],
    ['AdvancedSecurityOptions.AnonymousAuthEnabled', 'false', 'PLAIN_TEXT'],
    ['AdvancedSecurityOptions.InternalUserDatabaseEnabled', 'false', 'PLAIN_TEXT'],
    ['AdvancedSecurityOptions.JWTOptions', 'false', 'PLAIN_TEXT'],
    ['AdvancedSecurityOptions.MasterUserOptions', 'false', 'PLAIN_TEXT'],
    ['AdvancedSecurityOptions.SAMLOptions', 'false', 'PLAIN_TEXT'],
    ['ElasticsearchClusterConfig.ColdStorageOptions', '{"Enabled":false}', 'STRINGIFIED_JSON'],
    ['ElasticsearchClusterConfig.DedicatedMasterCount', String(cluster.master?.count ?? ''), 'PLAIN_TEXT'],
    ['ElasticsearchClusterConfig.DedicatedMasterEnabled', String(cluster.master !== undefined), 'PLAIN_TEXT'],
    ['ElasticsearchClusterConfig.DedicatedMasterType', cluster.master?.type ?? '', 'PLAIN_TEXT'],
    ['ElasticsearchClusterConfig.InstanceCount', String(cluster.count), 'PLAIN_TEXT'],
    ['ElasticsearchClusterConfig.InstanceType', cluster.type, 'PLAIN_TEXT'],
    ['ElasticsearchClusterConfig.MultiAZWithStandbyEnabled', 'false', 'PLAIN_TEXT'],
    ['ElasticsearchClusterConfig.WarmCount', '', 'PLAIN_TEXT'],
    ['ElasticsearchClusterConfig.WarmEnabled', 'false', 'PLAIN_TEXT'],
    ['ElasticsearchClusterConfig.WarmStorage', '', 'PLAIN_TEXT'],
    ['ElasticsearchClusterConfig.WarmType', '', 'PLAIN_TEXT'],
    ['ElasticsearchClusterConfig.ZoneAwarenessEnabled', String(cluster.zoneAwareness), 'PLAIN_TEXT'],
    ['ElasticsearchVersion', '7.10', 'PLAIN_TEXT'],
    ['IPAddressType', 'ipv4', 'PLAIN_TEXT'],
    ['TAGS', cluster.tags, cluster.tags === '' ? 'PLAIN_TEXT' : 'STRINGIFIED_JSON'],
    [
      'DomainEndpointOptions',
      '{"EnforceHTTPS":false,"TLSSecurityPolicy":"Policy-Min-TLS-1-2-2019-07","CustomEndpointEnabled":false}',
      'STRINGIFIED_JSON',
    ],
    ['EBSOptions', cluster.ebs, 'STRINGIFIED_JSON'],
    ['EncryptionAtRestOptions', '{"Enabled":false}', 'STRINGIFIED_JSON'],
    ['NodeToNodeEncryptionOptions', '{"Enabled":false}', 'STRINGIFIED_JSON'],
    [
      'OffPeakWindowOptions',
      '{"Enabled":true,"OffPeakWindow":{"WindowStartTime":{"Hours":2,"Minutes":0}}}',
      'STRINGIFIED_JSON',
    ],
    ['SnapshotOptions', '{"AutomatedSnapshotStartHour":0}', 'STRINGIFIED_JSON'],
    ['SoftwareUpdateOptions', '{"AutoSoftwareUpdateEnabled":false}', 'STRINGIFIED_JSON'],
  ];
}

/**
 * ModifyingProperties as [name, value, type], STRINGIFIED_JSON values compared as JSON (the recordings show them
 * decoded, so their member order is not a recorded fact). Every recorded entry has `ActiveValue: ""`.
 */
function propertiesOf(entries: ModifyingProperties[] | undefined): [string, unknown, string][] {
  return (entries ?? []).map((entry) => {
    assert.equal(entry.ActiveValue, '', entry.Name);
    const value =
      entry.ValueType === 'STRINGIFIED_JSON' ? JSON.parse(entry.PendingValue ?? '') : entry.PendingValue;
    return [entry.Name ?? '', value, entry.ValueType ?? ''];
  });
}

function decoded(expected: [string, string, string][]): [string, unknown, string][] {
  return expected.map(([name, value, type]) => [
    name,
    type === 'STRINGIFIED_JSON' ? JSON.parse(value) : value,
    type,
  ]);
}

describe('Domains as AWS answered them (recorded cycles)', () => {
  let emulator: TestEmulator;
  let client: ElasticsearchServiceClient;
  const clock = new ManualClock(Math.floor(Date.now() / 1000) * 1000);

  before(async () => {
    emulator = await startClockedEmulator(clock, processingMs);
    client = emulator.client();
  });
  after(() => emulator.stop());

  const describeDomain = async (DomainName: string) =>
    (await client.send(new DescribeElasticsearchDomainCommand({ DomainName }))).DomainStatus;

  it('create -> active -> update -> delete, member for member (OpenSearch API recording, 2025-09)', async () => {
    const name = 'recorded-cycle';
    const created = clock.now();
    const { DomainStatus: create } = await client.send(
      new CreateElasticsearchDomainCommand(lifecycleInput(name)),
    );
    assert.ok(create);
    const { ModifyingProperties: creating, ChangeProgressDetails: createChange, ...createRest } = create;
    assert.deepEqual(createRest, {
      ...lifecycleStatus(name),
      DomainProcessingStatus: 'Creating',
      Processing: true,
      ServiceSoftwareOptions: {
        AutomatedUpdateDate: new Date(0),
        Cancellable: false,
        CurrentVersion: '',
        Description: noUpdate,
        NewVersion: '',
        OptionalDeployment: true,
        UpdateAvailable: false,
        UpdateStatus: 'COMPLETED',
      },
    });
    assert.deepEqual(
      { ...createChange, ChangeId: undefined },
      {
        ChangeId: undefined,
        ConfigChangeStatus: 'Pending',
        InitiatedBy: 'CUSTOMER',
        StartTime: new Date(created),
        LastUpdatedTime: new Date(created),
      },
    );
    const expectedCreation = decoded(
      creationProperties({
        type: 't2.small.elasticsearch',
        count: 1,
        zoneAwareness: false,
        ebs: '{"EBSEnabled":true,"VolumeSize":10,"VolumeType":"gp2"}',
        tags: '',
      }),
    );
    assert.deepEqual(propertiesOf(creating), expectedCreation);

    clock.advance(processingMs);
    const active = await describeDomain(name);
    assert.ok(active);
    const endpoint = active.Endpoint;
    assert.match(
      endpoint ?? '',
      new RegExp(`^search-${name}-[a-z2-7]{26}\\.us-east-1\\.es\\.localhost:\\d+$`),
    );
    const { ServiceSoftwareOptions: software, ChangeProgressDetails: activeChange, ...activeRest } = active;
    assert.deepEqual(activeRest, {
      ...lifecycleStatus(name),
      DomainProcessingStatus: 'Active',
      Processing: false,
      Endpoint: endpoint,
      ModifyingProperties: [],
    });
    assert.equal(activeChange?.ChangeId, createChange?.ChangeId);
    assert.equal(activeChange?.ConfigChangeStatus, 'Completed');
    assert.equal(activeChange?.InitiatedBy, 'CUSTOMER');
    assert.deepEqual(software, recordedSoftware);

    // Recorded update: only AccessPolicies, on a domain whose sections stood at 9.
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: 'es:*',
          Resource: `${arnOf(name)}/*`,
        },
      ],
    });
    clock.advance(1_000);
    const updatedAt = clock.now();
    const { DomainConfig: update } = await client.send(
      new UpdateElasticsearchDomainConfigCommand({ DomainName: name, AccessPolicies: policy }),
    );
    assert.ok(update);
    const versions = Object.fromEntries(
      Object.entries(update)
        .filter(([, section]) => section && typeof section === 'object' && 'Status' in section)
        .map(([key, section]) => {
          const status = (
            section as { Status: { State?: string; UpdateVersion?: number; PendingDeletion?: boolean } }
          ).Status;
          assert.equal(status.PendingDeletion, false, key);
          return [key, `${status.State} ${status.UpdateVersion}`];
        }),
    );
    assert.deepEqual(versions, {
      ElasticsearchVersion: 'Active 9',
      ElasticsearchClusterConfig: 'Active 9',
      EBSOptions: 'Active 9',
      AccessPolicies: 'Processing 10',
      SnapshotOptions: 'Active 9',
      VPCOptions: 'Active 10',
      CognitoOptions: 'Active 10',
      EncryptionAtRestOptions: 'Active 9',
      NodeToNodeEncryptionOptions: 'Active 9',
      AdvancedOptions: 'Active 9',
      LogPublishingOptions: 'Active 10',
      DomainEndpointOptions: 'Active 9',
      AdvancedSecurityOptions: 'Active 9',
      AutoTuneOptions: 'DISABLED 10',
    });
    assert.deepEqual(update.AccessPolicies?.Status?.CreationDate, new Date(updatedAt));
    assert.deepEqual(update.VPCOptions?.Options, {});
    assert.deepEqual(update.LogPublishingOptions?.Options, {});
    assert.deepEqual(update.AutoTuneOptions?.Options, {
      DesiredState: 'DISABLED',
      MaintenanceSchedules: [],
      RollbackOnDisable: 'NO_ROLLBACK',
    });
    assert.notEqual(update.ChangeProgressDetails?.ChangeId, createChange?.ChangeId);
    assert.equal(update.ChangeProgressDetails?.ConfigChangeStatus, 'Pending');
    assert.equal(update.ChangeProgressDetails?.InitiatedBy, 'CUSTOMER');
    // Pending, AWS names the principal by its unique id: the root's ARN as the account id (recorded 2025-07),
    // while the domain's AccessPolicies keep the ARN (below).
    assert.deepEqual(update.ModifyingProperties, [
      {
        Name: 'AccessPolicies',
        ActiveValue: '',
        PendingValue: policy.replace(`arn:aws:iam::${ACCOUNT}:root`, ACCOUNT),
        ValueType: 'STRINGIFIED_JSON',
      },
    ]);

    clock.advance(processingMs);
    const updated = await describeDomain(name);
    assert.equal(updated?.AccessPolicies, policy);
    assert.equal(updated?.ChangeProgressDetails?.ChangeId, update.ChangeProgressDetails?.ChangeId);
    assert.equal(updated?.ChangeProgressDetails?.ConfigChangeStatus, 'Completed');
    assert.deepEqual(updated?.ModifyingProperties, []);
    assert.deepEqual(updated?.ServiceSoftwareOptions, recordedSoftware);

    const { DomainStatus: deleted } = await client.send(
      new DeleteElasticsearchDomainCommand({ DomainName: name }),
    );
    assert.ok(deleted);
    const {
      ServiceSoftwareOptions: deletedSoftware,
      ChangeProgressDetails: deleteChange,
      ...deleteRest
    } = deleted;
    assert.deepEqual(deletedSoftware, recordedSoftware);
    assert.deepEqual(deleteRest, {
      ...lifecycleStatus(name),
      AccessPolicies: policy,
      Deleted: true,
      DomainProcessingStatus: 'Deleting',
      Processing: true,
      Endpoint: endpoint,
      ModifyingProperties: [],
    });
    // Recorded: a new ChangeId, ApplyingChanges, and no InitiatedBy.
    assert.equal(deleteChange?.ConfigChangeStatus, 'ApplyingChanges');
    assert.equal(deleteChange?.InitiatedBy, undefined);
    assert.notEqual(deleteChange?.ChangeId, update.ChangeProgressDetails?.ChangeId);
  });

  it('the last stage of a creation, as the ES API answered it (recorded 2024-07)', async () => {
    const name = 'recorded-cfn';
    const created = clock.now();
    await client.send(
      new CreateElasticsearchDomainCommand({
        DomainName: name,
        ElasticsearchVersion: '7.10',
        ElasticsearchClusterConfig: {
          InstanceType: 'm3.medium.elasticsearch',
          InstanceCount: 2,
          DedicatedMasterEnabled: true,
          DedicatedMasterCount: 3,
          DedicatedMasterType: 'm3.medium.elasticsearch',
          ZoneAwarenessEnabled: true,
        },
        EBSOptions: { EBSEnabled: true, VolumeSize: 20, VolumeType: 'gp2', Iops: 0 },
        TagList: [
          { Key: 'k1', Value: 'v1' },
          { Key: 'k2', Value: 'v2' },
        ],
      }),
    );

    // First half of the processing time: as the create answered.
    clock.advance(processingMs / 2 - 1);
    const starting = await describeDomain(name);
    assert.equal(starting?.Processing, true);
    assert.equal(starting?.DomainProcessingStatus, 'Creating');
    assert.equal(starting?.Endpoint, undefined);
    assert.equal(starting?.ChangeProgressDetails?.ConfigChangeStatus, 'Pending');
    assert.equal(starting?.ServiceSoftwareOptions?.CurrentVersion, '');

    clock.advance(1);
    const status = await describeDomain(name);
    assert.ok(status);
    const {
      ModifyingProperties: properties,
      ChangeProgressDetails: change,
      ServiceSoftwareOptions: software,
      ...rest
    } = status;
    assert.deepEqual(rest, {
      ARN: arnOf(name),
      AccessPolicies: '',
      AdvancedOptions: {
        override_main_response_version: 'false',
        'rest.action.multi.allow_explicit_index': 'true',
      },
      AdvancedSecurityOptions: {
        AnonymousAuthEnabled: false,
        Enabled: false,
        InternalUserDatabaseEnabled: false,
      },
      AutoTuneOptions: { State: 'ENABLED' },
      CognitoOptions: { Enabled: false },
      Created: true,
      Deleted: false,
      DomainEndpointOptions: {
        CustomEndpointEnabled: false,
        EnforceHTTPS: false,
        TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07',
      },
      DomainId: `${ACCOUNT}/${name}`,
      DomainName: name,
      DomainProcessingStatus: 'Creating',
      EBSOptions: { EBSEnabled: true, Iops: 0, VolumeSize: 20, VolumeType: 'gp2' },
      ElasticsearchClusterConfig: {
        ColdStorageOptions: { Enabled: false },
        DedicatedMasterCount: 3,
        DedicatedMasterEnabled: true,
        DedicatedMasterType: 'm3.medium.elasticsearch',
        InstanceCount: 2,
        InstanceType: 'm3.medium.elasticsearch',
        WarmEnabled: false,
        ZoneAwarenessConfig: { AvailabilityZoneCount: 2 },
        ZoneAwarenessEnabled: true,
      },
      ElasticsearchVersion: '7.10',
      EncryptionAtRestOptions: { Enabled: false },
      Endpoint: status.Endpoint,
      NodeToNodeEncryptionOptions: { Enabled: false },
      Processing: false,
      SnapshotOptions: { AutomatedSnapshotStartHour: 0 },
      UpgradeProcessing: false,
    });
    assert.match(status.Endpoint ?? '', new RegExp(`^search-${name}-[a-z2-7]{26}\\.`));
    assert.deepEqual(
      { ...change, ChangeId: undefined },
      {
        ChangeId: undefined,
        ConfigChangeStatus: 'ApplyingChanges',
        InitiatedBy: 'CUSTOMER',
        StartTime: new Date(created),
        LastUpdatedTime: new Date(created + processingMs / 2),
      },
    );
    assert.deepEqual(
      { ...software, CurrentVersion: software?.CurrentVersion === '' ? '' : 'set' },
      {
        AutomatedUpdateDate: new Date(0),
        Cancellable: false,
        CurrentVersion: 'set',
        Description: noUpdate,
        NewVersion: '',
        OptionalDeployment: true,
        UpdateAvailable: false,
        UpdateStatus: 'COMPLETED',
      },
    );
    assert.deepEqual(
      propertiesOf(properties),
      decoded(
        creationProperties({
          type: 'm3.medium.elasticsearch',
          count: 2,
          master: { type: 'm3.medium.elasticsearch', count: 3 },
          zoneAwareness: true,
          ebs: '{"EBSEnabled":true,"Iops":0,"VolumeSize":20,"VolumeType":"gp2"}',
          tags: '{"k1":"v1","k2":"v2"}',
        }),
      ),
    );
    const config = await client.send(new DescribeElasticsearchDomainConfigCommand({ DomainName: name }));
    assert.equal(config.DomainConfig?.ChangeProgressDetails?.ConfigChangeStatus, 'ApplyingChanges');

    clock.advance(processingMs / 2);
    const active = await describeDomain(name);
    assert.equal(active?.DomainProcessingStatus, 'Active');
    assert.equal(active?.ChangeProgressDetails?.ConfigChangeStatus, 'Completed');
    assert.equal(active?.Endpoint, status.Endpoint);
  });
});

type JsonSchema = {
  $ref?: string;
  type?: string;
  enum?: string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
};

const definitions = (
  JSON.parse(
    fs.readFileSync(path.resolve(__dirname, '..', '..', 'schemas', 'input-schemas.generated.json'), 'utf8'),
  ) as { $defs: Record<string, JsonSchema> }
).$defs;

/**
 * Walks a JSON answer against the model's output shape: every member must be one the shape declares, with the
 * JSON type the model gives it (timestamps are numbers, enums one of their values). The SDKs drop unknown
 * members silently, so nothing else would notice one.
 */
function shapeErrors(value: unknown, shapeName: string): string[] {
  const errors: string[] = [];
  const resolve = (schema: JsonSchema | undefined): JsonSchema | undefined => {
    let current = schema;
    while (current?.$ref !== undefined) current = definitions[current.$ref.replace('#/$defs/', '')];
    return current;
  };
  const walk = (member: unknown, given: JsonSchema | undefined, where: string): void => {
    const schema = resolve(given);
    if (!schema) {
      errors.push(`${where}: no shape`);
      return;
    }
    switch (schema.type) {
      case 'object': {
        if (member === null || typeof member !== 'object' || Array.isArray(member)) {
          errors.push(`${where}: not an object`);
          return;
        }
        for (const [key, child] of Object.entries(member)) {
          const declared = schema.properties?.[key];
          const extra =
            typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
          if (declared) walk(child, declared, `${where}.${key}`);
          else if (extra) walk(child, extra, `${where}.${key}`);
          else errors.push(`${where}.${key}: not a member of the model's shape`);
        }
        return;
      }
      case 'array':
        if (!Array.isArray(member)) errors.push(`${where}: not an array`);
        else member.forEach((item, index) => walk(item, schema.items, `${where}[${index}]`));
        return;
      case 'string':
        if (typeof member !== 'string') errors.push(`${where}: not a string`);
        else if (schema.enum && !schema.enum.includes(member))
          errors.push(`${where}: ${member} not in the enum`);
        return;
      case 'integer':
        if (!Number.isInteger(member)) errors.push(`${where}: not an integer`);
        return;
      case 'number':
        if (typeof member !== 'number') errors.push(`${where}: not a number`);
        return;
      case 'boolean':
        if (typeof member !== 'boolean') errors.push(`${where}: not a boolean`);
        return;
      default:
        errors.push(`${where}: shape without a JSON type`);
    }
  };
  walk(value, { $ref: `#/$defs/${shapeName}` }, shapeName);
  return errors;
}

describe('Domain answers against the model output shapes', () => {
  let emulator: TestEmulator;
  let client: ElasticsearchServiceClient;
  const clock = new ManualClock(Math.floor(Date.now() / 1000) * 1000);
  /** The raw JSON body of the latest answer, as the wire carried it. */
  let lastBody: unknown;

  before(async () => {
    emulator = await startClockedEmulator(clock, processingMs);
    client = emulator.client();
    client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const response = result.response as { body?: unknown };
        const chunks: Buffer[] = [];
        for await (const chunk of response.body as AsyncIterable<Buffer>) chunks.push(chunk);
        const body = Buffer.concat(chunks);
        lastBody = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
        response.body = Readable.from([body]);
        return result;
      },
      // The innermost step, after the deserializer: the response as it came off the wire.
      { step: 'deserialize', priority: 'low', name: 'captureRawBody' },
    );
  });
  after(() => emulator.stop());

  /** Makes the call and walks its raw answer against the output shape. */
  async function answerOf(call: () => Promise<unknown>, shape: string): Promise<void> {
    await call();
    assert.deepEqual(shapeErrors(lastBody, shape), [], JSON.stringify(lastBody));
  }

  it('create, describe, describe several, update, dry run, describe config, delete: only model members', async () => {
    const plain = lifecycleInput('shapes-plain');
    // SAML comes with the update: AWS refuses SAMLOptions in a create (its SAML guide).
    const samlOptions = {
      Enabled: true,
      Idp: {
        MetadataContent: `<EntityDescriptor entityID="https://idp.example.com">${'x'.repeat(100)}</EntityDescriptor>`,
        EntityId: 'https://idp.example.com',
      },
      MasterUserName: 'saml',
      SubjectKey: 'sub',
      RolesKey: 'roles',
      SessionTimeoutMinutes: 60,
    };
    const rich: CreateElasticsearchDomainCommandInput = {
      DomainName: 'shapes-rich',
      ElasticsearchVersion: 'OpenSearch_2.11',
      ElasticsearchClusterConfig: {
        InstanceType: 'r5.large.elasticsearch',
        InstanceCount: 2,
        DedicatedMasterEnabled: true,
        DedicatedMasterCount: 3,
        DedicatedMasterType: 'm5.large.elasticsearch',
        ZoneAwarenessEnabled: true,
        ZoneAwarenessConfig: { AvailabilityZoneCount: 2 },
        WarmEnabled: true,
        WarmType: 'ultrawarm1.medium.elasticsearch',
        WarmCount: 2,
        ColdStorageOptions: { Enabled: true },
      },
      EBSOptions: { EBSEnabled: true, VolumeType: 'gp3', VolumeSize: 100, Iops: 3000, Throughput: 250 },
      VPCOptions: { SubnetIds: ['subnet-a', 'subnet-b'], SecurityGroupIds: ['sg-1'] },
      EncryptionAtRestOptions: { Enabled: true },
      NodeToNodeEncryptionOptions: { Enabled: true },
      DomainEndpointOptions: {
        EnforceHTTPS: true,
        TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07',
        CustomEndpointEnabled: true,
        CustomEndpoint: 'search.example.com',
        CustomEndpointCertificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/abc`,
      },
      AdvancedSecurityOptions: {
        Enabled: true,
        InternalUserDatabaseEnabled: true,
        MasterUserOptions: { MasterUserName: 'admin', MasterUserPassword: 'Passw0rd!Passw0rd' },
      },
      LogPublishingOptions: {
        ES_APPLICATION_LOGS: {
          CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:g`,
          Enabled: true,
        },
      },
      AutoTuneOptions: {
        DesiredState: 'ENABLED',
        MaintenanceSchedules: [
          {
            StartAt: new Date(clock.now() + 86_400_000),
            Duration: { Value: 2, Unit: 'HOURS' },
            CronExpressionForRecurrence: 'cron(0 0 ? * MON *)',
          },
        ],
      },
      AdvancedOptions: { 'indices.fielddata.cache.size': '40' },
      DeploymentStrategyOptions: { DeploymentStrategy: 'Default' },
      TagList: [{ Key: 'a', Value: 'b' }],
    };
    for (const input of [plain, rich]) {
      const DomainName = input.DomainName!;
      await answerOf(
        () => client.send(new CreateElasticsearchDomainCommand(input)),
        'CreateElasticsearchDomainResponse',
      );
      await answerOf(
        () => client.send(new DescribeElasticsearchDomainCommand({ DomainName })),
        'DescribeElasticsearchDomainResponse',
      );
      clock.advance(processingMs / 2);
      await answerOf(
        () => client.send(new DescribeElasticsearchDomainCommand({ DomainName })),
        'DescribeElasticsearchDomainResponse',
      );
      clock.advance(processingMs / 2);
      await answerOf(
        () => client.send(new DescribeElasticsearchDomainsCommand({ DomainNames: [DomainName] })),
        'DescribeElasticsearchDomainsResponse',
      );
      const update = {
        DomainName,
        ElasticsearchClusterConfig: { InstanceCount: 4 },
        EBSOptions: { VolumeSize: 30 },
        AdvancedOptions: { 'indices.query.bool.max_clause_count': '2048' },
        AutoTuneOptions: {
          DesiredState: 'DISABLED' as const,
          RollbackOnDisable: 'DEFAULT_ROLLBACK' as const,
          MaintenanceSchedules: [
            {
              StartAt: new Date(Date.UTC(2030, 0, 7, 3)),
              Duration: { Value: 2, Unit: 'HOURS' as const },
              CronExpressionForRecurrence: 'cron(0 3 ? * MON *)',
            },
          ],
        },
        AutomatedSnapshotPauseOptions: { Enabled: true },
        SnapshotOptions: { AutomatedSnapshotStartHour: 3 },
        ...(input === rich ? { AdvancedSecurityOptions: { SAMLOptions: samlOptions } } : {}),
      };
      await answerOf(
        () => client.send(new UpdateElasticsearchDomainConfigCommand({ ...update, DryRun: true })),
        'UpdateElasticsearchDomainConfigResponse',
      );
      await answerOf(
        () => client.send(new UpdateElasticsearchDomainConfigCommand(update)),
        'UpdateElasticsearchDomainConfigResponse',
      );
      await answerOf(
        () => client.send(new DescribeElasticsearchDomainConfigCommand({ DomainName })),
        'DescribeElasticsearchDomainConfigResponse',
      );
      await answerOf(
        () => client.send(new DescribeElasticsearchDomainCommand({ DomainName })),
        'DescribeElasticsearchDomainResponse',
      );
      clock.advance(processingMs);
      await answerOf(
        () => client.send(new DescribeElasticsearchDomainConfigCommand({ DomainName })),
        'DescribeElasticsearchDomainConfigResponse',
      );
      await answerOf(
        () => client.send(new DeleteElasticsearchDomainCommand({ DomainName })),
        'DeleteElasticsearchDomainResponse',
      );
    }
  });

  it('the walk itself refuses an unknown member and a wrong JSON type', () => {
    assert.deepEqual(
      shapeErrors(
        { DomainStatus: { DomainName: 'x', OffPeakWindowOptions: {}, Created: 'true' } },
        'DeleteElasticsearchDomainResponse',
      ),
      [
        "DeleteElasticsearchDomainResponse.DomainStatus.OffPeakWindowOptions: not a member of the model's shape",
        'DeleteElasticsearchDomainResponse.DomainStatus.Created: not a boolean',
      ],
    );
  });
});

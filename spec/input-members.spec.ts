import assert from 'node:assert/strict';
import type { ElasticsearchServiceClient } from '@aws-sdk/client-elasticsearch-service';
import {
  DescribeElasticsearchDomainCommand,
  DescribeElasticsearchDomainConfigCommand,
  UpdateElasticsearchDomainConfigCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type { TestEmulator } from './support/emulator';
import { startTestEmulator } from './support/emulator';
import { createTestDomain } from './support/domains';
import { expectServiceError } from './support/errors';
import { snapshotOf } from './support/store-snapshot';

type Json = Record<string, unknown>;

/**
 * A client whose requests carry members the model does not declare, as a newer SDK's would: `extend` edits the
 * JSON body the SDK serialized, before the SDK signs it.
 */
function clientSending(
  emulator: TestEmulator,
  extend: (body: Json) => void,
): { client: ElasticsearchServiceClient; extended: () => number } {
  const client = emulator.client();
  let extended = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { body?: unknown; headers: Record<string, string> };
      // The SDK serializes a JSON body to a string or to UTF-8 bytes, depending on its version.
      const sent =
        typeof request.body === 'string'
          ? request.body
          : request.body instanceof Uint8Array
            ? Buffer.from(request.body).toString('utf8')
            : '';
      if (sent !== '') {
        const body = JSON.parse(sent) as Json;
        extend(body);
        extended++;
        const text = JSON.stringify(body);
        request.body = text;
        request.headers['content-length'] = String(Buffer.byteLength(text));
      }
      return next(args);
    },
    { step: 'build', name: 'unknownMembers' },
  );
  return { client, extended: () => extended };
}

const sections = [
  'ElasticsearchClusterConfig',
  'EBSOptions',
  'SnapshotOptions',
  'DomainEndpointOptions',
  'NodeToNodeEncryptionOptions',
  'EncryptionAtRestOptions',
  'AutoTuneOptions',
] as const;

describe('input members the model does not declare, and numbers no member can hold', () => {
  let emulator: TestEmulator;

  before(async () => {
    emulator = await startTestEmulator({ iamMode: 'off' });
  });
  after(() => emulator.stop());

  it('a member a structure does not declare is ignored: not stored, not answered (a create and an update)', async () => {
    const addUnknown = (body: Json) => {
      for (const section of sections) {
        const value = (body[section] ?? {}) as Json;
        value.FromANewerModel = { Nested: [1, 2] };
        value.__type = 'NotAShape';
        body[section] = value;
      }
    };
    const { client, extended } = clientSending(emulator, addUnknown);
    const created = await createTestDomain(client, 'unknown-members', {
      SnapshotOptions: { AutomatedSnapshotStartHour: 3 },
    });
    assert.equal(created.DomainStatus?.DomainName, 'unknown-members');
    await client.send(
      new UpdateElasticsearchDomainConfigCommand({
        DomainName: 'unknown-members',
        SnapshotOptions: { AutomatedSnapshotStartHour: 4 },
      }),
    );
    assert.equal(extended(), 2, 'both requests carried the unknown members');

    // Read by a client that sends nothing extra; the raw answers are held to the model by every test client
    // (support/answer-conformance), and the stored form is read here as well.
    const plain = emulator.client();
    const status = await plain.send(
      new DescribeElasticsearchDomainCommand({ DomainName: 'unknown-members' }),
    );
    assert.equal(status.DomainStatus?.SnapshotOptions?.AutomatedSnapshotStartHour, 4);
    const config = await plain.send(
      new DescribeElasticsearchDomainConfigCommand({ DomainName: 'unknown-members' }),
    );
    assert.equal(
      config.DomainConfig?.ElasticsearchClusterConfig?.Options?.InstanceType,
      'm5.large.elasticsearch',
    );
    for (const answer of [status.DomainStatus, config.DomainConfig]) {
      assert.doesNotMatch(JSON.stringify(answer), /FromANewerModel|NotAShape/);
    }
    assert.doesNotMatch(snapshotOf(emulator.store), /FromANewerModel|NotAShape/);
  });

  it('an integer past 32 bits is not of the member’s type, and changes nothing', async () => {
    const client = emulator.client();
    await createTestDomain(client, 'integer-bounds');
    const before = snapshotOf(emulator.store);
    await expectServiceError(
      () =>
        client.send(
          new UpdateElasticsearchDomainConfigCommand({
            DomainName: 'integer-bounds',
            AdvancedSecurityOptions: { SAMLOptions: { SessionTimeoutMinutes: 99_999_999_999 } },
          }),
        ),
      {
        name: 'ValidationException',
        status: 400,
        message:
          "1 validation error detected: Value '99999999999' at 'advancedSecurityOptions.sAMLOptions.sessionTimeoutMinutes' failed to satisfy constraint: Member must be of type integer",
      },
    );
    await expectServiceError(
      () =>
        client.send(
          new UpdateElasticsearchDomainConfigCommand({
            DomainName: 'integer-bounds',
            SnapshotOptions: { AutomatedSnapshotStartHour: 2 ** 31 },
          }),
        ),
      { name: 'ValidationException', status: 400, message: /Member must be of type integer$/ },
    );
    assert.equal(snapshotOf(emulator.store), before);
    // The largest value 32 bits hold is of the type: the semantic check that follows words its own range.
    await expectServiceError(
      () =>
        client.send(
          new UpdateElasticsearchDomainConfigCommand({
            DomainName: 'integer-bounds',
            SnapshotOptions: { AutomatedSnapshotStartHour: 2 ** 31 - 1 },
          }),
        ),
      { name: 'ValidationException', status: 400, message: /^(?!.*Member must be of type)/ },
    );
  });

  it('a timestamp botocore could not read in some time zone is not a timestamp, and changes nothing', async () => {
    const client = emulator.client();
    await createTestDomain(client, 'timestamp-bounds');
    const before = snapshotOf(emulator.store);
    const schedule = (startAt: Date) =>
      new UpdateElasticsearchDomainConfigCommand({
        DomainName: 'timestamp-bounds',
        AutoTuneOptions: {
          DesiredState: 'ENABLED',
          MaintenanceSchedules: [
            {
              StartAt: startAt,
              Duration: { Value: 2, Unit: 'HOURS' },
              CronExpressionForRecurrence: 'cron(0 0 ? * MON *)',
            },
          ],
        },
      });
    await expectServiceError(() => client.send(schedule(new Date(Date.UTC(9999, 11, 31)))), {
      name: 'ValidationException',
      status: 400,
      message:
        "1 validation error detected: Value '253402214400' at 'autoTuneOptions.maintenanceSchedules.1.member.startAt' failed to satisfy constraint: Member must be of type timestamp (epoch seconds)",
    });
    assert.equal(snapshotOf(emulator.store), before);
    // January 1 of the year 1 is the year 0 west of UTC.
    await expectServiceError(() => client.send(schedule(new Date('0001-01-01T00:00:00Z'))), {
      name: 'ValidationException',
      status: 400,
      message:
        "1 validation error detected: Value '-62135596800' at 'autoTuneOptions.maintenanceSchedules.1.member.startAt' failed to satisfy constraint: Member must be of type timestamp (epoch seconds)",
    });
    assert.equal(snapshotOf(emulator.store), before);

    // December 31 of 9999 is the year 10000 east of UTC (botocore reads timestamps in the client's zone); the
    // day before is the last that every zone reads.
    const lastSecond = new Date(Date.UTC(9999, 11, 30, 23, 59, 59));
    await client.send(schedule(lastSecond));
    const config = await client.send(
      new DescribeElasticsearchDomainConfigCommand({ DomainName: 'timestamp-bounds' }),
    );
    const stored = config.DomainConfig?.AutoTuneOptions?.Options?.MaintenanceSchedules?.[0]?.StartAt;
    assert.equal(stored?.toISOString(), lastSecond.toISOString());
  });
});

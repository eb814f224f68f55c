import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CancelDomainConfigChangeCommand,
  CancelElasticsearchServiceSoftwareUpdateCommand,
  DeleteElasticsearchDomainCommand,
  DescribeDomainChangeProgressCommand,
  DescribeElasticsearchDomainCommand,
  StartElasticsearchServiceSoftwareUpdateCommand,
  UpdateElasticsearchDomainConfigCommand,
  UpgradeElasticsearchDomainCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type { ElasticsearchServiceClient } from '@aws-sdk/client-elasticsearch-service';
import { ManualClock } from '../server/runtime';
import type { TestEmulator } from './support/emulator';
import { errorOf, startClockedEmulator, startTestEmulator } from './support/emulator';
import { expectServiceError } from './support/errors';
import { createTestDomain } from './support/domains';

const processingMs = 60_000;
const recorded = 'Elasticsearch_7_10_R20250625';
const latest = 'Elasticsearch_7_10_R20250904';
const noUpdate = 'There is no software update available for this domain.';

/** What AWS answered for a new, active domain (OpenSearch API recording, 2025-09): up to date. */
const upToDate = (CurrentVersion: string) => ({
  AutomatedUpdateDate: new Date(0),
  Cancellable: false,
  CurrentVersion,
  Description: noUpdate,
  NewVersion: '',
  OptionalDeployment: true,
  UpdateAvailable: false,
  UpdateStatus: 'COMPLETED',
});

describe('service software of a new domain (default: no update available, as AWS recorded)', () => {
  let emulator: TestEmulator;
  let client: ElasticsearchServiceClient;
  const clock = new ManualClock();

  before(async () => {
    emulator = await startClockedEmulator(clock, processingMs);
    client = emulator.client();
  });
  after(() => emulator.stop());

  const softwareOf = async (DomainName: string) =>
    (await client.send(new DescribeElasticsearchDomainCommand({ DomainName }))).DomainStatus
      ?.ServiceSoftwareOptions;

  it('runs the newest release of its engine version, COMPLETED, and stays so', async () => {
    await createTestDomain(client, 'current');
    await createTestDomain(client, 'current-os', { ElasticsearchVersion: 'OpenSearch_1.3' });
    clock.advance(processingMs);
    assert.deepEqual(await softwareOf('current'), upToDate(recorded));
    assert.deepEqual(await softwareOf('current-os'), upToDate('OpenSearch_1_3_R20250625'));
    clock.advance(10 * processingMs);
    assert.deepEqual(await softwareOf('current'), upToDate(recorded));
  });

  it('refuses StartElasticsearchServiceSoftwareUpdate on an up-to-date domain, changing nothing', async () => {
    await createTestDomain(client, 'nothing-to-do');
    clock.advance(processingMs);
    await expectServiceError(
      () => client.send(new StartElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'nothing-to-do' })),
      { name: 'ValidationException', status: 400, message: noUpdate },
    );
    const { DomainStatus } = await client.send(
      new DescribeElasticsearchDomainCommand({ DomainName: 'nothing-to-do' }),
    );
    assert.equal(DomainStatus?.DomainProcessingStatus, 'Active');
    assert.deepEqual(DomainStatus?.ServiceSoftwareOptions, upToDate(recorded));
  });
});

describe('service software updates (SOFTWARE_UPDATE_AVAILABLE)', () => {
  let emulator: TestEmulator;
  let client: ElasticsearchServiceClient;
  const clock = new ManualClock();

  before(async () => {
    emulator = await startClockedEmulator(clock, processingMs, { softwareUpdateAvailable: true });
    client = emulator.client();
  });
  after(() => emulator.stop());

  async function createDomain(DomainName: string): Promise<void> {
    await createTestDomain(client, DomainName);
    clock.advance(processingMs);
  }

  async function softwareOf(DomainName: string) {
    const { DomainStatus } = await client.send(new DescribeElasticsearchDomainCommand({ DomainName }));
    assert.ok(DomainStatus?.ServiceSoftwareOptions);
    return DomainStatus;
  }

  it('offers the newest release to a domain on an older one, in AWS wording', async () => {
    await createDomain('eligible');
    const domain = await softwareOf('eligible');
    const options = domain.ServiceSoftwareOptions;
    assert.equal(options?.CurrentVersion, recorded);
    assert.equal(options?.NewVersion, latest);
    assert.equal(options?.UpdateAvailable, true);
    assert.equal(options?.Cancellable, false);
    assert.equal(options?.UpdateStatus, 'ELIGIBLE');
    assert.equal(options?.Description, `A newer release ${latest} is available.`);
    assert.equal(options?.OptionalDeployment, true);
    assert.equal(options?.AutomatedUpdateDate?.getTime(), 0);
  });

  it('answers a second request while the first is pending with the pending update, not an error', async () => {
    await createDomain('asked-twice');
    const start = () =>
      client.send(new StartElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'asked-twice' }));
    const first = await start();
    const second = await start();
    assert.equal(second.ServiceSoftwareOptions?.UpdateStatus, 'PENDING_UPDATE');
    assert.deepEqual(second.ServiceSoftwareOptions, first.ServiceSoftwareOptions);
  });

  it('moves a requested update PENDING_UPDATE -> IN_PROGRESS -> COMPLETED with the clock', async () => {
    await createDomain('updated');
    const before = (await softwareOf('updated')).ServiceSoftwareOptions?.CurrentVersion;
    const { ServiceSoftwareOptions: pending } = await client.send(
      new StartElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'updated' }),
    );
    assert.equal(pending?.UpdateStatus, 'PENDING_UPDATE');
    assert.equal(pending?.Cancellable, true);
    assert.equal(pending?.CurrentVersion, before);
    assert.equal(pending?.NewVersion, latest);
    assert.equal(
      pending?.Description,
      `An update to release ${latest} has been requested and is pending. Before the update starts, you can cancel it any time.`,
    );
    let domain = await softwareOf('updated');
    assert.equal(domain.DomainProcessingStatus, 'UpdatingServiceSoftware');
    assert.equal(domain.ServiceSoftwareOptions?.UpdateStatus, 'PENDING_UPDATE');

    clock.advance(processingMs);
    domain = await softwareOf('updated');
    assert.equal(domain.ServiceSoftwareOptions?.UpdateStatus, 'IN_PROGRESS');
    assert.equal(domain.ServiceSoftwareOptions?.Cancellable, false);

    clock.advance(processingMs);
    domain = await softwareOf('updated');
    assert.equal(domain.DomainProcessingStatus, 'Active');
    assert.deepEqual(
      { ...domain.ServiceSoftwareOptions, AutomatedUpdateDate: undefined },
      {
        CurrentVersion: latest,
        NewVersion: '',
        UpdateAvailable: false,
        Cancellable: false,
        UpdateStatus: 'COMPLETED',
        Description: 'There is no software update available for this domain.',
        AutomatedUpdateDate: undefined,
        OptionalDeployment: true,
      },
    );

    // On the newest release there is nothing to update to.
    await expectServiceError(
      () => client.send(new StartElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'updated' })),
      {
        name: 'ValidationException',
        status: 400,
        message: 'There is no software update available for this domain.',
      },
    );
  });

  it('cancels a pending update, which leaves the domain eligible again', async () => {
    await createDomain('cancelled');
    await client.send(new StartElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'cancelled' }));
    const { ServiceSoftwareOptions } = await client.send(
      new CancelElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'cancelled' }),
    );
    assert.equal(ServiceSoftwareOptions?.UpdateStatus, 'ELIGIBLE');
    assert.equal(ServiceSoftwareOptions?.Cancellable, false);
    assert.equal(ServiceSoftwareOptions?.UpdateAvailable, true);
    const domain = await softwareOf('cancelled');
    assert.equal(domain.DomainProcessingStatus, 'Active');
    assert.equal(domain.ServiceSoftwareOptions?.UpdateStatus, 'ELIGIBLE');
    clock.advance(3 * processingMs);
    assert.equal((await softwareOf('cancelled')).ServiceSoftwareOptions?.UpdateStatus, 'ELIGIBLE');
  });

  it("runs none of an update's stages while it is pending: they run IN_PROGRESS, and a cancel stops them all", async () => {
    const stagesOf = async (DomainName: string) => {
      const { ChangeProgressStatus } = await client.send(
        new DescribeDomainChangeProgressCommand({ DomainName }),
      );
      return ChangeProgressStatus;
    };
    const statuses = async (DomainName: string) =>
      (await stagesOf(DomainName))?.ChangeProgressStages?.map((stage) => stage.Status);

    await createDomain('staged');
    await client.send(new StartElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'staged' }));
    clock.advance(processingMs - 1);
    assert.equal((await softwareOf('staged')).ServiceSoftwareOptions?.UpdateStatus, 'PENDING_UPDATE');
    const pending = await stagesOf('staged');
    assert.equal(pending?.Status, 'PENDING');
    assert.equal(pending?.ConfigChangeStatus, 'Pending');
    assert.deepEqual(pending?.PendingProperties, ['ServiceSoftwareOptions']);
    assert.deepEqual(await statuses('staged'), Array(8).fill('PENDING'));
    assert.equal(pending?.LastUpdatedTime?.getTime(), pending?.StartTime?.getTime());

    // The first stage begins as the update goes IN_PROGRESS: the change's last update is then, not its request.
    clock.advance(1);
    const begun = await stagesOf('staged');
    const stagesBegan = (pending?.StartTime?.getTime() ?? 0) + processingMs;
    assert.equal(begun?.ConfigChangeStatus, 'ApplyingChanges');
    assert.equal(begun?.ChangeProgressStages?.[0]?.Status, 'IN_PROGRESS');
    assert.equal(begun?.ChangeProgressStages?.[0]?.LastUpdated?.getTime(), stagesBegan);
    assert.equal(begun?.LastUpdatedTime?.getTime(), stagesBegan);
    const { DomainStatus: begunDomain } = await client.send(
      new DescribeElasticsearchDomainCommand({ DomainName: 'staged' }),
    );
    assert.equal(begunDomain?.ChangeProgressDetails?.LastUpdatedTime?.getTime(), stagesBegan);

    // Half of the update's own period: four of its eight stages are done.
    clock.advance(processingMs / 2);
    assert.equal((await softwareOf('staged')).ServiceSoftwareOptions?.UpdateStatus, 'IN_PROGRESS');
    assert.equal((await stagesOf('staged'))?.ConfigChangeStatus, 'ApplyingChanges');
    assert.equal((await stagesOf('staged'))?.Status, 'PROCESSING');
    assert.deepEqual(await statuses('staged'), [
      ...Array(4).fill('COMPLETED'),
      'IN_PROGRESS',
      ...Array(3).fill('PENDING'),
    ]);
    clock.advance(processingMs / 2);
    assert.deepEqual(await statuses('staged'), Array(8).fill('COMPLETED'));

    await createDomain('cancelled-early');
    await client.send(new StartElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'cancelled-early' }));
    clock.advance(processingMs / 2);
    await client.send(new CancelElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'cancelled-early' }));
    const cancelled = await stagesOf('cancelled-early');
    assert.equal(cancelled?.ConfigChangeStatus, 'Cancelled');
    assert.deepEqual(await statuses('cancelled-early'), Array(8).fill('CANCELLED'));
  });

  it('refuses to cancel when nothing is pending, or once the update runs', async () => {
    await createDomain('not-cancellable');
    await expectServiceError(
      () =>
        client.send(new CancelElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'not-cancellable' })),
      {
        name: 'ValidationException',
        status: 400,
        message: 'There is no pending service software update to cancel for domain not-cancellable.',
      },
    );

    await client.send(new StartElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'not-cancellable' }));
    clock.advance(processingMs);
    const error = await errorOf(() =>
      client.send(new CancelElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'not-cancellable' })),
    );
    assert.equal(error.name, 'ValidationException');
    assert.equal(
      error.message,
      'The service software update of domain not-cancellable is already in progress and cannot be cancelled.',
    );
    clock.advance(processingMs);
  });

  it('refuses an update while the domain is being created', async () => {
    await createTestDomain(client, 'still-creating');
    const error = await errorOf(() =>
      client.send(new StartElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'still-creating' })),
    );
    assert.equal(error.name, 'ValidationException');
    assert.equal(
      error.message,
      'A change/update is in progress. Please wait for it to complete before requesting another change.',
    );
    clock.advance(processingMs);
  });

  it('offers nothing to a domain being deleted: describes answer what its delete answered', async () => {
    await createTestDomain(client, 'deleted-creating');
    const { DomainStatus: deleted } = await client.send(
      new DeleteElasticsearchDomainCommand({ DomainName: 'deleted-creating' }),
    );
    assert.equal(deleted?.ServiceSoftwareOptions?.UpdateStatus, 'COMPLETED');
    const described = await client.send(
      new DescribeElasticsearchDomainCommand({ DomainName: 'deleted-creating' }),
    );
    assert.deepEqual(described.DomainStatus?.ServiceSoftwareOptions, deleted?.ServiceSoftwareOptions);
    clock.advance(processingMs / 2);
    const later = await client.send(
      new DescribeElasticsearchDomainCommand({ DomainName: 'deleted-creating' }),
    );
    assert.equal(later.DomainStatus?.Deleted, true);
    assert.deepEqual(later.DomainStatus?.ServiceSoftwareOptions, deleted?.ServiceSoftwareOptions);
    clock.advance(processingMs);
  });

  it('refuses to cancel a pending update of a domain being deleted, which stays as its delete answered', async () => {
    await createDomain('deleted-pending');
    await client.send(new StartElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'deleted-pending' }));
    const { DomainStatus: deleted } = await client.send(
      new DeleteElasticsearchDomainCommand({ DomainName: 'deleted-pending' }),
    );
    assert.equal(deleted?.ServiceSoftwareOptions?.UpdateStatus, 'PENDING_UPDATE');
    // The options say what the cancel answers: not cancellable while the domain is deleted.
    assert.equal(deleted?.ServiceSoftwareOptions?.Cancellable, false);
    await expectServiceError(
      () =>
        client.send(new CancelElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'deleted-pending' })),
      {
        name: 'ValidationException',
        status: 400,
        message:
          'A change/update is in progress. Please wait for it to complete before requesting another change.',
      },
    );
    const described = await client.send(
      new DescribeElasticsearchDomainCommand({ DomainName: 'deleted-pending' }),
    );
    assert.deepEqual(described.DomainStatus?.ServiceSoftwareOptions, deleted?.ServiceSoftwareOptions);
    clock.advance(2 * processingMs);
  });

  it('names the releases of an OpenSearch domain as AWS does', async () => {
    await createTestDomain(client, 'eligible-os', { ElasticsearchVersion: 'OpenSearch_1.3' });
    clock.advance(processingMs);
    const options = (await softwareOf('eligible-os')).ServiceSoftwareOptions;
    assert.equal(options?.CurrentVersion, 'OpenSearch_1_3_R20250625');
    assert.equal(options?.NewVersion, 'OpenSearch_1_3_R20250904');
    assert.equal(options?.UpdateStatus, 'ELIGIBLE');
  });

  it('puts a domain whose engine upgrade completes on the newest release, up to date', async () => {
    await createTestDomain(client, 'upgraded', { ElasticsearchVersion: '7.9' });
    clock.advance(processingMs);
    assert.equal((await softwareOf('upgraded')).ServiceSoftwareOptions?.UpdateStatus, 'ELIGIBLE');
    await client.send(
      new UpgradeElasticsearchDomainCommand({ DomainName: 'upgraded', TargetVersion: '7.10' }),
    );
    clock.advance(10 * processingMs);
    const domain = await softwareOf('upgraded');
    assert.equal(domain.ElasticsearchVersion, '7.10');
    assert.deepEqual(domain.ServiceSoftwareOptions, upToDate(latest));
  });

  it('puts a domain on the newest release with a blue/green update, but not with a dynamic or cancelled one', async () => {
    // AWS's service software guide: "if you make a change on the domain that causes a blue/green deployment,
    // OpenSearch Service automatically updates your domain for you."
    await createDomain('blue-green');
    await createDomain('dynamic');
    await createDomain('cancelled');
    const scaleOut = (DomainName: string) =>
      client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName,
          ElasticsearchClusterConfig: { InstanceCount: 2 },
        }),
      );
    await scaleOut('blue-green');
    await scaleOut('cancelled');
    // An access policy is a dynamic update (AWS's configuration-change guide).
    const account = emulator.config.accountId;
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${account}:root` },
          Action: 'es:ESHttpGet',
          Resource: `arn:aws:es:${emulator.region}:${account}:domain/dynamic/*`,
        },
      ],
    };
    await client.send(
      new UpdateElasticsearchDomainConfigCommand({
        DomainName: 'dynamic',
        AccessPolicies: JSON.stringify(policy),
      }),
    );
    clock.advance(processingMs / 2);
    // While the deployment runs, the release is still offered.
    assert.equal((await softwareOf('blue-green')).ServiceSoftwareOptions?.UpdateStatus, 'ELIGIBLE');
    await client.send(new CancelDomainConfigChangeCommand({ DomainName: 'cancelled' }));
    clock.advance(processingMs / 2);
    assert.deepEqual((await softwareOf('blue-green')).ServiceSoftwareOptions, upToDate(latest));
    for (const DomainName of ['dynamic', 'cancelled']) {
      const options = (await softwareOf(DomainName)).ServiceSoftwareOptions;
      assert.deepEqual(
        [DomainName, options?.CurrentVersion, options?.UpdateStatus],
        [DomainName, recorded, 'ELIGIBLE'],
      );
    }
  });

  it('answers ResourceNotFoundException for a domain that does not exist', async () => {
    for (const call of [
      () => client.send(new StartElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'nope' })),
      () => client.send(new CancelElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'nope' })),
    ]) {
      await expectServiceError(call, {
        name: 'ResourceNotFoundException',
        status: 409,
        message: 'Domain not found: nope',
      });
    }
  });
});

describe('service software kept in a state file, the setting turned off', () => {
  it('keeps a domain updated to the offered release up to date, never offering the older one back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-local-software-'));
    const statePath = path.join(dir, 'state.sqlite');
    try {
      const first = await startTestEmulator({ iamMode: 'off', statePath, softwareUpdateAvailable: true });
      try {
        const client = first.client();
        await createTestDomain(client, 'kept');
        await client.send(new StartElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'kept' }));
        const { DomainStatus } = await client.send(
          new DescribeElasticsearchDomainCommand({ DomainName: 'kept' }),
        );
        assert.deepEqual(DomainStatus?.ServiceSoftwareOptions, upToDate(latest));
      } finally {
        await first.stop();
      }
      const second = await startTestEmulator({ iamMode: 'off', statePath });
      try {
        const { DomainStatus } = await second
          .client()
          .send(new DescribeElasticsearchDomainCommand({ DomainName: 'kept' }));
        assert.deepEqual(DomainStatus?.ServiceSoftwareOptions, upToDate(latest));
      } finally {
        await second.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

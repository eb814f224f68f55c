import assert from 'node:assert/strict';
import {
  DeleteElasticsearchDomainCommand,
  DescribeElasticsearchDomainCommand,
  DescribeElasticsearchDomainConfigCommand,
  GetUpgradeHistoryCommand,
  GetUpgradeStatusCommand,
  ListDomainNamesCommand,
  UpdateElasticsearchDomainConfigCommand,
  UpgradeElasticsearchDomainCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type { ElasticsearchServiceClient } from '@aws-sdk/client-elasticsearch-service';
import { startEngineUpgrade, takeDueEngineUpgrades } from '../server/lifecycle/engine-upgrades';
import { upgradeHistoryKind } from '../server/lifecycle/upgrade-progress';
import { ManualClock } from '../server/runtime';
import { Store } from '../store/store';
import type { TestEmulator } from './support/emulator';
import { startClockedEmulator, startTestEmulator } from './support/emulator';
import { expectServiceError } from './support/errors';
import { createTestDomain } from './support/domains';

const processingMs = 60_000;

describe('upgrades', () => {
  let emulator: TestEmulator;
  let client: ElasticsearchServiceClient;
  const clock = new ManualClock();

  before(async () => {
    emulator = await startClockedEmulator(clock, processingMs);
    client = emulator.client();
  });
  after(() => emulator.stop());

  /** Creates a domain and lets its creation finish. */
  async function createDomain(DomainName: string, ElasticsearchVersion: string): Promise<void> {
    await createTestDomain(client, DomainName, { ElasticsearchVersion });
    clock.advance(processingMs);
  }

  async function describe(DomainName: string) {
    const { DomainStatus } = await client.send(new DescribeElasticsearchDomainCommand({ DomainName }));
    assert.ok(DomainStatus);
    return DomainStatus;
  }

  async function upgradeStatus(DomainName: string) {
    const { UpgradeStep, StepStatus, UpgradeName } = await client.send(
      new GetUpgradeStatusCommand({ DomainName }),
    );
    return { UpgradeStep, StepStatus, UpgradeName };
  }

  it('runs an eligibility check only: recorded in the history, the domain unchanged', async () => {
    await createDomain('check-only', '6.8');
    const response = await client.send(
      new UpgradeElasticsearchDomainCommand({
        DomainName: 'check-only',
        TargetVersion: '7.10',
        PerformCheckOnly: true,
      }),
    );
    assert.equal(response.DomainName, 'check-only');
    assert.equal(response.TargetVersion, '7.10');
    assert.equal(response.PerformCheckOnly, true);
    assert.equal(response.ChangeProgressDetails, undefined);

    assert.deepEqual(await upgradeStatus('check-only'), {
      UpgradeStep: 'PRE_UPGRADE_CHECK',
      StepStatus: 'IN_PROGRESS',
      UpgradeName: 'Upgrade from 6.8 to 7.10',
    });
    clock.advance(processingMs);
    assert.deepEqual(await upgradeStatus('check-only'), {
      UpgradeStep: 'PRE_UPGRADE_CHECK',
      StepStatus: 'SUCCEEDED',
      UpgradeName: 'Upgrade from 6.8 to 7.10',
    });
    const domain = await describe('check-only');
    assert.equal(domain.ElasticsearchVersion, '6.8');
    assert.equal(domain.UpgradeProcessing, false);
    assert.equal(domain.DomainProcessingStatus, 'Active');

    const { UpgradeHistories } = await client.send(
      new GetUpgradeHistoryCommand({ DomainName: 'check-only' }),
    );
    assert.equal(UpgradeHistories?.length, 1);
    const [entry] = UpgradeHistories ?? [];
    assert.equal(entry?.UpgradeStatus, 'SUCCEEDED');
    assert.deepEqual(
      entry?.StepsList?.map((step) => [step.UpgradeStep, step.UpgradeStepStatus, step.ProgressPercent]),
      [['PRE_UPGRADE_CHECK', 'SUCCEEDED', 100]],
    );
  });

  it('upgrades a domain step by step with the clock, then runs the target version', async () => {
    await createDomain('real-upgrade', '6.8');
    const versionSection = async () =>
      (await client.send(new DescribeElasticsearchDomainConfigCommand({ DomainName: 'real-upgrade' })))
        .DomainConfig?.ElasticsearchVersion;
    const created = await versionSection();
    const createdOptions = (await describe('real-upgrade')).AdvancedOptions;
    const started = clock.now();
    const response = await client.send(
      new UpgradeElasticsearchDomainCommand({ DomainName: 'real-upgrade', TargetVersion: '7.10' }),
    );
    assert.equal(response.PerformCheckOnly, false);
    assert.match(response.ChangeProgressDetails?.ChangeId ?? '', /^[0-9a-f-]{36}$/);
    // The answer to the call that starts a change is Pending, updated when it started, as the create's and the
    // update's (recorded 2025-09); the domain read at the same instant is already ApplyingChanges.
    assert.equal(response.ChangeProgressDetails?.ConfigChangeStatus, 'Pending');
    assert.equal(response.ChangeProgressDetails?.StartTime?.getTime(), started);
    assert.equal(response.ChangeProgressDetails?.LastUpdatedTime?.getTime(), started);

    let domain = await describe('real-upgrade');
    assert.equal(domain.UpgradeProcessing, true);
    assert.equal(domain.Processing, true);
    assert.equal(domain.DomainProcessingStatus, 'UpgradingEngineVersion');
    assert.equal(domain.ElasticsearchVersion, '6.8');
    assert.equal(domain.ChangeProgressDetails?.ChangeId, response.ChangeProgressDetails?.ChangeId);

    const seen: [string | undefined, string | undefined][] = [];
    for (let step = 0; step < 4; step++) {
      const status = await upgradeStatus('real-upgrade');
      assert.equal(status.UpgradeName, 'Upgrade from 6.8 to 7.10');
      seen.push([status.UpgradeStep, status.StepStatus]);
      clock.advance(processingMs);
    }
    assert.deepEqual(seen, [
      ['PRE_UPGRADE_CHECK', 'IN_PROGRESS'],
      ['SNAPSHOT', 'IN_PROGRESS'],
      ['UPGRADE', 'IN_PROGRESS'],
      ['UPGRADE', 'SUCCEEDED'],
    ]);

    domain = await describe('real-upgrade');
    assert.equal(domain.ElasticsearchVersion, '7.10');
    // The upgrade is a change of the domain's configuration: its section moves to the next version.
    const upgraded = await versionSection();
    assert.equal(upgraded?.Options, '7.10');
    assert.equal(upgraded?.Status?.UpdateVersion, (created?.Status?.UpdateVersion ?? 0) + 1);
    assert.equal(domain.UpgradeProcessing, false);
    assert.equal(domain.DomainProcessingStatus, 'Active');
    // Compatibility mode defaults to true only for an upgrade to OpenSearch (AWS's rename guide): an upgrade within
    // Elasticsearch leaves the advanced options as they were.
    assert.equal(createdOptions?.override_main_response_version, undefined);
    assert.deepEqual(domain.AdvancedOptions, createdOptions);
    // Deployed on the newest release of its new engine version, as AWS answers a new domain: nothing to update.
    assert.deepEqual(domain.ServiceSoftwareOptions, {
      AutomatedUpdateDate: new Date(0),
      Cancellable: false,
      CurrentVersion: 'Elasticsearch_7_10_R20250625',
      Description: 'There is no software update available for this domain.',
      NewVersion: '',
      OptionalDeployment: true,
      UpdateAvailable: false,
      UpdateStatus: 'COMPLETED',
    });

    const { UpgradeHistories } = await client.send(
      new GetUpgradeHistoryCommand({ DomainName: 'real-upgrade' }),
    );
    const [entry] = UpgradeHistories ?? [];
    assert.equal(entry?.UpgradeName, 'Upgrade from 6.8 to 7.10');
    assert.equal(entry?.UpgradeStatus, 'SUCCEEDED');
    assert.equal(entry?.StartTimestamp?.getTime(), started);
    assert.deepEqual(
      entry?.StepsList?.map((step) => [step.UpgradeStep, step.UpgradeStepStatus, step.Issues]),
      [
        ['PRE_UPGRADE_CHECK', 'SUCCEEDED', []],
        ['SNAPSHOT', 'SUCCEEDED', []],
        ['UPGRADE', 'SUCCEEDED', []],
      ],
    );
  });

  it('gives a step in progress the share of it done, in whole percent rounded down', async () => {
    await createDomain('mid-step', '6.8');
    await client.send(
      new UpgradeElasticsearchDomainCommand({ DomainName: 'mid-step', TargetVersion: '7.10' }),
    );
    // Two thirds into the second step (SNAPSHOT): 66.67 % of it done, the first step done.
    clock.advance(processingMs + (processingMs * 2) / 3);
    const { UpgradeHistories } = await client.send(new GetUpgradeHistoryCommand({ DomainName: 'mid-step' }));
    assert.deepEqual(
      UpgradeHistories?.[0]?.StepsList?.map((step) => [
        step.UpgradeStep,
        step.UpgradeStepStatus,
        step.ProgressPercent,
      ]),
      [
        ['PRE_UPGRADE_CHECK', 'SUCCEEDED', 100],
        ['SNAPSHOT', 'IN_PROGRESS', 66],
      ],
    );
    clock.advance(2 * processingMs);
  });

  it('moves the domain to the OpenSearch engine when the upgrade crosses to OpenSearch', async () => {
    await createDomain('to-opensearch', '7.10');
    await client.send(
      new UpgradeElasticsearchDomainCommand({ DomainName: 'to-opensearch', TargetVersion: 'OpenSearch_1.3' }),
    );
    clock.advance(3 * processingMs);
    const upgraded = await describe('to-opensearch');
    assert.equal(upgraded.ElasticsearchVersion, 'OpenSearch_1.3');
    // Compatibility mode defaults to true when a domain is upgraded to OpenSearch (AWS's rename guide).
    assert.equal(upgraded.AdvancedOptions?.override_main_response_version, 'true');
    const { DomainConfig: config } = await client.send(
      new DescribeElasticsearchDomainConfigCommand({ DomainName: 'to-opensearch' }),
    );
    assert.equal(
      config?.AdvancedOptions?.Status?.UpdateVersion,
      config?.ElasticsearchVersion?.Status?.UpdateVersion,
    );
    const { DomainNames } = await client.send(new ListDomainNamesCommand({ EngineType: 'OpenSearch' }));
    assert.ok(DomainNames?.some((domain) => domain.DomainName === 'to-opensearch'));
  });

  it('keeps the compatibility mode of a domain upgraded within OpenSearch as it was', async () => {
    await createDomain('within-opensearch', 'OpenSearch_1.3');
    const created = await describe('within-opensearch');
    await client.send(
      new UpgradeElasticsearchDomainCommand({
        DomainName: 'within-opensearch',
        TargetVersion: 'OpenSearch_2.19',
      }),
    );
    clock.advance(3 * processingMs);
    const upgraded = await describe('within-opensearch');
    assert.equal(upgraded.ElasticsearchVersion, 'OpenSearch_2.19');
    // The default of true is for an upgrade from Elasticsearch to OpenSearch (AWS's rename guide) only.
    assert.equal(created.AdvancedOptions?.override_main_response_version, 'false');
    assert.deepEqual(upgraded.AdvancedOptions, created.AdvancedOptions);
  });

  it("lists a domain's new engine once its upgrade to OpenSearch completes, though nothing has read the domain", async () => {
    await createDomain('listed-upgrade', '7.10');
    await client.send(
      new UpgradeElasticsearchDomainCommand({
        DomainName: 'listed-upgrade',
        TargetVersion: 'OpenSearch_1.3',
      }),
    );
    const engineListed = async () => {
      const { DomainNames } = await client.send(new ListDomainNamesCommand({}));
      return DomainNames?.find((domain) => domain.DomainName === 'listed-upgrade')?.EngineType;
    };
    const listedAs = async (EngineType: 'OpenSearch' | 'Elasticsearch') => {
      const { DomainNames } = await client.send(new ListDomainNamesCommand({ EngineType }));
      return DomainNames?.some((domain) => domain.DomainName === 'listed-upgrade');
    };
    assert.equal(await engineListed(), 'Elasticsearch');
    clock.advance(3 * processingMs - 1);
    assert.equal(await engineListed(), 'Elasticsearch');
    clock.advance(1);
    assert.equal(await listedAs('OpenSearch'), true);
    assert.equal(await listedAs('Elasticsearch'), false);
    assert.equal(await engineListed(), 'OpenSearch');
  });

  it('refuses a second upgrade while one runs, and other changes meanwhile', async () => {
    await createDomain('busy-upgrade', '6.8');
    await client.send(
      new UpgradeElasticsearchDomainCommand({ DomainName: 'busy-upgrade', TargetVersion: '7.1' }),
    );
    await expectServiceError(
      () =>
        client.send(
          new UpgradeElasticsearchDomainCommand({ DomainName: 'busy-upgrade', TargetVersion: '7.4' }),
        ),
      {
        name: 'ResourceAlreadyExistsException',
        status: 409,
        message: 'An upgrade of domain busy-upgrade to 7.1 is already in progress.',
      },
    );

    // An eligibility check meanwhile does not fail the call: the check fails with AWS's issue.
    await client.send(
      new UpgradeElasticsearchDomainCommand({
        DomainName: 'busy-upgrade',
        TargetVersion: '7.4',
        PerformCheckOnly: true,
      }),
    );
    assert.deepEqual(await upgradeStatus('busy-upgrade'), {
      UpgradeStep: 'PRE_UPGRADE_CHECK',
      StepStatus: 'IN_PROGRESS',
      UpgradeName: 'Upgrade from 6.8 to 7.4',
    });
    clock.advance(processingMs);
    const { UpgradeHistories } = await client.send(
      new GetUpgradeHistoryCommand({ DomainName: 'busy-upgrade' }),
    );
    assert.equal(UpgradeHistories?.[0]?.UpgradeStatus, 'FAILED');
    assert.deepEqual(UpgradeHistories?.[0]?.StepsList?.[0]?.Issues, [
      'The domain is in the middle of a configuration change. Check upgrade eligibility after the operation completes.',
    ]);
    clock.advance(3 * processingMs);
  });

  it('refuses an upgrade while a configuration change is being applied', async () => {
    await createDomain('busy-config', '6.8');
    await client.send(
      new UpdateElasticsearchDomainConfigCommand({
        DomainName: 'busy-config',
        ElasticsearchClusterConfig: { InstanceCount: 2 },
      }),
    );
    await expectServiceError(
      () =>
        client.send(
          new UpgradeElasticsearchDomainCommand({ DomainName: 'busy-config', TargetVersion: '7.10' }),
        ),
      {
        name: 'ValidationException',
        status: 400,
        message:
          'A change/update is in progress. Please wait for it to complete before requesting another change.',
      },
    );
    clock.advance(processingMs);
  });

  it('refuses a target that is not an upgrade path of the domain version', async () => {
    await createDomain('bad-path', '7.10');
    for (const TargetVersion of ['7.10', '6.8', '9.9']) {
      await expectServiceError(
        () => client.send(new UpgradeElasticsearchDomainCommand({ DomainName: 'bad-path', TargetVersion })),
        {
          name: 'ValidationException',
          status: 400,
          message: `Failed to submit upgrade. Upgrade from 7.10 to ${TargetVersion} not supported.`,
        },
      );
    }
    const { UpgradeHistories } = await client.send(new GetUpgradeHistoryCommand({ DomainName: 'bad-path' }));
    assert.deepEqual(UpgradeHistories, []);
  });

  it('answers ResourceNotFoundException for a domain that does not exist, on each operation', async () => {
    const calls = [
      () => client.send(new UpgradeElasticsearchDomainCommand({ DomainName: 'nope', TargetVersion: '7.10' })),
      () => client.send(new GetUpgradeStatusCommand({ DomainName: 'nope' })),
      () => client.send(new GetUpgradeHistoryCommand({ DomainName: 'nope' })),
    ];
    for (const call of calls) {
      await expectServiceError(call, {
        name: 'ResourceNotFoundException',
        status: 409,
        message: 'Domain not found: nope',
      });
    }
  });

  it('answers no status for a domain never upgraded nor checked', async () => {
    await createDomain('never-upgraded', '7.10');
    assert.deepEqual(await upgradeStatus('never-upgraded'), {
      UpgradeStep: undefined,
      StepStatus: undefined,
      UpgradeName: undefined,
    });
  });

  it('pages the history, newest first, keeping the last 10, and refuses a forged token', async () => {
    await createDomain('paged-history', '5.6');
    const targets = ['6.3', '6.4', '6.5', '6.7', '6.8', '6.3', '6.4', '6.5', '6.7', '6.8', '6.3', '6.4'];
    for (const TargetVersion of targets) {
      await client.send(
        new UpgradeElasticsearchDomainCommand({
          DomainName: 'paged-history',
          TargetVersion,
          PerformCheckOnly: true,
        }),
      );
      clock.advance(processingMs);
    }
    const names: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(
        new GetUpgradeHistoryCommand({ DomainName: 'paged-history', MaxResults: 4, NextToken }),
      );
      pages++;
      assert.ok((page.UpgradeHistories?.length ?? 0) <= 4);
      for (const entry of page.UpgradeHistories ?? []) names.push(entry.UpgradeName ?? '');
      NextToken = page.NextToken;
    } while (NextToken);
    assert.equal(pages, 3);
    assert.deepEqual(
      names,
      targets
        .slice(-10)
        .reverse()
        .map((target) => `Upgrade from 5.6 to ${target}`),
    );
    // A page size of 0 or less means the default page: a token that never moved on would loop a paginator.
    for (const MaxResults of [0, -1]) {
      const page = await client.send(
        new GetUpgradeHistoryCommand({ DomainName: 'paged-history', MaxResults }),
      );
      assert.equal(page.UpgradeHistories?.length, 10);
      assert.equal(page.NextToken, undefined);
    }

    await expectServiceError(
      () => client.send(new GetUpgradeHistoryCommand({ DomainName: 'paged-history', NextToken: 'forged' })),
      { name: 'ValidationException', status: 400, message: 'The pagination token is invalid.' },
    );
  });

  it('does not give a re-created domain the history of the deleted one', async () => {
    await createDomain('recreated', '6.8');
    await client.send(
      new UpgradeElasticsearchDomainCommand({
        DomainName: 'recreated',
        TargetVersion: '7.10',
        PerformCheckOnly: true,
      }),
    );
    await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'recreated' }));
    clock.advance(processingMs);
    await createDomain('recreated', '6.8');
    const { UpgradeHistories } = await client.send(new GetUpgradeHistoryCommand({ DomainName: 'recreated' }));
    assert.deepEqual(UpgradeHistories, []);

    // The new domain's first attempt drops the deleted one's from the store: no row of it is left to grow.
    await client.send(
      new UpgradeElasticsearchDomainCommand({
        DomainName: 'recreated',
        TargetVersion: '7.10',
        PerformCheckOnly: true,
      }),
    );
    const stored = emulator.store.resources.list(
      { account: emulator.config.accountId, region: emulator.region },
      upgradeHistoryKind,
      'recreated',
    );
    assert.equal(stored.length, 1);
    const { UpgradeHistories: after } = await client.send(
      new GetUpgradeHistoryCommand({ DomainName: 'recreated' }),
    );
    assert.equal(after?.length, 1);
  });
});

describe('the times one upgrade call dates', () => {
  it('are one instant: the history entry starts when the change does, on a clock that moves at every read', async () => {
    // Each read of this clock is a millisecond later than the last, as the system clock may be between two reads.
    let reads = 0;
    const start = Date.now();
    const emulator = await startTestEmulator({ iamMode: 'off', clock: { now: () => start + reads++ } });
    try {
      const client = emulator.client();
      await createTestDomain(client, 'dated', { ElasticsearchVersion: '6.8' });
      const { ChangeProgressDetails } = await client.send(
        new UpgradeElasticsearchDomainCommand({ DomainName: 'dated', TargetVersion: '7.10' }),
      );
      const { UpgradeHistories } = await client.send(new GetUpgradeHistoryCommand({ DomainName: 'dated' }));
      assert.ok(ChangeProgressDetails?.StartTime);
      assert.equal(
        UpgradeHistories?.[0]?.StartTimestamp?.getTime(),
        ChangeProgressDetails.StartTime.getTime(),
      );
      const { DomainConfig } = await client.send(
        new DescribeElasticsearchDomainConfigCommand({ DomainName: 'dated' }),
      );
      assert.equal(
        DomainConfig?.ElasticsearchVersion?.Status?.UpdateDate?.getTime(),
        ChangeProgressDetails.StartTime.getTime(),
      );
    } finally {
      await emulator.stop();
    }
  });
});

describe('the upgrades to OpenSearch kept for ListDomainNames', () => {
  it('are swept again after a call that took them failed and rolled back', () => {
    const store = Store.open(':memory:');
    const scope = { account: '111122223333', region: 'us-east-1' };
    try {
      assert.deepEqual(takeDueEngineUpgrades(store, scope, 0), []);
      store.transaction(() => startEngineUpgrade(store, scope, 'crossing', 1_000));
      assert.throws(() =>
        store.transaction(() => {
          assert.deepEqual(takeDueEngineUpgrades(store, scope, 1_000), ['crossing']);
          throw new Error('the call fails after the sweep');
        }),
      );
      assert.deepEqual(takeDueEngineUpgrades(store, scope, 1_000), ['crossing']);
      assert.deepEqual(takeDueEngineUpgrades(store, scope, 1_000), []);
    } finally {
      store.close();
    }
  });
});

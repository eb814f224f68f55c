import assert from 'node:assert/strict';
import {
  CancelDomainConfigChangeCommand,
  DescribeElasticsearchDomainCommand,
  GetUpgradeHistoryCommand,
  UpdateElasticsearchDomainConfigCommand,
  UpgradeElasticsearchDomainCommand,
} from '@aws-sdk/client-elasticsearch-service';
import { stepsAt } from '../server/lifecycle/upgrade-progress';
import { SteadyClock } from '../server/runtime';
import type { TestEmulator } from './support/emulator';
import { startTestEmulator } from './support/emulator';
import { createTestDomain } from './support/domains';
import { expectServiceError } from './support/errors';

/** A system clock that a test steps, and the never-stepping clock beside it, both moved by hand. */
class SteppingClock {
  wall = Date.UTC(2026, 10, 27, 12);
  steady = 5_000;
  /** Time passing: both clocks move. */
  pass(ms: number): void {
    this.wall += ms;
    this.steady += ms;
  }
  /** The system clock set: only the wall clock moves. */
  step(ms: number): void {
    this.wall += ms;
  }
  now(): number {
    return this.wall;
  }
  elapsed(): number {
    return this.steady;
  }
}

describe('SteadyClock: the time of what takes time, when the system clock steps', () => {
  const start = Date.UTC(2026, 10, 27, 12);
  const cases: { title: string; moves: ['pass' | 'step', number][]; expected: number }[] = [
    { title: 'follows the clock while it does not step', moves: [['pass', 1_000]], expected: start + 1_000 },
    {
      title: 'goes on from where it was after a step back, at the pace of time passing',
      moves: [
        ['step', -3_600_000],
        ['pass', 2_000],
      ],
      expected: start + 2_000,
    },
    {
      title: 'follows a step forwards',
      moves: [
        ['pass', 1_000],
        ['step', 86_400_000],
      ],
      expected: start + 1_000 + 86_400_000,
    },
    {
      title: 'takes a step forwards that undoes a step back as making it up, without a jump',
      moves: [
        ['step', -3_600_000],
        ['pass', 1_000],
        ['step', 3_600_000],
        ['pass', 1_000],
      ],
      expected: start + 2_000,
    },
    {
      title: 'holds still through a step back too small to tell from slewing, rather than going back',
      moves: [['step', -50]],
      expected: start,
    },
    {
      title: 'takes the clock slewing within the margin as the clock',
      moves: [
        ['pass', 10_000],
        ['step', 40],
      ],
      expected: start + 10_040,
    },
  ];
  for (const { title, moves, expected } of cases) {
    it(title, () => {
      const clock = new SteppingClock();
      const steady = new SteadyClock(clock);
      assert.equal(steady.now(), start);
      for (const [move, ms] of moves) {
        clock[move](ms);
        steady.now();
      }
      assert.equal(steady.now(), expected);
    });
  }
});

describe('the system clock set back while the emulator runs, through the JS v3 SDK', () => {
  let emulator: TestEmulator;
  // The SDK signs by the real time: the emulator's clock is the real time plus an offset a test steps, within the 5
  // minutes of skew that SigV4 allows.
  let offset = 0;
  const clock = { now: () => Date.now() + offset, elapsed: () => performance.now() };

  beforeEach(async () => {
    offset = 0;
    emulator = await startTestEmulator({ clock, iamMode: 'off', domainProcessingMs: 0 });
  });
  afterEach(() => emulator.stop());

  const describeDomain = async (name: string) =>
    (await emulator.client().send(new DescribeElasticsearchDomainCommand({ DomainName: name }))).DomainStatus;

  it('leaves a created domain active, with its endpoint, and open to changes', async () => {
    await createTestDomain(emulator.client(), 'steady');
    const before = await describeDomain('steady');
    assert.equal(before?.Processing, false);
    offset = -240_000;
    const after = await describeDomain('steady');
    assert.equal(after?.Processing, false);
    assert.equal(after?.DomainProcessingStatus, before?.DomainProcessingStatus);
    assert.equal(after?.Endpoint, before?.Endpoint);
    await emulator.client().send(
      new UpdateElasticsearchDomainConfigCommand({
        DomainName: 'steady',
        ElasticsearchClusterConfig: { InstanceCount: 2 },
      }),
    );
  });

  it('leaves an applied change applied: there is nothing to cancel', async () => {
    await createTestDomain(emulator.client(), 'applied');
    await emulator.client().send(
      new UpdateElasticsearchDomainConfigCommand({
        DomainName: 'applied',
        ElasticsearchClusterConfig: { InstanceCount: 2 },
      }),
    );
    offset = -240_000;
    await expectServiceError(
      () => emulator.client().send(new CancelDomainConfigChangeCommand({ DomainName: 'applied' })),
      {
        name: 'ValidationException',
        status: 400,
        message: 'There is no pending configuration change to cancel for domain applied.',
      },
    );
    assert.equal((await describeDomain('applied'))?.ElasticsearchClusterConfig?.InstanceCount, 2);
  });

  it('leaves a finished upgrade finished, every step at 100%', async () => {
    await createTestDomain(emulator.client(), 'upgraded', { ElasticsearchVersion: '7.9' });
    await emulator
      .client()
      .send(new UpgradeElasticsearchDomainCommand({ DomainName: 'upgraded', TargetVersion: '7.10' }));
    offset = -240_000;
    const { UpgradeHistories } = await emulator
      .client()
      .send(new GetUpgradeHistoryCommand({ DomainName: 'upgraded' }));
    assert.equal(UpgradeHistories?.[0]?.UpgradeStatus, 'SUCCEEDED');
    for (const step of UpgradeHistories?.[0]?.StepsList ?? []) assert.equal(step.ProgressPercent, 100);
    assert.equal((await describeDomain('upgraded'))?.ElasticsearchVersion, '7.10');
  });
});

describe('an upgrade read at a time before it began (a restart on a clock set back)', () => {
  it('gives its first step 0%, never a negative percentage', () => {
    const startedAt = Date.UTC(2026, 10, 27, 12);
    const attempt = {
      sourceVersion: '7.9',
      targetVersion: '7.10',
      checkOnly: false,
      startedAt,
      stepMs: 60_000,
      issues: [],
    };
    const steps = stepsAt(attempt, startedAt - 3_600_000);
    assert.deepEqual(
      steps.map((step) => [step.UpgradeStep, step.UpgradeStepStatus, step.ProgressPercent]),
      [['PRE_UPGRADE_CHECK', 'IN_PROGRESS', 0]],
    );
  });
});

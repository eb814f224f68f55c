import type {
  GetUpgradeStatusResponse,
  UpgradeHistory,
  UpgradeStatus,
  UpgradeStep,
  UpgradeStepItem,
} from '../../schemas/types.generated';
import type { DomainIncarnationMark } from '../domains/record';
import { epochSeconds } from '../domains/record';

/** One upgrade or upgrade eligibility check, as kept in the store (resources kind `upgradeHistoryKind`). */
export interface UpgradeAttempt extends DomainIncarnationMark {
  sourceVersion: string;
  targetVersion: string;
  checkOnly: boolean;
  /** ms since the epoch. */
  startedAt: number;
  /** How long each step takes (config.domainProcessingMs when it started). */
  stepMs: number;
  /** When the pre-upgrade check found issues: the check fails with them and nothing else runs. */
  issues: string[];
}

export const upgradeHistoryKind = 'upgrade-history';

/** AWS keeps "the complete history of the last 10 upgrades" (GetUpgradeHistory documentation). */
export const upgradeHistoryKept = 10;

/** The steps an upgrade goes through in order (AWS documentation: pre-upgrade checks, snapshot, upgrade). */
const upgradeSteps: UpgradeStep[] = ['PRE_UPGRADE_CHECK', 'SNAPSHOT', 'UPGRADE'];

/**
 * `Upgrade from 6.8 to 7.10`: the form of AWS's own text about an upgrade path (CloudFormation surfaced
 * `Upgrade from 7.4 to 7.4 not supported.`). Used for checks too: GetUpgradeStatus names the latest upgrade
 * or eligibility check the same way.
 */
export function upgradeName(attempt: Pick<UpgradeAttempt, 'sourceVersion' | 'targetVersion'>): string {
  return `Upgrade from ${attempt.sourceVersion} to ${attempt.targetVersion}`;
}

/** When the attempt is over (ms): one step for a check (or a failed check), three for an upgrade. */
export function attemptCompletesAt(attempt: UpgradeAttempt): number {
  const steps = attempt.checkOnly || attempt.issues.length > 0 ? 1 : upgradeSteps.length;
  return attempt.startedAt + steps * attempt.stepMs;
}

/** The steps reached at `now`, each with its status; the last one is the current step. */
export function stepsAt(attempt: UpgradeAttempt, now: number): UpgradeStepItem[] {
  const failed = attempt.issues.length > 0;
  const planned = attempt.checkOnly || failed ? upgradeSteps.slice(0, 1) : upgradeSteps;
  const items: UpgradeStepItem[] = [];
  for (const [index, step] of planned.entries()) {
    const stepStart = attempt.startedAt + index * attempt.stepMs;
    const stepEnd = stepStart + attempt.stepMs;
    if (index > 0 && now < stepStart) break;
    const done = now >= stepEnd;
    const status: UpgradeStatus = !done ? 'IN_PROGRESS' : failed ? 'FAILED' : 'SUCCEEDED';
    // A percentage (the model): 0 at most when `now` is before the step, as after a restart on a clock set back
    // (SteadyClock keeps it from going back while the emulator runs).
    const progress = done ? 100 : Math.max(0, Math.floor(((now - stepStart) / attempt.stepMs) * 100));
    items.push({
      UpgradeStep: step,
      UpgradeStepStatus: status,
      Issues: failed && index === 0 ? [...attempt.issues] : [],
      ProgressPercent: progress,
    });
  }
  return items;
}

/** GetUpgradeStatus for the attempt at `now`: its current step and that step's status. */
export function upgradeStatusAt(attempt: UpgradeAttempt, now: number): GetUpgradeStatusResponse {
  const steps = stepsAt(attempt, now);
  const current = steps[steps.length - 1];
  return {
    UpgradeStep: current?.UpgradeStep ?? 'PRE_UPGRADE_CHECK',
    StepStatus: current?.UpgradeStepStatus ?? 'IN_PROGRESS',
    UpgradeName: upgradeName(attempt),
  };
}

/** One GetUpgradeHistory entry for the attempt at `now`. */
export function upgradeHistoryAt(attempt: UpgradeAttempt, now: number): UpgradeHistory {
  const steps = stepsAt(attempt, now);
  const over = now >= attemptCompletesAt(attempt);
  return {
    UpgradeName: upgradeName(attempt),
    StartTimestamp: epochSeconds(attempt.startedAt),
    UpgradeStatus: !over ? 'IN_PROGRESS' : attempt.issues.length > 0 ? 'FAILED' : 'SUCCEEDED',
    StepsList: steps,
  };
}

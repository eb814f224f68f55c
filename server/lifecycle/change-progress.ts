import type { ChangeProgressStage, ChangeProgressStatusDetails } from '../../schemas/types.generated';
import type { StageName } from '../domains/dry-run';
import { blueGreenStages, isStageName, stageDescriptions } from '../domains/dry-run';
import { creationFinishingSince, epochSeconds } from '../domains/record';
import type { PastChange } from './settle';

/**
 * For changes stored before their stages were kept with them only: AWS documents these changes as usually applied
 * without a blue/green deployment (access policy, automated snapshot hour, enabling Auto-Tune), and a change
 * touching only them was shown as a dynamic update.
 */
const dynamicSections = new Set(['AccessPolicies', 'SnapshotOptions', 'AutoTuneOptions']);

function stagesOf(change: PastChange): StageName[] {
  // AWS documents the stages of configuration changes only: a deletion has none of them.
  if (change.processingStatus === 'Deleting') return [];
  // An update keeps the stages its deployment plan gave it (domains/dry-run: the same plan as DryRun's answer),
  // read back from the store.
  if (change.stages) return change.stages.filter(isStageName);
  const dynamic =
    change.processingStatus === 'Modifying' &&
    change.sections.length > 0 &&
    change.sections.every((section) => dynamicSections.has(section.split('.')[0] ?? section));
  return dynamic ? ['Validation', 'Dynamic update'] : [...blueGreenStages];
}

/**
 * DescribeDomainChangeProgress for one change at `now`: the stages share the change's duration (from stagesStartAt,
 * when it has one) evenly and complete one after the other; a cancelled change keeps the stages it completed and
 * stops there.
 */
export function changeProgressAt(change: PastChange, now: number): ChangeProgressStatusDetails {
  const names = stagesOf(change);
  const stagesStartAt = Math.max(change.startedAt, change.stagesStartAt ?? change.startedAt);
  const duration = Math.max(0, (change.plannedCompletesAt ?? change.completesAt) - stagesStartAt);
  const done = now >= change.completesAt;
  const cancelled = change.cancelled === true;
  // The model: the last time the change's status was updated. A stage that starts or completes is such an update.
  let lastUpdated = change.startedAt;
  const stages: ChangeProgressStage[] = names.map((name, index) => {
    const stageStart = stagesStartAt + (duration * index) / names.length;
    const stageEnd = stagesStartAt + (duration * (index + 1)) / names.length;
    // Stage statuses are free text in the model; these follow the overall status vocabulary.
    let status = 'PENDING';
    if (cancelled) status = stageEnd <= change.completesAt && duration > 0 ? 'COMPLETED' : 'CANCELLED';
    else if (now >= stageEnd) status = 'COMPLETED';
    else if (now >= stageStart) status = 'IN_PROGRESS';
    const stage: ChangeProgressStage = { Name: name, Status: status, Description: stageDescriptions[name] };
    if (status === 'COMPLETED') {
      stage.LastUpdated = epochSeconds(stageEnd);
      lastUpdated = Math.max(lastUpdated, stageEnd);
    } else if (status === 'IN_PROGRESS') {
      stage.LastUpdated = epochSeconds(stageStart);
      lastUpdated = Math.max(lastUpdated, stageStart);
    }
    return stage;
  });
  const details: ChangeProgressStatusDetails = {
    ChangeId: change.ChangeId,
    StartTime: epochSeconds(change.startedAt),
    // OverallChangeStatus has no CANCELLED; the change is over (ConfigChangeStatus says Cancelled).
    // The model's overall statuses include PENDING: a change whose stages have not begun.
    Status: done ? 'COMPLETED' : now < stagesStartAt ? 'PENDING' : 'PROCESSING',
    PendingProperties: done || cancelled ? [] : [...change.sections],
    CompletedProperties: done && !cancelled ? [...change.sections] : [],
    TotalNumberOfStages: stages.length,
    ChangeProgressStages: stages,
    // Before its stages begin (a software update PENDING_UPDATE) nothing is applied yet: Pending. A creation is
    // Pending in its first half, as the domain is then described as the create answered it (CreationStage), and
    // ApplyingChanges in its last (recorded 2024-07). The domain's ChangeProgressDetails say what this says.
    ConfigChangeStatus: cancelled
      ? 'Cancelled'
      : done
        ? 'Completed'
        : now < stagesStartAt ||
            (change.processingStatus === 'Creating' && now < creationFinishingSince(change))
          ? 'Pending'
          : 'ApplyingChanges',
    LastUpdatedTime: epochSeconds(done ? change.completesAt : lastUpdated),
    InitiatedBy: change.initiatedBy,
  };
  return details;
}

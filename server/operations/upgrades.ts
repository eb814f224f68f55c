import { ResourceAlreadyExistsException, ValidationException } from '../../schemas/errors.generated';
import { engineTypeOf, upgradeTargets } from '../catalogue';
import {
  incarnationMark,
  isChangePending,
  isSameIncarnation,
  renderChangeProgressDetails,
  saveDomain,
  startChange,
} from '../domains/record';
import { startEngineUpgrade } from '../lifecycle/engine-upgrades';
import { loadDomain } from '../lifecycle/load';
import type { LifecycleRecord } from '../lifecycle/settle';
import type { UpgradeAttempt } from '../lifecycle/upgrade-progress';
import {
  attemptCompletesAt,
  upgradeHistoryAt,
  upgradeHistoryKept,
  upgradeHistoryKind,
  upgradeStatusAt,
} from '../lifecycle/upgrade-progress';
import { paginate } from './common';
import type { AnyOperationHandler, OperationContext } from './types';
import { defineOperation } from './types';

/** Text AWS answers while another change runs (recorded for UpdateDomainConfig, 2024). */
export const changeInProgressMessage =
  'A change/update is in progress. Please wait for it to complete before requesting another change.';

/** The eligibility issue AWS's upgrade documentation lists for a domain in the middle of a change. */
const domainInProcessingIssue =
  'The domain is in the middle of a configuration change. Check upgrade eligibility after the operation completes.';

/** Attempts of this domain (this incarnation of the name), oldest first. */
function attemptsOf(
  context: OperationContext,
  record: LifecycleRecord,
): { id: string; doc: UpgradeAttempt }[] {
  return context.store.resources
    .list<UpgradeAttempt>(context.scope, upgradeHistoryKind, record.DomainName)
    .filter((row) => isSameIncarnation(record, row.doc));
}

function recordAttempt(context: OperationContext, record: LifecycleRecord, attempt: UpgradeAttempt): void {
  const name = record.DomainName;
  context.store.resources.insert(context.scope, upgradeHistoryKind, context.ids.uuid(), name, attempt);
  // Rows of a deleted domain of the same name, and attempts beyond the last 10, are dropped.
  const rows = context.store.resources.list<UpgradeAttempt>(context.scope, upgradeHistoryKind, name);
  const current = rows.filter((row) => isSameIncarnation(record, row.doc));
  const stale = rows.filter((row) => !isSameIncarnation(record, row.doc));
  for (const row of [...stale, ...current.slice(0, Math.max(0, current.length - upgradeHistoryKept))]) {
    context.store.resources.delete(context.scope, upgradeHistoryKind, row.id);
  }
}

const upgradeElasticsearchDomain = defineOperation({
  operation: 'UpgradeElasticsearchDomain',
  handle(input, context) {
    const record = loadDomain(context, input.DomainName);
    const now = context.clock.now();
    const source = record.ElasticsearchVersion;
    const target = input.TargetVersion;
    const checkOnly = input.PerformCheckOnly ?? false;

    if (!upgradeTargets(source).includes(target)) {
      // The one real text found (CloudFormation, 2020): `Failed to submit upgrade. Upgrade from 7.4 to 7.4 not
      // supported.` Valid targets are those GetCompatibleElasticsearchVersions lists for the domain's version.
      throw new ValidationException(
        `Failed to submit upgrade. Upgrade from ${source} to ${target} not supported.`,
      );
    }
    const busy = isChangePending(record, now);
    if (!checkOnly && record.pendingUpgrade) {
      // The model declares ResourceAlreadyExistsException for this operation: the upgrade that already exists.
      throw new ResourceAlreadyExistsException(
        `An upgrade of domain ${record.DomainName} to ${record.pendingUpgrade.targetVersion} is already in progress.`,
      );
    }
    if (!checkOnly && busy) throw new ValidationException(changeInProgressMessage);

    const attempt: UpgradeAttempt = {
      ...incarnationMark(record),
      sourceVersion: source,
      targetVersion: target,
      checkOnly,
      startedAt: now,
      stepMs: context.config.domainProcessingMs,
      // An eligibility check of a busy domain does not fail the call: the check fails with AWS's issue.
      issues: busy ? [domainInProcessingIssue] : [],
    };
    recordAttempt(context, record, attempt);
    if (checkOnly) {
      // A check changes nothing on the domain, so it starts no configuration change (no ChangeId).
      return { DomainName: record.DomainName, TargetVersion: target, PerformCheckOnly: true };
    }

    const change = startChange(context, record, {
      processingStatus: 'UpgradingEngineVersion',
      sections: ['ElasticsearchVersion'],
      modifyingProperties: [
        { Name: 'ElasticsearchVersion', ActiveValue: source, PendingValue: target, ValueType: 'PLAIN_TEXT' },
      ],
    });
    // The three steps take one processing period each; the domain is UpgradingEngineVersion until then.
    change.completesAt = attemptCompletesAt(attempt);
    record.configVersion += 1;
    const previous = record.sectionTimes.ElasticsearchVersion;
    record.sectionTimes.ElasticsearchVersion = {
      creationDate: previous?.creationDate ?? record.createdAt,
      updateDate: now,
      updateVersion: record.configVersion,
    };
    record.upgradeProcessing = true;
    if (engineTypeOf(target) !== engineTypeOf(source)) {
      startEngineUpgrade(context.store, context.scope, record.DomainName, change.completesAt);
    }
    record.pendingUpgrade = {
      changeId: change.ChangeId,
      sourceVersion: source,
      targetVersion: target,
      completesAt: change.completesAt,
    };
    saveDomain(context, record);
    return {
      DomainName: record.DomainName,
      TargetVersion: target,
      PerformCheckOnly: false,
      ChangeProgressDetails: renderChangeProgressDetails(record, true, now, true),
    };
  },
});

const getUpgradeStatus = defineOperation({
  operation: 'GetUpgradeStatus',
  handle(input, context) {
    const record = loadDomain(context, input.DomainName);
    const latest = attemptsOf(context, record).pop();
    // A domain never upgraded nor checked: no real answer was found; every output member is optional, so
    // the emulator answers none rather than an error.
    return latest ? upgradeStatusAt(latest.doc, context.clock.now()) : {};
  },
});

const getUpgradeHistory = defineOperation({
  operation: 'GetUpgradeHistory',
  handle(input, context) {
    const record = loadDomain(context, input.DomainName);
    const now = context.clock.now();
    const newestFirst = attemptsOf(context, record).reverse();
    const page = paginate(newestFirst, input, {
      listing: `GetUpgradeHistory/${record.DomainName}/${record.endpointId}`,
      scope: context.scope,
      keyOf: (row) => row.id,
      defaultMaxResults: upgradeHistoryKept,
    });
    const histories = page.items.map((row) => upgradeHistoryAt(row.doc, now));
    return page.nextToken === undefined
      ? { UpgradeHistories: histories }
      : { UpgradeHistories: histories, NextToken: page.nextToken };
  },
});

export const upgradesOperations: AnyOperationHandler[] = [
  upgradeElasticsearchDomain,
  getUpgradeStatus,
  getUpgradeHistory,
];

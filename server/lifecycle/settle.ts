import type { DomainChange, DomainRecord } from '../domains/record';
import { engineTypeOf } from '../catalogue';
import {
  eligibleOptions,
  inProgressOptions,
  isOlderRelease,
  newestRelease,
  serviceSoftwareVersion,
  upToDateOptions,
} from './service-software';

/** An engine upgrade under way: the domain runs `targetVersion` from `completesAt` on (ms). */
export interface PendingUpgrade {
  changeId: string;
  sourceVersion: string;
  targetVersion: string;
  completesAt: number;
}

/** A requested service software update: PENDING_UPDATE until `startsAt`, IN_PROGRESS until `completesAt`. */
export interface PendingSoftwareUpdate {
  changeId: string;
  newVersion: string;
  startsAt: number;
  completesAt: number;
}

/** A change as DescribeDomainChangeProgress sees it. */
export interface PastChange extends DomainChange {
  cancelled?: boolean;
  /** For a cancelled change: when it would have completed (its completesAt became the cancellation time). */
  plannedCompletesAt?: number;
}

/**
 * What the upgrades, service software and configuration-change families keep in the domain record, as
 * optional fields beside the domains family's own (saved with saveDomain like the rest).
 */
export interface LifecycleFields {
  pendingUpgrade?: PendingUpgrade;
  pendingSoftwareUpdate?: PendingSoftwareUpdate;
  /** Earlier changes, newest last, at most `pastChangesKept`. */
  pastChanges?: PastChange[];
  /** The ChangeIds of changes cancelled with CancelDomainConfigChange (the latest one may be among them). */
  cancelledChangeIds?: string[];
}

export type LifecycleRecord = DomainRecord & LifecycleFields;

export const pastChangesKept = 20;

/**
 * Brings a record up to the time `now` (there are no timers: everything that moves with the clock moves
 * here, on the next read): a finished engine upgrade sets the domain's version; a service software update
 * moves PENDING_UPDATE -> IN_PROGRESS -> COMPLETED; a domain on an older release than the emulator's newest
 * (see newestRelease: SOFTWARE_UPDATE_AVAILABLE) becomes ELIGIBLE for an update. Returns true when the record
 * changed and must be saved.
 */
export function settleLifecycle(
  record: DomainRecord,
  now: number,
  softwareUpdateAvailable: boolean,
): boolean {
  const lifecycle = record as LifecycleRecord;
  let changed = false;

  const upgrade = lifecycle.pendingUpgrade;
  if (upgrade && now >= upgrade.completesAt) {
    lifecycle.ElasticsearchVersion = upgrade.targetVersion;
    lifecycle.upgradeProcessing = false;
    // Compatibility mode "defaults to `false` when you create a domain, and `true` when you upgrade a domain"
    // to OpenSearch from an Elasticsearch version (AWS's rename guide, "Upgrade your domains to OpenSearch
    // 1.x"). The 2015 API's upgrade cannot set it, so the upgrade's default replaces the creation's. An upgrade
    // within Elasticsearch changes nothing here: AWS documents nothing for it.
    if (
      engineTypeOf(upgrade.sourceVersion) === 'Elasticsearch' &&
      engineTypeOf(upgrade.targetVersion) === 'OpenSearch'
    ) {
      lifecycle.options.AdvancedOptions.override_main_response_version = 'true';
      // The section changed with the upgrade: it carries the upgrade's configuration version, dated its end.
      const previous = lifecycle.sectionTimes.AdvancedOptions;
      lifecycle.sectionTimes.AdvancedOptions = {
        creationDate: previous?.creationDate ?? lifecycle.createdAt,
        updateDate: upgrade.completesAt,
        updateVersion: lifecycle.configVersion,
      };
    }
    // The upgraded domain is deployed blue/green on the newest release of its new engine version.
    lifecycle.serviceSoftware = upToDateOptions(
      serviceSoftwareVersion(upgrade.targetVersion, newestRelease(softwareUpdateAvailable)),
    );
    delete lifecycle.pendingUpgrade;
    changed = true;
  }

  const change = lifecycle.change;
  if (change.release !== undefined && now >= change.completesAt) {
    // A blue/green update puts the domain on the release it deployed (see DomainChange.release).
    if (!isChangeCancelled(record, change.ChangeId)) {
      lifecycle.serviceSoftware = upToDateOptions(change.release);
    }
    delete change.release;
    changed = true;
  }

  const update = lifecycle.pendingSoftwareUpdate;
  if (update) {
    const current = lifecycle.serviceSoftware.CurrentVersion ?? '';
    if (now >= update.completesAt) {
      lifecycle.serviceSoftware = upToDateOptions(update.newVersion);
      delete lifecycle.pendingSoftwareUpdate;
      changed = true;
    } else if (now >= update.startsAt && lifecycle.serviceSoftware.UpdateStatus !== 'IN_PROGRESS') {
      lifecycle.serviceSoftware = inProgressOptions(current, update.newVersion);
      changed = true;
    }
  } else if (!lifecycle.pendingUpgrade) {
    changed = offerNewestRelease(lifecycle, now, newestRelease(softwareUpdateAvailable)) || changed;
  }

  return changed;
}

/**
 * A domain (created, not being created) on an older release than the emulator's newest is ELIGIBLE, as a
 * long-lived AWS domain is whenever a release ships. One on the newest (or a later one, kept in a state file
 * written with SOFTWARE_UPDATE_AVAILABLE) stays COMPLETED: AWS offers no downgrade. A domain being deleted is
 * offered nothing: it keeps what its delete answered (one deleted while being created would otherwise be offered
 * an update from a release it never ran, CurrentVersion "").
 */
function offerNewestRelease(record: LifecycleRecord, now: number, release: string): boolean {
  const creating = record.change.processingStatus === 'Creating' && now < record.change.completesAt;
  const current = record.serviceSoftware.CurrentVersion ?? '';
  if (creating || record.deleting !== undefined || current === '') return false;
  const latest = serviceSoftwareVersion(record.ElasticsearchVersion, release);
  const status = record.serviceSoftware.UpdateStatus;
  if (isOlderRelease(current, latest) && (status === 'COMPLETED' || status === undefined)) {
    record.serviceSoftware = eligibleOptions(current, latest);
    return true;
  }
  return false;
}

/**
 * Keeps the change a new one replaces, so that DescribeDomainChangeProgress still finds it by its ChangeId.
 * Called by startChange before it replaces `record.change`: archiving there rather than on every read keeps
 * the latest change stored once and a read from writing (older state files may hold the latest change in
 * `pastChanges` too; findChange looks at `record.change` first).
 */
export function archiveChange(record: DomainRecord): void {
  // A record being built (newDomainRecord) holds a placeholder without a ChangeId until its first change.
  if (record.change.ChangeId === '') return;
  const lifecycle = record as LifecycleRecord;
  const past = lifecycle.pastChanges ?? [];
  if (!past.some((change) => change.ChangeId === record.change.ChangeId)) {
    // Without what only the latest change is read for (its ModifyingProperties, answered and reverted while it is
    // pending; a create's tags): an update of the access policy kept both policies, up to 100 KB each, in each of
    // the 20 changes kept, and every call that reads the domain parsed them (a document of 1 MB after 25 updates
    // of 24 KB policies, a describe 7 ms instead of 1.2).
    const { modifyingProperties: _answeredWhilePending, creationTags: _createsTags, ...kept } = record.change;
    past.push({ ...kept, modifyingProperties: [] });
  }
  lifecycle.pastChanges = past.slice(-pastChangesKept);
}

/** The change with this ChangeId: the latest, or one remembered; undefined when unknown. */
export function findChange(record: DomainRecord, changeId: string): PastChange | undefined {
  const lifecycle = record as LifecycleRecord;
  const change: PastChange | undefined =
    record.change.ChangeId === changeId
      ? record.change
      : lifecycle.pastChanges?.find((past) => past.ChangeId === changeId);
  if (!change) return undefined;
  return isChangeCancelled(record, changeId) ? { ...change, cancelled: true } : change;
}

/** Whether CancelDomainConfigChange ended the change. */
export function isChangeCancelled(record: DomainRecord, changeId: string): boolean {
  return (record as LifecycleRecord).cancelledChangeIds?.includes(changeId) === true;
}

/** Ends a change as cancelled now: it no longer keeps the domain processing, and shows as Cancelled. */
export function markChangeCancelled(record: DomainRecord, changeId: string, now: number): void {
  const lifecycle = record as LifecycleRecord;
  const cancel = (change: PastChange): void => {
    change.plannedCompletesAt = change.completesAt;
    change.completesAt = Math.min(change.completesAt, now);
  };
  if (record.change.ChangeId === changeId) cancel(record.change);
  for (const past of lifecycle.pastChanges ?? []) if (past.ChangeId === changeId) cancel(past);
  lifecycle.cancelledChangeIds = [...(lifecycle.cancelledChangeIds ?? []), changeId].slice(-pastChangesKept);
}

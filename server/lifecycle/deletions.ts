import type { Scope } from '../../store/scope';
import type { Store } from '../../store/store';
import type * as DomainDependentsModule from '../operations/domain-dependents';
import { domainArn } from '../operations/types';
import { engineUpgradeKind, forgetEngineUpgrade } from './engine-upgrades';
import { upgradeHistoryKind } from './upgrade-progress';

/**
 * Deletions that take time (DOMAIN_PROCESSING_MS): a deleted domain stays, `Deleted` and `Deleting`, described and
 * listed as AWS keeps it, until its deletion completes; then the domain, its tags and what hangs off it are gone.
 * Each deletion under way is a resource of its own (its domain's name and when it completes), so that the
 * deletions due are found without reading every domain; what moves with the clock moves on the next call, as
 * everything here does.
 */
const deletionKind = 'domain-deletion';

interface PendingDeletion {
  completesAt: number;
  /**
   * DOMAIN_PROCESSING_MS when the delete was answered: what the completion starts (the deletion of the domain's
   * connections) takes as long as it would have without a restart under another setting. Absent in deletions
   * stored before it was kept: the setting in force then.
   */
  processingMs?: number;
}

/**
 * When the next deletion under way in each store completes (Infinity when none is), read by the first call's sweep:
 * a call pays for a sweep only once a deletion is due. Each call read every deletion under way, in every account and
 * Region, though none was due: with 400 under way, about 0.7 ms a call (DOMAIN_PROCESSING_MS of ten minutes).
 */
const nextCompletions = new WeakMap<Store, number>();

export function startDeletion(
  store: Store,
  scope: Scope,
  domainName: string,
  completesAt: number,
  processingMs: number,
): void {
  const deletion: PendingDeletion = { completesAt, processingMs };
  store.resources.insert(scope, deletionKind, domainName, domainName, deletion);
  // Noted before the commit: a call rolled back leaves the time early, which costs one sweep, never a deletion.
  const next = nextCompletions.get(store);
  if (next !== undefined) nextCompletions.set(store, Math.min(next, completesAt));
}

/**
 * A domain and what is kept only for it, gone: its tags, its upgrade history and an upgrade under way. A domain
 * created again under the name never saw them (they are told apart by incarnation), and a name not used again kept
 * them for ever in a state file that lives for months. `dependents`: the kinds kept under the domain's name
 * (domain-dependents' dependentsOfDomain), read since their last write; a kind it lacks is not looked for.
 */
export function removeDomain(
  store: Store,
  scope: Scope,
  domainName: string,
  dependents: ReadonlySet<string>,
): void {
  store.domains.delete(scope, domainName);
  store.tags.removeAll(domainArn(scope, domainName));
  if (dependents.has(upgradeHistoryKind)) {
    store.resources.deleteByParent(scope, upgradeHistoryKind, domainName);
  }
  if (dependents.has(engineUpgradeKind)) forgetEngineUpgrade(store, scope, domainName);
}

/**
 * Completes the deletions due at `now`, in a transaction of its own, before the call that sees them: a call that
 * is then refused and rolled back does not bring a deleted domain back.
 */
export function settleDeletions(store: Store, now: number, processingMs: number): void {
  const next = nextCompletions.get(store);
  if (next !== undefined && now < next) return;
  // Noted once committed: a commit that fails (the disk full) rolls the completions back, and a time set inside it
  // would hide them from every later sweep of the process.
  const nextLeft = store.transaction(() => {
    // Only what is due is read and parsed: with 3,000 deletions under way, each completion's call parsed them all.
    for (const deletion of store.resources.dueOfKind<PendingDeletion>(deletionKind, now)) {
      // What hangs off the domain, made against it during the deletion too, goes with it, from the moment the
      // deletion completed (not the later call that sees it). Loaded only when a deletion completes: the handlers'
      // modules load on first use (operations/index).
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deferred load needs require
      const dependentsModule = require('../operations/domain-dependents') as typeof DomainDependentsModule;
      const dependents = dependentsModule.dependentsOfDomain(store, deletion.scope, deletion.id);
      dependentsModule.forgetDependentsOfDomain(
        store,
        deletion.scope,
        deletion.id,
        deletion.doc.completesAt,
        deletion.doc.processingMs ?? processingMs,
        dependents,
      );
      dependentsModule.forgetPackageAssociationsOfDomain(store, deletion.scope, deletion.id, dependents);
      removeDomain(store, deletion.scope, deletion.id, dependents);
      store.resources.delete(deletion.scope, deletionKind, deletion.id);
    }
    return store.resources.nextDueOfKind(deletionKind) ?? Infinity;
  });
  nextCompletions.set(store, nextLeft);
}

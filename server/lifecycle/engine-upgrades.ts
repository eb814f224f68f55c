import type { Scope } from '../../store/scope';
import type { Store } from '../../store/store';

/**
 * Engine upgrades that change the engine (Elasticsearch to OpenSearch) while they are under way. ListDomainNames
 * answers each domain's EngineType from the list of names, and a finished upgrade reaches that list only when its
 * domain is next read (what moves with the clock moves on read). So each such upgrade is a resource of its own
 * (its domain's name and when it completes), and ListDomainNames first reads the domains whose upgrade is due: AWS
 * documents EngineType as the engine the domain runs.
 */
export const engineUpgradeKind = 'engine-upgrade';

interface PendingEngineUpgrade {
  completesAt: number;
}

/** Upgrades under way in each store, counted on the first call: no list pays for the sweep while there are none. */
const pendingCounts = new WeakMap<Store, number>();

export function startEngineUpgrade(
  store: Store,
  scope: Scope,
  domainName: string,
  completesAt: number,
): void {
  // An earlier upgrade of the name that no list has swept yet is replaced: it has been applied, or never will be.
  const replaced = store.resources.delete(scope, engineUpgradeKind, domainName);
  const upgrade: PendingEngineUpgrade = { completesAt };
  store.resources.insert(scope, engineUpgradeKind, domainName, domainName, upgrade);
  // Counted before the commit: a call rolled back leaves the count high, which costs one sweep, never an upgrade.
  const pending = pendingCounts.get(store);
  if (pending !== undefined && !replaced) pendingCounts.set(store, pending + 1);
}

/** A removed domain's upgrade under way goes with it; the next list counts the others again. */
export function forgetEngineUpgrade(store: Store, scope: Scope, domainName: string): void {
  if (store.resources.delete(scope, engineUpgradeKind, domainName)) pendingCounts.delete(store);
}

/**
 * The names of the scope's domains whose engine-changing upgrade is due at `now`, forgotten here: the caller reads
 * each domain, which applies the upgrade and writes its new engine type.
 */
export function takeDueEngineUpgrades(store: Store, scope: Scope, now: number): string[] {
  let pending = pendingCounts.get(store);
  if (pending === undefined) {
    pending = store.resources.countOfKind(engineUpgradeKind);
    pendingCounts.set(store, pending);
  }
  if (pending === 0) return [];
  const due = store.resources
    .list<PendingEngineUpgrade>(scope, engineUpgradeKind)
    .filter((upgrade) => upgrade.doc.completesAt <= now);
  for (const upgrade of due) store.resources.delete(scope, engineUpgradeKind, upgrade.id);
  // Counted again on the next list rather than lowered here: the deletes roll back with a call that fails, and
  // a count too low would stop the sweep.
  if (due.length > 0) pendingCounts.delete(store);
  return due.map((upgrade) => upgrade.id);
}

import type { Scope } from '../../store/scope';
import type { Store } from '../../store/store';
import { engineUpgradeKind } from '../lifecycle/engine-upgrades';
import { upgradeHistoryKind } from '../lifecycle/upgrade-progress';
import {
  connectionKinds,
  deleteConnectionsOfDomain,
  refuseDeletionWithActiveConnections,
} from './cross-cluster';
import { associationKind, removeAssociationsOfDomain } from './packages';
import { domainEndpointKinds, forgetVpcEndpointsOfDomain } from './vpc-endpoints';

/** The kinds of resource kept under a domain's name (their parent) that go with the domain. */
const kindsUnderDomain: readonly string[] = [
  ...connectionKinds,
  ...domainEndpointKinds,
  upgradeHistoryKind,
  engineUpgradeKind,
];

/**
 * Which kinds of what hangs off a domain its owner's state holds, in one read: a delete then reads and deletes
 * only those. Package associations are kept under their package, so any association of the scope counts. Almost
 * always none, and a statement per kind was half of a delete's time in the bench's workload.
 */
export function dependentsOfDomain(store: Store, scope: Scope, domainName: string): ReadonlySet<string> {
  return store.resources.kindsHeld(scope, domainName, kindsUnderDomain, [associationKind]);
}

function holdsAny(dependents: ReadonlySet<string>, kinds: readonly string[]): boolean {
  return kinds.some((kind) => dependents.has(kind));
}

/** refuseDeletionWithActiveConnections, for a domain with connections. */
export function refuseDeletionOfDomain(
  store: Store,
  scope: Scope,
  domainName: string,
  now: number,
  dependents: ReadonlySet<string>,
): void {
  if (holdsAny(dependents, connectionKinds)) {
    refuseDeletionWithActiveConnections(store, scope, domainName, now);
  }
}

/**
 * What hangs off a domain goes with it: its VPC endpoints (of every owner) and their access grants, and its
 * cross-cluster connections (deleted on both sides): requests not yet accepted, the emulator's reading, since the
 * delete of a domain with an accepted one is refused. Done when the delete is answered and again when a deletion
 * that takes time (DOMAIN_PROCESSING_MS) completes, for what was made against the domain meanwhile: a new domain
 * of the same name starts with none. `deletedAt`: when the delete was answered, or when the deletion completed.
 * `dependents`: dependentsOfDomain's answer, read since the last write of the kinds it covers.
 */
export function forgetDependentsOfDomain(
  store: Store,
  scope: Scope,
  domainName: string,
  deletedAt: number,
  processingMs: number,
  dependents: ReadonlySet<string>,
): void {
  if (holdsAny(dependents, domainEndpointKinds)) forgetVpcEndpointsOfDomain(store, scope, domainName);
  if (holdsAny(dependents, connectionKinds)) {
    deleteConnectionsOfDomain(store, scope, domainName, deletedAt, processingMs);
  }
}

/** What goes when the domain itself is removed, besides what removeDomain takes (lifecycle/deletions). */
export function forgetPackageAssociationsOfDomain(
  store: Store,
  scope: Scope,
  domainName: string,
  dependents: ReadonlySet<string>,
): void {
  if (dependents.has(associationKind)) removeAssociationsOfDomain(store, scope, domainName);
}

import type { Scope } from '../../store/scope';
import type { Store } from '../../store/store';
import { deleteConnectionsOfDomain } from './cross-cluster';
import { forgetVpcEndpointsOfDomain } from './vpc-endpoints';

/**
 * What hangs off a domain goes with it: its VPC endpoints (of every owner) and their access grants, and its
 * cross-cluster connections (deleted on both sides): requests not yet accepted, the emulator's reading, since the
 * delete of a domain with an accepted one is refused. Done when the delete is answered and again when a deletion
 * that takes time (DOMAIN_PROCESSING_MS) completes, for what was made against the domain meanwhile: a new domain
 * of the same name starts with none. `deletedAt`: when the delete was answered, or when the deletion completed.
 */
export function forgetDependentsOfDomain(
  store: Store,
  scope: Scope,
  domainName: string,
  deletedAt: number,
  processingMs: number,
): void {
  forgetVpcEndpointsOfDomain(store, scope, domainName);
  deleteConnectionsOfDomain(store, scope, domainName, deletedAt, processingMs);
}

/** What goes when the domain itself is removed, besides what removeDomain takes (lifecycle/deletions). */
export { forgetPackageAssociationsOfDomain } from './packages';

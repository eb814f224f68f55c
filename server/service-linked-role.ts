import type { Store } from '../store/store';

/** The service-linked role of `es.amazonaws.com`, one per account: the role DeleteElasticsearchServiceRole deletes. */
export const serviceLinkedRoleName = 'AWSServiceRoleForAmazonElasticsearchService';

/**
 * A role is an IAM resource, and IAM is global: the role's state is kept under its account with no Region. Only
 * its deletion is written. An account starts with the role, as one would whose console created a VPC domain once
 * or whose IAM created the role (`aws_iam_service_linked_role`): IAM is not served here, and a VPC domain could
 * not be made at all without it.
 */
const deletedRoleKind = 'deleted-service-linked-role';

function accountScope(account: string) {
  return { account, region: '' };
}

export function serviceLinkedRoleExists(store: Store, account: string): boolean {
  return store.resources.get(accountScope(account), deletedRoleKind, serviceLinkedRoleName) === undefined;
}

/** Deletes the account's role; a role deleted already stays deleted. */
export function deleteServiceLinkedRole(store: Store, account: string, now: number): void {
  if (!serviceLinkedRoleExists(store, account)) return;
  store.resources.insert(accountScope(account), deletedRoleKind, serviceLinkedRoleName, null, {
    deletedAt: now,
  });
}

/** Creates the account's role again, as IAM's CreateServiceLinkedRole would; false when it was there already. */
export function restoreServiceLinkedRole(store: Store, account: string): boolean {
  return store.resources.delete(accountScope(account), deletedRoleKind, serviceLinkedRoleName);
}

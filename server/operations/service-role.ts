import { ValidationException } from '../../schemas/errors.generated';
import { deleteServiceLinkedRole, serviceLinkedRoleName } from '../service-linked-role';
import type { AnyOperationHandler, OperationContext } from './types';
import { defineOperation } from './types';

/**
 * The caller's VPC domains in every region: the role is an IAM role, and IAM is global, so a VPC domain in
 * any region of the account uses it. A VPC domain is one whose stored options hold VPCOptions, as renderDomainStatus
 * decides for its `vpc` endpoint: creation refuses VPCOptions without a subnet and derives the VPCId.
 */
function vpcDomainsOfAccount(context: OperationContext): string[] {
  return context.store.domains
    .vpcDomainsInAccount(context.scope.account)
    .map((row) => (row.region === context.scope.region ? row.name : `${row.name} (${row.region})`));
}

const deleteElasticsearchServiceRole = defineOperation({
  operation: 'DeleteElasticsearchServiceRole',
  handle(_input, context) {
    // The API reference: "Role deletion will fail if any existing VPC domains use the role. You must delete any
    // such Elasticsearch domains before deleting the role." Of the errors the model declares (BaseException,
    // InternalException, ValidationException) ValidationException fits a refused request; AWS's text was not found.
    const inUse = vpcDomainsOfAccount(context);
    if (inUse.length > 0) {
      throw new ValidationException(
        `Cannot delete the service-linked role ${serviceLinkedRoleName}: it is in use by VPC domains ` +
          `(${inUse.join(', ')}). Delete those domains before deleting the role.`,
      );
    }
    // Deleting a role that is not there is not an error either: AWS answers an empty object in both cases. Once
    // deleted, a VPC domain cannot be created until the role is made again (server/service-linked-role).
    deleteServiceLinkedRole(context.store, context.scope.account, context.clock.now());
    return {};
  },
});

export const serviceRoleOperations: AnyOperationHandler[] = [deleteElasticsearchServiceRole];

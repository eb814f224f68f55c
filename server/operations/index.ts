import { operationNames } from '../../schemas/operations.generated';
import type { OperationName } from '../../schemas/operations.generated';
import { catalogueOperations } from './catalogue';
import { configChangesOperations } from './config-changes';
import { crossClusterOperations } from './cross-cluster';
import { domainsOperations } from './domains';
import { packagesOperations } from './packages';
import { reservedInstancesOperations } from './reserved-instances';
import { serviceRoleOperations } from './service-role';
import { serviceSoftwareOperations } from './service-software';
import { tagsOperations } from './tags';
import type { AnyOperationHandler } from './types';
import { upgradesOperations } from './upgrades';
import { vpcEndpointsOperations } from './vpc-endpoints';

/** Every hand-written operation, one module per resource family. */
export const allHandlers: readonly AnyOperationHandler[] = [
  ...domainsOperations,
  ...tagsOperations,
  ...catalogueOperations,
  ...upgradesOperations,
  ...serviceSoftwareOperations,
  ...configChangesOperations,
  ...packagesOperations,
  ...vpcEndpointsOperations,
  ...crossClusterOperations,
  ...reservedInstancesOperations,
  ...serviceRoleOperations,
];

export class RegistryError extends Error {}

/**
 * Handlers by operation name. The server refuses to start when a handler names no model operation,
 * when two handlers claim one operation, or when a model operation has no handler.
 */
export function buildRegistry(handlers: readonly AnyOperationHandler[]): Map<string, AnyOperationHandler> {
  const known = new Set<string>(operationNames);
  const registry = new Map<string, AnyOperationHandler>();
  for (const handler of handlers) {
    if (!known.has(handler.operation)) {
      throw new RegistryError(`A handler names ${handler.operation}, which is not an operation of the model`);
    }
    if (registry.has(handler.operation)) {
      throw new RegistryError(`Two handlers claim the operation ${handler.operation}`);
    }
    registry.set(handler.operation, handler);
  }
  const missing = operationNames.filter((name: OperationName) => !registry.has(name));
  if (missing.length > 0) {
    throw new RegistryError(`Model operations without a handler: ${missing.join(', ')}`);
  }
  return registry;
}

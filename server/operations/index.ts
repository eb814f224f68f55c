import { operationNames } from '../../schemas/operations.generated';
import type { OperationName } from '../../schemas/operations.generated';
import type * as CatalogueModule from './catalogue';
import type * as ConfigChangesModule from './config-changes';
import type * as CrossClusterModule from './cross-cluster';
import type * as DomainsModule from './domains';
import type * as PackagesModule from './packages';
import type * as ReservedInstancesModule from './reserved-instances';
import type * as ServiceRoleModule from './service-role';
import type * as ServiceSoftwareModule from './service-software';
import type * as TagsModule from './tags';
import type { AnyOperationHandler } from './types';
import type * as UpgradesModule from './upgrades';
import type * as VpcEndpointsModule from './vpc-endpoints';

export class RegistryError extends Error {}

/** A module of this directory, required when first needed rather than at start. */
export function requireModule<Module>(path: string): Module {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deferred load needs require
  return require(path) as Module;
}

/**
 * The handlers of one resource family (one module), required on the first call of one of its operations:
 * loading every handler module with all it uses took ~10 ms at start, and the first request needs one
 * (ListDomainNames: server/operations/domains.ts, which requires the domain record operations only on
 * their first call). The operations each module serves are declared here, so that the start-up check
 * compares the model with the declarations; the module is held to its declaration when it is loaded (and
 * by a test).
 */
export class HandlerFamily {
  private handlers: Map<string, AnyOperationHandler> | undefined;

  constructor(
    /** The module, as required from this one. */
    readonly module: string,
    readonly operations: readonly OperationName[],
    private readonly load: () => readonly AnyOperationHandler[],
  ) {}

  /** The module's handler of a declared operation, requiring the module on first use. */
  handler(operation: OperationName): AnyOperationHandler {
    this.handlers ??= this.loadHandlers();
    // loadHandlers checked that the module serves every declared operation.
    return this.handlers.get(operation)!;
  }

  /** Requires the module; refuses it unless it serves exactly the declared operations, once each. */
  loadHandlers(): Map<string, AnyOperationHandler> {
    const handlers = this.load();
    const served = new Map(handlers.map((handler) => [handler.operation as string, handler]));
    const declared = new Set<string>(this.operations);
    if (
      served.size !== handlers.length ||
      served.size !== declared.size ||
      [...served.keys()].some((name) => !declared.has(name))
    ) {
      throw new RegistryError(
        `${this.module} serves ${handlers.map((handler) => handler.operation).join(', ')}, ` +
          `not the operations declared for it: ${this.operations.join(', ')}`,
      );
    }
    return served;
  }

  /** One stand-in per operation: its members are the real handler's, read when the operation is called. */
  deferredHandlers(): AnyOperationHandler[] {
    return this.operations.map((operation) => {
      let real: AnyOperationHandler | undefined;
      const handler = () => (real ??= this.handler(operation));
      // Getters, not wrappers: the app tells by its presence whether a handler derives its IAM resource.
      return {
        operation,
        get resource() {
          return handler().resource;
        },
        get requestTags() {
          return handler().requestTags;
        },
        get tagKeys() {
          return handler().tagKeys;
        },
        get handle() {
          return handler().handle;
        },
      } as AnyOperationHandler;
    });
  }
}

/** The domain operations that read or write a domain's record (./domain-records, behind ./domains). */
export const domainRecordOperationNames = [
  'CreateElasticsearchDomain',
  'DescribeElasticsearchDomain',
  'DescribeElasticsearchDomains',
  'DescribeElasticsearchDomainConfig',
  'UpdateElasticsearchDomainConfig',
  'DeleteElasticsearchDomain',
] as const;

/** Every hand-written module of operations, one per resource family. */
export const handlerFamilies: readonly HandlerFamily[] = [
  new HandlerFamily(
    './domains',
    [...domainRecordOperationNames, 'ListDomainNames'],
    () => requireModule<typeof DomainsModule>('./domains').domainsOperations,
  ),
  new HandlerFamily(
    './tags',
    ['AddTags', 'ListTags', 'RemoveTags'],
    () => requireModule<typeof TagsModule>('./tags').tagsOperations,
  ),
  new HandlerFamily(
    './catalogue',
    [
      'ListElasticsearchVersions',
      'GetCompatibleElasticsearchVersions',
      'ListElasticsearchInstanceTypes',
      'DescribeElasticsearchInstanceTypeLimits',
    ],
    () => requireModule<typeof CatalogueModule>('./catalogue').catalogueOperations,
  ),
  new HandlerFamily(
    './upgrades',
    ['UpgradeElasticsearchDomain', 'GetUpgradeStatus', 'GetUpgradeHistory'],
    () => requireModule<typeof UpgradesModule>('./upgrades').upgradesOperations,
  ),
  new HandlerFamily(
    './service-software',
    ['StartElasticsearchServiceSoftwareUpdate', 'CancelElasticsearchServiceSoftwareUpdate'],
    () => requireModule<typeof ServiceSoftwareModule>('./service-software').serviceSoftwareOperations,
  ),
  new HandlerFamily(
    './config-changes',
    ['DescribeDomainChangeProgress', 'CancelDomainConfigChange', 'DescribeDomainAutoTunes'],
    () => requireModule<typeof ConfigChangesModule>('./config-changes').configChangesOperations,
  ),
  new HandlerFamily(
    './packages',
    [
      'CreatePackage',
      'DescribePackages',
      'UpdatePackage',
      'DeletePackage',
      'GetPackageVersionHistory',
      'AssociatePackage',
      'DissociatePackage',
      'ListDomainsForPackage',
      'ListPackagesForDomain',
    ],
    () => requireModule<typeof PackagesModule>('./packages').packagesOperations,
  ),
  new HandlerFamily(
    './vpc-endpoints',
    [
      'CreateVpcEndpoint',
      'DescribeVpcEndpoints',
      'UpdateVpcEndpoint',
      'DeleteVpcEndpoint',
      'ListVpcEndpoints',
      'ListVpcEndpointsForDomain',
      'AuthorizeVpcEndpointAccess',
      'RevokeVpcEndpointAccess',
      'ListVpcEndpointAccess',
    ],
    () => requireModule<typeof VpcEndpointsModule>('./vpc-endpoints').vpcEndpointsOperations,
  ),
  new HandlerFamily(
    './cross-cluster',
    [
      'CreateOutboundCrossClusterSearchConnection',
      'AcceptInboundCrossClusterSearchConnection',
      'RejectInboundCrossClusterSearchConnection',
      'DeleteInboundCrossClusterSearchConnection',
      'DeleteOutboundCrossClusterSearchConnection',
      'DescribeInboundCrossClusterSearchConnections',
      'DescribeOutboundCrossClusterSearchConnections',
    ],
    () => requireModule<typeof CrossClusterModule>('./cross-cluster').crossClusterOperations,
  ),
  new HandlerFamily(
    './reserved-instances',
    [
      'DescribeReservedElasticsearchInstanceOfferings',
      'PurchaseReservedElasticsearchInstanceOffering',
      'DescribeReservedElasticsearchInstances',
    ],
    () => requireModule<typeof ReservedInstancesModule>('./reserved-instances').reservedInstancesOperations,
  ),
  new HandlerFamily(
    './service-role',
    ['DeleteElasticsearchServiceRole'],
    () => requireModule<typeof ServiceRoleModule>('./service-role').serviceRoleOperations,
  ),
];

/** Every hand-written operation, each module required on the first call of one of its operations. */
export const allHandlers: readonly AnyOperationHandler[] = handlerFamilies.flatMap((family) =>
  family.deferredHandlers(),
);

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

/**
 * The domain operations. ListDomainNames reads only the names and is answered here; the six others
 * read or write a domain's record and live in ./domain-records, required on the first call of one of
 * them. ListDomainNames is often a client's first call (the bench's cold start ends with one), and
 * loading ./domain-records with what it uses (domains/config, options, validate, dry-run, the
 * lifecycle, tagging, cross-cluster, vpc-endpoints) took ~5 ms of that first request.
 */
import type * as DomainRecordModule from '../domains/record';
import { takeDueEngineUpgrades } from '../lifecycle/engine-upgrades';
import type * as DomainRecordsModule from './domain-records';
import { domainRecordOperationNames, HandlerFamily, requireModule } from './index';
import type { AnyOperationHandler } from './types';
import { defineOperation } from './types';

const domainRecords = new HandlerFamily(
  './domain-records',
  domainRecordOperationNames,
  () => requireModule<typeof DomainRecordsModule>('./domain-records').domainRecordOperations,
);

const listDomainNames = defineOperation({
  operation: 'ListDomainNames',
  handle(input, context) {
    // An upgrade to OpenSearch that has completed is applied before the list answers its domain's engine.
    const upgraded = takeDueEngineUpgrades(context.store, context.scope, context.clock.now());
    if (upgraded.length > 0) {
      const { findDomain } = requireModule<typeof DomainRecordModule>('../domains/record');
      for (const name of upgraded) findDomain(context, name);
    }
    // Both engines are listed unless EngineType filters (recorded: each entry carries its EngineType).
    const rows = context.store.domains.names(context.scope, input.EngineType);
    return {
      DomainNames: rows.map((row) => ({
        DomainName: row.name,
        EngineType: row.engineType === 'OpenSearch' ? ('OpenSearch' as const) : ('Elasticsearch' as const),
      })),
    };
  },
});

/** Stand-ins for the six of ./domain-records (see HandlerFamily), and ListDomainNames itself. */
export const domainsOperations: AnyOperationHandler[] = [
  ...domainRecords.deferredHandlers(),
  listDomainNames,
];

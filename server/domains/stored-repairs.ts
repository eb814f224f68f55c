/**
 * Rewrites, once, what earlier builds stored in a form a later fix no longer writes, so that a state file kept
 * across upgrades answers as the same domains created now (migration 11 asks for it, store/migrations.ts):
 * - a KMS alias kept as a malformed key ARN (before 0004915), which this build refused when a client sent it back;
 * - an access policy kept with its Sids (before f610f4d) or without the Resource AWS adds to a statement naming none
 *   (before d860fef): sent back unchanged, it read as a change and started one.
 * Both in the domain's options and in the values a pending change keeps (its ModifyingProperties), which a cancel
 * restores.
 */
import type { Store } from '../../store/store';
import { domainArn } from '../operations/types';
import { keyArnOfStoredAlias, normalizePolicy } from './options';
import type { DomainRecord } from './record';

const DOMAIN_OPTIONS_REPAIR = 'domain-options';

/** How many domains the repair reads at once. */
const REPAIR_BATCH = 500;

/** The malformed key ARNs earlier builds kept for a KMS alias, wherever they stand in a text. */
const storedAliasArns = /arn:[\w-]+:kms:[a-z0-9-]+:\d{12}:key\/alias\/[a-zA-Z0-9:/_-]+/g;

/** Makes the repair when the file asks for it, in one transaction; answers how many domains it rewrote. */
export function repairStoredDomains(store: Store): number {
  if (!store.pendingRepairs().includes(DOMAIN_OPTIONS_REPAIR)) return 0;
  return store.transaction(() => {
    let rewritten = 0;
    // Read a batch at a time: 50,000 domains read at once held 450 MB.
    const candidates = function* () {
      for (let after = 0; ;) {
        const batch = store.domains.withPolicyChangeOrKeyAlias<DomainRecord>(after, REPAIR_BATCH);
        yield* batch;
        if (batch.length < REPAIR_BATCH) return;
        after = batch[batch.length - 1]!.sequence;
      }
    };
    for (const { scope, name, engineType, doc } of candidates()) {
      const before = JSON.stringify(doc);
      const policyOf = (policy: string) =>
        policy ? normalizePolicy(policy, domainArn(scope, name)) : policy;
      const options = doc.options;
      options.AccessPolicies = policyOf(options.AccessPolicies);
      const keyArn = options.EncryptionAtRestOptions?.KmsKeyId;
      if (keyArn !== undefined && options.EncryptionAtRestOptions) {
        options.EncryptionAtRestOptions.KmsKeyId = keyArnOfStoredAlias(keyArn) ?? keyArn;
      }
      for (const property of doc.change?.modifyingProperties ?? []) {
        for (const member of ['ActiveValue', 'PendingValue'] as const) {
          const value = property[member];
          if (value === undefined) continue;
          // A key ARN stands alone in a property's value or within its JSON, where JSON escapes none of its text.
          const keyed = value.replace(storedAliasArns, (arn) => keyArnOfStoredAlias(arn) ?? arn);
          property[member] = property.Name === 'AccessPolicies' ? policyOf(keyed) : keyed;
        }
      }
      if (JSON.stringify(doc) !== before) {
        store.domains.update(scope, name, engineType, doc);
        rewritten++;
      }
    }
    store.repairMade(DOMAIN_OPTIONS_REPAIR);
    return rewritten;
  });
}

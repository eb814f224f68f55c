/**
 * Rewrites, once, what earlier builds stored in a form a later fix no longer writes, so that a state file kept
 * across upgrades answers as the same domains created now (migration 11 asks for it, store/migrations.ts):
 * - a KMS alias kept as a malformed key ARN (before 0004915), which this build refused when a client sent it back;
 * - an access policy kept with its Sids (before f610f4d) or without the Resource AWS adds to a statement naming none
 *   (before d860fef): sent back unchanged, it read as a change and started one.
 */
import type { Store } from '../../store/store';
import { domainArn } from '../operations/types';
import { keyArnOfStoredAlias, normalizePolicy } from './options';
import type { DomainRecord } from './record';

const DOMAIN_OPTIONS_REPAIR = 'domain-options';

/** Makes the repair when the file asks for it, in one transaction; answers how many domains it rewrote. */
export function repairStoredDomains(store: Store): number {
  if (!store.pendingRepairs().includes(DOMAIN_OPTIONS_REPAIR)) return 0;
  return store.transaction(() => {
    let rewritten = 0;
    for (const { scope, name, engineType, doc } of store.domains.withPolicyOrKeyAlias<DomainRecord>()) {
      const options = doc.options;
      let changed = false;
      if (options.AccessPolicies) {
        const policy = normalizePolicy(options.AccessPolicies, domainArn(scope, name));
        changed = policy !== options.AccessPolicies;
        options.AccessPolicies = policy;
      }
      const keyArn = options.EncryptionAtRestOptions?.KmsKeyId;
      const repairedKey = keyArn === undefined ? undefined : keyArnOfStoredAlias(keyArn);
      if (repairedKey !== undefined && options.EncryptionAtRestOptions) {
        options.EncryptionAtRestOptions.KmsKeyId = repairedKey;
        changed = true;
      }
      if (changed) {
        store.domains.update(scope, name, engineType, doc);
        rewritten++;
      }
    }
    store.repairMade(DOMAIN_OPTIONS_REPAIR);
    return rewritten;
  });
}

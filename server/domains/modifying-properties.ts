import type { ModifyingProperties, Tag } from '../../schemas/types.generated';
import type { ConfigSection, DomainOptions, DomainRecord } from './record';

/**
 * ModifyingProperties of the domain's latest change while it is pending. A create's list is derived from the
 * domain when answered rather than stored: it holds every section of the configuration (3.7 KB of a 6.5 KB
 * stored domain), and the options it is derived from cannot change until another change replaces it.
 */
export function pendingModifyingProperties(record: DomainRecord): ModifyingProperties[] {
  const { creationTags } = record.change;
  return creationTags ? creationModifyingProperties(record, creationTags) : record.change.modifyingProperties;
}

const plain = (Name: string, value: unknown): ModifyingProperties => ({
  Name,
  ActiveValue: '',
  PendingValue: value === undefined ? '' : String(value),
  ValueType: 'PLAIN_TEXT',
});

const stringified = (Name: string, value: unknown, ActiveValue = ''): ModifyingProperties => ({
  Name,
  ActiveValue,
  PendingValue: JSON.stringify(value),
  ValueType: 'STRINGIFIED_JSON',
});

/**
 * ModifyingProperties of a domain being created, in the order and forms AWS answered for an ES-API domain
 * (recorded 2024-07: es_api_describe_recorded_2024-07-02.json): every entry with `ActiveValue: ""`.
 */
export function creationModifyingProperties(
  record: DomainRecord,
  tags: readonly Tag[],
): ModifyingProperties[] {
  const options = record.options;
  const cluster = options.ElasticsearchClusterConfig;
  const tagMap = Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value]));
  return [
    stringified('AdvancedOptions', options.AdvancedOptions),
    plain('AdvancedSecurityOptions.AnonymousAuthDisableDate', false),
    plain(
      'AdvancedSecurityOptions.AnonymousAuthEnabled',
      options.AdvancedSecurityOptions.AnonymousAuthEnabled ?? false,
    ),
    plain(
      'AdvancedSecurityOptions.InternalUserDatabaseEnabled',
      options.AdvancedSecurityOptions.InternalUserDatabaseEnabled ?? false,
    ),
    plain('AdvancedSecurityOptions.JWTOptions', false),
    plain('AdvancedSecurityOptions.MasterUserOptions', false),
    plain(
      'AdvancedSecurityOptions.SAMLOptions',
      options.AdvancedSecurityOptions.SAMLOptions?.Enabled ?? false,
    ),
    stringified(
      'ElasticsearchClusterConfig.ColdStorageOptions',
      cluster.ColdStorageOptions ?? { Enabled: false },
    ),
    plain('ElasticsearchClusterConfig.DedicatedMasterCount', cluster.DedicatedMasterCount),
    plain('ElasticsearchClusterConfig.DedicatedMasterEnabled', cluster.DedicatedMasterEnabled ?? false),
    plain('ElasticsearchClusterConfig.DedicatedMasterType', cluster.DedicatedMasterType),
    plain('ElasticsearchClusterConfig.InstanceCount', cluster.InstanceCount),
    plain('ElasticsearchClusterConfig.InstanceType', cluster.InstanceType),
    plain('ElasticsearchClusterConfig.MultiAZWithStandbyEnabled', false),
    plain('ElasticsearchClusterConfig.WarmCount', cluster.WarmCount),
    plain('ElasticsearchClusterConfig.WarmEnabled', cluster.WarmEnabled ?? false),
    plain('ElasticsearchClusterConfig.WarmStorage', undefined),
    plain('ElasticsearchClusterConfig.WarmType', cluster.WarmType),
    plain('ElasticsearchClusterConfig.ZoneAwarenessEnabled', cluster.ZoneAwarenessEnabled ?? false),
    plain('ElasticsearchVersion', record.ElasticsearchVersion),
    plain('IPAddressType', 'ipv4'),
    // Recorded: `TAGS` PLAIN_TEXT "" without tags, STRINGIFIED_JSON of the tag map with tags.
    tags.length === 0 ? plain('TAGS', '') : stringified('TAGS', tagMap),
    stringified('DomainEndpointOptions', options.DomainEndpointOptions),
    stringified('EBSOptions', options.EBSOptions),
    stringified('EncryptionAtRestOptions', options.EncryptionAtRestOptions),
    stringified('NodeToNodeEncryptionOptions', options.NodeToNodeEncryptionOptions),
    stringified('OffPeakWindowOptions', {
      Enabled: true,
      OffPeakWindow: { WindowStartTime: { Hours: 2, Minutes: 0 } },
    }),
    stringified('SnapshotOptions', options.SnapshotOptions),
    stringified('SoftwareUpdateOptions', { AutoSoftwareUpdateEnabled: false }),
  ];
}

/**
 * ModifyingProperties of an update: one entry per changed section (recorded: `AccessPolicies`, STRINGIFIED_JSON,
 * PendingValue the new policy with its principals by their unique ids). Cluster config changes are listed member
 * by member, as AWS names them at create.
 */
export function updateModifyingProperties(
  before: DomainOptions,
  after: DomainOptions,
  changed: readonly ConfigSection[],
  principalIdOf: (arn: string) => string | undefined,
): ModifyingProperties[] {
  const entries: ModifyingProperties[] = [];
  for (const section of changed) {
    if (section === 'ElasticsearchVersion') continue;
    if (section === 'ElasticsearchClusterConfig') {
      const old = before.ElasticsearchClusterConfig as Record<string, unknown>;
      const next = after.ElasticsearchClusterConfig as Record<string, unknown>;
      const members = [...new Set([...Object.keys(old), ...Object.keys(next)])].sort();
      for (const member of members) {
        if (JSON.stringify(old[member]) === JSON.stringify(next[member])) continue;
        entries.push(memberChange(`ElasticsearchClusterConfig.${member}`, old[member], next[member]));
      }
      continue;
    }
    const value = after[section];
    const previous = before[section];
    if (section === 'AccessPolicies') {
      entries.push({
        Name: section,
        ActiveValue: before.AccessPolicies,
        PendingValue: withPrincipalIds(after.AccessPolicies, principalIdOf),
        ValueType: 'STRINGIFIED_JSON',
      });
    } else if (typeof value === 'string') {
      entries.push({ ...plain(section, value), ActiveValue: typeof previous === 'string' ? previous : '' });
    } else {
      entries.push(stringified(section, value ?? {}, previous === undefined ? '' : JSON.stringify(previous)));
    }
  }
  return entries;
}

/**
 * An access policy as AWS lists it pending: each `Principal.AWS` that names an IAM identity AWS knows by its
 * unique id instead of its ARN. Recorded twice in an update's answer (real-responses 1.4): a user's ARN as its
 * `AIDA…` id (2025-09), a root's ARN as its account id (2025-07); the domain's AccessPolicies kept the ARN, as
 * here. An ARN the emulator knows no id of (another account's, a role session's) stays as written, and so does a
 * policy in which none is known.
 */
function withPrincipalIds(policy: string, principalIdOf: (arn: string) => string | undefined): string {
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    return policy;
  }
  if (document === null || typeof document !== 'object') return policy;
  const { Statement } = document as { Statement?: unknown };
  let rewritten = false;
  const idOf = (principal: unknown) => {
    const id = typeof principal === 'string' ? principalIdOf(principal) : undefined;
    if (id === undefined) return principal;
    rewritten = true;
    return id;
  };
  for (const statement of Array.isArray(Statement) ? Statement : [Statement]) {
    const principal = (statement as { Principal?: unknown } | null)?.Principal;
    if (principal === null || typeof principal !== 'object') continue;
    const holder = principal as { AWS?: unknown };
    if (Array.isArray(holder.AWS)) holder.AWS = holder.AWS.map(idOf);
    else if (holder.AWS !== undefined) holder.AWS = idOf(holder.AWS);
  }
  return rewritten ? JSON.stringify(document) : policy;
}

/**
 * One cluster config member's entry. A structure (ZoneAwarenessConfig, ColdStorageOptions) is STRINGIFIED_JSON
 * whether it is added, changed or removed, as AWS lists ColdStorageOptions (recorded); a side it is absent from
 * is "". Judging by the new value alone listed a removed ZoneAwarenessConfig as the plain text
 * "[object Object]", which a cancel then put back into the domain as a string.
 */
function memberChange(name: string, active: unknown, pending: unknown): ModifyingProperties {
  const isStructure = (value: unknown) => value !== null && typeof value === 'object';
  if (isStructure(active) || isStructure(pending)) {
    return {
      Name: name,
      ActiveValue: active === undefined ? '' : JSON.stringify(active),
      PendingValue: pending === undefined ? '' : JSON.stringify(pending),
      ValueType: 'STRINGIFIED_JSON',
    };
  }
  return { ...plain(name, pending), ActiveValue: active === undefined ? '' : String(active) };
}

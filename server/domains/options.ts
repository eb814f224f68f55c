import crypto from 'node:crypto';
import type {
  CreateElasticsearchDomainRequest,
  EBSOptions,
  ElasticsearchClusterConfig,
  UpdateElasticsearchDomainConfigRequest,
  VPCDerivedInfo,
  VPCOptions,
} from '../../schemas/types.generated';
import {
  creationDefaults,
  defaultAdvancedOptions,
  gp3Baseline,
  instanceTypeFacts,
  supportsFeature,
} from '../catalogue';
import type { OperationContext } from '../operations/types';
import { domainArn } from '../operations/types';
import type { ConfigSection, DomainOptions } from './record';
import { epochSeconds } from './record';
import { ValidationException } from '../../schemas/errors.generated';
import type { Scope } from '../../store/scope';
import { isRegionName, partitionOf } from '../partitions';

/** The version of a create that names none: AWS's documented default. */
export function creationVersion(input: CreateElasticsearchDomainRequest): string {
  return input.ElasticsearchVersion ?? creationDefaults().ElasticsearchVersion;
}

/**
 * The configuration of a new domain: what the caller gave, with the defaults AWS fills in for the rest
 * (catalogue `creationDefaults`, recorded from AWS's create responses).
 */
export function initialOptions(
  input: CreateElasticsearchDomainRequest,
  version: string,
  context: OperationContext,
): DomainOptions {
  const defaults = creationDefaults();
  const cluster = normalizeClusterConfig({
    InstanceType: defaults.InstanceType as ElasticsearchClusterConfig['InstanceType'],
    InstanceCount: defaults.InstanceCount,
    ...defaults.ElasticsearchClusterConfig,
    ...input.ElasticsearchClusterConfig,
  });
  const options: DomainOptions = {
    ElasticsearchClusterConfig: cluster,
    EBSOptions: normalizeEbs(input.EBSOptions ?? { EBSEnabled: false }),
    AccessPolicies: normalizePolicy(
      input.AccessPolicies ?? defaults.AccessPolicies,
      domainArn(context.scope, input.DomainName),
    ),
    SnapshotOptions: { ...defaults.SnapshotOptions, ...input.SnapshotOptions },
    CognitoOptions: input.CognitoOptions?.Enabled
      ? { ...input.CognitoOptions }
      : { ...defaults.CognitoOptions },
    EncryptionAtRestOptions: normalizeEncryptionAtRest(
      { ...defaults.EncryptionAtRestOptions, ...input.EncryptionAtRestOptions },
      context,
    ),
    NodeToNodeEncryptionOptions: {
      ...defaults.NodeToNodeEncryptionOptions,
      ...input.NodeToNodeEncryptionOptions,
    },
    AdvancedOptions: { ...defaultAdvancedOptions(version), ...input.AdvancedOptions },
    LogPublishingOptions: { ...input.LogPublishingOptions },
    DomainEndpointOptions: {
      ...(defaults.DomainEndpointOptions as DomainOptions['DomainEndpointOptions']),
      ...input.DomainEndpointOptions,
    },
    AdvancedSecurityOptions: advancedSecurityOf(
      defaults.AdvancedSecurityOptions,
      input.AdvancedSecurityOptions,
      context.clock.now(),
    ),
    AutoTuneOptions: {
      // Auto-Tune is on by default for new domains where it is available (AWS's Auto-Tune guide; recorded
      // ENABLED for m3.medium 7.10 and DISABLED for t2.small).
      DesiredState:
        input.AutoTuneOptions?.DesiredState ?? (autoTuneAvailable(version, cluster) ? 'ENABLED' : 'DISABLED'),
      RollbackOnDisable: 'NO_ROLLBACK',
      MaintenanceSchedules: input.AutoTuneOptions?.MaintenanceSchedules ?? [],
    },
  };
  if (input.VPCOptions) options.VPCOptions = deriveVpc(input.VPCOptions, undefined, context);
  if (input.DeploymentStrategyOptions)
    options.DeploymentStrategyOptions = { ...input.DeploymentStrategyOptions };
  if (input.AutomatedSnapshotPauseOptions) {
    options.AutomatedSnapshotPauseOptions = { ...input.AutomatedSnapshotPauseOptions };
  }
  if (input.UseCase) options.UseCase = input.UseCase;
  if (input.EngineMode) options.EngineMode = input.EngineMode;
  return options;
}

/** Auto-Tune needs 6.7+ and is not offered on T2/T3 (AWS: `Autotune is not supported in t2/t3 instance types`). */
export function autoTuneAvailable(version: string, cluster: ElasticsearchClusterConfig): boolean {
  const burstable = instanceTypeFacts(cluster.InstanceType ?? '')?.burstable ?? false;
  return supportsFeature(version, 'AutoTune') && !burstable;
}

/**
 * Applies a partial configuration to the current one (UpdateElasticsearchDomainConfig): each member given
 * replaces the stored one, members left out keep their value. Returns the new options and the sections whose
 * value actually changed.
 */
export function mergeOptions(
  current: DomainOptions,
  input: UpdateElasticsearchDomainConfigRequest,
  context: OperationContext,
): { options: DomainOptions; changed: ConfigSection[] } {
  const next: DomainOptions = structuredClone(current);
  if (input.ElasticsearchClusterConfig) {
    next.ElasticsearchClusterConfig = normalizeClusterConfig(
      mergeClusterInput(current.ElasticsearchClusterConfig, input.ElasticsearchClusterConfig),
    );
  }
  if (input.EBSOptions) next.EBSOptions = normalizeEbs(mergeEbsInput(current.EBSOptions, input.EBSOptions));
  if (input.AccessPolicies !== undefined) {
    next.AccessPolicies = normalizePolicy(input.AccessPolicies, domainArn(context.scope, input.DomainName));
  }
  if (input.SnapshotOptions) next.SnapshotOptions = { ...current.SnapshotOptions, ...input.SnapshotOptions };
  if (input.VPCOptions) {
    next.VPCOptions = deriveVpc(input.VPCOptions, current.VPCOptions, context);
  }
  if (input.CognitoOptions) {
    next.CognitoOptions = input.CognitoOptions.Enabled ? { ...input.CognitoOptions } : { Enabled: false };
  }
  // AdvancedOptions and LogPublishingOptions are maps: the keys given are set, the others stay. A choice:
  // AWS documents no way to remove an advanced option through this API, and the SDKs send only what changes.
  if (input.AdvancedOptions) next.AdvancedOptions = { ...current.AdvancedOptions, ...input.AdvancedOptions };
  if (input.LogPublishingOptions) {
    next.LogPublishingOptions = { ...current.LogPublishingOptions, ...input.LogPublishingOptions };
  }
  if (input.DomainEndpointOptions) {
    const base = { ...current.DomainEndpointOptions };
    // Switching the custom endpoint off takes the stored endpoint and certificate with it.
    if (input.DomainEndpointOptions.CustomEndpointEnabled === false) {
      delete base.CustomEndpoint;
      delete base.CustomEndpointCertificateArn;
    }
    next.DomainEndpointOptions = { ...base, ...input.DomainEndpointOptions };
  }
  if (input.AdvancedSecurityOptions) {
    next.AdvancedSecurityOptions = advancedSecurityOf(
      current.AdvancedSecurityOptions,
      input.AdvancedSecurityOptions,
      context.clock.now(),
    );
  }
  if (input.NodeToNodeEncryptionOptions) {
    next.NodeToNodeEncryptionOptions = {
      ...current.NodeToNodeEncryptionOptions,
      ...input.NodeToNodeEncryptionOptions,
    };
  }
  if (input.EncryptionAtRestOptions) {
    next.EncryptionAtRestOptions = normalizeEncryptionAtRest(
      { ...current.EncryptionAtRestOptions, ...input.EncryptionAtRestOptions },
      context,
      current.EncryptionAtRestOptions,
    );
  }
  if (input.AutoTuneOptions) next.AutoTuneOptions = { ...current.AutoTuneOptions, ...input.AutoTuneOptions };
  if (input.DeploymentStrategyOptions)
    next.DeploymentStrategyOptions = { ...input.DeploymentStrategyOptions };
  if (input.AutomatedSnapshotPauseOptions) {
    next.AutomatedSnapshotPauseOptions = { ...input.AutomatedSnapshotPauseOptions };
  }
  // The model: "If you don't specify a use case, MIXED is used", "If you don't specify an engine mode, GENERAL is
  // used": a domain without them already is MIXED and GENERAL, so an update that names those changes nothing.
  if (input.UseCase && input.UseCase !== (current.UseCase ?? defaultUseCase)) next.UseCase = input.UseCase;
  if (input.EngineMode && input.EngineMode !== (current.EngineMode ?? defaultEngineMode)) {
    next.EngineMode = input.EngineMode;
  }

  const changed = (Object.keys(next) as (keyof DomainOptions)[]).filter(
    (section) => canonicalJson(next[section]) !== canonicalJson(current[section]),
  );
  // New master user credentials change the domain although AWS never echoes them.
  if (input.AdvancedSecurityOptions?.MasterUserOptions && !changed.includes('AdvancedSecurityOptions')) {
    changed.push('AdvancedSecurityOptions');
  }
  return { options: next, changed };
}

/**
 * The cluster config an update asks for, before normalization: the members given over the stored ones. A
 * feature switched off takes its stored members with it (DedicatedMasterEnabled false drops the stored master
 * type and count), so that only members the caller gave are checked against the switch.
 */
export function mergeClusterInput(
  current: ElasticsearchClusterConfig,
  given: ElasticsearchClusterConfig,
): ElasticsearchClusterConfig {
  const base: ElasticsearchClusterConfig = { ...current };
  if (given.DedicatedMasterEnabled === false) {
    delete base.DedicatedMasterType;
    delete base.DedicatedMasterCount;
  }
  if (given.ZoneAwarenessEnabled === false) delete base.ZoneAwarenessConfig;
  if (given.WarmEnabled === false) {
    delete base.WarmType;
    delete base.WarmCount;
  }
  return { ...base, ...given };
}

/**
 * The EBS options an update asks for: EBSEnabled false replaces the stored volume, otherwise members merge. A new
 * volume type does not inherit the old type's Iops and Throughput, which belong to it (io1's provisioned IOPS
 * are refused on gp2 and may be under gp3's range): only what the update gives for them.
 */
export function mergeEbsInput(current: EBSOptions, given: EBSOptions): EBSOptions {
  if (given.EBSEnabled === false) return { ...given };
  const base = { ...current };
  if (given.VolumeType !== undefined && given.VolumeType !== (current.VolumeType ?? 'gp2')) {
    delete base.Iops;
    delete base.Throughput;
  }
  return { ...base, ...given };
}

/**
 * The cluster config as AWS echoes it: DedicatedMasterType/Count only with dedicated masters,
 * ZoneAwarenessConfig only with zone awareness (AvailabilityZoneCount 2 when not given, recorded), WarmType and
 * WarmCount only with UltraWarm.
 */
export function normalizeClusterConfig(config: ElasticsearchClusterConfig): ElasticsearchClusterConfig {
  const defaults = creationDefaults();
  const normalized: ElasticsearchClusterConfig = { ...config };
  if (!normalized.DedicatedMasterEnabled) {
    delete normalized.DedicatedMasterType;
    delete normalized.DedicatedMasterCount;
  }
  if (normalized.ZoneAwarenessEnabled) {
    normalized.ZoneAwarenessConfig = { ...defaults.ZoneAwarenessConfig, ...normalized.ZoneAwarenessConfig };
  } else {
    delete normalized.ZoneAwarenessConfig;
  }
  if (!normalized.WarmEnabled) {
    delete normalized.WarmType;
    delete normalized.WarmCount;
  }
  normalized.ColdStorageOptions = {
    ...defaults.ElasticsearchClusterConfig.ColdStorageOptions,
    ...normalized.ColdStorageOptions,
  };
  return normalized;
}

/**
 * EBS as AWS echoes it: `{EBSEnabled: false}` alone when disabled (recorded for instance-store domains).
 * When enabled without a volume type, gp2: the default of the ES-era console and of the ES API documentation
 * examples (AWS's API default was not found). Validation has refused Iops/Throughput on volume types that do not take them.
 */
export function normalizeEbs(ebs: EBSOptions): EBSOptions {
  if (!ebs.EBSEnabled) return { EBSEnabled: false };
  const normalized: EBSOptions = { EBSEnabled: true, VolumeType: ebs.VolumeType ?? 'gp2' };
  if (ebs.VolumeSize !== undefined) normalized.VolumeSize = ebs.VolumeSize;
  // Iops is echoed when given, `Iops: 0` included for gp2 (recorded).
  if (ebs.Iops !== undefined) normalized.Iops = ebs.Iops;
  if (ebs.Throughput !== undefined && normalized.VolumeType === 'gp3') normalized.Throughput = ebs.Throughput;
  if (normalized.VolumeType === 'gp3') {
    // A gp3 volume always has its IOPS and throughput: the baseline when not given.
    const baseline = gp3Baseline();
    normalized.Iops ??= baseline.iops;
    normalized.Throughput ??= baseline.throughput;
  }
  return normalized;
}

/**
 * AccessPolicies travel as a JSON string; AWS echoes it minified (aws-cli create example). Unparseable
 * policies are refused by validation before this runs; an empty string stays empty.
 *
 * A statement's Sid is taken but not kept: the domain's policy comes back without it, a drift Terraform plans
 * again on every run (cloudposse/terraform-aws-elasticsearch#76, 2020: "SID is accepted but not stored"; the same
 * drift reported in #179, 2024).
 */
export function normalizePolicy(policy: string, domain: string): string {
  if (policy.trim() === '') return '';
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    return policy;
  }
  // Kept as sent, for the check of the call's policy to refuse (validateAccessPolicies).
  if (nestedDeeperThan(document, deepestPolicyNesting)) return policy;
  const statements = isObject(document) ? document['Statement'] : undefined;
  for (const statement of Array.isArray(statements) ? statements : [statements]) {
    if (!isObject(statement)) continue;
    delete statement['Sid'];
    // A statement that names no resource is the domain's: AWS stores it with `Resource: <domain ARN>/*` added (the
    // value read back in terraform-provider-aws#576 and hashicorp/terraform#9107 and #5067; the provider's PR #4942
    // fixed the drift it made).
    if (!('Resource' in statement) && !('NotResource' in statement)) statement['Resource'] = `${domain}/*`;
  }
  return JSON.stringify(document);
}

/**
 * How deep a policy document nests at most. IAM's grammar nests six levels (the document, its Statement list, a
 * statement, its Condition, an operator, a key's list of values); a member it does not know may nest more, but a
 * document of thousands of levels (20 KB of `[`) overflowed the stack that writes the stored form, a 500.
 */
const deepestPolicyNesting = 64;

/** Whether a parsed JSON value nests objects and lists deeper than `limit`, counted without recursion. */
function nestedDeeperThan(document: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[document, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (!value || typeof value !== 'object') continue;
    if (depth > limit) return true;
    for (const member of Object.values(value)) pending.push([member, depth + 1]);
  }
  return false;
}

/** Whether a policy's JSON text nests deeper than any policy document can (false for text that is no JSON). */
export function policyNestedTooDeep(policy: string): boolean {
  try {
    return nestedDeeperThan(JSON.parse(policy), deepestPolicyNesting);
  } catch {
    return false;
  }
}

/** The policy as sent, minified, its Sids kept: what its size is measured on. */
export function minifyPolicy(policy: string): string {
  try {
    return JSON.stringify(JSON.parse(policy));
  } catch {
    return policy;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a domain is without a UseCase or an EngineMode of its own (the model's documentation of both). */
const defaultUseCase = 'MIXED';
export const defaultEngineMode = 'GENERAL';

/** The model's SAMLOptionsInput.SessionTimeoutMinutes: "the default value is 60". */
const defaultSamlSessionTimeoutMinutes = 60;

/** AWS's migration period of anonymous auth, when fine-grained access control comes to an existing domain. */
const anonymousAuthPeriodMs = 30 * 24 * 60 * 60 * 1000;

function advancedSecurityOf(
  base: DomainOptions['AdvancedSecurityOptions'],
  input: CreateElasticsearchDomainRequest['AdvancedSecurityOptions'],
  now: number,
): DomainOptions['AdvancedSecurityOptions'] {
  const options = { ...base };
  if (!input) return options;
  if (input.Enabled !== undefined) options.Enabled = input.Enabled;
  if (input.InternalUserDatabaseEnabled !== undefined) {
    options.InternalUserDatabaseEnabled = input.InternalUserDatabaseEnabled;
  }
  if (input.AnonymousAuthEnabled !== undefined) {
    // AWS's API reference: anonymous auth is a 30-day migration period, and AnonymousAuthDisableDate says when
    // it ends. Turned on, the period starts; turned off, it ends.
    if (input.AnonymousAuthEnabled && !base.AnonymousAuthEnabled) {
      options.AnonymousAuthDisableDate = epochSeconds(now + anonymousAuthPeriodMs);
    } else if (!input.AnonymousAuthEnabled) {
      delete options.AnonymousAuthDisableDate;
    }
    options.AnonymousAuthEnabled = input.AnonymousAuthEnabled;
  }
  if (input.SAMLOptions) {
    // The output shape has no MasterUserName/MasterBackendRole: AWS does not echo them.
    const { MasterUserName: _user, MasterBackendRole: _role, ...saml } = input.SAMLOptions;
    if (saml.Enabled === true && saml.SessionTimeoutMinutes === undefined) {
      saml.SessionTimeoutMinutes = defaultSamlSessionTimeoutMinutes;
    }
    options.SAMLOptions = saml;
  }
  // MasterUserOptions (user name, password, ARN) are never echoed by AWS, so they are not kept.
  return options;
}

/**
 * A KmsKeyId given as a key id is answered as the key's full ARN (ES guide example); without one, AWS uses the
 * account's `aws/es` managed key: one key per account and Region, so its id is derived from them (the same for
 * every domain there, and after a restart).
 */
function normalizeEncryptionAtRest(
  options: DomainOptions['EncryptionAtRestOptions'],
  context: OperationContext,
  current?: DomainOptions['EncryptionAtRestOptions'],
): DomainOptions['EncryptionAtRestOptions'] {
  if (!options.Enabled) return { Enabled: false };
  const given = options.KmsKeyId;
  const keyId =
    given === undefined
      ? (current?.KmsKeyId ?? keyArn(context.scope, aliasKeyId('aws/es', context.scope)))
      : keyArnOf(given, context);
  return { Enabled: true, KmsKeyId: keyId };
}

/** KMS's key ids: a key's (a uuid) and a multi-Region key's (`mrk-` and 32 hex digits). */
const KMS_KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/i;
/** KMS's alias names: `alias/` and up to 250 more of its characters (AliasName: 1 to 256 characters). */
const KMS_ALIAS_NAME = /^alias\/([a-zA-Z0-9:/_-]{1,250})$/;
const KMS_ALIAS_ARN = /^arn:([\w-]+):kms:([a-z0-9-]+):(\d{12}):(alias\/.+)$/;
const KMS_KEY_ARN = /^arn:([\w-]+):kms:([a-z0-9-]+):(\d{12}):key\/(.+)$/;

function keyArn(scope: Scope, keyId: string, partition = partitionOf(scope.region)): string {
  return `arn:${partition}:kms:${scope.region}:${scope.account}:key/${keyId}`;
}

/**
 * The key ARN a KmsKeyId names, in each form KMS takes: a key id, an alias name (`alias/aws/es`), a key ARN, an
 * alias ARN. AWS answers the key's ARN for an alias (terraform-provider-aws#5871: a domain given an alias was
 * replaced on every apply); the emulator has no KMS, so an alias names a key derived from it, `alias/aws/es` the
 * account's managed key. Anything else, a malformed ARN included, is refused as AWS refused `aws/es`
 * (terraform-provider-aws#41873). A well-formed key of another Region or account of the partition is taken as given.
 */
function keyArnOf(given: string, context: OperationContext): string {
  const aliasName = KMS_ALIAS_NAME.exec(given)?.[1];
  if (aliasName !== undefined) return keyArn(context.scope, aliasKeyId(aliasName, context.scope));
  const aliasArn = KMS_ALIAS_ARN.exec(given);
  const aliasArnName = aliasArn ? KMS_ALIAS_NAME.exec(aliasArn[4]!)?.[1] : undefined;
  if (aliasArn && aliasArnName !== undefined && isDomainPartition(aliasArn[1]!, aliasArn[2]!, context)) {
    const [, partition = '', region = '', account = ''] = aliasArn;
    return keyArn({ region, account }, aliasKeyId(aliasArnName, { region, account }), partition);
  }
  // A key ARN names a key id in the domain's partition; any other ARN is no key.
  const keyArnMatch = KMS_KEY_ARN.exec(given);
  if (
    keyArnMatch &&
    isDomainPartition(keyArnMatch[1]!, keyArnMatch[2]!, context) &&
    KMS_KEY_ID.test(keyArnMatch[4]!)
  ) {
    return given;
  }
  if (KMS_KEY_ID.test(given)) return keyArn(context.scope, given);
  throw new ValidationException(
    `Error in Accessing KmsKeyID with details:Invalid keyId '${given}' (Service: AWSKMS; Status Code: 400; ` +
      `Error Code: NotFoundException; Request ID: ${context.ids.uuid()}; Proxy: null)`,
  );
}

/**
 * Whether a KMS ARN names a Region of the domain's partition: a key is used only within its partition, and
 * `arn:aws:kms:cn-north-1:…` or `arn:aws:kms:notaregion:…` names no key at all.
 */
function isDomainPartition(partition: string, region: string, context: OperationContext): boolean {
  return (
    isRegionName(region) &&
    partition === partitionOf(region) &&
    partition === partitionOf(context.scope.region)
  );
}

/**
 * The key ARN a KmsKeyId stored by builds before 0004915 stands for: they kept an alias as a malformed key ARN
 * (`arn:aws:kms:<region>:<account>:key/alias/aws/es`), which this build refuses when a client sends it back. The
 * alias's key as a create now answers it; undefined for any other value.
 */
export function keyArnOfStoredAlias(stored: string): string | undefined {
  const match = /^arn:([\w-]+):kms:([a-z0-9-]+):(\d{12}):key\/(alias\/.+)$/.exec(stored);
  const aliasName = match ? KMS_ALIAS_NAME.exec(match[4]!)?.[1] : undefined;
  if (!match || aliasName === undefined) return undefined;
  const [, partition = '', region = '', account = ''] = match;
  return keyArn({ region, account }, aliasKeyId(aliasName, { region, account }), partition);
}

/** The key id an alias names in an account and Region: a uuid-shaped hash of them (`aws/es`: the managed key). */
function aliasKeyId(alias: string, scope: Scope): string {
  const hex = crypto.createHash('sha256').update(`${alias}:${scope.account}:${scope.region}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * VPCDerivedInfo from the subnets and security groups given. AWS looks them up in EC2; locally the VPC id and
 * zones are derived from the subnet ids so that they are stable: `vpc-` and 17 hex digits of a hash of the
 * sorted subnets at creation, one zone per subnet (`<region>a`, `<region>b`, ...: zone-awareness subnets are
 * in distinct zones). Without security groups AWS uses the VPC's default group, likewise derived.
 */
export function deriveVpc(
  given: VPCOptions,
  current: VPCDerivedInfo | undefined,
  context: OperationContext,
): VPCDerivedInfo {
  const subnetIds = given.SubnetIds ?? current?.SubnetIds ?? [];
  // A domain (or VPC endpoint) never moves to another VPC (AWS's VPC guide: other subnets and security groups,
  // of the same VPC): the id drawn at creation is kept.
  const vpcId =
    current?.VPCId ??
    `vpc-${crypto
      .createHash('sha256')
      .update([...subnetIds].sort().join(','))
      .digest('hex')
      .slice(0, 17)}`;
  const securityGroupIds = given.SecurityGroupIds ??
    current?.SecurityGroupIds ?? [
      `sg-${crypto.createHash('sha256').update(vpcId).digest('hex').slice(0, 17)}`,
    ];
  return {
    VPCId: vpcId,
    SubnetIds: [...subnetIds],
    AvailabilityZones: subnetIds.map((_, index) => `${context.scope.region}${'abcdef'[index % 6] ?? 'a'}`),
    SecurityGroupIds: [...securityGroupIds],
  };
}

/** JSON with object keys sorted, to compare configurations regardless of member order. */
export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, member: unknown) =>
      member && typeof member === 'object' && !Array.isArray(member)
        ? Object.fromEntries(
            Object.entries(member as Record<string, unknown>).sort(([a], [b]) =>
              a < b ? -1 : a > b ? 1 : 0,
            ),
          )
        : member,
    ) ?? 'undefined'
  );
}

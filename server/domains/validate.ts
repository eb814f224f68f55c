/**
 * AWS's semantic checks of a domain configuration, beyond what the model's constraints already refused.
 * Each check throws the exception AWS throws, with AWS's text where a real one was found
 * (../shared/reference/real-responses/README.md section 2, catalogue.md section 9); where none was found the
 * comment says so and the text is ours, written to read like AWS's. "As quoted (cdk-preflight, <rule>)" marks
 * a text that third-party preflight rules attribute to AWS: the reference lists them as claimed, not captured
 * from AWS, so they are the best text known, unverified.
 */
import {
  BaseException,
  InvalidTypeException,
  LimitExceededException,
  ValidationException,
} from '../../schemas/errors.generated';
import type {
  AdvancedSecurityOptionsInput,
  EBSOptions,
  ElasticsearchClusterConfig,
  SAMLOptionsInput,
  VPCOptions,
} from '../../schemas/types.generated';
import type { EbsVolumeType } from '../catalogue';
import {
  dataInstanceCountLimits,
  dedicatedMasterCountLimits,
  ebsIopsLimits,
  ebsThroughputLimits,
  ebsVolumeSizeLimits,
  engineTypeOf,
  featureMinimumVersion,
  instanceTypeFacts,
  isInstanceTypeOffered,
  isInstanceTypeOfferedForExistingDomain,
  typesInUse,
  isSupportedVersion,
  isWarmInstanceType,
  maximumDataNodesSupportedByMaster,
  maximumDataNodesWithoutMaster,
  supportsFeature,
  versionAtLeast,
  maximumDataAndWarmNodes,
  maximumDomainStorageTiB,
  warmInstanceCountLimits,
} from '../catalogue';
import { invalidInstanceType, invalidMasterInstanceType, unsupportedVersion } from '../catalogue/errors';
import type { Scope } from '../../store/scope';
import { isRegionName, partitionOf } from '../partitions';
import { defaultEngineMode, minifyPolicy, policyNestedTooDeep } from './options';
import type { DomainOptions } from './record';
import { maximumSnapshotPauseSeconds } from './record';

/** The EBS volume types in the order of the model's VolumeType enum. */
const volumeTypesInModelOrder: EbsVolumeType[] = ['standard', 'gp2', 'io1', 'gp3'];

/** What one create or update asks for, after merging with the stored configuration. */
export interface ConfigurationCandidate {
  /** The account and Region of the domain. */
  scope: Scope;
  version: string;
  /** The cluster config as given and merged, before members of disabled features are dropped. */
  cluster: ElasticsearchClusterConfig;
  /** The request's instant, epoch milliseconds. */
  now: number;
  /** The ElasticsearchClusterConfig of the request itself, if it has one. */
  clusterInput?: ElasticsearchClusterConfig;
  /** The EBS options as given and merged, before normalization. */
  ebs: EBSOptions;
  options: DomainOptions;
  /** The AdvancedSecurityOptions of the request, if any (master user options are checked, never stored). */
  advancedSecurityInput?: AdvancedSecurityOptionsInput;
  /** The AccessPolicies of the request as submitted, if it has one (stored domains' policies are not checked again). */
  accessPoliciesInput?: string;
  /** Whether the IAM user or role of an ARN exists, where the emulator can tell (OperationContext.principalExists). */
  principalExists?: (arn: string) => boolean | undefined;
}

/**
 * The advanced options AWS accepts (API reference of CreateDomain/AdvancedOptionsStatus). UpdateDomainConfig's
 * reference lists them without override_main_response_version, and AWS refused it in an update (recorded through
 * Cloud Control: `Unrecognized advanced option 'override_main_response_version' passed in advancedOptions.`).
 */
const advancedOptionsOnCreate = [
  'rest.action.multi.allow_explicit_index',
  'indices.fielddata.cache.size',
  'indices.query.bool.max_clause_count',
  'override_main_response_version',
];
const advancedOptionsOnUpdate = advancedOptionsOnCreate.filter(
  (key) => key !== 'override_main_response_version',
);

/** Refuses advanced options AWS does not know (ValidationException, AWS's recorded text). */
export function validateAdvancedOptionKeys(
  given: Record<string, string> | undefined,
  onUpdate: boolean,
): void {
  const allowed = onUpdate ? advancedOptionsOnUpdate : advancedOptionsOnCreate;
  for (const key of Object.keys(given ?? {})) {
    if (!allowed.includes(key)) {
      throw new ValidationException(`Unrecognized advanced option '${key}' passed in advancedOptions.`);
    }
  }
}

/** The configuration before the update, for the rules about changing an existing domain. */
export interface ExistingDomain {
  options: DomainOptions;
}

export function validateVersion(version: string): void {
  if (!isSupportedVersion(version)) throw unsupportedVersion(version);
}

/** Every rule, in the order: cluster, storage, features, security, policy. */
export function validateConfiguration(candidate: ConfigurationCandidate, existing?: ExistingDomain): void {
  validateVersion(candidate.version);
  validateCluster(candidate, existing);
  validateStorage(candidate);
  validateWarmAndCold(candidate);
  validateEncryption(candidate, existing);
  validateAdvancedSecurity(candidate, existing);
  validateCognito(candidate, existing);
  validateAutoTune(candidate, existing);
  validateLogPublishing(candidate, existing);
  validateEndpointOptions(candidate, existing);
  validateDashboardsSignIn(candidate, existing);
  validateSnapshotPause(candidate, existing);
  validateEngineMode(candidate, existing);
  validateVpc(candidate, existing);
  const statements = validateAccessPolicies(
    candidate.options.AccessPolicies,
    candidate.accessPoliciesInput,
    partitionOf(candidate.scope.region),
    candidate.principalExists,
  );
  if (
    candidate.accessPoliciesInput !== undefined &&
    !candidate.options.VPCOptions &&
    candidate.options.AdvancedSecurityOptions.Enabled !== true &&
    isOpenPolicy(statements)
  ) {
    // The update's text is the reference's P3; both texts as quoted in users' reports with ValidationException
    // and 400 (a Serverless template: "UPDATE_FAILED: ... Apply a restrictive access policy to your domain
    // (Service: AWSElasticsearch; Status Code: 400; Error Code: ValidationException"; a Terraform create:
    // "Error: creating OpenSearch Domain: ValidationException: Enable fine-grained access control or apply a
    // restrictive access policy to your domain"). The access-control chapter: an open policy is for a domain in a
    // VPC or with fine-grained access control. A policy re-sent unchanged is judged again, as CloudFormation's
    // update in that report was; DryRun answers the refusal as well.
    throw new ValidationException(
      existing
        ? 'Apply a restrictive access policy to your domain'
        : 'Enable fine-grained access control or apply a restrictive access policy to your domain',
    );
  }
  if (candidate.options.VPCOptions && statements.some(hasSourceIpCondition)) {
    // Recorded: InvalidTypeException, with AWS's typographic apostrophe (reference P2:
    // clouddrove/terraform-aws-elasticsearch#11; the raw body of an UpdateElasticsearchDomainConfig in
    // awsdocs/amazon-opensearch-service-developer-guide#2).
    throw new InvalidTypeException(
      'You can\u2019t attach an IP-based policy to a domain that has a VPC endpoint. Instead, use a security group to control IP-based access.',
    );
  }
  validateSnapshotHour(candidate.options);
}

/**
 * A policy open to anyone: an Allow for anyone (`*` as principal, or among its AWS principals, or a NotPrincipal)
 * without a condition that restricts by source IP address or by principal, and no Deny for anyone with such a
 * condition (the common "deny all but these addresses" statement restricts as an IP condition does). The
 * access-control chapter: otherwise "the policy must include some restriction by principal or IP address". A
 * Resource alone does not restrict it (a user's report of the refusal in a Serverless template: "Specifying the
 * resource isn't enough. I had to provide a condition with my ip address"). How AWS judges a policy restrictive is
 * not documented: the keys and the Deny are our reading of the chapter.
 */
function isOpenPolicy(statements: readonly object[]): boolean {
  const forAnyone = (statement: object) => {
    const { principal, notPrincipal } = partsOf(statement);
    if (notPrincipal !== undefined || principal === '*') return true;
    const aws = (principal as { AWS?: unknown } | undefined)?.AWS;
    return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
  };
  const restricted = (statement: object) => hasRestrictiveCondition(partsOf(statement).condition);
  const openAllow = statements.some(
    (statement) => partsOf(statement).effect === 'Allow' && forAnyone(statement) && !restricted(statement),
  );
  const restrictingDeny = statements.some(
    (statement) => partsOf(statement).effect === 'Deny' && forAnyone(statement) && restricted(statement),
  );
  return openAllow && !restrictingDeny;
}

const restrictiveConditionKeys = new Set(
  [
    'aws:SourceIp',
    'aws:PrincipalArn',
    'aws:PrincipalAccount',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:userid',
    'aws:username',
    'aws:SourceAccount',
    'aws:SourceArn',
  ].map((key) => key.toLowerCase()),
);

function hasRestrictiveCondition(condition: unknown): boolean {
  if (!condition || typeof condition !== 'object') return false;
  return Object.values(condition).some(
    (keys: unknown) =>
      !!keys &&
      typeof keys === 'object' &&
      Object.keys(keys).some((key) => restrictiveConditionKeys.has(key.toLowerCase())),
  );
}

/** Whether a statement of the access policy has a condition on aws:SourceIp, under any operator. */
function hasSourceIpCondition(statement: object): boolean {
  const condition = (statement as { Condition?: unknown }).Condition;
  if (!condition || typeof condition !== 'object') return false;
  return Object.values(condition).some(
    (block) =>
      block !== null &&
      typeof block === 'object' &&
      Object.keys(block).some((key) => key.toLowerCase() === 'aws:sourceip'),
  );
}

function validateSnapshotHour(options: DomainOptions): void {
  const hour = options.SnapshotOptions.AutomatedSnapshotStartHour;
  // The model puts no bound on the hour; AWS documents 0-23 (UTC).
  if (hour !== undefined && (!Number.isInteger(hour) || hour < 0 || hour > 23)) {
    // AWS's text as quoted for the hour 24 (cdk-preflight, pf-opensearch-snapshot-start-hour-max, 2026-09);
    // its exception is not known.
    throw new ValidationException(
      `AutomatedSnapshotStartHour specified, ${hour}, is not a valid hour of the day. Please specify a number between 0 and 23.`,
    );
  }
}

/**
 * Whether a domain may use the type for data or master nodes: offered for the version, not an UltraWarm type,
 * and (for a type an existing domain changes to) still offered to existing domains (AWS: from 6.7 on, a domain
 * that does not use M3 types cannot change to them).
 */
function isUsableType(
  version: string,
  instanceType: string,
  changingExisting: boolean,
  before: ElasticsearchClusterConfig | undefined,
): boolean {
  if (isWarmInstanceType(instanceType)) return false;
  return changingExisting
    ? isInstanceTypeOfferedForExistingDomain(version, instanceType, typesInUse(before))
    : isInstanceTypeOffered(version, instanceType);
}

function validateCluster({ version, cluster }: ConfigurationCandidate, existing?: ExistingDomain): void {
  const instanceType = cluster.InstanceType ?? '';
  const before = existing?.options.ElasticsearchClusterConfig;
  // Recorded: `Invalid instance type: r6gd.4xlarge.elasticsearch` (InvalidTypeException).
  if (
    !isUsableType(version, instanceType, before !== undefined && before.InstanceType !== instanceType, before)
  ) {
    throw invalidInstanceType(instanceType);
  }
  const count = cluster.InstanceCount ?? 1;
  const countLimits = dataInstanceCountLimits(instanceType);
  // AWS's text as quoted for 11 t3.small data nodes (cdk-preflight, pf-opensearch-t3-instance-count-max,
  // 2026-09): `Instance count should be between 1 and 10.`, the limits being the type's InstanceCountLimits.
  const countMessage = `Instance count should be between ${countLimits.MinimumInstanceCount} and ${countLimits.MaximumInstanceCount}.`;
  // The model puts no bound on InstanceCount: 0 and negative counts reach this check.
  if (count < countLimits.MinimumInstanceCount) throw new ValidationException(countMessage);
  // The exception of the recorded text was not recorded; a count past a limit is a LimitExceededException.
  if (count > countLimits.MaximumInstanceCount) throw new LimitExceededException(countMessage);

  // Recorded (cloudposse/terraform-aws-elasticsearch#143).
  if (
    !cluster.DedicatedMasterEnabled &&
    (cluster.DedicatedMasterCount !== undefined || cluster.DedicatedMasterType !== undefined)
  ) {
    throw new ValidationException(
      'DedicatedMasterEnabled must be set to True to specify the DedicatedMasterCount and DedicatedMasterType options.',
    );
  }
  if (cluster.DedicatedMasterEnabled) {
    if (cluster.DedicatedMasterCount === undefined) {
      // Our text: AWS's answer to dedicated masters without a count was not found.
      throw new ValidationException(
        'DedicatedMasterCount must be specified when DedicatedMasterEnabled is true.',
      );
    }
    // Without a type AWS creates the domain: the canary end-to-end tests of AWS Controllers for Kubernetes, run
    // against AWS, enable dedicated masters with a count and no type (elasticsearchservice-controller,
    // test/e2e/resources/domain_es_xdym_multi_az7.9.yaml). Which type AWS then runs was not found: none is
    // invented, the answer has none, and only the count is checked.
    const masterType = cluster.DedicatedMasterType;
    if (masterType !== undefined) validateMasterType(version, masterType, before);
    const masterLimits = dedicatedMasterCountLimits();
    // AWS's texts as quoted for 1 and for 6 dedicated masters (cdk-preflight, pf-opensearch-master-count-min
    // and -max, 2026-09); AWS's guide calls the first a validation exception, and the second was a
    // LimitExceededException.
    if (cluster.DedicatedMasterCount < masterLimits.MinimumInstanceCount) {
      throw new ValidationException(
        `Dedicated master node count should be greater than ${masterLimits.MinimumInstanceCount - 1}.`,
      );
    }
    if (cluster.DedicatedMasterCount > masterLimits.MaximumInstanceCount) {
      throw new LimitExceededException(
        `Dedicated master instances count should be between ${masterLimits.MinimumInstanceCount} and ${masterLimits.MaximumInstanceCount}.`,
      );
    }
    // AWS's limits: T2 and T3 dedicated masters only for 10 data nodes or fewer (the type's
    // MaximumNumberOfDataNodesSupported in DescribeElasticsearchInstanceTypeLimits). AWS's text was not found:
    // ours.
    const supportedDataNodes =
      masterType === undefined ? Number.POSITIVE_INFINITY : maximumDataNodesSupportedByMaster(masterType);
    // Checked when the call sets the cluster: a domain stored before the check existed can still be updated.
    const clusterChanged =
      before === undefined ||
      (before.InstanceCount ?? 1) !== count ||
      before.DedicatedMasterType !== masterType ||
      before.DedicatedMasterEnabled !== true;
    if (clusterChanged && count > supportedDataNodes) {
      throw new ValidationException(
        `Dedicated master instance type ${masterType} supports at most ${supportedDataNodes} data nodes.`,
      );
    }
  } else if (count > maximumDataNodesWithoutMaster()) {
    // AWS's text as quoted for 11 m6g.large data nodes without dedicated masters (cdk-preflight,
    // pf-opensearch-data-nodes-without-master-max, 2026-09); its exception is not known.
    throw new ValidationException(
      `Dedicated master instances must be enabled for domains with more than ${maximumDataNodesWithoutMaster()} instance count.`,
    );
  }

  if (cluster.ZoneAwarenessEnabled) {
    const zones = cluster.ZoneAwarenessConfig?.AvailabilityZoneCount ?? 2;
    // Recorded: `NumberOfAvailabilityZones should be either 2 or 3` (awslabs/aws-solutions-constructs#908).
    if (zones !== 2 && zones !== 3) {
      throw new ValidationException('NumberOfAvailabilityZones should be either 2 or 3');
    }
    // Recorded (cloudposse/terraform-aws-elasticsearch#192). With three zones AWS only recommends multiples
    // of 3.
    if (zones === 2 && count % 2 !== 0) {
      throw new ValidationException(
        'You must choose an even number of data nodes for a two Availability Zone deployment',
      );
    }
    // AWS's text as quoted for 2 data nodes in 3 zones (cdk-preflight, pf-opensearch-az-count-min, 2026-09);
    // its exception is not known.
    if (zones === 3 && count < 3) {
      throw new ValidationException(
        'You must choose a minimum of three data nodes for a three Availability Zone deployment',
      );
    }
  } else if (cluster.ZoneAwarenessConfig !== undefined) {
    // AWS's text as quoted for a zone count without ZoneAwarenessEnabled (cdk-preflight,
    // pf-opensearch-zone-awareness-config-requires-enabled, 2026-09); its exception is not known.
    throw new ValidationException(
      'ZoneAwarenessEnabled must be set to True to specify the ZoneAwarenessSettings',
    );
  }
}

function validateStorage({ version, cluster, ebs }: ConfigurationCandidate): void {
  const instanceType = cluster.InstanceType ?? '';
  const facts = instanceTypeFacts(instanceType);
  if (!facts) return;
  if (!ebs.EBSEnabled) {
    // Recorded: `EBS storage must be selected for m4.large.elasticsearch` (ValidationException, 400).
    if (facts.ebsOnly) throw new ValidationException(`EBS storage must be selected for ${instanceType}`);
    for (const member of ['VolumeType', 'VolumeSize', 'Iops', 'Throughput'] as const) {
      if (ebs[member] !== undefined) {
        // Our text: EBS members with EBS disabled.
        throw new ValidationException(`EBSEnabled must be set to True to specify ${member}.`);
      }
    }
    return;
  }
  if (!facts.supportsEbs) {
    // Text recorded through CloudFormation (awslabs/aws-servicebroker#203); the exception type is our choice.
    throw new ValidationException(`Instance type ${instanceType} does not support EBS storage`);
  }
  const volumeType: EbsVolumeType = ebs.VolumeType ?? 'gp2';
  const sizeLimits = ebsVolumeSizeLimits(instanceType, volumeType, version);
  if (!sizeLimits) {
    // gp3 on previous-generation types, magnetic on Graviton. AWS's text as quoted for gp2 on
    // m7i.large.search
    // (cdk-preflight, pf-opensearch-ebs-volume-type-supported, 2026-09: `[io1, gp3]`); its exception is not
    // known. The list is the type's volume types in the model's order, io1 before gp3 as recorded.
    const offered = volumeTypesInModelOrder.filter((type) =>
      ebsVolumeSizeLimits(instanceType, type, version),
    );
    throw new ValidationException(
      `EBS volume-types :[${offered.join(', ')}] must be selected for ${instanceType}`,
    );
  }
  if (ebs.VolumeSize === undefined) {
    // Our text: AWS's answer to an EBS volume without size was not found.
    throw new ValidationException('VolumeSize must be specified when EBSEnabled is true.');
  }
  if (ebs.VolumeSize < sizeLimits.min || ebs.VolumeSize > sizeLimits.max) {
    // Recorded: `Volume size must be between 10 and 35 for t2.medium.elasticsearch instance type and
    // elasticsearch version 6.3` (LimitExceededException).
    throw new LimitExceededException(
      `Volume size must be between ${sizeLimits.min} and ${sizeLimits.max} for ${instanceType} instance type and elasticsearch version ${version}`,
    );
  }
  if (ebs.Throughput !== undefined && volumeType !== 'gp3') {
    // Recorded (hashicorp/terraform-provider-aws#32613).
    throw new ValidationException('Throughput is only valid when volume type is GP3.');
  }
  const iopsLimits = ebsIopsLimits(instanceType, volumeType);
  // Iops 0 is echoed by AWS for gp2 volumes (recorded), so a client may send it back for a volume type without IOPS;
  // for gp3 and io1 it is below their range, as the limits DescribeElasticsearchInstanceTypeLimits answers.
  if (ebs.Iops !== undefined && (ebs.Iops !== 0 || iopsLimits)) {
    if (!iopsLimits) {
      // AWS's text as quoted for Iops on a gp2 volume (cdk-preflight, pf-opensearch-ebs-iops-only-gp3-io1,
      // 2026-09); its exception is not known.
      throw new ValidationException('IOPS is only valid when volume type is io1 or gp3.');
    }
    if (ebs.Iops < iopsLimits.min || ebs.Iops > iopsLimits.max) {
      if (volumeType === 'io1') {
        // AWS's text for io1 as quoted for 999 IOPS (cdk-preflight, pf-opensearch-ebs-io1-iops-min, 2026-09);
        // its exception is not known.
        throw new LimitExceededException(`Iops must be between ${iopsLimits.min} and ${iopsLimits.max}.`);
      }
      throw new LimitExceededException(rangeMessage('IOPS', iopsLimits));
    }
  }
  if (ebs.Throughput !== undefined) {
    const throughputLimits = ebsThroughputLimits(instanceType, volumeType);
    if (
      throughputLimits &&
      (ebs.Throughput < throughputLimits.min || ebs.Throughput > throughputLimits.max)
    ) {
      throw new LimitExceededException(rangeMessage('Throughput', throughputLimits));
    }
  }
}

/**
 * Recorded forms: `Throughput must be between 250 and 593`, `IOPS must be set to 20000` (gp3, LimitExceededException);
 * `IOPS must be between 3000 and 11800` and `Throughput must be between 125 and 260` (gp3, cdk-preflight, 2026-09).
 */
function rangeMessage(name: string, limits: { min: number; max: number }): string {
  return limits.min === limits.max
    ? `${name} must be set to ${limits.max}`
    : `${name} must be between ${limits.min} and ${limits.max}`;
}

/** A dedicated master type the call gives: master-capable, and usable for the version (isUsableType). */
function validateMasterType(
  version: string,
  masterType: string,
  before: ElasticsearchClusterConfig | undefined,
): void {
  // UltraWarm types are the ones offered whose roles lack master (our catalogue).
  if (isWarmInstanceType(masterType) && isInstanceTypeOffered(version, masterType)) {
    // AWS's text as quoted for or1.medium.search masters (cdk-preflight,
    // pf-opensearch-master-type-master-capable, 2026-09); its exception is not known.
    throw invalidMasterInstanceType(masterType);
  }
  if (
    !isUsableType(
      version,
      masterType,
      before !== undefined && before.DedicatedMasterType !== masterType,
      before,
    )
  ) {
    throw invalidInstanceType(masterType);
  }
}

function validateWarmAndCold({ version, cluster, clusterInput, ebs }: ConfigurationCandidate): void {
  const dataFacts = instanceTypeFacts(cluster.InstanceType ?? '');
  if (cluster.WarmEnabled) {
    // The rules are those of AWS's UltraWarm guide; AWS's text for the version rule and for a warm domain
    // without WarmType or WarmCount was not found (ours).
    if (!supportsFeature(version, 'UltraWarm')) {
      throw new ValidationException(
        `UltraWarm requires Elasticsearch ${featureMinimumVersion('UltraWarm')} or later.`,
      );
    }
    if (!cluster.DedicatedMasterEnabled) {
      // AWS's text as quoted for UltraWarm without dedicated masters (cdk-preflight,
      // pf-opensearch-warm-requires-master, 2026-09); its exception is not known.
      throw new ValidationException('To use warm storage, your domain must have dedicated master nodes.');
    }
    if (dataFacts && !dataFacts.warmAndColdStorage) {
      // AWS's text as quoted for t3.small data nodes (cdk-preflight,
      // pf-opensearch-warm-not-supported-on-data-type, 2026-09: AWS named the type t3.small.elasticsearch);
      // its exception is not known.
      throw new ValidationException(
        `Warm storage is not available for the ${cluster.InstanceType ?? ''} instance type. Select a different instance type.`,
      );
    }
    if (cluster.WarmType === undefined || cluster.WarmCount === undefined) {
      throw new ValidationException('WarmType and WarmCount must be specified when WarmEnabled is true.');
    }
    if (!isWarmInstanceType(cluster.WarmType)) throw invalidInstanceType(cluster.WarmType);
    const warmLimits = warmInstanceCountLimits();
    if (
      cluster.WarmCount < warmLimits.MinimumInstanceCount ||
      cluster.WarmCount > warmLimits.MaximumInstanceCount
    ) {
      // AWS's text as quoted for 1 warm node (cdk-preflight, pf-opensearch-warm-count-min, 2026-09); its
      // exception is not known.
      throw new ValidationException(
        `Warm storage node count must be between ${warmLimits.MinimumInstanceCount} and ${warmLimits.MaximumInstanceCount}.`,
      );
    }
    // Data and warm nodes together: at most 200 however the quotas are raised (80 data and 120 warm nodes in
    // AWS's example), and at most 3 PiB of storage, a warm node counting its type's most. AWS's texts were not
    // found (ours); a count or a size past a limit is a LimitExceededException, as the data nodes' count is.
    const dataNodes = cluster.InstanceCount ?? 1;
    if (dataNodes + cluster.WarmCount > maximumDataAndWarmNodes()) {
      throw new LimitExceededException(
        `A domain can have at most ${maximumDataAndWarmNodes()} data and warm nodes together, not ${dataNodes + cluster.WarmCount}.`,
      );
    }
    // Instance storage is not in the catalogue: such data nodes count no storage here.
    const dataTiB = ebs.EBSEnabled ? (dataNodes * (ebs.VolumeSize ?? 0)) / 1024 : 0;
    const warmTiB = cluster.WarmCount * (instanceTypeFacts(cluster.WarmType)?.warmMaxStorageTiB ?? 0);
    if (dataTiB + warmTiB > maximumDomainStorageTiB()) {
      throw new LimitExceededException(
        `A domain can have at most ${maximumDomainStorageTiB()} TiB (${maximumDomainStorageTiB() / 1024} PiB) of data and warm storage together, not ${(dataTiB + warmTiB).toFixed(2)} TiB.`,
      );
    }
  } else if (cluster.WarmType !== undefined || cluster.WarmCount !== undefined) {
    // AWS's text as quoted for WarmType and WarmCount without WarmEnabled, and for each alone (cdk-preflight,
    // pf-opensearch-warm-options-require-enabled, 2026-09); its exception is not known.
    throw new ValidationException('WarmEnabled must be set to true to specify WarmCount and WarmType.');
  }
  // Recorded (terraform-provider-aws code comment quoting AWS). Refused for ColdStorageOptions given at all, off
  // too: the provider leaves the member out of every update below 7.9 to get past this error, and a module's
  // creates with cold storage off failed on it (cloudposse/terraform-aws-elasticsearch#148).
  if (clusterInput?.ColdStorageOptions !== undefined && !supportsFeature(version, 'ColdStorage')) {
    throw new ValidationException(
      "Your domain's Elasticsearch version does not support cold storage options. Upgrade to Elasticsearch 7.9 or later.",
    );
  }
  if (cluster.ColdStorageOptions?.Enabled) {
    // AWS's text and exception, recorded through Terraform
    // (ministryofjustice/cloud-platform-infrastructure#3659,
    // 2025-01: `BaseException: To use cold storage, you must have UltraWarm enabled.`).
    if (!cluster.WarmEnabled)
      throw new BaseException('To use cold storage, you must have UltraWarm enabled.');
  }
}

function validateEncryption(
  { version, cluster, options }: ConfigurationCandidate,
  existing?: ExistingDomain,
): void {
  const instanceType = cluster.InstanceType ?? '';
  const atRest = options.EncryptionAtRestOptions.Enabled === true;
  const wasAtRest = existing?.options.EncryptionAtRestOptions.Enabled === true;
  if (atRest) {
    // AWS's encryption-at-rest guide: 5.1+ for new domains, 6.7+ to enable it on an existing one.
    const feature = existing && !wasAtRest ? 'EncryptionAtRestOnExistingDomain' : 'EncryptionAtRest';
    if (!supportsFeature(version, feature)) {
      // AWS's text as quoted for a new domain on Elasticsearch 2.3 (cdk-preflight,
      // pf-opensearch-encryption-at-rest-min-version, 2026-09); its exception is not known. Ours for an
      // existing domain before 6.7.
      throw new ValidationException(
        feature === 'EncryptionAtRest'
          ? `Encryption at rest is not supported for Elasticsearch ${version}`
          : `Encryption at rest requires Elasticsearch ${featureMinimumVersion(feature)} or later.`,
      );
    }
    // AWS's encryption-at-rest guide: it cannot be enabled on an existing domain that has UltraWarm or cold
    // storage. AWS's text was not found: ours.
    if (existing && !wasAtRest && (cluster.WarmEnabled || cluster.ColdStorageOptions?.Enabled)) {
      throw new ValidationException(
        'Encryption at rest cannot be enabled on an existing domain with UltraWarm or cold storage enabled.',
      );
    }
    // Recorded: `Encryption at rest is not supported with t2.small.elasticsearch instances`
    // (InvalidTypeException, 409).
    if (instanceTypeFacts(instanceType)?.encryptionAtRest === false) {
      throw new InvalidTypeException(`Encryption at rest is not supported with ${instanceType} instances`);
    }
    // AWS's API reference (EncryptionAtRestOptions.KmsKeyId): only when creating a domain or enabling encryption
    // at rest for the first time; "You can't modify this parameter after it's already been specified." Text ours.
    const keyBefore = existing?.options.EncryptionAtRestOptions.KmsKeyId;
    if (wasAtRest && keyBefore !== undefined && options.EncryptionAtRestOptions.KmsKeyId !== keyBefore) {
      throw new ValidationException(
        'The KMS key of a domain encrypted at rest cannot be changed once encryption at rest is enabled.',
      );
    }
  } else if (wasAtRest) {
    // AWS's guide: encryption at rest cannot be disabled once enabled; text not found.
    throw new ValidationException('Encryption at rest cannot be disabled once it is enabled.');
  }

  const nodeToNode = options.NodeToNodeEncryptionOptions.Enabled === true;
  const wasNodeToNode = existing?.options.NodeToNodeEncryptionOptions.Enabled === true;
  if (nodeToNode) {
    // AWS's node-to-node guide: 6.0+ for new domains, 6.7+ on existing ones.
    const feature =
      existing && !wasNodeToNode ? 'NodeToNodeEncryptionOnExistingDomain' : 'NodeToNodeEncryption';
    if (!supportsFeature(version, feature)) {
      // AWS's text as quoted for a new domain on Elasticsearch 5.6 (cdk-preflight,
      // pf-opensearch-node-to-node-min-version, 2026-09); its exception is not known. Ours for an
      // existing domain before 6.7.
      throw new ValidationException(
        feature === 'NodeToNodeEncryption'
          ? 'Node to Node Encryption feature is not available for the selected ES Version'
          : `Node-to-node encryption requires Elasticsearch ${featureMinimumVersion(feature)} or later.`,
      );
    }
  } else if (wasNodeToNode) {
    throw new ValidationException('Node-to-node encryption cannot be disabled once it is enabled.');
  }
}

function validateAdvancedSecurity(
  { scope, version, options, advancedSecurityInput }: ConfigurationCandidate,
  existing?: ExistingDomain,
): void {
  if (existing === undefined && advancedSecurityInput?.SAMLOptions != null) {
    // AWS's SAML guide: "You can only enable SAML authentication ... on existing domains, not during the creation
    // of new ones." AWS's text as answered to a create that carried SAMLOptions `{"enabled": false}`
    // (aws-cloudformation/cloudformation-coverage-roadmap#1496): any SAMLOptions, enabled or not; its exception
    // is not known. Terraform leaves SAML out of its create for this reason.
    throw new ValidationException('You cannot specify SAML options during domain creation');
  }
  const security = options.AdvancedSecurityOptions;
  const enablingOnExisting =
    existing !== undefined &&
    existing.options.AdvancedSecurityOptions.Enabled !== true &&
    security.Enabled === true;
  const alreadyAnonymous = existing?.options.AdvancedSecurityOptions.AnonymousAuthEnabled === true;
  if (advancedSecurityInput?.AnonymousAuthEnabled === true && !alreadyAnonymous && !enablingOnExisting) {
    // The model: "Anonymous auth can be enabled only when AdvancedSecurity is enabled on existing domains": the
    // migration period of fine-grained access control turned on for a domain that had none, so only in that
    // update (or kept on after it). A create that asks for it is refused (alphagov/govuk-infrastructure#1303);
    // AWS's text was not found: ours.
    throw new ValidationException(
      'Anonymous auth can be enabled only when fine-grained access control is enabled on an existing domain.',
    );
  }
  if (!security.Enabled) {
    if (existing?.options.AdvancedSecurityOptions.Enabled) {
      // AWS's fine-grained access control guide: it cannot be disabled once enabled; text not found.
      throw new ValidationException('Fine-grained access control cannot be disabled once it is enabled.');
    }
    if (advancedSecurityInput?.SAMLOptions?.Enabled) {
      // AWS's text as quoted for SAMLOptions enabled without fine-grained access control (cdk-preflight,
      // pf-opensearch-saml-requires-fgac, 2026-09); its exception is not known.
      throw new ValidationException('Advanced security option must be enabled to configure SAML.');
    }
    return;
  }
  if (!supportsFeature(version, 'AdvancedSecurity')) {
    // AWS's text as quoted for Elasticsearch 6.5 (cdk-preflight, pf-opensearch-fgac-min-version, 2026-09);
    // its exception is not known.
    throw new ValidationException('Advanced security feature is not available for the selected ES Version.');
  }
  // Recorded (lgallard/terraform-aws-elasticsearch#13, aws/aws-cdk#22018: ValidationException, 400; the same
  // sentence quoted by cdk-preflight, pf-opensearch-fgac-requires-enforce-https, 2026-09).
  if (!options.DomainEndpointOptions.EnforceHTTPS) {
    throw new ValidationException(
      'You must enable EnforceHTTPS in the domain endpoint options to use advanced security.',
    );
  }
  // AWS's texts as quoted (cdk-preflight, pf-opensearch-fgac-requires-node-to-node and
  // -fgac-requires-encryption-at-rest, 2026-09); their exception is not known.
  if (!options.NodeToNodeEncryptionOptions.Enabled) {
    throw new ValidationException(
      'You must enable node-to-node encryption to use advanced security options.',
    );
  }
  if (!options.EncryptionAtRestOptions.Enabled) {
    throw new ValidationException('You must enable encryption at rest to use advanced security options.');
  }
  const master = advancedSecurityInput?.MasterUserOptions;
  const partition = partitionOf(scope.region);
  if (master?.MasterUserARN && !iamArnKind(master.MasterUserARN, partition)) {
    // The master user is an IAM user or role (CloudFormation's MasterUserARN: it "can point to an IAM user or
    // role"), of the domain's partition. Text ours.
    throw new ValidationException(
      `MasterUserARN must be the ARN of an IAM user or role in the ${partition} partition: ${master.MasterUserARN}`,
    );
  }
  if (master?.MasterUserARN && master.MasterUserName) {
    // AWS's text as quoted for a name, a password and an ARN together (cdk-preflight,
    // pf-opensearch-fgac-master-user-exclusive, 2026-09); its exception is not known.
    throw new ValidationException(
      'You must provide either a master username or a master user ARN but not together.',
    );
  }
  const enablingInternalDatabase =
    security.InternalUserDatabaseEnabled === true &&
    existing?.options.AdvancedSecurityOptions.InternalUserDatabaseEnabled !== true;
  const enablingSecurity = existing?.options.AdvancedSecurityOptions.Enabled !== true;
  const disablingInternalDatabase =
    existing?.options.AdvancedSecurityOptions.InternalUserDatabaseEnabled === true &&
    security.InternalUserDatabaseEnabled !== true;
  // Without the internal user database the master user is an IAM ARN: so when access control is turned on, when the
  // internal database is turned off, and when a call names a master user (a name and a password serve only the
  // internal database).
  if (
    (enablingSecurity || disablingInternalDatabase || master !== undefined) &&
    security.InternalUserDatabaseEnabled !== true &&
    !master?.MasterUserARN
  ) {
    // AWS's text for fine-grained access control without the internal user database and without
    // MasterUserOptions, with its typographic apostrophe (ValidationException: terraform-aws-modules/
    // terraform-aws-opensearch#18, 2024; cdk-preflight quotes the same sentence with a plain one).
    throw new ValidationException(
      'If you don\u2019t enable the internal user database, you must provide a master user ARN.',
    );
  }
  if (enablingInternalDatabase && (!master?.MasterUserName || !master.MasterUserPassword)) {
    // Recorded (lgallard/terraform-aws-elasticsearch#15; the same sentence quoted by cdk-preflight,
    // pf-opensearch-fgac-internal-db-requires-name-password, 2026-09).
    throw new ValidationException(
      'You must provide a master username and password when the internal user database is enabled.',
    );
  }
  // Recorded (wellcomecollection/storage-service, a Terraform apply refused with `ValidationException: The
  // master user password must contain at least one uppercase letter, one lowercase letter, one number, and one
  // special character.`); the model checks only its length (8 to 128).
  const password = master?.MasterUserPassword;
  if (password !== undefined && !isComplexPassword(password)) {
    throw new ValidationException(
      'The master user password must contain at least one uppercase letter, one lowercase letter, one number, and one special character.',
    );
  }
  validateSaml(advancedSecurityInput?.SAMLOptions);
}

/** SAML as a call brings it: the session timeout the model documents and, when enabled, the identity provider's metadata. */
function validateSaml(saml: SAMLOptionsInput | undefined): void {
  const timeout = saml?.SessionTimeoutMinutes;
  if (timeout !== undefined && (timeout < 1 || timeout > 1440)) {
    // The model: "Acceptable values are between 1 and 1440", whether SAML is enabled by the call or not; the text
    // is ours.
    throw new ValidationException('SessionTimeoutMinutes must be between 1 and 1440.');
  }
  if (!saml?.Enabled) return;
  // AWS's text, from the SAML guide's troubleshooting table ("Your IdP metadata file does not conform to the
  // SAML 2.0 standard"); its exception is not known.
  if (!saml.Idp?.EntityId || !isSamlMetadata(saml.Idp.MetadataContent ?? '')) {
    throw new ValidationException('Please provide valid identity provider metadata document to enable SAML.');
  }
}

/**
 * Whether a document's root element is SAML 2.0 metadata's, an EntityDescriptor or an EntitiesDescriptor (any
 * namespace prefix), after what may come before it: a byte order mark, the XML declaration, processing
 * instructions, comments and a DOCTYPE. The document is not parsed further.
 */
function isSamlMetadata(document: string): boolean {
  // Each alternative reads its text once: white space before a DOCTYPE's `>` is read by `[^[>]*` alone, since a
  // second `\s*` there made a `<!DOCTYPE` without its `>` take time in the square of its length.
  const prolog = /^(?:\s+|<\?[^]*?\?>|<!--[^]*?-->|<!DOCTYPE[^[>]*(?:\[[^\]]*\]\s*)?>)/;
  let rest = document.replace(/^\uFEFF/, '');
  for (let match = prolog.exec(rest); match && match[0].length > 0; match = prolog.exec(rest)) {
    rest = rest.slice(match[0].length);
  }
  return /^<(?:[A-Za-z_][\w.-]*:)?Entit(?:y|ies)Descriptor[\s/>]/.test(rest);
}

/**
 * AWS's SAML guide: "Domains only support one Kibana authentication method at a time. If you have Amazon Cognito
 * authentication for Kibana enabled, you must disable it before you can enable SAML." Checked when a call brings
 * the two together; the text is ours.
 */
function validateDashboardsSignIn({ options }: ConfigurationCandidate, existing?: ExistingDomain): void {
  const bothOn = (domain: DomainOptions) =>
    domain.CognitoOptions.Enabled === true && domain.AdvancedSecurityOptions.SAMLOptions?.Enabled === true;
  if (bothOn(options) && !(existing && bothOn(existing.options))) {
    throw new ValidationException(
      'A domain supports one Dashboards authentication method at a time: disable Amazon Cognito authentication to enable SAML, or SAML to enable Amazon Cognito authentication.',
    );
  }
}

/**
 * The model: "Maximum suspension duration: 3 days", "The maximum allowed duration between StartTime and EndTime is 3
 * days." A pause given an end and no start is active from the call on (snapshotPauseAt), so its end is judged
 * against the 3 days from now (and one that has already ended is left alone: AWS documents nothing for it). Texts
 * ours.
 */
function validateSnapshotPause({ options, now }: ConfigurationCandidate, existing?: ExistingDomain): void {
  const pause = options.AutomatedSnapshotPauseOptions;
  if (!pause?.Enabled || pause.EndTime === undefined) return;
  const stored = existing?.options.AutomatedSnapshotPauseOptions;
  // A pause the domain already has (stored before these checks) is not judged again; to the second, as a client that
  // sends whole seconds (boto3, the CLI) sends back what another set with milliseconds (the JS SDK).
  const sameSecond = (a: number | undefined, b: number | undefined) =>
    a === b || (a !== undefined && b !== undefined && Math.floor(a) === Math.floor(b));
  if (
    stored?.Enabled &&
    sameSecond(stored.StartTime, pause.StartTime) &&
    sameSecond(stored.EndTime, pause.EndTime)
  ) {
    return;
  }
  if (pause.StartTime === undefined) {
    if (pause.EndTime - now / 1000 > maximumSnapshotPauseSeconds) {
      throw new ValidationException('The automated snapshot pause can last at most 3 days.');
    }
    return;
  }
  const duration = pause.EndTime - pause.StartTime;
  if (duration <= 0) {
    throw new ValidationException('The automated snapshot pause must end after it starts.');
  }
  if (duration > maximumSnapshotPauseSeconds) {
    throw new ValidationException('The automated snapshot pause can last at most 3 days.');
  }
}

/**
 * The model: "OPTIMIZED requires OpenSearch 3.5 or later, OpenSearch Optimized instance types (OR1, OR2, OM2, or
 * OI2) for the data tier, and encryption at rest [...]. The engine mode can't be changed after the domain is
 * created." No version the emulator offers is 3.5 or later, so only the version is checked: the instance types,
 * encryption at rest and use case must be checked too once the catalogue offers 3.5. Texts ours.
 */
function validateEngineMode({ version, options }: ConfigurationCandidate, existing?: ExistingDomain): void {
  const mode = options.EngineMode ?? defaultEngineMode;
  if (existing) {
    if (mode !== (existing.options.EngineMode ?? defaultEngineMode)) {
      throw new ValidationException("The engine mode can't be changed after the domain is created.");
    }
    return;
  }
  if (
    mode === 'OPTIMIZED' &&
    !(engineTypeOf(version) === 'OpenSearch' && versionAtLeast(version, 'OpenSearch_3.5'))
  ) {
    throw new ValidationException(
      `The OPTIMIZED engine mode requires OpenSearch 3.5 or later (the domain's version is ${version}).`,
    );
  }
}

function isComplexPassword(password: string): boolean {
  return (
    /[A-Z]/.test(password) &&
    /[a-z]/.test(password) &&
    /[0-9]/.test(password) &&
    /[^A-Za-z0-9]/.test(password)
  );
}

function validateCognito(
  { scope, version, options }: ConfigurationCandidate,
  existing?: ExistingDomain,
): void {
  const cognito = options.CognitoOptions;
  if (!cognito.Enabled) return;
  // The forms of the role and the pools are judged when the call brings them, not again on every update of a
  // domain that holds them (a domain stored before the check existed can still be updated).
  const brought = broughtByCall(existing?.options.CognitoOptions, cognito);
  // AWS's feature table: Cognito authentication for Kibana from 5.1. Texts ours.
  if (!supportsFeature(version, 'Cognito')) {
    throw new ValidationException(
      `Amazon Cognito authentication requires Elasticsearch ${featureMinimumVersion('Cognito')} or later.`,
    );
  }
  // AWS's text as quoted for Cognito enabled with none of the three (cdk-preflight,
  // pf-opensearch-cognito-requires-ids, 2026-09): AWS names RoleArn first; its exception is not known.
  if (!cognito.RoleArn) throw new ValidationException('RoleArn needs to be specified');
  // The OpenSearch API's model gives RoleArn AWS's form, `arn:<partition>:iam::<account>:role/…`, which this API's
  // model leaves out; a role of another partition cannot be passed. Text ours.
  const partition = partitionOf(scope.region);
  if (brought && iamArnKind(cognito.RoleArn, partition) !== 'role') {
    throw new ValidationException(
      `RoleArn must be the ARN of an IAM role in the ${partition} partition: ${cognito.RoleArn}`,
    );
  }
  // AWS's text as quoted for a RoleArn of another account, checked before the pools' Regions (cdk-preflight,
  // pf-opensearch-cognito-role-arn-account, 2026-09); its exception is not known.
  if (cognito.RoleArn.split(':')[4] !== scope.account) {
    throw new ValidationException('Cross-account pass role is not allowed.');
  }
  // Our texts: AWS's for a missing pool id was not recorded.
  for (const member of ['UserPoolId', 'IdentityPoolId'] as const) {
    if (!cognito[member]) {
      throw new ValidationException(
        `${member} must be specified when Amazon Cognito authentication is enabled.`,
      );
    }
  }
  // AWS's text as quoted for a user pool of another Region than the identity pool's (cdk-preflight,
  // pf-opensearch-cognito-pool-region-match, 2026-09); its exception is not known. The Region is the id's
  // prefix: `us-east-1_abcd1234`, `us-east-1:<uuid>`.
  const userPoolRegion = cognito.UserPoolId?.split('_')[0];
  const identityPoolRegion = cognito.IdentityPoolId?.split(':')[0];
  if (userPoolRegion !== identityPoolRegion) {
    throw new ValidationException('IdentityPool and UserPool should be in the same region');
  }
  // The pools may be in another Region than the domain's, not in another partition. Text ours.
  if (brought && (!isRegionName(userPoolRegion ?? '') || partitionOf(userPoolRegion ?? '') !== partition)) {
    throw new ValidationException(
      `The Amazon Cognito pools must be in a Region of the ${partition} partition: ${cognito.UserPoolId}`,
    );
  }
}

function validateAutoTune(
  { version, cluster, options }: ConfigurationCandidate,
  existing?: ExistingDomain,
): void {
  const autoTune = options.AutoTuneOptions;
  // Judged when a call brings them, not again on every update of a domain that holds them.
  if (broughtByCall(existing?.options.AutoTuneOptions, autoTune)) {
    // AWS's API reference for RollbackOnDisable: "If you specify DEFAULT_ROLLBACK, you must include a
    // MaintenanceSchedule in the request. Otherwise, OpenSearch Service is unable to perform the rollback." Held
    // where a rollback would follow, on disabling. Text ours.
    if (
      autoTune.DesiredState === 'DISABLED' &&
      autoTune.RollbackOnDisable === 'DEFAULT_ROLLBACK' &&
      (autoTune.MaintenanceSchedules ?? []).length === 0
    ) {
      throw new ValidationException(
        'A MaintenanceSchedule is required to roll back Auto-Tune changes (RollbackOnDisable DEFAULT_ROLLBACK).',
      );
    }
    for (const schedule of autoTune.MaintenanceSchedules ?? []) {
      const cron = schedule.CronExpressionForRecurrence;
      if (cron !== undefined && !isAutoTuneCron(cron)) {
        throw new ValidationException(
          `CronExpressionForRecurrence must be cron(minutes hours day-of-month month day-of-week year), with ? for ` +
            `day-of-month or day-of-week: ${cron}`,
        );
      }
    }
  }
  if (autoTune.DesiredState !== 'ENABLED') return;
  if (instanceTypeFacts(cluster.InstanceType ?? '')?.burstable) {
    // Recorded (ansible-collections/community.aws#1754).
    throw new ValidationException(
      'Autotune is not supported in t2/t3 instance types. Disable autotune or change your instance type.',
    );
  }
  if (!supportsFeature(version, 'AutoTune')) {
    throw new ValidationException(
      `Auto-Tune requires Elasticsearch ${featureMinimumVersion('AutoTune')} or later.`,
    );
  }
}

/**
 * Auto-Tune's recurrence, a CloudWatch Events cron expression (the Auto-Tune guide's "Cron expressions"): six fields,
 * `cron(0 3 ? * MON *)`, and day-of-month or day-of-week `?`, as both cannot be given.
 */
function isAutoTuneCron(expression: string): boolean {
  const fields = /^cron\((.*)\)$/.exec(expression.trim())?.[1]?.trim().split(/\s+/);
  if (fields?.length !== 6) return false;
  const [, , dayOfMonth, , dayOfWeek] = fields;
  return (dayOfMonth === '?') !== (dayOfWeek === '?');
}

function validateLogPublishing(
  { scope, version, options }: ConfigurationCandidate,
  existing?: ExistingDomain,
): void {
  const application = options.LogPublishingOptions.ES_APPLICATION_LOGS;
  // Given at all, switched off too: AWS refused `{"Enabled": false}` on 2.3 (terraform-provider-aws#7857;
  // cloudposse/terraform-aws-elasticsearch#102, whose fix stopped sending the block). Judged when the call brings
  // it, so that a domain stored by an earlier build with such an entry can still be updated.
  const applicationGiven =
    application !== undefined &&
    (application.Enabled ||
      broughtByCall(existing?.options.LogPublishingOptions.ES_APPLICATION_LOGS, application));
  if (applicationGiven && !supportsFeature(version, 'ApplicationLogs')) {
    // Recorded: `Application Logs option cannot be specified for Elasticsearch version : 2.3`
    // (InvalidTypeException).
    throw new InvalidTypeException(
      `Application Logs option cannot be specified for Elasticsearch version : ${version}`,
    );
  }
  const audit = options.LogPublishingOptions.AUDIT_LOGS;
  if (audit?.Enabled && !options.AdvancedSecurityOptions.Enabled) {
    // AWS's text, lower-case first letter included (cisagov/crossfeed#738, 2020-10, ValidationException; the
    // same sentence quoted by cdk-preflight, pf-opensearch-audit-logs-requires-fgac, 2026-09).
    throw new ValidationException(
      'audit log publishing cannot be enabled as you do not have advanced security options configured.',
    );
  }
  for (const [logType, option] of Object.entries(options.LogPublishingOptions)) {
    if (option.Enabled && !option.CloudWatchLogsLogGroupArn) {
      // AWS's text as quoted for SEARCH_SLOW_LOGS (cdk-preflight, pf-opensearch-log-publishing-requires-arn,
      // 2026-09); its exception is not known.
      throw new ValidationException(
        `Log publishing option is misconfigured. Enter valid CloudWatch Logs Arn and Enable flag for LogType "${logType}"`,
      );
    }
    // AWS's text as quoted for a log group of another Region (cdk-preflight, pf-opensearch-log-group-arn-region,
    // 2026-09: the same ARN in the domain's Region was answered that the log group does not exist instead); its
    // exception is not known. A text that is no log group ARN of the Region (in its partition) is as invalid.
    // A create judges every ARN it is given, of a log type switched off too: AWS refused a creation with
    // `{"Enabled": false, "CloudWatchLogsLogGroupArn": ""}` that an update of the domain accepts
    // (terraform-provider-aws#25506; app-sre/qontract-reconcile#5641 quotes the text for SEARCH_SLOW_LOGS).
    // An ARN the domain already publishes to is not judged again (one stored before a check existed stays usable).
    const stored = existing?.options.LogPublishingOptions[logType];
    const publishedAlready =
      stored?.Enabled === true && stored.CloudWatchLogsLogGroupArn === option.CloudWatchLogsLogGroupArn;
    const judged =
      !publishedAlready &&
      (option.Enabled || (existing === undefined && option.CloudWatchLogsLogGroupArn !== undefined));
    // A log group's ARN: arn:<partition>:logs:<region>:<account>:log-group:<name>, optionally `:*`, the name of
    // CloudWatch Logs' characters (1 to 512 of `.-_/#`, letters and digits).
    const [, partition, region] =
      /^arn:([\w-]+):logs:([a-z0-9-]+):\d{12}:log-group:[.\-_/#A-Za-z0-9]{1,512}(?::\*)?$/.exec(
        option.CloudWatchLogsLogGroupArn ?? '',
      ) ?? [];
    if (judged && (partition !== partitionOf(scope.region) || region !== scope.region)) {
      throw new ValidationException(
        `The CloudWatch Logs ARN referring to the log group for logging your ${logType} logs is invalid. Please specify a valid ARN.`,
      );
    }
  }
}

function validateEndpointOptions(
  { scope, options }: ConfigurationCandidate,
  existing?: ExistingDomain,
): void {
  const endpoint = options.DomainEndpointOptions;
  // This text comes from LocalStack, not from a capture of AWS (no AWS text found).
  if (endpoint.CustomEndpoint && !endpoint.CustomEndpointEnabled) {
    throw new ValidationException('CustomEndpointEnabled flag should be set in order to use CustomEndpoint.');
  }
  if (
    endpoint.CustomEndpointEnabled &&
    (!endpoint.CustomEndpoint || !endpoint.CustomEndpointCertificateArn)
  ) {
    // AWS's text as quoted for CustomEndpointEnabled with neither field (cdk-preflight,
    // pf-opensearch-custom-endpoint-requires-name-and-cert, 2026-09); its exception is not known.
    throw new ValidationException(
      'Please provide both CustomEndpoint and CustomEndpointCertificateArn fields to create a custom endpoint.',
    );
  }
  const certificate = endpoint.CustomEndpointCertificateArn;
  if (
    endpoint.CustomEndpointEnabled &&
    certificate &&
    certificate !== existing?.options.DomainEndpointOptions.CustomEndpointCertificateArn
  ) {
    // AWS's custom endpoint guide: the certificate "must [...] be in the same account as your OpenSearch Service
    // domain". An ACM certificate's ARN: arn:<partition>:acm:<region>:<account>:certificate/<id>, in the domain's
    // partition. Its Region is one of that partition, not held to the domain's: the guide does not say it must be.
    // Text ours.
    const [, partition, region, account] =
      /^arn:([\w-]+):acm:([a-z0-9-]+):(\d{12}):certificate\/[^\s*?]+$/.exec(certificate) ?? [];
    if (
      account !== scope.account ||
      partition !== partitionOf(scope.region) ||
      !isRegionName(region ?? '') ||
      partitionOf(region ?? '') !== partition
    ) {
      throw new ValidationException(
        `CustomEndpointCertificateArn must be the ARN of an ACM certificate in account ${scope.account}: ${certificate}`,
      );
    }
  }
}

const subnetCountWords: Record<number, string> = { 2: 'two', 3: 'three' };

function validateVpc({ cluster, options }: ConfigurationCandidate, existing?: ExistingDomain): void {
  if (existing && !existing.options.VPCOptions && options.VPCOptions) {
    // AWS's text, ValidationException, 400 (hashicorp/terraform-provider-aws#2157, 2017, the ES API).
    throw new ValidationException('Domain should be created with VPC options to update VPC options later');
  }
  const vpc = options.VPCOptions;
  if (!vpc) return;
  const subnets = vpc.SubnetIds ?? [];
  const zones = cluster.ZoneAwarenessEnabled ? (cluster.ZoneAwarenessConfig?.AvailabilityZoneCount ?? 2) : 1;
  // AWS's text for VPCOptions without subnets (crossplane-contrib/provider-aws#1706, 2023,
  // ValidationException).
  if (subnets.length === 0) throw new ValidationException('Subnet must be specified for VPC domain');
  // The ids are judged when the call brings them, not again on every update of a domain that holds them.
  if (broughtByCall(existing?.options.VPCOptions, vpc)) validateVpcIds(vpc);
  // The model: one subnet per Availability Zone. AWS's text for two subnets given to a one-zone domain is
  // `You must specify exactly one subnet.` (ValidationException, 400: nasa/cumulus#1362, aws/aws-cdk#7804); for
  // three zones `You must specify exactly three subnets because you’ve set zone count to three`
  // (ValidationException: cloudposse/terraform-aws-components#232, the error as AWS printed it). For two zones a
  // cloud.gov broker's CI script paraphrases the same sentence in a comment ("…you've set zone count to two.");
  // the two-zone text here follows the three-zone record's form.
  if (subnets.length !== zones) {
    const count = subnetCountWords[zones] ?? String(zones);
    throw new ValidationException(
      zones === 1
        ? 'You must specify exactly one subnet.'
        : `You must specify exactly ${count} subnets because you\u2019ve set zone count to ${count}`,
    );
  }
}

/**
 * Whether an option as it will be differs from what the domain holds (or the domain is new): a form check added
 * later judges what a call brings, so that a domain stored before the check existed can still be updated.
 */
function broughtByCall(stored: unknown, next: unknown): boolean {
  return stored === undefined || JSON.stringify(stored) !== JSON.stringify(next);
}

/**
 * The subnets and security groups of a domain or a VPC endpoint: EC2's ids (`subnet-…`, `sg-…`), each subnet once, as
 * each is in its own Availability Zone ("The subnets must be in different Availability Zones", the VPC guide). AWS
 * looks them up in EC2, which the emulator cannot: only an id that no subnet or group could have is refused, and the
 * hyphenated names tests give them (`subnet-private-a`) are taken. Texts ours.
 */
export function validateVpcIds(vpc: VPCOptions): void {
  const subnets = vpc.SubnetIds ?? [];
  for (const subnet of subnets) {
    if (!/^subnet-[0-9a-zA-Z][0-9a-zA-Z-]*$/.test(subnet))
      throw new ValidationException(`Invalid subnet ID: '${subnet}'`);
  }
  for (const group of vpc.SecurityGroupIds ?? []) {
    if (!/^sg-[0-9a-zA-Z][0-9a-zA-Z-]*$/.test(group))
      throw new ValidationException(`Invalid security group ID: '${group}'`);
  }
  const repeated = subnets.find((subnet, index) => subnets.indexOf(subnet) !== index);
  if (repeated !== undefined) {
    throw new ValidationException(
      `The subnets must be in different Availability Zones: ${repeated} is given more than once.`,
    );
  }
}

/**
 * The access policy document (as stored: minified), answered as its statements. Only a policy the call brings
 * (`submitted`, as sent) is judged: a document AWS cannot read as a policy, one over the size limit, one with a
 * principal no account could hold. A stored policy is read as it is, so that a domain stored before a check existed
 * can still be updated.
 */
export function validateAccessPolicies(
  policy: string,
  submitted: string | undefined,
  partition: string,
  principalExists: (arn: string) => boolean | undefined = () => undefined,
): readonly object[] {
  if (policy.trim() === '') return [];
  if (submitted === undefined) return readableStatements(policy);
  // The model's PolicyDocument: "The maximum size of a policy document is 100 KB." Measured as sent without the
  // whitespace between tokens, as IAM measures its policies against its size quotas (the Sids the stored form
  // drops counted). AWS's text was not found: ours.
  const size = Buffer.byteLength(minifyPolicy(submitted));
  if (size > maximumPolicyBytes) {
    throw new ValidationException(
      `The access policy is ${size} bytes: the maximum size of a policy document is 100 KB.`,
    );
  }
  // A document AWS cannot read as a policy is answered as a policy it cannot set, InvalidTypeException with the
  // policy as submitted (boto/boto3#305: a document read here as unbalanced JSON); the same answer for the other
  // malformed forms (no statement, a statement that is no object, an Effect neither Allow nor Deny, a Condition
  // that is no object of operators) is ours.
  const notAPolicy = new InvalidTypeException(`Error setting policy: [${submitted}]`);
  if (policyNestedTooDeep(policy)) throw notAPolicy;
  const list = statementsOf(policy);
  if (!list || list.length === 0) throw notAPolicy;
  for (const statement of list) {
    if (!statement || typeof statement !== 'object' || Array.isArray(statement)) throw notAPolicy;
    const { effect, principal, notPrincipal, condition } = partsOf(statement);
    if (effect !== 'Allow' && effect !== 'Deny') throw notAPolicy;
    if (condition !== undefined && !isConditionBlock(condition)) throw notAPolicy;
    if (
      (principal !== undefined && !isResolvablePrincipal(principal, partition)) ||
      (notPrincipal !== undefined && !isResolvablePrincipal(notPrincipal, partition))
    ) {
      // Recorded (reference P1: boto/boto3#305, cloudposse/terraform-aws-elasticsearch#57): a principal AWS cannot
      // resolve is answered InvalidTypeException with the policy as submitted, whitespace and all. Locally only a
      // principal that no account of the domain's partition could hold is refused: the emulator cannot tell
      // whether a well-formed ARN exists in AWS.
      throw notAPolicy;
    }
    // In an account the IAM seed declares, it can: AWS turns each ARN into the identity's unique id, and a user or
    // role that does not exist (a misspelt name, one not yet made) has none (cloudposse/terraform-aws-elasticsearch#57,
    // terraform-provider-aws#11).
    if (
      [principal, notPrincipal].some((given) =>
        awsPrincipalsOf(given).some((arn) => principalExists(arn) === false),
      )
    ) {
      throw notAPolicy;
    }
  }
  return list as object[];
}

/** The `AWS` members of a principal (`{"AWS": …}`), each a text; none for `*` or a principal of another kind. */
function awsPrincipalsOf(principal: unknown): string[] {
  if (!principal || typeof principal !== 'object' || Array.isArray(principal)) return [];
  const aws = (principal as Record<string, unknown>)['AWS'];
  return (Array.isArray(aws) ? aws : [aws]).filter((each): each is string => typeof each === 'string');
}

/** The members of a policy statement the checks read, as the document has them (not yet known to be valid). */
function partsOf(statement: object): Record<'effect' | 'principal' | 'notPrincipal' | 'condition', unknown> {
  const { Effect, Principal, NotPrincipal, Condition } = statement as Record<string, unknown>;
  return { effect: Effect, principal: Principal, notPrincipal: NotPrincipal, condition: Condition };
}

/** The Statement of a JSON policy document, as a list (one statement may stand alone); undefined if none can be read. */
function statementsOf(policy: string): unknown[] | undefined {
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    return undefined;
  }
  if (!document || typeof document !== 'object' || Array.isArray(document)) return undefined;
  const statements = (document as { Statement?: unknown }).Statement;
  return Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
}

function readableStatements(policy: string): object[] {
  return (statementsOf(policy) ?? []).filter(
    (statement): statement is object =>
      !!statement && typeof statement === 'object' && !Array.isArray(statement),
  );
}

/**
 * `{ "<operator>": { "<key>": <value or values> } }`, IAM's Condition block: a value is a string, a number or a
 * boolean, and values are a list of them (IAM's policy grammar: `<condition_value_list>`), never a list of lists.
 */
function isConditionBlock(condition: unknown): boolean {
  const isObject = (value: unknown): value is object =>
    !!value && typeof value === 'object' && !Array.isArray(value);
  const isValue = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);
  const isValues = (values: unknown) => (Array.isArray(values) ? values.every(isValue) : isValue(values));
  return (
    isObject(condition) &&
    Object.values(condition).every((block) => isObject(block) && Object.values(block).every(isValues))
  );
}

const maximumPolicyBytes = 100 * 1024;

/**
 * `user` or `role` for the ARN of an IAM user or role of the partition (`arn:aws:iam::111122223333:role/path/name`),
 * without wildcards or white space; undefined for anything else.
 */
function iamArnKind(arn: string, partition: string): 'user' | 'role' | undefined {
  const [, arnPartition, kind] = /^arn:([\w-]+):iam::\d{12}:(user|role)\/[^\s*?]+$/.exec(arn) ?? [];
  return arnPartition === partition ? (kind as 'user' | 'role' | undefined) : undefined;
}

/**
 * `*`, or an object whose `AWS` members are `*`, an account id or an IAM/STS ARN (IAM's principal forms);
 * the other principal kinds (Service, Federated, CanonicalUser) name things outside IAM and are taken as given.
 */
function isResolvablePrincipal(principal: unknown, partition: string): boolean {
  if (principal === '*') return true;
  if (!principal || typeof principal !== 'object' || Array.isArray(principal)) return false;
  return Object.entries(principal as Record<string, unknown>).every(([kind, value]) => {
    const values = Array.isArray(value) ? (value as unknown[]) : [value];
    if (values.length === 0 || !values.every((each) => typeof each === 'string')) return false;
    return kind !== 'AWS' || (values as string[]).every((each) => isAwsPrincipal(each, partition));
  });
}

/**
 * `*`, an account id, or an IAM or STS ARN of the domain's partition without wildcards: "You cannot use a wildcard to
 * match part of a principal name or ARN" (IAM's Principal element; refused with "Error setting policy" in
 * hashicorp/terraform#6438, a comment of 2016-08, and boto/boto3#305, a comment of 2019-01). A resource-based policy
 * grants "only within a single partition" (IAM's guide to cross-account resource access): a principal of another
 * partition, or of none AWS has, is no principal the domain's policy can name.
 */
function isAwsPrincipal(value: string, partition: string): boolean {
  if (value === '*' || /^\d{12}$/.test(value)) return true;
  const arn = /^arn:([\w-]+):(iam|sts)::\d{12}:[^*?\s]+$/.exec(value);
  return arn !== null && arn[1] === partition;
}

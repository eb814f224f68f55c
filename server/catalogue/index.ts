/**
 * The service's catalogue: versions, upgrade paths, instance types and their storage limits, feature minimum
 * versions and the defaults AWS fills in. The facts live in catalogue-data.json (compiled from AWS
 * documentation and recorded AWS responses, see ../shared/reference/catalogue.md); this module only reads them.
 *
 * Versions are in the form of the 2015-01-01 API: `7.10` for Elasticsearch, `OpenSearch_1.3` for OpenSearch.
 */
import type { ElasticsearchClusterConfig } from '../../schemas/types.generated';
// Type only: the data is required on first use (see catalogue()); the import keeps the JSON file in the build.
import type catalogueJson from './catalogue-data.json';

export type EngineType = 'Elasticsearch' | 'OpenSearch';

/**
 * How an instance type stores data:
 * - `ebs-only`: EBS must be enabled (AWS: `EBS storage must be selected for m4.large.elasticsearch`);
 * - `instance-only`: instance storage, EBS not supported (i3, r6gd);
 * - `instance-or-ebs`: instance storage, EBS optional (previous generation m3, r3, i2);
 * - `warm`: UltraWarm nodes, only valid as WarmType.
 */
export type StorageKind = 'ebs-only' | 'instance-only' | 'instance-or-ebs' | 'warm';

export type EbsVolumeType = 'standard' | 'gp2' | 'io1' | 'gp3';

export type InstanceRole = 'data' | 'master' | 'ultra_warm';

export interface InstanceTypeFacts {
  instanceType: string;
  family: string;
  storage: StorageKind;
  /** EBS is mandatory for the type. */
  ebsOnly: boolean;
  /** The type has instance storage (EBS disabled is allowed). */
  hasInstanceStorage: boolean;
  /** The type accepts EBS volumes. */
  supportsEbs: boolean;
  /** Listed in the ES-API model's ESPartitionInstanceType enum. */
  inModelEnum: boolean;
  /** Elasticsearch version the type first appears with (undefined: every version). */
  minimumElasticsearchVersion: string | undefined;
  /** Last Elasticsearch version offering the type (t2.micro: 2.3). */
  maximumElasticsearchVersion: string | undefined;
  /** Offered for OpenSearch versions. */
  openSearch: boolean;
  encryptionAtRest: boolean;
  /** UltraWarm and cold storage may be used with data nodes of this type. */
  warmAndColdStorage: boolean;
  roles: InstanceRole[];
  /** T2/T3: at most 10 data nodes, as dedicated master only for up to 10 data nodes. */
  burstable: boolean;
  /** Largest EBS volume (GiB) per volume type for this type, when it supports EBS. */
  ebsMaxGiB?: { gp2: number; gp3: number | undefined; standard: number | undefined };
  /** UltraWarm types: the largest storage per node, in TiB. */
  warmMaxStorageTiB?: number;
}

interface RawInstanceType {
  family: string;
  storage: StorageKind;
  inModelEnum: boolean;
  minimumElasticsearchVersion: string | null;
  maximumElasticsearchVersion?: string;
  openSearch: boolean;
  ebs?: { gp2MaxGiB: number; gp3MaxGiB: number | null; magnetic: boolean };
  encryptionAtRest: boolean;
  warmAndColdStorage: boolean;
  roles: InstanceRole[];
  warmMaxStorageTiB?: number;
  burstable: boolean;
  notForExistingDomainsFrom?: string;
}

interface CatalogueData {
  versions: { opensearch: string[]; elasticsearch: string[] };
  upgradeTargets: Record<string, string[]>;
  compatibleVersionsSourceOrder: string[];
  instanceTypes: Record<string, RawInstanceType>;
  instanceFamiliesAcceptedBeyondModelEnum: { families: string[] };
  ebs: {
    volumeTypes: EbsVolumeType[];
    standard: { minGiB: number; maxGiB: number; maxGiBT2: number };
    gp2: { minGiB: number };
    io1: { minGiB: number; minIops: number; maxIops: number };
    gp3: {
      minGiB: number;
      minIops: number;
      maxIops: number;
      minThroughput: number;
      maxThroughput: number;
      perInstanceType: Record<string, { maxIops: number; maxThroughput: number }>;
    };
    elasticsearch15MaxGiB: number;
  };
  instanceCounts: {
    dataAndWarmMax: number;
    maxStorageTiB: number;
    data: { min: number; max: number; maxBurstable: number };
    master: { min: number; max: number };
    warm: { min: number; max: number };
    maximumDataNodesWithoutMaster: number;
    maximumDataNodesSupportedByMaster: number;
    maximumDataNodesSupportedByBurstableMaster: number;
  };
  featureMinimumVersions: Record<string, string>;
  defaults: CreationDefaults;
  tags: TagLimits;
}

export interface CreationDefaults {
  ElasticsearchVersion: string;
  InstanceType: string;
  InstanceCount: number;
  /** Echoed for every domain. */
  AdvancedOptions: Record<string, string>;
  /** Echoed in addition for 7.10 and OpenSearch domains (recorded from AWS). */
  AdvancedOptionsFrom710: Record<string, string>;
  SnapshotOptions: { AutomatedSnapshotStartHour: number };
  DomainEndpointOptions: { EnforceHTTPS: boolean; TLSSecurityPolicy: string; CustomEndpointEnabled: boolean };
  EncryptionAtRestOptions: { Enabled: boolean };
  NodeToNodeEncryptionOptions: { Enabled: boolean };
  CognitoOptions: { Enabled: boolean };
  AdvancedSecurityOptions: {
    Enabled: boolean;
    InternalUserDatabaseEnabled: boolean;
    AnonymousAuthEnabled: boolean;
  };
  AccessPolicies: string;
  /** Echoed when ZoneAwarenessEnabled is true without a ZoneAwarenessConfig. */
  ZoneAwarenessConfig: { AvailabilityZoneCount: number };
  /** The cluster-config members echoed besides InstanceType and InstanceCount. */
  ElasticsearchClusterConfig: {
    DedicatedMasterEnabled: boolean;
    ZoneAwarenessEnabled: boolean;
    WarmEnabled: boolean;
    ColdStorageOptions: { Enabled: boolean };
  };
  /** KMS key used when encryption at rest is enabled without a KmsKeyId. */
  EncryptionAtRestKmsKeyAlias: string;
}

export interface TagLimits {
  maxPerResource: number;
  keyMinLength: number;
  keyMaxLength: number;
  valueMaxLength: number;
  reservedPrefix: string;
}

let loaded: CatalogueData | undefined;

/**
 * The facts, read on first use rather than at load: the first request of a start (a listing) asks none
 * of them, and parsing them took ~0.5 ms of its answer.
 */
function catalogue(): CatalogueData {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deferred load needs require
  loaded ??= require('./catalogue-data.json') as typeof catalogueJson as unknown as CatalogueData;
  return loaded;
}

// ---------------------------------------------------------------------------------------------------------
// Versions

const openSearchPrefix = 'OpenSearch_';

/**
 * Every version, in the order ListElasticsearchVersions answers: OpenSearch newest first, then Elasticsearch
 * newest first (recorded order of AWS's ListVersions; the ES API lists OpenSearch versions too).
 */
export function supportedVersions(): string[] {
  return [...catalogue().versions.opensearch, ...catalogue().versions.elasticsearch];
}

export function isSupportedVersion(version: string): boolean {
  return (
    catalogue().versions.opensearch.includes(version) || catalogue().versions.elasticsearch.includes(version)
  );
}

export function engineTypeOf(version: string): EngineType {
  return version.startsWith(openSearchPrefix) ? 'OpenSearch' : 'Elasticsearch';
}

/** Major and minor of a version in either form (`7.10`, `OpenSearch_2.19`, `Elasticsearch_7.10`). */
function numbersOf(version: string): [number, number] {
  const bare = version.replace(/^(OpenSearch|Elasticsearch|OS)_/, '');
  const [major, minor] = bare.split('.').map((part) => Number.parseInt(part, 10));
  return [major ?? 0, minor ?? 0];
}

/** Where a version falls in the order of versions: its engine (OpenSearch after Elasticsearch), major and minor. */
interface VersionPlace {
  engineRank: number;
  major: number;
  minor: number;
}

/**
 * Each version's place, read once: a create compares its version with the catalogue's minimums and maximums a few
 * dozen times (the instance types, the features), and reading a version takes a regular expression, a split and
 * two parses. Bounded, because a version compared may be any text a caller sent: emptied when full.
 */
const versionPlaces = new Map<string, VersionPlace>();
const maximumVersionPlaces = 1024;

function placeOf(version: string): VersionPlace {
  let place = versionPlaces.get(version);
  if (place === undefined) {
    const [major, minor] = numbersOf(version);
    place = { engineRank: engineTypeOf(version) === 'OpenSearch' ? 1 : 0, major, minor };
    if (versionPlaces.size >= maximumVersionPlaces) versionPlaces.clear();
    versionPlaces.set(version, place);
  }
  return place;
}

/** Orders versions: every OpenSearch version comes after every Elasticsearch version (OpenSearch 1.0 forked 7.10). */
export function compareVersions(a: string, b: string): number {
  const first = placeOf(a);
  const second = placeOf(b);
  if (first.engineRank !== second.engineRank) return first.engineRank - second.engineRank;
  return first.major !== second.major ? first.major - second.major : first.minor - second.minor;
}

/**
 * Whether `version` is `minimum` or later. A bare minimum (`6.7`) is an Elasticsearch version, which every
 * OpenSearch version satisfies (AWS's feature table: the Elasticsearch features are all in OpenSearch 1.0).
 */
export function versionAtLeast(version: string, minimum: string): boolean {
  return compareVersions(version, minimum) >= 0;
}

/** The versions a domain at `version` can be upgraded to in place, ascending; [] when there is none. */
export function upgradeTargets(version: string): string[] {
  return [...(catalogue().upgradeTargets[version] ?? [])];
}

/**
 * The whole upgrade matrix as GetCompatibleElasticsearchVersions answers it without a domain: one entry per
 * version that has targets. AWS does not sort the source entries; we keep the order of a recorded answer,
 * with versions it did not contain (released later) appended in ascending order.
 */
export function compatibleVersionsMatrix(): { SourceVersion: string; TargetVersions: string[] }[] {
  const sources = Object.keys(catalogue().upgradeTargets);
  const recorded = catalogue().compatibleVersionsSourceOrder.filter((v) => sources.includes(v));
  const later = sources.filter((v) => !recorded.includes(v)).sort(compareVersions);
  return [...recorded, ...later].map((source) => ({
    SourceVersion: source,
    TargetVersions: upgradeTargets(source),
  }));
}

// ---------------------------------------------------------------------------------------------------------
// Instance types

function rawFacts(instanceType: string): RawInstanceType | undefined {
  return Object.prototype.hasOwnProperty.call(catalogue().instanceTypes, instanceType)
    ? catalogue().instanceTypes[instanceType]
    : undefined;
}

/** Every fact known about an instance type, or undefined for a type the catalogue does not know. */
export function instanceTypeFacts(instanceType: string): InstanceTypeFacts | undefined {
  const raw = rawFacts(instanceType);
  if (!raw) return undefined;
  const facts: InstanceTypeFacts = {
    instanceType,
    family: raw.family,
    storage: raw.storage,
    ebsOnly: raw.storage === 'ebs-only',
    hasInstanceStorage: raw.storage === 'instance-only' || raw.storage === 'instance-or-ebs',
    supportsEbs: raw.storage === 'ebs-only' || raw.storage === 'instance-or-ebs',
    inModelEnum: raw.inModelEnum,
    minimumElasticsearchVersion: raw.minimumElasticsearchVersion ?? undefined,
    maximumElasticsearchVersion: raw.maximumElasticsearchVersion,
    openSearch: raw.openSearch,
    encryptionAtRest: raw.encryptionAtRest,
    warmAndColdStorage: raw.warmAndColdStorage,
    roles: [...raw.roles],
    burstable: raw.burstable,
  };
  if (raw.ebs) {
    facts.ebsMaxGiB = {
      gp2: raw.ebs.gp2MaxGiB,
      gp3: raw.ebs.gp3MaxGiB ?? undefined,
      standard: raw.ebs.magnetic
        ? Math.min(
            raw.ebs.gp2MaxGiB,
            raw.family === 't2' ? catalogue().ebs.standard.maxGiBT2 : catalogue().ebs.standard.maxGiB,
          )
        : undefined,
    };
  }
  if (raw.warmMaxStorageTiB !== undefined) facts.warmMaxStorageTiB = raw.warmMaxStorageTiB;
  return facts;
}

/** In the model's enum, or of a family AWS's server accepts beyond it (as the generated validators do). */
function acceptedByApi(raw: RawInstanceType): boolean {
  return raw.inModelEnum || catalogue().instanceFamiliesAcceptedBeyondModelEnum.families.includes(raw.family);
}

function offeredFor(version: string, raw: RawInstanceType): boolean {
  if (!acceptedByApi(raw)) return false;
  if (engineTypeOf(version) === 'OpenSearch') return raw.openSearch;
  if (raw.minimumElasticsearchVersion && !versionAtLeast(version, raw.minimumElasticsearchVersion))
    return false;
  if (raw.maximumElasticsearchVersion && compareVersions(version, raw.maximumElasticsearchVersion) > 0)
    return false;
  return true;
}

/**
 * The instance types ListElasticsearchInstanceTypes answers for a version (data, master and UltraWarm types).
 * Every type the API accepts for the version: the model's enum and the T3 and Graviton types that AWS's server
 * accepts beyond it (scripts/generate.ts widens the validators' enum with them from this catalogue).
 * d2 types are left out: no AWS document lists limits for them.
 */
export function instanceTypesFor(version: string): string[] {
  if (!isSupportedVersion(version)) return [];
  return Object.entries(catalogue().instanceTypes)
    .filter(([, raw]) => offeredFor(version, raw))
    .map(([instanceType]) => instanceType);
}

export function isInstanceTypeOffered(version: string, instanceType: string): boolean {
  const raw = rawFacts(instanceType);
  return raw !== undefined && isSupportedVersion(version) && offeredFor(version, raw);
}

/** The types a domain's data and dedicated master nodes use. */
export function typesInUse(
  cluster:
    | Pick<ElasticsearchClusterConfig, 'InstanceType' | 'DedicatedMasterEnabled' | 'DedicatedMasterType'>
    | undefined,
): string[] {
  const types: string[] = [];
  if (cluster?.InstanceType) types.push(cluster.InstanceType);
  if (cluster?.DedicatedMasterEnabled && cluster.DedicatedMasterType) types.push(cluster.DedicatedMasterType);
  return types;
}

/**
 * Whether an existing domain, using `typesInUse` for its data and master nodes, may be changed to the type. AWS's
 * guide on M3 types (aes-handling-errors): "If your existing domain does not use M3 instances, you can no longer
 * change to them", from 6.7 on: a domain that uses a type of the family still may.
 */
export function isInstanceTypeOfferedForExistingDomain(
  version: string,
  instanceType: string,
  typesInUse: readonly string[],
): boolean {
  const raw = rawFacts(instanceType);
  if (!raw || !isInstanceTypeOffered(version, instanceType)) return false;
  if (
    raw.notForExistingDomainsFrom === undefined ||
    !versionAtLeast(version, raw.notForExistingDomainsFrom)
  ) {
    return true;
  }
  return typesInUse.some((type) => rawFacts(type)?.family === raw.family);
}

export function isWarmInstanceType(instanceType: string): boolean {
  return rawFacts(instanceType)?.storage === 'warm';
}

// ---------------------------------------------------------------------------------------------------------
// EBS

export interface VolumeLimits {
  min: number;
  max: number;
}

/**
 * The allowed EBS volume size (GiB) for a type, volume type and version, or undefined when that combination
 * takes no EBS volume (instance-store-only and UltraWarm types; gp3 on previous generations; magnetic on
 * Graviton). AWS: `Volume size must be between 10 and 35 for t2.medium.elasticsearch instance type and
 * elasticsearch version 6.3` (LimitExceededException).
 */
export function ebsVolumeSizeLimits(
  instanceType: string,
  volumeType: EbsVolumeType,
  version: string,
): VolumeLimits | undefined {
  const facts = instanceTypeFacts(instanceType);
  if (!facts?.ebsMaxGiB) return undefined;
  // No maximum for the type: it takes no volume of that type.
  const between = (min: number, max: number | undefined): VolumeLimits | undefined =>
    max === undefined ? undefined : { min, max };
  let limits: VolumeLimits | undefined;
  switch (volumeType) {
    case 'standard':
      limits = between(catalogue().ebs.standard.minGiB, facts.ebsMaxGiB.standard);
      break;
    case 'gp2':
      limits = between(catalogue().ebs.gp2.minGiB, facts.ebsMaxGiB.gp2);
      break;
    case 'io1':
      // io1's maximum equals gp2's in both recorded AWS answers (m4.large 512, c5.large 256).
      limits = between(catalogue().ebs.io1.minGiB, facts.ebsMaxGiB.gp2);
      break;
    case 'gp3':
      limits = between(catalogue().ebs.gp3.minGiB, facts.ebsMaxGiB.gp3);
      break;
  }
  if (limits && version === '1.5') {
    // AWS limits page: 512 GiB is the maximum volume size for Elasticsearch 1.5.
    limits = { min: limits.min, max: Math.min(limits.max, catalogue().ebs.elasticsearch15MaxGiB) };
  }
  return limits;
}

/**
 * The IOPS and throughput a gp3 volume gets when they are not given: the gp3 baseline of AWS's guide (3,000 IOPS,
 * 125 MiB/s), which AWS answers in EBSOptions (terraform-provider-aws#32659: "the default values provided by
 * AWS are written to state" for a gp3 volume configured without them).
 */
export function gp3Baseline(): { iops: number; throughput: number } {
  return { iops: catalogue().ebs.gp3.minIops, throughput: catalogue().ebs.gp3.minThroughput };
}

/** Provisioned IOPS bounds for io1 and gp3 (undefined for the other volume types). */
export function ebsIopsLimits(instanceType: string, volumeType: EbsVolumeType): VolumeLimits | undefined {
  if (volumeType === 'io1') return { min: catalogue().ebs.io1.minIops, max: catalogue().ebs.io1.maxIops };
  if (volumeType === 'gp3') {
    const perType = catalogue().ebs.gp3.perInstanceType[instanceType];
    return { min: catalogue().ebs.gp3.minIops, max: perType?.maxIops ?? catalogue().ebs.gp3.maxIops };
  }
  return undefined;
}

/**
 * gp3 throughput bounds in MiB/s. AWS recorded 125..593 for c5.large; for other types the per-type maximum was
 * not found, so the gp3 volume maximum of the documentation (1,000 MiB/s) applies.
 */
export function ebsThroughputLimits(
  instanceType: string,
  volumeType: EbsVolumeType,
): VolumeLimits | undefined {
  if (volumeType !== 'gp3') return undefined;
  const perType = catalogue().ebs.gp3.perInstanceType[instanceType];
  return {
    min: catalogue().ebs.gp3.minThroughput,
    max: perType?.maxThroughput ?? catalogue().ebs.gp3.maxThroughput,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Instance counts and DescribeElasticsearchInstanceTypeLimits

export interface InstanceCountLimits {
  MinimumInstanceCount: number;
  MaximumInstanceCount: number;
}

/** How many data nodes a domain may have with this type (T2/T3: 10; otherwise the default quota, 80). */
export function dataInstanceCountLimits(instanceType: string): InstanceCountLimits {
  const burstable = rawFacts(instanceType)?.burstable ?? false;
  return {
    MinimumInstanceCount: catalogue().instanceCounts.data.min,
    MaximumInstanceCount: burstable
      ? catalogue().instanceCounts.data.maxBurstable
      : catalogue().instanceCounts.data.max,
  };
}

export function dedicatedMasterCountLimits(): InstanceCountLimits {
  return {
    MinimumInstanceCount: catalogue().instanceCounts.master.min,
    MaximumInstanceCount: catalogue().instanceCounts.master.max,
  };
}

/** The most data and warm nodes a domain can have together, whatever its quotas (200). */
export function maximumDataAndWarmNodes(): number {
  return catalogue().instanceCounts.dataAndWarmMax;
}

/** The most storage a domain can have, its data nodes' and warm nodes' together, in TiB (3 PiB). */
export function maximumDomainStorageTiB(): number {
  return catalogue().instanceCounts.maxStorageTiB;
}

export function warmInstanceCountLimits(): InstanceCountLimits {
  return {
    MinimumInstanceCount: catalogue().instanceCounts.warm.min,
    MaximumInstanceCount: catalogue().instanceCounts.warm.max,
  };
}

/** More data nodes than this need dedicated master nodes (AWS: MaximumNumberOfDataNodesWithoutMasterNode). */
export function maximumDataNodesWithoutMaster(): number {
  return catalogue().instanceCounts.maximumDataNodesWithoutMaster;
}

/** How many data nodes dedicated masters of this type can manage (T2/T3 masters: 10). */
export function maximumDataNodesSupportedByMaster(instanceType: string): number {
  return rawFacts(instanceType)?.burstable
    ? catalogue().instanceCounts.maximumDataNodesSupportedByBurstableMaster
    : catalogue().instanceCounts.maximumDataNodesSupportedByMaster;
}

export interface Limit {
  LimitName: string;
  LimitValues: string[];
}

export interface StorageType {
  StorageTypeName: string;
  StorageSubTypeName?: string;
  StorageTypeLimits: Limit[];
}

export interface RoleLimits {
  StorageTypes?: StorageType[];
  InstanceLimits: { InstanceCountLimits: InstanceCountLimits };
  AdditionalLimits: Limit[];
}

const limit = (name: string, value: number): Limit => ({ LimitName: name, LimitValues: [String(value)] });

function storageTypesFor(instanceType: string, version: string): StorageType[] {
  const facts = instanceTypeFacts(instanceType);
  const storageTypes: StorageType[] = [];
  if (facts?.hasInstanceStorage) {
    // The shape documents StorageTypeName `instance` without a sub-type; AWS's limit values for it were not found.
    storageTypes.push({ StorageTypeName: 'instance', StorageTypeLimits: [] });
  }
  // Sub-type order of AWS's recorded answers: standard, io1, gp2, gp3.
  for (const volumeType of catalogue().ebs.volumeTypes) {
    const size = ebsVolumeSizeLimits(instanceType, volumeType, version);
    if (!size) continue;
    const limits = [limit('MaximumVolumeSize', size.max), limit('MinimumVolumeSize', size.min)];
    const iops = ebsIopsLimits(instanceType, volumeType);
    if (iops) limits.push(limit('MaximumIops', iops.max), limit('MinimumIops', iops.min));
    const throughput = ebsThroughputLimits(instanceType, volumeType);
    if (throughput)
      limits.push(limit('MaximumThroughput', throughput.max), limit('MinimumThroughput', throughput.min));
    storageTypes.push({ StorageTypeName: 'ebs', StorageSubTypeName: volumeType, StorageTypeLimits: limits });
  }
  return storageTypes;
}

/**
 * LimitsByRole of DescribeElasticsearchInstanceTypeLimits, or undefined when the type is not offered for the
 * version. Data-capable types answer `data` and `master` (master without StorageTypes, as AWS's recorded
 * answers); UltraWarm types answer `ultra_warm` (the role name of ListInstanceTypeDetails; AWS's own answer
 * for them was not found).
 */
export function instanceTypeLimits(
  version: string,
  instanceType: string,
): Record<string, RoleLimits> | undefined {
  if (!isInstanceTypeOffered(version, instanceType)) return undefined;
  if (isWarmInstanceType(instanceType)) {
    return {
      ultra_warm: {
        InstanceLimits: { InstanceCountLimits: warmInstanceCountLimits() },
        AdditionalLimits: [],
      },
    };
  }
  return {
    data: {
      StorageTypes: storageTypesFor(instanceType, version),
      InstanceLimits: { InstanceCountLimits: dataInstanceCountLimits(instanceType) },
      AdditionalLimits: [limit('MaximumNumberOfDataNodesWithoutMasterNode', maximumDataNodesWithoutMaster())],
    },
    master: {
      InstanceLimits: { InstanceCountLimits: dedicatedMasterCountLimits() },
      AdditionalLimits: [
        limit('MaximumNumberOfDataNodesSupported', maximumDataNodesSupportedByMaster(instanceType)),
      ],
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Features, defaults, tags

export type Feature =
  | 'VPC'
  | 'EnforceHTTPS'
  | 'ZoneAwareness'
  | 'DedicatedMaster'
  | 'CustomEndpoint'
  | 'SlowLogs'
  | 'ApplicationLogs'
  | 'EncryptionAtRest'
  | 'Cognito'
  | 'InPlaceUpgrade'
  | 'HourlySnapshots'
  | 'NodeToNodeEncryption'
  | 'Alerting'
  | 'SQL'
  | 'CrossClusterSearch'
  | 'AdvancedSecurity'
  | 'AutoTune'
  | 'EncryptionAtRestOnExistingDomain'
  | 'NodeToNodeEncryptionOnExistingDomain'
  | 'UltraWarm'
  | 'Graviton'
  | 'ColdStorage'
  | 'CrossClusterReplication';

/**
 * The first version with a feature (AWS's features-by-version table): an Elasticsearch version, which every
 * OpenSearch version satisfies, or an OpenSearch version (cross-cluster replication: OpenSearch_1.1).
 * Test with `versionAtLeast(domainVersion, featureMinimumVersion(feature))`.
 */
export function featureMinimumVersion(feature: Feature): string {
  const minimum = catalogue().featureMinimumVersions[feature];
  if (minimum === undefined) throw new Error(`catalogue: no minimum version for feature ${feature}`);
  return minimum;
}

export function supportsFeature(version: string, feature: Feature): boolean {
  return versionAtLeast(version, featureMinimumVersion(feature));
}

/** A value none of whose members, at any depth, may be changed. */
export type DeepReadonly<T> = T extends readonly (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends object
    ? { readonly [Key in keyof T]: DeepReadonly<T[Key]> }
    : T;

let frozenCreationDefaults: DeepReadonly<CreationDefaults> | undefined;

/**
 * What AWS fills in when CreateElasticsearchDomain leaves an option out: one object, shared and frozen, so a
 * caller copies what it keeps. Handing out a fresh copy cost a create two `JSON.parse` calls of these 900 bytes
 * (counted by callgrind), and structuredClone before them a sixth of a create's handler.
 */
export function creationDefaults(): DeepReadonly<CreationDefaults> {
  frozenCreationDefaults ??= deepFreeze(structuredClone(catalogue().defaults));
  return frozenCreationDefaults;
}

function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (typeof value === 'object' && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value as DeepReadonly<T>;
}

/** AdvancedOptions AWS echoes for a new domain of this version. */
export function defaultAdvancedOptions(version: string): Record<string, string> {
  const defaults = catalogue().defaults;
  return versionAtLeast(version, '7.10')
    ? { ...defaults.AdvancedOptionsFrom710, ...defaults.AdvancedOptions }
    : { ...defaults.AdvancedOptions };
}

export function tagLimits(): TagLimits {
  return { ...catalogue().tags };
}

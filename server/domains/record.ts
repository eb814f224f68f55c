import type {
  AdvancedSecurityOptions,
  AutomatedSnapshotPauseOptions,
  AutoTuneOptions,
  CognitoOptions,
  DeploymentStrategyOptions,
  DomainEndpointOptions,
  DomainEngineMode,
  DomainProcessingStatusType,
  DomainUseCase,
  EBSOptions,
  ElasticsearchClusterConfig,
  ElasticsearchDomainStatus,
  EncryptionAtRestOptions,
  InitiatedBy,
  LogPublishingOption,
  ModifyingProperties,
  NodeToNodeEncryptionOptions,
  PauseState,
  ServiceSoftwareOptions,
  SnapshotOptions,
  Tag,
  VPCDerivedInfo,
} from '../../schemas/types.generated';
import { engineTypeOf, gp3Baseline } from '../catalogue';
import type { LifecycleRecord } from '../lifecycle/settle';
import { changeProgressAt } from '../lifecycle/change-progress';
import { archiveChange, isChangeCancelled, settleLifecycle } from '../lifecycle/settle';
import { pendingModifyingProperties } from './modifying-properties';
import { domainNotFound } from '../operations/common';
import type { OperationContext } from '../operations/types';
import { domainArn } from '../operations/types';

/** The configuration of a domain, in the shapes of the 2015-01-01 API, with AWS's defaults filled in. */
export interface DomainOptions {
  ElasticsearchClusterConfig: ElasticsearchClusterConfig;
  EBSOptions: EBSOptions;
  /** The policy document as a JSON string; `""` when none (recorded). */
  AccessPolicies: string;
  SnapshotOptions: SnapshotOptions;
  /** Only for a domain in a VPC: the derived info (VPCId, subnets, zones, security groups). */
  VPCOptions?: VPCDerivedInfo;
  CognitoOptions: CognitoOptions;
  EncryptionAtRestOptions: EncryptionAtRestOptions;
  NodeToNodeEncryptionOptions: NodeToNodeEncryptionOptions;
  AdvancedOptions: Record<string, string>;
  LogPublishingOptions: Record<string, LogPublishingOption>;
  DomainEndpointOptions: DomainEndpointOptions;
  /** Never holds the master user's password: AWS never returns it. */
  AdvancedSecurityOptions: AdvancedSecurityOptions;
  AutoTuneOptions: AutoTuneOptions;
  DeploymentStrategyOptions?: DeploymentStrategyOptions;
  AutomatedSnapshotPauseOptions?: AutomatedSnapshotPauseOptions;
  UseCase?: DomainUseCase;
  EngineMode?: DomainEngineMode;
}

/** A section of DescribeElasticsearchDomainConfig: each has its own OptionStatus. */
export type ConfigSection = 'ElasticsearchVersion' | keyof DomainOptions;

/** The stored part of one section's OptionStatus (times in ms; rendered as epoch seconds). */
export interface SectionTimes {
  creationDate: number;
  updateDate: number;
  updateVersion: number;
}

/**
 * The latest change of a domain: create, configuration update, engine upgrade, service software update.
 * AWS answers one ChangeProgressDetails per domain (the latest change), with a new ChangeId each time.
 * Other families (upgrades, service software) record their changes here too, through `startChange`.
 */
export interface DomainChange {
  ChangeId: string;
  /** What shows in DomainProcessingStatus until the change completes: Creating, Modifying, UpgradingEngineVersion... */
  processingStatus: DomainProcessingStatusType;
  initiatedBy: InitiatedBy;
  /** ms since the epoch. */
  startedAt: number;
  /** ms since the epoch: from then on the domain is active again (computed on read, no timers). */
  completesAt: number;
  /** The configuration sections (or property names) the change touches; Processing in the config until done. */
  sections: string[];
  /** ChangeProgressDetails.Message, when the change has one. */
  message?: string;
  /** ModifyingProperties while the change is pending (a create's are derived: see creationTags). */
  modifyingProperties: ModifyingProperties[];
  /**
   * A create's TagList: its ModifyingProperties are derived from the domain and these tags when answered
   * (pendingModifyingProperties). Domains stored before kept the list itself, which is read as it is.
   */
  creationTags?: Tag[];
  /** An update's stages in DescribeDomainChangeProgress, from its deployment plan (domains/dry-run). */
  stages?: string[];
  /**
   * ms since the epoch: when the stages begin, when that is later than the change's start. A service software
   * update waits PENDING_UPDATE first, and AWS's own text says the update has not started then.
   */
  stagesStartAt?: number;
  /**
   * The service software release a blue/green update deploys, when newer than the domain's: AWS's service
   * software guide, "if you make a change on the domain that causes a blue/green deployment, OpenSearch Service
   * automatically updates your domain for you". Applied when the change completes, unless it was cancelled.
   */
  release?: string;
}

/**
 * The stored document of one domain (`store.domains`). CONVENTION others rely on: the top-level
 * `ElasticsearchVersion` is in the ES-API form ('7.10', 'OpenSearch_1.3') and the row's engine type is
 * 'Elasticsearch' or 'OpenSearch' (see engineTypeOf).
 */
export interface DomainRecord {
  DomainName: string;
  ElasticsearchVersion: string;
  /** The 26 characters of [a-z2-7] in the endpoint host, drawn once at create (as AWS's ids look). */
  endpointId: string;
  /** ms since the epoch. */
  createdAt: number;
  options: DomainOptions;
  /** The OptionStatus of each section that has a stored value; the others are rendered as AWS renders them. */
  sectionTimes: Partial<Record<ConfigSection, SectionTimes>>;
  /** The domain's configuration version (OptionStatus.UpdateVersion of the latest change). */
  configVersion: number;
  change: DomainChange;
  /**
   * Service software state. CurrentVersion is the version the domain runs once active; while the domain is
   * being created AWS answers `""` (recorded), which renderDomainStatus does.
   */
  serviceSoftware: ServiceSoftwareOptions;
  /** True while an engine upgrade runs (UpgradeElasticsearchDomain). Kept by the upgrades family. */
  upgradeProcessing: boolean;
  /** A deletion under way (DOMAIN_PROCESSING_MS): its ChangeId, when it began and when the domain is gone. */
  deleting?: { changeId: string; startedAt: number; completesAt: number };
}

/** The stored domain, or ResourceNotFoundException `Domain not found: <name>` (AWS's text, 409). */
export function requireDomain(context: OperationContext, domainName: string): DomainRecord {
  const record = findDomain(context, domainName);
  if (!record) throw domainNotFound(domainName);
  return record;
}

/** The stored domain, or undefined. */
export function findDomain(context: OperationContext, domainName: string): DomainRecord | undefined {
  const record = context.store.domains.get<DomainRecord>(context.scope, domainName);
  if (record) completeStoredForm(record);
  // What moves with the clock (engine upgrades, service software updates) is applied on read: no timers.
  if (record && settleLifecycle(record, context.clock.now(), context.config.softwareUpdateAvailable)) {
    saveDomain(context, record);
  }
  return record;
}

/**
 * Fills in, as read, what a domain stored by an earlier build lacks and this one always stores (nothing is written
 * back for it): a gp3 volume's IOPS and throughput, which a create has stored since 2985dd4, the baseline when not
 * given (normalizeEbs). Without them such a domain answered neither, unlike the same domain created now.
 */
function completeStoredForm(record: DomainRecord): void {
  const ebs = record.options.EBSOptions;
  if (
    ebs?.VolumeType === 'gp3' &&
    ebs.EBSEnabled &&
    (ebs.Iops === undefined || ebs.Throughput === undefined)
  ) {
    const baseline = gp3Baseline();
    record.options.EBSOptions = {
      ...ebs,
      Iops: ebs.Iops ?? baseline.iops,
      Throughput: ebs.Throughput ?? baseline.throughput,
    };
  }
}

/** Stores an existing domain's record (the engine type follows its ElasticsearchVersion). */
export function saveDomain(context: OperationContext, record: DomainRecord): void {
  context.store.domains.update(
    context.scope,
    record.DomainName,
    engineTypeOf(record.ElasticsearchVersion),
    record,
  );
}

/** True while the latest change is still being applied. */
export function isChangePending(record: DomainRecord, now: number): boolean {
  return now < record.change.completesAt;
}

/**
 * Starts a new change on a record (not saved): a new ChangeId, DomainProcessingStatus `processingStatus`
 * until `config.domainProcessingMs` has passed. The caller bumps configVersion/sectionTimes if the change
 * touches configuration sections, and saves.
 */
export function startChange(
  context: OperationContext,
  record: DomainRecord,
  change: {
    processingStatus: DomainProcessingStatusType;
    sections: string[];
    initiatedBy?: InitiatedBy;
    message?: string;
    modifyingProperties?: ModifyingProperties[];
    creationTags?: Tag[];
    stages?: string[];
  },
): DomainChange {
  const now = context.clock.now();
  archiveChange(record);
  record.change = {
    ChangeId: context.ids.uuid(),
    processingStatus: change.processingStatus,
    initiatedBy: change.initiatedBy ?? 'CUSTOMER',
    startedAt: now,
    completesAt: now + context.config.domainProcessingMs,
    sections: change.sections,
    modifyingProperties: change.modifyingProperties ?? [],
  };
  if (change.message !== undefined) record.change.message = change.message;
  if (change.creationTags !== undefined) record.change.creationTags = change.creationTags;
  if (change.stages !== undefined) record.change.stages = change.stages;
  return record.change;
}

export interface RenderOptions {
  /**
   * Answer as pending whatever the clock says: the response to the call that started the change (AWS answers
   * Processing true to create and update even when DOMAIN_PROCESSING_MS is 0: "active on the next call").
   */
  justChanged?: boolean;
  /** The response of DeleteElasticsearchDomain: Deleted true, Processing true, `Deleting`, begun now. */
  deleting?: { changeId: string; startedAt?: number };
}

/**
 * What a domain's dependents (package associations, upgrade history) keep to tell it from an earlier domain of the
 * same name: the endpoint id drawn at its creation, unique to each creation. A creation time alone is not: a test
 * clock stands still, so a name deleted and created again can have the same one. Dependents stored before the id
 * was kept have only the creation time, and package associations stored before either (state files of the first
 * builds) have neither: they belong to the domain of their name, as those builds judged them.
 */
export interface DomainIncarnationMark {
  domainIncarnation?: string;
  domainCreatedAt?: number;
}

export function incarnationMark(record: DomainRecord): DomainIncarnationMark {
  return { domainIncarnation: record.endpointId, domainCreatedAt: record.createdAt };
}

export function isSameIncarnation(record: DomainRecord, mark: DomainIncarnationMark): boolean {
  if (mark.domainIncarnation !== undefined) return mark.domainIncarnation === record.endpointId;
  if (mark.domainCreatedAt !== undefined) return mark.domainCreatedAt === record.createdAt;
  // Without a mark the row cannot tell, and deleting it on that account lost a live association for good.
  return true;
}

/**
 * An automated snapshot pause as answered at `now`, with the model's State: "Active, Completed, Scheduled, and
 * Disabled". Disabled when it is not enabled, Scheduled before its StartTime, Completed from its EndTime, Active
 * between; a pause without a StartTime has begun. One with a StartTime and no EndTime ends when the model's
 * "Maximum suspension duration: 3 days" does; one with neither has no time to count from, and stays Active.
 */
export function snapshotPauseAt(
  pause: AutomatedSnapshotPauseOptions,
  now: number,
): AutomatedSnapshotPauseOptions {
  const end =
    pause.EndTime ??
    (pause.StartTime === undefined ? undefined : pause.StartTime + maximumSnapshotPauseSeconds);
  let state: PauseState = 'Active';
  if (!pause.Enabled) state = 'Disabled';
  else if (pause.StartTime !== undefined && now < pause.StartTime * 1000) state = 'Scheduled';
  else if (end !== undefined && now >= end * 1000) state = 'Completed';
  return { ...pause, State: state };
}

/** The model's AutomatedSnapshotPauseRequestOptions: "Maximum suspension duration: 3 days." */
export const maximumSnapshotPauseSeconds = 3 * 24 * 60 * 60;

/** Epoch seconds, with milliseconds as a fraction, as AWS sends timestamps. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

/** The public endpoint host, `search-<name>-<id>.<region>.es.localhost:<port>` (AWS: `...es.amazonaws.com`). */
export function endpointHost(record: DomainRecord, context: OperationContext, prefix = 'search'): string {
  return `${prefix}-${record.DomainName}-${record.endpointId}.${context.scope.region}.es.localhost:${context.listeningPort()}`;
}

/**
 * Where a creation stands. AWS answered two different pictures of a domain in `Creating`:
 * - `starting`, right after CreateDomain (recorded 2025-09, OpenSearch API; the aws-cli ES create example
 *   agrees): Processing true, no Endpoint, ConfigChangeStatus `Pending`, ServiceSoftwareOptions.CurrentVersion "".
 * - `finishing`, a describe once CloudFormation had finished creating the domain (recorded 2024-07, ES API, the
 *   newest ES-API recording, which we follow for a describe during creation): Processing false while
 *   DomainProcessingStatus is still `Creating`, the Endpoint already present, ConfigChangeStatus
 *   `ApplyingChanges`, the creation's ModifyingProperties still listed, CurrentVersion set (the snapshot shows a
 *   placeholder where its tool replaces only non-empty values).
 * AWS's timing between the two was not recorded: the second half of the processing time is `finishing` (our
 * choice). The answer to the create itself is always `starting`, even when the processing time is 0.
 */
export type CreationStage = 'starting' | 'finishing';

export function creationStage(
  record: DomainRecord,
  now: number,
  justChanged = false,
): CreationStage | undefined {
  const change = record.change;
  if (change.processingStatus !== 'Creating') return undefined;
  if (justChanged) return 'starting';
  if (!isChangePending(record, now)) return undefined;
  return now < creationFinishingSince(change) ? 'starting' : 'finishing';
}

/** When a creation's `finishing` half begins (see CreationStage). */
export function creationFinishingSince(creation: DomainChange): number {
  return creation.startedAt + (creation.completesAt - creation.startedAt) / 2;
}

/**
 * The ElasticsearchDomainStatus AWS answers for the record at the context's time. The status shares the
 * record's option objects instead of copying them (copies were a tenth of a describe's CPU): a record is read
 * from the store for each request and not changed after it is rendered, and the status is serialized at once.
 */
export function renderDomainStatus(
  record: DomainRecord,
  context: OperationContext,
  render: RenderOptions = {},
): ElasticsearchDomainStatus {
  const now = context.clock.now();
  // The delete's own answer, or any answer while the deletion it started is under way (server/lifecycle/deletions).
  const deleting = render.deleting ?? record.deleting;
  const pending = render.justChanged === true || isChangePending(record, now);
  const stage = pending ? creationStage(record, now, render.justChanged) : undefined;
  // A domain deleted before its creation reached its last stage never had an endpoint nor a software version.
  const starting =
    stage === 'starting' ||
    (deleting !== undefined && deletedWhileStarting(record, deleting.startedAt ?? now));
  const options = record.options;
  const status: ElasticsearchDomainStatus = {
    DomainId: `${context.scope.account}/${record.DomainName}`,
    DomainName: record.DomainName,
    ARN: domainArn(context.scope, record.DomainName),
    Created: true,
    Deleted: deleting !== undefined,
    // Processing is false in the last stage of a creation although the domain is still `Creating` (recorded).
    Processing: (pending && stage !== 'finishing') || deleting !== undefined,
    UpgradeProcessing: record.upgradeProcessing,
    ElasticsearchVersion: record.ElasticsearchVersion,
    ElasticsearchClusterConfig: options.ElasticsearchClusterConfig,
    EBSOptions: options.EBSOptions,
    AccessPolicies: options.AccessPolicies,
    SnapshotOptions: options.SnapshotOptions,
    CognitoOptions: options.CognitoOptions,
    EncryptionAtRestOptions: options.EncryptionAtRestOptions,
    NodeToNodeEncryptionOptions: options.NodeToNodeEncryptionOptions,
    AdvancedOptions: { ...options.AdvancedOptions },
    ServiceSoftwareOptions: renderServiceSoftware(record, starting, deleting !== undefined),
    DomainEndpointOptions: options.DomainEndpointOptions,
    AdvancedSecurityOptions: options.AdvancedSecurityOptions,
    AutoTuneOptions: { State: options.AutoTuneOptions.DesiredState ?? 'DISABLED' },
  };
  // No endpoint when a creation starts (recorded); present from its last stage on, during updates and deletion.
  if (!starting) {
    if (options.VPCOptions) status.Endpoints = { vpc: endpointHost(record, context, 'vpc') };
    else status.Endpoint = endpointHost(record, context);
  }
  if (options.VPCOptions) status.VPCOptions = options.VPCOptions;
  if (Object.keys(options.LogPublishingOptions).length > 0) {
    status.LogPublishingOptions = options.LogPublishingOptions;
  }
  if (options.DeploymentStrategyOptions) {
    status.DeploymentStrategyOptions = { ...options.DeploymentStrategyOptions };
  }
  if (options.AutomatedSnapshotPauseOptions) {
    status.AutomatedSnapshotPauseOptions = snapshotPauseAt(options.AutomatedSnapshotPauseOptions, now);
  }
  if (options.UseCase) status.UseCase = options.UseCase;
  if (options.EngineMode) status.EngineMode = options.EngineMode;

  if (deleting) {
    // Recorded delete response: a new ChangeId, ApplyingChanges, no InitiatedBy; ModifyingProperties [].
    const startedAt = deleting.startedAt ?? now;
    status.ChangeProgressDetails = {
      ChangeId: deleting.changeId,
      ConfigChangeStatus: 'ApplyingChanges',
      StartTime: epochSeconds(startedAt),
      LastUpdatedTime: epochSeconds(startedAt),
    };
    status.DomainProcessingStatus = 'Deleting';
    status.ModifyingProperties = [];
    return status;
  }
  status.ChangeProgressDetails = renderChangeProgressDetails(
    record,
    pending,
    now,
    render.justChanged === true,
  );
  status.DomainProcessingStatus = pending ? record.change.processingStatus : 'Active';
  status.ModifyingProperties = pending ? pendingModifyingProperties(record) : [];
  return status;
}

/** Whether the deletion began in the first stage of the domain's creation (see CreationStage). */
function deletedWhileStarting(record: DomainRecord, deletedAt: number): boolean {
  const creation = (record as LifecycleRecord).pastChanges?.at(-1);
  if (creation?.processingStatus !== 'Creating') return false;
  return deletedAt < creationFinishingSince(creation);
}

/**
 * ChangeProgressDetails of the latest change. The answer to the change itself is Pending, updated when it started
 * (recorded 2025-09: the create and update answers). While the change runs, the domain says what
 * DescribeDomainChangeProgress says of it (its status and when a stage last began or ended): ApplyingChanges once
 * its stages begin (recorded 2024-07, ES API, a describe during a creation), so that the two never disagree.
 * After it, Completed (recorded 2025-09), or Cancelled (a ConfigChangeStatus of the model) for a change
 * CancelDomainConfigChange ended.
 */
export function renderChangeProgressDetails(
  record: DomainRecord,
  pending: boolean,
  now: number,
  answeringTheChange = false,
): NonNullable<ElasticsearchDomainStatus['ChangeProgressDetails']> {
  const change = record.change;
  let status: NonNullable<ElasticsearchDomainStatus['ChangeProgressDetails']>['ConfigChangeStatus'];
  let lastUpdatedSeconds: number;
  if (answeringTheChange) {
    status = 'Pending';
    lastUpdatedSeconds = epochSeconds(change.startedAt);
  } else if (pending) {
    const progress = changeProgressAt(change, now);
    status = progress.ConfigChangeStatus;
    lastUpdatedSeconds = progress.LastUpdatedTime ?? epochSeconds(change.startedAt);
  } else {
    status = isChangeCancelled(record, change.ChangeId) ? 'Cancelled' : 'Completed';
    lastUpdatedSeconds = epochSeconds(Math.min(now, change.completesAt));
  }
  const details: NonNullable<ElasticsearchDomainStatus['ChangeProgressDetails']> = {
    ChangeId: change.ChangeId,
    ConfigChangeStatus: status,
    InitiatedBy: change.initiatedBy,
    StartTime: epochSeconds(change.startedAt),
    LastUpdatedTime: lastUpdatedSeconds,
  };
  if (change.message !== undefined) details.Message = change.message;
  return details;
}

function renderServiceSoftware(
  record: DomainRecord,
  starting: boolean,
  deleting: boolean,
): ServiceSoftwareOptions {
  const options = { ...record.serviceSoftware };
  // Recorded: CurrentVersion is "" in the create response, the real version from the creation's last stage on.
  if (starting) options.CurrentVersion = '';
  // A domain being deleted refuses the cancel of its pending update (its deletion is the change in progress): its
  // options say so.
  if (deleting) options.Cancellable = false;
  return options;
}

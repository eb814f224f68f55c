import type { ElasticsearchDomainConfig, OptionStatus } from '../../schemas/types.generated';
import type { OperationContext } from '../operations/types';
import type { ConfigSection, DomainOptions, DomainRecord, RenderOptions } from './record';
import { pendingModifyingProperties } from './modifying-properties';
import { epochSeconds, isChangePending, renderChangeProgressDetails, snapshotPauseAt } from './record';

/**
 * The UpdateVersion of every section of a new domain. Recorded from AWS (2025-09, OpenSearch API): right after
 * a create had completed, every section stood at 9 and the next update moved the changed ones to 10. AWS
 * counts internal steps of the creation; we start where the recording shows a new domain.
 */
export const initialConfigVersion = 9;

/**
 * Sections that have no stored value until the caller sets one. AWS answers them as if written by the latest
 * change: CreationDate = UpdateDate = its time, UpdateVersion = the domain's current version (recorded: after an
 * update, VPCOptions, CognitoOptions, LogPublishingOptions, AutoTuneOptions of a domain without them showed N+1
 * and fresh dates, while the untouched configured sections kept N).
 */
export function isSectionUnset(section: ConfigSection, options: DomainOptions): boolean {
  switch (section) {
    case 'AccessPolicies':
      return options.AccessPolicies === '';
    case 'VPCOptions':
      return options.VPCOptions === undefined;
    case 'CognitoOptions':
      return !options.CognitoOptions.Enabled;
    case 'LogPublishingOptions':
      return Object.keys(options.LogPublishingOptions).length === 0;
    case 'AutoTuneOptions':
      return true;
    default:
      return false;
  }
}

/** The sections a configuration has, in the order of the model's ElasticsearchDomainConfig. */
export function sectionsOf(options: DomainOptions): ConfigSection[] {
  const sections: ConfigSection[] = [
    'ElasticsearchVersion',
    'ElasticsearchClusterConfig',
    'EBSOptions',
    'AccessPolicies',
    'SnapshotOptions',
    'VPCOptions',
    'CognitoOptions',
    'EncryptionAtRestOptions',
    'NodeToNodeEncryptionOptions',
    'AdvancedOptions',
    'LogPublishingOptions',
    'DomainEndpointOptions',
    'AdvancedSecurityOptions',
    'AutoTuneOptions',
  ];
  for (const optional of [
    'DeploymentStrategyOptions',
    'AutomatedSnapshotPauseOptions',
    'UseCase',
    'EngineMode',
  ] as const) {
    if (options[optional] !== undefined) sections.push(optional);
  }
  return sections;
}

/** Records that `sections` were written now at `version` (keeping their CreationDate when they had one). */
export function stampSections(record: DomainRecord, sections: readonly ConfigSection[], now: number): void {
  for (const section of sections) {
    if (isSectionUnset(section, record.options)) {
      delete record.sectionTimes[section];
      continue;
    }
    const previous = record.sectionTimes[section];
    record.sectionTimes[section] = {
      creationDate: previous?.creationDate ?? now,
      updateDate: now,
      updateVersion: record.configVersion,
    };
  }
}

/** DescribeElasticsearchDomainConfig's DomainConfig (and UpdateElasticsearchDomainConfig's) for the record. */
export function renderDomainConfig(
  record: DomainRecord,
  context: OperationContext,
  render: Pick<RenderOptions, 'justChanged'> = {},
): ElasticsearchDomainConfig {
  const now = context.clock.now();
  const pending = render.justChanged === true || isChangePending(record, now);
  // The model's OptionStatus.PendingDeletion: "whether the Elasticsearch domain is being deleted".
  const pendingDeletion = record.deleting !== undefined;
  const options = record.options;
  const statusOf = (section: ConfigSection): OptionStatus => {
    const times = record.sectionTimes[section];
    const processing = pending && record.change.sections.includes(section);
    if (!times || isSectionUnset(section, options)) {
      return {
        CreationDate: epochSeconds(record.change.startedAt),
        UpdateDate: epochSeconds(record.change.startedAt),
        UpdateVersion: record.configVersion,
        State: processing ? 'Processing' : 'Active',
        PendingDeletion: pendingDeletion,
      };
    }
    return {
      CreationDate: epochSeconds(times.creationDate),
      UpdateDate: epochSeconds(times.updateDate),
      UpdateVersion: times.updateVersion,
      State: processing ? 'Processing' : 'Active',
      PendingDeletion: pendingDeletion,
    };
  };

  const autoTuneStatus = statusOf('AutoTuneOptions');
  const config: ElasticsearchDomainConfig = {
    ElasticsearchVersion: { Options: record.ElasticsearchVersion, Status: statusOf('ElasticsearchVersion') },
    ElasticsearchClusterConfig: {
      Options: structuredClone(options.ElasticsearchClusterConfig),
      Status: statusOf('ElasticsearchClusterConfig'),
    },
    EBSOptions: { Options: structuredClone(options.EBSOptions), Status: statusOf('EBSOptions') },
    AccessPolicies: { Options: options.AccessPolicies, Status: statusOf('AccessPolicies') },
    SnapshotOptions: { Options: { ...options.SnapshotOptions }, Status: statusOf('SnapshotOptions') },
    // A domain outside a VPC answers `VPCOptions: {Options: {}}` (recorded).
    VPCOptions: { Options: structuredClone(options.VPCOptions ?? {}), Status: statusOf('VPCOptions') },
    CognitoOptions: { Options: { ...options.CognitoOptions }, Status: statusOf('CognitoOptions') },
    EncryptionAtRestOptions: {
      Options: { ...options.EncryptionAtRestOptions },
      Status: statusOf('EncryptionAtRestOptions'),
    },
    NodeToNodeEncryptionOptions: {
      Options: { ...options.NodeToNodeEncryptionOptions },
      Status: statusOf('NodeToNodeEncryptionOptions'),
    },
    AdvancedOptions: { Options: { ...options.AdvancedOptions }, Status: statusOf('AdvancedOptions') },
    LogPublishingOptions: {
      Options: structuredClone(options.LogPublishingOptions),
      Status: statusOf('LogPublishingOptions'),
    },
    DomainEndpointOptions: {
      Options: { ...options.DomainEndpointOptions },
      Status: statusOf('DomainEndpointOptions'),
    },
    AdvancedSecurityOptions: {
      Options: structuredClone(options.AdvancedSecurityOptions),
      Status: statusOf('AdvancedSecurityOptions'),
    },
    // Recorded: Options {DesiredState, RollbackOnDisable, MaintenanceSchedules}, Status.State ENABLED/DISABLED.
    AutoTuneOptions: {
      Options: structuredClone(options.AutoTuneOptions),
      Status: {
        CreationDate: autoTuneStatus.CreationDate,
        UpdateDate: autoTuneStatus.UpdateDate,
        UpdateVersion: autoTuneStatus.UpdateVersion ?? record.configVersion,
        State: options.AutoTuneOptions.DesiredState ?? 'DISABLED',
        PendingDeletion: pendingDeletion,
      },
    },
    ChangeProgressDetails: renderChangeProgressDetails(record, pending, now, render.justChanged === true),
    ModifyingProperties: pending ? structuredClone(pendingModifyingProperties(record)) : [],
  };
  if (options.DeploymentStrategyOptions) {
    config.DeploymentStrategyOptions = {
      Options: { ...options.DeploymentStrategyOptions },
      Status: statusOf('DeploymentStrategyOptions'),
    };
  }
  if (options.AutomatedSnapshotPauseOptions) {
    config.AutomatedSnapshotPauseOptions = {
      Options: snapshotPauseAt(options.AutomatedSnapshotPauseOptions, now),
      Status: statusOf('AutomatedSnapshotPauseOptions'),
    };
  }
  if (options.UseCase) config.UseCase = { Options: options.UseCase, Status: statusOf('UseCase') };
  if (options.EngineMode) config.EngineMode = { Options: options.EngineMode, Status: statusOf('EngineMode') };
  return config;
}

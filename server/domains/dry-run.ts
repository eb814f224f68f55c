import { isDeepStrictEqual } from 'node:util';
import type { DryRunResults } from '../../schemas/types.generated';
import type { ConfigSection, DomainOptions } from './record';

/**
 * How an update is deployed, decided once for DryRun's prediction and for the stages the real update goes
 * through (DescribeDomainChangeProgress), so that the two never disagree. The rules are AWS's guide "Making
 * configuration changes in Amazon OpenSearch Service": the changes that usually cause blue/green deployments,
 * those that usually don't, and the stages of a configuration change.
 */
export interface DeploymentPlan {
  type: 'Blue/Green' | 'DynamicUpdate';
  /** The stages of DescribeDomainChangeProgress, in the guide's order. */
  stages: StageName[];
}

/** The stages of a configuration change, named and described as AWS's guide lists them, in its order. */
export const stageDescriptions = {
  Validation:
    'Validating that the domain is eligible for an update, and surfacing validation issues if necessary.',
  'Creating a new environment':
    'Completing the necessary prerequisites and creating required resources to start the blue/green deployment.',
  'Provisioning new nodes': 'Creating a new set of instances in the new environment.',
  'Traffic routing on new nodes': 'Redirecting traffic to the newly created data nodes.',
  'Traffic routing on old nodes': 'Disabling traffic on the old data nodes.',
  'Preparing nodes for removal':
    "Preparing to remove nodes. This step only happens when you're downscaling your domain (for example, from 8 nodes to 6 nodes).",
  'Copying shards to new nodes': 'Moving shards from the old nodes to the new nodes.',
  'Terminating nodes': 'Terminating and deleting old nodes after shards are removed.',
  'Deleting older resources': 'Deleting resources associated with the old environment (e.g. load balancer).',
  'Dynamic update':
    'Displayed when the update does not require a blue/green deployment and can be dynamically applied.',
  'Applying dedicated master related changes':
    'Displayed when the dedicated master instance type or count is changed.',
  'Applying volume related changes': 'Displayed when volume size, type, IOPS and throughput are changed.',
} as const;

export type StageName = keyof typeof stageDescriptions;

export function isStageName(name: string): name is StageName {
  return Object.hasOwn(stageDescriptions, name);
}

/** What DryRun answers (DryRunResults.DeploymentType: `Blue/Green`, `DynamicUpdate`, `Undetermined`, `None`). */
export function dryRunResults(
  before: DomainOptions,
  after: DomainOptions,
  changed: readonly ConfigSection[],
  changeInProgress: boolean,
): DryRunResults {
  // The guide's texts are for Blue/Green (its example answer); the other three are ours.
  if (changeInProgress) {
    return {
      DeploymentType: 'Undetermined',
      Message:
        'The domain is being updated. Try again after the update completes to see the deployment type.',
    };
  }
  if (changed.length === 0) {
    return {
      DeploymentType: 'None',
      Message: 'The request matches the current configuration: it does not change the domain.',
    };
  }
  if (deploymentPlan(before, after, changed).type === 'Blue/Green') {
    return { DeploymentType: 'Blue/Green', Message: 'This change will require a blue/green deployment.' };
  }
  return {
    DeploymentType: 'DynamicUpdate',
    Message: 'This change can be applied in place, without a blue/green deployment.',
  };
}

/** The stages of a blue/green deployment, without "Preparing nodes for removal" (only when downscaling). */
export const blueGreenStages: readonly StageName[] = [
  'Validation',
  'Creating a new environment',
  'Provisioning new nodes',
  'Traffic routing on new nodes',
  'Traffic routing on old nodes',
  'Copying shards to new nodes',
  'Terminating nodes',
  'Deleting older resources',
];

export function deploymentPlan(
  before: DomainOptions,
  after: DomainOptions,
  changed: readonly ConfigSection[],
): DeploymentPlan {
  const was = before.ElasticsearchClusterConfig;
  const will = after.ElasticsearchClusterConfig;
  // "Preparing nodes for removal [...] only happens when you're downscaling your domain (for example, from 8
  // nodes to 6 nodes)."
  const downscaling = (will.InstanceCount ?? 1) < (was.InstanceCount ?? 1);
  if (needsBlueGreen(before, after, changed)) {
    const stages = [...blueGreenStages];
    if (downscaling)
      stages.splice(stages.indexOf('Copying shards to new nodes'), 0, 'Preparing nodes for removal');
    return { type: 'Blue/Green', stages };
  }
  const stages: StageName[] = ['Validation'];
  if (downscaling) stages.push('Preparing nodes for removal');
  const masterChanged =
    was.DedicatedMasterType !== will.DedicatedMasterType ||
    was.DedicatedMasterCount !== will.DedicatedMasterCount;
  // "Applying dedicated master related changes: displayed when the dedicated master instance type or count is
  // changed"; "Applying volume related changes: displayed when volume size, type, IOPS and throughput are changed".
  if (masterChanged) stages.push('Applying dedicated master related changes');
  if (changed.includes('EBSOptions')) stages.push('Applying volume related changes');
  const { DedicatedMasterType: _wasType, DedicatedMasterCount: _wasCount, ...wasBeyondMasters } = was;
  const { DedicatedMasterType: _willType, DedicatedMasterCount: _willCount, ...willBeyondMasters } = will;
  const otherChanges =
    changed.some((section) => section !== 'EBSOptions' && section !== 'ElasticsearchClusterConfig') ||
    !isDeepStrictEqual(wasBeyondMasters, willBeyondMasters);
  if (otherChanges || stages.length === 1) stages.push('Dynamic update');
  return { type: 'DynamicUpdate', stages };
}

function needsBlueGreen(
  before: DomainOptions,
  after: DomainOptions,
  changed: readonly ConfigSection[],
): boolean {
  const was = before.ElasticsearchClusterConfig;
  const will = after.ElasticsearchClusterConfig;
  // In place with dedicated master nodes: the data or UltraWarm node count, and "the dedicated master instance
  // type or count (except for Multi-AZ domains with two dedicated master nodes)". That exception is read as the
  // guide's no-blue/green list words it, a type or count change; its blue/green list names only "Increasing the
  // dedicated master node count" of such domains.
  const twoMasterMultiAz =
    was.DedicatedMasterEnabled === true &&
    was.ZoneAwarenessEnabled === true &&
    was.DedicatedMasterCount === 2;
  const clusterChanges =
    was.InstanceType !== will.InstanceType ||
    was.DedicatedMasterEnabled !== will.DedicatedMasterEnabled ||
    was.ZoneAwarenessEnabled !== will.ZoneAwarenessEnabled ||
    was.WarmEnabled !== will.WarmEnabled ||
    was.ColdStorageOptions?.Enabled !== will.ColdStorageOptions?.Enabled ||
    (twoMasterMultiAz &&
      (was.DedicatedMasterType !== will.DedicatedMasterType ||
        was.DedicatedMasterCount !== will.DedicatedMasterCount)) ||
    // The data node count is in place only when the domain has dedicated master nodes.
    (was.InstanceCount !== will.InstanceCount && !will.DedicatedMasterEnabled);
  if (clusterChanges) return true;
  if (changed.includes('EBSOptions') && volumeNeedsBlueGreen(before, after)) return true;
  // VPC subnets or security groups; Cognito; advanced settings.
  const blueGreenSections: ConfigSection[] = ['VPCOptions', 'CognitoOptions', 'AdvancedOptions'];
  if (changed.some((section) => blueGreenSections.includes(section))) return true;
  const enabling = (wasOn: boolean | undefined, isOn: boolean | undefined) => !wasOn && isOn === true;
  if (enabling(before.EncryptionAtRestOptions.Enabled, after.EncryptionAtRestOptions.Enabled)) return true;
  if (enabling(before.NodeToNodeEncryptionOptions.Enabled, after.NodeToNodeEncryptionOptions.Enabled))
    return true;
  if (enabling(before.AdvancedSecurityOptions.Enabled, after.AdvancedSecurityOptions.Enabled)) return true;
  if (
    enabling(before.LogPublishingOptions.AUDIT_LOGS?.Enabled, after.LogPublishingOptions.AUDIT_LOGS?.Enabled)
  ) {
    return true;
  }
  // Disabling Auto-Tune and rolling back its changes.
  return (
    before.AutoTuneOptions.DesiredState === 'ENABLED' &&
    after.AutoTuneOptions.DesiredState === 'DISABLED' &&
    after.AutoTuneOptions.RollbackOnDisable === 'DEFAULT_ROLLBACK'
  );
}

/**
 * "Changing the storage type, volume type, or volume size" and "Decreasing the EBS volume size" are blue/green;
 * "Increasing the volume size, IOPS, or throughput for gp3 EBS type" is not. The guide says nothing of lowering a
 * gp3 volume's IOPS or throughput: blue/green, our choice, as only increases are named in place. (The guide's
 * six-hour rule, a gp3 change soon after the last one, is not kept.)
 */
function volumeNeedsBlueGreen(before: DomainOptions, after: DomainOptions): boolean {
  const was = before.EBSOptions;
  const will = after.EBSOptions;
  if (was.EBSEnabled !== will.EBSEnabled || was.VolumeType !== will.VolumeType) return true;
  if (will.VolumeType !== 'gp3') return true;
  const notLess = (from: number | undefined, to: number | undefined) => (to ?? 0) >= (from ?? 0);
  return !(
    notLess(was.VolumeSize, will.VolumeSize) &&
    notLess(was.Iops, will.Iops) &&
    notLess(was.Throughput, will.Throughput)
  );
}

import type { DryRunResults } from '../../schemas/types.generated';
import type { ConfigSection, DomainOptions } from './record';

/**
 * What DryRun answers (DryRunResults.DeploymentType: `Blue/Green`, `DynamicUpdate`, `Undetermined`, `None`, as
 * the model documents them). Which changes take a blue/green deployment follows AWS's guide "Making
 * configuration changes" (changes that usually cause blue/green deployments, and those that usually don't).
 * AWS's Message texts were not found; ours say the same thing in a sentence.
 */
export function dryRunResults(
  before: DomainOptions,
  after: DomainOptions,
  changed: readonly ConfigSection[],
  changeInProgress: boolean,
): DryRunResults {
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
  if (needsBlueGreen(before, after, changed)) {
    return {
      DeploymentType: 'Blue/Green',
      Message: 'This change requires a blue/green deployment.',
    };
  }
  return {
    DeploymentType: 'DynamicUpdate',
    Message: 'This change can be applied in place, without a blue/green deployment.',
  };
}

function needsBlueGreen(
  before: DomainOptions,
  after: DomainOptions,
  changed: readonly ConfigSection[],
): boolean {
  const was = before.ElasticsearchClusterConfig;
  const will = after.ElasticsearchClusterConfig;
  const clusterChanges =
    was.InstanceType !== will.InstanceType ||
    was.DedicatedMasterEnabled !== will.DedicatedMasterEnabled ||
    was.DedicatedMasterType !== will.DedicatedMasterType ||
    was.ZoneAwarenessEnabled !== will.ZoneAwarenessEnabled ||
    was.WarmEnabled !== will.WarmEnabled ||
    was.ColdStorageOptions?.Enabled !== will.ColdStorageOptions?.Enabled ||
    // Changing the data node count is in place only when the domain has dedicated master nodes.
    (was.InstanceCount !== will.InstanceCount && !will.DedicatedMasterEnabled);
  if (clusterChanges) return true;
  // Storage type, volume type or size; VPC subnets or security groups; Cognito; advanced settings.
  const blueGreenSections: ConfigSection[] = [
    'EBSOptions',
    'VPCOptions',
    'CognitoOptions',
    'AdvancedOptions',
  ];
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

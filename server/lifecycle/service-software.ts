import type { ServiceSoftwareOptions } from '../../schemas/types.generated';
import { engineTypeOf } from '../catalogue';

/**
 * The newest service software release the emulator offers. AWS names releases `<Engine>_<major>_<minor>_R<date>`
 * (recorded: `Elasticsearch_7_10_R20250625`, `OpenSearch_3_1_R20250904-P1`). A domain that runs any other
 * release is eligible for an update to this one, as a long-lived AWS domain is whenever a release ships.
 */
export const latestRelease = 'R20250904';

/** `7.10` -> `Elasticsearch_7_10_R20250904`, `OpenSearch_2.19` -> `OpenSearch_2_19_R20250904`. */
export function latestServiceSoftwareVersion(elasticsearchVersion: string): string {
  const number = elasticsearchVersion.replace(/^OpenSearch_/, '').replace(/\./g, '_');
  return `${engineTypeOf(elasticsearchVersion)}_${number}_${latestRelease}`;
}

// AWS's wording of ServiceSoftwareOptions.Description in each state (recorded in real describe output).
export const noUpdateDescription = 'There is no software update available for this domain.';

export function eligibleDescription(newVersion: string): string {
  return `A newer release ${newVersion} is available.`;
}

export function pendingDescription(newVersion: string): string {
  return `An update to release ${newVersion} has been requested and is pending. Before the update starts, you can cancel it any time.`;
}

/** No recorded text for IN_PROGRESS was found; worded like the pending one. */
export function inProgressDescription(newVersion: string): string {
  return `An update to release ${newVersion} is in progress.`;
}

/**
 * AutomatedUpdateDate is epoch 0 when no automatic deployment is scheduled (recorded `0.0` /
 * `1970-01-01T00:00:00Z`); updates offered by the emulator are optional (OptionalDeployment true).
 */
function baseOptions(currentVersion: string): ServiceSoftwareOptions {
  return {
    CurrentVersion: currentVersion,
    NewVersion: '',
    UpdateAvailable: false,
    Cancellable: false,
    UpdateStatus: 'COMPLETED',
    Description: noUpdateDescription,
    AutomatedUpdateDate: 0,
    OptionalDeployment: true,
  };
}

export function upToDateOptions(currentVersion: string): ServiceSoftwareOptions {
  return baseOptions(currentVersion);
}

export function eligibleOptions(currentVersion: string, newVersion: string): ServiceSoftwareOptions {
  return {
    ...baseOptions(currentVersion),
    NewVersion: newVersion,
    UpdateAvailable: true,
    UpdateStatus: 'ELIGIBLE',
    Description: eligibleDescription(newVersion),
  };
}

export function pendingOptions(currentVersion: string, newVersion: string): ServiceSoftwareOptions {
  return {
    ...eligibleOptions(currentVersion, newVersion),
    Cancellable: true,
    UpdateStatus: 'PENDING_UPDATE',
    Description: pendingDescription(newVersion),
  };
}

export function inProgressOptions(currentVersion: string, newVersion: string): ServiceSoftwareOptions {
  return {
    ...eligibleOptions(currentVersion, newVersion),
    UpdateStatus: 'IN_PROGRESS',
    Description: inProgressDescription(newVersion),
  };
}

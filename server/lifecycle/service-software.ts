import type { ServiceSoftwareOptions } from '../../schemas/types.generated';
import { engineTypeOf } from '../catalogue';

/**
 * Service software releases. AWS names them `<Engine>_<major>_<minor>_R<date>[-P<n>]` (recorded:
 * `Elasticsearch_7_10_R20250625`, `OpenSearch_1_0_R20250625`, `OpenSearch_3_1_R20250904-P1`).
 *
 * `recordedRelease` is the release AWS answered for a new Elasticsearch 7.10 domain on 2025-09-12, with
 * `UpdateStatus` COMPLETED and no update available: every new domain starts on it.
 * `offeredRelease` is a later one AWS recorded the same day (`OpenSearch_3_1_R20250904-P1`); the emulator
 * ships it only with SOFTWARE_UPDATE_AVAILABLE, so that new domains are one release behind and ELIGIBLE.
 */
export const recordedRelease = 'R20250625';
export const offeredRelease = 'R20250904';

/** The newest release the emulator offers: the recorded one, or the later one with SOFTWARE_UPDATE_AVAILABLE. */
export function newestRelease(softwareUpdateAvailable: boolean): string {
  return softwareUpdateAvailable ? offeredRelease : recordedRelease;
}

/** (`7.10`, `R20250625`) -> `Elasticsearch_7_10_R20250625`; (`OpenSearch_2.19`, …) -> `OpenSearch_2_19_R…`. */
export function serviceSoftwareVersion(elasticsearchVersion: string, release: string): string {
  const number = elasticsearchVersion.replace(/^OpenSearch_/, '').replace(/\./g, '_');
  return `${engineTypeOf(elasticsearchVersion)}_${number}_${release}`;
}

/**
 * True when `current` is on an earlier release than `newest` (the `R<date>[-P<n>]` parts compare as text:
 * dates first, a patch after its release).
 */
export function isOlderRelease(current: string, newest: string): boolean {
  const releaseOf = (version: string): string => version.slice(version.lastIndexOf('_R') + 1);
  return releaseOf(current) < releaseOf(newest);
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

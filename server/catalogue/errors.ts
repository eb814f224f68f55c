import { InvalidTypeException, ValidationException } from '../../schemas/errors.generated';

/**
 * A version the service does not offer. AWS's exact text for this case was not found; the wording names the
 * version and where to find the valid ones.
 */
export function unsupportedVersion(version: string): ValidationException {
  return new ValidationException(
    `Version ${version} is not supported. Call ListElasticsearchVersions for the supported versions.`,
  );
}

/** An instance type not offered for a version: AWS's text (`Invalid instance type: r6gd.4xlarge.elasticsearch`). */
export function invalidInstanceType(instanceType: string): InvalidTypeException {
  return new InvalidTypeException(`Invalid instance type: ${instanceType}`);
}

/**
 * A type offered for the version but not for master nodes. AWS's text as quoted for or1.medium.search masters
 * (cdk-preflight, pf-opensearch-master-type-master-capable, 2026-09); its exception is not known.
 */
export function invalidMasterInstanceType(instanceType: string): InvalidTypeException {
  return new InvalidTypeException(
    `Invalid instance type for master nodes: ${instanceType}. For more information refer to AWS public documentation`,
  );
}

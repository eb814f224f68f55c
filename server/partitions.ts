/**
 * AWS partitions: every ARN starts `arn:<partition>:`, and the partition follows from the Region (AWS's ARN
 * reference: `aws-cn` for the China Regions, `aws-us-gov` for AWS GovCloud (US); the isolated partitions by
 * their Region prefixes, as botocore's endpoints.json lists them). An account belongs to one partition, so a
 * principal's ARN takes the partition of the Region its request is signed for.
 */

const partitionsByRegionPrefix: readonly (readonly [RegExp, string])[] = [
  [/^cn-/, 'aws-cn'],
  [/^us-gov-/, 'aws-us-gov'],
  [/^us-iso-/, 'aws-iso'],
  [/^us-isob-/, 'aws-iso-b'],
  [/^eu-isoe-/, 'aws-iso-e'],
  [/^us-isof-/, 'aws-iso-f'],
  [/^eusc-/, 'aws-eusc'],
];

/**
 * The form of an AWS Region name: us-east-1, us-gov-west-1, ap-southeast-2, eusc-de-east-1, ... A credential scope
 * and DEFAULT_REGION are both held to it, so that state is kept only under a name AWS could have given a Region.
 */
const regionNamePattern = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

export function isRegionName(name: string): boolean {
  return regionNamePattern.test(name);
}

/** Every partition's name: a policy's ARN may name any of them. */
export const PARTITIONS: ReadonlySet<string> = new Set([
  'aws',
  ...partitionsByRegionPrefix.map(([, name]) => name),
]);

/** The last Region asked for and its partition: a request asks several times, most emulators serve one Region. */
let lastRegion = '';
let lastPartition = 'aws';

export function partitionOf(region: string): string {
  if (region === lastRegion) return lastPartition;
  let partition = 'aws';
  for (const [prefix, name] of partitionsByRegionPrefix) {
    if (prefix.test(region)) {
      partition = name;
      break;
    }
  }
  lastRegion = region;
  lastPartition = partition;
  return partition;
}

/** The same ARN in another partition: `arn:aws:iam::111122223333:root` as `arn:aws-cn:iam::111122223333:root`. */
export function inPartition(arn: string, partition: string): string {
  const end = arn.indexOf(':', 4);
  if (!arn.startsWith('arn:') || end < 0 || arn.slice(4, end) === partition) return arn;
  return `arn:${partition}${arn.slice(end)}`;
}

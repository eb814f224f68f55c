/**
 * The 21 operations the 2021-01-01 OpenSearch API renamed, and the IAM action of each under both names.
 *
 * AWS's Service Authorization Reference maps each of these 2015 operations to both actions ("API operations defined
 * by Amazon OpenSearch Service" in list_es: AcceptInboundCrossClusterSearchConnection authorizes
 * es:AcceptInboundConnection and es:AcceptInboundCrossClusterSearchConnection), and each renamed 2021 operation to
 * the same two. AWS's rename guide ("Amazon OpenSearch Service rename - Summary of changes", IAM policies): a
 * permission on the old name lets one call the old and the new operation, and "the same applies to explicit denies".
 * So a statement naming either action takes part in the decision of a call, and a real denial of the 2021
 * DescribeDomain names both actions, each with its reason, in this order (reference A2).
 *
 * Two operations keep one action in that table although a 2021 name exists: DeleteInboundCrossClusterSearchConnection
 * (es:DeleteInboundConnection is not among its actions) and ListElasticsearchInstanceTypes (its 2021 counterpart is
 * ListInstanceTypeDetails, with actions of its own).
 */
const RENAMED: readonly (readonly [string, string])[] = [
  ['es:AcceptInboundConnection', 'es:AcceptInboundCrossClusterSearchConnection'],
  ['es:CancelElasticsearchServiceSoftwareUpdate', 'es:CancelServiceSoftwareUpdate'],
  ['es:CreateDomain', 'es:CreateElasticsearchDomain'],
  ['es:CreateOutboundConnection', 'es:CreateOutboundCrossClusterSearchConnection'],
  ['es:DeleteDomain', 'es:DeleteElasticsearchDomain'],
  ['es:DeleteOutboundConnection', 'es:DeleteOutboundCrossClusterSearchConnection'],
  ['es:DescribeDomain', 'es:DescribeElasticsearchDomain'],
  ['es:DescribeDomainConfig', 'es:DescribeElasticsearchDomainConfig'],
  ['es:DescribeDomains', 'es:DescribeElasticsearchDomains'],
  ['es:DescribeElasticsearchInstanceTypeLimits', 'es:DescribeInstanceTypeLimits'],
  ['es:DescribeInboundConnections', 'es:DescribeInboundCrossClusterSearchConnections'],
  ['es:DescribeOutboundConnections', 'es:DescribeOutboundCrossClusterSearchConnections'],
  ['es:DescribeReservedElasticsearchInstanceOfferings', 'es:DescribeReservedInstanceOfferings'],
  ['es:DescribeReservedElasticsearchInstances', 'es:DescribeReservedInstances'],
  ['es:GetCompatibleElasticsearchVersions', 'es:GetCompatibleVersions'],
  ['es:ListElasticsearchVersions', 'es:ListVersions'],
  ['es:PurchaseReservedElasticsearchInstanceOffering', 'es:PurchaseReservedInstanceOffering'],
  ['es:RejectInboundConnection', 'es:RejectInboundCrossClusterSearchConnection'],
  ['es:StartElasticsearchServiceSoftwareUpdate', 'es:StartServiceSoftwareUpdate'],
  ['es:UpdateDomainConfig', 'es:UpdateElasticsearchDomainConfig'],
  ['es:UpgradeDomain', 'es:UpgradeElasticsearchDomain'],
];

/** Both names of a renamed operation's action, by either name in lower case (action names are case-insensitive). */
const pairOf = new Map<string, readonly [string, string]>(
  RENAMED.flatMap((pair) => [
    [pair[0].toLowerCase(), pair],
    [pair[1].toLowerCase(), pair],
  ]),
);

/**
 * The actions a call of `action` is decided on: both names of a renamed operation, in the order AWS's denial names
 * them; the action alone otherwise.
 */
export function actionsDeciding(action: string): readonly string[] {
  return pairOf.get(action.toLowerCase()) ?? [action];
}

/** Each action asked about, as spelt, with its other name (null for none): a request asks without a toLowerCase. */
const otherNames = new Map<string, string | null>();
/** At most this many spellings remembered, of up to 256 characters: /_local/simulate takes any name. */
const SPELLINGS_REMEMBERED = 1024;

/** The other name of a renamed operation's action, as the table spells it; undefined for any other action. */
export function otherNameOf(action: string): string | undefined {
  const remembered = otherNames.get(action);
  if (remembered !== undefined) return remembered ?? undefined;
  const lowerCase = action.toLowerCase();
  const pair = pairOf.get(lowerCase);
  const other = pair ? (pair[0].toLowerCase() === lowerCase ? pair[1] : pair[0]) : null;
  if (action.length <= 256 && otherNames.size < SPELLINGS_REMEMBERED) otherNames.set(action, other);
  return other ?? undefined;
}

/** Every pair, for the tests that hold them to the authorization data. */
export const renamedActionPairs = RENAMED;

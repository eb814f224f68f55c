import type { ESPartitionInstanceType } from '../../schemas/types.generated';
import {
  compatibleVersionsMatrix,
  instanceTypeLimits,
  instanceTypesFor,
  isInstanceTypeOffered,
  isInstanceTypeOfferedForExistingDomain,
  typesInUse,
  isSupportedVersion,
  supportedVersions,
  upgradeTargets,
} from '../catalogue';
import { invalidInstanceType, unsupportedVersion } from '../catalogue/errors';
import { requireDomain } from '../domains/record';
import { paginate } from './common';
import type { AnyOperationHandler, OperationContext } from './types';
import { defineOperation } from './types';

/** The model's MaxResults maximum, used when the caller gives none or one AWS does not honour. */
const largestPage = 100;

/**
 * AWS honours MaxResults only from a minimum on and otherwise answers a full page: the model says it "must be
 * greater than 10 else it wont be honored" for ListElasticsearchVersions (so 11 and up), and for
 * ListElasticsearchInstanceTypes the ES guide says "between 30 and 100" (so 30 and up). Below that minimum the
 * value is ignored, not refused.
 */
function honouredMaxResults(maxResults: number | undefined, minimum: number): number | undefined {
  return maxResults !== undefined && maxResults >= minimum ? maxResults : undefined;
}

function requireVersion(version: string): void {
  if (!isSupportedVersion(version)) throw unsupportedVersion(version);
}

/** The domain's version as of now: requireDomain settles an upgrade that finished since the last read. */
function domainVersion(context: OperationContext, domainName: string): string {
  return requireDomain(context, domainName).ElasticsearchVersion;
}

/** The types a domain uses now, for the question which types it may be changed to. */
function domainTypesInUse(context: OperationContext, domainName: string): string[] {
  return typesInUse(requireDomain(context, domainName).options.ElasticsearchClusterConfig);
}

export const catalogueOperations: AnyOperationHandler[] = [
  defineOperation({
    operation: 'ListElasticsearchVersions',
    handle(input, context) {
      const page = paginate(
        supportedVersions(),
        { MaxResults: honouredMaxResults(input.MaxResults, 11), NextToken: input.NextToken },
        {
          listing: 'ListElasticsearchVersions',
          scope: context.scope,
          keyOf: (version) => version,
          defaultMaxResults: largestPage,
        },
      );
      return { ElasticsearchVersions: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
    },
  }),
  defineOperation({
    operation: 'GetCompatibleElasticsearchVersions',
    handle(input, context) {
      if (input.DomainName === undefined)
        return { CompatibleElasticsearchVersions: compatibleVersionsMatrix() };
      // With a domain: exactly one entry, for its current version, with [] when it has no upgrade (recorded).
      const version = domainVersion(context, input.DomainName);
      return {
        CompatibleElasticsearchVersions: [
          { SourceVersion: version, TargetVersions: upgradeTargets(version) },
        ],
      };
    },
  }),
  defineOperation({
    operation: 'ListElasticsearchInstanceTypes',
    handle(input, context) {
      requireVersion(input.ElasticsearchVersion);
      let instanceTypes = instanceTypesFor(input.ElasticsearchVersion);
      if (input.DomainName !== undefined) {
        // With a domain the question is which types the domain may be changed to.
        const inUse = domainTypesInUse(context, input.DomainName);
        instanceTypes = instanceTypes.filter((type) =>
          isInstanceTypeOfferedForExistingDomain(input.ElasticsearchVersion, type, inUse),
        );
      }
      const page = paginate(
        instanceTypes,
        { MaxResults: honouredMaxResults(input.MaxResults, 30), NextToken: input.NextToken },
        {
          listing: `ListElasticsearchInstanceTypes\n${input.ElasticsearchVersion}\n${input.DomainName ?? ''}`,
          scope: context.scope,
          keyOf: (instanceType) => instanceType,
          defaultMaxResults: largestPage,
        },
      );
      return {
        // instanceTypesFor lists only types of the model's enum.
        ElasticsearchInstanceTypes: page.items as ESPartitionInstanceType[],
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      };
    },
  }),
  defineOperation({
    operation: 'DescribeElasticsearchInstanceTypeLimits',
    handle(input, context) {
      const { ElasticsearchVersion: version, InstanceType: instanceType } = input;
      requireVersion(version);
      let offered = isInstanceTypeOffered(version, instanceType);
      if (input.DomainName !== undefined) {
        // With a domain the question is whether the domain may be changed to the type.
        offered = isInstanceTypeOfferedForExistingDomain(
          version,
          instanceType,
          domainTypesInUse(context, input.DomainName),
        );
      }
      const limitsByRole = offered ? instanceTypeLimits(version, instanceType) : undefined;
      if (!limitsByRole) throw invalidInstanceType(instanceType);
      return { LimitsByRole: limitsByRole };
    },
  }),
];

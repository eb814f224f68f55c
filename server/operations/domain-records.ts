/**
 * The domain operations that read or write a domain's record: create, describe (one, several, the
 * configuration), update and delete. Required on the first call of one of them (./domains).
 */
import { LimitExceededException, ValidationException } from '../../schemas/errors.generated';
import type {
  CreateElasticsearchDomainRequest,
  ElasticsearchDomainStatus,
} from '../../schemas/types.generated';
import { initialConfigVersion, renderDomainConfig, sectionsOf, stampSections } from '../domains/config';
import { deploymentPlan, dryRunResults } from '../domains/dry-run';
import { updateModifyingProperties } from '../domains/modifying-properties';
import {
  creationVersion,
  initialOptions,
  mergeClusterInput,
  mergeEbsInput,
  mergeOptions,
} from '../domains/options';
import { engineTypeOf } from '../catalogue';
import type { DomainRecord } from '../domains/record';
import { findDomain, isChangePending, renderDomainStatus, saveDomain, startChange } from '../domains/record';
import { validateAdvancedOptionKeys, validateConfiguration, validateVersion } from '../domains/validate';
import { removeDomain, startDeletion } from '../lifecycle/deletions';
import { loadDomain } from '../lifecycle/load';
import {
  isOlderRelease,
  newestRelease,
  recordedRelease,
  serviceSoftwareVersion,
  upToDateOptions,
} from '../lifecycle/service-software';
import { serviceLinkedRoleExists } from '../service-linked-role';
import { validateTagList } from '../tagging';
import {
  dependentsOfDomain,
  forgetDependentsOfDomain,
  forgetPackageAssociationsOfDomain,
  refuseDeletionOfDomain,
} from './domain-dependents';
import type { AnyOperationHandler, OperationContext } from './types';
import { defineOperation, domainArn, presentName } from './types';

/** AWS's limits page: 100 domains per account and Region (a quota; AWS's text for reaching it was not found). */
const maximumDomainsPerRegion = 100;

/** AWS's endpoint ids: 26 characters of the lower-case base32 alphabet (every recorded endpoint). */
const endpointIdAlphabet = 'abcdefghijklmnopqrstuvwxyz234567';

function newDomainRecord(input: CreateElasticsearchDomainRequest, context: OperationContext): DomainRecord {
  const version = creationVersion(input);
  const now = context.clock.now();
  const options = initialOptions(input, version, context);
  const record: DomainRecord = {
    DomainName: input.DomainName,
    ElasticsearchVersion: version,
    endpointId: context.ids.random(endpointIdAlphabet, 26),
    createdAt: now,
    options,
    sectionTimes: {},
    configVersion: initialConfigVersion,
    change: {
      ChangeId: '',
      processingStatus: 'Creating',
      initiatedBy: 'CUSTOMER',
      startedAt: now,
      completesAt: now,
      sections: [],
      modifyingProperties: [],
    },
    // Recorded for a new domain: COMPLETED, no update available, CurrentVersion "" until active, then the
    // recorded release. With SOFTWARE_UPDATE_AVAILABLE a later release exists, offered once the domain is
    // active (settleLifecycle).
    serviceSoftware: upToDateOptions(serviceSoftwareVersion(version, recordedRelease)),
    upgradeProcessing: false,
  };
  const sections = sectionsOf(options);
  stampSections(record, sections, now);
  startChange(context, record, {
    processingStatus: 'Creating',
    sections,
    creationTags: input.TagList ?? [],
  });
  return record;
}

const createDomain = defineOperation({
  operation: 'CreateElasticsearchDomain',
  requestTags: (input) => input.TagList,
  handle(input, context) {
    // AWS's documentation: "If you attempt to create a domain and a domain with the same name already exists,
    // the API does not report an error. Instead, it returns details for the existing domain" (unchanged).
    const existing = findDomain(context, input.DomainName);
    if (existing) {
      // Recorded (terraform-provider-aws#3375, a create of the name of a domain being deleted).
      if (existing.deleting) throw new ValidationException('Domain is still being deleted');
      return { DomainStatus: renderDomainStatus(loadDomain(context, input.DomainName), context) };
    }

    const version = creationVersion(input);
    validateVersion(version);
    validateAdvancedOptionKeys(input.AdvancedOptions, false);
    const record = newDomainRecord(input, context);
    validateConfiguration({
      scope: context.scope,
      version,
      cluster: mergeClusterInput(
        { InstanceType: record.options.ElasticsearchClusterConfig.InstanceType, InstanceCount: 1 },
        input.ElasticsearchClusterConfig ?? {},
      ),
      now: context.clock.now(),
      ...(input.ElasticsearchClusterConfig ? { clusterInput: input.ElasticsearchClusterConfig } : {}),
      ebs: input.EBSOptions ?? { EBSEnabled: false },
      options: record.options,
      ...(input.AdvancedSecurityOptions ? { advancedSecurityInput: input.AdvancedSecurityOptions } : {}),
      ...(input.AccessPolicies !== undefined ? { accessPoliciesInput: input.AccessPolicies } : {}),
      principalExists: context.principalExists,
    });
    const tags = input.TagList ?? [];
    validateTagList(tags);
    if (record.options.VPCOptions && !serviceLinkedRoleExists(context.store, context.scope.account)) {
      // Recorded (widdix/aws-cf-templates#185, aws-quickstart/quickstart-eks-cdk-python#4): a VPC domain is refused
      // while the account lacks the service-linked role, which the API does not create (the console does).
      throw new ValidationException(
        'Before you can proceed, you must enable a service-linked role to give Amazon ES permissions to access your VPC.',
      );
    }
    if (context.store.domains.count(context.scope) >= maximumDomainsPerRegion) {
      throw new LimitExceededException(
        `You have reached the limit of ${maximumDomainsPerRegion} domains per account in ${context.scope.region}.`,
      );
    }
    if (!context.store.domains.insert(context.scope, record.DomainName, engineTypeOf(version), record)) {
      // Another create of the same name got there first: answer as for any existing domain.
      return { DomainStatus: renderDomainStatus(loadDomain(context, input.DomainName), context) };
    }
    if (tags.length > 0) context.store.tags.put(domainArn(context.scope, record.DomainName), tags);
    return { DomainStatus: renderDomainStatus(record, context, { justChanged: true }) };
  },
});

const describeDomain = defineOperation({
  operation: 'DescribeElasticsearchDomain',
  handle(input, context) {
    return { DomainStatus: renderDomainStatus(loadDomain(context, input.DomainName), context) };
  },
});

/** Recorded (cloud-custodian#5793): more than 5 names are refused with this text. */
const maximumDomainsToDescribe = 5;

const describeDomains = defineOperation({
  operation: 'DescribeElasticsearchDomains',
  /**
   * AWS's authorization data lists the domain resource (required) for es:DescribeElasticsearchDomains, so each
   * named domain is a resource of the request, authorized on its own with its own aws:ResourceTag/* keys: a
   * Deny on one of them denies the call, however many other names come with it. An empty list (which the model
   * allows) names no domain; the account's `domain/*` in the Region stands for it, so the call is still decided.
   */
  resource(input, context) {
    // Decided before the model's check (server/app.ts): absent names are none, names of another shape are left
    // to it.
    const given: unknown = input.DomainNames;
    if (given !== undefined && given !== null && !Array.isArray(given)) {
      throw new TypeError('DomainNames is not a list');
    }
    const present = ((given ?? []) as unknown[]).map(presentName);
    const names = [...new Set(present.filter((name): name is string => name !== undefined))];
    if (names.length === 0) return domainArn(context.scope, '*');
    // The first five names at most: a call naming more is refused whatever the decision (the handler's limit), and
    // one decision a name let a single request of a few megabytes take seconds of every caller's time.
    return names.slice(0, maximumDomainsToDescribe).map((name) => domainArn(context.scope, name));
  },
  handle(input, context) {
    if (input.DomainNames.length > maximumDomainsToDescribe) {
      throw new ValidationException('Please provide a maximum of 5 Elasticsearch domain names to describe.');
    }
    // Names of domains that do not exist are left out of the list, not reported as errors.
    const statuses: ElasticsearchDomainStatus[] = [];
    for (const name of new Set(input.DomainNames)) {
      // findDomain settles what moved with the clock (engine upgrades, software updates) and saves it.
      const record = findDomain(context, name);
      if (!record) continue;
      statuses.push(renderDomainStatus(record, context));
    }
    return { DomainStatusList: statuses };
  },
});

const describeDomainConfig = defineOperation({
  operation: 'DescribeElasticsearchDomainConfig',
  handle(input, context) {
    return { DomainConfig: renderDomainConfig(loadDomain(context, input.DomainName), context) };
  },
});

const updateDomainConfig = defineOperation({
  operation: 'UpdateElasticsearchDomainConfig',
  handle(input, context) {
    const record = loadDomain(context, input.DomainName);
    const now = context.clock.now();
    const before = record.options;
    validateAdvancedOptionKeys(input.AdvancedOptions, true);
    const { options, changed } = mergeOptions(before, input, context);
    validateConfiguration(
      {
        scope: context.scope,
        version: record.ElasticsearchVersion,
        cluster: input.ElasticsearchClusterConfig
          ? mergeClusterInput(before.ElasticsearchClusterConfig, input.ElasticsearchClusterConfig)
          : before.ElasticsearchClusterConfig,
        now: context.clock.now(),
        ...(input.ElasticsearchClusterConfig ? { clusterInput: input.ElasticsearchClusterConfig } : {}),
        ebs: input.EBSOptions ? mergeEbsInput(before.EBSOptions, input.EBSOptions) : before.EBSOptions,
        options,
        ...(input.AdvancedSecurityOptions ? { advancedSecurityInput: input.AdvancedSecurityOptions } : {}),
        ...(input.AccessPolicies !== undefined ? { accessPoliciesInput: input.AccessPolicies } : {}),
        principalExists: context.principalExists,
      },
      { options: before },
    );
    const changeInProgress = isChangePending(record, now);
    if (input.DryRun) {
      // A dry run validates and predicts; nothing is stored, the configuration answered is the current one.
      return {
        DomainConfig: renderDomainConfig(record, context),
        DryRunResults: dryRunResults(before, options, changed, changeInProgress),
      };
    }
    // A request that changes nothing starts no change (no new ChangeId, no new UpdateVersion): our choice,
    // matching DryRun's `None` ("will not result in any update").
    if (changed.length === 0) return { DomainConfig: renderDomainConfig(record, context) };
    if (changeInProgress) {
      // Recorded (aws-samples/siem-on-amazon-opensearch-service#444).
      throw new ValidationException(
        'A change/update is in progress. Please wait for it to complete before requesting another change.',
      );
    }
    record.options = options;
    record.configVersion += 1;
    stampSections(record, changed, now);
    const plan = deploymentPlan(before, options, changed);
    const change = startChange(context, record, {
      processingStatus: 'Modifying',
      sections: changed,
      modifyingProperties: updateModifyingProperties(before, options, changed, context.principalIdOf),
      stages: plan.stages,
    });
    if (plan.type === 'Blue/Green') {
      const newest = serviceSoftwareVersion(
        record.ElasticsearchVersion,
        newestRelease(context.config.softwareUpdateAvailable),
      );
      if (isOlderRelease(record.serviceSoftware.CurrentVersion ?? '', newest)) change.release = newest;
    }
    saveDomain(context, record);
    return { DomainConfig: renderDomainConfig(record, context, { justChanged: true }) };
  },
});

const deleteDomain = defineOperation({
  operation: 'DeleteElasticsearchDomain',
  handle(input, context) {
    const record = loadDomain(context, input.DomainName);
    // A second delete during the deletion answers the deletion under way.
    if (record.deleting) return { DomainStatus: renderDomainStatus(record, context) };
    const dependents = dependentsOfDomain(context.store, context.scope, record.DomainName);
    refuseDeletionOfDomain(context.store, context.scope, record.DomainName, context.clock.now(), dependents);
    // Recorded: the delete answers the domain with Deleted true, `Deleting` and a new ChangeId. The deletion is
    // the domain's latest change: DescribeDomainChangeProgress knows its id, and while it runs other changes
    // (updates, upgrades, service software) are refused as during any change.
    const changeId = startChange(context, record, { processingStatus: 'Deleting', sections: [] }).ChangeId;
    const status = renderDomainStatus(record, context, { deleting: { changeId } });
    forgetDependentsOfDomain(
      context.store,
      context.scope,
      record.DomainName,
      context.clock.now(),
      context.config.domainProcessingMs,
      dependents,
    );
    const processingMs = context.config.domainProcessingMs;
    if (processingMs === 0) {
      // No processing time: afterwards the domain and its tags are gone (ResourceNotFoundException).
      forgetPackageAssociationsOfDomain(context.store, context.scope, record.DomainName, dependents);
      removeDomain(context.store, context.scope, record.DomainName, dependents);
    } else {
      // AWS keeps describing a domain being deleted (Deleted true, `Deleting`) until it is gone.
      const now = context.clock.now();
      record.deleting = { changeId, startedAt: now, completesAt: now + processingMs };
      saveDomain(context, record);
      startDeletion(
        context.store,
        context.scope,
        record.DomainName,
        record.deleting.completesAt,
        processingMs,
      );
    }
    return { DomainStatus: status };
  },
});

export const domainRecordOperations: AnyOperationHandler[] = [
  createDomain,
  describeDomain,
  describeDomains,
  describeDomainConfig,
  updateDomainConfig,
  deleteDomain,
];

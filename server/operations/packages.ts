import {
  ConflictException,
  LimitExceededException,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  ValidationException,
} from '../../schemas/errors.generated';
import { compileGlobText, globMatches } from '../iam/evaluator/wildcard';
import type {
  DescribePackagesFilter,
  DomainPackageDetails,
  DomainPackageStatus,
  PackageDetails,
  PackageSource,
  PackageStatus,
  PackageType,
  PackageVersionHistory,
} from '../../schemas/types.generated';
import type { DomainIncarnationMark } from '../domains/record';
import {
  epochSeconds,
  findDomain,
  incarnationMark,
  isSameIncarnation,
  requireDomain,
} from '../domains/record';
import { packageKind } from '../../store/resources';
import type { Scope } from '../../store/scope';
import type { Store } from '../../store/store';
import { paginate, requireDomainExists, STEP_MS_NOT_STORED } from './common';
import type { AnyOperationHandler, OperationContext } from './types';
import { defineOperation } from './types';

export const associationKind = 'package-association';

/** One version of a package's file, as UpdatePackage adds them: v1, v2, v3... */
interface StoredPackageVersion {
  PackageVersion: string;
  CommitMessage?: string;
  PackageSource: PackageSource;
  /** When the version was submitted; its copy from S3 ends `stepMs` later. */
  createdAtMs: number;
  /** DOMAIN_PROCESSING_MS when it was submitted (absent from versions stored before it was kept). */
  stepMs?: number;
}

interface StoredPackage {
  PackageID: string;
  PackageName: string;
  PackageType: PackageType;
  PackageDescription?: string;
  createdAtMs: number;
  lastUpdatedAtMs: number;
  /** Oldest first. */
  versions: StoredPackageVersion[];
}

/**
 * A package on a domain; the association is being made, is active, or is being undone. It belongs to one domain of
 * the name (incarnationMark): one deleted and created again has none.
 */
interface StoredAssociation extends DomainIncarnationMark {
  PackageID: string;
  DomainName: string;
  PackageVersion: string;
  /** `associate`: ASSOCIATING, then ACTIVE. `dissociate`: DISSOCIATING, then the association is gone. */
  phase: 'associate' | 'dissociate';
  startedAtMs: number;
  /**
   * An association made while its version was still being copied from S3 begins when the copy ends (absent when
   * the version was available already).
   */
  copiedAtMs?: number;
  /**
   * DOMAIN_PROCESSING_MS when the phase began: a restart with another setting moves no status back or forth
   * (absent from associations stored before it was kept).
   */
  stepMs?: number;
}

const defaultMaxResults = 100;

/**
 * AWS's quotas for custom packages (developer guide, "Amazon OpenSearch Service quotas": "Custom packages per Region
 * 25", "Custom packages per domain 20", neither adjustable). AWS's texts for them are not known: these are ours.
 * CreatePackage's is the model's LimitExceededException; the model gives AssociatePackage no LimitExceededException,
 * so its refusal is the ValidationException it does list.
 */
const packageLimits = { perRegion: 25, perDomain: 20 };

/**
 * How long AWS's asynchronous package work takes here (the copy from S3, an association, a dissociation):
 * the emulator's one processing delay when the work began (`work`'s), else now (work beginning), so that a test
 * that slows domains down slows packages down too; work stored before the delay was kept counts as done
 * (STEP_MS_NOT_STORED).
 */
function processingMs(context: OperationContext, work?: { stepMs?: number }): number {
  if (work === undefined) return context.config.domainProcessingMs;
  return work.stepMs ?? STEP_MS_NOT_STORED;
}

// AWS's wording for an unknown package id was not found; this follows its recorded `Domain not found: <name>`.
function packageNotFound(packageId: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`Package not found: ${packageId}`);
}

function getPackage(context: OperationContext, packageId: string): StoredPackage {
  const stored = context.store.resources.get<StoredPackage>(context.scope, packageKind, packageId);
  if (!stored) throw packageNotFound(packageId);
  return stored.doc;
}

function latestVersion(pkg: StoredPackage): StoredPackageVersion {
  const latest = pkg.versions[pkg.versions.length - 1];
  if (!latest) throw new Error(`package ${pkg.PackageID} has no version`);
  return latest;
}

function copyDone(version: StoredPackageVersion, context: OperationContext): boolean {
  return context.clock.now() >= version.createdAtMs + processingMs(context, version);
}

/** AWS copies the file from S3 (COPYING), then the package is AVAILABLE; an update copies again. */
function packageStatus(pkg: StoredPackage, context: OperationContext): PackageStatus {
  return copyDone(latestVersion(pkg), context) ? 'AVAILABLE' : 'COPYING';
}

/** The newest version whose copy has finished: the one associations get. */
function availableVersion(pkg: StoredPackage, context: OperationContext): string | undefined {
  for (let i = pkg.versions.length - 1; i >= 0; i--) {
    const version = pkg.versions[i]!;
    if (copyDone(version, context)) return version.PackageVersion;
  }
  return undefined;
}

/**
 * The package as AWS describes it. `justSubmitted` is for the answer of CreatePackage and UpdatePackage: the
 * copy of the new version starts after AWS answers, so the answer shows COPYING and the version available
 * before it, whatever the processing delay.
 */
function packageDetails(
  pkg: StoredPackage,
  context: OperationContext,
  options: { status?: PackageStatus; justSubmitted?: boolean } = {},
): PackageDetails {
  const status = options.justSubmitted ? 'COPYING' : (options.status ?? packageStatus(pkg, context));
  const details: PackageDetails = {
    PackageID: pkg.PackageID,
    PackageName: pkg.PackageName,
    PackageType: pkg.PackageType,
    PackageStatus: status,
    CreatedAt: epochSeconds(pkg.createdAtMs),
    LastUpdatedAt: epochSeconds(pkg.lastUpdatedAtMs),
  };
  if (pkg.PackageDescription !== undefined) details.PackageDescription = pkg.PackageDescription;
  const available = options.justSubmitted
    ? availableVersion({ ...pkg, versions: pkg.versions.slice(0, -1) }, context)
    : availableVersion(pkg, context);
  if (available !== undefined) details.AvailablePackageVersion = available;
  return details;
}

/**
 * Every association of a domain being removed (the delete answered without a processing time, or its deletion
 * completed). They were dropped only when a read of the package or of the name met them, and kept for ever when
 * none did (a package outliving many short-lived domains).
 */
export function removeAssociationsOfDomain(store: Store, scope: Scope, domainName: string): void {
  for (const { id, doc } of store.resources.list<StoredAssociation>(scope, associationKind)) {
    if (doc.DomainName === domainName) store.resources.delete(scope, associationKind, id);
  }
}

function associationId(packageId: string, domainName: string): string {
  return `${packageId}/${domainName}`;
}

/** When the association's phase ends: ACTIVE, or gone. */
function phaseEndsAt(association: StoredAssociation, context: OperationContext): number {
  const begins = Math.max(association.startedAtMs, association.copiedAtMs ?? association.startedAtMs);
  return begins + processingMs(context, association);
}

function associationStatus(association: StoredAssociation, context: OperationContext): DomainPackageStatus {
  const inProgress = context.clock.now() < phaseEndsAt(association, context);
  if (association.phase === 'associate') return inProgress ? 'ASSOCIATING' : 'ACTIVE';
  return 'DISSOCIATING';
}

/**
 * The association as it stands now, or undefined when there is none: a finished dissociation, or a domain
 * that was deleted since (even if created again under its name), leaves nothing behind; the row is removed
 * here, in the request's transaction.
 */
function currentAssociation(
  context: OperationContext,
  association: StoredAssociation,
): StoredAssociation | undefined {
  const finishedDissociation =
    association.phase === 'dissociate' && context.clock.now() >= phaseEndsAt(association, context);
  const domain = findDomain(context, association.DomainName);
  const domainGone = !domain || !isSameIncarnation(domain, association);
  if (finishedDissociation || domainGone) {
    context.store.resources.delete(
      context.scope,
      associationKind,
      associationId(association.PackageID, association.DomainName),
    );
    return undefined;
  }
  return association;
}

function findAssociation(
  context: OperationContext,
  packageId: string,
  domainName: string,
): StoredAssociation | undefined {
  const stored = context.store.resources.get<StoredAssociation>(
    context.scope,
    associationKind,
    associationId(packageId, domainName),
  );
  return stored ? currentAssociation(context, stored.doc) : undefined;
}

function associationsOfPackage(context: OperationContext, packageId: string): StoredAssociation[] {
  return context.store.resources
    .list<StoredAssociation>(context.scope, associationKind, packageId)
    .map((row) => currentAssociation(context, row.doc))
    .filter((association): association is StoredAssociation => association !== undefined);
}

function associationsOfDomain(context: OperationContext, domainName: string): StoredAssociation[] {
  return context.store.resources
    .list<StoredAssociation>(context.scope, associationKind)
    .filter((row) => row.doc.DomainName === domainName)
    .map((row) => currentAssociation(context, row.doc))
    .filter((association): association is StoredAssociation => association !== undefined);
}

function domainPackageDetails(
  association: StoredAssociation,
  context: OperationContext,
  status: DomainPackageStatus = associationStatus(association, context),
): DomainPackageDetails {
  const pkg = getPackage(context, association.PackageID);
  return {
    PackageID: pkg.PackageID,
    PackageName: pkg.PackageName,
    PackageType: pkg.PackageType,
    // The model: "Timestamp of the most-recent update to the association status": the end of the association
    // once it is ACTIVE.
    LastUpdated: epochSeconds(
      status === 'ACTIVE' ? phaseEndsAt(association, context) : association.startedAtMs,
    ),
    DomainName: association.DomainName,
    DomainPackageStatus: status,
    PackageVersion: association.PackageVersion,
    // The path to use in analyzer settings (synonyms_path, stopwords_path), per the developer guide.
    ReferencePath: `analyzers/${pkg.PackageID}`,
  };
}

/**
 * A new package id in AWS's form: `F` and digits for packages users create (`analyzers/F111111111` in the
 * developer guide; `G` ids are the AWS-provided plugins of the OpenSearch API).
 */
function newPackageId(context: OperationContext): string {
  for (;;) {
    const candidate = `F${context.ids.random('123456789', 1)}${context.ids.random('0123456789', 8)}`;
    if (!context.store.resources.get(context.scope, packageKind, candidate)) return candidate;
  }
}

/**
 * The model leaves both members of PackageSource optional, but a package is one file in S3: without a bucket
 * and a key there is nothing to copy, and nothing is stored.
 */
function requireS3Object(source: PackageSource): void {
  const missing = (['S3BucketName', 'S3Key'] as const).filter((member) => !source[member]);
  if (missing.length > 0) {
    throw new ValidationException(
      `PackageSource must name the S3 object of the package: ${missing.join(' and ')} missing`,
    );
  }
}

/**
 * A filter value is matched whole, with `*` (any run of characters) and `?` (one character), which the model's
 * value pattern admits. IAM's glob matcher places each run between stars once, leftmost, without backtracking: a
 * value of many stars cannot stall the server as a backtracking RegExp would.
 */
function matchesGlob(value: string, pattern: string): boolean {
  return globMatches(compileGlobText(pattern), value);
}

/** AWS's filter semantics: a package passes a filter when it matches any of its values, and must pass every filter. */
function passesFilters(details: PackageDetails, filters: DescribePackagesFilter[]): boolean {
  return filters.every((filter) => {
    if (!filter.Name || !filter.Value) return true;
    const field = details[filter.Name];
    return field !== undefined && filter.Value.some((pattern) => matchesGlob(String(field), pattern));
  });
}

const createPackage = defineOperation({
  operation: 'CreatePackage',
  handle(input, context) {
    requireS3Object(input.PackageSource);
    if (context.store.resources.holdsUnderParent(context.scope, packageKind, input.PackageName)) {
      // AWS's text for a duplicate package name was not found; the name is unique per account and region.
      throw new ResourceAlreadyExistsException(`Package with name ${input.PackageName} already exists`);
    }
    if (context.store.resources.list(context.scope, packageKind).length >= packageLimits.perRegion) {
      throw new LimitExceededException(
        `You have reached the limit of ${packageLimits.perRegion} custom packages per account in ${context.scope.region}.`,
      );
    }
    const now = context.clock.now();
    const pkg: StoredPackage = {
      PackageID: newPackageId(context),
      PackageName: input.PackageName,
      PackageType: input.PackageType,
      createdAtMs: now,
      lastUpdatedAtMs: now,
      versions: [
        {
          PackageVersion: 'v1',
          PackageSource: input.PackageSource,
          createdAtMs: now,
          stepMs: processingMs(context),
        },
      ],
    };
    if (input.PackageDescription !== undefined) pkg.PackageDescription = input.PackageDescription;
    // Its name as its parent: CreatePackage finds a name used already through the index of parents.
    context.store.resources.insert(context.scope, packageKind, pkg.PackageID, pkg.PackageName, pkg);
    return { PackageDetails: packageDetails(pkg, context, { justSubmitted: true }) };
  },
});

const describePackages = defineOperation({
  operation: 'DescribePackages',
  handle(input, context) {
    const filters = input.Filters ?? [];
    const matching = context.store.resources
      .list<StoredPackage>(context.scope, packageKind)
      .map((row) => packageDetails(row.doc, context))
      .filter((details) => passesFilters(details, filters));
    const page = paginate(matching, input, {
      listing: `DescribePackages ${JSON.stringify(filters)}`,
      scope: context.scope,
      keyOf: (details) => details.PackageID ?? '',
      defaultMaxResults,
    });
    return { PackageDetailsList: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },
});

const updatePackage = defineOperation({
  operation: 'UpdatePackage',
  handle(input, context) {
    const pkg = getPackage(context, input.PackageID);
    requireS3Object(input.PackageSource);
    const now = context.clock.now();
    const version: StoredPackageVersion = {
      PackageVersion: `v${pkg.versions.length + 1}`,
      PackageSource: input.PackageSource,
      createdAtMs: now,
      stepMs: processingMs(context),
    };
    if (input.CommitMessage !== undefined) version.CommitMessage = input.CommitMessage;
    pkg.versions.push(version);
    pkg.lastUpdatedAtMs = now;
    if (input.PackageDescription !== undefined) pkg.PackageDescription = input.PackageDescription;
    context.store.resources.update(context.scope, packageKind, pkg.PackageID, pkg);
    // The new version is copied from S3 like the first one; domains keep theirs until the update is applied.
    return { PackageDetails: packageDetails(pkg, context, { justSubmitted: true }) };
  },
});

const deletePackage = defineOperation({
  operation: 'DeletePackage',
  handle(input, context) {
    const pkg = getPackage(context, input.PackageID);
    const domains = associationsOfPackage(context, pkg.PackageID).map(
      (association) => association.DomainName,
    );
    if (domains.length > 0) {
      // AWS refuses while the package is on a domain (the guide: dissociate, then delete); its text was not found.
      throw new ConflictException(
        `Package ${pkg.PackageID} is associated with domains (${domains.join(', ')}). Dissociate it before deleting it.`,
      );
    }
    context.store.resources.delete(context.scope, packageKind, pkg.PackageID);
    return { PackageDetails: packageDetails(pkg, context, { status: 'DELETING' }) };
  },
});

const getPackageVersionHistory = defineOperation({
  operation: 'GetPackageVersionHistory',
  handle(input, context) {
    const pkg = getPackage(context, input.PackageID);
    // Newest first, as the console shows a package's history.
    const history: PackageVersionHistory[] = [...pkg.versions].reverse().map((version) => ({
      PackageVersion: version.PackageVersion,
      ...(version.CommitMessage !== undefined ? { CommitMessage: version.CommitMessage } : {}),
      CreatedAt: epochSeconds(version.createdAtMs),
    }));
    const page = paginate(history, input, {
      listing: `GetPackageVersionHistory ${pkg.PackageID}`,
      scope: context.scope,
      keyOf: (version) => version.PackageVersion ?? '',
      defaultMaxResults,
    });
    return {
      PackageID: pkg.PackageID,
      PackageVersionHistoryList: page.items,
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  },
});

const associatePackage = defineOperation({
  operation: 'AssociatePackage',
  handle(input, context) {
    const pkg = getPackage(context, input.PackageID);
    const domain = requireDomain(context, input.DomainName);
    // The newest version, even while it is still being copied: scripts run against AWS associate a package right
    // after CreatePackage (island-is's dictionary migration, `aws es`, then polls while ASSOCIATING) or UpdatePackage
    // (trade-tariff-backend PR #1109's logged run) with no refusal. The association then begins when the copy ends.
    const latest = latestVersion(pkg);
    const version = latest.PackageVersion;
    const existing = findAssociation(context, pkg.PackageID, input.DomainName);
    if (existing?.phase === 'dissociate') {
      throw new ConflictException(
        `Package ${pkg.PackageID} is being dissociated from domain ${input.DomainName}. Associate it again once it is gone.`,
      );
    }
    // Recorded from AWS (OpenSearch API, same backend): associating again what is associated already. Associating
    // an associated package whose newer version is available is how AWS applies an update to the domain.
    if (existing && existing.PackageVersion === version) {
      throw new ConflictException('Package is already in desired state');
    }
    // A package being dissociated still holds its place until it is gone.
    if (!existing && associationsOfDomain(context, input.DomainName).length >= packageLimits.perDomain) {
      throw new ValidationException(
        `Domain ${input.DomainName} already has the maximum of ${packageLimits.perDomain} custom packages associated.`,
      );
    }
    const association: StoredAssociation = {
      PackageID: pkg.PackageID,
      DomainName: input.DomainName,
      PackageVersion: version,
      phase: 'associate',
      startedAtMs: context.clock.now(),
      stepMs: processingMs(context),
    };
    if (!copyDone(latest, context)) {
      association.copiedAtMs = latest.createdAtMs + processingMs(context, latest);
    }
    Object.assign(association, incarnationMark(domain));
    const id = associationId(pkg.PackageID, input.DomainName);
    if (existing) context.store.resources.update(context.scope, associationKind, id, association);
    else context.store.resources.insert(context.scope, associationKind, id, pkg.PackageID, association);
    return { DomainPackageDetails: domainPackageDetails(association, context, 'ASSOCIATING') };
  },
});

const dissociatePackage = defineOperation({
  operation: 'DissociatePackage',
  handle(input, context) {
    const pkg = getPackage(context, input.PackageID);
    requireDomainExists(context, input.DomainName);
    const existing = findAssociation(context, pkg.PackageID, input.DomainName);
    if (!existing) {
      // AWS's answer, as terraform-provider-aws's package association delete matches it (a ValidationException
      // whose message contains this sentence: internal/service/opensearch/package_association.go).
      throw new ValidationException('Package is not associated to this domain');
    }
    if (existing.phase === 'dissociate') throw new ConflictException('Package is already in desired state');
    const dissociation: StoredAssociation = {
      ...existing,
      phase: 'dissociate',
      startedAtMs: context.clock.now(),
      stepMs: processingMs(context),
    };
    context.store.resources.update(
      context.scope,
      associationKind,
      associationId(pkg.PackageID, input.DomainName),
      dissociation,
    );
    return { DomainPackageDetails: domainPackageDetails(dissociation, context, 'DISSOCIATING') };
  },
});

const listDomainsForPackage = defineOperation({
  operation: 'ListDomainsForPackage',
  handle(input, context) {
    const pkg = getPackage(context, input.PackageID);
    const details = associationsOfPackage(context, pkg.PackageID).map((association) =>
      domainPackageDetails(association, context),
    );
    const page = paginate(details, input, {
      listing: `ListDomainsForPackage ${pkg.PackageID}`,
      scope: context.scope,
      keyOf: (details) => details.DomainName ?? '',
      defaultMaxResults,
    });
    return { DomainPackageDetailsList: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },
});

const listPackagesForDomain = defineOperation({
  operation: 'ListPackagesForDomain',
  handle(input, context) {
    requireDomainExists(context, input.DomainName);
    const details = associationsOfDomain(context, input.DomainName).map((association) =>
      domainPackageDetails(association, context),
    );
    const page = paginate(details, input, {
      listing: `ListPackagesForDomain ${input.DomainName}`,
      scope: context.scope,
      keyOf: (details) => details.PackageID ?? '',
      defaultMaxResults,
    });
    return { DomainPackageDetailsList: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },
});

export const packagesOperations: AnyOperationHandler[] = [
  createPackage,
  describePackages,
  updatePackage,
  deletePackage,
  getPackageVersionHistory,
  associatePackage,
  dissociatePackage,
  listDomainsForPackage,
  listPackagesForDomain,
];

import {
  DisabledOperationException,
  InvalidPaginationTokenException,
  LimitExceededException,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  ValidationException,
} from '../../schemas/errors.generated';
import type {
  DomainInformation,
  Filter,
  InboundCrossClusterSearchConnection,
  InboundCrossClusterSearchConnectionStatusCode,
  OutboundCrossClusterSearchConnection,
  OutboundCrossClusterSearchConnectionStatusCode,
} from '../../schemas/types.generated';
import type { Scope } from '../../store/scope';
import type { Store } from '../../store/store';
import type { DomainRecord } from '../domains/record';
import { findDomain } from '../domains/record';
import { domainNotFound, paginate, STEP_MS_NOT_STORED } from './common';
import type { AnyOperationHandler, OperationContext } from './types';
import { defineOperation, domainArn, presentName, presentString } from './types';
import { partitionOf } from '../partitions';
import { compareVersions, engineTypeOf, versionAtLeast } from '../catalogue';

/** The source owner's copy, in the source domain's account and region. */
const OUTBOUND_KIND = 'ccs-outbound';
/** The destination owner's copy, in the destination domain's account and region. */
const INBOUND_KIND = 'ccs-inbound';
/** A domain's connections, kept under its name in its owner's state (domain-dependents). */
export const connectionKinds: readonly string[] = [OUTBOUND_KIND, INBOUND_KIND];

/**
 * AWS: "A domain can have a maximum of 20 outgoing connections. Similarly, a domain can have a maximum of
 * 20 incoming connections." (developer guide, cross-cluster search, Limitations).
 */
const MAX_CONNECTIONS_PER_DOMAIN = 20;
/** MaxResults defaults to 100 (API reference of both Describe operations). */
const DEFAULT_MAX_RESULTS = 100;

/**
 * One connection, the same document in both owners' states so that each side answers alone. Its statuses
 * are computed from these times and the clock: a step lasts DOMAIN_PROCESSING_MS (no timers).
 */
interface StoredConnection {
  CrossClusterSearchConnectionId: string;
  ConnectionAlias: string;
  SourceDomainInfo: Required<DomainInformation>;
  DestinationDomainInfo: Required<DomainInformation>;
  createdAt: number;
  /**
   * When AWS's validation of the request ends (createdAt plus one processing step): VALIDATING until then, for a
   * valid request as for one that fails. Absent from connections stored before it was kept, whose valid requests
   * were PENDING_ACCEPTANCE at once.
   */
  validatedAt?: number;
  /**
   * Why the request failed validation (ConnectionStatus.Message of VALIDATION_FAILED); the connection then
   * has no inbound side. Undefined for a valid request.
   */
  validationFailure?: string;
  acceptedAt?: number;
  rejectedAt?: number;
  deletedAt?: number;
  /** Why the service deleted the connection (ConnectionStatus.Message of DELETED): its destination domain went. */
  deletedBecause?: string;
  /**
   * DOMAIN_PROCESSING_MS when the latest step (creation, acceptance, rejection, deletion) began: a restart with
   * another setting moves no status back or forth. Absent from connections stored before it was kept.
   */
  stepMs?: number;
}

/**
 * The outbound status. AWS validates a request asynchronously: Terraform waits while VALIDATING and
 * accepts PENDING_ACCEPTANCE or VALIDATION_FAILED as outcomes (tf-provider-aws, outbound_connection.go).
 * Every request is VALIDATING first (the model: "The outbound connection request is being validated"), a
 * valid one as much as one that fails, so that the first answer does not tell the outcome.
 * The ES API's outbound enum has no APPROVED: an accepted connection is PROVISIONING, then ACTIVE.
 */
function outboundStatus(
  connection: StoredConnection,
  now: number,
): OutboundCrossClusterSearchConnectionStatusCode {
  const settled = (since: number) => now >= since + (connection.stepMs ?? STEP_MS_NOT_STORED);
  if (connection.deletedAt !== undefined) return settled(connection.deletedAt) ? 'DELETED' : 'DELETING';
  if (connection.validationFailure !== undefined) {
    const validated =
      connection.validatedAt === undefined ? settled(connection.createdAt) : now >= connection.validatedAt;
    return validated ? 'VALIDATION_FAILED' : 'VALIDATING';
  }
  if (connection.rejectedAt !== undefined) return 'REJECTED';
  if (connection.acceptedAt !== undefined) return settled(connection.acceptedAt) ? 'ACTIVE' : 'PROVISIONING';
  if (isValidating(connection, now)) return 'VALIDATING';
  return 'PENDING_ACCEPTANCE';
}

/** A valid request still being validated: the destination's owner does not see it yet (nothing to accept). */
function isValidating(connection: StoredConnection, now: number): boolean {
  return connection.validatedAt !== undefined && now < connection.validatedAt;
}

/**
 * Whether the destination's owner sees the request: from the end of its validation, unless its source deleted it
 * before then.
 */
function isVisibleInbound(connection: StoredConnection, now: number): boolean {
  const validatedAt = connection.validatedAt ?? connection.createdAt;
  if (connection.deletedAt !== undefined && connection.deletedAt < validatedAt) return false;
  return now >= validatedAt;
}

/** The inbound status: the ES API's inbound enum ends at APPROVED for an accepted connection. */
function inboundStatus(
  connection: StoredConnection,
  now: number,
): InboundCrossClusterSearchConnectionStatusCode {
  const settled = (since: number) => now >= since + (connection.stepMs ?? STEP_MS_NOT_STORED);
  if (connection.deletedAt !== undefined) return settled(connection.deletedAt) ? 'DELETED' : 'DELETING';
  if (connection.rejectedAt !== undefined) return settled(connection.rejectedAt) ? 'REJECTED' : 'REJECTING';
  if (connection.acceptedAt !== undefined) return 'APPROVED';
  return 'PENDING_ACCEPTANCE';
}

/** Statuses in which a connection no longer counts toward the limits nor blocks a new one. */
const finishedOutbound = new Set<OutboundCrossClusterSearchConnectionStatusCode>([
  'DELETING',
  'DELETED',
  'REJECTED',
  'VALIDATION_FAILED',
]);

/**
 * What AWS's validation of a request finds wrong, from the limitations and prerequisites of the developer guide's
 * cross-cluster search chapter (the texts are ours, quoting them): a destination that does not exist,
 * Elasticsearch before 6.7, Elasticsearch with OpenSearch, across regions before 7.10, a source on a lower
 * version than its destination, M3 or burstable (T2, T3) instances, a domain without fine-grained access control.
 */
function validationFailureOf(
  destination: Required<DomainInformation>,
  crossRegion: boolean,
  domains: { source: DomainRecord; destination: DomainRecord } | undefined,
): string | undefined {
  if (!domains) {
    return `Destination domain ${destination.DomainName} was not found in account ${destination.OwnerId} and region ${destination.Region}.`;
  }
  // The stored form ('7.10', 'OpenSearch_1.3'), ordered by the catalogue: every OpenSearch version is at least
  // any Elasticsearch version, so the Elasticsearch minimums below hold for OpenSearch domains.
  const source = domains.source.ElasticsearchVersion;
  const target = domains.destination.ElasticsearchVersion;
  if (!versionAtLeast(source, '6.7') || !versionAtLeast(target, '6.7')) {
    return 'Cross-cluster search requires Elasticsearch 6.7 or later on both domains.';
  }
  if (engineTypeOf(source) !== engineTypeOf(target)) {
    return "You can't connect an Elasticsearch domain to an OpenSearch domain.";
  }
  if (crossRegion && (!versionAtLeast(source, '7.10') || !versionAtLeast(target, '7.10'))) {
    return 'To connect domains across Regions, both domains must be on Elasticsearch 7.10 or later or OpenSearch.';
  }
  // Both of one engine by now: the order compares their major and minor.
  if (compareVersions(source, target) < 0) {
    return 'The source domain must be on the same or a higher version than the destination domain.';
  }
  const records = [domains.source, domains.destination];
  if (
    records.some(({ options }) => /^(m3|t2|t3)\./.test(options.ElasticsearchClusterConfig.InstanceType ?? ''))
  ) {
    return "You can't use cross-cluster search on M3 or burstable (T2 and T3) instances.";
  }
  // The guide's other prerequisite, node-to-node encryption, comes with fine-grained access control, which
  // requires it (domains/validate).
  if (!records.every(({ options }) => options.AdvancedSecurityOptions.Enabled === true)) {
    return 'Cross-cluster search requires fine-grained access control on both domains.';
  }
  return undefined;
}

function renderOutbound(
  connection: StoredConnection,
  context: OperationContext,
  justChanged?: OutboundCrossClusterSearchConnectionStatusCode,
): OutboundCrossClusterSearchConnection {
  const StatusCode = justChanged ?? outboundStatus(connection, context.clock.now());
  const rendered: OutboundCrossClusterSearchConnection = {
    SourceDomainInfo: { ...connection.SourceDomainInfo },
    DestinationDomainInfo: { ...connection.DestinationDomainInfo },
    CrossClusterSearchConnectionId: connection.CrossClusterSearchConnectionId,
    ConnectionAlias: connection.ConnectionAlias,
    ConnectionStatus: { StatusCode },
  };
  if (StatusCode === 'VALIDATION_FAILED') {
    rendered.ConnectionStatus!.Message = connection.validationFailure;
  } else if (StatusCode === 'DELETED' && connection.deletedBecause !== undefined) {
    rendered.ConnectionStatus!.Message = connection.deletedBecause;
  }
  return rendered;
}

function renderInbound(
  connection: StoredConnection,
  context: OperationContext,
  justChanged?: InboundCrossClusterSearchConnectionStatusCode,
): InboundCrossClusterSearchConnection {
  return {
    SourceDomainInfo: { ...connection.SourceDomainInfo },
    DestinationDomainInfo: { ...connection.DestinationDomainInfo },
    CrossClusterSearchConnectionId: connection.CrossClusterSearchConnectionId,
    ConnectionStatus: {
      StatusCode: justChanged ?? inboundStatus(connection, context.clock.now()),
    },
  };
}

function scopeOf(domain: Required<DomainInformation>): Scope {
  return { account: domain.OwnerId, region: domain.Region };
}

/** Writes the connection to both owners' states (the inbound side only when it exists). */
function save(store: Store, connection: StoredConnection): void {
  const id = connection.CrossClusterSearchConnectionId;
  store.resources.update(scopeOf(connection.SourceDomainInfo), OUTBOUND_KIND, id, connection);
  if (connection.validationFailure === undefined) {
    store.resources.update(scopeOf(connection.DestinationDomainInfo), INBOUND_KIND, id, connection);
  }
}

/** No text of AWS's for an unknown connection id was found; this one names the id, as the service's others do. */
function connectionNotFound(id: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`Cross-cluster search connection not found: ${id}`);
}

function requireInbound(context: OperationContext, id: string): StoredConnection {
  const stored = context.store.resources.get<StoredConnection>(context.scope, INBOUND_KIND, id);
  if (!stored || !isVisibleInbound(stored.doc, context.clock.now())) throw connectionNotFound(id);
  return stored.doc;
}

function requireOutbound(context: OperationContext, id: string): StoredConnection {
  const stored = context.store.resources.get<StoredConnection>(context.scope, OUTBOUND_KIND, id);
  if (!stored) throw connectionNotFound(id);
  return stored.doc;
}

/**
 * AWS's form of a connection id, `ccs-` and a lower-case UUID: recorded from AWS in cloud-custodian's test data
 * (tests/data/placebo/test_elasticsearch_cross_cluster_search_connections,
 * `ccs-d623f7d0-d27e-456d-8e67-c9792adf1cc7`).
 */
function newConnectionId(context: OperationContext): string {
  return `ccs-${context.ids.uuid()}`;
}

const createOutboundConnection = defineOperation({
  operation: 'CreateOutboundCrossClusterSearchConnection',
  // IAM: es:CreateOutboundCrossClusterSearchConnection targets the source domain, as the request names it (an
  // owner or Region other than the caller's names a domain the caller does not have, refused after the decision).
  // A source without a name names no domain: the call is decided on the account's `domain/*`, and the model refuses
  // it after (app: resourceOf).
  resource: (input, context) => {
    const source: unknown = input.SourceDomainInfo;
    if (source === undefined || source === null) return undefined;
    if (typeof source !== 'object' || Array.isArray(source)) throw new TypeError('not a source domain');
    const { DomainName, OwnerId, Region } = source as Record<string, unknown>;
    const name = presentName(DomainName);
    const owner = presentString(OwnerId);
    const region = presentString(Region);
    if (name === undefined) return undefined;
    return domainArn(
      { account: owner ?? context.scope.account, region: region ?? context.scope.region },
      name,
    );
  },
  handle(input, context) {
    // The OpenSearch API of the same service documents the alias (the name a search gives the remote cluster,
    // `alias:index`) as 2 to 20 characters matching [a-zA-Z][a-zA-Z0-9\-\_]+; the 2015 model bounds only its
    // length. AWS's text for the 2015 API was not found: ours.
    if (!/^[a-zA-Z][a-zA-Z0-9\-_]+$/.test(input.ConnectionAlias)) {
      throw new ValidationException(
        `Invalid connection alias '${input.ConnectionAlias}': it must start with a letter and hold only letters, digits, hyphens and underscores, 2 to 20 characters.`,
      );
    }
    const source: Required<DomainInformation> = {
      OwnerId: input.SourceDomainInfo.OwnerId ?? context.scope.account,
      DomainName: input.SourceDomainInfo.DomainName,
      Region: input.SourceDomainInfo.Region ?? context.scope.region,
    };
    // The source is a domain of the caller in the request's region: another owner or region names a domain
    // the caller does not have. The model declares no ResourceNotFoundException (nor ValidationException)
    // for this operation, only LimitExceeded, Internal, ResourceAlreadyExists and DisabledOperation: a
    // domain the caller does not have cannot open connections, DisabledOperationException (409, the status
    // of the not-found error) with the service's not-found text.
    const sourceDomain =
      source.OwnerId === context.scope.account && source.Region === context.scope.region
        ? findDomain(context, source.DomainName)
        : undefined;
    if (!sourceDomain) throw new DisabledOperationException(domainNotFound(source.DomainName).message);
    const destination: Required<DomainInformation> = {
      OwnerId: input.DestinationDomainInfo.OwnerId ?? context.scope.account,
      DomainName: input.DestinationDomainInfo.DomainName,
      Region: input.DestinationDomainInfo.Region ?? context.scope.region,
    };
    if (
      destination.OwnerId === source.OwnerId &&
      destination.Region === source.Region &&
      destination.DomainName === source.DomainName
    ) {
      // A domain cannot be its own remote cluster; the text is ours.
      throw new ValidationException('The source and destination domains of a connection must be different.');
    }

    const now = context.clock.now();
    const processingMs = context.config.domainProcessingMs;
    const open = context.store.resources
      .list<StoredConnection>(context.scope, OUTBOUND_KIND, source.DomainName)
      .map(({ doc }) => doc)
      .filter((doc) => !finishedOutbound.has(outboundStatus(doc, now)));
    // The alias is the name under which the source domain addresses the remote cluster (`alias:index`):
    // one per source domain.
    if (open.some((doc) => doc.ConnectionAlias === input.ConnectionAlias)) {
      throw new ResourceAlreadyExistsException(
        `A connection with alias ${input.ConnectionAlias} already exists for domain ${source.DomainName}.`,
      );
    }
    if (open.some((doc) => sameDomain(doc.DestinationDomainInfo, destination))) {
      throw new ResourceAlreadyExistsException(
        `A connection from domain ${source.DomainName} to ${destination.OwnerId}:${destination.Region}:${destination.DomainName} already exists.`,
      );
    }
    if (open.length >= MAX_CONNECTIONS_PER_DOMAIN) {
      throw new LimitExceededException(
        `A domain can have a maximum of ${MAX_CONNECTIONS_PER_DOMAIN} outgoing connections.`,
      );
    }

    // The destination may be in another account or region held here: its owner sees the inbound side.
    const destinationScope = scopeOf(destination);
    // Partitions are isolated, and an account is in one: from another partition no destination is found.
    const destinationDomain =
      partitionOf(destination.Region) === partitionOf(source.Region)
        ? findDomain({ ...context, scope: destinationScope }, destination.DomainName)
        : undefined;
    const validationFailure = validationFailureOf(
      destination,
      destination.Region !== source.Region,
      destinationDomain ? { source: sourceDomain, destination: destinationDomain } : undefined,
    );
    const connection: StoredConnection = {
      CrossClusterSearchConnectionId: newConnectionId(context),
      ConnectionAlias: input.ConnectionAlias,
      SourceDomainInfo: source,
      DestinationDomainInfo: destination,
      createdAt: now,
      validatedAt: now + processingMs,
      stepMs: processingMs,
    };
    if (validationFailure !== undefined) connection.validationFailure = validationFailure;
    const id = connection.CrossClusterSearchConnectionId;
    context.store.resources.insert(context.scope, OUTBOUND_KIND, id, source.DomainName, connection);
    if (validationFailure === undefined) {
      context.store.resources.insert(destinationScope, INBOUND_KIND, id, destination.DomainName, connection);
    }
    const rendered = renderOutbound(connection, context);
    return {
      SourceDomainInfo: rendered.SourceDomainInfo,
      DestinationDomainInfo: rendered.DestinationDomainInfo,
      ConnectionAlias: rendered.ConnectionAlias,
      ConnectionStatus: rendered.ConnectionStatus,
      CrossClusterSearchConnectionId: id,
    };
  },
});

function sameDomain(a: Required<DomainInformation>, b: Required<DomainInformation>): boolean {
  return a.OwnerId === b.OwnerId && a.Region === b.Region && a.DomainName === b.DomainName;
}

/** DisabledOperationException: the operations' declared error for a step the connection's state forbids. */
function notAllowedNow(id: string, status: string, action: string): DisabledOperationException {
  return new DisabledOperationException(`Connection ${id} is ${status}: it cannot be ${action}.`);
}

const acceptInboundConnection = defineOperation({
  operation: 'AcceptInboundCrossClusterSearchConnection',
  handle(input, context) {
    const connection = requireInbound(context, input.CrossClusterSearchConnectionId);
    const now = context.clock.now();
    const processingMs = context.config.domainProcessingMs;
    const status = inboundStatus(connection, now);
    // Accepting twice answers the approved connection again.
    if (status === 'APPROVED') return { CrossClusterSearchConnection: renderInbound(connection, context) };
    if (status !== 'PENDING_ACCEPTANCE')
      throw notAllowedNow(connection.CrossClusterSearchConnectionId, status, 'accepted');
    const approved = context.store.resources
      .list<StoredConnection>(context.scope, INBOUND_KIND, connection.DestinationDomainInfo.DomainName)
      .filter(({ doc }) => inboundStatus(doc, now) === 'APPROVED').length;
    if (approved >= MAX_CONNECTIONS_PER_DOMAIN) {
      throw new LimitExceededException(
        `A domain can have a maximum of ${MAX_CONNECTIONS_PER_DOMAIN} incoming connections.`,
      );
    }
    connection.acceptedAt = now;
    connection.stepMs = processingMs;
    save(context.store, connection);
    return { CrossClusterSearchConnection: renderInbound(connection, context) };
  },
});

const rejectInboundConnection = defineOperation({
  operation: 'RejectInboundCrossClusterSearchConnection',
  handle(input, context) {
    const connection = requireInbound(context, input.CrossClusterSearchConnectionId);
    const status = inboundStatus(connection, context.clock.now());
    if (status === 'REJECTING' || status === 'REJECTED') {
      return { CrossClusterSearchConnection: renderInbound(connection, context) };
    }
    // Only a request can be rejected; an approved connection is deleted instead.
    if (status !== 'PENDING_ACCEPTANCE')
      throw notAllowedNow(connection.CrossClusterSearchConnectionId, status, 'rejected');
    connection.rejectedAt = context.clock.now();
    connection.stepMs = context.config.domainProcessingMs;
    save(context.store, connection);
    return { CrossClusterSearchConnection: renderInbound(connection, context, 'REJECTING') };
  },
});

/**
 * Either owner deletes the connection: DELETING, then DELETED on both sides. Deleted connections stay
 * listed with status DELETED (Terraform waits for DELETED and treats it as gone). Deleting twice answers
 * the connection again; deleting a DELETED one is ResourceNotFoundException (Terraform treats that as done).
 */
function markDeleted(context: OperationContext, connection: StoredConnection): void {
  const now = context.clock.now();
  if (connection.deletedAt !== undefined) {
    if (now >= connection.deletedAt + (connection.stepMs ?? STEP_MS_NOT_STORED)) {
      throw connectionNotFound(connection.CrossClusterSearchConnectionId);
    }
    return;
  }
  connection.deletedAt = now;
  connection.stepMs = context.config.domainProcessingMs;
  save(context.store, connection);
}

const deleteInboundConnection = defineOperation({
  operation: 'DeleteInboundCrossClusterSearchConnection',
  handle(input, context) {
    const connection = requireInbound(context, input.CrossClusterSearchConnectionId);
    markDeleted(context, connection);
    return { CrossClusterSearchConnection: renderInbound(connection, context, 'DELETING') };
  },
});

const deleteOutboundConnection = defineOperation({
  operation: 'DeleteOutboundCrossClusterSearchConnection',
  handle(input, context) {
    const connection = requireOutbound(context, input.CrossClusterSearchConnectionId);
    markDeleted(context, connection);
    return { CrossClusterSearchConnection: renderOutbound(connection, context, 'DELETING') };
  },
});

/** The filter names each Describe operation documents (API reference), with the value each reads. */
type FilterReaders = Record<string, (connection: StoredConnection) => string>;

const commonFilters: FilterReaders = {
  'cross-cluster-search-connection-id': (c) => c.CrossClusterSearchConnectionId,
};

const inboundFilters: FilterReaders = {
  ...commonFilters,
  'source-domain-info.domain-name': (c) => c.SourceDomainInfo.DomainName,
  'source-domain-info.owner-id': (c) => c.SourceDomainInfo.OwnerId,
  'source-domain-info.region': (c) => c.SourceDomainInfo.Region,
  'destination-domain-info.domain-name': (c) => c.DestinationDomainInfo.DomainName,
};

const outboundFilters: FilterReaders = {
  ...commonFilters,
  'destination-domain-info.domain-name': (c) => c.DestinationDomainInfo.DomainName,
  'destination-domain-info.owner-id': (c) => c.DestinationDomainInfo.OwnerId,
  'destination-domain-info.region': (c) => c.DestinationDomainInfo.Region,
  'source-domain-info.domain-name': (c) => c.SourceDomainInfo.DomainName,
};

/**
 * A connection matches when every filter matches and a filter matches when any of its values does (the
 * Filter shape's documentation: "must match at least one of the specified values").
 */
function matcher(
  filters: Filter[] | undefined,
  readers: FilterReaders,
): (connection: StoredConnection) => boolean {
  const checks = (filters ?? []).map((filter) => {
    // Own members only: a name such as `valueOf` or `__proto__` is no filter, not Object.prototype's.
    const reader =
      filter.Name === undefined || !Object.hasOwn(readers, filter.Name) ? undefined : readers[filter.Name];
    if (!reader) {
      // An unknown name would otherwise match everything silently; the text is ours.
      throw new ValidationException(
        `Invalid filter name: ${filter.Name ?? '(none)'}. Valid names are: ${Object.keys(readers).join(', ')}.`,
      );
    }
    const values = new Set(filter.Values ?? []);
    return (connection: StoredConnection) => values.has(reader(connection));
  });
  return (connection) => checks.every((check) => check(connection));
}

function invalidToken(message: string): InvalidPaginationTokenException {
  return new InvalidPaginationTokenException(message);
}

function listingKey(operation: string, filters: Filter[] | undefined): string {
  return `${operation}\n${JSON.stringify(filters ?? [])}`;
}

/** The connections of one side that match the filters, a page of them rendered. */
function describeConnections<T>(
  input: { Filters?: Filter[]; MaxResults?: number; NextToken?: string },
  context: OperationContext,
  side: {
    kind: string;
    /** Whether the side sees the connection at all (an inbound request only once validated). */
    sees?: (connection: StoredConnection, now: number) => boolean;
    filters: FilterReaders;
    render: (connection: StoredConnection, context: OperationContext) => T;
    listing: string;
  },
): { CrossClusterSearchConnections: T[]; NextToken?: string } {
  const matches = matcher(input.Filters, side.filters);
  const now = context.clock.now();
  const connections = context.store.resources
    .list<StoredConnection>(context.scope, side.kind)
    .map(({ doc }) => doc)
    .filter((connection) => (side.sees ? side.sees(connection, now) : true) && matches(connection));
  const page = paginate(
    connections,
    // paginate reads MaxResults 0 (allowed by the model) as the default.
    { MaxResults: input.MaxResults, NextToken: input.NextToken },
    {
      listing: listingKey(side.listing, input.Filters),
      scope: context.scope,
      keyOf: (connection) => connection.CrossClusterSearchConnectionId,
      defaultMaxResults: DEFAULT_MAX_RESULTS,
      invalidToken,
    },
  );
  return {
    CrossClusterSearchConnections: page.items.map((connection) => side.render(connection, context)),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}

const describeInboundConnections = defineOperation({
  operation: 'DescribeInboundCrossClusterSearchConnections',
  handle(input, context) {
    return describeConnections(input, context, {
      kind: INBOUND_KIND,
      sees: isVisibleInbound,
      filters: inboundFilters,
      render: renderInbound,
      listing: 'DescribeInbound',
    });
  },
});

const describeOutboundConnections = defineOperation({
  operation: 'DescribeOutboundCrossClusterSearchConnections',
  handle(input, context) {
    return describeConnections(input, context, {
      kind: OUTBOUND_KIND,
      filters: outboundFilters,
      render: renderOutbound,
      listing: 'DescribeOutbound',
    });
  },
});

export const crossClusterOperations: AnyOperationHandler[] = [
  createOutboundConnection,
  acceptInboundConnection,
  rejectInboundConnection,
  deleteInboundConnection,
  deleteOutboundConnection,
  describeInboundConnections,
  describeOutboundConnections,
];

/**
 * AWS's message on a connection it deleted, recorded as DescribeOutboundCrossClusterSearchConnections answered it
 * (cloud-custodian's test data, tests/data/placebo/test_elasticsearch_cross_cluster_search_connections): given here
 * when the connection went with its destination domain.
 */
const destinationUnavailable =
  'Destination domain is not available. Please validate if the domain status is Active.';

/** A domain's connections in its owner's state: its outbound copies, then its inbound ones. */
function connectionsOfDomain(store: Store, scope: Scope, domainName: string) {
  return [
    ...store.resources.list<StoredConnection>(scope, OUTBOUND_KIND, domainName),
    ...store.resources.list<StoredConnection>(scope, INBOUND_KIND, domainName),
  ];
}

/**
 * AWS's guide (cross-cluster search, "Removing a connection"): a domain with active cross-cluster connections
 * cannot be deleted; all its incoming and outgoing connections must be removed first. Active: accepted and not
 * removed (outbound PROVISIONING or ACTIVE, inbound APPROVED). Whether AWS also refuses for a request not yet
 * accepted was not found: the emulator reads "active" as the status of that name, and such a request goes with
 * the domain (deleteConnectionsOfDomain). AWS's text for this refusal was not found either: the error is the
 * operation's modelled ValidationException, the message the emulator's own.
 */
export function refuseDeletionWithActiveConnections(
  store: Store,
  scope: Scope,
  domainName: string,
  now: number,
): void {
  // Both owners' copies hold the same document: the outbound status reads either.
  const active = connectionsOfDomain(store, scope, domainName).filter(({ doc }) => {
    const status = outboundStatus(doc, now);
    return status === 'PROVISIONING' || status === 'ACTIVE';
  });
  if (active.length === 0) return;
  const ids = [...new Set(active.map(({ doc }) => doc.CrossClusterSearchConnectionId))].sort();
  throw new ValidationException(
    `Domain ${domainName} has active cross-cluster search connections (${ids.join(', ')}). Delete its incoming and outgoing connections before deleting the domain.`,
  );
}

/**
 * For DeleteElasticsearchDomain: the domain's remaining connections, outbound and inbound (requests not yet
 * accepted, and those already removed or refused: refuseDeletionWithActiveConnections let the delete through), are
 * deleted on both sides (DELETING, then DELETED), as if their owner had deleted them.
 */
export function deleteConnectionsOfDomain(
  store: Store,
  scope: Scope,
  domainName: string,
  now: number,
  processingMs: number,
): void {
  for (const { doc } of connectionsOfDomain(store, scope, domainName)) {
    if (doc.deletedAt === undefined) {
      doc.deletedAt = now;
      doc.stepMs = processingMs;
      const destination = doc.DestinationDomainInfo;
      if (
        destination.DomainName === domainName &&
        destination.OwnerId === scope.account &&
        destination.Region === scope.region
      ) {
        doc.deletedBecause = destinationUnavailable;
      }
      save(store, doc);
    }
  }
}

import {
  ConflictException,
  LimitExceededException,
  ResourceNotFoundException,
  ValidationException,
} from '../../schemas/errors.generated';
import type {
  AuthorizedPrincipal,
  VPCDerivedInfo,
  VPCOptions,
  VpcEndpoint,
  VpcEndpointError,
  VpcEndpointStatus,
  VpcEndpointSummary,
} from '../../schemas/types.generated';
import type { Scope } from '../../store/scope';
import type { Store } from '../../store/store';
import { deriveVpc } from '../domains/options';
import { validateVpcIds } from '../domains/validate';
import { findDomain } from '../domains/record';
import { parseDomainArn } from '../tagging';
import type { Page, PageOptions } from './common';
import { domainNotFound, paginate, requireDomainExists } from './common';
import type { AnyOperationHandler, OperationContext } from './types';
import { defineOperation, domainArn } from './types';

/** Resource kinds in the generic table. */
const ENDPOINT_KIND = 'vpc-endpoint';
/** In the domain owner's state: which endpoints (of any account) connect to which domain. */
const DOMAIN_ENDPOINT_KIND = 'vpc-endpoint-of-domain';
const CLIENT_TOKEN_KIND = 'vpc-endpoint-client-token';
const ACCESS_KIND = 'vpc-endpoint-access';
/** What the domain owner's state keeps under a domain's name: its endpoints' references and its grants. */
export const domainEndpointKinds: readonly string[] = [DOMAIN_ENDPOINT_KIND, ACCESS_KIND];

/**
 * The List* operations of this family take no MaxResults; AWS does not document its page size. 100 is the
 * default MaxResults of the service's other listings (constraints.md). Under AWS's limits (endpointLimits) no
 * listing here holds more than 50, so one page answers all; a NextToken given is still checked.
 */
const PAGE_SIZE = 100;

/** What lasts from a create, update or delete until the endpoint settles (computed on read, no timers). */
type Transition = 'CREATING' | 'UPDATING' | 'DELETING';

/** One endpoint, stored in its owner's (the creator's) account and region. */
interface StoredEndpoint {
  VpcEndpointId: string;
  VpcEndpointOwner: string;
  DomainArn: string;
  VpcOptions: VPCDerivedInfo;
  Endpoint: string;
  transition?: { status: Transition; until: number };
}

interface StoredClientToken {
  endpointId: string;
  /** The request the token was first used with: the same token with another request is a conflict. */
  fingerprint: string;
}

interface StoredDomainEndpoint {
  owner: string;
}

interface StoredAccess {
  account: string;
}

interface DomainReference {
  scope: Scope;
  domainName: string;
}

/**
 * Endpoint ids as AWS forms them: `aos-` and 12 lower-case hex digits, e.g. `aos-21688b896cda`
 * (tf-provider-aws#29912, a real DescribeVpcEndpoints output).
 */
function newEndpointId(context: OperationContext): string {
  return `aos-${context.ids.random('0123456789abcdef', 12)}`;
}

/**
 * The endpoint host. AWS's is `aos-<...>.<region>.es.amazonaws.com` (redacted in the only real sample); the
 * model's Endpoint pattern (`^[A-Za-z0-9\-\.]+$`) allows no port, so the host is given without one, under
 * es.localhost like the domains' endpoints.
 */
function endpointHost(domainName: string, endpointId: string, region: string): string {
  return `${endpointId}-${domainName}.${region}.es.localhost`;
}

/** The status at the context's time: a transition lasts DOMAIN_PROCESSING_MS, then the endpoint is ACTIVE. */
function statusOf(endpoint: StoredEndpoint, now: number): VpcEndpointStatus | 'GONE' {
  const transition = endpoint.transition;
  if (!transition || now >= transition.until) return transition?.status === 'DELETING' ? 'GONE' : 'ACTIVE';
  return transition.status;
}

/**
 * The caller's endpoint, or undefined. A deleted endpoint whose deletion has completed is removed here
 * (AWS: DELETING, then gone).
 */
function findEndpoint(context: OperationContext, endpointId: string): StoredEndpoint | undefined {
  const stored = context.store.resources.get<StoredEndpoint>(context.scope, ENDPOINT_KIND, endpointId);
  if (!stored) return undefined;
  if (statusOf(stored.doc, context.clock.now()) === 'GONE') {
    removeEndpoint(context, stored.doc);
    return undefined;
  }
  return stored.doc;
}

function removeEndpoint(context: OperationContext, endpoint: StoredEndpoint): void {
  context.store.resources.delete(context.scope, ENDPOINT_KIND, endpoint.VpcEndpointId);
  context.store.resources.deleteByParent(context.scope, CLIENT_TOKEN_KIND, endpoint.VpcEndpointId);
  const domain = parseEndpointDomainArn(endpoint.DomainArn);
  if (domain) context.store.resources.delete(domain.scope, DOMAIN_ENDPOINT_KIND, endpoint.VpcEndpointId);
}

/** No text of AWS's for an unknown endpoint id was found; this one names the id, as the service's others do. */
function endpointNotFoundMessage(endpointId: string): string {
  return `VPC endpoint not found: ${endpointId}`;
}

function requireEndpoint(context: OperationContext, endpointId: string): StoredEndpoint {
  const endpoint = findEndpoint(context, endpointId);
  if (!endpoint) throw new ResourceNotFoundException(endpointNotFoundMessage(endpointId));
  return endpoint;
}

/** The endpoint as AWS answers it: its DNS name only once it is made (aws/aws-cli#8898: none while CREATING). */
function render(endpoint: StoredEndpoint, status: VpcEndpointStatus): VpcEndpoint {
  const rendered: VpcEndpoint = {
    VpcEndpointId: endpoint.VpcEndpointId,
    VpcEndpointOwner: endpoint.VpcEndpointOwner,
    DomainArn: endpoint.DomainArn,
    VpcOptions: structuredClone(endpoint.VpcOptions),
    Status: status,
  };
  if (status !== 'CREATING' && status !== 'CREATE_FAILED') rendered.Endpoint = endpoint.Endpoint;
  return rendered;
}

function summarize(endpoint: StoredEndpoint, status: VpcEndpointStatus): VpcEndpointSummary {
  return {
    VpcEndpointId: endpoint.VpcEndpointId,
    VpcEndpointOwner: endpoint.VpcEndpointOwner,
    DomainArn: endpoint.DomainArn,
    Status: status,
  };
}

/** The status now, for an endpoint findEndpoint returned (so not gone). */
function currentStatus(context: OperationContext, endpoint: StoredEndpoint): VpcEndpointStatus {
  const status = statusOf(endpoint, context.clock.now());
  return status === 'GONE' ? 'DELETING' : status;
}

/** A domain ARN as AddTags reads one (server/tagging): a 12-digit account and a name the model allows. */
function parseEndpointDomainArn(arn: string): DomainReference | undefined {
  const parts = parseDomainArn(arn);
  if (!parts) return undefined;
  return { scope: { region: parts.region, account: parts.account }, domainName: parts.domainName };
}

function requireSubnets(options: VPCOptions): void {
  if (!options.SubnetIds || options.SubnetIds.length === 0) {
    // The model leaves SubnetIds optional; an endpoint cannot exist without a subnet (AWS: "Required").
    throw new ValidationException('VpcOptions.SubnetIds must contain at least one subnet.');
  }
  validateVpcIds(options);
}

function processingUntil(context: OperationContext): number {
  return context.clock.now() + context.config.domainProcessingMs;
}

/** The domain owner's state must hold the domain; for another account, that account must have authorized us. */
function requireEndpointDomain(context: OperationContext, arn: string): DomainReference {
  const domain = parseEndpointDomainArn(arn);
  if (!domain) throw new ValidationException(`Invalid domain ARN: ${arn}`);
  if (domain.scope.region !== context.scope.region) {
    // A VPC endpoint connects to a domain of its own region; there is no cross-region endpoint.
    throw new ValidationException(
      `The domain ${arn} is not in the region of the request (${context.scope.region}).`,
    );
  }
  // The domain owner's state, which may be another account's. An ARN of another partition than its Region's
  // (`arn:aws:es:cn-north-1:…`) names no domain.
  const record =
    arn === domainArn(domain.scope, domain.domainName)
      ? findDomain({ ...context, scope: domain.scope }, domain.domainName)
      : undefined;
  // The model declares no ResourceNotFoundException for CreateVpcEndpoint (it declares Conflict, Validation,
  // LimitExceeded, Internal, DisabledOperation and Base): an unknown domain ARN is an invalid DomainArn,
  // a ValidationException carrying the service's not-found text, as AddTags does.
  if (!record) throw new ValidationException(domainNotFound(domain.domainName).message);
  if (!record.options.VPCOptions) {
    // AWS: "you can only create an interface VPC endpoint for a domain in a VPC" (developer guide,
    // vpc-interface-endpoints); the text is ours.
    throw new ValidationException(
      `Domain ${domain.domainName} is not in a VPC: VPC endpoints can only be created for VPC domains.`,
    );
  }
  if (domain.scope.account !== context.scope.account) {
    const granted = context.store.resources.get<StoredAccess>(
      domain.scope,
      ACCESS_KIND,
      accessId(domain.domainName, context.scope.account),
    );
    if (!granted) {
      throw new ValidationException(
        `Account ${context.scope.account} is not authorized to create a VPC endpoint for ${arn}. The domain owner must call AuthorizeVpcEndpointAccess first.`,
      );
    }
  }
  return domain;
}

/**
 * AWS's limits for OpenSearch Service-managed VPC endpoints (developer guide, vpc-interface-endpoints): "a maximum
 * of 50 endpoints per account, and a maximum of 10 endpoints per domain. A single domain can have a maximum of 10
 * authorized principals." AWS's texts for them are not known: these are ours, in the model's LimitExceededException.
 */
const endpointLimits = { perAccount: 50, perDomain: 10, principalsPerDomain: 10 };

function requireEndpointQuota(context: OperationContext, domain: DomainReference): void {
  // Endpoints whose deletion has completed no longer count.
  if (liveEndpointsOfDomain(context, domain.scope, domain.domainName).length >= endpointLimits.perDomain) {
    throw new LimitExceededException(
      `Domain ${domain.domainName} already has the maximum of ${endpointLimits.perDomain} VPC endpoints.`,
    );
  }
  if (liveEndpoints(context).length >= endpointLimits.perAccount) {
    throw new LimitExceededException(
      `Account ${context.scope.account} already has the maximum of ${endpointLimits.perAccount} VPC endpoints in ${context.scope.region}.`,
    );
  }
}

function accessId(domainName: string, account: string): string {
  return `${domainName}/${account}`;
}

const createVpcEndpoint = defineOperation({
  operation: 'CreateVpcEndpoint',
  handle(input, context) {
    const fingerprint = JSON.stringify([
      input.DomainArn,
      input.VpcOptions.SubnetIds ?? [],
      input.VpcOptions.SecurityGroupIds ?? [],
    ]);
    if (input.ClientToken !== undefined) {
      const used = context.store.resources.get<StoredClientToken>(
        context.scope,
        CLIENT_TOKEN_KIND,
        input.ClientToken,
      );
      if (used) {
        if (used.doc.fingerprint !== fingerprint) {
          // Idempotency as across AWS: a token names one request; the text is ours.
          throw new ConflictException(
            `The client token ${input.ClientToken} was already used with a different request.`,
          );
        }
        const existing = findEndpoint(context, used.doc.endpointId);
        if (existing) return { VpcEndpoint: render(existing, currentStatus(context, existing)) };
        // The endpoint of that request has been deleted since: the token starts afresh.
        context.store.resources.delete(context.scope, CLIENT_TOKEN_KIND, input.ClientToken);
      }
    }
    requireSubnets(input.VpcOptions);
    const domain = requireEndpointDomain(context, input.DomainArn);
    requireEndpointQuota(context, domain);
    const id = newEndpointId(context);
    const endpoint: StoredEndpoint = {
      VpcEndpointId: id,
      VpcEndpointOwner: context.scope.account,
      DomainArn: domainArn(domain.scope, domain.domainName),
      // The VPC id, zones and default security group derived from the subnets as for VPC domains (no EC2 here).
      VpcOptions: deriveVpc(input.VpcOptions, undefined, context),
      Endpoint: endpointHost(domain.domainName, id, context.scope.region),
      transition: { status: 'CREATING', until: processingUntil(context) },
    };
    context.store.resources.insert(context.scope, ENDPOINT_KIND, id, endpoint.DomainArn, endpoint);
    context.store.resources.insert<StoredDomainEndpoint>(
      domain.scope,
      DOMAIN_ENDPOINT_KIND,
      id,
      domain.domainName,
      {
        owner: context.scope.account,
      },
    );
    if (input.ClientToken !== undefined) {
      // Kept under its endpoint, and removed with it: a token outlives nothing it could still answer with.
      context.store.resources.insert<StoredClientToken>(
        context.scope,
        CLIENT_TOKEN_KIND,
        input.ClientToken,
        id,
        {
          endpointId: id,
          fingerprint,
        },
      );
    }
    // The answer to the create is CREATING whatever the clock says (Terraform waits CREATING -> ACTIVE).
    return { VpcEndpoint: render(endpoint, 'CREATING') };
  },
});

const describeVpcEndpoints = defineOperation({
  operation: 'DescribeVpcEndpoints',
  handle(input, context) {
    const VpcEndpoints: VpcEndpoint[] = [];
    const VpcEndpointErrors: VpcEndpointError[] = [];
    for (const id of new Set(input.VpcEndpointIds)) {
      const endpoint = findEndpoint(context, id);
      if (endpoint) VpcEndpoints.push(render(endpoint, currentStatus(context, endpoint)));
      else {
        VpcEndpointErrors.push({
          VpcEndpointId: id,
          ErrorCode: 'ENDPOINT_NOT_FOUND',
          ErrorMessage: endpointNotFoundMessage(id),
        });
      }
    }
    return { VpcEndpoints, VpcEndpointErrors };
  },
});

const updateVpcEndpoint = defineOperation({
  operation: 'UpdateVpcEndpoint',
  handle(input, context) {
    const endpoint = requireEndpoint(context, input.VpcEndpointId);
    const status = currentStatus(context, endpoint);
    if (status !== 'ACTIVE') {
      // ConflictException is the operation's declared error for a resource that is busy; the text is ours.
      throw new ConflictException(
        `VPC endpoint ${endpoint.VpcEndpointId} is ${status}: it can be updated only when ACTIVE.`,
      );
    }
    requireSubnets(input.VpcOptions);
    // New subnets, and new security groups when given (the current ones otherwise).
    endpoint.VpcOptions = deriveVpc(input.VpcOptions, endpoint.VpcOptions, context);
    endpoint.transition = { status: 'UPDATING', until: processingUntil(context) };
    context.store.resources.update(context.scope, ENDPOINT_KIND, endpoint.VpcEndpointId, endpoint);
    return { VpcEndpoint: render(endpoint, 'UPDATING') };
  },
});

const deleteVpcEndpoint = defineOperation({
  operation: 'DeleteVpcEndpoint',
  handle(input, context) {
    const endpoint = requireEndpoint(context, input.VpcEndpointId);
    // Deleting an endpoint that is already being deleted answers its summary again (Terraform retries deletes).
    if (endpoint.transition?.status !== 'DELETING') {
      endpoint.transition = { status: 'DELETING', until: processingUntil(context) };
      context.store.resources.update(context.scope, ENDPOINT_KIND, endpoint.VpcEndpointId, endpoint);
    }
    return { VpcEndpointSummary: summarize(endpoint, 'DELETING') };
  },
});

/** Every endpoint of the caller's account and region, oldest first, without those whose deletion completed. */
function liveEndpoints(context: OperationContext): StoredEndpoint[] {
  const live: StoredEndpoint[] = [];
  for (const { doc } of context.store.resources.list<StoredEndpoint>(context.scope, ENDPOINT_KIND)) {
    if (statusOf(doc, context.clock.now()) === 'GONE') removeEndpoint(context, doc);
    else live.push(doc);
  }
  return live;
}

/** The endpoints of one domain, of every owner, without those whose deletion completed. */
function liveEndpointsOfDomain(
  context: OperationContext,
  domainScope: Scope,
  domainName: string,
): StoredEndpoint[] {
  const live: StoredEndpoint[] = [];
  for (const reference of context.store.resources.list<StoredDomainEndpoint>(
    domainScope,
    DOMAIN_ENDPOINT_KIND,
    domainName,
  )) {
    // The endpoint lives in its owner's state, which may be another account's.
    const ownerContext = { ...context, scope: { account: reference.doc.owner, region: domainScope.region } };
    const endpoint = findEndpoint(ownerContext, reference.id);
    if (endpoint) live.push(endpoint);
  }
  return live;
}

/**
 * The model marks NextToken required in these outputs, yet a last page has none to give: it is left out,
 * as AWS's other listings do, so that every client's paging loop (`while (NextToken)`, botocore's) ends.
 */
function withNextToken<T extends object>(
  output: T,
  nextToken: string | undefined,
): T & { NextToken: string } {
  return (nextToken === undefined ? output : { ...output, NextToken: nextToken }) as T & {
    NextToken: string;
  };
}

/** A page of one of this family's List operations (no MaxResults: PAGE_SIZE items). */
function pageOf<T>(
  items: readonly T[],
  nextToken: string | undefined,
  page: Pick<PageOptions<T>, 'listing' | 'scope' | 'keyOf'>,
): Page<T> {
  return paginate(items, { NextToken: nextToken }, { ...page, defaultMaxResults: PAGE_SIZE });
}

const listVpcEndpoints = defineOperation({
  operation: 'ListVpcEndpoints',
  handle(input, context) {
    const summaries = liveEndpoints(context).map((endpoint) =>
      summarize(endpoint, currentStatus(context, endpoint)),
    );
    const page = pageOf(summaries, input.NextToken, {
      listing: 'ListVpcEndpoints',
      scope: context.scope,
      keyOf: (summary) => summary.VpcEndpointId ?? '',
    });
    return withNextToken({ VpcEndpointSummaryList: page.items }, page.nextToken);
  },
});

const listVpcEndpointsForDomain = defineOperation({
  operation: 'ListVpcEndpointsForDomain',
  handle(input, context) {
    requireDomainExists(context, input.DomainName);
    const summaries = liveEndpointsOfDomain(context, context.scope, input.DomainName).map((endpoint) =>
      summarize(endpoint, currentStatus(context, endpoint)),
    );
    const page = pageOf(summaries, input.NextToken, {
      listing: `ListVpcEndpointsForDomain\n${input.DomainName}`,
      scope: context.scope,
      keyOf: (summary) => summary.VpcEndpointId ?? '',
    });
    return withNextToken({ VpcEndpointSummaryList: page.items }, page.nextToken);
  },
});

const authorizeVpcEndpointAccess = defineOperation({
  operation: 'AuthorizeVpcEndpointAccess',
  handle(input, context) {
    requireDomainExists(context, input.DomainName);
    // The model's AWSAccount is digits of any length; an account id is twelve, and CreateVpcEndpoint reads no
    // other (a shorter one could never be used). Text ours.
    if (!/^\d{12}$/.test(input.Account)) {
      throw new ValidationException(`Account must be an AWS account id of 12 digits: ${input.Account}`);
    }
    const id = accessId(input.DomainName, input.Account);
    // Authorizing an account twice keeps one authorization and answers the same principal.
    if (!context.store.resources.get(context.scope, ACCESS_KIND, id)) {
      const authorized = context.store.resources.list(context.scope, ACCESS_KIND, input.DomainName);
      if (authorized.length >= endpointLimits.principalsPerDomain) {
        throw new LimitExceededException(
          `Domain ${input.DomainName} already has the maximum of ${endpointLimits.principalsPerDomain} authorized principals.`,
        );
      }
      context.store.resources.insert<StoredAccess>(context.scope, ACCESS_KIND, id, input.DomainName, {
        account: input.Account,
      });
    }
    return { AuthorizedPrincipal: principalOf(input.Account) };
  },
});

function principalOf(account: string): AuthorizedPrincipal {
  return { PrincipalType: 'AWS_ACCOUNT', Principal: account };
}

const revokeVpcEndpointAccess = defineOperation({
  operation: 'RevokeVpcEndpointAccess',
  handle(input, context) {
    requireDomainExists(context, input.DomainName);
    if (
      !context.store.resources.delete(context.scope, ACCESS_KIND, accessId(input.DomainName, input.Account))
    ) {
      throw new ResourceNotFoundException(
        `Account ${input.Account} is not authorized to access domain ${input.DomainName} through a VPC endpoint.`,
      );
    }
    return {};
  },
});

const listVpcEndpointAccess = defineOperation({
  operation: 'ListVpcEndpointAccess',
  handle(input, context) {
    requireDomainExists(context, input.DomainName);
    const principals = context.store.resources
      .list<StoredAccess>(context.scope, ACCESS_KIND, input.DomainName)
      .map(({ doc }) => principalOf(doc.account));
    const page = pageOf(principals, input.NextToken, {
      listing: `ListVpcEndpointAccess\n${input.DomainName}`,
      scope: context.scope,
      keyOf: (principal) => principal.Principal ?? '',
    });
    return withNextToken({ AuthorizedPrincipalList: page.items }, page.nextToken);
  },
});

export const vpcEndpointsOperations: AnyOperationHandler[] = [
  createVpcEndpoint,
  describeVpcEndpoints,
  updateVpcEndpoint,
  deleteVpcEndpoint,
  listVpcEndpoints,
  listVpcEndpointsForDomain,
  authorizeVpcEndpointAccess,
  revokeVpcEndpointAccess,
  listVpcEndpointAccess,
];

/**
 * For DeleteElasticsearchDomain: the domain's VPC endpoints (of every owner) and its access grants go with
 * it, so that a new domain of the same name starts with none.
 */
export function forgetVpcEndpointsOfDomain(store: Store, scope: Scope, domainName: string): void {
  const references = store.resources.list<StoredDomainEndpoint>(scope, DOMAIN_ENDPOINT_KIND, domainName);
  for (const reference of references) {
    const ownerScope = { account: reference.doc.owner, region: scope.region };
    store.resources.delete(ownerScope, ENDPOINT_KIND, reference.id);
    store.resources.deleteByParent(ownerScope, CLIENT_TOKEN_KIND, reference.id);
  }
  store.resources.deleteByParent(scope, DOMAIN_ENDPOINT_KIND, domainName);
  store.resources.deleteByParent(scope, ACCESS_KIND, domainName);
}

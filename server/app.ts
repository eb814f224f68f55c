import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { operations } from '../schemas/operations.generated';
import { InternalException } from '../schemas/errors.generated';
import type { Store } from '../store/store';
import type { Authenticator, Authorizer, AuthorizationRequest, HttpRequestFacts } from './auth/types';
import type { Config } from './config';
import { safeDecode } from './auth/sigv4';
import { settleDeletions } from './lifecycle/deletions';
import { allHandlers, buildRegistry } from './operations';
import type { AnyOperationHandler, OperationContext } from './operations/types';
import { domainArn, presentName, presentString } from './operations/types';
import type { OperationSpec } from './protocol/operation-spec';
import { parseInput } from './protocol/parse-input';
import type { JsonObject } from './protocol/parse-input';
import { RequestEntityTooLargeException } from './protocol/protocol-errors';
import { answerRefusedBody } from './protocol/refused-body';
import { sendEmpty, sendError, sendJson } from './protocol/respond';
import { Router } from './protocol/router';
import { sourceIpOf } from './protocol/source-ip';
import { isLocalPath, originForm } from './protocol/request-target';
import { ServiceError } from './protocol/service-error';
import { validateInput } from './protocol/validation';
import type { Clock, IdGenerator } from './runtime';
import { SteadyClock, systemClock } from './runtime';
import { unexpectedFailure } from './unexpected-failures';

export interface AppDependencies {
  config: Config;
  clock: Clock;
  ids: IdGenerator;
  store: Store;
  logger: Logger;
  authenticator: Authenticator;
  authorizer: Authorizer;
  /** Defaults to every hand-written handler; the app refuses to start unless they cover the model exactly. */
  handlers?: readonly AnyOperationHandler[];
  /** The `/_local/` routes (decisions, simulate): every path under `/_local` goes to them. */
  localRoutes?: RequestListener;
  /** The port the server listens on, known once it listens. */
  listeningPort(): number;
  /**
   * The unique id of an IAM principal known by its ARN (the IAM seed's PrincipalDirectory.uniqueIdOf): a pending
   * access policy names its principals by them, as AWS's does. Without it, none is known.
   */
  principalIdOf?(arn: string): string | undefined;
  /** Whether the IAM user or role of an ARN exists (PrincipalDirectory.holdsIdentity); without it, never known. */
  principalExists?(arn: string): boolean | undefined;
}

/** Without a directory of principals, nothing is known of any (principalIdOf, principalExists). */
const nothingKnown = (): undefined => undefined;

/**
 * The app factory. One request travels one straight line, written down here:
 * request id → raw body → route → SigV4 → parse input → authorize (IAM) → validate against the model (checked
 * first, answered after the decision) → the operation's handler (semantic checks, store, in one transaction)
 * → serialize output or error.
 */
export function createApp(deps: AppDependencies): RequestListener {
  const registry = buildRegistry(deps.handlers ?? allHandlers);
  const router = new Router(operations);
  const { localRoutes } = deps;
  // A plain Node request listener: the one generated router needs no framework, and loading Express
  // (with body-parser) was a fifth of the cold start.
  // Node dates its answers by the system clock. With another clock (a test's), the Date header follows it: the
  // SDKs correct their clock skew from it, as they do against AWS, whose Date and signature check share a clock.
  const ownClock = deps.clock === systemClock ? undefined : deps.clock;
  const lifecycleClock = steadyWhereItCan(deps.clock);
  return (req, res) => {
    if (ownClock) res.setHeader('Date', new Date(ownClock.now()).toUTCString());
    // A client that takes the emulator for an HTTP proxy sends the absolute form, which a server must accept (RFC
    // 9112, 3.2.2); its signature covers the path, as for the origin form.
    if (req.url !== undefined && req.url.charCodeAt(0) !== 47 /* / */) req.url = originForm(req.url);
    if (localRoutes && isLocalPath(req.url ?? '/')) {
      localRoutes(req, res);
      return;
    }
    const requestId = deps.ids.uuid();
    readBody(req, deps.config.maxBodyBytes, (error, body) => {
      if (error && !(error instanceof RequestEntityTooLargeException) && req.destroyed) {
        // The client went away before sending its whole request: nobody to answer, nothing done.
        deps.logger.debug({ requestId, err: error }, 'the client closed the connection during its request');
        return;
      }
      try {
        if (error) throw error;
        handleApiRequest(deps, lifecycleClock, registry, router, requestId, req, res, body);
      } catch (failure) {
        respondWithError(deps, requestId, req, res, failure);
      }
    });
  };
}

function handleApiRequest(
  deps: AppDependencies,
  lifecycleClock: Clock,
  registry: Map<string, AnyOperationHandler>,
  router: Router,
  requestId: string,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
): void {
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  const rawPath = queryStart === -1 ? url : url.slice(0, queryStart);
  const rawQuery = queryStart === -1 ? '' : url.slice(queryStart + 1);
  const method = req.method ?? 'GET';

  const { spec, labels } = router.match(method, rawPath);
  const facts: HttpRequestFacts = {
    method,
    rawPath,
    rawQuery,
    headers: req.headers,
    rawHeaders: req.rawHeaders,
    body,
    sourceIp: sourceIpOf(req, deps.config.trustProxy),
  };
  const caller = deps.authenticator.authenticate(facts);
  const input = parseInput(spec, labels, rawQuery, body);
  // AWS decides before it checks the input against the model: a caller without the permission is answered
  // AccessDeniedException even for a domain name the model refuses (recorded: es:DescribeElasticsearchDomain
  // on `domain/taylorzr${Token[`, aws-cdk#8920). The model's answer waits for the decision.
  let invalid: unknown;
  try {
    validateInput(spec.name, input);
  } catch (error) {
    invalid = error;
  }

  // buildRegistry guarantees a handler for every routed operation.
  const handler = registry.get(spec.name)!;
  // One instant for the whole request: everything one call dates (an upgrade's history entry and its change, a
  // change and its section times) carries the same time, as one record of AWS's does, however often it is read.
  const now = lifecycleClock.now();
  // IAM's time keys read the clock the signature was checked against (SteadyClock).
  const decidedAt = lifecycleClock === deps.clock ? now : deps.clock.now();
  const context: OperationContext = {
    requestId,
    scope: { account: caller.accountId, region: caller.region },
    caller,
    store: deps.store,
    clock: { now: () => now },
    ids: deps.ids,
    config: deps.config,
    listeningPort: deps.listeningPort,
    principalIdOf: deps.principalIdOf ?? nothingKnown,
    principalExists: deps.principalExists ?? nothingKnown,
  };
  // Deletions due complete first (DOMAIN_PROCESSING_MS), in a transaction of their own.
  settleDeletions(deps.store, now, deps.config.domainProcessingMs);
  const output = deps.store.transaction(() => {
    const withTagKeys = deps.authorizer.evaluatesPolicies(caller);
    let requests: AuthorizationRequest[];
    try {
      const resource = resourceOf(spec, handler, input, context);
      // Several resources (the domains one call names): each is authorized, in order; the first denial stops it.
      const resources = typeof resource === 'string' ? [resource] : resource;
      requests = resources.map((each) =>
        authorizationRequest(spec, handler, input, context, facts, each, withTagKeys, decidedAt),
      );
    } catch (failure) {
      // Input the model refuses may not even have the shape the IAM hooks read: then the model answers.
      if (invalid !== undefined) throw invalid;
      throw failure;
    }
    for (const request of requests) deps.authorizer.authorize(request);
    if (invalid !== undefined) throw invalid;
    return (handler.handle as (input: JsonObject, context: OperationContext) => unknown)(input, context);
  });
  if (spec.outputShape === null) sendEmpty(res, requestId);
  else sendJson(res, requestId, output ?? {});
}

/**
 * The resource the handler names, else the domain of `DomainName` where the action targets domains (the account's
 * `domain/*` without one), else `*`.
 */
function resourceOf(
  spec: OperationSpec,
  handler: AnyOperationHandler,
  input: JsonObject,
  context: OperationContext,
): string | readonly string[] {
  // A call of an action on domains that names none (a member left out, which the model refuses after the decision,
  // or GetCompatibleElasticsearchVersions without a domain) is decided on the account's domains, `domain/*`: the
  // resource its denial names, as DescribeElasticsearchDomains without names is.
  const noneNamed = spec.iam.targetsDomain ? domainArn(context.scope, '*') : '*';
  if (handler.resource) {
    const resource = handler.resource(input as never, context);
    // Decided before the model's check: a member of another shape is left to the model (presentName).
    if (resource === undefined) return noneNamed;
    if (typeof resource !== 'string' && !isStringList(resource)) throw new TypeError('not a resource');
    return resource;
  }
  const domainName = spec.iam.targetsDomain ? presentName(input.DomainName) : undefined;
  return domainName === undefined ? noneNamed : domainArn(context.scope, domainName);
}

/**
 * The IAM request context of one call on one resource, from the generated authorization data and the handler's
 * hooks. The tag keys (a store read for aws:ResourceTag) only when the decision reads policies: not for the root
 * of an account.
 */
function authorizationRequest(
  spec: OperationSpec,
  handler: AnyOperationHandler,
  input: JsonObject,
  context: OperationContext,
  facts: HttpRequestFacts,
  resource: string,
  withTagKeys: boolean,
  decidedAt: number,
): AuthorizationRequest {
  const typedInput = input as never;
  const request: AuthorizationRequest = {
    caller: context.caller,
    operation: spec.name,
    action: spec.iam.action,
    resource,
    sourceIp: facts.sourceIp,
    now: decidedAt,
    requestId: context.requestId,
  };
  const userAgent = facts.headers['user-agent'];
  if (userAgent !== undefined) request.userAgent = userAgent;
  const referer = facts.headers.referer;
  if (referer !== undefined) request.referer = referer;
  if (!withTagKeys) return request;
  // aws:ResourceTag/* holds the stored tags of a domain of the caller's account and region; an ARN of another
  // account or region (which the operation then refuses) has none. So has a domain that does not exist: its
  // tags are stored only while it exists (AddTags refuses an unknown domain, the delete removes them), so the
  // tag query alone answers, without asking first whether the domain exists.
  if (spec.iam.supportsResourceTag && resource !== '*') {
    if (resource === domainArn(context.scope, domainNameOf(resource))) {
      request.resourceTags = context.store.tags.asMap(resource);
    }
  }
  if (spec.iam.supportsRequestTag || spec.iam.supportsTagKeys) {
    const tags = presentTags(handler.requestTags?.(typedInput));
    if (tags && spec.iam.supportsRequestTag) {
      // Without a prototype: a tag key such as `__proto__` is a key like any other.
      request.requestTags = Object.create(null) as Record<string, string>;
      for (const tag of tags) if (tag.Value !== undefined) request.requestTags[tag.Key] = tag.Value;
    }
    if (spec.iam.supportsTagKeys) {
      const keys = handler.tagKeys
        ? presentStrings(handler.tagKeys(typedInput))
        : tags?.map((tag) => tag.Key);
      if (keys) request.tagKeys = keys;
    }
  }
  return request;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** A list as IAM reads it before the model's checks (presentString): absent items are left out. */
function presentStrings(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new TypeError('not a list');
  return value.map(presentString).filter((item): item is string => item !== undefined);
}

/**
 * A tag list as IAM reads it before the model's checks (presentString): a tag without a key is left out, and one
 * without a value is a key of aws:TagKeys but no aws:RequestTag.
 */
function presentTags(value: unknown): { Key: string; Value?: string }[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new TypeError('not a tag list');
  const tags: { Key: string; Value?: string }[] = [];
  for (const item of value as unknown[]) {
    if (item === undefined || item === null) continue;
    if (typeof item !== 'object' || Array.isArray(item)) throw new TypeError('not a tag');
    const { Key, Value } = item as Record<string, unknown>;
    const key = presentString(Key);
    const tagValue = presentString(Value);
    if (key !== undefined) tags.push(tagValue === undefined ? { Key: key } : { Key: key, Value: tagValue });
  }
  return tags;
}

function domainNameOf(arn: string): string {
  const slash = arn.lastIndexOf('/');
  return slash === -1 ? arn : arn.slice(slash + 1);
}

type BodyCallback = (error: Error | undefined, body: Buffer) => void;

const emptyBody = Buffer.alloc(0);

/**
 * Reads the raw body (SigV4 hashes the bytes as sent), refusing bodies over the limit before reading them.
 * A callback rather than a promise: the request is answered in the same tick as its last chunk.
 */
function readBody(req: IncomingMessage, limit: number, done: BodyCallback): void {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    done(new RequestEntityTooLargeException(limit), emptyBody);
    return;
  }
  let first: Buffer | undefined;
  let chunks: Buffer[] | undefined;
  let size = 0;
  let settled = false;
  req.on('data', (chunk: Buffer) => {
    if (settled) return;
    size += chunk.length;
    if (size > limit) {
      settled = true;
      done(new RequestEntityTooLargeException(limit), emptyBody);
      return;
    }
    if (first === undefined) first = chunk;
    else (chunks ??= [first]).push(chunk);
  });
  req.on('end', () => {
    if (settled) return;
    settled = true;
    done(undefined, chunks ? Buffer.concat(chunks) : (first ?? emptyBody));
  });
  req.on('error', (error) => {
    if (settled) return;
    settled = true;
    done(error, emptyBody);
  });
}

function respondWithError(
  deps: AppDependencies,
  requestId: string,
  req: IncomingMessage,
  res: ServerResponse,
  error: unknown,
): void {
  if (error instanceof RequestEntityTooLargeException) {
    answerRefusedBody(req, res, requestId, error);
    return;
  }
  if (error instanceof ServiceError) {
    if (error.status >= 500) {
      deps.logger.error({ requestId, err: error }, 'internal error');
    } else if (authenticationErrors.has(error.code)) {
      logAuthenticationRefusal(deps, requestId, req, error);
    }
    sendError(res, requestId, error);
    return;
  }
  const failure = unexpectedFailure(error, deps.config.statePath);
  deps.logger.error(
    { requestId, err: error, method: req.method, url: loggableUrl(req.url ?? '/'), ...failure.fields },
    failure.message,
  );
  sendError(res, requestId, new InternalException('We encountered an internal error. Please try again.'));
}

/** The errors of a call refused by its signature or its credentials, before any decision of IAM. */
const authenticationErrors = new Set([
  'MissingAuthenticationTokenException',
  'IncompleteSignatureException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
]);

/**
 * A call refused before IAM is logged too, as a decision is: whose key, which call, what AWS's answer said. Only the
 * answer's first line, and not the Authorization header an IncompleteSignatureException repeats: an
 * InvalidSignatureException goes on with the canonical request, whose headers hold a session's token.
 */
function logAuthenticationRefusal(
  deps: AppDependencies,
  requestId: string,
  req: IncomingMessage,
  error: ServiceError,
): void {
  const firstLine = error.message.split('\n', 1)[0]!;
  const headerAt = firstLine.indexOf(' Authorization=');
  const credential = credentialPattern.exec(
    `${String(req.headers.authorization ?? '')} ${safeDecode(queryOf(req.url ?? ''))}`,
  );
  deps.logger.info(
    {
      requestId,
      method: req.method,
      url: loggableUrl(req.url ?? '/'),
      errorType: error.code,
      reason: headerAt === -1 ? firstLine : firstLine.slice(0, headerAt),
      ...(credential ? { accessKeyId: credential[1] } : {}),
    },
    'request refused before authorization',
  );
}

/** The access key id of a credential scope, in an Authorization header or a presigned query. */
const credentialPattern = /Credential=([A-Za-z0-9]{1,128})\//;

/** The query of a URL, '' without one. */
function queryOf(url: string): string {
  const queryStart = url.indexOf('?');
  return queryStart === -1 ? '' : url.slice(queryStart + 1);
}

/** A presigned request's query holds the session token and the signature: their values are not logged. */
const secretQueryParameter = /^x-amz-(?:security-token|signature)$/i;

function loggableUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return url;
  const pairs = url
    .slice(queryStart + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      return secretQueryParameter.test(safeDecode(name)) ? `${name}=[Redacted]` : pair;
    });
  return `${url.slice(0, queryStart)}?${pairs.join('&')}`;
}

/** The clock of the operations: steady (SteadyClock) where the clock has a never-stepping twin. */
function steadyWhereItCan(clock: Clock): Clock {
  return clock.elapsed ? new SteadyClock(clock as Clock & { elapsed(): number }) : clock;
}

import crypto from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import querystring from 'node:querystring';
import type { Logger } from 'pino';
import { AccessDeniedException, ValidationException } from '../schemas/errors.generated';
import { actionsReadingResourceTag } from '../schemas/iam-actions.generated';
import { operations } from '../schemas/operations.generated';
import type { Authenticator } from './auth/types';
import type { IamMode } from './config';
import { callDenialMessage, isCrossAccount, messageResource, type Evaluate } from './iam/authorizer';
import { otherNameOf } from './iam/renamed-actions';
import type { DecisionLog, DecisionRecord } from './iam/decision-log';
import { missingContextKeys } from './iam/evaluator/index';
import type { PrincipalDirectory } from './iam/principals';
import type { ContextSource } from './iam/request-context';
import { requestContext } from './iam/request-context';
import type { EvaluationRequest, RequestContextKeys } from './iam/types';
import { RequestEntityTooLargeException } from './protocol/protocol-errors';
import { answerRefusedBody } from './protocol/refused-body';
import { domainArn } from './operations/types';
import { sendError, sendJson } from './protocol/respond';
import { ServiceError } from './protocol/service-error';
import { sourceIpOf } from './protocol/source-ip';
import { maxLocalBodyBytes } from './protocol/request-target';
import { inPartition, partitionOf } from './partitions';
import { serviceLinkedRoleName } from './service-linked-role';
import { parseDomainArn } from './tagging';
import type { Clock } from './runtime';
import { unexpectedFailure } from './unexpected-failures';

export interface LocalRoutesDependencies {
  mode: IamMode;
  /** Verifies the signature of `/_local/` calls (any service name in the scope). */
  authenticator: Authenticator;
  directory: PrincipalDirectory;
  evaluate: Evaluate;
  decisions: DecisionLog;
  clock: Clock;
  /** The Region of a simulation that names none (no Region in its resource, an unsigned call). */
  defaultRegion: string;
  /** TRUST_PROXY: aws:SourceIp from X-Forwarded-For, as for the API's calls. */
  trustProxy: boolean;
  /** The stored tags of an ARN (none for a domain that does not exist). */
  resourceTags(arn: string): Record<string, string>;
  /** Creates an account's service-linked role again, committed; false when it was there already. */
  restoreServiceLinkedRole(account: string): boolean;
  /** ACCOUNT_ID: the account a call made without IAM enforced acts for when it names none. */
  defaultAccount: string;
  /** Where an unexpected failure is written, as the API's routes write theirs. */
  logger: Logger;
  /** Named in the line of a failure of the state file. */
  statePath: string;
}

/**
 * The emulator's own routes, beside the API: `GET /_local/decisions?limit=N` (the recent authorization
 * decisions) and `POST /_local/simulate` (a decision with its reasons, like IAM's policy simulator).
 * When IAM is enforced only the root of an account may call them, signed with SigV4.
 * The app hands this listener every request under `/_local`; its paths match as Express matched them
 * (any letter case, an optional trailing slash), without loading Express for two routes.
 */
export function localRoutes(deps: LocalRoutesDependencies): RequestListener {
  return (req, res) => {
    const requestId = crypto.randomUUID();
    const url = req.url ?? '/';
    const queryStart = url.indexOf('?');
    const rawPath = queryStart === -1 ? url : url.slice(0, queryStart);
    const rawQuery = queryStart === -1 ? '' : url.slice(queryStart + 1);
    // The path below the mount point, as Express's req.path gave it.
    const path = rawPath.slice('/_local'.length) || '/';
    readBody(req)
      .then((body) => {
        const sourceIp = sourceIpOf(req, deps.trustProxy);
        let signedRegion: string | undefined;
        // Under enforcement, a root sees its own account's decisions and principals only, as IAM's simulator
        // works on the caller's own account.
        let callerAccount: string | undefined;
        if (deps.mode === 'enforce') {
          const caller = deps.authenticator.authenticate({
            method: req.method ?? 'GET',
            rawPath,
            rawQuery,
            headers: req.headers,
            rawHeaders: req.rawHeaders,
            body,
            sourceIp,
          });
          signedRegion = caller.region;
          callerAccount = caller.accountId;
          if (!caller.isRoot) {
            throw new AccessDeniedException(
              `User: ${caller.arn} is not authorized to call ${req.method} /_local${path}: only the root of an account may`,
            );
          }
        }
        const route = path.toLowerCase().replace(/(.)\/$/, '$1');
        if (route === '/decisions' && (req.method === 'GET' || req.method === 'HEAD')) {
          const ofCaller =
            callerAccount === undefined
              ? undefined
              : (decision: DecisionRecord) => accountOfArn(decision.principal) === callerAccount;
          sendJson(res, requestId, {
            decisions: deps.decisions.recent(decisionLimit(deps, rawQuery), ofCaller),
          });
        } else if (route === '/service-linked-role' && req.method === 'POST') {
          sendJson(res, requestId, restoreRole(deps, body, callerAccount));
        } else if (route === '/simulate' && req.method === 'POST') {
          const origin: SimulationOrigin = { sourceIp, signedRegion };
          const userAgent = req.headers['user-agent'];
          if (userAgent !== undefined) origin.userAgent = userAgent;
          const referer = req.headers.referer;
          if (referer !== undefined) origin.referer = referer;
          sendJson(res, requestId, simulate(deps, parseSimulation(body), origin, callerAccount));
        } else {
          throw new ServiceError(
            'UnknownOperationException',
            404,
            `No local route matches ${req.method} /_local${path}`,
          );
        }
      })
      .catch((error: unknown) => fail(deps, req, res, requestId, error));
  };
}

/**
 * `POST /_local/service-linked-role`: makes the account's service-linked role again after
 * DeleteElasticsearchServiceRole, as IAM's CreateServiceLinkedRole (not served here) would. Under enforcement the
 * account is the calling root's own; otherwise `accountId` in the body, or ACCOUNT_ID.
 */
function restoreRole(deps: LocalRoutesDependencies, body: Buffer, callerAccount: string | undefined) {
  const input = jsonObjectOf(body);
  const given = input.accountId;
  if (given !== undefined && (typeof given !== 'string' || !/^\d{12}$/.test(given))) {
    throw new ValidationException('accountId must be an account id of 12 digits');
  }
  if (callerAccount !== undefined && given !== undefined && given !== callerAccount) {
    throw new AccessDeniedException(
      `The root of account ${callerAccount} may not create the service-linked role of account ${given}`,
    );
  }
  const accountId = callerAccount ?? given ?? deps.defaultAccount;
  const created = deps.restoreServiceLinkedRole(accountId);
  return { roleName: serviceLinkedRoleName, accountId, created };
}

function decisionLimit(deps: LocalRoutesDependencies, rawQuery: string): number {
  const raw = querystring.parse(rawQuery).limit;
  if (raw === undefined) return 50;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new ValidationException('limit must be a whole number of at least 1');
  }
  return Math.min(Number(raw), deps.decisions.capacity);
}

interface Simulation {
  principalArn: string;
  action: string;
  /** Undefined when not given: the resource a real call naming none is decided on (defaultResource). */
  resource: string | undefined;
  context: RequestContextKeys;
}

/** A route's body as a JSON object; an empty body is an empty object. */
function jsonObjectOf(body: Buffer): Record<string, unknown> {
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    throw new ValidationException('The body must be a JSON object');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ValidationException('The body must be a JSON object');
  }
  return input as Record<string, unknown>;
}

function parseSimulation(body: Buffer): Simulation {
  const { principalArn, action, resource, context = {} } = jsonObjectOf(body);
  if (typeof principalArn !== 'string') throw new ValidationException('principalArn must be a string');
  if (typeof action !== 'string') throw new ValidationException('action must be a string');
  if (resource !== undefined && typeof resource !== 'string') {
    throw new ValidationException('resource must be a string');
  }
  if (typeof context !== 'object' || context === null || Array.isArray(context)) {
    throw new ValidationException('context must be an object of context keys');
  }
  const keys: RequestContextKeys = {};
  for (const [key, value] of Object.entries(context)) {
    if (Array.isArray(value) && value.every(isScalar)) keys[key] = value.map(String);
    else if (isScalar(value)) keys[key] = String(value);
    else
      throw new ValidationException(
        `context.${key} must be a string, a number, a boolean or an array of them`,
      );
  }
  return { principalArn, action, resource, context: keys };
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * What the simulate call itself brings to the context, as a real call brings its own: where it comes from, and the
 * Region it was signed for.
 */
interface SimulationOrigin {
  sourceIp: string;
  signedRegion: string | undefined;
  userAgent?: string;
  referer?: string;
}

/** The Region of an `arn:aws:es:<region>:…` resource, if it names one. */
function regionOfArn(resource: string): string | undefined {
  const parts = resource.split(':');
  return parts.length >= 6 && parts[0] === 'arn' && parts[3] !== '' && !parts[3]!.includes('*')
    ? parts[3]
    : undefined;
}

function isReadableDomain(resource: string, callerAccount: string | undefined): boolean {
  const domain = parseDomainArn(resource);
  return domain !== undefined && (callerAccount === undefined || domain.account === callerAccount);
}

let resourceTagActions: Set<string> | undefined;

/** Whether the action's authorization data lists aws:ResourceTag (IAM action names are case-insensitive). */
function readsResourceTag(action: string): boolean {
  resourceTagActions ??= new Set(actionsReadingResourceTag);
  return resourceTagActions.has(action.toLowerCase());
}

/** The actions (lower case) whose operations act on domains, from the generated authorization data. */
let domainActions: Set<string> | undefined;

/**
 * The resource a real call that names no domain is decided on (server/app): the account's domains in the Region,
 * `domain/*`, for an action on domains; `*` for any other action (or a name no operation has).
 */
function defaultResource(action: string, account: string, region: string): string {
  domainActions ??= new Set(
    operations.filter((spec) => spec.iam.targetsDomain).map((spec) => spec.iam.action.toLowerCase()),
  );
  return domainActions.has(action.toLowerCase()) ? domainArn({ account, region }, '*') : '*';
}

/** The account of a principal's ARN (`arn:aws:iam::111122223333:user/alice`). */
function accountOfArn(arn: string): string | undefined {
  return arn.split(':')[4];
}

function simulate(
  deps: LocalRoutesDependencies,
  simulation: Simulation,
  origin: SimulationOrigin,
  callerAccount: string | undefined,
) {
  const principal = deps.directory.byArn(simulation.principalArn);
  // Another account's principal is answered as one that does not exist: its existence is not the caller's to learn.
  if (!principal || (callerAccount !== undefined && principal.accountId !== callerAccount)) {
    throw new ServiceError(
      'NoSuchEntityException',
      404,
      `No principal ${simulation.principalArn} in the IAM seed${callerAccount === undefined ? '' : ` for account ${callerAccount}`}`,
    );
  }
  const { principalArn, action } = simulation;
  const resource =
    simulation.resource ??
    defaultResource(action, principal.accountId, origin.signedRegion ?? deps.defaultRegion);
  const crossAccount = isCrossAccount(resource, principal.accountId);
  if (principal.isRoot && !crossAccount) {
    return {
      principalArn,
      action,
      otherAction: otherNameOf(action),
      resource,
      decision: 'Allow',
      allowed: true,
      reason: 'root',
      statements: [],
      // No policy is read for the root: no key can be missing.
      missingContextKeys: [],
    };
  }
  const region = regionOfArn(resource) ?? origin.signedRegion ?? deps.defaultRegion;
  // The keys a real call would carry, built as for a real call (iam/request-context): the time, the Region (the
  // resource's, else the one this call was signed for), the resource's account, this call's address, user agent
  // and referer, the principal's own keys (MFA's age included) and the domain's stored tags (aws:ResourceTag/*).
  // The caller's keys win.
  const source: ContextSource = {
    resource,
    now: deps.clock.now(),
    sourceIp: origin.sourceIp,
    // The simulated principal calls its own account: the owner of `*` for aws:ResourceAccount.
    caller: { region, accountId: principal.accountId },
    // A domain's tags, as the real call reads them: only of a domain of the caller's own account, and only for an
    // action whose authorization data lists aws:ResourceTag (not ListDomainNames, decided on `*`).
    resourceTags:
      readsResourceTag(action) && isReadableDomain(resource, callerAccount)
        ? deps.resourceTags(resource)
        : {},
  };
  if (origin.userAgent !== undefined) source.userAgent = origin.userAgent;
  if (origin.referer !== undefined) source.referer = origin.referer;
  const context = overridden(requestContext(source, principal), simulation.context);
  const evaluation: EvaluationRequest = {
    action,
    otherAction: otherNameOf(action),
    resource,
    context,
    identityPolicies: principal.identityPolicies,
    ...(principal.permissionsBoundary ? { permissionsBoundary: principal.permissionsBoundary } : {}),
    ...(principal.sessionPolicy ? { sessionPolicy: principal.sessionPolicy } : {}),
    ...(crossAccount ? { crossAccount } : {}),
  };
  // A root's policies are not read; another account's resource is refused it as it is refused every principal.
  const decision = principal.isRoot
    ? { allowed: false, reason: 'implicit-deny-resource' as const, statements: [] }
    : deps.evaluate(evaluation);
  return {
    principalArn,
    action,
    otherAction: otherNameOf(action),
    resource,
    decision: decision.allowed ? 'Allow' : 'Deny',
    allowed: decision.allowed,
    reason: decision.reason,
    statements: decision.statements,
    ...(decision.statementsNotShown ? { statementsNotShown: decision.statementsNotShown } : {}),
    ...(decision.unmet ? { unmet: decision.unmet } : {}),
    ...(decision.unmetNotShown ? { unmetNotShown: decision.unmetNotShown } : {}),
    ...(decision.allowed
      ? {}
      : {
          message: callDenialMessage(
            inPartition(principal.arn, partitionOf(region)),
            action,
            messageResource(resource, region, principal.accountId),
            decision,
            (each) =>
              principal.isRoot
                ? decision
                : deps.evaluate({ ...evaluation, action: each, otherAction: undefined }),
          ),
        }),
    context,
    // As IAM's simulator answers MissingContextValues: the keys the policies read that the context lacks.
    missingContextKeys: missingContextKeys(evaluation),
  };
}

/**
 * The built keys with the caller's laid over them. Key names are case-insensitive in IAM ("aws:CurrentTime is
 * equivalent to AWS:currenttime", IAM's guide on policy variables), so a given `aws:sourceip` replaces the
 * built `aws:SourceIp` instead of standing beside it.
 */
function overridden(built: RequestContextKeys, given: RequestContextKeys): RequestContextKeys {
  const givenNames = new Set(Object.keys(given).map((name) => name.toLowerCase()));
  const context: RequestContextKeys = {};
  for (const [name, value] of Object.entries(built)) {
    if (!givenNames.has(name.toLowerCase())) context[name] = value;
  }
  return Object.assign(context, given);
}

function fail(
  deps: LocalRoutesDependencies,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  error: unknown,
): void {
  if (!(error instanceof ServiceError) && !req.complete && req.destroyed) {
    // The client went away before sending its whole request: nobody to answer, nothing done (as on the API's
    // routes, server/app).
    deps.logger.debug({ requestId, err: error }, 'the client closed the connection during its request');
    return;
  }
  const serviceError =
    error instanceof ServiceError
      ? error
      : new ServiceError('InternalException', 500, 'We encountered an internal error. Please try again.');
  if (serviceError.status >= 500) {
    // The path only: a presigned call's query holds its session token and signature.
    const path = (req.url ?? '/').split('?')[0];
    const failure = unexpectedFailure(error, deps.statePath);
    deps.logger.error(
      { requestId, err: error, method: req.method, path, ...failure.fields },
      failure.message,
    );
  }
  // As on the API's routes: the client reads the 413 before the connection closes.
  if (error instanceof RequestEntityTooLargeException) answerRefusedBody(req, res, requestId, error);
  else sendError(res, requestId, serviceError);
}

/** The body, or the API's 413 for one over the limit: before reading it when its length is declared. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > maxLocalBodyBytes) {
      reject(new RequestEntityTooLargeException(maxLocalBodyBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    // A chunked body is refused as soon as it passes the limit, not once it has all arrived.
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxLocalBodyBytes) {
        refused = true;
        reject(new RequestEntityTooLargeException(maxLocalBodyBytes));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

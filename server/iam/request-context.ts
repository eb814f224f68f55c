import type { AuthorizationRequest } from '../auth/types';
import { inPartition, partitionOf } from '../partitions';
import { isoSeconds } from '../iso-time';
import type { Principal } from './principals';
import type { RequestContextKeys } from './types';

/**
 * The IAM request context of one call: the service's tag keys from the AuthorizationRequest and the
 * global keys of the principal. aws:SecureTransport and aws:PrincipalTag stay absent: Amazon ES does
 * not support them (the seed documents, "keys the service does not support"). Keys that only a call made
 * through another service or a VPC endpoint carries (aws:CalledVia, aws:SourceVpc…) are absent too: every
 * call here is a principal's direct call.
 */
/** What the context is built from: an AuthorizationRequest, or the like for /_local/simulate. */
export type ContextSource = Pick<
  AuthorizationRequest,
  'resource' | 'now' | 'sourceIp' | 'userAgent' | 'referer' | 'requestTags' | 'tagKeys' | 'resourceTags'
> & { caller: Pick<AuthorizationRequest['caller'], 'region' | 'accountId'> };

export function requestContext(request: ContextSource, principal: Principal): RequestContextKeys {
  const time = timeKeys(request.now);
  const context: RequestContextKeys = {
    'aws:CurrentTime': time.currentTime,
    'aws:EpochTime': time.epochTime,
    'aws:SourceIp': request.sourceIp,
    'aws:RequestedRegion': request.caller.region,
    // IAM puts aws:ResourceAccount in the context of most actions, Amazon ES's among them (the IAM User Guide's
    // global condition keys list the actions without it: all of EBS and EventBridge, a few of EC2 and
    // WorkSpaces). It is the account that owns the resource: the one its ARN names, and for an action that
    // takes no resource (`*`) the account called, whose `domain/*` such a denial names.
    'aws:ResourceAccount': accountOfResource(request.resource) ?? request.caller.accountId,
  };
  // IAM: aws:UserAgent is always in the context (the header as sent); aws:Referer only when the header is.
  if (request.userAgent !== undefined) context['aws:UserAgent'] = request.userAgent;
  if (request.referer !== undefined) context['aws:Referer'] = request.referer;
  Object.assign(context, keysOfPrincipal(principal));
  // The principal's ARN in the partition of the Region the request is signed for (server/partitions.ts).
  const partition = partitionOf(request.caller.region);
  if (partition !== 'aws') context['aws:PrincipalArn'] = inPartition(principal.principalArn, partition);
  // IAM: aws:MultiFactorAuthAge exists only when MFA was used: the seconds since the session was issued.
  if (principal.multiFactorAuthenticated && principal.tokenIssuedAt !== undefined) {
    context['aws:MultiFactorAuthAge'] = String(
      Math.max(0, Math.floor((request.now - principal.tokenIssuedAt) / 1000)),
    );
  }
  if (request.requestTags) {
    for (const [key, value] of Object.entries(request.requestTags)) context[`aws:RequestTag/${key}`] = value;
  }
  if (request.tagKeys) context['aws:TagKeys'] = [...request.tagKeys];
  if (request.resourceTags) {
    for (const [key, value] of Object.entries(request.resourceTags))
      context[`aws:ResourceTag/${key}`] = value;
  }
  return context;
}

/**
 * The account of an ARN (`arn:aws:es:us-east-1:111122223333:domain/logs`): its fifth field when that is an account
 * id (twelve digits); none for `*`, or an ARN as a caller wrote it with an empty or wildcard account.
 */
export function accountOfResource(resource: string): string | undefined {
  if (!resource.startsWith('arn:')) return undefined;
  // The colon before the account is the fourth; found by index, not split: this runs on every decision.
  let colon = 3;
  for (let field = 0; field < 3 && colon !== -1; field++) colon = resource.indexOf(':', colon + 1);
  if (colon === -1) return undefined;
  // An ARN may end at its account (`arn:aws:es:us-east-1:111122223333`).
  const next = resource.indexOf(':', colon + 1);
  const end = next === -1 ? resource.length : next;
  if (end - colon !== 13) return undefined;
  const account = resource.slice(colon + 1, end);
  return ACCOUNT_ID.test(account) ? account : undefined;
}

const ACCOUNT_ID = /^\d{12}$/;

interface TimeKeys {
  second: number;
  currentTime: string;
  epochTime: string;
}

/** The time keys of the last second asked for: the calls of one second share them. */
let lastTimeKeys: TimeKeys = { second: Number.NaN, currentTime: '', epochTime: '' };

function timeKeys(now: number): TimeKeys {
  const second = Math.floor(now / 1000);
  if (second !== lastTimeKeys.second) {
    lastTimeKeys = { second, currentTime: isoSeconds(now), epochTime: String(second) };
  }
  return lastTimeKeys;
}

/** A principal's keys, built once: a principal of the directory does not change. */
const principalKeysCache = new WeakMap<Principal, Readonly<RequestContextKeys>>();

function keysOfPrincipal(principal: Principal): Readonly<RequestContextKeys> {
  let keys = principalKeysCache.get(principal);
  if (!keys) {
    keys = principalKeys(principal);
    principalKeysCache.set(principal, keys);
  }
  return keys;
}

/** The keys that describe the principal: the same for each of its requests. */
export function principalKeys(principal: Principal): RequestContextKeys {
  const keys: RequestContextKeys = {
    'aws:userid': principal.userId,
    'aws:PrincipalArn': principal.principalArn,
    'aws:PrincipalAccount': principal.accountId,
    'aws:PrincipalType': principal.type,
    // IAM: both are in the context of every signed request, `false` for an IAM principal's direct call (the
    // guide's "deny outside my IP ranges" policy pairs aws:SourceIp with aws:ViaAWSService false).
    'aws:ViaAWSService': 'false',
    'aws:PrincipalIsAWSService': 'false',
  };
  // aws:username exists for IAM users only.
  if (principal.username !== undefined) keys['aws:username'] = principal.username;
  if (principal.tokenIssuedAt !== undefined) {
    keys['aws:TokenIssueTime'] = isoSeconds(principal.tokenIssuedAt);
    // IAM: temporary credentials always carry aws:MultiFactorAuthPresent, `false` when no MFA was used;
    // long-term keys never do.
    keys['aws:MultiFactorAuthPresent'] = principal.multiFactorAuthenticated ? 'true' : 'false';
  }
  return keys;
}

import { AccessDeniedException } from '../../schemas/errors.generated';
import type { AuthorizationRequest, Authorizer, Caller } from '../auth/types';
import type { IamMode } from '../config';
import { partitionOf } from '../partitions';
import { isoTime } from '../iso-time';
import type { DecisionLog, DecisionRecord } from './decision-log';
import type { Principal, PrincipalDirectory } from './principals';
import { actionsDeciding, otherNameOf } from './renamed-actions';
import { accountOfResource, requestContext } from './request-context';
import type { Decision, DecisionReason, EvaluationRequest } from './types';

export type Evaluate = (request: EvaluationRequest) => Decision;

/**
 * IAM_MODE=enforce and audit: the identity-based policies of the caller decide each call. The root of
 * an account is allowed everything (IAM does not evaluate its policies). Audit logs a denial and lets
 * the request through.
 */
export class IamAuthorizer implements Authorizer {
  constructor(
    private readonly mode: Exclude<IamMode, 'off'>,
    private readonly directory: PrincipalDirectory,
    private readonly evaluate: Evaluate,
    private readonly decisions: DecisionLog,
  ) {}

  /** The root of an account is allowed everything: IAM does not evaluate its policies. */
  evaluatesPolicies(caller: Caller): boolean {
    return !caller.isRoot;
  }

  authorize(request: AuthorizationRequest): void {
    const { caller } = request;
    const enforced = this.mode === 'enforce';
    let decision: Decision;
    let evaluation: EvaluationRequest | undefined;
    if (this.evaluatesPolicies(caller)) {
      evaluation = evaluationRequest(request, this.principalOf(caller));
      decision = this.evaluate(evaluation);
    } else if (isCrossAccount(request.resource, caller.accountId)) {
      // A root is refused another account's resource as any principal is: no resource-based policy can allow it.
      decision = { allowed: false, reason: 'implicit-deny-resource', statements: [] };
    } else {
      this.decisions.record(record(request, 'Allow', 'root', [], enforced));
      return;
    }
    if (decision.allowed) {
      const allowed = record(request, 'Allow', decision.reason, decision.statements, enforced);
      if (decision.statementsNotShown) allowed.statementsNotShown = decision.statementsNotShown;
      this.decisions.record(allowed);
      return;
    }
    const onItsOwn = evaluation;
    const message = callDenialMessage(
      caller.arn,
      request.action,
      messageResource(request.resource, caller.region, caller.accountId),
      decision,
      (action) => (onItsOwn ? this.evaluate({ ...onItsOwn, action, otherAction: undefined }) : decision),
    );
    this.decisions.record({
      ...record(request, 'Deny', decision.reason, decision.statements, enforced),
      ...(decision.statementsNotShown ? { statementsNotShown: decision.statementsNotShown } : {}),
      message,
      ...(decision.unmet ? { unmet: decision.unmet } : {}),
      ...(decision.unmetNotShown ? { unmetNotShown: decision.unmetNotShown } : {}),
    });
    if (enforced) throw new AccessDeniedException(message);
  }

  private principalOf(caller: Caller): Principal {
    const principal =
      (caller.accessKeyId !== undefined
        ? this.directory.byAccessKey(caller.accessKeyId)?.principal
        : undefined) ?? this.directory.byArn(caller.arn);
    // The authenticator only lets through callers of the directory.
    if (!principal) throw new AccessDeniedException(`User: ${caller.arn} is not known to this emulator`);
    return principal;
  }
}

export function evaluationRequest(request: AuthorizationRequest, principal: Principal): EvaluationRequest {
  const evaluation: EvaluationRequest = {
    action: request.action,
    otherAction: otherNameOf(request.action),
    resource: request.resource,
    context: requestContext(request, principal),
    identityPolicies: principal.identityPolicies,
  };
  if (principal.permissionsBoundary) evaluation.permissionsBoundary = principal.permissionsBoundary;
  if (principal.sessionPolicy) evaluation.sessionPolicy = principal.sessionPolicy;
  if (isCrossAccount(request.resource, principal.accountId)) evaluation.crossAccount = true;
  return evaluation;
}

/**
 * Whether `resource` is an ARN of another account than `accountId`. Only an ARN a caller brings can be (AddTags,
 * ListTags, RemoveTags): the other operations name a domain of the caller's own account.
 */
export function isCrossAccount(resource: string, accountId: string): boolean {
  const owner = accountOfResource(resource);
  return owner !== undefined && owner !== accountId;
}

/**
 * Amazon ES names the account's domains in the denial of an action that takes no resource (a real
 * ListDomainNames denial reads `… on resource: arn:aws:es:us-east-1:1234567890:domain/*`), while the
 * policy still needs `Resource: "*"` to allow it.
 */
export function messageResource(resource: string, region: string, accountId: string): string {
  if (resource !== '*') return resource;
  return `arn:${partitionOf(region)}:es:${region}:${accountId}:domain/*`;
}

const denialEndings: Record<Exclude<DecisionReason, 'allowed'>, (action: string) => string> = {
  'implicit-deny-identity': (action) => `because no identity-based policy allows the ${action} action`,
  'explicit-deny-identity': () => 'with an explicit deny in an identity-based policy',
  'implicit-deny-boundary': (action) => `because no permissions boundary allows the ${action} action`,
  'explicit-deny-boundary': () => 'with an explicit deny in a permissions boundary',
  'implicit-deny-session': (action) => `because no session policy allows the ${action} action`,
  'explicit-deny-session': () => 'with an explicit deny in a session policy',
  'implicit-deny-resource': (action) => `because no resource-based policy allows the ${action} action`,
};

/**
 * AccessDeniedException's message for a denied call of `action`. An operation known by two actions
 * (iam/renamed-actions) is decided on both: AWS's denial names each action that `decideAlone` denies, with its own
 * reason, and two of them between brackets joined by `, ` (reference A2, a denial of the 2021 DescribeDomain naming
 * es:DescribeDomain and es:DescribeElasticsearchDomain).
 */
export function callDenialMessage(
  principalArn: string,
  action: string,
  resource: string,
  decision: Decision,
  decideAlone: (action: string) => Decision,
): string {
  const actions = actionsDeciding(action);
  if (actions.length === 1) return denialMessage(principalArn, action, resource, decision.reason);
  const denials = actions.flatMap((each) => {
    const alone = decideAlone(each);
    return alone.allowed ? [] : [denialMessage(principalArn, each, resource, alone.reason)];
  });
  // Never empty: an action allowed on its own is allowed with its other name beside it (a statement naming either
  // takes part), and a Deny of either denies that one on its own.
  if (denials.length === 0) return denialMessage(principalArn, action, resource, decision.reason);
  return denials.length === 1 ? denials[0]! : `[${denials.join(', ')}]`;
}

/** AccessDeniedException's message for one action, in AWS's words for each kind of denial. */
export function denialMessage(
  principalArn: string,
  action: string,
  resource: string,
  reason: DecisionReason,
): string {
  const ending = reason === 'allowed' ? '' : ` ${denialEndings[reason](action)}`;
  return `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource}${ending}`;
}

function record(
  request: AuthorizationRequest,
  decision: DecisionRecord['decision'],
  reason: DecisionRecord['reason'],
  statements: DecisionRecord['statements'],
  enforced: boolean,
): DecisionRecord {
  return {
    time: isoTime(request.now),
    requestId: request.requestId,
    principal: request.caller.arn,
    action: request.action,
    otherAction: otherNameOf(request.action),
    resource: request.resource,
    decision,
    reason,
    statements,
    enforced,
  };
}

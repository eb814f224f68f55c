/**
 * The IAM policy evaluator: a pure function from a request and the policies that apply to its principal
 * to a decision with the statements that decided it. No I/O, no clock: the caller puts the time and
 * everything else into the request's context keys.
 *
 * AWS's evaluation logic for a principal in one account:
 * 1. an applicable Deny in any policy (identity-based, permissions boundary, session policy) denies;
 * 2. otherwise an applicable Allow in the identity-based policies is needed;
 * 3. when the principal has a permissions boundary, an applicable Allow in it is needed too;
 * 4. when the session has a session policy, an applicable Allow in it is needed too.
 * The effective permissions are the intersection of what each of them allows.
 * For a resource of another account, a resource-based policy must allow as well (step 5); the configuration API's
 * resources have none, so such a request is denied unless an explicit Deny denied it first.
 * For an operation known by two actions (iam/renamed-actions), a statement naming either one takes part.
 */
import type {
  DecidingStatement,
  Decision,
  DecisionReason,
  EvaluationRequest,
  NamedPolicy,
  UnmetStatement,
} from '../types';
import { splitArn } from './arn';
import { compilePolicy } from './compile';
import type { CompiledStatement } from './compile';
import { conditionsHold, describeCondition, firstConditionNotHeld } from './condition';
import { ContextLookup } from './context';

export { compilePolicy } from './compile';

/**
 * Action names in lower case, each made once: the same text object on every request, whose hash the statement index
 * then finds computed (a text made anew by toLowerCase is hashed again at each lookup). At most
 * NAMES_REMEMBERED, of up to 256 characters: /_local/simulate takes any name.
 */
const lowerCaseNames = new Map<string, string>();
const NAMES_REMEMBERED = 1024;

function lowerCaseName(name: string): string {
  let lower = lowerCaseNames.get(name);
  if (lower !== undefined) return lower;
  lower = name.toLowerCase();
  if (name.length <= 256 && lowerCaseNames.size < NAMES_REMEMBERED) lowerCaseNames.set(name, lower);
  return lower;
}

/** The request as the matchers read it; the segments of the resource ARN are split on first use. */
class PreparedRequest {
  readonly action: string;
  /** The same operation's other action, in lower case (EvaluationRequest.otherAction). */
  readonly otherAction: string | undefined;
  readonly resource: string;
  readonly context: ContextLookup;
  private segments: string[] | undefined | null = null;
  readonly resourceSegmentsOf = (): string[] | undefined => {
    if (this.segments === null) this.segments = splitArn(this.resource);
    return this.segments;
  };

  constructor(request: EvaluationRequest) {
    this.action = lowerCaseName(request.action);
    this.otherAction = request.otherAction === undefined ? undefined : lowerCaseName(request.otherAction);
    this.resource = request.resource;
    this.context = new ContextLookup(request.context);
  }
}

function resourceApplies(statement: CompiledStatement, request: PreparedRequest): boolean {
  // A statement of an identity-based policy without Resource or NotResource applies to nothing.
  if (!statement.hasResourceElement) return false;
  let listed = false;
  for (const pattern of statement.resources) {
    if (pattern.matches(request.resource, request.resourceSegmentsOf, request.context)) {
      listed = true;
      break;
    }
  }
  return statement.resourcesNegated ? !listed : listed;
}

/** A policy's statements whose Action or NotAction takes in the request's action, or its other name. */
function statementsNaming(policy: NamedPolicy, request: PreparedRequest): readonly CompiledStatement[] {
  return compilePolicy(policy.document).statementsFor(request.action, request.otherAction);
}

/** Whether a statement that takes in the request's action applies: its resource part and its conditions. */
function statementApplies(statement: CompiledStatement, request: PreparedRequest): boolean {
  return resourceApplies(statement, request) && conditionsHold(statement.conditions, request.context);
}

/**
 * How many applicable statements of each effect a decision names at most for one kind of policy: a principal's
 * policies may hold hundreds that apply (one line of 90 KB was seen for 1,050), and a few explain the decision.
 */
export const DECIDING_STATEMENTS_SHOWN = 10;

/** The applicable statements of one kind of policy, split by effect (the first DECIDING_STATEMENTS_SHOWN of each). */
interface Matches {
  allows: DecidingStatement[];
  denies: DecidingStatement[];
  allowCount: number;
  denyCount: number;
}

function matchPolicies(policies: readonly NamedPolicy[], request: PreparedRequest): Matches {
  const matches: Matches = { allows: [], denies: [], allowCount: 0, denyCount: 0 };
  for (const policy of policies) {
    for (const statement of statementsNaming(policy, request)) {
      if (!statementApplies(statement, request)) continue;
      const denies = statement.effect === 'Deny';
      const count = denies ? ++matches.denyCount : ++matches.allowCount;
      if (count > DECIDING_STATEMENTS_SHOWN) continue;
      const deciding = { policy: policy.name, statement: statement.label, effect: statement.effect };
      (denies ? matches.denies : matches.allows).push(deciding);
    }
  }
  return matches;
}

/** A decision naming `statements` of `count` applicable ones, and how many it leaves out when there are more. */
function decided(
  allowed: boolean,
  reason: DecisionReason,
  statements: DecidingStatement[],
  count: number,
): Decision {
  const decision: Decision = { allowed, reason, statements };
  if (count > statements.length) decision.statementsNotShown = count - statements.length;
  return decision;
}

/** How many statements an implicit denial's explanation shows at most: a policy may hold many that name an action. */
export const UNMET_STATEMENTS_SHOWN = 10;

/**
 * Why no Allow statement of these policies applied: each one that names the action, with the part that does not
 * take in the request. Worked out only for an implicit denial, so that an allowed request pays nothing for it.
 */
function unmetAllows(
  policies: readonly NamedPolicy[],
  request: PreparedRequest,
): { unmet: UnmetStatement[]; notShown: number } {
  const unmet: UnmetStatement[] = [];
  let notShown = 0;
  for (const policy of policies) {
    for (const statement of statementsNaming(policy, request)) {
      if (statement.effect !== 'Allow') continue;
      // Counted, so that a list cut short says so: the ones left out may be the ones the reader is looking for.
      if (unmet.length === UNMET_STATEMENTS_SHOWN) {
        notShown++;
        continue;
      }
      const named = { policy: policy.name, statement: statement.label, effect: statement.effect };
      if (!resourceApplies(statement, request)) {
        unmet.push({ ...named, unmet: 'Resource' });
        continue;
      }
      // Always found: an Allow whose resource and conditions all take in the request would have allowed it.
      const condition = firstConditionNotHeld(statement.conditions, request.context);
      if (condition) {
        unmet.push({
          ...named,
          unmet: 'Condition',
          condition: describeCondition(condition, request.context),
        });
      }
    }
  }
  return { unmet, notShown };
}

function implicitDeny(
  reason: DecisionReason,
  policies: readonly NamedPolicy[],
  request: PreparedRequest,
): Decision {
  const { unmet, notShown } = unmetAllows(policies, request);
  return {
    allowed: false,
    reason,
    statements: [],
    unmet,
    ...(notShown > 0 ? { unmetNotShown: notShown } : {}),
  };
}

/**
 * The condition keys the statements that name the action and take in the resource read, absent from the request's
 * context, each once (as IAM's policy simulator answers MissingContextValues): what a simulation may have to supply.
 */
export function missingContextKeys(request: EvaluationRequest): string[] {
  const prepared = new PreparedRequest(request);
  const policies = [
    ...request.identityPolicies,
    ...(request.permissionsBoundary ? [request.permissionsBoundary] : []),
    ...(request.sessionPolicy ? [request.sessionPolicy] : []),
  ];
  const missing = new Map<string, string>();
  for (const policy of policies) {
    for (const statement of statementsNaming(policy, prepared)) {
      if (!resourceApplies(statement, prepared)) continue;
      for (const condition of statement.conditions) {
        const key = condition.writtenKey;
        if (key === '' || missing.has(key.toLowerCase())) continue;
        if (prepared.context.get(key, key.toLowerCase()) === undefined) missing.set(key.toLowerCase(), key);
      }
    }
  }
  return [...missing.values()];
}

export function evaluate(request: EvaluationRequest): Decision {
  const prepared = new PreparedRequest(request);
  const identity = matchPolicies(request.identityPolicies, prepared);
  const boundary = request.permissionsBoundary
    ? matchPolicies([request.permissionsBoundary], prepared)
    : undefined;
  const session = request.sessionPolicy ? matchPolicies([request.sessionPolicy], prepared) : undefined;

  // An explicit Deny in any of them wins over every Allow. The reason (and AWS's message) names the first kind of
  // policy that denies; the explanation names the denying statements of every kind, so that removing one Deny does
  // not leave another, unnamed, still denying.
  const denyReason: DecisionReason | undefined =
    identity.denyCount > 0
      ? 'explicit-deny-identity'
      : boundary && boundary.denyCount > 0
        ? 'explicit-deny-boundary'
        : session && session.denyCount > 0
          ? 'explicit-deny-session'
          : undefined;
  if (denyReason !== undefined) {
    return decided(
      false,
      denyReason,
      [...identity.denies, ...(boundary?.denies ?? []), ...(session?.denies ?? [])],
      identity.denyCount + (boundary?.denyCount ?? 0) + (session?.denyCount ?? 0),
    );
  }

  // With no resource-based policy, IAM names that policy type in a cross-account denial whether or not an
  // identity-based policy allowed, and an identity-based explicit deny as such (AWS's answers recorded by
  // Classmethod's test of cross-account denial messages, with Secrets Manager).
  if (request.crossAccount) return { allowed: false, reason: 'implicit-deny-resource', statements: [] };

  if (identity.allows.length === 0) {
    return implicitDeny('implicit-deny-identity', request.identityPolicies, prepared);
  }
  if (boundary && boundary.allows.length === 0) {
    return implicitDeny('implicit-deny-boundary', [request.permissionsBoundary!], prepared);
  }
  if (session && session.allows.length === 0) {
    return implicitDeny('implicit-deny-session', [request.sessionPolicy!], prepared);
  }

  return decided(
    true,
    'allowed',
    [...identity.allows, ...(boundary?.allows ?? []), ...(session?.allows ?? [])],
    identity.allowCount + (boundary?.allowCount ?? 0) + (session?.allowCount ?? 0),
  );
}

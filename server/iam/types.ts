/**
 * The contract between the IAM evaluator (a pure library: no I/O, no clock) and its callers.
 * The evaluator takes a request context and the policies that apply to the principal, and returns a
 * decision with the statements that decided it.
 */

/** A policy document as written (JSON), already parsed. */
export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: unknown;
  NotPrincipal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** A policy and where it came from, for the explanation of a decision. */
export interface NamedPolicy {
  /** e.g. `inline:create-tagged` (user alice), `arn:aws:iam::111122223333:policy/team-es`. */
  name: string;
  document: PolicyDocument;
}

/**
 * The context keys of one request: `aws:CurrentTime`, `aws:SourceIp`, `aws:RequestTag/team`...
 * Keys are compared case-insensitively. A key that is absent is not in the map. Multi-valued keys
 * (aws:TagKeys) are arrays.
 */
export type ContextValue = string | string[];
export type RequestContextKeys = Record<string, ContextValue>;

export interface EvaluationRequest {
  /** e.g. `es:CreateElasticsearchDomain` */
  action: string;
  /**
   * The same operation's action under its other name, for an operation the 2021 OpenSearch API renamed
   * (`es:CreateDomain`; iam/renamed-actions): a statement naming either action takes part in the decision.
   */
  otherAction?: string;
  /** The resource ARN, or `*`. */
  resource: string;
  context: RequestContextKeys;
  /** Identity-based policies of the principal (user inline + managed + groups', or role's). */
  identityPolicies: NamedPolicy[];
  /** The permissions boundary, when the principal has one. */
  permissionsBoundary?: NamedPolicy;
  /** The session policy of a role session, when it has one. */
  sessionPolicy?: NamedPolicy;
  /**
   * The resource belongs to another account than the principal's. IAM then needs a resource-based policy of the
   * resource's account to allow as well (the IAM User Guide, "Cross-account policy evaluation logic"), and the
   * configuration API's resources have none: a domain's access policy governs its data plane only (the seed
   * chapter: access to the configuration API requires an identity-based policy).
   */
  crossAccount?: boolean;
}

/** A statement that took part in the decision. */
export interface DecidingStatement {
  policy: string;
  /** The Sid, or `#<index>` when the statement has none. */
  statement: string;
  effect: 'Allow' | 'Deny';
}

export type DecisionReason =
  /** An applicable Allow in every policy type that must allow, and no applicable Deny. */
  | 'allowed'
  | 'explicit-deny-identity'
  | 'explicit-deny-boundary'
  | 'explicit-deny-session'
  | 'implicit-deny-identity'
  | 'implicit-deny-boundary'
  | 'implicit-deny-session'
  /** A cross-account request that no resource-based policy allows (see `EvaluationRequest.crossAccount`). */
  | 'implicit-deny-resource';

/** A condition of a statement, as the policy writes it, beside the request's value of its key. */
export interface UnmetCondition {
  /** As written, e.g. `ForAnyValue:StringEquals`. */
  operator: string;
  /** As written, e.g. `aws:ResourceTag/team`. */
  key: string;
  values: string[];
  /** The request's value of the key; null when the request carries none. */
  requestValue: ContextValue | null;
  /**
   * Only when a value holds a policy variable (`${aws:username}`): the values with the request's variables put in,
   * in the order of `values`; null for one whose variable has neither a value nor a default, which matches nothing
   * (IAM's guide, "Policy variables with no value").
   */
  substitutedValues?: (string | null)[];
}

/**
 * An Allow statement that names the request's action but did not apply: its Resource (or NotResource) does not take
 * in the request's resource, or one of its conditions does not hold (the first such one).
 */
export interface UnmetStatement extends DecidingStatement {
  unmet: 'Resource' | 'Condition';
  /** The condition that does not hold, when `unmet` is `Condition`. */
  condition?: UnmetCondition;
}

export interface Decision {
  allowed: boolean;
  reason: DecisionReason;
  /**
   * The statements that decided: the denying ones when denied explicitly, the allowing ones when allowed (at most
   * `DECIDING_STATEMENTS_SHOWN` of each kind of policy).
   */
  statements: DecidingStatement[];
  /** How many more applicable statements there are than `statements` names; absent when it names them all. */
  statementsNotShown?: number;
  /**
   * For an implicit denial: the Allow statements of the policies that lacked one which name the action but did not
   * apply, and why (at most `UNMET_STATEMENTS_SHOWN`). Empty when no Allow statement names the action.
   */
  unmet?: UnmetStatement[];
  /** How many more such statements there are than `unmet` shows; absent when it shows them all. */
  unmetNotShown?: number;
}

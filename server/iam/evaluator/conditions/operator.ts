/**
 * The small interface every condition operator implements. A family module (string, numeric, date,
 * bool, binary, ip, arn) defines only positive operators; the negated forms (StringNotEquals...), the
 * `...IfExists` forms and the `ForAllValues:`/`ForAnyValue:` prefixes are derived from them once, in
 * ../condition.ts, for every family alike.
 */
import type { ContextLookup } from '../context';

/** One value of a condition as written in the policy, compiled once. */
export interface CompiledConditionValue {
  /** Whether one value of the request's key satisfies the positive operator for this policy value. */
  matches(requestValue: string, context: ContextLookup): boolean;
  /**
   * For a value holding a policy variable only: the value with the request's variables put in, or null when one has
   * neither a value nor a default (the value then matches nothing). An explanation shows it beside the value as
   * written.
   */
  substituted?(context: ContextLookup): string | null;
}

export interface ConditionOperator {
  /** The positive name, e.g. `StringEquals`. */
  readonly name: string;
  /** The negated twin AWS defines, e.g. `StringNotEquals`; absent for operators without one. */
  readonly negatedName?: string;
  /**
   * Compiles one policy value. Returns a message (completing "… must be …") when the value does not
   * suit the operator. Policy variables are substituted only when `variablesEnabled` (Version 2012-10-17)
   * and only by the operators that accept them (string and ARN).
   */
  compile(policyValue: string, variablesEnabled: boolean): CompiledConditionValue | { error: string };
}

/** The family modules register their operators through this list. */
export type OperatorFamily = readonly ConditionOperator[];

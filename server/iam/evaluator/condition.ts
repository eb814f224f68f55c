/**
 * A statement's Condition block, compiled once, and its evaluation:
 * - several operators, and several keys under one operator, must all hold (AND);
 * - several policy values for one key: any of them (OR); for a negated operator, none of them (the
 *   negated operator is the negation of its positive twin over the values);
 * - a key absent from the request makes the condition false, except for negated operators (true),
 *   `...IfExists` (true), `ForAllValues:` (true) and Null (its own test); under a set prefix IfExists changes
 *   nothing: `ForAnyValue:...IfExists` over an absent key is false, as `ForAnyValue:` is;
 * - `ForAllValues:` holds when every value of the request's key satisfies the operator,
 *   `ForAnyValue:` when at least one does; over an empty data set (no value but empty strings) the
 *   first holds and the second does not.
 */
import type { ContextValue, UnmetCondition } from '../types';
import type { ContextLookup } from './context';
import { compileNullValue, NULL_OPERATOR_NAME, nullConditionHolds } from './conditions/null';
import type { CompiledConditionValue } from './conditions/operator';
import type { SetOperator } from './conditions/registry';
import { parseOperatorName } from './conditions/registry';

/** What the explanation of a decision shows of a condition: its operator, key and values as the policy writes them. */
interface WrittenCondition {
  /** The operator as written, e.g. `ForAnyValue:StringEqualsIfExists`. */
  operatorName: string;
  /** The policy's values for the key, as strings. */
  writtenValues: readonly string[];
}

interface ValueCondition extends WrittenCondition {
  kind: 'values';
  /** For each written value that holds a policy variable, at its index: the value with the request's put in. */
  substitutions: (CompiledConditionValue['substituted'] | undefined)[] | undefined;
  /** The condition key as written in the policy. */
  writtenKey: string;
  /** The condition key in lower case: key names are case-insensitive. */
  key: string;
  values: CompiledConditionValue[];
  negated: boolean;
  ifExists: boolean;
  setOperator: SetOperator | undefined;
}

interface NullCondition extends WrittenCondition {
  kind: 'null';
  writtenKey: string;
  key: string;
  expectAbsent: boolean[];
}

export type CompiledCondition = ValueCondition | NullCondition;

/** A condition that can never hold (an operator or value the evaluator cannot read). */
function never(operatorName: string, writtenKey: string): CompiledCondition {
  return {
    kind: 'null',
    operatorName,
    writtenValues: [],
    writtenKey,
    key: writtenKey.toLowerCase(),
    expectAbsent: [],
  };
}

/** The policy values of a key as strings (JSON allows a single value or a list, numbers and booleans). */
export function conditionValues(raw: unknown): string[] | undefined {
  const list = Array.isArray(raw) ? raw : [raw];
  const values: string[] = [];
  for (const value of list) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      values.push(String(value));
    } else {
      return undefined;
    }
  }
  return values;
}

/**
 * Compiles a Condition block. The policy was validated when it was loaded; what cannot be read here
 * still fails closed for an Allow, as the condition never holds.
 */
export function compileConditions(
  block: Record<string, Record<string, unknown>> | undefined,
  variablesEnabled: boolean,
): CompiledCondition[] {
  const conditions: CompiledCondition[] = [];
  if (!block || typeof block !== 'object') return conditions;
  for (const operatorName of Object.keys(block)) {
    const parsed = parseOperatorName(operatorName);
    const keys = block[operatorName];
    // An operator with no keys holds nothing to check, known or not (the validator takes both, as IAM does).
    if (keys && typeof keys === 'object' && !Array.isArray(keys) && Object.keys(keys).length === 0) continue;
    if (!parsed || !keys || typeof keys !== 'object') {
      conditions.push(never(operatorName, ''));
      continue;
    }
    for (const keyName of Object.keys(keys)) {
      const rawValues = conditionValues(keys[keyName]);
      const key = keyName.toLowerCase();
      if (!rawValues) {
        conditions.push(never(operatorName, keyName));
        continue;
      }
      const written = { operatorName, writtenValues: rawValues };
      if (parsed.operator === NULL_OPERATOR_NAME) {
        const expectAbsent = rawValues
          .map(compileNullValue)
          .filter((v): v is boolean => typeof v === 'boolean');
        conditions.push({ kind: 'null', ...written, writtenKey: keyName, key, expectAbsent });
        continue;
      }
      const values: CompiledConditionValue[] = [];
      const substitutions: ValueCondition['substitutions'] = [];
      for (const raw of rawValues) {
        const compiled = parsed.operator.compile(raw, variablesEnabled);
        if (!('error' in compiled)) values.push(compiled);
        substitutions.push('error' in compiled ? undefined : compiled.substituted);
      }
      conditions.push({
        kind: 'values',
        ...written,
        writtenKey: keyName,
        key,
        values,
        substitutions: substitutions.some(Boolean) ? substitutions : undefined,
        negated: parsed.negated,
        ifExists: parsed.ifExists,
        setOperator: parsed.setOperator,
      });
    }
  }
  return conditions;
}

/** Whether one value of the request's key satisfies the operator (the positive twin, or its negation). */
function valueSatisfies(condition: ValueCondition, requestValue: string, context: ContextLookup): boolean {
  let positive = false;
  for (const value of condition.values) {
    if (value.matches(requestValue, context)) {
      positive = true;
      break;
    }
  }
  return condition.negated ? !positive : positive;
}

function conditionHolds(condition: CompiledCondition, context: ContextLookup): boolean {
  const requestValue = context.get(condition.writtenKey, condition.key);
  if (condition.kind === 'null')
    return nullConditionHolds(condition.expectAbsent, requestValue === undefined);
  if (requestValue === undefined) {
    // AWS: ForAllValues holds for a missing or empty key, ForAnyValue does not, IfExists or not: IfExists speaks
    // of each value, and a set with none has no value to speak of. A real call showed it (repost.aws, "ForAnyValue:
    // StringEqualsIfExists behaving unexpectedly": an Allow on that operator and aws:TagKeys did not allow
    // sqs:ListQueues, which carries no tags).
    if (condition.setOperator === 'ForAllValues') return true;
    if (condition.setOperator === 'ForAnyValue') return false;
    if (condition.ifExists) return true;
    return condition.negated;
  }
  // IAM's guide on multivalued keys: "If the key values in the request resolve to an empty data set (for
  // example, an empty string), a condition operator modified by ForAllValues returns true, and a condition
  // operator modified by ForAnyValue returns false." A tag value may be empty (`aws:RequestTag/env` = "").
  if (condition.setOperator && isEmptyDataSet(requestValue)) return condition.setOperator === 'ForAllValues';
  if (typeof requestValue === 'string') return valueSatisfies(condition, requestValue, context);
  if (condition.setOperator === 'ForAllValues') {
    return requestValue.every((value) => valueSatisfies(condition, value, context));
  }
  if (condition.setOperator === 'ForAnyValue') {
    return requestValue.some((value) => valueSatisfies(condition, value, context));
  }
  // A single-valued operator given a multivalued key (AWS asks for a set prefix here): the positive
  // operator holds when any request value matches, and the negated one is its negation.
  const anyMatches = requestValue.some((value) => condition.values.some((v) => v.matches(value, context)));
  return condition.negated ? !anyMatches : anyMatches;
}

function isEmptyDataSet(requestValue: string | readonly string[]): boolean {
  return typeof requestValue === 'string' ? requestValue === '' : requestValue.every((value) => value === '');
}

export function conditionsHold(conditions: readonly CompiledCondition[], context: ContextLookup): boolean {
  return firstConditionNotHeld(conditions, context) === undefined;
}

/** The first of a statement's conditions that does not hold for the request; undefined when they all hold. */
export function firstConditionNotHeld(
  conditions: readonly CompiledCondition[],
  context: ContextLookup,
): CompiledCondition | undefined {
  for (const condition of conditions) {
    if (!conditionHolds(condition, context)) return condition;
  }
  return undefined;
}

/** A condition as an explanation shows it, with the request's value of its key (null when the request has none). */
export function describeCondition(condition: CompiledCondition, context: ContextLookup): UnmetCondition {
  const requestValue: ContextValue | undefined =
    condition.writtenKey === '' ? undefined : context.get(condition.writtenKey, condition.key);
  const described: UnmetCondition = {
    operator: condition.operatorName,
    key: condition.writtenKey,
    values: [...condition.writtenValues],
    requestValue:
      requestValue === undefined ? null : Array.isArray(requestValue) ? [...requestValue] : requestValue,
  };
  if (condition.kind === 'values' && condition.substitutions) {
    // A variable's value is the request's, so the values as written alone do not say what was compared.
    const substitutions = condition.substitutions;
    described.substitutedValues = condition.writtenValues.map((written, index) => {
      const substitute = substitutions[index];
      return substitute ? substitute(context) : written;
    });
  }
  return described;
}

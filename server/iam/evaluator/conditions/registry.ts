/**
 * Every condition operator by name, with the derived forms: `Not…` twins, the `IfExists` suffix and the
 * `ForAllValues:`/`ForAnyValue:` set prefixes.
 */
import { arnOperators } from './arn';
import { binaryOperators } from './binary';
import { boolOperators } from './bool';
import { dateOperators } from './date';
import { ipOperators } from './ip';
import { NULL_OPERATOR_NAME } from './null';
import { numericOperators } from './numeric';
import type { ConditionOperator } from './operator';
import { stringOperators } from './string';

export type SetOperator = 'ForAllValues' | 'ForAnyValue';

export interface ParsedOperatorName {
  setOperator: SetOperator | undefined;
  /** The positive operator, or `Null`. */
  operator: ConditionOperator | typeof NULL_OPERATOR_NAME;
  negated: boolean;
  ifExists: boolean;
}

const FAMILIES = [
  stringOperators,
  numericOperators,
  dateOperators,
  boolOperators,
  binaryOperators,
  ipOperators,
  arnOperators,
];

/**
 * Operator names as IAM spells them, and only so: IAM refuses another letter case when a policy is created
 * (`MalformedPolicyDocument: Invalid Condition type : stringEquals`, an IAM CreateRole answer quoted in
 * ministryofjustice/modernisation-platform-environments#8893, 2024). Condition key names, unlike operator names,
 * are case-insensitive.
 */
const OPERATORS_BY_NAME = new Map<string, { operator: ConditionOperator; negated: boolean }>();
for (const family of FAMILIES) {
  for (const operator of family) {
    OPERATORS_BY_NAME.set(operator.name, { operator, negated: false });
    if (operator.negatedName) OPERATORS_BY_NAME.set(operator.negatedName, { operator, negated: true });
  }
}

const SET_PREFIXES: readonly SetOperator[] = ['ForAllValues', 'ForAnyValue'];
const IF_EXISTS = 'IfExists';

/** Reads an operator name such as `ForAnyValue:StringNotLikeIfExists`; undefined when unknown. */
export function parseOperatorName(name: string): ParsedOperatorName | undefined {
  let rest = name;
  let setOperator: SetOperator | undefined;
  for (const prefix of SET_PREFIXES) {
    if (rest.startsWith(`${prefix}:`)) {
      setOperator = prefix;
      rest = rest.slice(prefix.length + 1);
      break;
    }
  }
  if (rest === NULL_OPERATOR_NAME) {
    // Null tests presence; neither IfExists nor a set prefix means anything with it.
    return setOperator
      ? undefined
      : { setOperator, operator: NULL_OPERATOR_NAME, negated: false, ifExists: false };
  }
  let ifExists = false;
  if (rest.endsWith(IF_EXISTS) && !OPERATORS_BY_NAME.has(rest)) {
    ifExists = true;
    rest = rest.slice(0, -IF_EXISTS.length);
  }
  const found = OPERATORS_BY_NAME.get(rest);
  if (!found) return undefined;
  return { setOperator, operator: found.operator, negated: found.negated, ifExists };
}

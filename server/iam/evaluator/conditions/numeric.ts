/** Numeric{Equals,LessThan,LessThanEquals,GreaterThan,GreaterThanEquals} and, derived, NumericNotEquals. */
import type { ConditionOperator, OperatorFamily } from './operator';

/** A number as AWS reads it in policies and requests (integer or decimal); NaN when it is none. */
export function parseNumber(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

function numericOperator(
  name: string,
  compare: (requestNumber: number, policyNumber: number) => boolean,
  negatedName?: string,
): ConditionOperator {
  return {
    name,
    negatedName,
    compile: (value) => {
      const policyNumber = parseNumber(value);
      if (Number.isNaN(policyNumber)) return { error: 'a number' };
      return {
        matches: (requestValue) => {
          const requestNumber = parseNumber(requestValue);
          return !Number.isNaN(requestNumber) && compare(requestNumber, policyNumber);
        },
      };
    },
  };
}

export const numericOperators: OperatorFamily = [
  numericOperator('NumericEquals', (request, policy) => request === policy, 'NumericNotEquals'),
  numericOperator('NumericLessThan', (request, policy) => request < policy),
  numericOperator('NumericLessThanEquals', (request, policy) => request <= policy),
  numericOperator('NumericGreaterThan', (request, policy) => request > policy),
  numericOperator('NumericGreaterThanEquals', (request, policy) => request >= policy),
];

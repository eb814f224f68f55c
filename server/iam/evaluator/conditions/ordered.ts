/**
 * The ordered families: Numeric* and Date* each have Equals, LessThan, LessThanEquals, GreaterThan and
 * GreaterThanEquals over a parsed value, with <Family>NotEquals derived from Equals.
 */
import type { ConditionOperator, OperatorFamily } from './operator';

const comparisons: readonly [suffix: string, compare: (request: number, policy: number) => boolean][] = [
  ['Equals', (request, policy) => request === policy],
  ['LessThan', (request, policy) => request < policy],
  ['LessThanEquals', (request, policy) => request <= policy],
  ['GreaterThan', (request, policy) => request > policy],
  ['GreaterThanEquals', (request, policy) => request >= policy],
];

/**
 * One family of ordered operators. `parse` reads a policy or request value (NaN when it is none);
 * `expected` names what a policy value must be, for the policy checker's message.
 */
export function orderedOperators(
  prefix: string,
  parse: (text: string) => number,
  expected: string,
): OperatorFamily {
  return comparisons.map(([suffix, compare]): ConditionOperator => ({
    name: `${prefix}${suffix}`,
    negatedName: suffix === 'Equals' ? `${prefix}NotEquals` : undefined,
    compile: (value) => {
      const policyValue = parse(value);
      if (Number.isNaN(policyValue)) return { error: expected };
      return {
        matches: (requestValue, context) => {
          // Parsed once (ContextLookup.parsed), however many policy values and requests compare with it.
          const parsedRequest = context.parsed(requestValue, parse);
          return !Number.isNaN(parsedRequest) && compare(parsedRequest, policyValue);
        },
      };
    },
  }));
}

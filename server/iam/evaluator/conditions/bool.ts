/** Bool: the request's value is `true` or `false`, compared with the policy's. */
import type { ConditionOperator, OperatorFamily } from './operator';

export const Bool: ConditionOperator = {
  name: 'Bool',
  compile: (value) => {
    const expected = value.trim().toLowerCase();
    if (expected !== 'true' && expected !== 'false') return { error: '"true" or "false"' };
    return { matches: (requestValue) => requestValue.trim().toLowerCase() === expected };
  },
};

export const boolOperators: OperatorFamily = [Bool];

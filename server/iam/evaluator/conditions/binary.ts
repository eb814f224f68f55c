/** BinaryEquals: the policy value is base64; the request's value (base64 too) must hold the same bytes. */
import type { ConditionOperator, OperatorFamily } from './operator';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const BinaryEquals: ConditionOperator = {
  name: 'BinaryEquals',
  compile: (value) => {
    const text = value.trim();
    if (!BASE64.test(text) || text.length % 4 !== 0) return { error: 'base64-encoded' };
    const expected = Buffer.from(text, 'base64');
    return {
      matches: (requestValue) => {
        const trimmed = requestValue.trim();
        return BASE64.test(trimmed) && Buffer.from(trimmed, 'base64').equals(expected);
      },
    };
  },
};

export const binaryOperators: OperatorFamily = [BinaryEquals];

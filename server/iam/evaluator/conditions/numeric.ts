/** Numeric{Equals,LessThan,LessThanEquals,GreaterThan,GreaterThanEquals} and, derived, NumericNotEquals. */
import type { OperatorFamily } from './operator';
import { orderedOperators } from './ordered';

/** A number as AWS reads it in policies and requests (integer or decimal); NaN when it is none. */
export function parseNumber(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

export const numericOperators: OperatorFamily = orderedOperators('Numeric', parseNumber, 'a number');

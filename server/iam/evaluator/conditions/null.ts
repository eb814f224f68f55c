/**
 * Null: `"true"` holds when the key is absent from the request, `"false"` when it is present. It is
 * the one operator that looks at presence, not at values, so it takes no IfExists form and no set
 * prefix (AWS: IfExists may be added to any operator except Null).
 */

export const NULL_OPERATOR_NAME = 'Null';

/** The policy value as "must the key be absent?", or an error message. */
export function compileNullValue(value: string): boolean | { error: string } {
  const normalized = value.trim().toLowerCase();
  if (normalized === 'true') return true;
  if (normalized === 'false') return false;
  return { error: '"true" or "false"' };
}

/** Any of the policy values holds (several values for one key are ORed). */
export function nullConditionHolds(expectAbsent: readonly boolean[], keyIsAbsent: boolean): boolean {
  return expectAbsent.some((expected) => expected === keyIsAbsent);
}

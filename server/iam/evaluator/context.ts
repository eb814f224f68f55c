import type { ContextValue, RequestContextKeys } from '../types';

/**
 * The request's context keys, looked up case-insensitively: AWS compares condition key names without
 * regard to case, including the tag key in `aws:RequestTag/K` and `aws:ResourceTag/K`.
 */
export class ContextLookup {
  private readonly values = new Map<string, ContextValue>();

  constructor(keys: RequestContextKeys) {
    for (const name of Object.keys(keys)) {
      const value = keys[name];
      if (value !== undefined) this.values.set(name.toLowerCase(), value);
    }
  }

  /** The value of a key given in lower case; an empty list counts as absent. */
  get(lowercaseKey: string): ContextValue | undefined {
    const value = this.values.get(lowercaseKey);
    if (Array.isArray(value) && value.length === 0) return undefined;
    return value;
  }

  /**
   * The value a policy variable takes. AWS does not substitute multivalued keys (aws:TagKeys) into
   * policy variables, so a list gives no value.
   */
  variable(lowercaseKey: string): string | undefined {
    const value = this.values.get(lowercaseKey);
    return typeof value === 'string' ? value : undefined;
  }
}

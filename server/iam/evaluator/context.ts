import type { ContextValue, RequestContextKeys } from '../types';

/** How many texts each parser remembers; past that its memo starts over. */
const PARSED_TEXTS_REMEMBERED = 64;

const memos = new Map<(text: string) => unknown, Map<string, unknown>>();

function memoized<T>(parse: (text: string) => T, text: string): T {
  let byText = memos.get(parse);
  if (!byText) {
    byText = new Map();
    memos.set(parse, byText);
  }
  if (byText.has(text)) return byText.get(text) as T;
  const value = parse(text);
  if (byText.size >= PARSED_TEXTS_REMEMBERED) byText.clear();
  byText.set(text, value);
  return value;
}

/**
 * The request's context keys, looked up case-insensitively: AWS compares condition key names without
 * regard to case, including the tag key in `aws:RequestTag/K` and `aws:ResourceTag/K`.
 */
export class ContextLookup {
  /** Built on first use: a request decided by statements without conditions never needs it. */
  private lowerCaseValues: Map<string, ContextValue> | undefined;

  constructor(private readonly keys: RequestContextKeys) {}

  private get values(): Map<string, ContextValue> {
    if (!this.lowerCaseValues) {
      this.lowerCaseValues = new Map();
      for (const name of Object.keys(this.keys)) {
        const value = this.keys[name];
        if (value !== undefined) this.lowerCaseValues.set(name.toLowerCase(), value);
      }
    }
    return this.lowerCaseValues;
  }

  /**
   * `parse(text)`, computed once for each parser and text while it is among the last ones parsed: the
   * parsers are pure, their results only read, and most requests carry the same source address and
   * time of the same second as the one before.
   */
  parsed<T>(text: string, parse: (text: string) => T): T {
    return memoized(parse, text);
  }

  /**
   * The value of a key, named as the policy writes it and in lower case; an empty list counts as
   * absent. The key as written is tried first: it usually has the caller's spelling, and then the
   * case-insensitive map is never built.
   */
  get(writtenKey: string, lowercaseKey: string): ContextValue | undefined {
    const value = Object.hasOwn(this.keys, writtenKey)
      ? this.keys[writtenKey]
      : this.values.get(lowercaseKey);
    if (Array.isArray(value) && value.length === 0) return undefined;
    return value;
  }

  /**
   * The value a policy variable takes. AWS does not substitute multivalued keys (aws:TagKeys) into
   * policy variables, so a list gives no value.
   */
  variable(writtenKey: string, lowercaseKey: string): string | undefined {
    const value = Object.hasOwn(this.keys, writtenKey)
      ? this.keys[writtenKey]
      : this.values.get(lowercaseKey);
    return typeof value === 'string' ? value : undefined;
  }
}

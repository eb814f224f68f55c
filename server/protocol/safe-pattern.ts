/**
 * The regular expressions of the model's patterns, as the generated validators build them (ajv's `code.regExp`).
 * V8 matches a repeated group by backtracking on a stack of its own, and a string of millions of repetitions (a
 * `CustomEndpoint` of two million labels, which the body limit allows) overflows it: `test` throws RangeError, and
 * the request was answered 500. A string the engine cannot match is taken as not matching: such a string is far
 * past every length the model allows, so it is refused all the same, with the pattern among its errors.
 */
export function safePattern(
  pattern: string,
  flags: string,
): { test(text: string): boolean; toString(): string } {
  const expression = new RegExp(pattern, flags);
  return {
    test(text: string): boolean {
      try {
        return expression.test(text);
      } catch (error) {
        if (error instanceof RangeError) return false;
        throw error;
      }
    },
    toString: () => expression.toString(),
  };
}

/** How the generated validators, in schemas/, require it. */
safePattern.code = 'require("../server/protocol/safe-pattern").safePattern';

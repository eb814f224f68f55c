/** StringEquals, StringEqualsIgnoreCase, StringLike (and, derived, their Not forms). */
import type { ContextLookup } from '../context';
import type { Template } from '../template';
import { parseTemplate, resolvePieces, resolveString, staticPieces, staticText } from '../template';
import { compileGlob, globMatches } from '../wildcard';
import type { CompiledConditionValue, ConditionOperator, OperatorFamily } from './operator';

/** Exact comparison of the request value with the policy value after variable substitution. */
function compileComparison(template: Template, normalize: (text: string) => string): CompiledConditionValue {
  if (!template.hasVariables) {
    const expected = normalize(staticText(template));
    return { matches: (requestValue) => normalize(requestValue) === expected };
  }
  return {
    matches: (requestValue: string, context: ContextLookup) => {
      const expected = resolveString(template, context);
      return expected !== undefined && normalize(expected) === normalize(requestValue);
    },
    substituted: (context) => resolveString(template, context) ?? null,
  };
}

const identity = (text: string): string => text;
const lowerCase = (text: string): string => text.toLowerCase();

export const StringEquals: ConditionOperator = {
  name: 'StringEquals',
  negatedName: 'StringNotEquals',
  compile: (value, variablesEnabled) => compileComparison(parseTemplate(value, variablesEnabled), identity),
};

export const StringEqualsIgnoreCase: ConditionOperator = {
  name: 'StringEqualsIgnoreCase',
  negatedName: 'StringNotEqualsIgnoreCase',
  compile: (value, variablesEnabled) => compileComparison(parseTemplate(value, variablesEnabled), lowerCase),
};

/** Case-sensitive match with `*` and `?` wildcards anywhere in the string. */
export const StringLike: ConditionOperator = {
  name: 'StringLike',
  negatedName: 'StringNotLike',
  compile: (value, variablesEnabled) => {
    const template = parseTemplate(value, variablesEnabled);
    if (!template.hasVariables) {
      const glob = compileGlob(staticPieces(template));
      return { matches: (requestValue) => globMatches(glob, requestValue) };
    }
    return {
      matches: (requestValue, context) => {
        const pieces = resolvePieces(template, context);
        return pieces !== undefined && globMatches(compileGlob(pieces), requestValue);
      },
      substituted: (context) => resolveString(template, context) ?? null,
    };
  },
};

export const stringOperators: OperatorFamily = [StringEquals, StringEqualsIgnoreCase, StringLike];

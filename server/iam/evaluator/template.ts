/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`, `${*}`) in Resource and in
 * string and ARN condition values. Parsed once when a policy is compiled, substituted per request.
 */
import type { ContextLookup } from './context';
import type { PatternPiece } from './wildcard';

export type TemplatePart =
  /** Text as written: where the consumer is a pattern, its `*` and `?` are wildcards. */
  | { kind: 'text'; text: string }
  /** `${*}`, `${?}` and `${$}`: the character itself, never a wildcard. */
  | { kind: 'literal'; text: string }
  /** `${key}` or `${key, 'default'}`; the key as written and in lower case (names are case-insensitive). */
  | { kind: 'variable'; writtenKey: string; key: string; fallback: string | undefined };

export interface Template {
  readonly parts: readonly TemplatePart[];
  readonly hasVariables: boolean;
}

const ESCAPED_CHARACTERS = new Set(['*', '?', '$']);
/** `key` or `key, 'default'`, where a quote inside the default is doubled (`''`). */
const VARIABLE_BODY = /^\s*([^\s,']+)\s*(?:,\s*'((?:[^']|'')*)'\s*)?$/;

/** Index of the `}` closing a variable that starts at `start` (just after `${`), skipping quoted text. */
function findVariableEnd(source: string, start: number): number {
  let quoted = false;
  for (let index = start; index < source.length; index++) {
    const character = source[index];
    if (character === "'") quoted = !quoted;
    else if (character === '}' && !quoted) return index;
  }
  return -1;
}

/**
 * Parses a string of a policy. Under Version 2008-10-17 AWS substitutes no variables: `${aws:username}`
 * is then literal text, so the whole string is one text part.
 */
export function parseTemplate(source: string, variablesEnabled: boolean): Template {
  if (!variablesEnabled || !source.includes('${')) {
    return { parts: [{ kind: 'text', text: source }], hasVariables: false };
  }
  const parts: TemplatePart[] = [];
  let text = '';
  let hasVariables = false;
  let index = 0;
  while (index < source.length) {
    if (source.startsWith('${', index)) {
      const end = findVariableEnd(source, index + 2);
      if (end >= 0) {
        const body = source.slice(index + 2, end);
        const trimmed = body.trim();
        const variable = VARIABLE_BODY.exec(body);
        if (ESCAPED_CHARACTERS.has(trimmed)) {
          if (text) parts.push({ kind: 'text', text });
          text = '';
          parts.push({ kind: 'literal', text: trimmed });
          index = end + 1;
          continue;
        }
        if (variable) {
          if (text) parts.push({ kind: 'text', text });
          text = '';
          const fallback = variable[2] === undefined ? undefined : variable[2].replace(/''/g, "'");
          const writtenKey = variable[1] as string;
          parts.push({ kind: 'variable', writtenKey, key: writtenKey.toLowerCase(), fallback });
          hasVariables = true;
          index = end + 1;
          continue;
        }
      }
    }
    text += source[index];
    index++;
  }
  if (text || parts.length === 0) parts.push({ kind: 'text', text });
  return { parts, hasVariables };
}

/**
 * The pieces of a pattern after substitution, or undefined when a variable has neither a value nor a
 * default: AWS then lets that value match nothing.
 */
export function resolvePieces(template: Template, context: ContextLookup): PatternPiece[] | undefined {
  const pieces: PatternPiece[] = [];
  for (const part of template.parts) {
    if (part.kind === 'variable') {
      const value = context.variable(part.writtenKey, part.key) ?? part.fallback;
      if (value === undefined) return undefined;
      pieces.push({ text: value, literal: true });
    } else {
      pieces.push({ text: part.text, literal: part.kind === 'literal' });
    }
  }
  return pieces;
}

/**
 * The string after substitution (no wildcards), or undefined when a variable has no value. IAM's guide
 * ("Policy variables with no value"): such a value matches nothing, so `StringEquals` and `StringLike` do not
 * match while their inverted forms do, and a Resource or NotResource holding it matches no resource.
 */
export function resolveString(template: Template, context: ContextLookup): string | undefined {
  let result = '';
  for (const part of template.parts) {
    if (part.kind === 'variable') {
      const value = context.variable(part.writtenKey, part.key) ?? part.fallback;
      if (value === undefined) return undefined;
      result += value;
    } else {
      result += part.text;
    }
  }
  return result;
}

/** The text of a template without variables. */
export function staticText(template: Template): string {
  return template.parts.map((part) => (part.kind === 'variable' ? '' : part.text)).join('');
}

/** The pieces of a template without variables. */
export function staticPieces(template: Template): PatternPiece[] {
  return template.parts.map((part) => ({
    text: part.kind === 'variable' ? '' : part.text,
    literal: part.kind === 'literal',
  }));
}

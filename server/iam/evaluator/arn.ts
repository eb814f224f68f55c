/**
 * ARN patterns, for Resource/NotResource and the Arn condition operators. AWS matches an ARN segment by
 * segment (arn:partition:service:region:account:resource): a wildcard stays inside its segment, so
 * `arn:aws:es:*:*:domain/my-team-name-*` never matches another service. The resource segment is
 * everything after the fifth colon and may itself contain colons.
 */
import type { ContextLookup } from './context';
import type { Template, TemplatePart } from './template';
import { parseTemplate, resolvePieces, resolveString, staticPieces } from './template';
import type { Glob } from './wildcard';
import { compileGlob, globMatches } from './wildcard';

const SEGMENT_COUNT = 6;
/** The first segment after the service (region): from here a final `*` may reach past colons. */
const FIRST_SEGMENT_AFTER_SERVICE = 3;

/** The six segments of an ARN, or undefined when the text is no ARN. */
export function splitArn(arn: string): string[] | undefined {
  const segments: string[] = [];
  let start = 0;
  for (let count = 0; count < SEGMENT_COUNT - 1; count++) {
    const colon = arn.indexOf(':', start);
    if (colon < 0) return undefined;
    segments.push(arn.slice(start, colon));
    start = colon + 1;
  }
  segments.push(arn.slice(start));
  return segments[0] === 'arn' ? segments : undefined;
}

/** Splits a parsed pattern at the colons of its text (never inside a variable), at most five times. */
function splitTemplateAtColons(template: Template): Template[] {
  const segments: TemplatePart[][] = [[]];
  for (const part of template.parts) {
    if (part.kind !== 'text') {
      (segments[segments.length - 1] as TemplatePart[]).push(part);
      continue;
    }
    let rest = part.text;
    let colon = rest.indexOf(':');
    while (colon >= 0 && segments.length < SEGMENT_COUNT) {
      (segments[segments.length - 1] as TemplatePart[]).push({ kind: 'text', text: rest.slice(0, colon) });
      segments.push([]);
      rest = rest.slice(colon + 1);
      colon = rest.indexOf(':');
    }
    (segments[segments.length - 1] as TemplatePart[]).push({ kind: 'text', text: rest });
  }
  return segments.map((parts) => ({ parts, hasVariables: parts.some((part) => part.kind === 'variable') }));
}

/** What a pattern with variables keeps to put the request's values in. */
interface VariablePattern {
  template: Template;
  segments: readonly Template[];
  /**
   * Each segment compiled, but for those with variables (undefined): compiled per request with the request's values.
   * A cache of them per value was taken out: kept for each pattern and each user, it held gigabytes for a seed of
   * thousands of users, and cleared when full it had every request compile them all again.
   */
  fixedGlobs: readonly (Glob | undefined)[];
}

export class ArnPattern {
  /** How many segments the pattern has: 1 for a pattern without colons (`*`). */
  private readonly segmentCount: number;
  /** Every segment compiled, when the pattern has no variables: all such a pattern keeps. */
  private readonly staticGlobs: readonly Glob[] | undefined;
  private readonly variable: VariablePattern | undefined;

  /**
   * `resourceElement`: a pattern of a statement's Resource or NotResource. There IAM substitutes variables only in
   * the resource segment: "You can't use a variable to replace parts of the ARN before the fifth colon, such as the
   * service or account" (IAM User Guide, policy variables, "Resource element"). Such a pattern is taken as written,
   * `${…}` included, and so matches no ARN. The ARN condition operators substitute them anywhere.
   */
  constructor(source: string, variablesEnabled: boolean, options: { resourceElement?: boolean } = {}) {
    let template = parseTemplate(source, variablesEnabled);
    let segments = splitTemplateAtColons(template);
    const segmentSubstituted = segments.findIndex((segment) => segment.hasVariables);
    if (options.resourceElement && segmentSubstituted >= 0 && segmentSubstituted < SEGMENT_COUNT - 1) {
      template = parseTemplate(source, false);
      segments = splitTemplateAtColons(template);
    }
    this.segmentCount = segments.length;
    const fixedGlobs = segments.map((segment) =>
      segment.hasVariables ? undefined : compileGlob(staticPieces(segment)),
    );
    // The parsed pattern is kept only where a request's values go in: a large seed compiles hundreds of thousands.
    this.staticGlobs = template.hasVariables ? undefined : (fixedGlobs as Glob[]);
    this.variable = template.hasVariables ? { template, segments, fixedGlobs } : undefined;
  }

  /** The compiled segments for this request; undefined when a variable has neither a value nor a default. */
  private globs(context: ContextLookup): readonly Glob[] | undefined {
    if (this.staticGlobs) return this.staticGlobs;
    const { segments, fixedGlobs } = this.variable as VariablePattern;
    const globs: Glob[] = [];
    for (let index = 0; index < segments.length; index++) {
      const fixed = fixedGlobs[index];
      if (fixed) {
        globs.push(fixed);
        continue;
      }
      const pieces = resolvePieces(segments[index] as Template, context);
      if (!pieces) return undefined;
      globs.push(compileGlob(pieces));
    }
    return globs;
  }

  get hasVariables(): boolean {
    return this.variable !== undefined;
  }

  /** A pattern with variables, with the request's values put in; null when one has no value (or it has none). */
  substitutedText(context: ContextLookup): string | null {
    return this.variable ? (resolveString(this.variable.template, context) ?? null) : null;
  }

  /**
   * Whether `text` matches; `segmentsOf` gives its segments (splitArn, computed once per request and
   * only when needed). A pattern without colons (`*`) is matched against the whole text.
   */
  matches(text: string, segmentsOf: () => readonly string[] | undefined, context: ContextLookup): boolean {
    // A pattern of several segments matches only an ARN: `*` (the resource of ListDomainNames) compiles nothing.
    const textSegments = this.segmentCount === 1 ? undefined : segmentsOf();
    if (this.segmentCount > 1 && !textSegments) return false;
    const globs = this.globs(context);
    if (!globs) return false;
    if (globs.length === 1) return globMatches(globs[0] as Glob, text);
    if (!textSegments) return false;
    if (globs.length === SEGMENT_COUNT) {
      for (let index = 0; index < globs.length; index++) {
        if (!globMatches(globs[index] as Glob, textSegments[index] as string)) return false;
      }
      return true;
    }
    // A shorter pattern: partition, service, then from the region on a segment whose last character is `*` may
    // take several of the text's segments (AWS: it "can expand to match beyond the colon boundaries", so
    // `arn:aws:es:*` and `arn:aws:es:*:domain/logs` cover every Region and account). Nothing reaches back over
    // the service segment.
    if (globs.length <= FIRST_SEGMENT_AFTER_SERVICE) return false;
    for (let index = 0; index < FIRST_SEGMENT_AFTER_SERVICE; index++) {
      if (!globMatches(globs[index] as Glob, textSegments[index] as string)) return false;
    }
    return matchesFrom(globs, FIRST_SEGMENT_AFTER_SERVICE, textSegments, FIRST_SEGMENT_AFTER_SERVICE);
  }
}

/** Pattern segments from `pattern` on against the text's segments from `text` on (see ArnPattern.matches). */
function matchesFrom(
  globs: readonly Glob[],
  pattern: number,
  textSegments: readonly string[],
  text: number,
): boolean {
  const glob = globs[pattern] as Glob;
  const segmentsLeft = textSegments.length - text;
  if (segmentsLeft <= 0) return false;
  if (pattern === globs.length - 1) {
    // The last segment of the pattern takes the rest of the text, past colons only if it ends with `*`.
    if (segmentsLeft === 1) return globMatches(glob, textSegments[text] as string);
    return glob.endsWithStar && globMatches(glob, textSegments.slice(text).join(':'));
  }
  const patternSegmentsAfter = globs.length - 1 - pattern;
  const mostTaken = glob.endsWithStar ? segmentsLeft - patternSegmentsAfter : 1;
  for (let taken = 1; taken <= mostTaken; taken++) {
    const joined =
      taken === 1 ? (textSegments[text] as string) : textSegments.slice(text, text + taken).join(':');
    if (globMatches(glob, joined) && matchesFrom(globs, pattern + 1, textSegments, text + taken)) return true;
  }
  return false;
}

/**
 * Glob patterns as IAM uses them: `*` matches any run of characters (also none), `?` exactly one.
 * A pattern is compiled once into literal chunks separated by stars, so matching builds no RegExp and
 * allocates nothing. Chunks hold UTF-16 code units; only a `?` facing a character outside the Basic
 * Multilingual Plane (two units) needs characters counted as code points, on a slower path of its own.
 */

/** One character of a chunk: its char code, or ANY_CHARACTER for `?`. */
const ANY_CHARACTER = -1;

/** Chunks of character codes between the stars: `a*b?c` is [[a], [b, ANY, c]] with one star. */
export interface Glob {
  readonly chunks: readonly (readonly number[])[];
  /** True when the pattern contains at least one `*`. */
  readonly hasStar: boolean;
  /** True when the last character of the pattern is a `*` (used by ARN matching). */
  readonly endsWithStar: boolean;
  /** True when the pattern contains at least one `?`. */
  readonly hasAnyCharacter: boolean;
}

/**
 * A piece of a pattern: text whose `*` and `?` are wildcards, or text taken literally (a substituted
 * policy variable, or `${*}`/`${?}`/`${$}`).
 */
export interface PatternPiece {
  text: string;
  literal: boolean;
}

export function compileGlob(pieces: readonly PatternPiece[]): Glob {
  const chunks: number[][] = [];
  let current: number[] = [];
  let lastWasStar = false;
  let hasAnyCharacter = false;
  for (const piece of pieces) {
    for (let index = 0; index < piece.text.length; index++) {
      const code = piece.text.charCodeAt(index);
      lastWasStar = false;
      if (!piece.literal && piece.text[index] === '*') {
        chunks.push(current);
        current = [];
        lastWasStar = true;
      } else if (!piece.literal && piece.text[index] === '?') {
        current.push(ANY_CHARACTER);
        hasAnyCharacter = true;
      } else {
        current.push(code);
      }
    }
  }
  chunks.push(current);
  // Copied to their length: an array grown by push keeps room to grow, several times its length for short ones,
  // and a large seed compiles hundreds of thousands of these.
  return {
    chunks: chunks.map((chunk) => chunk.slice()),
    hasStar: chunks.length > 1,
    endsWithStar: lastWasStar,
    hasAnyCharacter,
  };
}

/** Compiles a plain pattern string (all `*` and `?` are wildcards). */
export function compileGlobText(pattern: string): Glob {
  return compileGlob([{ text: pattern, literal: false }]);
}

function chunkMatchesAt(chunk: readonly number[], text: Sequence, position: number): boolean {
  for (let index = 0; index < chunk.length; index++) {
    const expected = chunk[index] as number;
    if (expected !== ANY_CHARACTER && expected !== unitAt(text, position + index)) return false;
  }
  return true;
}

function findChunk(chunk: readonly number[], text: Sequence, from: number, end: number): number {
  for (let position = from; position + chunk.length <= end; position++) {
    if (chunkMatchesAt(chunk, text, position)) return position;
  }
  return -1;
}

export function globMatches(glob: Glob, text: string): boolean {
  // IAM's `?` is a "single-character match wildcard" (IAM's guide, condition operators): one character, which a
  // surrogate pair is. Where the text holds none, a character is a code unit.
  if (glob.hasAnyCharacter && holdsSurrogate(text)) {
    return sequenceMatches(glob.chunks.map(codePointsOf), codePointsOf(text));
  }
  return sequenceMatches(glob.chunks, text);
}

/** A sequence of UTF-16 code units (a string) or of code points (an array). */
interface Sequence {
  readonly length: number;
}

function unitAt(sequence: Sequence, position: number): number | undefined {
  return typeof sequence === 'string'
    ? sequence.charCodeAt(position)
    : (sequence as readonly number[])[position];
}

function sequenceMatches(chunks: readonly (readonly number[])[], text: Sequence): boolean {
  const first = chunks[0] as readonly number[];
  if (chunks.length === 1) return first.length === text.length && chunkMatchesAt(first, text, 0);
  const last = chunks[chunks.length - 1] as readonly number[];
  if (first.length + last.length > text.length) return false;
  if (!chunkMatchesAt(first, text, 0)) return false;
  const end = text.length - last.length;
  if (!chunkMatchesAt(last, text, end)) return false;
  // The leftmost placement of each middle chunk is always the best one: it leaves the most room for
  // the chunks after it.
  let position = first.length;
  for (let index = 1; index < chunks.length - 1; index++) {
    const chunk = chunks[index] as readonly number[];
    const found = findChunk(chunk, text, position, end);
    if (found < 0) return false;
    position = found + chunk.length;
  }
  return true;
}

function holdsSurrogate(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdfff) return true;
  }
  return false;
}

/** Code units to code points: a high surrogate followed by a low one is one character. */
function codePointsOf(units: string | readonly number[]): number[] {
  const points: number[] = [];
  for (let index = 0; index < units.length; index++) {
    const unit = unitAt(units, index) as number;
    const next = unitAt(units, index + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next !== undefined && next >= 0xdc00 && next <= 0xdfff) {
      points.push((unit - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000);
      index++;
    } else {
      points.push(unit);
    }
  }
  return points;
}

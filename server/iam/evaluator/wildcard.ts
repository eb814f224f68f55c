/**
 * Glob patterns as IAM uses them: `*` matches any run of characters (also none), `?` exactly one.
 * A pattern is compiled once into literal chunks separated by stars, so matching builds no RegExp and
 * allocates nothing.
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
  };
}

/** Compiles a plain pattern string (all `*` and `?` are wildcards). */
export function compileGlobText(pattern: string): Glob {
  return compileGlob([{ text: pattern, literal: false }]);
}

function chunkMatchesAt(chunk: readonly number[], text: string, position: number): boolean {
  for (let index = 0; index < chunk.length; index++) {
    const expected = chunk[index] as number;
    if (expected !== ANY_CHARACTER && expected !== text.charCodeAt(position + index)) return false;
  }
  return true;
}

function findChunk(chunk: readonly number[], text: string, from: number, end: number): number {
  for (let position = from; position + chunk.length <= end; position++) {
    if (chunkMatchesAt(chunk, text, position)) return position;
  }
  return -1;
}

export function globMatches(glob: Glob, text: string): boolean {
  const { chunks } = glob;
  const first = chunks[0] as readonly number[];
  if (!glob.hasStar) return first.length === text.length && chunkMatchesAt(first, text, 0);
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

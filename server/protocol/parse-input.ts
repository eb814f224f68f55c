import type { OperationSpec } from './operation-spec';
import { SerializationException } from './protocol-errors';

export type JsonObject = Record<string, unknown>;

/**
 * Builds the operation's input object from where each member travels: URI labels, query string and
 * JSON body. Labels and query values are coerced from strings by their model type (as fastify does);
 * body members are taken as sent, so a wrong JSON type is reported by model validation. The query comes
 * parsed, or as the raw string after `?`.
 */
export function parseInput(
  spec: OperationSpec,
  labels: Record<string, string>,
  query: URLSearchParams | string,
  body: Buffer,
): JsonObject {
  const bodyObject = parseBody(body);
  const input: JsonObject = {};
  for (const label of spec.labels) {
    const value = labels[label.name];
    if (value !== undefined) input[label.member] = coerce(value, label.type);
  }
  // The raw query is parsed only for an operation that reads one, and only when one was sent.
  const params =
    typeof query !== 'string'
      ? query
      : spec.query.length === 0 || query === ''
        ? noQuery
        : new URLSearchParams(query);
  const queryMayTravelInBody = operationsWithQueryInOlderBodies.has(spec.name);
  for (const member of spec.query) {
    const value = params.get(member.name);
    if (value !== null) input[member.member] = coerce(value, member.type);
    else if (queryMayTravelInBody && bodyObject[member.member] !== undefined) {
      input[member.member] = bodyObject[member.member];
    }
  }
  for (const member of spec.body) {
    if (bodyObject[member] !== undefined) input[member] = bodyObject[member];
  }
  return input;
}

const noQuery = new URLSearchParams();

/**
 * Older clients (aws-sdk v2, botocore before 2026-02) send DescribeDomainAutoTunes paging as a JSON body on the GET;
 * newer ones in the query (wire-format.md §1). For it alone, a member the query does not carry is read from the
 * body; every other query member travels in the query only.
 */
const operationsWithQueryInOlderBodies = new Set(['DescribeDomainAutoTunes']);

/** A missing body, an empty body and `{}` are the same request (wire-format.md, section 1). */
export function parseBody(body: Buffer): JsonObject {
  if (body.length === 0) return {};
  const text = decodeUtf8(body);
  if (text.trim().length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SerializationException(`The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SerializationException('The request body must be a JSON object');
  }
  const input = withoutNulls(parsed as JsonObject, 0);
  // JSON can escape half of a surrogate pair (`\ud800`), which no UTF-8 body can hold: refused as the raw bytes of
  // one are. Stored, SQLite would keep it as bytes that read back as U+FFFD, so a tag's key would change under it.
  // (Walked after withoutNulls has refused a nesting too deep to walk.)
  if (escapedSurrogate.test(text) && holdsLoneSurrogate(input)) {
    throw new SerializationException('The request body is not valid UTF-8: it escapes a lone surrogate');
  }
  return input;
}

const escapedSurrogate = /\\u[dD][89a-fA-F]/;
/** With the `u` flag a pair is one code point, so only a surrogate on its own matches. */
const loneSurrogate = /[\uD800-\uDFFF]/u;

function holdsLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return loneSurrogate.test(value);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(holdsLoneSurrogate);
  return Object.entries(value).some(([key, member]) => loneSurrogate.test(key) || holdsLoneSurrogate(member));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch {
    throw new SerializationException('The request body is not valid UTF-8');
  }
}

/** Nesting far beyond any shape of the model is refused rather than walked. */
const maxDepth = 64;

/** JSON null means "not set", as the SDKs and AWS's deserializers treat it. */
function withoutNulls(value: JsonObject, depth: number): JsonObject {
  if (depth > maxDepth)
    throw new SerializationException(`The request body is nested deeper than ${maxDepth} levels`);
  for (const key of Object.keys(value)) {
    const member = value[key];
    if (member === null) delete value[key];
    else if (typeof member === 'object') {
      if (Array.isArray(member)) {
        value[key] = member
          .filter((item) => item !== null)
          .map((item: unknown) =>
            item !== null && typeof item === 'object' && !Array.isArray(item)
              ? withoutNulls(item as JsonObject, depth + 1)
              : Array.isArray(item)
                ? checkDepth(item, depth + 1)
                : item,
          );
      } else withoutNulls(member as JsonObject, depth + 1);
    }
  }
  return value;
}

function checkDepth(value: unknown[], depth: number): unknown[] {
  if (depth > maxDepth)
    throw new SerializationException(`The request body is nested deeper than ${maxDepth} levels`);
  for (const item of value) if (Array.isArray(item)) checkDepth(item, depth + 1);
  return value;
}

function coerce(value: string, type: string): unknown {
  switch (type) {
    case 'integer':
    case 'long':
      return /^-?\d+$/.test(value) ? Number(value) : value;
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    default:
      return value;
  }
}

import type { ErrorObject, ValidateFunction } from 'ajv';
import * as validators from '../../schemas/validators.generated';
import { ValidationException } from '../../schemas/errors.generated';
import type { JsonObject } from './parse-input';
import { isRepresentableBound } from './representable';

const byOperation = validators as unknown as Record<string, ValidateFunction | undefined>;

/**
 * Model validation with AWS's wording:
 * `1 validation error detected: Value 'Ab' at 'domainName' failed to satisfy constraint: Member must satisfy
 * regular expression pattern: [a-z][a-z0-9\-]+`; several errors are counted and joined with "; ".
 */
export function validateInput(operation: string, input: JsonObject): void {
  const validate = byOperation[operation];
  if (!validate || validate(input)) return;
  throw new ValidationException(validationMessage(formatErrors(validate.errors ?? [], input)));
}

export function validationMessage(messages: string[]): string {
  const count = messages.length;
  return `${count} validation error${count === 1 ? '' : 's'} detected: ${messages.join('; ')}`;
}

/**
 * Coral reports at most 10 violations (the cap that dynalite and kinesalite, written against Coral services,
 * reproduce); the count in the message is of those reported.
 */
const maximumReportedErrors = 10;

export function formatErrors(errors: ErrorObject[], input: JsonObject): string[] {
  const seen = new Set<string>();
  const messages: string[] = [];
  for (const error of inCoralOrder(errors)) {
    const message = formatError(error, input);
    if (message && !seen.has(message)) {
      seen.add(message);
      messages.push(message);
      if (messages.length === maximumReportedErrors) break;
    }
  }
  // An input refused only by a keyword without Coral's wording (none of today's generated validators has one; a
  // newer model could bring one) is still refused, in ajv's words: validation never fails open.
  if (messages.length === 0) {
    for (const error of errors.slice(0, maximumReportedErrors)) {
      const segments = error.instancePath.split('/').slice(1).map(unescapePointer);
      messages.push(
        `Value at '${memberPath(segments, input)}' failed to satisfy constraint: ${error.message ?? error.keyword}`,
      );
    }
  }
  return messages;
}

/**
 * ajv checks a string's length before its pattern; Coral reports the pattern first. Recorded for a domain name
 * breaking both (real-responses §2 V4, sst#5811): `…regular expression pattern: [a-z][a-z0-9\-]+; …length less
 * than or equal to 28`. Each member's errors stay where its first error was.
 */
function inCoralOrder(errors: ErrorObject[]): ErrorObject[] {
  const firstIndexOfPath = new Map<string, number>();
  errors.forEach((error, index) => {
    if (!firstIndexOfPath.has(error.instancePath)) firstIndexOfPath.set(error.instancePath, index);
  });
  const rank = (error: ErrorObject) => (error.keyword === 'pattern' ? 0 : 1);
  return errors
    .map((error, index) => ({ error, index }))
    .sort(
      (a, b) =>
        firstIndexOfPath.get(a.error.instancePath)! - firstIndexOfPath.get(b.error.instancePath)! ||
        rank(a.error) - rank(b.error) ||
        a.index - b.index,
    )
    .map(({ error }) => error);
}

function formatError(error: ErrorObject, input: JsonObject): string | undefined {
  const params = error.params as Record<string, unknown>;
  const segments = error.instancePath.split('/').slice(1).map(unescapePointer);
  let constraint: string;
  let value: unknown = error.data;
  switch (error.keyword) {
    case 'required':
      segments.push(String(params.missingProperty));
      value = null;
      constraint = 'Member must not be null';
      break;
    case 'type':
      constraint = `Member must be of type ${typeName(error.parentSchema as Record<string, unknown>)}`;
      break;
    case 'minLength':
    case 'minItems':
      constraint = `Member must have length greater than or equal to ${String(params.limit)}`;
      break;
    case 'maxLength':
    case 'maxItems':
      constraint = `Member must have length less than or equal to ${String(params.limit)}`;
      break;
    case 'minimum':
    case 'maximum':
      if (isRepresentableBound(params.limit)) {
        constraint = `Member must be of type ${typeName(error.parentSchema as Record<string, unknown>)}`;
      } else {
        const relation = error.keyword === 'minimum' ? 'greater' : 'less';
        constraint = `Member must have value ${relation} than or equal to ${String(params.limit)}`;
      }
      break;
    case 'pattern':
      constraint = `Member must satisfy regular expression pattern: ${String(
        (error.parentSchema as Record<string, unknown>).awsPattern ?? params.pattern,
      )}`;
      break;
    case 'enum':
      constraint = `Member must satisfy enum value set: [${(params.allowedValues as unknown[]).join(', ')}]`;
      break;
    default:
      return undefined;
  }
  // A map key that fails its key shape (ajv reports it with the key's name, at the map's path). Coral words it
  // without the value: `Value at 'policy' failed to satisfy constraint: Map keys must satisfy constraint:
  // [Member must satisfy enum value set: [...]]`.
  if (error.propertyName !== undefined) {
    return `Value at '${memberPath(segments, input)}' failed to satisfy constraint: Map keys must satisfy constraint: [${constraint}]`;
  }
  // A sensitive member (the master user's name and password) is named without its value, as Coral words it:
  // `Value at 'password' failed to satisfy constraint: …` (Cognito's answer, aws-amplify/amplify-hosting#1336).
  if (
    (error.parentSchema as Record<string, unknown> | undefined)?.awsSensitive === true &&
    error.keyword !== 'required'
  ) {
    return `Value at '${memberPath(segments, input)}' failed to satisfy constraint: ${constraint}`;
  }
  return `Value ${renderValue(value)} at '${memberPath(segments, input)}' failed to satisfy constraint: ${constraint}`;
}

function typeName(schema: Record<string, unknown>): string {
  if (schema.awsType === 'timestamp') return 'timestamp (epoch seconds)';
  switch (schema.type) {
    case 'object':
      return 'structure or map';
    case 'array':
      return 'list';
    default:
      return String(schema.type);
  }
}

/** AWS names members by their name with a lower-case first letter; list items as `name.N.member` (1-based). */
function memberPath(segments: string[], input: JsonObject): string {
  const parts: string[] = [];
  let cursor: unknown = input;
  for (const segment of segments) {
    if (Array.isArray(cursor)) {
      parts.push(`${Number(segment) + 1}.member`);
      cursor = cursor[Number(segment)];
    } else {
      parts.push(segment.charAt(0).toLowerCase() + segment.slice(1));
      cursor = cursor !== null && typeof cursor === 'object' ? (cursor as JsonObject)[segment] : undefined;
    }
  }
  return parts.join('.');
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Values print as Java's toString prints them, in quotes; a missing value is `null`. */
function renderValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return `'${javaString(value)}'`;
}

function javaString(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(javaString).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${javaString(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

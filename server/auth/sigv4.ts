import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  IncompleteSignatureException,
  InvalidSignatureException,
  MissingAuthenticationTokenException,
} from '../protocol/protocol-errors';
import { isRegionName } from '../partitions';
import { isoTime } from '../iso-time';
import type { HttpRequestFacts } from './types';

/**
 * Server-side AWS Signature Version 4: parse what the client sent (Authorization header or presigned
 * query), then recompute the signature from the request exactly as received. The messages are AWS's
 * (GUIDE section 4; IAM user guide, "Troubleshoot signed requests").
 */

const algorithm = 'AWS4-HMAC-SHA256';
const terminator = 'aws4_request';
/** AWS accepts a signature dated up to 5 minutes before or after its own clock. */
const allowedSkewMs = 5 * 60 * 1000;
/**
 * The life of every presigned URL, from its X-Amz-Date. X-Amz-Expires is S3's: AWS's other services ignore it and
 * hold a presigned request to a fixed life of about 15 minutes, longer or shorter than it asks (the SDK maintainers
 * in aws-sdk-go#2224, fixing #2167, where STS kept a URL of X-Amz-Expires 3600 for 15 minutes; #2304 saw the same
 * of IoT). So it is neither read nor checked here (S3's "X-Amz-Expires must be less than a week" is S3's), only
 * signed, as every query parameter is.
 */
const presignedLifeSeconds = 900;
const emptyBodyHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** What the client claims: who signed, for which scope, over which headers, and the signature. */
export interface SignatureClaim {
  accessKeyId: string;
  /** yyyymmdd of the credential scope */
  scopeDate: string;
  region: string;
  service: string;
  /** lower-case header names, in the order the client listed them */
  signedHeaders: string[];
  signature: string;
  /** The request date as sent (X-Amz-Date, or the Date header when there is none), and as epoch ms. */
  amzDate: string;
  signedAt: number;
  /**
   * The date line of the string to sign: always ISO 8601 basic format (yyyymmddThhmmssZ). SigV4 lets
   * a request carry its time in the HTTP Date header instead of X-Amz-Date; the string to sign then
   * holds that time in basic format (AWS's SigV4 test suite, get-vanilla with `Date:`).
   */
  requestDateTime: string;
  securityToken: string | undefined;
  /** Present for the query-string (presigned) form. */
  presigned?: { query: QueryPair[] };
}

export interface QueryPair {
  name: string;
  value: string;
}

/**
 * Reads the SigV4 claim of a request. Throws MissingAuthenticationTokenException when the request is
 * not signed, IncompleteSignatureException when the claim is malformed. `now` is the request's instant, by
 * which an RFC 850 Date header's two-digit year is read.
 */
export function parseSignatureClaim(request: HttpRequestFacts, now: number): SignatureClaim {
  const authorization = headerValue(request.headers, 'authorization');
  if (authorization !== undefined) {
    // One signature or the other: AWS's front end refuses a request that carries both (its text, as recorded of
    // DynamoDB's and Kinesis's, the same front end as the SigV4 texts here; dynalite and kinesalite keep them).
    if (/(?:^|&)X-Amz-Algorithm(?:[=&]|$)/.test(request.rawQuery)) {
      throw new InvalidSignatureException(
        "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
        400,
      );
    }
    return parseAuthorizationHeader(authorization, request.headers, now);
  }
  if (/(?:^|&)X-Amz-(?:Algorithm|Signature|Credential)=/i.test(request.rawQuery)) {
    return parsePresignedQuery(request.rawQuery, now);
  }
  throw new MissingAuthenticationTokenException();
}

/**
 * The key=value parameters of an Authorization header. AWS separates them at commas and at whitespace, so a key
 * pasted with a space before it (`Credential= AKID/…`) leaves a bare token, refused as a pair without `=`.
 */
function authorizationParameters(text: string, authorization: string): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    for (const token of /\s/.test(item) ? item.split(/\s+/) : [item]) {
      const equals = token.indexOf('=');
      if (equals === -1) {
        // AWS does not echo a malformed header: it shows its hash.
        const digest = crypto.createHash('sha256').update(authorization).digest('base64');
        throw new IncompleteSignatureException(
          `Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${digest}'.`,
        );
      }
      parameters.set(token.slice(0, equals), token.slice(equals + 1));
    }
  }
  return parameters;
}

function parseAuthorizationHeader(
  authorization: string,
  headers: IncomingHttpHeaders,
  now: number,
): SignatureClaim {
  const trimmed = authorization.trim();
  const space = trimmed.search(/\s/);
  const scheme = space === -1 ? trimmed : trimmed.slice(0, space);
  // AWS checks the parameters before the algorithm, and reads them from an AWS4 header only: `Basic …`, a bare
  // token or an empty header is answered with the parameters it lacks (recorded for es domains), as is a bare
  // `AWS4-HMAC-SHA256`; `AWS4-HMAC-SHA512 Credential=…` with its parameters, with the algorithm it names.
  const parameters =
    scheme.startsWith('AWS4-') && space !== -1
      ? authorizationParameters(trimmed.slice(space + 1), authorization)
      : new Map<string, string>();
  const xAmzDate = headerValue(headers, 'x-amz-date');
  const amzDate = xAmzDate ?? headerValue(headers, 'date');
  const missing: string[] = [];
  for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
    if (!parameters.get(name)) missing.push(`Authorization header requires '${name}' parameter.`);
  }
  if (amzDate === undefined) {
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (missing.length > 0) {
    throw new IncompleteSignatureException(`${missing.join(' ')} Authorization=${trimmed}`);
  }
  if (scheme !== algorithm) {
    throw new IncompleteSignatureException(`Unsupported AWS 'algorithm': '${scheme}'.`);
  }
  const credential = parseCredential(parameters.get('Credential')!);
  // X-Amz-Date must be in basic format; the Date header is an HTTP date (RFC 7231) or basic format.
  const signedAt = parseRequestDate(amzDate!, xAmzDate === undefined, now);
  // The members written out: an object spread followed by more members makes V8 (Node 20) build the object
  // the slow way, ~5 µs, a quarter of a request's whole signature check.
  return {
    accessKeyId: credential.accessKeyId,
    scopeDate: credential.scopeDate,
    region: credential.region,
    service: credential.service,
    signedHeaders: parameters.get('SignedHeaders')!.split(';'),
    signature: parameters.get('Signature')!,
    amzDate: amzDate!,
    signedAt,
    requestDateTime: xAmzDate ?? formatAmzDate(signedAt),
    securityToken: headerValue(headers, 'x-amz-security-token'),
  };
}

const presignedParameters = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Signature',
  'X-Amz-SignedHeaders',
  'X-Amz-Date',
] as const;

function parsePresignedQuery(rawQuery: string, now: number): SignatureClaim {
  const query = parseQuery(rawQuery);
  const find = (name: string) => query.find((pair) => pair.name === name)?.value;
  const missing = presignedParameters.filter((name) => !find(name));
  if (missing.length > 0) {
    const lines = missing.map((name) => `AWS query-string parameters must include '${name}'.`);
    throw new IncompleteSignatureException(`${lines.join(' ')} Re-examine the query-string parameters.`);
  }
  const scheme = find('X-Amz-Algorithm')!;
  if (scheme !== algorithm)
    throw new IncompleteSignatureException(`Unsupported AWS 'algorithm': '${scheme}'.`);
  const amzDate = find('X-Amz-Date')!;
  return {
    ...parseCredential(find('X-Amz-Credential')!),
    signedHeaders: find('X-Amz-SignedHeaders')!.split(';'),
    signature: find('X-Amz-Signature')!,
    amzDate,
    signedAt: parseRequestDate(amzDate, false, now),
    requestDateTime: amzDate,
    securityToken: find('X-Amz-Security-Token'),
    presigned: { query },
  };
}

type CredentialScope = Pick<SignatureClaim, 'accessKeyId' | 'scopeDate' | 'region' | 'service'>;

function parseCredential(credential: string): CredentialScope {
  const parts = credential.split('/');
  if (parts.length !== 5) {
    throw new IncompleteSignatureException(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  const [accessKeyId, scopeDate, region, service, scopeTerminator] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (scopeTerminator !== terminator) {
    throw new InvalidSignatureException(
      `Credential should be scoped with a valid terminator: '${terminator}', not '${scopeTerminator}'.`,
    );
  }
  checkScopedRegion(region);
  return { accessKeyId, scopeDate, region, service };
}

/**
 * A credential scope's Region must have a Region name's form, as DEFAULT_REGION must. AWS answers each Region at
 * an endpoint of its own and refuses a scope naming any other Region with this text; the emulator answers every
 * Region at one endpoint, so a typing slip (us-east1) would otherwise be served as an empty Region of its own.
 * The same rule holds with IAM_MODE=off (server/auth/unchecked), where state would otherwise be kept under any
 * string.
 */
export function checkScopedRegion(region: string): void {
  if (!isRegionName(region)) {
    // AWS's text ends with a space (recorded for es domains), as its wrong-service text does.
    throw new InvalidSignatureException(`Credential should be scoped to a valid region, not '${region}'. `);
  }
}

const basicIsoDate = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

const monthNumbers: Record<string, number> = {
  Jan: 1,
  Feb: 2,
  Mar: 3,
  Apr: 4,
  May: 5,
  Jun: 6,
  Jul: 7,
  Aug: 8,
  Sep: 9,
  Oct: 10,
  Nov: 11,
  Dec: 12,
};

/**
 * The forms of an HTTP date (RFC 9110 §5.6.7): IMF-fixdate (also with a one-digit day, and a zone of +0000 or UTC,
 * as RFC 1123 and RFC 2822 writers send it), the obsolete RFC 850 form, and asctime's, which has no zone and is
 * GMT. Anything else Date.parse would guess at (a bare "1", a date without a zone, read in the server's own zone) is
 * not a date here.
 */
const imfFixdate =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (?:GMT|UTC|[+-]0000)$/;
const rfc850Date =
  /^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const asctimeDate =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/**
 * X-Amz-Date is ISO 8601 basic format, nothing else (AWS answers any other form with the message
 * below); the Date header, when used instead, may also be an HTTP date. A date that does not exist (February 30,
 * hour 24, second 60) is malformed too, rather than carried over into the next month, day or minute.
 */
function parseRequestDate(value: string, httpDateAllowed: boolean, now: number): number {
  const ms = httpDateAllowed
    ? (parseBasicIsoDate(value) ?? parseHttpDate(value, now))
    : parseBasicIsoDate(value);
  if (ms === undefined) {
    throw new IncompleteSignatureException(
      `Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  return ms;
}

function parseBasicIsoDate(value: string): number | undefined {
  const match = basicIsoDate.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as DateFields;
  return instantIfExists([year, month, day, hour, minute, second]);
}

function parseHttpDate(value: string, now: number): number | undefined {
  let match = imfFixdate.exec(value);
  if (match) {
    const [, day, month, year, hour, minute, second] = match;
    return instantOf(year, month, day, hour, minute, second);
  }
  match = rfc850Date.exec(value);
  if (match) {
    const [, day, month, shortYear, hour, minute, second] = match;
    // RFC 9110: a two-digit year more than 50 years in the future (of the request's instant) is of the past century.
    const century = Number(shortYear) + 2000 > new Date(now).getUTCFullYear() + 50 ? 1900 : 2000;
    return instantOf(String(century + Number(shortYear)), month, day, hour, minute, second);
  }
  match = asctimeDate.exec(value);
  if (match) {
    const [, month, day, hour, minute, second, year] = match;
    return instantOf(year, month, day, hour, minute, second);
  }
  return undefined;
}

type DateFields = [number, number, number, number, number, number];

function instantOf(
  year: string | undefined,
  monthName: string | undefined,
  day: string | undefined,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
): number | undefined {
  const month = monthNumbers[monthName ?? ''];
  if (month === undefined) return undefined;
  return instantIfExists([Number(year), month, Number(day), Number(hour), Number(minute), Number(second)]);
}

/** The instant of these UTC fields, or undefined when they name no instant (Date.UTC would carry them over). */
function instantIfExists([year, month, day, hour, minute, second]: DateFields): number | undefined {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes the years 0 to 99 as they are, not as 1900 to 1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const exists =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return exists ? date.getTime() : undefined;
}

/** yyyymmddThhmmssZ */
export function formatAmzDate(ms: number): string {
  const iso = isoTime(ms);
  // yyyy-mm-ddThh:mm:ss.sssZ, cut up rather than rewritten with regular expressions (every request checks
  // its scope's day with it); a year outside 0000-9999 (±yyyyyy-) keeps the general form.
  if (iso.length !== 24) return iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/**
 * Checks what does not need the secret: the scope's service and date, the clock skew, and that `host`
 * and every `x-amz-*` header sent are signed. `expectedService` undefined accepts any service.
 */
export function checkClaim(
  claim: SignatureClaim,
  request: HttpRequestFacts,
  now: number,
  expectedService: string | undefined,
): void {
  if (expectedService !== undefined && claim.service !== expectedService) {
    throw new InvalidSignatureException(
      `Credential should be scoped to correct service: '${expectedService}'. `,
    );
  }
  const requestDay = formatAmzDate(claim.signedAt).slice(0, 8);
  if (claim.scopeDate !== requestDay) {
    throw new InvalidSignatureException(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${claim.scopeDate}' != '${requestDay}', from '${claim.amzDate}'.`,
    );
  }
  checkSkew(claim, now);
  const signed = new Set(claim.signedHeaders);
  if (!signed.has('host')) {
    // AWS's JSON services answer it as a signature that fails, 403 (aws/aws-sdk-php#2469: DynamoDB's
    // `com.amazon.coral.service#InvalidSignatureException`; aws/aws-sdk-js-v3#3796: Transcribe and Kinesis, 403).
    throw new InvalidSignatureException(
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    );
  }
  for (const name of Object.keys(request.headers)) {
    // Node lower-cases header names. A presigned request carries its x-amz-* values in the query. No answer of
    // AWS to an unsigned x-amz-* header was found: it stays the incomplete signature it was.
    if (name.startsWith('x-amz-') && !signed.has(name)) {
      throw new IncompleteSignatureException(`'${name}' must be a 'SignedHeader' in the AWS Authorization.`);
    }
  }
}

function checkSkew(claim: SignatureClaim, exactNow: number): void {
  // Compared in whole seconds, the precision of X-Amz-Date and of the message: within the second that ends a
  // presigned URL's life or the allowed skew, the request is still in time, and a refusal never says a time "is now
  // earlier than" itself.
  const now = Math.floor(exactNow / 1000) * 1000;
  // Formatted only for a message: most requests are in time.
  const nowText = () => formatAmzDate(now);
  if (claim.presigned) {
    // A presigned URL is valid from its date (with the usual skew) until its date plus its fixed life.
    if (now > claim.signedAt + presignedLifeSeconds * 1000) {
      throw new InvalidSignatureException(
        `Signature expired: ${claim.amzDate} is now earlier than ${formatAmzDate(now - presignedLifeSeconds * 1000)} (${nowText()} - ${presignedLifeSeconds / 60} min.)`,
        400,
      );
    }
  } else if (claim.signedAt < now - allowedSkewMs) {
    throw new InvalidSignatureException(
      `Signature expired: ${claim.amzDate} is now earlier than ${formatAmzDate(now - allowedSkewMs)} (${nowText()} - 5 min.)`,
      400,
    );
  }
  if (claim.signedAt > now + allowedSkewMs) {
    throw new InvalidSignatureException(
      `Signature not yet current: ${claim.amzDate} is still later than ${formatAmzDate(now + allowedSkewMs)} (${nowText()} + 5 min.)`,
      400,
    );
  }
}

const signatureMismatch =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** Recomputes the signature with the secret and compares it in constant time; throws on mismatch. */
export function verifySignature(
  claim: SignatureClaim,
  request: HttpRequestFacts,
  secretAccessKey: string,
  signingKeys: SigningKeyCache,
): void {
  const key = signingKeys.get(secretAccessKey, claim);
  const scope = `${claim.scopeDate}/${claim.region}/${claim.service}/${terminator}`;
  const payloadHash = request.body.length === 0 ? emptyBodyHash : sha256Hex(request.body);
  const canonical = canonicalRequest(claim, request, payloadHash);
  const stringToSign = stringToSignOf(claim, scope, canonical);
  if (matches(claim, key, stringToSign)) return;
  // Presigned URLs are often signed without the payload (the SDKs' S3 presigners do so).
  if (
    claim.presigned &&
    matches(claim, key, stringToSignOf(claim, scope, canonicalRequest(claim, request, 'UNSIGNED-PAYLOAD')))
  ) {
    return;
  }
  // AWS shows what it signed, the only help a hand-built signer gets (the JSON services' text, e.g. DynamoDB's).
  throw new InvalidSignatureException(
    `${signatureMismatch}\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${stringToSign}'\n`,
  );
}

function stringToSignOf(claim: SignatureClaim, scope: string, canonical: string): string {
  return `${algorithm}\n${claim.requestDateTime}\n${scope}\n${sha256Hex(canonical)}`;
}

function matches(claim: SignatureClaim, key: Buffer, stringToSign: string): boolean {
  const expected = Buffer.from(crypto.createHmac('sha256', key).update(stringToSign).digest('hex'));
  const given = Buffer.from(claim.signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

/** The canonical request of SigV4, built from the request as received. Exported for tests. */
export function canonicalRequest(
  claim: SignatureClaim,
  request: HttpRequestFacts,
  payloadHash: string,
): string {
  const signed = claim.signedHeaders;
  const values = signedHeaderValues(request, signed);
  let headerLines = '';
  for (let position = 0; position < signed.length; position++) {
    headerLines += `${signed[position]}:${values[position]}\n`;
  }
  let query = '';
  if (claim.presigned) query = canonicalQuery(claim.presigned.query, true);
  else if (request.rawQuery !== '') query = canonicalQuery(parseQuery(request.rawQuery), false);
  return `${request.method}\n${canonicalPath(request.rawPath)}\n${query}\n${headerLines}\n${signed.join(';')}\n${payloadHash}`;
}

/**
 * The canonical value of each signed header, in the order of `signed`. SigV4: each value trimmed with inner
 * runs of spaces collapsed; the values of a header sent more than once joined with a bare comma, in the
 * order received (from Node's rawHeaders: its `headers` joins them with ", " or keeps only the first). A
 * signed header that was not sent is signed with an empty value.
 */
function signedHeaderValues(request: HttpRequestFacts, signed: readonly string[]): string[] {
  const values = new Array<string | undefined>(signed.length);
  const raw = request.rawHeaders;
  if (raw) {
    for (let index = 0; index + 1 < raw.length; index += 2) {
      const position = signed.indexOf(raw[index]!.toLowerCase());
      if (position === -1) continue;
      const value = canonicalHeaderValue(raw[index + 1]!);
      const earlier = values[position];
      values[position] = earlier === undefined ? value : `${earlier},${value}`;
    }
  }
  for (let position = 0; position < signed.length; position++) {
    const name = signed[position]!;
    // A name listed twice in SignedHeaders is signed twice with the same value (received at its first place).
    const first = signed.indexOf(name);
    values[position] =
      first < position
        ? values[first]
        : (values[position] ?? canonicalHeaderValue(headerValue(request.headers, name) ?? ''));
  }
  // Every place was given a value just above.
  return values as string[];
}

/** Whitespace that trimming or folding would change: at either end, a run of two, or any but a space. */
const foldableWhitespace = /^\s|\s$|\s\s|[^\S ]/;

function canonicalHeaderValue(value: string): string {
  // Most values need neither: the test spares a copy of each.
  return foldableWhitespace.test(value) ? value.trim().replace(/\s+/g, ' ') : value;
}

/**
 * Non-S3 services sign the path URI-encoded twice: the client encodes each label once to build the
 * path it sends, and the signer encodes that path again. So the path as received is encoded once more
 * here, after removing empty and dot segments as the signers do (a trailing slash is kept).
 */
export function canonicalPath(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(uriEncode(segment));
  }
  if (segments.length === 0) return '/';
  return `/${segments.join('/')}${rawPath.endsWith('/') ? '/' : ''}`;
}

/** Pairs of the raw query, decoded; `+` stays a plus sign, as the SDKs encode a space as %20. */
export function parseQuery(rawQuery: string): QueryPair[] {
  const pairs: QueryPair[] = [];
  if (rawQuery === '') return pairs;
  for (const item of rawQuery.split('&')) {
    if (item === '') continue;
    const equals = item.indexOf('=');
    const name = equals === -1 ? item : item.slice(0, equals);
    const value = equals === -1 ? '' : item.slice(equals + 1);
    pairs.push({ name: safeDecode(name), value: safeDecode(value) });
  }
  return pairs;
}

function canonicalQuery(pairs: QueryPair[], presigned: boolean): string {
  const encoded: [string, string][] = [];
  for (const pair of pairs) {
    if (presigned && pair.name === 'X-Amz-Signature') continue;
    encoded.push([uriEncode(pair.name), uriEncode(pair.value)]);
  }
  // Sorted by encoded name, then by encoded value, by code point.
  encoded.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return encoded.map(([name, value]) => `${name}=${value}`).join('&');
}

/** A percent-decoded text; a malformed escape leaves it as it is. */
export function safeDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    // A malformed escape is signed as sent; the client's signer saw the same bytes.
    return text;
  }
}

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ is percent-encoded. */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** One-shot crypto.hash (Node 20.12, the engines floor): half the cost of a Hash object per digest. */
function sha256Hex(data: string | Buffer): string {
  return crypto.hash('sha256', data, 'hex');
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * Derived signing keys (four HMACs each) per secret, day, region and service. A client signs many
 * requests with one key a day, so most requests skip the derivation. Bounded: cleared when full.
 */
export class SigningKeyCache {
  private readonly keys = new Map<string, Buffer>();
  constructor(private readonly capacity = 1024) {}

  get(secretAccessKey: string, claim: SignatureClaim): Buffer {
    const id = `${claim.accessKeyId}\n${secretAccessKey}\n${claim.scopeDate}\n${claim.region}\n${claim.service}`;
    let key = this.keys.get(id);
    if (!key) {
      const dateKey = hmac(`AWS4${secretAccessKey}`, claim.scopeDate);
      key = hmac(hmac(hmac(dateKey, claim.region), claim.service), terminator);
      if (this.keys.size >= this.capacity) this.keys.clear();
      this.keys.set(id, key);
    }
    return key;
  }
}

function hmac(key: string | Buffer, data: string): Buffer {
  return crypto.createHmac('sha256', key).update(data).digest();
}

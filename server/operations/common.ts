import crypto from 'node:crypto';
import { ResourceNotFoundException, ValidationException } from '../../schemas/errors.generated';
import type { ServiceError } from '../protocol/service-error';
import type { Scope } from '../../store/scope';
import type { OperationContext } from './types';

/**
 * The processing time of a step of background work (a package's copy, an association, a connection's
 * provisioning, a reservation's payment) stored without one: by the builds before 630557b, which read every step
 * with the DOMAIN_PROCESSING_MS of the moment. Such a step counts as done. Taking today's setting instead moved
 * finished work back (an AVAILABLE package to COPYING, which refuses associations) when a state file made at the
 * default of 0 was opened with a longer one; counting it done can only end early a step that was still under way
 * when the old build stopped.
 */
export const STEP_MS_NOT_STORED = 0;

/** AWS's text for a domain that does not exist (recorded: `Domain not found: curvelogic-es`, 409). */
export function domainNotFound(domainName: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`Domain not found: ${domainName}`);
}

/** Throws ResourceNotFoundException unless the caller's account has the domain in this region. */
export function requireDomainExists(context: OperationContext, domainName: string): void {
  if (!context.store.domains.exists(context.scope, domainName)) throw domainNotFound(domainName);
}

export interface Page<T> {
  items: T[];
  /** Present when more items follow. */
  nextToken?: string;
}

export interface PageRequest {
  MaxResults?: number;
  NextToken?: string;
}

export interface PageOptions<T> {
  /** What the list is (the operation, its filters, the package or domain it is of): a token pages only its own. */
  listing: string;
  /** The account and Region called: a token of another is refused, as one of another listing is. */
  scope: Scope;
  /**
   * The item's identity in the list (a package id, a connection id, a version): where a walk goes on. Unique in the
   * list; were two items to share a key, the one nearest the token's place is taken, as the list stood.
   */
  keyOf: (item: T) => string;
  defaultMaxResults: number;
  invalidToken?: (message: string) => ServiceError;
}

/**
 * What a token holds (with a checksum of it): the keys of the items that came next when it was given, the key of the
 * last item returned, and the offset of the next page.
 */
interface PagePosition {
  ahead: string[];
  last: string;
  offset: number;
}

/** How many of the items that come next a token names: a walk goes on at the first of them still listed. */
const KEYS_AHEAD = 4;

/**
 * Pages a list by an opaque NextToken. The token is bound to the listing it came from and to the account and Region
 * called, so a token from another listing or caller, or a forged one, is refused with the error the operation
 * declares (`invalidToken`): ValidationException unless told otherwise, as only the cross-cluster searches declare
 * InvalidPaginationTokenException, and ValidationException is the service's error for a malformed parameter.
 *
 * A walk goes on from the item that was next when the token was given, not from a count of items: a client that
 * deletes what it pages through (a clean-up: list a page, delete it, ask for the next) or a list that grows at its
 * head (the newest first) would otherwise skip items or see one twice. When that item is gone, the walk goes on at
 * the first of the few after it that is still listed, else after the last item returned, else from the same place
 * in the list.
 */
export function paginate<T>(items: readonly T[], request: PageRequest, options: PageOptions<T>): Page<T> {
  // The model bounds most MaxResults only above: 0 or less would answer a token that never moves on (an SDK's
  // paginator loops for ever), so it means the default, as when no MaxResults is given.
  const max =
    request.MaxResults !== undefined && request.MaxResults > 0
      ? request.MaxResults
      : options.defaultMaxResults;
  const listing = `${options.scope.account}\n${options.scope.region}\n${options.listing}`;
  let start = 0;
  if (request.NextToken !== undefined) {
    const position = decodeToken(request.NextToken, listing);
    if (!position) {
      const message = 'The pagination token is invalid.';
      throw options.invalidToken ? options.invalidToken(message) : new ValidationException(message);
    }
    start = resumeAt(items, position, options.keyOf);
  }
  const page = items.slice(start, start + max);
  const end = start + page.length;
  if (end >= items.length || page.length === 0) return { items: page };
  const position = {
    ahead: items.slice(end, end + KEYS_AHEAD).map(options.keyOf),
    last: options.keyOf(page[page.length - 1]!),
    offset: end,
  };
  return { items: page, nextToken: encodeToken(position, listing) };
}

/** Where a walk goes on in the list as it is now (see paginate). */
function resumeAt<T>(items: readonly T[], position: PagePosition, keyOf: (item: T) => string): number {
  const keys = items.map(keyOf);
  for (const key of position.ahead) {
    const at = nearestIndex(keys, key, position.offset);
    if (at !== -1) return at;
  }
  const last = nearestIndex(keys, position.last, position.offset - 1);
  if (last !== -1) return last + 1;
  // A token this emulator gave is never refused for a place past the end: the list shrank since.
  return Math.min(position.offset, items.length);
}

/** The index of `key` nearest `near` (-1 when absent): with unique keys, its one index. */
function nearestIndex(keys: readonly string[], key: string, near: number): number {
  let nearest = -1;
  for (let index = keys.indexOf(key); index !== -1; index = keys.indexOf(key, index + 1)) {
    if (nearest === -1 || Math.abs(index - near) < Math.abs(nearest - near)) nearest = index;
  }
  return nearest;
}

/**
 * A checksum of the position and the listing, not a secret: a forged token, or one of another listing, fails
 * it, and a token outlives the process that gave it, so that a listing paged before a restart of the
 * emulator (on the same state file) goes on after it, as AWS's tokens outlast its deployments. (A key
 * drawn at start made every token of the previous process invalid.) Tokens of a version of the emulator that
 * counted offsets alone are refused.
 */
function signature(position: PagePosition, listing: string): string {
  return crypto
    .createHash('sha256')
    .update(
      `amazon-es-local pagination token\n${listing}\n${position.offset}\n${position.last}\n${position.ahead.join('\n')}`,
    )
    .digest('base64url')
    .slice(0, 16);
}

/**
 * A token is opaque to clients, and botocore (boto3, the AWS CLI) must find it so. Its paginators take a
 * StartingToken that decodes as base64 of a JSON object as one of their own and send that object's members as
 * parameters ("Unknown parameter in input"), and split any other token at `___`. So the JSON follows a version mark
 * that makes it no JSON, and base64url's `_` is written `.`: no token then decodes as botocore's, or holds `___`.
 */
const TOKEN_VERSION = '1';

function encodeToken(position: PagePosition, listing: string): string {
  const token = { a: position.ahead, l: position.last, o: position.offset, s: signature(position, listing) };
  return Buffer.from(TOKEN_VERSION + JSON.stringify(token))
    .toString('base64url')
    .replaceAll('_', '.');
}

function decodeToken(token: string, listing: string): PagePosition | undefined {
  if (token.includes('_')) return undefined;
  const base64url = token.replaceAll('.', '_');
  const bytes = Buffer.from(base64url, 'base64url');
  // Node's decoder skips what is not base64url (`!`, padding, spaces): only the token as given is one.
  if (bytes.toString('base64url') !== base64url) return undefined;
  const text = bytes.toString('utf8');
  if (!text.startsWith(TOKEN_VERSION)) return undefined;
  try {
    const parsed = JSON.parse(text.slice(TOKEN_VERSION.length)) as Record<string, unknown>;
    const { a: ahead, l: last, o: offset, s: checksum } = parsed;
    if (!Array.isArray(ahead) || !ahead.every((key) => typeof key === 'string')) return undefined;
    if (typeof last !== 'string') return undefined;
    if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) return undefined;
    const position = { ahead: ahead as string[], last, offset };
    if (checksum === signature(position, listing)) return position;
  } catch {
    // falls through: not a token of ours
  }
  return undefined;
}

import crypto from 'node:crypto';
import { ResourceNotFoundException, ValidationException } from '../../schemas/errors.generated';
import type { ServiceError } from '../protocol/service-error';
import type { OperationContext } from './types';

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

/**
 * Pages a list by an opaque NextToken. The token is bound to the listing it came from (`listing`, e.g.
 * the operation and its filters), so a token from another listing, or a forged one, is refused with the
 * error the operation declares (`invalidToken`): ValidationException unless told otherwise, as only the
 * cross-cluster searches declare InvalidPaginationTokenException, and ValidationException is the service's error
 * for a malformed parameter.
 */
export function paginate<T>(
  items: readonly T[],
  request: PageRequest,
  options: { listing: string; defaultMaxResults: number; invalidToken?: (message: string) => ServiceError },
): Page<T> {
  // The model bounds most MaxResults only above: 0 or less would answer a token that never moves on (an SDK's
  // paginator loops for ever), so it means the default, as when no MaxResults is given.
  const max =
    request.MaxResults !== undefined && request.MaxResults > 0
      ? request.MaxResults
      : options.defaultMaxResults;
  let offset = 0;
  if (request.NextToken !== undefined) {
    offset = decodeToken(request.NextToken, options.listing);
    // A token this emulator gave (its checksum holds) is never refused for an offset past the end: the list
    // shrank since, as when a client deletes what it pages through, and the rest of it is an empty page.
    if (offset < 0) {
      const message = 'The pagination token is invalid.';
      throw options.invalidToken ? options.invalidToken(message) : new ValidationException(message);
    }
  }
  const page = items.slice(offset, offset + max);
  const next = offset + page.length;
  return next < items.length
    ? { items: page, nextToken: encodeToken(next, options.listing) }
    : { items: page };
}

/**
 * A checksum of the offset and the listing, not a secret: a forged token, or one of another listing, fails
 * it, and a token outlives the process that gave it, so that a listing paged before a restart of the
 * emulator (on the same state file) goes on after it, as AWS's tokens outlast its deployments. (A key
 * drawn at start made every token of the previous process invalid.)
 */
function signature(offset: number, listing: string): string {
  return crypto
    .createHash('sha256')
    .update(`amazon-es-local pagination token\n${listing}\n${offset}`)
    .digest('base64url')
    .slice(0, 16);
}

function encodeToken(offset: number, listing: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: signature(offset, listing) })).toString('base64url');
}

function decodeToken(token: string, listing: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o?: unknown;
      s?: unknown;
    };
    if (
      typeof parsed.o === 'number' &&
      Number.isInteger(parsed.o) &&
      parsed.s === signature(parsed.o, listing)
    ) {
      return parsed.o;
    }
  } catch {
    // falls through: not a token of ours
  }
  return -1;
}

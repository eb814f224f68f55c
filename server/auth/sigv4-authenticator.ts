import crypto from 'node:crypto';
import { ExpiredTokenException, UnrecognizedClientException } from '../protocol/protocol-errors';
import type { PrincipalDirectory } from '../iam/principals';
import { inPartition, partitionOf } from '../partitions';
import type { Clock } from '../runtime';
import { checkClaim, parseSignatureClaim, SigningKeyCache, verifySignature } from './sigv4';
import type { Authenticator, Caller, HttpRequestFacts } from './types';

/**
 * IAM_MODE=enforce and audit: every request must carry a valid SigV4 signature of a known access key.
 * The caller is the principal of that key, in the region of the credential scope.
 */
export class SigV4Authenticator implements Authenticator {
  private readonly signingKeys = new SigningKeyCache();

  /** @param service the signing name the scope must carry; undefined accepts any (the /_local/ routes). */
  constructor(
    private readonly directory: PrincipalDirectory,
    private readonly clock: Clock,
    private readonly service: string | undefined = 'es',
  ) {}

  authenticate(request: HttpRequestFacts): Caller {
    const now = this.clock.now();
    const claim = parseSignatureClaim(request, now);
    checkClaim(claim, request, now, this.service);
    const key = this.directory.byAccessKey(claim.accessKeyId);
    if (!key) throw new UnrecognizedClientException();
    // A temporary key is valid only with its own token; a long-term key with none.
    if (key.sessionToken !== undefined || claim.securityToken !== undefined) {
      if (claim.securityToken === undefined || !sameToken(claim.securityToken, key.sessionToken)) {
        throw new UnrecognizedClientException();
      }
      if (key.expiresAt !== undefined && key.expiresAt < now) throw new ExpiredTokenException();
    }
    verifySignature(claim, request, key.secretAccessKey, this.signingKeys);
    const principal = key.principal;
    const caller: Caller = {
      accountId: principal.accountId,
      region: claim.region,
      // An account belongs to one partition: its principals' ARNs are in the partition of the signed Region.
      arn: inPartition(principal.arn, partitionOf(claim.region)),
      type: principal.type,
      userId: principal.userId,
      isRoot: principal.isRoot,
      accessKeyId: key.accessKeyId,
    };
    if (principal.username !== undefined) caller.username = principal.username;
    if (principal.tokenIssuedAt !== undefined) caller.tokenIssuedAt = principal.tokenIssuedAt;
    return caller;
  }
}

/** In constant time, as the secret is compared: a session token is a credential too. */
function sameToken(given: string, expected: string | undefined): boolean {
  if (expected === undefined) return false;
  const givenBytes = Buffer.from(given);
  const expectedBytes = Buffer.from(expected);
  return givenBytes.length === expectedBytes.length && crypto.timingSafeEqual(givenBytes, expectedBytes);
}

import { partitionOf } from '../partitions';
import { checkScopedRegion } from './sigv4';
import type { Authenticator, Authorizer, Caller, HttpRequestFacts } from './types';

/**
 * IAM_MODE=off: no signature check and no policy; every caller is the root of ACCOUNT_ID. The region
 * still comes from the credential scope when the request is signed, as state is per region.
 */
export class UncheckedAuthenticator implements Authenticator {
  constructor(
    private readonly accountId: string,
    private readonly defaultRegion: string,
  ) {}

  authenticate(request: HttpRequestFacts): Caller {
    const scoped = regionOf(request);
    if (scoped !== undefined) checkScopedRegion(scoped);
    return rootCaller(this.accountId, scoped ?? this.defaultRegion);
  }
}

export const allowEverything: Authorizer = { evaluatesPolicies: () => false, authorize: () => undefined };

export function rootCaller(accountId: string, region: string): Caller {
  return {
    accountId,
    region,
    arn: `arn:${partitionOf(region)}:iam::${accountId}:root`,
    type: 'Account',
    userId: accountId,
    isRoot: true,
  };
}

const scopeInHeader = /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\/[^/,\s]+\/aws4_request/;
const scopeInQuery = /(?:^|&)X-Amz-Credential=[^&]*?(?:%2F|\/)\d{8}(?:%2F|\/)([^&%/]+)(?:%2F|\/)/i;

/** The region of the SigV4 credential scope, from the Authorization header or a presigned query. */
export function regionOf(request: HttpRequestFacts): string | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string') {
    const match = scopeInHeader.exec(authorization);
    if (match) return match[1];
  }
  const match = scopeInQuery.exec(request.rawQuery);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

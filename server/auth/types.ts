import type { IncomingHttpHeaders } from 'node:http';

/** Who signed the request, as IAM sees it. */
export interface Caller {
  accountId: string;
  /** The region of the request: the credential scope's region. */
  region: string;
  /** The principal ARN, e.g. `arn:aws:iam::111122223333:user/alice`, `arn:aws:iam::111122223333:root`. */
  arn: string;
  /** aws:PrincipalType: Account, User, AssumedRole. */
  type: 'Account' | 'User' | 'AssumedRole';
  /** aws:userid */
  userId: string;
  /** aws:username (users only) */
  username?: string;
  isRoot: boolean;
  accessKeyId?: string;
  /** aws:TokenIssueTime for role sessions, epoch ms. */
  tokenIssuedAt?: number;
}

/** The request as received, for SigV4: nothing normalised. */
export interface HttpRequestFacts {
  method: string;
  /** The path exactly as sent, still percent-encoded. */
  rawPath: string;
  /** The query string exactly as sent, without `?`. */
  rawQuery: string;
  headers: IncomingHttpHeaders;
  /**
   * Node's req.rawHeaders (name, value, name, value…): SigV4 joins the values of a repeated header with
   * a bare comma, while Node's `headers` joins them with ", " or keeps only the first.
   */
  rawHeaders?: readonly string[];
  body: Buffer;
  sourceIp: string;
}

/** Verifies the signature and says who the caller is; throws a ServiceError when it cannot. */
export interface Authenticator {
  authenticate(request: HttpRequestFacts): Caller;
}

/** What IAM evaluates for one call. */
export interface AuthorizationRequest {
  caller: Caller;
  operation: string;
  /** `es:<Operation>` */
  action: string;
  /** The resource ARN, or `*` where the action takes no resource type. */
  resource: string;
  /** aws:ResourceTag/* of an existing domain; undefined when the resource does not exist (yet). */
  resourceTags?: Record<string, string>;
  /** aws:RequestTag/* */
  requestTags?: Record<string, string>;
  /** aws:TagKeys */
  tagKeys?: string[];
  sourceIp: string;
  /** aws:UserAgent: the User-Agent header, when the request has one. */
  userAgent?: string;
  /** aws:Referer: the Referer header, when the request has one. */
  referer?: string;
  /** epoch ms */
  now: number;
  requestId: string;
}

/** Decides; throws AccessDeniedException when IAM says no. */
export interface Authorizer {
  /**
   * Whether a decision for this caller reads policies, and so the request's tag context keys: IAM evaluates
   * no policy for the root of an account, and IAM_MODE=off none at all. The tags are only read when it does.
   */
  evaluatesPolicies(caller: Caller): boolean;
  authorize(request: AuthorizationRequest): void;
}

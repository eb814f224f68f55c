import fs from 'node:fs';
import type { Caller } from '../auth/types';
import type * as SeedFileModule from './seed-file';
import type { NamedPolicy, PolicyDocument } from './types';
import { inPartition, PARTITIONS } from '../partitions';

/**
 * The principals of the emulator: accounts with their root keys, users, groups, roles and role
 * sessions, loaded once at start from the IAM_SEED file (or the default root key `test`/`test`).
 * Every access key is looked up in a Map, and each principal's policy list is resolved once, when the
 * seed file is read (./seed-file).
 */

/** A principal that can sign: who it is and which policies apply to it. */
export interface Principal {
  accountId: string;
  arn: string;
  type: Caller['type'];
  userId: string;
  username?: string;
  isRoot: boolean;
  /** aws:PrincipalArn: the role's ARN for a role session, the principal's own ARN otherwise. */
  principalArn: string;
  /** aws:TokenIssueTime of a role session, epoch ms. */
  tokenIssuedAt?: number;
  /** A role session whose credentials were issued with MFA (aws:MultiFactorAuthPresent, aws:MultiFactorAuthAge). */
  multiFactorAuthenticated?: boolean;
  identityPolicies: NamedPolicy[];
  permissionsBoundary?: NamedPolicy;
  sessionPolicy?: NamedPolicy;
}

/** An access key and what it stands for. */
export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials only: the token that must come with the key, and when it expires (epoch ms). */
  sessionToken?: string;
  expiresAt?: number;
  principal: Principal;
}

export class PrincipalDirectory {
  private readonly keys = new Map<string, AccessKey>();
  private readonly principals = new Map<string, Principal>();
  /** The accounts an IAM seed declares: their users and roles are all the seed's, and no others exist. */
  private readonly declaredAccounts = new Set<string>();

  declareAccount(accountId: string): void {
    this.declaredAccounts.add(accountId);
  }

  /**
   * Whether the IAM user or role of an ARN exists: known for the accounts an IAM seed declares; undefined for any
   * other ARN (another account, the default root's, a role session, a root), of which nothing can be told.
   */
  holdsIdentity(arn: string): boolean | undefined {
    const [, partition, service, , account, resource] = arn.split(':');
    if (service !== 'iam' || partition === undefined || account === undefined) return undefined;
    if (!this.declaredAccounts.has(account) || !/^(?:user|role)\//.test(resource ?? '')) return undefined;
    return this.byArn(arn) !== undefined;
  }

  add(key: AccessKey): void {
    this.keys.set(key.accessKeyId, key);
    this.addPrincipal(key.principal);
  }

  addPrincipal(principal: Principal): void {
    if (!this.principals.has(principal.arn)) this.principals.set(principal.arn, principal);
  }

  byAccessKey(accessKeyId: string): AccessKey | undefined {
    return this.keys.get(accessKeyId);
  }

  /**
   * By ARN: `…:root`, `…:user/path/name`, `…:role/path/name`, `arn:aws:sts::…:assumed-role/role/session`, in
   * any partition (the directory holds each principal once, as `arn:aws:…`; a request signed for a Region of
   * another partition sees its ARN in that partition).
   */
  byArn(arn: string): Principal | undefined {
    const partition = arn.split(':')[1];
    if (partition === undefined || !PARTITIONS.has(partition)) return undefined;
    return this.principals.get(inPartition(arn, 'aws'));
  }

  /**
   * The unique id of an IAM identity known by its ARN: a root's account id, a user's `AIDA…`, a role's `AROA…`.
   * Undefined for a role session (an `sts` ARN) and for any ARN the seed does not hold.
   */
  uniqueIdOf(arn: string): string | undefined {
    return arn.split(':')[2] === 'iam' ? this.byArn(arn)?.userId : undefined;
  }
}

export function rootPrincipal(accountId: string): Principal {
  const arn = `arn:aws:iam::${accountId}:root`;
  // aws:userid of the root user is the account id.
  return {
    accountId,
    arn,
    principalArn: arn,
    type: 'Account',
    userId: accountId,
    isRoot: true,
    identityPolicies: [],
  };
}

/** Without a seed file: access key `test`, secret `test`, the root of ACCOUNT_ID. */
export function defaultDirectory(accountId: string): PrincipalDirectory {
  const directory = new PrincipalDirectory();
  directory.add({ accessKeyId: 'test', secretAccessKey: 'test', principal: rootPrincipal(accountId) });
  return directory;
}

/** A seed file that cannot be used: the message names the file and the place in it. */
export class SeedError extends Error {
  override name = 'SeedError';
}

/** What the seed loader needs from the evaluator's side: the AWS managed policies and the policy checker. */
export interface PolicySources {
  /** The AWS managed policy of an ARN (`arn:aws:iam::aws:policy/AmazonESFullAccess`), if there is one. */
  awsManagedPolicy(arn: string): PolicyDocument | undefined;
  /** Problems of a policy document, empty when it is valid. */
  validatePolicyDocument(document: unknown): string[];
}

/** `loadedAt` (epoch ms): the emulator's time when it reads the file, the latest a session can have been issued. */
export function loadSeedFile(path: string, sources: PolicySources, loadedAt: number): PrincipalDirectory {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    throw new SeedError(`IAM seed file ${path} cannot be read: ${(error as Error).message}`);
  }
  return parseSeed(text, path, sources, loadedAt);
}

/**
 * The principals of a seed file's text. ./seed-file (the format, its checks and their resolution) is
 * required here, with the first seed file, rather than at start: a start without one, the default,
 * loaded it for nothing (~0.9 ms with the checks it requires).
 */
export function parseSeed(
  text: string,
  source: string,
  sources: PolicySources,
  loadedAt: number,
): PrincipalDirectory {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deferred load needs require
  return (require('./seed-file') as typeof SeedFileModule).parseSeed(text, source, sources, loadedAt);
}

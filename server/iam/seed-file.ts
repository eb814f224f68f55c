/**
 * The IAM_SEED file: its text parsed, its shape checked, and its accounts, users, groups, roles and
 * sessions resolved into a PrincipalDirectory, each principal with its policies (required by
 * ./principals with the first seed file).
 */
import crypto from 'node:crypto';
import type { ErrorObject } from 'ajv';
import validateSeedShape from '../../schemas/seed-validator.generated';
import type { AccessKey, PolicySources, Principal } from './principals';
import { PrincipalDirectory, rootPrincipal, SeedError } from './principals';
import { inPartition, PARTITIONS } from '../partitions';
import { firstRepeatedKey } from './repeated-keys';
import type { NamedPolicy, PolicyDocument } from './types';
import { AWS_MANAGED_POLICIES, AWS_MANAGED_POLICY_ARN_PREFIX } from './managed-policies';

export function parseSeed(
  text: string,
  source: string,
  sources: PolicySources,
  loadedAt: number,
): PrincipalDirectory {
  let seed: unknown;
  // A byte order mark, as some editors save UTF-8, is not part of the JSON text.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    seed = JSON.parse(json);
  } catch (error) {
    throw new SeedError(`IAM seed file ${source} is not JSON: ${(error as Error).message}`);
  }
  const repeated = firstRepeatedKey(json);
  if (repeated) {
    // Within a policy document, IAM's own rule; elsewhere, a name given twice would silently replace the first.
    const inPolicy =
      /^\/accounts\/[^/]+\/(?:policies\/[^/]+|(?:users|groups|roles)\/[^/]+\/inlinePolicies\/[^/]+|roles\/[^/]+\/sessions\/\d+\/sessionPolicy)\//.test(
        `${repeated.place}/`,
      );
    throw new SeedError(
      `IAM seed file ${source}: at ${repeated.place}: the key '${repeated.key}' appears twice in one object ` +
        `(JSON would keep only the last${inPolicy ? '; IAM refuses a policy that repeats a key' : ''})`,
    );
  }
  // The shape is checked by a validator compiled at build time (scripts/generate.ts holds the schema).
  if (!validateSeedShape(seed)) {
    const first = (validateSeedShape.errors ?? [])[0];
    throw new SeedError(`IAM seed file ${source}: ${describeAjvError(first)}`);
  }
  return new SeedResolver(seed as Seed, source, sources, loadedAt).resolve();
}

// ---------------------------------------------------------------------------------------------
// The file format (issue 4): accounts -> root, policies, groups, users, roles (with sessions); its JSON
// schema is in scripts/generate.ts.

interface SeedKey {
  accessKeyId: string;
  secretAccessKey: string;
}
interface SeedSession extends SeedKey {
  sessionName: string;
  sessionToken: string;
  expiresAt: string;
  issuedAt?: string;
  mfaAuthenticated?: boolean;
  sessionPolicy?: PolicyDocument | string | null;
}
interface SeedPolicyHolder {
  path?: string;
  tags?: Record<string, string>;
  inlinePolicies?: Record<string, PolicyDocument>;
  managedPolicies?: string[];
  permissionsBoundary?: string | null;
}
interface SeedUser extends SeedPolicyHolder {
  groups?: string[];
  accessKeys?: SeedKey[];
}
interface SeedRole extends SeedPolicyHolder {
  sessions?: SeedSession[];
}
interface SeedGroup {
  path?: string;
  inlinePolicies?: Record<string, PolicyDocument>;
  managedPolicies?: string[];
}
interface SeedAccount {
  root?: { accessKeys?: SeedKey[] };
  policies?: Record<string, PolicyDocument>;
  groups?: Record<string, SeedGroup>;
  users?: Record<string, SeedUser>;
  roles?: Record<string, SeedRole>;
}
interface Seed {
  accounts: Record<string, SeedAccount>;
}

function describeAjvError(error: ErrorObject | undefined): string {
  if (!error) return 'invalid';
  const place = error.instancePath === '' ? '/' : error.instancePath;
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return `at ${place}: unknown property '${extra}'`;
  }
  // A name refused by propertyNames is reported by its inner keyword, with the name beside it.
  if (error.propertyName !== undefined) {
    return `at ${place}: the name '${error.propertyName}' is not allowed (${nameRule(place)})`;
  }
  return `at ${place}: ${error.message ?? 'invalid'}`;
}

/** IAM's rule for the names of a map of the seed (its API model: user and role names 64, others 128). */
function nameRule(place: string): string {
  if (place === '/accounts') return 'account ids are 12 digits';
  const length = /\/(users|roles)$/.test(place) ? 64 : 128;
  return `names are 1-${length} of A-Z a-z 0-9 _+=,.@-`;
}

/**
 * IAM's quotas on policy size, in characters without white space (IAM's quotas page): a user's, a group's
 * and a role's inline policies together, a managed policy, and a session policy (STS: "can't exceed 2,048
 * characters").
 */
const POLICY_SIZE_QUOTAS = { user: 2048, group: 5120, role: 10240, managed: 6144, session: 2048 } as const;

/** IAM's quotas on the managed policies attached to one identity: a user's and a role's raised to their most. */
const MANAGED_POLICIES_QUOTAS = { user: 20, role: 20, group: 10 } as const;

/** A policy's size as IAM counts it: its characters, white space outside its strings left out. */
function policySize(document: unknown): number {
  return JSON.stringify(document).length;
}

/** Stable ids derived from names: AWS's ids are random, but a local principal keeps its id across restarts. */
function uniqueId(prefix: string, arn: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const digest = crypto.createHash('sha256').update(arn).digest();
  let id = prefix;
  // AWS's unique ids are 21 characters: a 4-letter prefix (AIDA user, AROA role) and 17 more.
  for (let i = 0; i < 17; i++) id += alphabet[digest[i]! % 32];
  return id;
}

class SeedResolver {
  private readonly directory = new PrincipalDirectory();
  private readonly customerPolicies = new Map<string, NamedPolicy>();
  private readonly seenKeys = new Map<string, string>();

  constructor(
    private readonly seed: Seed,
    private readonly source: string,
    private readonly sources: PolicySources,
    private readonly loadedAt: number,
  ) {}

  resolve(): PrincipalDirectory {
    // Every customer managed policy first: a user may name one of another account by ARN.
    for (const [accountId, account] of Object.entries(this.seed.accounts)) {
      this.checkNamesIgnoringCase(account.policies, `/accounts/${accountId}/policies`);
      for (const [name, document] of Object.entries(account.policies ?? {})) {
        const place = `/accounts/${accountId}/policies/${name}`;
        this.checkPolicy(document, place);
        if (document.Version !== '2012-10-17') {
          throw this.error(
            place,
            'a managed policy needs "Version": "2012-10-17" (IAM\'s CreatePolicy refuses any other: ' +
              '"Policy document must be version 2012-10-17 or greater.")',
          );
        }
        this.checkSize([document], place, 'a managed policy', POLICY_SIZE_QUOTAS.managed);
        const arn = `arn:aws:iam::${accountId}:policy/${name}`;
        this.customerPolicies.set(arn, { name: arn, document });
      }
    }
    for (const [accountId, account] of Object.entries(this.seed.accounts))
      this.resolveAccount(accountId, account);
    return this.directory;
  }

  private resolveAccount(accountId: string, account: SeedAccount): void {
    const at = `/accounts/${accountId}`;
    const root = rootPrincipal(accountId);
    this.directory.declareAccount(accountId);
    this.directory.addPrincipal(root);
    (account.root?.accessKeys ?? []).forEach((key, index) => {
      this.addKey({ ...key, principal: root }, `${at}/root/accessKeys/${index}`);
    });

    this.checkNamesIgnoringCase(account.groups, `${at}/groups`);
    this.checkNamesIgnoringCase(account.users, `${at}/users`);
    this.checkNamesIgnoringCase(account.roles, `${at}/roles`);
    const groupPolicies = new Map<string, NamedPolicy[]>();
    for (const [name, group] of Object.entries(account.groups ?? {})) {
      const place = `${at}/groups/${name}`;
      groupPolicies.set(name, [
        ...this.inlinePolicies(
          group.inlinePolicies,
          `${place}/inlinePolicies`,
          `group/${name}/inline:`,
          'group',
        ),
        ...this.managedPolicies(accountId, group.managedPolicies, `${place}/managedPolicies`, 'group'),
      ]);
    }

    for (const [name, user] of Object.entries(account.users ?? {})) {
      const place = `${at}/users/${name}`;
      const arn = `arn:aws:iam::${accountId}:user${user.path ?? '/'}${name}`;
      const policies = this.holderPolicies(accountId, user, place, 'user');
      (user.groups ?? []).forEach((group, index) => {
        const attached = groupPolicies.get(group);
        if (!attached)
          throw this.error(`${place}/groups/${index}`, `no group '${group}' in account ${accountId}`);
        policies.push(...attached);
      });
      const principal: Principal = {
        accountId,
        arn,
        principalArn: arn,
        type: 'User',
        userId: uniqueId('AIDA', arn),
        username: name,
        isRoot: false,
        identityPolicies: policies,
        ...this.boundary(accountId, user.permissionsBoundary, `${place}/permissionsBoundary`),
      };
      this.directory.addPrincipal(principal);
      (user.accessKeys ?? []).forEach((key, index) => {
        this.addKey({ ...key, principal }, `${place}/accessKeys/${index}`);
      });
    }

    for (const [name, role] of Object.entries(account.roles ?? {})) {
      const place = `${at}/roles/${name}`;
      const roleArn = `arn:aws:iam::${accountId}:role${role.path ?? '/'}${name}`;
      const roleId = uniqueId('AROA', roleArn);
      const policies = this.holderPolicies(accountId, role, place, 'role');
      const boundary = this.boundary(accountId, role.permissionsBoundary, `${place}/permissionsBoundary`);
      // The role itself, for /_local/simulate by role ARN (its sessions are what sign requests).
      this.directory.addPrincipal({
        accountId,
        arn: roleArn,
        principalArn: roleArn,
        type: 'AssumedRole',
        userId: roleId,
        isRoot: false,
        identityPolicies: policies,
        ...boundary,
      });
      (role.sessions ?? []).forEach((session, index) => {
        const sessionPlace = `${place}/sessions/${index}`;
        const expiresAt = Date.parse(session.expiresAt);
        // STS issues a session for one hour unless told otherwise (DurationSeconds defaults to 3600). A session
        // that expires later than an hour from now was issued no later than now: credentials in use have been
        // issued, and a Deny on aws:TokenIssueTime before a revocation time (IAM's "revoke active sessions")
        // must be able to match them.
        const issuedAt = session.issuedAt
          ? Date.parse(session.issuedAt)
          : Math.min(expiresAt - 3600_000, this.loadedAt);
        if (issuedAt > expiresAt) {
          throw this.error(
            `${sessionPlace}/issuedAt`,
            'a session cannot be issued after it expires (expiresAt)',
          );
        }
        // The session ARN has no path, only the role's name (AWS: assumed-role/<role>/<session>).
        const principal: Principal = {
          accountId,
          arn: `arn:aws:sts::${accountId}:assumed-role/${name}/${session.sessionName}`,
          principalArn: roleArn,
          type: 'AssumedRole',
          userId: `${roleId}:${session.sessionName}`,
          isRoot: false,
          tokenIssuedAt: issuedAt,
          multiFactorAuthenticated: session.mfaAuthenticated === true,
          identityPolicies: policies,
          ...boundary,
          ...this.sessionPolicy(accountId, session.sessionPolicy, `${sessionPlace}/sessionPolicy`),
        };
        this.addKey(
          {
            accessKeyId: session.accessKeyId,
            secretAccessKey: session.secretAccessKey,
            sessionToken: session.sessionToken,
            expiresAt,
            principal,
          },
          sessionPlace,
        );
      });
    }
  }

  private holderPolicies(
    accountId: string,
    holder: SeedPolicyHolder,
    place: string,
    kind: 'user' | 'role',
  ): NamedPolicy[] {
    return [
      ...this.inlinePolicies(holder.inlinePolicies, `${place}/inlinePolicies`, 'inline:', kind),
      ...this.managedPolicies(accountId, holder.managedPolicies, `${place}/managedPolicies`, kind),
    ];
  }

  private inlinePolicies(
    policies: Record<string, PolicyDocument> | undefined,
    place: string,
    prefix: string,
    holder: 'user' | 'group' | 'role',
  ): NamedPolicy[] {
    const named = Object.entries(policies ?? {}).map(([name, document]) => {
      this.checkPolicy(document, `${place}/${name}`);
      return { name: `${prefix}${name}`, document };
    });
    this.checkSize(
      named.map((policy) => policy.document),
      place,
      `the inline policies of a ${holder}`,
      POLICY_SIZE_QUOTAS[holder],
    );
    return named;
  }

  /** IAM refuses a policy over its size quota with LimitExceeded; STS refuses a session policy over its own. */
  private checkSize(
    documents: unknown[],
    place: string,
    what: string,
    quota: number,
    refusal = 'IAM answers LimitExceeded',
  ): void {
    const size = documents.reduce<number>((total, document) => total + policySize(document), 0);
    if (size > quota) {
      throw this.error(
        place,
        `${what}: ${size} characters without white space between its elements, over the quota of ${quota} (${refusal})`,
      );
    }
  }

  /** IAM's names of users, groups, roles and policies are unique in an account "not distinguished by case". */
  private checkNamesIgnoringCase(names: Record<string, unknown> | undefined, place: string): void {
    const seen = new Map<string, string>();
    for (const name of Object.keys(names ?? {})) {
      const earlier = seen.get(name.toLowerCase());
      if (earlier !== undefined) {
        throw this.error(
          place,
          `'${name}' and '${earlier}' differ only in case, and IAM's names are unique regardless of case`,
        );
      }
      seen.set(name.toLowerCase(), name);
    }
  }

  /**
   * The managed policies attached to a user, role or group, each once: IAM attaches a policy that is attached
   * already without a change. IAM attaches at most 10 to a group, and 10 to a user or a role by default, 20 with
   * an increase (IAM's quotas; AWS's knowledge center, "iam-increase-policy-size"); more is LimitExceeded.
   */
  private managedPolicies(
    accountId: string,
    references: string[] | undefined,
    place: string,
    holder: 'user' | 'role' | 'group',
  ): NamedPolicy[] {
    const attached = new Map<string, NamedPolicy>();
    for (const [index, reference] of (references ?? []).entries()) {
      const policy = this.managedPolicy(accountId, reference, `${place}/${index}`);
      if (!attached.has(policy.name)) attached.set(policy.name, policy);
    }
    const quota = MANAGED_POLICIES_QUOTAS[holder];
    if (attached.size > quota) {
      throw this.error(
        place,
        `${attached.size} managed policies, over IAM's quota of ${quota} for a ${holder} (LimitExceeded)`,
      );
    }
    return [...attached.values()];
  }

  /**
   * A managed policy named by its ARN, or by its name: a customer managed policy of the same account, else the
   * AWS managed policy of that name. IAM attaches only policies of the identity's own account and AWS managed
   * policies: another account's customer managed policy is refused.
   */
  private managedPolicy(accountId: string, reference: string, place: string): NamedPolicy {
    const named = !reference.startsWith('arn:');
    const partition = reference.split(':')[1] ?? '';
    if (!named && !PARTITIONS.has(partition)) {
      throw this.error(place, `'${reference}' is in no partition AWS has (${[...PARTITIONS].join(', ')})`);
    }
    // The directory holds policies as `arn:aws:…`: a reference in another partition names the same policy.
    const arn = named ? `arn:aws:iam::${accountId}:policy/${reference}` : inPartition(reference, 'aws');
    const owner = /^arn:aws[\w-]*:iam::(\d{12}):policy\//.exec(arn)?.[1];
    if (owner !== undefined && owner !== accountId) {
      throw this.error(
        place,
        `'${reference}' is a policy of account ${owner}: IAM attaches only the account's own managed policies and AWS managed policies`,
      );
    }
    const customer = this.customerPolicies.get(arn);
    if (customer) return customer;
    const awsArn = named ? `arn:aws:iam::aws:policy/${reference}` : arn;
    const aws = this.sources.awsManagedPolicy(awsArn);
    if (aws) return { name: awsArn, document: aws };
    const lookedFor = named ? `${arn} or ${awsArn}` : arn;
    const known = [...AWS_MANAGED_POLICIES.keys()]
      .map((known) => known.slice(AWS_MANAGED_POLICY_ARN_PREFIX.length))
      .join(', ');
    throw this.error(
      place,
      `no managed policy '${reference}' (looked for ${lookedFor}; the AWS managed policies known here: ${known})`,
    );
  }

  private boundary(accountId: string, reference: string | null | undefined, place: string) {
    return reference ? { permissionsBoundary: this.managedPolicy(accountId, reference, place) } : {};
  }

  private sessionPolicy(
    accountId: string,
    policy: PolicyDocument | string | null | undefined,
    place: string,
  ) {
    if (policy === null || policy === undefined) return {};
    if (typeof policy === 'string') {
      return { sessionPolicy: this.managedPolicy(accountId, policy, place) };
    }
    this.checkPolicy(policy, place);
    this.checkSize(
      [policy],
      place,
      'a session policy',
      POLICY_SIZE_QUOTAS.session,
      "STS's AssumeRole refuses it",
    );
    return { sessionPolicy: { name: 'session-policy', document: policy } };
  }

  private checkPolicy(document: unknown, place: string): void {
    const problems = this.sources.validatePolicyDocument(document);
    if (problems.length > 0) throw this.error(place, problems.join('; '));
  }

  private addKey(key: AccessKey, place: string): void {
    const previous = this.seenKeys.get(key.accessKeyId);
    if (previous) throw this.error(place, `access key ${key.accessKeyId} is already used at ${previous}`);
    this.seenKeys.set(key.accessKeyId, place);
    this.directory.add(key);
  }

  private error(place: string, message: string): SeedError {
    return new SeedError(`IAM seed file ${this.source}: at ${place}: ${message}`);
  }
}

import fs from 'node:fs';
import path from 'node:path';
import type { Decision, EvaluationRequest, NamedPolicy, PolicyStatement } from '../../server/iam/types';
import { distRoot } from './processes';

export type Evaluate = (request: EvaluationRequest) => Decision;

/** The evaluator, when server/iam/evaluator has been built; undefined before it lands. */
export function loadEvaluator(): Evaluate | undefined {
  const modulePath = path.join(distRoot, 'server', 'iam', 'evaluator', 'index.js');
  if (!fs.existsSync(modulePath)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(modulePath) as { evaluate?: Evaluate };
  return typeof loaded.evaluate === 'function' ? loaded.evaluate : undefined;
}

const account = '111122223333';
const domainArn = `arn:aws:es:us-east-1:${account}:domain/bench-7`;

/** The context of a DescribeElasticsearchDomain by the bench user, as the server builds it. */
export function describeContext(now: number): EvaluationRequest['context'] {
  return {
    'aws:CurrentTime': new Date(now).toISOString(),
    'aws:EpochTime': String(Math.floor(now / 1000)),
    'aws:SourceIp': '127.0.0.1',
    'aws:username': 'bench',
    'aws:userid': 'AIDABENCHUSER0000001',
    'aws:PrincipalArn': `arn:aws:iam::${account}:user/bench`,
    'aws:PrincipalAccount': account,
    'aws:PrincipalType': 'User',
    'aws:RequestedRegion': 'us-east-1',
    'aws:ResourceTag/team': 'bench',
    'aws:ResourceTag/stage': 'test',
  };
}

/**
 * A policy of `size` statements, every one with conditions: Deny statements whose conditions do not hold
 * and Allow statements for other actions or tags, and one Allow at the end that decides, so that the
 * evaluator has to look at every statement.
 */
export function syntheticPolicy(size: number): NamedPolicy {
  const statements: PolicyStatement[] = [];
  for (let i = 0; i < size - 1; i++) {
    statements.push(
      i % 2 === 0
        ? {
            Sid: `DenyTeam${i}`,
            Effect: 'Deny',
            Action: ['es:Delete*', 'es:Update*', 'es:Describe*'],
            Resource: `arn:aws:es:*:${account}:domain/*`,
            Condition: {
              StringEquals: { 'aws:ResourceTag/team': [`team-${i}`, `other-${i}`] },
              IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] },
            },
          }
        : {
            Sid: `AllowTeam${i}`,
            Effect: 'Allow',
            Action: ['es:Describe*', 'es:List*'],
            Resource: `arn:aws:es:*:${account}:domain/team-${i}-*`,
            Condition: {
              StringLike: { 'aws:ResourceTag/stage': ['prod*', `stage-${i}`] },
              DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' },
            },
          },
    );
  }
  statements.push({
    Sid: 'AllowBench',
    Effect: 'Allow',
    Action: 'es:Describe*',
    Resource: `arn:aws:es:*:${account}:domain/bench-*`,
    Condition: {
      StringEquals: { 'aws:ResourceTag/team': 'bench' },
      IpAddress: { 'aws:SourceIp': '127.0.0.0/8' },
    },
  });
  return { name: `synthetic-${size}`, document: { Version: '2012-10-17', Statement: statements } };
}

/** Every identity policy of the seed's bench user: its group's, its managed and its inline policies. */
export function benchUserPolicies(seedFile: string): NamedPolicy[] {
  const seed = JSON.parse(fs.readFileSync(seedFile, 'utf8')) as {
    accounts: Record<
      string,
      {
        policies: Record<string, NamedPolicy['document']>;
        groups: Record<
          string,
          { managedPolicies: string[]; inlinePolicies: Record<string, NamedPolicy['document']> }
        >;
        users: Record<
          string,
          {
            groups: string[];
            managedPolicies: string[];
            inlinePolicies: Record<string, NamedPolicy['document']>;
          }
        >;
      }
    >;
  };
  const entry = seed.accounts[account]!;
  const user = entry.users.bench!;
  const policies: NamedPolicy[] = [];
  const managed = (name: string) => {
    const document = entry.policies[name];
    if (document) policies.push({ name: `arn:aws:iam::${account}:policy/${name}`, document });
  };
  for (const groupName of user.groups) {
    const group = entry.groups[groupName]!;
    group.managedPolicies.forEach(managed);
    for (const [name, document] of Object.entries(group.inlinePolicies)) {
      policies.push({ name: `group:${groupName}:${name}`, document });
    }
  }
  user.managedPolicies.forEach(managed);
  for (const [name, document] of Object.entries(user.inlinePolicies)) {
    policies.push({ name: `inline:${name}`, document });
  }
  return policies;
}

export function describeRequest(policies: NamedPolicy[]): EvaluationRequest {
  return {
    action: 'es:DescribeElasticsearchDomain',
    resource: domainArn,
    context: describeContext(Date.now()),
    identityPolicies: policies,
  };
}

/**
 * Decisions per second over about `durationMs`, after a warm-up; throws when the decision is not the one
 * the policies give (an Allow), so that a broken evaluator is not measured as a fast one.
 */
export function decisionsPerSecond(
  evaluate: Evaluate,
  request: EvaluationRequest,
  durationMs: number,
): number {
  for (let i = 0; i < 2_000; i++) evaluate(request);
  const check = evaluate(request);
  if (!check.allowed) throw new Error(`the benchmark policy was expected to allow, got ${check.reason}`);
  let decisions = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(durationMs) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 200; i++) evaluate(request);
    decisions += 200;
    now = process.hrtime.bigint();
  }
  return (decisions * 1e9) / Number(now - start);
}

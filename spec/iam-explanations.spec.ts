import assert from 'node:assert/strict';
import {
  AddTagsCommand,
  CreateElasticsearchDomainCommand,
  DeleteElasticsearchDomainCommand,
  DescribeElasticsearchDomainCommand,
  DescribeElasticsearchDomainsCommand,
  ListDomainNamesCommand,
} from '@aws-sdk/client-elasticsearch-service';
import {
  DECIDING_STATEMENTS_SHOWN,
  evaluate,
  missingContextKeys,
  UNMET_STATEMENTS_SHOWN,
} from '../server/iam/evaluator';
import type { EvaluationRequest, PolicyStatement, UnmetStatement } from '../server/iam/types';
import { signedLocalRequest } from './fixtures/signed-request';
import { testDomainInput } from './support/domains';
import { errorOf, policyDocument, seedKey, startSeededEmulator } from './support/emulator';
import type { TestEmulator } from './support/emulator';

/**
 * The explanation of an implicit denial: the Allow statements that name the action and why each did not apply (its
 * resource, or the first condition that does not hold, with the request's value of its key), in the evaluator, in
 * the decisions of real calls, and in `/_local/simulate` with the context keys the policies read that it lacks.
 */

const ACCOUNT = '111122223333';
const DOMAIN = `arn:aws:es:us-east-1:${ACCOUNT}:domain/logs`;

function request(
  statements: PolicyStatement[],
  overrides: Partial<EvaluationRequest> = {},
): EvaluationRequest {
  return {
    action: 'es:DescribeElasticsearchDomain',
    resource: DOMAIN,
    context: {},
    identityPolicies: [{ name: 'identity', document: policyDocument(...statements) as never }],
    ...overrides,
  };
}

const describeAllow = (extra: Partial<PolicyStatement>): PolicyStatement => ({
  Effect: 'Allow',
  Action: 'es:DescribeElasticsearchDomain',
  Resource: `arn:aws:es:*:${ACCOUNT}:domain/*`,
  ...extra,
});

interface UnmetRow {
  name: string;
  statements: PolicyStatement[];
  overrides?: Partial<EvaluationRequest>;
  unmet: UnmetStatement[];
}

const unmetRows: UnmetRow[] = [
  {
    name: 'no statement names the action: nothing to show',
    statements: [{ Sid: 'List', Effect: 'Allow', Action: 'es:ListDomainNames', Resource: '*' }],
    unmet: [],
  },
  {
    name: "a statement for another domain: its Resource doesn't take in the request's",
    statements: [describeAllow({ Sid: 'Other', Resource: `arn:aws:es:*:${ACCOUNT}:domain/other` })],
    unmet: [{ policy: 'identity', statement: 'Other', effect: 'Allow', unmet: 'Resource' }],
  },
  {
    name: 'a NotResource that excludes the domain',
    statements: [describeAllow({ Sid: 'NotLogs', Resource: undefined, NotResource: DOMAIN })],
    unmet: [{ policy: 'identity', statement: 'NotLogs', effect: 'Allow', unmet: 'Resource' }],
  },
  {
    name: 'a tag condition with another value: the condition as written and the value the request carried',
    statements: [
      describeAllow({
        Sid: 'Team',
        Condition: { StringEquals: { 'aws:ResourceTag/team': ['search', 'ops'] } },
      }),
    ],
    overrides: { context: { 'aws:ResourceTag/team': 'other' } },
    unmet: [
      {
        policy: 'identity',
        statement: 'Team',
        effect: 'Allow',
        unmet: 'Condition',
        condition: {
          operator: 'StringEquals',
          key: 'aws:ResourceTag/team',
          values: ['search', 'ops'],
          requestValue: 'other',
        },
      },
    ],
  },
  {
    name: 'a key the request does not carry: requestValue null',
    statements: [describeAllow({ Condition: { Bool: { 'aws:SecureTransport': true } } })],
    unmet: [
      {
        policy: 'identity',
        statement: '#0',
        effect: 'Allow',
        unmet: 'Condition',
        condition: { operator: 'Bool', key: 'aws:SecureTransport', values: ['true'], requestValue: null },
      },
    ],
  },
  {
    name: 'the first condition that does not hold, of several (those before it held)',
    statements: [
      describeAllow({
        Sid: 'Both',
        Condition: {
          IpAddress: { 'aws:SourceIp': '127.0.0.0/8' },
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] },
        },
      }),
    ],
    overrides: { context: { 'aws:SourceIp': '127.0.0.1', 'aws:TagKeys': ['team', 'owner'] } },
    unmet: [
      {
        policy: 'identity',
        statement: 'Both',
        effect: 'Allow',
        unmet: 'Condition',
        condition: {
          operator: 'ForAllValues:StringEquals',
          key: 'aws:TagKeys',
          values: ['team'],
          requestValue: ['team', 'owner'],
        },
      },
    ],
  },
  {
    name: 'Deny statements and statements of other actions are not shown',
    statements: [
      {
        Sid: 'NoDelete',
        Effect: 'Deny',
        Action: 'es:Describe*',
        Resource: '*',
        Condition: { Null: { 'x:y': 'false' } },
      },
      { Sid: 'Tags', Effect: 'Allow', Action: 'es:AddTags', Resource: '*' },
      describeAllow({
        Sid: 'Window',
        Condition: { DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
      }),
    ],
    overrides: { context: { 'aws:CurrentTime': '2026-11-26T00:00:00Z' } },
    unmet: [
      {
        policy: 'identity',
        statement: 'Window',
        effect: 'Allow',
        unmet: 'Condition',
        condition: {
          operator: 'DateLessThan',
          key: 'aws:CurrentTime',
          values: ['2020-01-01T00:00:00Z'],
          requestValue: '2026-11-26T00:00:00Z',
        },
      },
    ],
  },
];

describe('the explanation of an implicit denial (evaluator)', () => {
  for (const row of unmetRows) {
    it(row.name, () => {
      const decision = evaluate(request(row.statements, row.overrides));
      assert.equal(decision.reason, 'implicit-deny-identity');
      assert.deepEqual(decision.unmet, row.unmet);
    });
  }

  it('an allowed request and an explicit denial carry no unmet statements', () => {
    const allowed = evaluate(request([describeAllow({})]));
    assert.equal(allowed.allowed, true);
    assert.equal(allowed.unmet, undefined);
    const denied = evaluate(request([describeAllow({}), { Effect: 'Deny', Action: 'es:*', Resource: '*' }]));
    assert.equal(denied.reason, 'explicit-deny-identity');
    assert.equal(denied.unmet, undefined);
  });

  it('a boundary that allows nothing for the action shows its own statements, not the identity policy', () => {
    const decision = evaluate(
      request([describeAllow({ Sid: 'Identity' })], {
        permissionsBoundary: {
          name: 'boundary',
          document: policyDocument(
            describeAllow({ Sid: 'OnlyOps', Condition: { StringEquals: { 'aws:ResourceTag/team': 'ops' } } }),
          ) as never,
        },
      }),
    );
    assert.equal(decision.reason, 'implicit-deny-boundary');
    assert.deepEqual(
      decision.unmet?.map(
        (each) => `${each.policy}/${each.statement}/${each.unmet}/${String(each.condition?.requestValue)}`,
      ),
      ['boundary/OnlyOps/Condition/null'],
    );
  });

  it(`shows at most ${UNMET_STATEMENTS_SHOWN} statements`, () => {
    const many = Array.from({ length: UNMET_STATEMENTS_SHOWN + 5 }, (_, index) =>
      describeAllow({ Sid: `S${index}`, Resource: `arn:aws:es:*:${ACCOUNT}:domain/d${index}` }),
    );
    const decision = evaluate(request(many));
    assert.deepEqual(
      decision.unmet?.map((each) => each.statement),
      many.slice(0, UNMET_STATEMENTS_SHOWN).map((statement) => statement.Sid),
    );
    // The list says it was cut short, and by how many: the statements left out may be the ones the reader wants.
    assert.equal(decision.unmetNotShown, 5);
    // Only the Allow statements that name the action count; a list shown whole says nothing more.
    const exactly = many.slice(0, UNMET_STATEMENTS_SHOWN);
    const whole = evaluate(
      request([
        ...exactly,
        { Effect: 'Allow', Action: 'es:AddTags', Resource: '*' },
        { ...exactly[0]!, Effect: 'Deny', Resource: `arn:aws:es:*:${ACCOUNT}:domain/x` },
      ]),
    );
    assert.equal(whole.unmet?.length, UNMET_STATEMENTS_SHOWN);
    assert.equal('unmetNotShown' in whole, false);
  });

  it(`names at most ${DECIDING_STATEMENTS_SHOWN} deciding statements of each kind of policy, and how many more apply`, () => {
    const applicable = (effect: 'Allow' | 'Deny', count: number, prefix: string): PolicyStatement[] =>
      Array.from({ length: count }, (_, index) => ({
        ...describeAllow({ Sid: `${prefix}${index}` }),
        Effect: effect,
      }));
    const allowed = evaluate(
      request(applicable('Allow', DECIDING_STATEMENTS_SHOWN + 2, 'A'), {
        permissionsBoundary: {
          name: 'boundary',
          document: policyDocument(describeAllow({ Sid: 'Bound' })) as never,
        },
      }),
    );
    assert.equal(allowed.allowed, true);
    // The boundary's Allow, which the decision needed as much, is still named after the identity policies' first ten.
    assert.deepEqual(
      allowed.statements.map((each) => each.statement),
      [...Array.from({ length: DECIDING_STATEMENTS_SHOWN }, (_, index) => `A${index}`), 'Bound'],
    );
    assert.equal(allowed.statementsNotShown, 2);
    const denied = evaluate(request(applicable('Deny', DECIDING_STATEMENTS_SHOWN + 1, 'D')));
    assert.equal(denied.reason, 'explicit-deny-identity');
    assert.equal(denied.statements.length, DECIDING_STATEMENTS_SHOWN);
    assert.equal(denied.statementsNotShown, 1);
    const few = evaluate(request(applicable('Allow', DECIDING_STATEMENTS_SHOWN, 'A')));
    assert.equal(few.statements.length, DECIDING_STATEMENTS_SHOWN);
    assert.equal('statementsNotShown' in few, false);
  });

  it('a condition value with a policy variable: the values as written and as the request made them', () => {
    const decision = evaluate(
      request(
        [
          describeAllow({
            Sid: 'Own',
            Condition: {
              StringLike: {
                'aws:ResourceTag/owner': ['${aws:username}-*', 'admin', '${aws:PrincipalTag/team}'],
              },
            },
          }),
        ],
        { context: { 'aws:username': 'alice', 'aws:ResourceTag/owner': 'bob-1' } },
      ),
    );
    assert.deepEqual(decision.unmet?.[0]?.condition, {
      operator: 'StringLike',
      key: 'aws:ResourceTag/owner',
      values: ['${aws:username}-*', 'admin', '${aws:PrincipalTag/team}'],
      requestValue: 'bob-1',
      // A variable without a value (and no default) leaves a value that matches nothing: null.
      substitutedValues: ['alice-*', 'admin', null],
    });
  });

  it('substituted values: ARN operators, defaults, and none for values or policies without variables', () => {
    const arnCondition = evaluate(
      request(
        [
          describeAllow({
            Sid: 'Source',
            Condition: {
              ArnEquals: {
                'aws:PrincipalArn': "arn:aws:iam::${aws:PrincipalAccount}:user/${aws:PrincipalTag/x, 'ops'}",
              },
            },
          }),
        ],
        {
          context: {
            'aws:PrincipalAccount': ACCOUNT,
            'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:user/dev`,
          },
        },
      ),
    );
    assert.deepEqual(arnCondition.unmet?.[0]?.condition?.substitutedValues, [
      `arn:aws:iam::${ACCOUNT}:user/ops`,
    ]);
    const plain = evaluate(
      request([describeAllow({ Condition: { StringEquals: { 'aws:ResourceTag/team': 'ops' } } })], {
        context: { 'aws:ResourceTag/team': 'dev' },
      }),
    );
    assert.equal('substitutedValues' in plain.unmet![0]!.condition!, false);
    // Version 2008-10-17 substitutes no variable: `${aws:username}` is text there, and shown as such alone.
    const oldVersion = evaluate({
      ...request([]),
      context: { 'aws:username': 'alice', 'aws:ResourceTag/owner': 'alice' },
      identityPolicies: [
        {
          name: 'identity',
          document: {
            Version: '2008-10-17',
            Statement: [
              describeAllow({ Condition: { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } } }),
            ],
          } as never,
        },
      ],
    });
    assert.equal(oldVersion.reason, 'implicit-deny-identity');
    assert.equal('substitutedValues' in oldVersion.unmet![0]!.condition!, false);
  });

  it('the missing context keys: those the statements for the action and resource read, each once', () => {
    const statements: PolicyStatement[] = [
      describeAllow({ Condition: { StringEquals: { 'aws:ResourceTag/team': 'ops', 'aws:SourceIp': 'x' } } }),
      describeAllow({ Condition: { StringEquals: { 'AWS:RESOURCETAG/TEAM': 'ops' } } }),
      // Another domain: its keys are not the request's business.
      describeAllow({
        Resource: `arn:aws:es:*:${ACCOUNT}:domain/other`,
        Condition: { Null: { 'aws:TagKeys': 'true' } },
      }),
      {
        Effect: 'Deny',
        Action: 'es:Describe*',
        Resource: '*',
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
      },
    ];
    assert.deepEqual(missingContextKeys(request(statements, { context: { 'aws:SourceIp': '127.0.0.1' } })), [
      'aws:ResourceTag/team',
      'aws:MultiFactorAuthPresent',
    ]);
  });
});

/** The reader's describe statement, unmet for want of the tag team=search: the domain's value beside it. */
function teamSearchUnmet(requestValue: string | null): UnmetStatement {
  return {
    policy: 'inline:read-team',
    statement: 'DescribeTeamSearch',
    effect: 'Allow',
    unmet: 'Condition',
    condition: { operator: 'StringEquals', key: 'aws:ResourceTag/team', values: ['search'], requestValue },
  };
}

describe('the explanation of a denial, through the JS v3 SDK and the /_local/ routes', () => {
  const rootKey = seedKey('AKIAEXPLAINROOT00001');
  const reader = seedKey('AKIAEXPLAINREADER001');
  const lister = seedKey('AKIAEXPLAINLISTER001');
  const alice = seedKey('AKIAEXPLAINALICE0001');
  const many = seedKey('AKIAEXPLAINMANY00001');
  const renamed = seedKey('AKIAEXPLAINRENAMED01');
  const broad = seedKey('AKIAEXPLAINBROAD0001');
  const fenced = seedKey('AKIAEXPLAINFENCED001');
  let emulator: TestEmulator;

  before(async () => {
    emulator = await startSeededEmulator({
      accounts: {
        [ACCOUNT]: {
          root: { accessKeys: [rootKey] },
          policies: {
            'no-listing': policyDocument(
              { Sid: 'BoundaryAll', Effect: 'Allow', Action: 'es:*', Resource: '*' },
              { Sid: 'BoundaryNoList', Effect: 'Deny', Action: 'es:ListDomainNames', Resource: '*' },
            ),
          },
          users: {
            // Denied ListDomainNames by its own policy and by its boundary.
            fenced: {
              accessKeys: [fenced],
              inlinePolicies: {
                own: policyDocument(
                  { Sid: 'All', Effect: 'Allow', Action: 'es:*', Resource: '*' },
                  { Sid: 'NoList', Effect: 'Deny', Action: 'es:ListDomainNames', Resource: '*' },
                ),
              },
              permissionsBoundary: 'no-listing',
            },
            reader: {
              accessKeys: [reader],
              inlinePolicies: {
                'read-team': policyDocument(
                  {
                    Sid: 'DescribeTeamSearch',
                    Effect: 'Allow',
                    Action: 'es:DescribeElasticsearchDomain',
                    Resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/*`,
                    Condition: { StringEquals: { 'aws:ResourceTag/team': 'search' } },
                  },
                  {
                    Sid: 'DescribeMany',
                    Effect: 'Allow',
                    Action: 'es:DescribeElasticsearchDomains',
                    Resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/*`,
                  },
                  {
                    Sid: 'TagOnlyTeam',
                    Effect: 'Allow',
                    Action: 'es:AddTags',
                    Resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/*`,
                    Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } },
                  },
                ),
              },
            },
            // The denial of ListDomainNames names domain/*, but the action takes no resource: decided on `*`.
            lister: {
              accessKeys: [lister],
              inlinePolicies: {
                list: policyDocument({
                  Sid: 'ListDomainsStar',
                  Effect: 'Allow',
                  Action: 'es:ListDomainNames',
                  Resource: `arn:aws:es:*:${ACCOUNT}:domain/*`,
                }),
              },
            },
            alice: {
              accessKeys: [alice],
              inlinePolicies: {
                own: policyDocument({
                  Sid: 'DescribeOwn',
                  Effect: 'Allow',
                  Action: 'es:DescribeElasticsearchDomain',
                  Resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/*`,
                  Condition: { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } },
                }),
              },
            },
            // The 2021 API's names for the same operations: not this API's actions.
            renamed: {
              accessKeys: [renamed],
              inlinePolicies: {
                'new-names': policyDocument(
                  { Sid: 'DescribeNew', Effect: 'Allow', Action: 'es:DescribeDomain', Resource: '*' },
                  {
                    Sid: 'DeleteOld',
                    Effect: 'Allow',
                    Action: 'es:DeleteElasticsearchDomain',
                    Resource: '*',
                  },
                  { Sid: 'NoDeleteNew', Effect: 'Deny', Action: 'es:DeleteDomain', Resource: '*' },
                ),
              },
            },
            broad: {
              accessKeys: [broad],
              inlinePolicies: {
                each: policyDocument(
                  ...Array.from({ length: 12 }, (_, index) => ({
                    Sid: `Any${index}`,
                    Effect: 'Allow' as const,
                    Action: 'es:DescribeElasticsearchDomain',
                    Resource: '*',
                  })),
                ),
              },
            },
            many: {
              accessKeys: [many],
              inlinePolicies: {
                each: policyDocument(
                  ...Array.from({ length: 12 }, (_, index) => ({
                    Sid: `Only${index}`,
                    Effect: 'Allow' as const,
                    Action: 'es:DescribeElasticsearchDomain',
                    Resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/d${index}`,
                  })),
                ),
              },
            },
          },
        },
      },
    });
    const admin = emulator.client({ credentials: rootKey });
    await admin.send(
      new CreateElasticsearchDomainCommand({
        ...testDomainInput('other-team'),
        TagList: [
          { Key: 'team', Value: 'other' },
          { Key: 'owner', Value: 'bob' },
        ],
      }),
    );
  });
  after(() => emulator.stop());

  const local = (method: string, route: string, body?: unknown) =>
    signedLocalRequest(emulator.endpoint, rootKey, method, route, body);

  const lastDecision = async (): Promise<Record<string, unknown>> => {
    const decisions = (await local('GET', '/_local/decisions?limit=1')).body.decisions as Record<
      string,
      unknown
    >[];
    return decisions[0]!;
  };

  it("a denied call's decision names the statement and the condition that failed, with the domain's tag", async () => {
    const client = emulator.client({ credentials: reader });
    const error = await errorOf(() =>
      client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'other-team' })),
    );
    assert.equal(error.name, 'AccessDeniedException');
    // AWS's text is unchanged: the explanation is the emulator's own, beside it.
    const denial = (action: string) =>
      `User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: ${action} on resource: arn:aws:es:us-east-1:${ACCOUNT}:domain/other-team because no identity-based policy allows the ${action} action`;
    assert.equal(
      error.message,
      `[${denial('es:DescribeDomain')}, ${denial('es:DescribeElasticsearchDomain')}]`,
    );
    const decision = await lastDecision();
    assert.equal(decision.reason, 'implicit-deny-identity');
    assert.deepEqual(decision.unmet, [teamSearchUnmet('other')]);
  });

  it("a tag key the policy doesn't allow: the request's aws:TagKeys beside the allowed ones", async () => {
    const client = emulator.client({ credentials: reader });
    const error = await errorOf(() =>
      client.send(
        new AddTagsCommand({
          ARN: `arn:aws:es:us-east-1:${ACCOUNT}:domain/other-team`,
          TagList: [
            { Key: 'team', Value: 'search' },
            { Key: 'owner', Value: 'me' },
          ],
        }),
      ),
    );
    assert.equal(error.name, 'AccessDeniedException');
    const [unmet] = (await lastDecision()).unmet as UnmetStatement[];
    assert.equal(unmet?.statement, 'TagOnlyTeam');
    assert.deepEqual(unmet?.condition, {
      operator: 'ForAllValues:StringEquals',
      key: 'aws:TagKeys',
      values: ['team'],
      requestValue: ['team', 'owner'],
    });
  });

  it('a policy variable in the condition that failed: its value for the caller beside the value as written', async () => {
    const error = await errorOf(() =>
      emulator
        .client({ credentials: alice })
        .send(new DescribeElasticsearchDomainCommand({ DomainName: 'other-team' })),
    );
    assert.equal(error.name, 'AccessDeniedException');
    assert.deepEqual((await lastDecision()).unmet, [
      {
        policy: 'inline:own',
        statement: 'DescribeOwn',
        effect: 'Allow',
        unmet: 'Condition',
        condition: {
          operator: 'StringEquals',
          key: 'aws:ResourceTag/owner',
          values: ['${aws:username}'],
          requestValue: 'bob',
          substitutedValues: ['alice'],
        },
      },
    ]);
  });

  it('an unmet list cut short says how many statements it leaves out, in the decision and in simulate', async () => {
    const error = await errorOf(() =>
      emulator
        .client({ credentials: many })
        .send(new DescribeElasticsearchDomainCommand({ DomainName: 'other-team' })),
    );
    assert.equal(error.name, 'AccessDeniedException');
    const decision = await lastDecision();
    assert.equal((decision.unmet as UnmetStatement[]).length, UNMET_STATEMENTS_SHOWN);
    assert.equal(decision.unmetNotShown, 12 - UNMET_STATEMENTS_SHOWN);
    const simulated = await local('POST', '/_local/simulate', {
      principalArn: `arn:aws:iam::${ACCOUNT}:user/many`,
      action: 'es:DescribeElasticsearchDomain',
      resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/other-team`,
    });
    assert.equal(simulated.body.unmetNotShown, 12 - UNMET_STATEMENTS_SHOWN);
  });

  it('ListDomainNames takes no resource: an Allow on domain/* does not allow it, though its denial names domain/*', async () => {
    const error = await errorOf(() =>
      emulator.client({ credentials: lister }).send(new ListDomainNamesCommand({})),
    );
    assert.equal(error.name, 'AccessDeniedException');
    assert.equal(
      error.message,
      `User: arn:aws:iam::${ACCOUNT}:user/lister is not authorized to perform: es:ListDomainNames on resource: arn:aws:es:us-east-1:${ACCOUNT}:domain/* because no identity-based policy allows the es:ListDomainNames action`,
    );
    const decision = await lastDecision();
    // The decision names the resource it was made on, `*`, which the statement's Resource does not take in.
    assert.equal(decision.resource, '*');
    assert.deepEqual(decision.unmet, [
      { policy: 'inline:list', statement: 'ListDomainsStar', effect: 'Allow', unmet: 'Resource' },
    ]);
  });

  it('an allowed call names its first deciding statements and counts the others, in the decision and in simulate', async () => {
    await emulator
      .client({ credentials: broad })
      .send(new DescribeElasticsearchDomainCommand({ DomainName: 'other-team' }));
    const decision = await lastDecision();
    assert.equal(decision.decision, 'Allow');
    assert.equal((decision.statements as unknown[]).length, DECIDING_STATEMENTS_SHOWN);
    assert.equal(decision.statementsNotShown, 12 - DECIDING_STATEMENTS_SHOWN);
    const simulated = await local('POST', '/_local/simulate', {
      principalArn: `arn:aws:iam::${ACCOUNT}:user/broad`,
      action: 'es:DescribeElasticsearchDomain',
      resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/other-team`,
    });
    assert.equal(simulated.body.statementsNotShown, 12 - DECIDING_STATEMENTS_SHOWN);
  });

  it('an explicit denial names the denying statements of every kind of policy, the reason the first kind', async () => {
    const error = await errorOf(() =>
      emulator.client({ credentials: fenced }).send(new ListDomainNamesCommand({})),
    );
    assert.equal(error.name, 'AccessDeniedException');
    assert.match(error.message, /with an explicit deny in an identity-based policy$/);
    const decision = await lastDecision();
    assert.equal(decision.reason, 'explicit-deny-identity');
    assert.deepEqual(decision.statements, [
      { policy: 'inline:own', statement: 'NoList', effect: 'Deny' },
      { policy: `arn:aws:iam::${ACCOUNT}:policy/no-listing`, statement: 'BoundaryNoList', effect: 'Deny' },
    ]);
  });

  it("the 2021 API's action names allow and deny this API's calls as the 2015 names do", async () => {
    // AWS's Service Authorization Reference maps DescribeElasticsearchDomain to es:DescribeDomain and
    // es:DescribeElasticsearchDomain; its rename guide: "the same applies to explicit denies".
    const client = emulator.client({ credentials: renamed });
    const described = await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'other-team' }));
    assert.equal(described.DomainStatus?.DomainName, 'other-team');
    const allowed = await lastDecision();
    assert.equal(allowed.decision, 'Allow');
    assert.equal(allowed.action, 'es:DescribeElasticsearchDomain');
    assert.equal(allowed.otherAction, 'es:DescribeDomain');
    assert.deepEqual(allowed.statements, [
      { policy: 'inline:new-names', statement: 'DescribeNew', effect: 'Allow' },
    ]);

    await emulator
      .client({ credentials: rootKey })
      .send(new CreateElasticsearchDomainCommand(testDomainInput('renamed-target')));
    // DeleteOld allows es:DeleteElasticsearchDomain, NoDeleteNew denies es:DeleteDomain: the Deny wins, and the
    // denial names the action it denies.
    const error = await errorOf(() =>
      client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'renamed-target' })),
    );
    assert.equal(error.name, 'AccessDeniedException');
    assert.equal(
      error.message,
      `User: arn:aws:iam::${ACCOUNT}:user/renamed is not authorized to perform: es:DeleteDomain on resource: arn:aws:es:us-east-1:${ACCOUNT}:domain/renamed-target with an explicit deny in an identity-based policy`,
    );
    const denied = await lastDecision();
    assert.equal(denied.reason, 'explicit-deny-identity');
    assert.deepEqual(denied.statements, [
      { policy: 'inline:new-names', statement: 'NoDeleteNew', effect: 'Deny' },
    ]);
    const simulated = await local('POST', '/_local/simulate', {
      principalArn: `arn:aws:iam::${ACCOUNT}:user/renamed`,
      action: 'es:DeleteElasticsearchDomain',
      resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/renamed-target`,
    });
    assert.equal(simulated.body.decision, 'Deny');
    assert.equal(simulated.body.otherAction, 'es:DeleteDomain');
    assert.equal(simulated.body.message, error.message);
    // The 2021 name simulated decides as the 2015 one: the same two actions.
    const simulatedNew = await local('POST', '/_local/simulate', {
      principalArn: `arn:aws:iam::${ACCOUNT}:user/renamed`,
      action: 'es:DescribeDomain',
      resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/other-team`,
    });
    assert.equal(simulatedNew.body.decision, 'Allow');
    assert.equal(simulatedNew.body.otherAction, 'es:DescribeElasticsearchDomain');
  });

  it('simulate answers the same explanation, and the context keys its call did not carry', async () => {
    const simulated = await local('POST', '/_local/simulate', {
      principalArn: `arn:aws:iam::${ACCOUNT}:user/reader`,
      action: 'es:DescribeElasticsearchDomain',
      resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/not-stored`,
    });
    assert.equal(simulated.status, 200, JSON.stringify(simulated.body));
    assert.equal(simulated.body.decision, 'Deny');
    assert.deepEqual(simulated.body.missingContextKeys, ['aws:ResourceTag/team']);
    assert.deepEqual(simulated.body.unmet, [teamSearchUnmet(null)]);
    const supplied = await local('POST', '/_local/simulate', {
      principalArn: `arn:aws:iam::${ACCOUNT}:user/reader`,
      action: 'es:DescribeElasticsearchDomain',
      resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/not-stored`,
      context: { 'aws:ResourceTag/team': 'search' },
    });
    assert.equal(supplied.body.decision, 'Allow');
    assert.deepEqual(supplied.body.missingContextKeys, []);
    assert.equal(supplied.body.unmet, undefined);
  });

  it("simulate without a resource decides an action on domains on the Region's domain/*, as a real call naming none", async () => {
    // The real call: DescribeElasticsearchDomains naming no domain is decided on domain/*, which the Allow on the
    // account's domains takes in.
    const client = emulator.client({ credentials: reader });
    const answer = await client.send(new DescribeElasticsearchDomainsCommand({ DomainNames: [] }));
    assert.deepEqual(answer.DomainStatusList, []);
    assert.equal((await lastDecision()).resource, `arn:aws:es:us-east-1:${ACCOUNT}:domain/*`);
    const simulated = await local('POST', '/_local/simulate', {
      principalArn: `arn:aws:iam::${ACCOUNT}:user/reader`,
      action: 'es:DescribeElasticsearchDomains',
    });
    assert.equal(simulated.body.resource, `arn:aws:es:us-east-1:${ACCOUNT}:domain/*`);
    assert.equal(simulated.body.decision, 'Allow');
    // An action on no resource type keeps `*`.
    const listing = await local('POST', '/_local/simulate', {
      principalArn: `arn:aws:iam::${ACCOUNT}:user/reader`,
      action: 'es:ListDomainNames',
    });
    assert.equal(listing.body.resource, '*');
  });
});

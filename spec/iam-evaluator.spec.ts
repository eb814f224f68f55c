import assert from 'node:assert/strict';
import { compilePolicy, evaluate } from '../server/iam/evaluator';
import { parseDate } from '../server/iam/evaluator/conditions/date';
import type {
  DecisionReason,
  EvaluationRequest,
  PolicyDocument,
  PolicyStatement,
  RequestContextKeys,
} from '../server/iam/types';

/**
 * Unit tables of the IAM evaluator. Every table goes through one helper, `decisionTable`: each row is a
 * request with its policies and the decision AWS makes for it.
 */

const ACCOUNT = '111122223333';
const DOMAIN_ARN = `arn:aws:es:us-east-1:${ACCOUNT}:domain/my-domain`;

interface DecisionRow {
  name: string;
  /** Statements of one identity-based policy named `identity` (ignored when `identity` is given). */
  statements?: PolicyStatement | PolicyStatement[];
  /** The Version of that policy; absent means no Version element (2008-10-17). */
  version?: string;
  /** Identity-based policies as documents, named `identity-0`, `identity-1`... */
  identity?: PolicyDocument[];
  boundary?: PolicyDocument;
  session?: PolicyDocument;
  action?: string;
  /** The same operation's action under its other name (EvaluationRequest.otherAction). */
  otherAction?: string;
  resource?: string;
  context?: RequestContextKeys;
  expect: DecisionReason;
  /** The deciding statements as `policy/statement`, when the row checks them. */
  decidedBy?: string[];
}

function requestOf(row: DecisionRow): EvaluationRequest {
  const identityDocuments = row.identity ?? [
    { ...(row.version === undefined ? {} : { Version: row.version }), Statement: row.statements ?? [] },
  ];
  return {
    action: row.action ?? 'es:DescribeElasticsearchDomain',
    ...(row.otherAction === undefined ? {} : { otherAction: row.otherAction }),
    resource: row.resource ?? DOMAIN_ARN,
    context: row.context ?? {},
    identityPolicies: identityDocuments.map((document, index) => ({
      name: row.identity ? `identity-${index}` : 'identity',
      document,
    })),
    ...(row.boundary ? { permissionsBoundary: { name: 'boundary', document: row.boundary } } : {}),
    ...(row.session ? { sessionPolicy: { name: 'session', document: row.session } } : {}),
  };
}

function decisionTable(title: string, rows: readonly DecisionRow[]): void {
  describe(title, () => {
    for (const row of rows) {
      it(`${row.name} → ${row.expect}`, () => {
        const decision = evaluate(requestOf(row));
        assert.equal(decision.reason, row.expect);
        assert.equal(decision.allowed, row.expect === 'allowed');
        if (row.decidedBy) {
          assert.deepEqual(
            decision.statements.map((statement) => `${statement.policy}/${statement.statement}`),
            row.decidedBy,
          );
        }
      });
    }
  });
}

/** A row whose only statement allows everything under one Condition block (2012-10-17). */
function conditionRow(
  name: string,
  condition: Record<string, Record<string, unknown>>,
  context: RequestContextKeys,
  holds: boolean,
  version = '2012-10-17',
): DecisionRow {
  return {
    name,
    version,
    statements: { Effect: 'Allow', Action: '*', Resource: '*', Condition: condition },
    context,
    expect: holds ? 'allowed' : 'implicit-deny-identity',
  };
}

const allowAll: PolicyStatement = { Effect: 'Allow', Action: '*', Resource: '*' };
const V12 = '2012-10-17';

decisionTable('the default deny and explicit deny', [
  { name: 'no policy at all', identity: [], expect: 'implicit-deny-identity', decidedBy: [] },
  { name: 'an empty policy', statements: [], expect: 'implicit-deny-identity' },
  { name: 'an applicable Allow', statements: [allowAll], expect: 'allowed', decidedBy: ['identity/#0'] },
  {
    name: 'a Deny wins over an Allow of the same policy',
    statements: [allowAll, { Sid: 'NoDescribe', Effect: 'Deny', Action: 'es:Describe*', Resource: '*' }],
    expect: 'explicit-deny-identity',
    decidedBy: ['identity/NoDescribe'],
  },
  {
    name: 'a Deny in another policy wins over an Allow',
    identity: [
      { Version: V12, Statement: [allowAll] },
      { Version: V12, Statement: [{ Effect: 'Deny', Action: 'es:*', Resource: DOMAIN_ARN }] },
    ],
    expect: 'explicit-deny-identity',
    decidedBy: ['identity-1/#0'],
  },
  {
    name: 'a Deny whose condition does not hold does not apply',
    statements: [
      allowAll,
      {
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceTag/team': 'secret' } },
      },
    ],
    context: { 'aws:ResourceTag/team': 'search' },
    expect: 'allowed',
  },
  {
    name: 'a Deny for another action does not apply',
    statements: [allowAll, { Effect: 'Deny', Action: 'es:DeleteElasticsearchDomain', Resource: '*' }],
    expect: 'allowed',
  },
  {
    name: 'Statement as a single object',
    identity: [{ Version: V12, Statement: { Sid: 'One', Effect: 'Allow', Action: 'es:*', Resource: '*' } }],
    expect: 'allowed',
    decidedBy: ['identity-0/One'],
  },
  {
    name: 'every allowing statement is reported',
    statements: [allowAll, { Sid: 'Es', Effect: 'Allow', Action: 'es:*', Resource: '*' }],
    expect: 'allowed',
    decidedBy: ['identity/#0', 'identity/Es'],
  },
  {
    name: 'a statement with an invalid Effect never applies, and labels keep the document index',
    statements: [
      { Effect: 'deny', Action: '*', Resource: '*' } as unknown as PolicyStatement,
      null as unknown as PolicyStatement,
      allowAll,
    ],
    expect: 'allowed',
    decidedBy: ['identity/#2'],
  },
  {
    // Terraform's aws_iam_policy_document long wrote "Sid": "" into every statement (getmoto/moto#2415: AWS
    // accepts such policies): an empty Sid names nothing, so the index tells the statements apart.
    name: 'a statement with an empty Sid is labelled by its index, as one without a Sid',
    statements: [
      allowAll,
      { Sid: '', Effect: 'Deny', Action: 'es:Describe*', Resource: '*' },
      { Sid: '', Effect: 'Deny', Action: '*', Resource: DOMAIN_ARN },
    ],
    expect: 'explicit-deny-identity',
    decidedBy: ['identity/#1', 'identity/#2'],
  },
  {
    name: 'a statement without Resource or NotResource applies to nothing in an identity policy',
    statements: [{ Effect: 'Allow', Action: '*' } as PolicyStatement],
    expect: 'implicit-deny-identity',
  },
]);

decisionTable('actions: case-insensitive, `*` and `?` wildcards, NotAction', [
  ...(
    [
      ['*', 'es:DescribeElasticsearchDomain', true],
      ['es:*', 'es:DescribeElasticsearchDomain', true],
      ['es:*', 'ec2:DescribeInstances', false],
      ['es:Describe*', 'es:DescribeElasticsearchDomain', true],
      ['es:Describe*', 'es:DeleteElasticsearchDomain', false],
      ['es:describeelasticsearchdomain', 'es:DescribeElasticsearchDomain', true],
      ['ES:DESCRIBE*', 'es:describeElasticsearchDomain', true],
      ['es:?istDomainNames', 'es:ListDomainNames', true],
      ['es:?ListDomainNames', 'es:ListDomainNames', false],
      ['es:List*Names', 'es:ListDomainNames', true],
      ['es:*Domain*', 'es:ListDomainNames', true],
      ['es:ESHttp*', 'es:ESHttpGet', true],
      ['e*:List*', 'es:ListDomainNames', true],
      ['es:Describe', 'es:DescribeElasticsearchDomain', false],
    ] as const
  ).map(([pattern, action, applies]): DecisionRow => ({
    name: `Action ${pattern} for ${action}`,
    statements: { Effect: 'Allow', Action: pattern, Resource: '*' },
    action,
    expect: applies ? 'allowed' : 'implicit-deny-identity',
  })),
  {
    name: 'one of several actions',
    statements: { Effect: 'Allow', Action: ['es:AddTags', 'es:ListTags'], Resource: '*' },
    action: 'es:ListTags',
    expect: 'allowed',
  },
  {
    name: 'NotAction allows the actions not listed',
    statements: { Effect: 'Allow', NotAction: 'es:Delete*', Resource: '*' },
    action: 'es:CreateElasticsearchDomain',
    expect: 'allowed',
  },
  {
    name: 'NotAction does not allow a listed action',
    statements: { Effect: 'Allow', NotAction: ['es:Delete*', 'es:Update*'], Resource: '*' },
    action: 'es:DeleteElasticsearchDomain',
    expect: 'implicit-deny-identity',
  },
  {
    name: 'a Deny with NotAction denies every other action',
    statements: [allowAll, { Effect: 'Deny', NotAction: 'es:Describe*', Resource: '*' }],
    action: 'es:DeleteElasticsearchDomain',
    expect: 'explicit-deny-identity',
  },
  {
    name: 'a Deny with NotAction spares the listed actions',
    statements: [allowAll, { Effect: 'Deny', NotAction: 'es:Describe*', Resource: '*' }],
    action: 'es:DescribeElasticsearchDomain',
    expect: 'allowed',
  },
]);

decisionTable('resources: ARN matching segment by segment, NotResource', [
  ...(
    [
      ['*', DOMAIN_ARN, true],
      ['*', '*', true],
      [DOMAIN_ARN, DOMAIN_ARN, true],
      [`arn:aws:es:us-east-1:${ACCOUNT}:domain/My-Domain`, DOMAIN_ARN, false],
      ['arn:aws:es:*:*:domain/my-*', DOMAIN_ARN, true],
      ['arn:aws:es:*:*:domain/my-team-name-*', DOMAIN_ARN, false],
      [
        'arn:aws:es:*:*:domain/my-team-name-*',
        `arn:aws:es:eu-west-1:${ACCOUNT}:domain/my-team-name-logs`,
        true,
      ],
      ['arn:aws:es:*:*:domain/my-team-name-*', `arn:aws:iam::${ACCOUNT}:domain/my-team-name-logs`, false],
      ['arn:aws:es:us-*:*:domain/*', DOMAIN_ARN, true],
      ['arn:aws:es:eu-*:*:domain/*', DOMAIN_ARN, false],
      ['arn:aws:es:us-east-?:*:domain/my-domain', DOMAIN_ARN, true],
      ['arn:aws:es:us-east-??:*:domain/my-domain', DOMAIN_ARN, false],
      ['arn:aws:es:*:*:*', DOMAIN_ARN, true],
      ['arn:aws:es:*:*:domain/my-domain/*', DOMAIN_ARN, false],
      ['arn:aws:es:*:*:domain/my-domain/*', `${DOMAIN_ARN}/index/_search`, true],
      ['arn:aws:es:*:*:domain/my-domain*', `${DOMAIN_ARN}/index`, true],
      // A `*` ending a segment of a short pattern reaches past the colons that follow it (IAM's guide: it "can
      // expand to match beyond the colon boundaries"), at the end of the pattern or in its middle...
      ['arn:aws:es:*', DOMAIN_ARN, true],
      ['arn:aws:es:us-east-1:*', DOMAIN_ARN, true],
      ['arn:aws:es:*:domain/my-domain', DOMAIN_ARN, true],
      ['arn:aws:es:us-*:domain/my-domain', DOMAIN_ARN, true],
      ['arn:aws:es:*:domain/other', DOMAIN_ARN, false],
      // ...but not a `?` nor a `*` inside a segment, and no wildcard reaches back over the service segment.
      ['arn:aws:es:us-east-?:domain/my-domain', DOMAIN_ARN, false],
      ['arn:aws:es:*-1:domain/my-domain', DOMAIN_ARN, false],
      // Only a `*` that is the segment's last character: `*3` would take "us-east-1:111122223333", `*/my-domain`
      // would take "111122223333:domain/my-domain".
      ['arn:aws:es:*3:domain/my-domain', DOMAIN_ARN, false],
      ['arn:aws:es:us-east-1:*/my-domain', DOMAIN_ARN, false],
      ['arn:aws:e*', DOMAIN_ARN, false],
      ['arn:aws:*', DOMAIN_ARN, false],
      [`arn:aws:es:us-east-1:${ACCOUNT}`, DOMAIN_ARN, false],
      // An action without resource-level permissions has the resource `*`: only `*` covers it.
      ['arn:aws:es:*:*:*', '*', false],
      ['arn:aws:es:*:*:domain/*', '*', false],
    ] as const
  ).map(([pattern, resource, applies]): DecisionRow => ({
    name: `Resource ${pattern} for ${resource}`,
    statements: { Effect: 'Allow', Action: 'es:*', Resource: pattern },
    resource,
    expect: applies ? 'allowed' : 'implicit-deny-identity',
  })),
  {
    name: 'one of several resources',
    statements: { Effect: 'Allow', Action: 'es:*', Resource: ['arn:aws:es:*:*:domain/other', DOMAIN_ARN] },
    expect: 'allowed',
  },
  {
    name: 'NotResource allows the resources not listed',
    statements: { Effect: 'Allow', Action: 'es:*', NotResource: 'arn:aws:es:*:*:domain/secret-*' },
    expect: 'allowed',
  },
  {
    name: 'NotResource does not allow a listed resource',
    statements: { Effect: 'Allow', Action: 'es:*', NotResource: 'arn:aws:es:*:*:domain/my-*' },
    expect: 'implicit-deny-identity',
  },
  {
    name: 'NotResource with an ARN covers the resource `*`',
    statements: { Effect: 'Allow', Action: 'es:*', NotResource: 'arn:aws:es:*:*:domain/secret-*' },
    action: 'es:ListDomainNames',
    resource: '*',
    expect: 'allowed',
  },
  {
    name: 'a Deny with NotResource denies every other resource',
    statements: [allowAll, { Effect: 'Deny', Action: '*', NotResource: 'arn:aws:es:*:*:domain/public-*' }],
    expect: 'explicit-deny-identity',
  },
]);

// An operation the 2021 API renamed is decided on both its actions: a statement naming either takes part, an Allow
// of either allows and a Deny of either denies (AWS's rename guide: "the same applies to explicit denies").
decisionTable('an operation known by two actions', [
  {
    name: 'an Allow of the 2021 name alone',
    otherAction: 'es:DescribeDomain',
    statements: { Sid: 'New', Effect: 'Allow', Action: 'es:DescribeDomain', Resource: '*' },
    expect: 'allowed',
    decidedBy: ['identity/New'],
  },
  {
    name: 'an Allow of the 2021 name, in another letter case',
    otherAction: 'es:DescribeDomain',
    statements: { Sid: 'New', Effect: 'Allow', Action: 'ES:describedomain', Resource: '*' },
    expect: 'allowed',
  },
  {
    name: 'the 2021 name alone, without the request carrying it: another action',
    statements: { Sid: 'New', Effect: 'Allow', Action: 'es:DescribeDomain', Resource: '*' },
    expect: 'implicit-deny-identity',
  },
  {
    name: 'an Allow of the 2015 name and a Deny of the 2021 name',
    otherAction: 'es:DescribeDomain',
    statements: [
      { Sid: 'Old', Effect: 'Allow', Action: 'es:DescribeElasticsearchDomain', Resource: '*' },
      { Sid: 'NoNew', Effect: 'Deny', Action: 'es:DescribeDomain', Resource: '*' },
    ],
    expect: 'explicit-deny-identity',
    decidedBy: ['identity/NoNew'],
  },
  {
    name: 'a Deny of the 2021 name whose condition does not hold',
    otherAction: 'es:DescribeDomain',
    statements: [
      { Sid: 'Old', Effect: 'Allow', Action: 'es:DescribeElasticsearchDomain', Resource: '*' },
      {
        Sid: 'NoNew',
        Effect: 'Deny',
        Action: 'es:DescribeDomain',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
    context: { 'aws:SecureTransport': 'true' },
    expect: 'allowed',
    decidedBy: ['identity/Old'],
  },
  {
    name: 'an Allow of NotAction the 2015 name: it takes in the 2021 name',
    otherAction: 'es:DescribeDomain',
    statements: {
      Sid: 'AllBut',
      Effect: 'Allow',
      NotAction: 'es:DescribeElasticsearchDomain',
      Resource: '*',
    },
    expect: 'allowed',
  },
  {
    name: 'an Allow of NotAction both names',
    otherAction: 'es:DescribeDomain',
    statements: {
      Effect: 'Allow',
      NotAction: ['es:DescribeElasticsearchDomain', 'es:DescribeDomain'],
      Resource: '*',
    },
    expect: 'implicit-deny-identity',
  },
  {
    name: 'a Deny of NotAction the 2021 name: it takes in the 2015 name',
    otherAction: 'es:DescribeDomain',
    statements: [
      { Effect: 'Allow', Action: 'es:*', Resource: '*' },
      { Sid: 'OnlyNew', Effect: 'Deny', NotAction: 'es:DescribeDomain', Resource: '*' },
    ],
    expect: 'explicit-deny-identity',
    decidedBy: ['identity/OnlyNew'],
  },
  {
    name: 'a boundary allowing the 2021 name only, identity the 2015 name',
    otherAction: 'es:DescribeDomain',
    statements: { Effect: 'Allow', Action: 'es:DescribeElasticsearchDomain', Resource: '*' },
    boundary: { Statement: { Effect: 'Allow', Action: 'es:DescribeDomain', Resource: '*' } },
    expect: 'allowed',
  },
  {
    name: 'a session policy denying the 2021 name',
    otherAction: 'es:DescribeDomain',
    statements: { Effect: 'Allow', Action: 'es:*', Resource: '*' },
    session: {
      Statement: [
        { Effect: 'Allow', Action: 'es:*', Resource: '*' },
        { Effect: 'Deny', Action: 'es:Describe*Domain', Resource: '*' },
      ],
    },
    expect: 'explicit-deny-session',
  },
]);

describe('string condition operators', () => {
  decisionTable('StringEquals and StringNotEquals', [
    conditionRow('equal', { StringEquals: { 'aws:username': 'alice' } }, { 'aws:username': 'alice' }, true),
    conditionRow(
      'case-sensitive',
      { StringEquals: { 'aws:username': 'Alice' } },
      { 'aws:username': 'alice' },
      false,
    ),
    conditionRow(
      'different',
      { StringEquals: { 'aws:username': 'bob' } },
      { 'aws:username': 'alice' },
      false,
    ),
    conditionRow(
      'one of several values',
      { StringEquals: { 'aws:username': ['bob', 'alice'] } },
      { 'aws:username': 'alice' },
      true,
    ),
    conditionRow(
      'none of several values',
      { StringEquals: { 'aws:username': ['bob', 'carol'] } },
      { 'aws:username': 'alice' },
      false,
    ),
    conditionRow('missing key', { StringEquals: { 'aws:username': 'alice' } }, {}, false),
    conditionRow(
      'no wildcards in StringEquals',
      { StringEquals: { 'aws:username': 'a*' } },
      { 'aws:username': 'alice' },
      false,
    ),
    conditionRow(
      'Not: different',
      { StringNotEquals: { 'aws:username': 'bob' } },
      { 'aws:username': 'alice' },
      true,
    ),
    conditionRow(
      'Not: equal',
      { StringNotEquals: { 'aws:username': 'alice' } },
      { 'aws:username': 'alice' },
      false,
    ),
    conditionRow(
      'Not: equal to one of several',
      { StringNotEquals: { 'aws:username': ['bob', 'alice'] } },
      { 'aws:username': 'alice' },
      false,
    ),
    conditionRow(
      'Not: none of several',
      { StringNotEquals: { 'aws:username': ['bob', 'carol'] } },
      { 'aws:username': 'alice' },
      true,
    ),
    conditionRow('Not: missing key', { StringNotEquals: { 'aws:username': 'alice' } }, {}, true),
    conditionRow(
      'numbers and booleans as values',
      { StringEquals: { 'aws:EpochTime': 1700000000 } },
      { 'aws:EpochTime': '1700000000' },
      true,
    ),
  ]);
  decisionTable('StringEqualsIgnoreCase and StringNotEqualsIgnoreCase', [
    conditionRow(
      'other case',
      { StringEqualsIgnoreCase: { 'aws:username': 'ALICE' } },
      { 'aws:username': 'alice' },
      true,
    ),
    conditionRow(
      'different',
      { StringEqualsIgnoreCase: { 'aws:username': 'BOB' } },
      { 'aws:username': 'alice' },
      false,
    ),
    conditionRow(
      'several values',
      { StringEqualsIgnoreCase: { 'aws:username': ['x', 'Alice'] } },
      { 'aws:username': 'aLiCe' },
      true,
    ),
    conditionRow('missing key', { StringEqualsIgnoreCase: { 'aws:username': 'alice' } }, {}, false),
    conditionRow(
      'Not: other case',
      { StringNotEqualsIgnoreCase: { 'aws:username': 'ALICE' } },
      { 'aws:username': 'alice' },
      false,
    ),
    conditionRow(
      'Not: different',
      { StringNotEqualsIgnoreCase: { 'aws:username': ['BOB', 'CAROL'] } },
      { 'aws:username': 'alice' },
      true,
    ),
    conditionRow('Not: missing key', { StringNotEqualsIgnoreCase: { 'aws:username': 'alice' } }, {}, true),
  ]);
  decisionTable('StringLike and StringNotLike', [
    conditionRow('`*`', { StringLike: { 'aws:username': 'al*' } }, { 'aws:username': 'alice' }, true),
    conditionRow(
      '`*` in the middle',
      { StringLike: { 'aws:username': 'a*e' } },
      { 'aws:username': 'alice' },
      true,
    ),
    conditionRow('`?`', { StringLike: { 'aws:username': 'al?ce' } }, { 'aws:username': 'alice' }, true),
    conditionRow(
      '`?` is one character',
      { StringLike: { 'aws:username': 'al?e' } },
      { 'aws:username': 'alice' },
      false,
    ),
    conditionRow(
      '`?` is one character outside the Basic Multilingual Plane too (two UTF-16 units)',
      { StringLike: { 'aws:PrincipalTag/team': 'a?b' } },
      { 'aws:PrincipalTag/team': 'a\u{20000}b' },
      true,
    ),
    conditionRow(
      '`??` is two characters, not the two halves of one',
      { StringLike: { 'aws:PrincipalTag/team': '??' } },
      { 'aws:PrincipalTag/team': '\u{1D49C}' },
      false,
    ),
    conditionRow(
      'case-sensitive',
      { StringLike: { 'aws:username': 'AL*' } },
      { 'aws:username': 'alice' },
      false,
    ),
    conditionRow(
      'one of several',
      { StringLike: { 'aws:username': ['b*', 'a*'] } },
      { 'aws:username': 'alice' },
      true,
    ),
    conditionRow('missing key', { StringLike: { 'aws:username': '*' } }, {}, false),
    conditionRow(
      'Not: matches',
      { StringNotLike: { 'aws:username': 'a*' } },
      { 'aws:username': 'alice' },
      false,
    ),
    conditionRow(
      'Not: matches one of several',
      { StringNotLike: { 'aws:username': ['b*', 'a*'] } },
      { 'aws:username': 'alice' },
      false,
    ),
    conditionRow(
      'Not: matches none',
      { StringNotLike: { 'aws:username': ['b*', 'c*'] } },
      { 'aws:username': 'alice' },
      true,
    ),
    conditionRow('Not: missing key', { StringNotLike: { 'aws:username': 'a*' } }, {}, true),
  ]);
});

decisionTable('numeric condition operators', [
  conditionRow('Equals', { NumericEquals: { 'es:n': '10' } }, { 'es:n': '10' }, true),
  conditionRow('Equals, decimal forms', { NumericEquals: { 'es:n': 10 } }, { 'es:n': '10.0' }, true),
  conditionRow('Equals, different', { NumericEquals: { 'es:n': '10' } }, { 'es:n': '11' }, false),
  conditionRow('Equals, one of several', { NumericEquals: { 'es:n': ['1', '11'] } }, { 'es:n': '11' }, true),
  conditionRow('Equals, not a number', { NumericEquals: { 'es:n': '10' } }, { 'es:n': 'ten' }, false),
  conditionRow('Equals, missing key', { NumericEquals: { 'es:n': '10' } }, {}, false),
  conditionRow(
    'Equals, an empty string is no number (not 0)',
    { NumericEquals: { 'es:n': '0' } },
    { 'es:n': '' },
    false,
  ),
  conditionRow('NotEquals, different', { NumericNotEquals: { 'es:n': '10' } }, { 'es:n': '11' }, true),
  conditionRow(
    'NotEquals, equal to one',
    { NumericNotEquals: { 'es:n': ['10', '11'] } },
    { 'es:n': '11' },
    false,
  ),
  conditionRow('NotEquals, missing key', { NumericNotEquals: { 'es:n': '10' } }, {}, true),
  conditionRow('LessThan', { NumericLessThan: { 'es:n': '10' } }, { 'es:n': '9' }, true),
  conditionRow('LessThan, equal', { NumericLessThan: { 'es:n': '10' } }, { 'es:n': '10' }, false),
  conditionRow('LessThan, missing key', { NumericLessThan: { 'es:n': '10' } }, {}, false),
  conditionRow('LessThanEquals, equal', { NumericLessThanEquals: { 'es:n': '10' } }, { 'es:n': '10' }, true),
  conditionRow(
    'LessThanEquals, greater',
    { NumericLessThanEquals: { 'es:n': '10' } },
    { 'es:n': '10.5' },
    false,
  ),
  conditionRow('GreaterThan', { NumericGreaterThan: { 'es:n': '10' } }, { 'es:n': '11' }, true),
  conditionRow('GreaterThan, equal', { NumericGreaterThan: { 'es:n': '10' } }, { 'es:n': '10' }, false),
  conditionRow(
    'GreaterThanEquals, equal',
    { NumericGreaterThanEquals: { 'es:n': '10' } },
    { 'es:n': '10' },
    true,
  ),
  conditionRow(
    'GreaterThanEquals, less',
    { NumericGreaterThanEquals: { 'es:n': '10' } },
    { 'es:n': '-3' },
    false,
  ),
  conditionRow(
    'GreaterThan, one of several',
    { NumericGreaterThan: { 'es:n': ['100', '5'] } },
    { 'es:n': '10' },
    true,
  ),
]);

describe('dates in conditions, whatever the host time zone', () => {
  // A date and time without a zone is UTC; `t` and `z` are read as `T` and `Z` (the forms' letter case does not
  // matter): the same instant under every TZ the process runs with.
  const zones = ['UTC', 'America/New_York', 'Asia/Tokyo'];
  const texts = [
    '2026-01-01T00:00:00',
    '2026-01-01t00:00:00',
    '2026-01-01t00:00:00z',
    '2026-01-01',
    '1767225600',
  ];
  for (const zone of zones) {
    it(`reads ${texts.join(', ')} as 2026-01-01 00:00 UTC under TZ=${zone}`, () => {
      const before = process.env.TZ;
      process.env.TZ = zone;
      try {
        assert.deepEqual(
          texts.map((text) => parseDate(text)),
          texts.map(() => Date.UTC(2026, 0, 1)),
        );
      } finally {
        if (before === undefined) delete process.env.TZ;
        else process.env.TZ = before;
      }
    });
  }
});

decisionTable('date condition operators', [
  conditionRow(
    'Equals, ISO 8601',
    { DateEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } },
    { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
    true,
  ),
  conditionRow(
    'Equals, epoch seconds against ISO',
    { DateEquals: { 'aws:CurrentTime': '1767225600' } },
    { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
    true,
  ),
  conditionRow(
    'Equals, different',
    { DateEquals: { 'aws:CurrentTime': '2026-01-02' } },
    { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
    false,
  ),
  conditionRow('Equals, missing key', { DateEquals: { 'aws:CurrentTime': '2026-01-01' } }, {}, false),
  conditionRow(
    'NotEquals, different',
    { DateNotEquals: { 'aws:CurrentTime': '2026-01-02T00:00:00Z' } },
    { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
    true,
  ),
  conditionRow(
    'NotEquals, equal to one',
    { DateNotEquals: { 'aws:CurrentTime': ['2020-01-01T00:00:00Z', '2026-01-01T00:00:00Z'] } },
    { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
    false,
  ),
  conditionRow('NotEquals, missing key', { DateNotEquals: { 'aws:CurrentTime': '2026-01-01' } }, {}, true),
  conditionRow(
    'LessThan, before',
    { DateLessThan: { 'aws:CurrentTime': '2026-06-30T00:00:00Z' } },
    { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
    true,
  ),
  conditionRow(
    'LessThan, after',
    { DateLessThan: { 'aws:CurrentTime': '2025-06-30T00:00:00Z' } },
    { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
    false,
  ),
  conditionRow(
    'LessThanEquals, equal',
    { DateLessThanEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } },
    { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
    true,
  ),
  conditionRow(
    'GreaterThan, epoch key',
    { DateGreaterThan: { 'aws:EpochTime': '2025-01-01T00:00:00Z' } },
    { 'aws:EpochTime': '1767225600' },
    true,
  ),
  conditionRow(
    'GreaterThan, equal',
    { DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } },
    { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
    false,
  ),
  conditionRow(
    'GreaterThanEquals, equal',
    { DateGreaterThanEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00+00:00' } },
    { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
    true,
  ),
  conditionRow(
    'GreaterThan, one of several',
    { DateGreaterThan: { 'aws:CurrentTime': ['2030-01-01', '2020-01-01'] } },
    { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
    true,
  ),
  // IAM's guide: the W3C forms of ISO 8601, a year and month among them (the first of the month, UTC).
  conditionRow(
    'GreaterThanEquals, a year and month',
    { DateGreaterThanEquals: { 'aws:CurrentTime': '2026-01' } },
    { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
    true,
  ),
  conditionRow(
    'LessThan, a year and month',
    { DateLessThan: { 'aws:CurrentTime': '2026-01' } },
    { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
    false,
  ),
  conditionRow(
    'LessThan, request value not a date',
    { DateLessThan: { 'aws:CurrentTime': '2030-01-01' } },
    { 'aws:CurrentTime': 'yesterday' },
    false,
  ),
]);

decisionTable('Bool and BinaryEquals', [
  conditionRow(
    'Bool true',
    { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    { 'aws:MultiFactorAuthPresent': 'true' },
    true,
  ),
  conditionRow(
    'Bool as JSON boolean',
    { Bool: { 'aws:MultiFactorAuthPresent': true } },
    { 'aws:MultiFactorAuthPresent': 'true' },
    true,
  ),
  conditionRow(
    'Bool different',
    { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    { 'aws:MultiFactorAuthPresent': 'false' },
    false,
  ),
  conditionRow(
    'Bool, either value',
    { Bool: { 'aws:MultiFactorAuthPresent': ['true', 'false'] } },
    { 'aws:MultiFactorAuthPresent': 'false' },
    true,
  ),
  conditionRow('Bool, missing key', { Bool: { 'aws:MultiFactorAuthPresent': 'false' } }, {}, false),
  conditionRow(
    'BinaryEquals',
    { BinaryEquals: { 'es:blob': 'QmluYXJ5VmFsdWU=' } },
    { 'es:blob': 'QmluYXJ5VmFsdWU=' },
    true,
  ),
  conditionRow(
    'BinaryEquals, different',
    { BinaryEquals: { 'es:blob': 'QmluYXJ5VmFsdWU=' } },
    { 'es:blob': 'T3RoZXI=' },
    false,
  ),
  conditionRow(
    'BinaryEquals, one of several',
    { BinaryEquals: { 'es:blob': ['T3RoZXI=', 'QmluYXJ5VmFsdWU='] } },
    { 'es:blob': 'QmluYXJ5VmFsdWU=' },
    true,
  ),
  conditionRow('BinaryEquals, missing key', { BinaryEquals: { 'es:blob': 'QmluYXJ5VmFsdWU=' } }, {}, false),
  // IAM's guide: BinaryEquals compares the key's value "byte for byte" with the policy's base-64 value, so the
  // padding of the request's base64 changes nothing, and a value that is no base64 holds no bytes to compare.
  conditionRow(
    'BinaryEquals, the same bytes without padding',
    { BinaryEquals: { 'es:blob': 'QmluYXJ5VmFsdWU=' } },
    { 'es:blob': 'QmluYXJ5VmFsdWU' },
    true,
  ),
  conditionRow(
    'BinaryEquals, a request value that is no base64',
    { BinaryEquals: { 'es:blob': 'QQ==' } },
    { 'es:blob': 'Q!Q==' },
    false,
  ),
]);

decisionTable('IpAddress and NotIpAddress', [
  conditionRow(
    'IPv4 in CIDR',
    { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } },
    { 'aws:SourceIp': '192.0.2.17' },
    true,
  ),
  conditionRow(
    'IPv4 outside CIDR',
    { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } },
    { 'aws:SourceIp': '198.51.100.1' },
    false,
  ),
  conditionRow(
    'bare IPv4 is /32',
    { IpAddress: { 'aws:SourceIp': '192.0.2.1' } },
    { 'aws:SourceIp': '192.0.2.1' },
    true,
  ),
  conditionRow(
    'bare IPv4 is /32, neighbour',
    { IpAddress: { 'aws:SourceIp': '192.0.2.1' } },
    { 'aws:SourceIp': '192.0.2.2' },
    false,
  ),
  conditionRow(
    'IPv6 in CIDR',
    { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } },
    { 'aws:SourceIp': '2001:db8:1234::1' },
    true,
  ),
  conditionRow(
    'IPv6 outside CIDR',
    { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } },
    { 'aws:SourceIp': '2001:db9::1' },
    false,
  ),
  conditionRow(
    'bare IPv6 is /128',
    { IpAddress: { 'aws:SourceIp': '2001:db8::1' } },
    { 'aws:SourceIp': '2001:db8::1' },
    true,
  ),
  conditionRow(
    'IPv4-mapped IPv6 request address',
    { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } },
    { 'aws:SourceIp': '::ffff:192.0.2.5' },
    true,
  ),
  conditionRow(
    'IPv4 range, IPv6 address',
    { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } },
    { 'aws:SourceIp': '2001:db8::1' },
    false,
  ),
  conditionRow(
    'one of several ranges',
    { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.0.2.0/24'] } },
    { 'aws:SourceIp': '192.0.2.9' },
    true,
  ),
  conditionRow('missing key', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, {}, false),
  conditionRow(
    'Not: outside',
    { NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } },
    { 'aws:SourceIp': '198.51.100.1' },
    true,
  ),
  conditionRow(
    'Not: inside',
    { NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } },
    { 'aws:SourceIp': '192.0.2.1' },
    false,
  ),
  conditionRow(
    'Not: inside one of several',
    { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.0.2.0/24'] } },
    { 'aws:SourceIp': '10.1.2.3' },
    false,
  ),
  conditionRow('Not: missing key', { NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } }, {}, true),
]);

const ALICE_ARN = `arn:aws:iam::${ACCOUNT}:user/alice`;
decisionTable('ARN condition operators', [
  conditionRow(
    'ArnEquals',
    { ArnEquals: { 'aws:PrincipalArn': ALICE_ARN } },
    { 'aws:PrincipalArn': ALICE_ARN },
    true,
  ),
  conditionRow(
    'ArnEquals, different',
    { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:user/bob` } },
    { 'aws:PrincipalArn': ALICE_ARN },
    false,
  ),
  conditionRow(
    'ArnLike, wildcards per segment',
    { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/*' } },
    { 'aws:PrincipalArn': ALICE_ARN },
    true,
  ),
  conditionRow(
    'ArnLike, resource type differs',
    { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } },
    { 'aws:PrincipalArn': ALICE_ARN },
    false,
  ),
  conditionRow(
    'ArnLike, account `?`',
    { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::11112222333?:user/alice' } },
    { 'aws:PrincipalArn': ALICE_ARN },
    true,
  ),
  conditionRow(
    'ArnLike, `*` stays in the account segment',
    { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*' } },
    { 'aws:PrincipalArn': 'arn:aws:sts::111122223333:assumed-role/ci/build' },
    false,
  ),
  conditionRow(
    'ArnLike, one of several',
    { ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/*', 'arn:aws:iam::*:user/a*'] } },
    { 'aws:PrincipalArn': ALICE_ARN },
    true,
  ),
  conditionRow(
    'ArnLike, not an ARN',
    { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/*' } },
    { 'aws:PrincipalArn': 'alice' },
    false,
  ),
  conditionRow('ArnLike, missing key', { ArnLike: { 'aws:PrincipalArn': '*' } }, {}, false),
  conditionRow(
    'ArnNotEquals, different',
    { ArnNotEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:user/bob` } },
    { 'aws:PrincipalArn': ALICE_ARN },
    true,
  ),
  conditionRow(
    'ArnNotEquals, equal',
    { ArnNotEquals: { 'aws:PrincipalArn': ALICE_ARN } },
    { 'aws:PrincipalArn': ALICE_ARN },
    false,
  ),
  conditionRow(
    'ArnNotLike, matches one',
    { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/*', 'arn:aws:iam::*:user/*'] } },
    { 'aws:PrincipalArn': ALICE_ARN },
    false,
  ),
  conditionRow(
    'ArnNotLike, matches none',
    { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } },
    { 'aws:PrincipalArn': ALICE_ARN },
    true,
  ),
  conditionRow(
    'ArnNotLike, missing key',
    { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } },
    {},
    true,
  ),
]);

decisionTable('Null', [
  conditionRow('"true" and the key absent', { Null: { 'aws:TokenIssueTime': 'true' } }, {}, true),
  conditionRow(
    '"true" and the key present',
    { Null: { 'aws:TokenIssueTime': 'true' } },
    { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' },
    false,
  ),
  conditionRow(
    '"false" and the key present',
    { Null: { 'aws:TokenIssueTime': 'false' } },
    { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' },
    true,
  ),
  conditionRow('"false" and the key absent', { Null: { 'aws:TokenIssueTime': 'false' } }, {}, false),
  conditionRow('JSON boolean', { Null: { 'aws:TokenIssueTime': true } }, {}, true),
  // Values of one key are ORed (the IAM guide): "true" or "false" holds whether the key is there or not.
  conditionRow(
    '"true" or "false", the key absent',
    { Null: { 'aws:TokenIssueTime': ['true', 'false'] } },
    {},
    true,
  ),
  conditionRow(
    '"true" or "false", the key present',
    { Null: { 'aws:TokenIssueTime': ['true', 'false'] } },
    { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' },
    true,
  ),
  conditionRow(
    'an empty multivalued key counts as absent',
    { Null: { 'aws:TagKeys': 'true' } },
    { 'aws:TagKeys': [] },
    true,
  ),
  conditionRow(
    'a multivalued key with values is present',
    { Null: { 'aws:TagKeys': 'false' } },
    { 'aws:TagKeys': ['team'] },
    true,
  ),
]);

decisionTable('...IfExists', [
  conditionRow(
    'StringEqualsIfExists, missing key',
    { StringEqualsIfExists: { 'aws:username': 'alice' } },
    {},
    true,
  ),
  conditionRow(
    'StringEqualsIfExists, present and equal',
    { StringEqualsIfExists: { 'aws:username': 'alice' } },
    { 'aws:username': 'alice' },
    true,
  ),
  conditionRow(
    'StringEqualsIfExists, present and different',
    { StringEqualsIfExists: { 'aws:username': 'alice' } },
    { 'aws:username': 'bob' },
    false,
  ),
  conditionRow(
    'StringNotLikeIfExists, present and matching',
    { StringNotLikeIfExists: { 'aws:username': 'a*' } },
    { 'aws:username': 'alice' },
    false,
  ),
  conditionRow(
    'StringNotLikeIfExists, missing key',
    { StringNotLikeIfExists: { 'aws:username': 'a*' } },
    {},
    true,
  ),
  conditionRow(
    'NumericLessThanIfExists, missing key',
    { NumericLessThanIfExists: { 'es:n': '3' } },
    {},
    true,
  ),
  conditionRow(
    'NumericLessThanIfExists, present and greater',
    { NumericLessThanIfExists: { 'es:n': '3' } },
    { 'es:n': '4' },
    false,
  ),
  conditionRow(
    'DateGreaterThanIfExists, missing key',
    { DateGreaterThanIfExists: { 'aws:TokenIssueTime': '2026-01-01' } },
    {},
    true,
  ),
  conditionRow(
    'BoolIfExists, missing key',
    { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } },
    {},
    true,
  ),
  conditionRow(
    'BoolIfExists, present and false',
    { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } },
    { 'aws:MultiFactorAuthPresent': 'false' },
    false,
  ),
  conditionRow(
    'BinaryEqualsIfExists, missing key',
    { BinaryEqualsIfExists: { 'es:blob': 'QQ==' } },
    {},
    true,
  ),
  conditionRow(
    'IpAddressIfExists, missing key',
    { IpAddressIfExists: { 'aws:SourceIp': '192.0.2.0/24' } },
    {},
    true,
  ),
  conditionRow(
    'IpAddressIfExists, present outside',
    { IpAddressIfExists: { 'aws:SourceIp': '192.0.2.0/24' } },
    { 'aws:SourceIp': '10.0.0.1' },
    false,
  ),
  conditionRow(
    'NotIpAddressIfExists, present inside',
    { NotIpAddressIfExists: { 'aws:SourceIp': '192.0.2.0/24' } },
    { 'aws:SourceIp': '192.0.2.1' },
    false,
  ),
  conditionRow(
    'ArnLikeIfExists, missing key',
    { ArnLikeIfExists: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } },
    {},
    true,
  ),
  conditionRow(
    'ArnLikeIfExists, present and different',
    { ArnLikeIfExists: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } },
    { 'aws:PrincipalArn': ALICE_ARN },
    false,
  ),
]);

decisionTable('set operators ForAllValues and ForAnyValue', [
  conditionRow(
    'ForAllValues: every value listed',
    { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } },
    { 'aws:TagKeys': ['team'] },
    true,
  ),
  conditionRow(
    'ForAllValues: a value not listed',
    { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } },
    { 'aws:TagKeys': ['team', 'owner'] },
    false,
  ),
  conditionRow(
    'ForAllValues: missing key',
    { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } },
    {},
    true,
  ),
  conditionRow(
    'ForAllValues: empty key',
    { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } },
    { 'aws:TagKeys': [] },
    true,
  ),
  conditionRow(
    'ForAllValues: negated, no value listed',
    { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] } },
    { 'aws:TagKeys': ['team', 'env'] },
    true,
  ),
  conditionRow(
    'ForAllValues: negated, one value listed',
    { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] } },
    { 'aws:TagKeys': ['team', 'secret'] },
    false,
  ),
  conditionRow(
    'ForAllValues: negated, missing key',
    { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] } },
    {},
    true,
  ),
  conditionRow(
    'ForAllValues: StringLike',
    { 'ForAllValues:StringLike': { 'aws:TagKeys': ['team*'] } },
    { 'aws:TagKeys': ['team', 'team-lead'] },
    true,
  ),
  conditionRow(
    'ForAllValues: single-valued request key',
    { 'ForAllValues:StringEquals': { 'aws:username': ['alice'] } },
    { 'aws:username': 'alice' },
    true,
  ),
  conditionRow(
    'ForAnyValue: one value listed',
    { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } },
    { 'aws:TagKeys': ['env', 'team'] },
    true,
  ),
  conditionRow(
    'ForAnyValue: no value listed',
    { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } },
    { 'aws:TagKeys': ['env', 'owner'] },
    false,
  ),
  conditionRow(
    'ForAnyValue: missing key',
    { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } },
    {},
    false,
  ),
  conditionRow(
    'ForAnyValue: empty key',
    { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } },
    { 'aws:TagKeys': [] },
    false,
  ),
  conditionRow(
    'ForAnyValue: negated, one value not listed',
    { 'ForAnyValue:StringNotLike': { 'aws:TagKeys': ['team*'] } },
    { 'aws:TagKeys': ['team', 'env'] },
    true,
  ),
  conditionRow(
    'ForAnyValue: negated, every value listed',
    { 'ForAnyValue:StringNotLike': { 'aws:TagKeys': ['team*'] } },
    { 'aws:TagKeys': ['team', 'team2'] },
    false,
  ),
  conditionRow(
    'ForAnyValue: negated, missing key',
    { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['team'] } },
    {},
    false,
  ),
  conditionRow(
    'ForAnyValue: single-valued request key',
    { 'ForAnyValue:StringEquals': { 'aws:ResourceTag/team': ['devops'] } },
    { 'aws:ResourceTag/team': 'devops' },
    true,
  ),
  // IfExists does not make a set operator hold over a missing key: ForAnyValue stays false, ForAllValues true (a
  // real call, repost.aws "ForAnyValue:StringEqualsIfExists behaving unexpectedly").
  conditionRow(
    'ForAnyValue: IfExists and missing key',
    { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': ['team'] } },
    {},
    false,
  ),
  conditionRow(
    'ForAnyValue: a negated operator with IfExists and missing key',
    { 'ForAnyValue:StringNotEqualsIfExists': { 'aws:TagKeys': ['team'] } },
    {},
    false,
  ),
  conditionRow(
    'ForAllValues: IfExists and missing key',
    { 'ForAllValues:StringNotEqualsIfExists': { 'aws:TagKeys': ['team'] } },
    {},
    true,
  ),
  conditionRow(
    'ForAnyValue: IfExists with the key present decides as without it',
    { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': ['team'] } },
    { 'aws:TagKeys': ['owner', 'team'] },
    true,
  ),
  // IAM's guide on multivalued keys: an empty data set, "for example, an empty string".
  conditionRow(
    'ForAllValues: an empty string is an empty data set',
    { 'ForAllValues:StringEquals': { 'aws:RequestTag/env': ['prod'] } },
    { 'aws:RequestTag/env': '' },
    true,
  ),
  conditionRow(
    'ForAllValues: a list of empty strings is an empty data set',
    { 'ForAllValues:StringEquals': { 'es:names': ['prod'] } },
    { 'es:names': ['', ''] },
    true,
  ),
  conditionRow(
    'ForAllValues: an empty string beside a value not listed',
    { 'ForAllValues:StringEquals': { 'es:names': ['prod'] } },
    { 'es:names': ['', 'dev'] },
    false,
  ),
  conditionRow(
    'ForAnyValue: an empty string is an empty data set, even for a pattern matching it',
    { 'ForAnyValue:StringLike': { 'aws:RequestTag/env': '*' } },
    { 'aws:RequestTag/env': '' },
    false,
  ),
  conditionRow(
    'ForAnyValue: negated, an empty string',
    { 'ForAnyValue:StringNotEquals': { 'aws:RequestTag/env': 'prod' } },
    { 'aws:RequestTag/env': '' },
    false,
  ),
  conditionRow(
    'no set operator: an empty string is a value',
    { StringLike: { 'aws:RequestTag/env': '*' } },
    { 'aws:RequestTag/env': '' },
    true,
  ),
  conditionRow(
    'ForAllValues: numeric',
    { 'ForAllValues:NumericLessThan': { 'es:ports': '1024' } },
    { 'es:ports': ['22', '443'] },
    true,
  ),
  conditionRow(
    'ForAnyValue: IP',
    { 'ForAnyValue:IpAddress': { 'es:addresses': '10.0.0.0/8' } },
    { 'es:addresses': ['192.0.2.1', '10.9.9.9'] },
    true,
  ),
]);

// IAM's guide asks for a set operator on a multivalued key such as aws:TagKeys, and accepts a policy without one.
// Read without it, the positive operator holds when any request value matches a policy value, and the negated one
// is its negation (the guide's NOR for a negated operator): no request value may match any policy value.
decisionTable('a single-valued operator on a multivalued key', [
  conditionRow(
    'StringEquals: one request value listed',
    { StringEquals: { 'aws:TagKeys': 'team' } },
    { 'aws:TagKeys': ['env', 'team'] },
    true,
  ),
  conditionRow(
    'StringEquals: no request value listed',
    { StringEquals: { 'aws:TagKeys': 'team' } },
    { 'aws:TagKeys': ['env', 'owner'] },
    false,
  ),
  conditionRow(
    'StringNotEquals: no request value listed',
    { StringNotEquals: { 'aws:TagKeys': ['secret', 'owner'] } },
    { 'aws:TagKeys': ['team', 'env'] },
    true,
  ),
  conditionRow(
    'StringNotEquals: one request value listed, beside others not listed',
    { StringNotEquals: { 'aws:TagKeys': ['secret', 'owner'] } },
    { 'aws:TagKeys': ['team', 'secret'] },
    false,
  ),
  conditionRow(
    'StringNotLike: no request value matches',
    { StringNotLike: { 'aws:TagKeys': 'sec*' } },
    { 'aws:TagKeys': ['team', 'env'] },
    true,
  ),
  conditionRow(
    'StringNotLike: one request value matches, beside others that do not',
    { StringNotLike: { 'aws:TagKeys': 'sec*' } },
    { 'aws:TagKeys': ['team', 'secret'] },
    false,
  ),
]);

decisionTable('conditions IAM accepts with nothing in them', [
  conditionRow('an operator without keys holds', { DateGreaterThan: {} }, {}, true),
  conditionRow(
    'a key without values: no value matches',
    { StringEquals: { 'aws:username': [] } },
    { 'aws:username': 'alice' },
    false,
  ),
  conditionRow(
    'a key without values, negated: no value matches, so the negation holds',
    { StringNotEquals: { 'aws:username': [] } },
    { 'aws:username': 'alice' },
    true,
  ),
]);

decisionTable('combining conditions', [
  conditionRow(
    'several operators: all hold',
    { StringEquals: { 'aws:username': 'alice' }, IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } },
    { 'aws:username': 'alice', 'aws:SourceIp': '192.0.2.1' },
    true,
  ),
  conditionRow(
    'several operators: one fails',
    { StringEquals: { 'aws:username': 'alice' }, IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } },
    { 'aws:username': 'alice', 'aws:SourceIp': '10.0.0.1' },
    false,
  ),
  conditionRow(
    'several keys under one operator: all hold',
    { StringEquals: { 'aws:username': 'alice', 'aws:RequestedRegion': 'us-east-1' } },
    { 'aws:username': 'alice', 'aws:RequestedRegion': 'us-east-1' },
    true,
  ),
  conditionRow(
    'several keys under one operator: one fails',
    { StringEquals: { 'aws:username': 'alice', 'aws:RequestedRegion': 'us-east-1' } },
    { 'aws:username': 'alice', 'aws:RequestedRegion': 'eu-west-1' },
    false,
  ),
  conditionRow(
    'several keys under one operator: one missing',
    { StringEquals: { 'aws:username': 'alice', 'aws:RequestedRegion': 'us-east-1' } },
    { 'aws:username': 'alice' },
    false,
  ),
  conditionRow('an empty Condition block', {}, {}, true),
]);

decisionTable('condition key names are case-insensitive, values are not', [
  conditionRow(
    'upper-case key in the policy',
    { StringEquals: { 'AWS:USERNAME': 'alice' } },
    { 'aws:username': 'alice' },
    true,
  ),
  conditionRow(
    'upper-case key in the request',
    { StringEquals: { 'aws:username': 'alice' } },
    { 'AWS:UserName': 'alice' },
    true,
  ),
  conditionRow(
    'the tag key of aws:RequestTag',
    { StringEquals: { 'aws:RequestTag/Team': 'search' } },
    { 'aws:requesttag/TEAM': 'search' },
    true,
  ),
  conditionRow(
    'the tag key of aws:ResourceTag',
    { StringEquals: { 'aws:ResourceTag/TEAM': 'search' } },
    { 'aws:ResourceTag/team': 'search' },
    true,
  ),
  conditionRow(
    'the value stays case-sensitive',
    { StringEquals: { 'aws:ResourceTag/TEAM': 'Search' } },
    { 'aws:ResourceTag/team': 'search' },
    false,
  ),
  // IAM refuses such a policy (Invalid Condition type): a condition of an unknown operator never holds.
  conditionRow(
    'operator name in another letter case',
    { stringequals: { 'aws:username': 'alice' } },
    { 'aws:username': 'alice' },
    false,
  ),
  conditionRow(
    'a set prefix in another letter case',
    { 'forAnyValue:StringEquals': { 'aws:TagKeys': 'team' } },
    { 'aws:TagKeys': ['team'] },
    false,
  ),
  conditionRow(
    'IfExists in another letter case',
    { StringEqualsIfexists: { 'aws:username': 'alice' } },
    { 'aws:username': 'alice' },
    false,
  ),
]);

decisionTable('policy variables', [
  {
    name: 'aws:username in Resource under 2012-10-17',
    version: V12,
    statements: { Effect: 'Allow', Action: 'es:*', Resource: 'arn:aws:es:*:*:domain/${aws:username}-*' },
    resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/alice-logs`,
    context: { 'aws:username': 'alice' },
    expect: 'allowed',
  },
  {
    name: 'aws:username in Resource, another user',
    version: V12,
    statements: { Effect: 'Allow', Action: 'es:*', Resource: 'arn:aws:es:*:*:domain/${aws:username}-*' },
    resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/alice-logs`,
    context: { 'aws:username': 'bob' },
    expect: 'implicit-deny-identity',
  },
  {
    name: 'a variable key in other case',
    version: V12,
    statements: { Effect: 'Allow', Action: 'es:*', Resource: 'arn:aws:es:*:*:domain/${AWS:UserName}-*' },
    resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/alice-logs`,
    context: { 'aws:username': 'alice' },
    expect: 'allowed',
  },
  {
    name: 'a variable without a value matches nothing',
    version: V12,
    statements: { Effect: 'Allow', Action: 'es:*', Resource: 'arn:aws:es:*:*:domain/${aws:username}*' },
    resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/alice-logs`,
    context: {},
    expect: 'implicit-deny-identity',
  },
  {
    // IAM's guide, "Policy variables with no value": such a NotResource matches no resource, so the statement
    // takes in every resource.
    name: 'a NotResource whose variable has no value applies to every resource',
    version: V12,
    statements: { Effect: 'Allow', Action: 'es:*', NotResource: 'arn:aws:es:*:*:domain/${aws:username}-*' },
    resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/alice-logs`,
    context: {},
    expect: 'allowed',
  },
  {
    name: 'a default supplies the value',
    version: V12,
    statements: {
      Effect: 'Allow',
      Action: 'es:*',
      Resource: "arn:aws:es:*:*:domain/${aws:username, 'shared'}-*",
    },
    resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/shared-logs`,
    context: {},
    expect: 'allowed',
  },
  {
    name: 'a default is not used when the key has a value',
    version: V12,
    statements: {
      Effect: 'Allow',
      Action: 'es:*',
      Resource: "arn:aws:es:*:*:domain/${aws:username, 'shared'}-*",
    },
    resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/shared-logs`,
    context: { 'aws:username': 'alice' },
    expect: 'implicit-deny-identity',
  },
  {
    name: 'a multivalued key gives no value',
    version: V12,
    statements: { Effect: 'Allow', Action: 'es:*', Resource: 'arn:aws:es:*:*:domain/${aws:TagKeys}' },
    resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/team`,
    context: { 'aws:TagKeys': ['team'] },
    expect: 'implicit-deny-identity',
  },
  {
    // IAM's guide (policy variables, "Resource element"): only the resource portion, after the fifth colon, takes a
    // variable; a variable before it (the Region, the account) is not substituted.
    name: 'a variable in the Region field of a Resource is not substituted',
    version: V12,
    statements: {
      Effect: 'Allow',
      Action: 'es:*',
      Resource: `arn:aws:es:\${aws:RequestedRegion}:*:domain/*`,
    },
    resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/alice-logs`,
    context: { 'aws:RequestedRegion': 'us-east-1' },
    expect: 'implicit-deny-identity',
  },
  {
    name: 'a variable in the account field of a Resource is not substituted',
    version: V12,
    statements: {
      Effect: 'Allow',
      Action: 'es:*',
      Resource: 'arn:aws:es:*:${aws:PrincipalAccount}:domain/*',
    },
    resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/alice-logs`,
    context: { 'aws:PrincipalAccount': ACCOUNT },
    expect: 'implicit-deny-identity',
  },
  {
    name: 'nor in a NotResource, which then leaves out no real ARN',
    version: V12,
    statements: {
      Effect: 'Deny',
      Action: 'es:*',
      NotResource: `arn:aws:es:\${aws:RequestedRegion}:*:domain/*`,
    },
    resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/alice-logs`,
    context: { 'aws:RequestedRegion': 'us-east-1' },
    expect: 'explicit-deny-identity',
  },
  {
    name: 'a variable in an ARN condition value is substituted in any field',
    version: V12,
    statements: {
      Effect: 'Allow',
      Action: 'es:*',
      Resource: '*',
      Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalAccount}:user/*' } },
    },
    resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/alice-logs`,
    context: { 'aws:PrincipalAccount': ACCOUNT, 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:user/alice` },
    expect: 'allowed',
  },
  {
    name: 'under 2008-10-17 a variable is literal text',
    version: '2008-10-17',
    statements: { Effect: 'Allow', Action: 'es:*', Resource: 'arn:aws:es:*:*:domain/${aws:username}' },
    resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/alice`,
    context: { 'aws:username': 'alice' },
    expect: 'implicit-deny-identity',
  },
  {
    name: 'under 2008-10-17 the literal text matches itself',
    version: '2008-10-17',
    statements: { Effect: 'Allow', Action: 'es:*', Resource: 'arn:aws:es:*:*:domain/${aws:username}' },
    resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/\${aws:username}`,
    context: { 'aws:username': 'alice' },
    expect: 'allowed',
  },
  {
    name: 'without Version (2008-10-17) a variable is literal text',
    statements: { Effect: 'Allow', Action: 'es:*', Resource: 'arn:aws:es:*:*:domain/${aws:username}' },
    resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/alice`,
    context: { 'aws:username': 'alice' },
    expect: 'implicit-deny-identity',
  },
  {
    name: '${*} is a literal star, not a wildcard',
    version: V12,
    statements: { Effect: 'Allow', Action: 'es:*', Resource: 'arn:aws:es:*:*:domain/a${*}' },
    resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/abc`,
    expect: 'implicit-deny-identity',
  },
  {
    name: '${*} matches a star',
    version: V12,
    statements: { Effect: 'Allow', Action: 'es:*', Resource: 'arn:aws:es:*:*:domain/a${*}' },
    resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/a*`,
    expect: 'allowed',
  },
  conditionRow(
    '${?} and ${$} in a condition',
    { StringEquals: { 'es:text': 'a${?}b${$}' } },
    { 'es:text': 'a?b$' },
    true,
  ),
  conditionRow(
    'a variable in a StringEquals value',
    { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } },
    { 'aws:ResourceTag/owner': 'alice', 'aws:username': 'alice' },
    true,
  ),
  conditionRow(
    'a variable in a StringEquals value, other user',
    { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } },
    { 'aws:ResourceTag/owner': 'alice', 'aws:username': 'bob' },
    false,
  ),
  conditionRow(
    'aws:PrincipalTag as a variable',
    { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
    { 'aws:ResourceTag/team': 'search', 'aws:PrincipalTag/team': 'search' },
    true,
  ),
  conditionRow(
    'a variable without value in a condition matches nothing',
    { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } },
    { 'aws:ResourceTag/owner': '' },
    false,
  ),
  conditionRow(
    'a default in a condition',
    { StringEquals: { 'aws:ResourceTag/owner': "${aws:username, 'nobody'}" } },
    { 'aws:ResourceTag/owner': 'nobody' },
    true,
  ),
  conditionRow(
    'a default with a doubled quote',
    { StringEquals: { 'es:text': "${es:missing, 'it''s'}" } },
    { 'es:text': "it's" },
    true,
  ),
  conditionRow(
    'a variable in StringLike, wildcards around it',
    { StringLike: { 'es:path': 'home/${aws:username}/*' } },
    { 'es:path': 'home/alice/x', 'aws:username': 'alice' },
    true,
  ),
  conditionRow(
    'a variable value is literal in StringLike',
    { StringLike: { 'es:path': 'home/${aws:username}' } },
    { 'es:path': 'home/alice', 'aws:username': 'a*' },
    false,
  ),
  conditionRow(
    'a variable in ArnLike',
    { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/${aws:username}' } },
    { 'aws:PrincipalArn': ALICE_ARN, 'aws:username': 'alice' },
    true,
  ),
  conditionRow(
    '2008-10-17: a variable in a condition is literal',
    { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } },
    { 'aws:ResourceTag/owner': 'alice', 'aws:username': 'alice' },
    false,
    '2008-10-17',
  ),
  conditionRow(
    '2008-10-17: the literal text matches itself',
    { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } },
    { 'aws:ResourceTag/owner': '${aws:username}' },
    true,
    '2008-10-17',
  ),
  conditionRow(
    'variables in NotEquals: no value leaves nothing equal',
    { StringNotEquals: { 'aws:ResourceTag/owner': '${aws:username}' } },
    { 'aws:ResourceTag/owner': 'alice' },
    true,
  ),
]);

const boundaryAllowsDescribe: PolicyDocument = {
  Version: V12,
  Statement: [{ Sid: 'BoundaryDescribe', Effect: 'Allow', Action: 'es:Describe*', Resource: '*' }],
};
const sessionAllowsDescribeAndList: PolicyDocument = {
  Version: V12,
  Statement: [{ Sid: 'SessionRead', Effect: 'Allow', Action: ['es:Describe*', 'es:List*'], Resource: '*' }],
};

decisionTable('permissions boundaries', [
  {
    name: 'allowed by identity and boundary',
    statements: [allowAll],
    boundary: boundaryAllowsDescribe,
    expect: 'allowed',
    decidedBy: ['identity/#0', 'boundary/BoundaryDescribe'],
  },
  {
    name: 'allowed by identity, not by boundary',
    statements: [allowAll],
    boundary: boundaryAllowsDescribe,
    action: 'es:DeleteElasticsearchDomain',
    expect: 'implicit-deny-boundary',
    decidedBy: [],
  },
  {
    name: 'allowed by boundary, not by identity (a boundary grants nothing)',
    statements: [{ Effect: 'Allow', Action: 'es:List*', Resource: '*' }],
    boundary: boundaryAllowsDescribe,
    expect: 'implicit-deny-identity',
  },
  {
    name: 'a Deny in the boundary',
    statements: [allowAll],
    boundary: {
      Version: V12,
      Statement: [allowAll, { Sid: 'NoDelete', Effect: 'Deny', Action: 'es:Delete*', Resource: '*' }],
    },
    action: 'es:DeleteElasticsearchDomain',
    expect: 'explicit-deny-boundary',
    decidedBy: ['boundary/NoDelete'],
  },
  {
    name: "a Deny in the identity policy names the reason; the boundary's Deny is listed beside it",
    statements: [{ Sid: 'IdentityDeny', Effect: 'Deny', Action: '*', Resource: '*' }],
    boundary: { Version: V12, Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] },
    expect: 'explicit-deny-identity',
    decidedBy: ['identity/IdentityDeny', 'boundary/#0'],
  },
  {
    name: 'a boundary condition that does not hold',
    statements: [allowAll],
    boundary: {
      Version: V12,
      Statement: [
        {
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
        },
      ],
    },
    context: { 'aws:RequestedRegion': 'us-east-1' },
    expect: 'implicit-deny-boundary',
  },
]);

decisionTable('session policies', [
  {
    name: 'allowed by identity and session policy',
    statements: [allowAll],
    session: sessionAllowsDescribeAndList,
    expect: 'allowed',
    decidedBy: ['identity/#0', 'session/SessionRead'],
  },
  {
    name: 'allowed by identity, not by session policy',
    statements: [allowAll],
    session: sessionAllowsDescribeAndList,
    action: 'es:CreateElasticsearchDomain',
    expect: 'implicit-deny-session',
  },
  {
    name: 'allowed by session policy, not by identity',
    statements: [{ Effect: 'Allow', Action: 'es:List*', Resource: '*' }],
    session: sessionAllowsDescribeAndList,
    expect: 'implicit-deny-identity',
  },
  {
    name: 'a Deny in the session policy',
    statements: [allowAll],
    session: {
      Version: V12,
      Statement: [allowAll, { Sid: 'NoDescribe', Effect: 'Deny', Action: 'es:Describe*', Resource: '*' }],
    },
    expect: 'explicit-deny-session',
    decidedBy: ['session/NoDescribe'],
  },
  {
    name: 'a Deny in the boundary and one in the session policy: the boundary names the reason, both are listed',
    statements: [allowAll],
    boundary: {
      Version: V12,
      Statement: [allowAll, { Sid: 'BoundaryNo', Effect: 'Deny', Action: 'es:Describe*', Resource: '*' }],
    },
    session: {
      Version: V12,
      Statement: [allowAll, { Sid: 'SessionNo', Effect: 'Deny', Action: 'es:Describe*', Resource: '*' }],
    },
    expect: 'explicit-deny-boundary',
    decidedBy: ['boundary/BoundaryNo', 'session/SessionNo'],
  },
  {
    name: 'boundary and session policy: the intersection of all three',
    statements: [allowAll],
    boundary: boundaryAllowsDescribe,
    session: sessionAllowsDescribeAndList,
    expect: 'allowed',
    decidedBy: ['identity/#0', 'boundary/BoundaryDescribe', 'session/SessionRead'],
  },
  {
    name: 'boundary and session policy: the session allows what the boundary does not',
    statements: [allowAll],
    boundary: boundaryAllowsDescribe,
    session: sessionAllowsDescribeAndList,
    action: 'es:ListDomainNames',
    resource: '*',
    expect: 'implicit-deny-boundary',
  },
  {
    name: 'boundary and session policy: the boundary allows what the session does not',
    statements: [allowAll],
    boundary: { Version: V12, Statement: [allowAll] },
    session: sessionAllowsDescribeAndList,
    action: 'es:DeleteElasticsearchDomain',
    expect: 'implicit-deny-session',
  },
]);

describe('compiled policies', () => {
  it('compiles a document once and reuses the compiled form', () => {
    const document: PolicyDocument = { Version: V12, Statement: [allowAll] };
    const first = compilePolicy(document);
    assert.equal(compilePolicy(document), first);
    assert.equal(first.statements.length, 1);
  });

  it("remembers an action's statements, both names of a renamed one together, but not a name longer than any action's", () => {
    const compiled = compilePolicy({ Version: V12, Statement: [allowAll] });
    const described = compiled.statementsFor('es:describeelasticsearchdomain', 'es:describedomain');
    assert.equal(compiled.statementsFor('es:describeelasticsearchdomain', 'es:describedomain'), described);
    assert.notEqual(compiled.statementsFor('es:describeelasticsearchdomain'), described);
    // A simulation may name any text of up to 1 MiB: 256 of them remembered per policy held 256 MiB.
    const long = `es:${'x'.repeat(300)}`;
    const first = compiled.statementsFor(long);
    assert.deepEqual(first, compiled.statements);
    assert.notEqual(compiled.statementsFor(long), first);
  });

  it('gives the same decision on repeated evaluation with different contexts', () => {
    const document: PolicyDocument = {
      Version: V12,
      Statement: [{ Effect: 'Allow', Action: 'es:*', Resource: 'arn:aws:es:*:*:domain/${aws:username}' }],
    };
    const request = (user: string, domain: string): EvaluationRequest => ({
      action: 'es:DescribeElasticsearchDomain',
      resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/${domain}`,
      context: { 'aws:username': user },
      identityPolicies: [{ name: 'p', document }],
    });
    const outcomes = [
      evaluate(request('alice', 'alice')).allowed,
      evaluate(request('bob', 'alice')).allowed,
      evaluate(request('bob', 'bob')).allowed,
      evaluate(request('alice', 'alice')).allowed,
    ];
    assert.deepEqual(outcomes, [true, false, true, true]);
  });

  it('decides each of many users on their own domains only, and `*` on none', () => {
    // More users than the per-pattern cache of compiled forms once held (256): it was taken out, as a seed of
    // thousands of users made it hold gigabytes, and past its size every request compiled every pattern again.
    const document: PolicyDocument = {
      Version: V12,
      Statement: [
        {
          Effect: 'Allow',
          Action: 'es:*',
          Resource: 'arn:aws:es:eu-west-1:*:domain/${aws:username}-*',
        },
      ],
    };
    const request = (user: string, resource: string): EvaluationRequest => ({
      action: 'es:DescribeElasticsearchDomain',
      resource,
      context: { 'aws:username': user },
      identityPolicies: [{ name: 'p', document }],
    });
    const domain = (region: string, name: string) => `arn:aws:es:${region}:${ACCOUNT}:domain/${name}`;
    for (let index = 0; index < 600; index++) {
      const user = `user${index}`;
      assert.equal(evaluate(request(user, domain('eu-west-1', `${user}-logs`))).allowed, true, user);
      assert.equal(
        evaluate(request(user, domain('eu-west-1', `user${index + 1}-logs`))).allowed,
        false,
        user,
      );
      assert.equal(evaluate(request(user, domain('us-east-1', `${user}-logs`))).allowed, false, user);
    }
    assert.equal(evaluate(request('user1', '*')).allowed, false);
  });

  it('tells apart variable values that join to the same text, split differently', () => {
    const document: PolicyDocument = {
      Version: V12,
      Statement: [
        {
          Effect: 'Allow',
          Action: 'es:*',
          Resource: 'arn:aws:es:*:*:domain/${aws:PrincipalTag/head}*${aws:PrincipalTag/tail}',
        },
      ],
    };
    const request = (head: string, tail: string): EvaluationRequest => ({
      action: 'es:DescribeElasticsearchDomain',
      resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/xq-y`,
      context: { 'aws:PrincipalTag/head': head, 'aws:PrincipalTag/tail': tail },
      identityPolicies: [{ name: 'p', document }],
    });
    // The values x and -y give `x*-y`, which matches xq-y; x- and y give `x-*y`, which does not.
    assert.deepEqual(
      [evaluate(request('x', '-y')).allowed, evaluate(request('x-', 'y')).allowed],
      [true, false],
    );
  });

  it('finds the statements of each action, NotAction included, in document order', () => {
    const document: PolicyDocument = {
      Version: V12,
      Statement: [
        { Sid: 'Describe', Effect: 'Allow', Action: 'es:Describe*', Resource: '*' },
        { Sid: 'AllButDelete', Effect: 'Deny', NotAction: 'es:Delete*', Resource: '*' },
        { Sid: 'Delete', Effect: 'Allow', Action: ['es:DeleteElasticsearchDomain'], Resource: '*' },
        { Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: '*' },
      ],
    };
    const sids = (action: string) =>
      compilePolicy(document)
        .statementsFor(action)
        .map((statement) => statement.label);
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(sids('es:describeelasticsearchdomain'), ['Describe', 'AllButDelete', 'Everything']);
      assert.deepEqual(sids('es:deleteelasticsearchdomain'), ['Delete', 'Everything']);
      assert.deepEqual(sids('es:addtags'), ['AllButDelete', 'Everything']);
    }
  });

  it('decides alike past the number of actions a policy remembers', () => {
    const document: PolicyDocument = {
      Version: V12,
      Statement: [{ Effect: 'Allow', Action: 'es:Describe*', Resource: '*' }],
    };
    const allowed = (action: string) =>
      evaluate({ action, resource: '*', context: {}, identityPolicies: [{ name: 'p', document }] }).allowed;
    for (let index = 0; index < 300; index++) {
      assert.equal(allowed(`es:DescribeThing${index}`), true);
      assert.equal(allowed(`es:ListThing${index}`), false);
    }
    assert.equal(allowed('es:DescribeElasticsearchDomain'), true);
    assert.equal(allowed('es:DeleteElasticsearchDomain'), false);
  });

  it('reads each request its own source address and time among many others', () => {
    const document: PolicyDocument = {
      Version: V12,
      Statement: [
        {
          Effect: 'Allow',
          Action: 'es:*',
          Resource: '*',
          Condition: {
            IpAddress: { 'aws:SourceIp': '10.0.0.0/24' },
            DateLessThan: { 'aws:CurrentTime': '2026-01-01T00:01:00Z' },
          },
        },
      ],
    };
    const allowed = (sourceIp: string, second: number) =>
      evaluate({
        action: 'es:ListDomainNames',
        resource: '*',
        context: {
          'aws:SourceIp': sourceIp,
          'aws:CurrentTime': new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString().slice(0, 19) + 'Z',
        },
        identityPolicies: [{ name: 'p', document }],
      }).allowed;
    // More addresses and times than the parsers remember, twice over: each answer is its own.
    for (let round = 0; round < 2; round++) {
      for (let host = 0; host < 200; host++) {
        assert.equal(
          allowed(`10.0.${host % 2}.${host}`, host % 120),
          host % 2 === 0 && host % 120 < 60,
          `host ${host}`,
        );
      }
    }
  });

  it('does not change the request or the policies it is given', () => {
    const document: PolicyDocument = { Version: V12, Statement: [allowAll] };
    Object.freeze(document.Statement);
    Object.freeze(document);
    const context = Object.freeze({ 'aws:username': 'alice' });
    const decision = evaluate({
      action: 'es:ListDomainNames',
      resource: '*',
      context,
      identityPolicies: [{ name: 'p', document }],
    });
    assert.equal(decision.allowed, true);
  });
});

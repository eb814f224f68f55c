import assert from 'node:assert/strict';
import {
  ListDomainNamesCommand,
  ListElasticsearchVersionsCommand,
} from '@aws-sdk/client-elasticsearch-service';
import { evaluate } from '../server/iam/evaluator';
import {
  AMAZON_ES_COGNITO_ACCESS_ARN,
  AMAZON_ES_FULL_ACCESS_ARN,
  AMAZON_ES_READ_ONLY_ACCESS_ARN,
  AMAZON_OPENSEARCH_SERVICE_READ_ONLY_ACCESS_ARN,
  ADMINISTRATOR_ACCESS_ARN,
  AWS_MANAGED_POLICIES,
  awsManagedPolicy,
} from '../server/iam/managed-policies';
import type { PolicyValidationOptions } from '../server/iam/policy-validation';
import { validatePolicyDocument } from '../server/iam/policy-validation';
import { errorOf, policyDocument, seedKey, startSeededEmulator } from './support/emulator';
import type { TestEmulator } from './support/emulator';

interface ValidationRow {
  name: string;
  document: unknown;
  options?: PolicyValidationOptions;
  /** The exact messages, in order; [] for a valid document. */
  errors: string[];
}

describe('unknown operators with no keys, in a decision', () => {
  it('hold nothing to check: the statement applies as if they were absent', () => {
    const decision = evaluate({
      action: 'es:ListDomainNames',
      resource: '*',
      context: {},
      identityPolicies: [
        {
          name: 'p',
          document: {
            Version: '2012-10-17',
            Statement: [{ ...allow, Condition: { x: {}, y: {} } }],
          } as never,
        },
      ],
    });
    assert.equal(decision.reason, 'allowed');
  });
});

function validationTable(title: string, rows: readonly ValidationRow[]): void {
  describe(title, () => {
    for (const row of rows) {
      it(row.name, () => {
        assert.deepEqual(validatePolicyDocument(row.document, row.options), row.errors);
      });
    }
  });
}

const allow = { Effect: 'Allow', Action: 'es:*', Resource: '*' };

validationTable('validatePolicyDocument', [
  { name: 'a valid document', document: { Version: '2012-10-17', Statement: [allow] }, errors: [] },
  // IAM: "Syntax errors in policy." (moto's AWS-checked cases, getmoto/moto#2269).
  {
    name: 'an empty statement list',
    document: { Version: '2012-10-17', Statement: [] },
    errors: ['Statement must not be empty (IAM: "Syntax errors in policy.")'],
  },
  {
    name: 'an empty statement list in a domain access policy',
    document: { Version: '2012-10-17', Statement: [] },
    options: { policyType: 'resource' },
    errors: [],
  },
  // IAM's texts for Resource ARNs it cannot read (getmoto/moto#2269, each case checked against AWS).
  ...(
    [
      ['arn:aws:es::domain/logs', 'The policy failed legacy parsing'],
      ['arn:aws::::example', 'The policy failed legacy parsing'],
      ['arn:aws', 'Resource vendor must be fully qualified and cannot contain regexes.'],
      // IAM's guide: no wildcard in the service segment (put-role-policy's answer, users' notes).
      ['arn:aws:*:*:*:*fss-prod*', 'Resource vendor must be fully qualified and cannot contain regexes.'],
      ['arn:aws:e?:*:*:domain/*', 'Resource vendor must be fully qualified and cannot contain regexes.'],
      [
        'arn:error:es:us-east-1:111122223333:domain/logs',
        'Partition "error" is not valid for resource "arn:error:es:us-east-1:111122223333:domain/logs".',
      ],
      ['arn:', 'Partition "" is not valid for resource "arn::*:*:*:*".'],
      ['arn:bad:es', 'Partition "bad" is not valid for resource "arn:bad:es:*:*:*".'],
      [
        'arn:aws:iam:us-east-1::role/x',
        'IAM resource arn:aws:iam:us-east-1::role/x cannot contain region information.',
      ],
      [
        'arn:aws:s3:us-east-1::bucket',
        'Resource arn:aws:s3:us-east-1::bucket can not contain region information.',
      ],
      [
        'arn:aws:iam:::example',
        'IAM resource path must either be "*" or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.',
      ],
    ] as const
  ).map(([resource, problem]) => ({
    name: `a Resource IAM cannot read: ${resource}`,
    document: { Version: '2012-10-17', Statement: [{ ...allow, Resource: resource }] },
    errors: [`Statement[0].Resource ${JSON.stringify(resource)}: ${problem}`],
  })),
  ...[
    'arn:aws-cn:es:cn-north-1:111122223333:domain/logs',
    'arn:aws-us-gov:es:us-gov-west-1:111122223333:domain/logs',
    'arn:aws:es:*:*:domain/*',
    'arn:aws:es:*',
    'arn:*:es:*:*:*',
    'arn:aws:s3:us-east-1:111122223333:accesspoint/logs',
    'arn:aws:s3:::bucket/*',
    'arn:aws:iam::111122223333:role/es-cognito',
    'arn:aws:iam::*:*',
    'arn:aws:iam::aws:policy/AmazonESFullAccess',
    // A policy variable's own colon is no field separator.
    'arn:aws:iam::${aws:PrincipalAccount}:user/${aws:username}',
    'arn:aws:es:${aws:RequestedRegion}:*:domain/${aws:username}-*',
  ].map((resource) => ({
    name: `a Resource IAM reads: ${resource}`,
    document: { Version: '2012-10-17', Statement: [{ ...allow, Resource: resource }] },
    errors: [],
  })),
  { name: 'a single statement object, no Version', document: { Statement: allow }, errors: [] },
  { name: 'Version 2008-10-17', document: { Version: '2008-10-17', Statement: [allow] }, errors: [] },
  { name: 'not an object', document: 'es:*', errors: ['The policy document must be a JSON object'] },
  { name: 'a list', document: [allow], errors: ['The policy document must be a JSON object'] },
  { name: 'null', document: null, errors: ['The policy document must be a JSON object'] },
  {
    name: 'an unknown Version',
    document: { Version: '2012-10-18', Statement: [allow] },
    errors: ['Version must be "2012-10-17" or "2008-10-17", got "2012-10-18"'],
  },
  { name: 'missing Statement', document: { Version: '2012-10-17' }, errors: ['Statement is required'] },
  {
    name: 'Statement of the wrong type',
    document: { Version: '2012-10-17', Statement: 'allow' },
    errors: ['Statement must be an object or a list of objects'],
  },
  {
    name: 'an unknown top-level element',
    document: { Version: '2012-10-17', Statement: [allow], Statements: [] },
    errors: ['The policy document has an unknown element "Statements"'],
  },
  {
    name: 'a bad Effect',
    document: { Version: '2012-10-17', Statement: [allow, { ...allow, Effect: 'allow' }] },
    errors: ['Statement[1].Effect must be "Allow" or "Deny"'],
  },
  {
    name: 'a missing Effect in a single statement',
    document: { Statement: { Action: 'es:*', Resource: '*' } },
    errors: ['Statement.Effect must be "Allow" or "Deny"'],
  },
  {
    name: 'both Action and NotAction',
    document: { Statement: [{ ...allow, NotAction: 'es:Delete*' }] },
    errors: ['Statement[0] must not have both Action and NotAction'],
  },
  {
    name: 'neither Action nor NotAction',
    document: { Statement: [{ Effect: 'Allow', Resource: '*' }] },
    errors: ['Statement[0] must have Action or NotAction'],
  },
  {
    name: 'an action without a service',
    document: { Statement: [{ ...allow, Action: ['es:ListTags', 'ListDomainNames'] }] },
    errors: ['Statement[0].Action[1] must be "*" or of the form service:action, got "ListDomainNames"'],
  },
  {
    name: 'an empty Action list',
    document: { Statement: [{ ...allow, Action: [] }] },
    errors: ['Statement[0].Action must not be empty'],
  },
  {
    name: 'both Resource and NotResource',
    document: { Statement: [{ ...allow, NotResource: 'arn:aws:es:*:*:domain/x' }] },
    errors: ['Statement[0] must not have both Resource and NotResource'],
  },
  {
    name: 'neither Resource nor NotResource',
    document: { Statement: [{ Effect: 'Allow', Action: 'es:*' }] },
    errors: ['Statement[0] must have Resource or NotResource'],
  },
  {
    name: 'a resource that is no ARN',
    document: { Statement: [{ ...allow, Resource: 'domain/x' }] },
    errors: ['Statement[0].Resource must be "*" or an ARN, got "domain/x"'],
  },
  {
    name: 'a Principal in an identity-based policy',
    document: { Statement: [{ ...allow, Principal: { AWS: '*' } }] },
    errors: ['Statement[0].Principal is not allowed in an identity-based policy'],
  },
  {
    name: 'a resource-based policy needs a Principal',
    document: { Statement: [allow] },
    options: { policyType: 'resource' },
    errors: ['Statement[0] must have Principal or NotPrincipal'],
  },
  {
    name: 'a resource-based policy with a Principal',
    document: { Statement: [{ ...allow, Principal: { AWS: '*' } }] },
    options: { policyType: 'resource' },
    errors: [],
  },
  // The letters-and-digits Sid and IAM's readings of a Resource ARN are IAM's CreatePolicy checks of a policy it
  // attaches to an identity, not checks of a resource-based policy.
  {
    name: 'a Sid with other characters in a resource-based policy',
    document: { Statement: [{ ...allow, Principal: { AWS: '*' }, Sid: 'read-only' }] },
    options: { policyType: 'resource' },
    errors: [],
  },
  {
    name: "a Resource IAM's identity checks refuse, in a resource-based policy",
    document: {
      Statement: [{ ...allow, Principal: { AWS: '*' }, Resource: 'arn:aws:s3:us-east-1::bucket' }],
    },
    options: { policyType: 'resource' },
    errors: [],
  },
  {
    name: 'an unknown statement element',
    document: { Statement: [{ ...allow, Conditions: {} }] },
    errors: ['Statement[0] has an unknown element "Conditions"'],
  },
  {
    name: 'a Sid with other characters',
    document: { Statement: [{ ...allow, Sid: 'read-only' }] },
    errors: ['Statement[0].Sid must contain only letters and digits, got "read-only"'],
  },
  {
    name: 'a Sid with an underscore',
    document: { Statement: [{ ...allow, Sid: 'a_b' }] },
    errors: ['Statement[0].Sid must contain only letters and digits, got "a_b"'],
  },
  {
    name: 'an action without its service prefix',
    document: { Statement: [{ ...allow, Action: ':DescribeX' }] },
    errors: ['Statement[0].Action must be "*" or of the form service:action, got ":DescribeX"'],
  },
  {
    name: 'Null under a set operator',
    document: { Statement: [{ ...allow, Condition: { 'ForAllValues:Null': { 'aws:TagKeys': 'true' } } }] },
    errors: ['Statement[0].Condition has an unknown condition operator "ForAllValues:Null"'],
  },
  {
    name: 'duplicate Sids',
    document: {
      Statement: [
        { ...allow, Sid: 'A' },
        { ...allow, Sid: 'A' },
      ],
    },
    errors: ['Statement[1].Sid "A" is not unique in the policy'],
  },
  {
    // Terraform's aws_iam_policy_document wrote "Sid": "" into every statement, and AWS accepted the policies
    // (getmoto/moto#2415): an empty Sid is no identifier that could be repeated.
    name: 'several statements with an empty Sid',
    document: {
      Statement: [
        { ...allow, Sid: '' },
        { ...allow, Sid: '' },
      ],
    },
    errors: [],
  },
  {
    name: 'an unknown condition operator',
    document: { Statement: [{ ...allow, Condition: { StringEqualz: { 'aws:username': 'a' } } }] },
    errors: ['Statement[0].Condition has an unknown condition operator "StringEqualz"'],
  },
  // moto's AWS-checked cases (getmoto/moto#2269): IAM takes these...
  {
    name: 'unknown condition operators that hold no keys',
    document: { Statement: [{ ...allow, Condition: { x: {}, y: {} } }] },
    errors: [],
  },
  {
    name: 'an action part with spaces after a valid service prefix',
    document: { Statement: [{ ...allow, Action: 'iam: asdf safdsf af ' }] },
    errors: [],
  },
  {
    name: 'the largest epoch seconds of a signed 64-bit integer',
    document: { Statement: [{ ...allow, Condition: { DateLessThan: { a: '9223372036854775807' } } }] },
    errors: [],
  },
  // ...and refuses these.
  {
    name: 'epoch seconds past a signed 64-bit integer',
    document: { Statement: [{ ...allow, Condition: { DateLessThan: { a: '9223372036854775808' } } }] },
    errors: [
      'Statement[0].Condition.DateLessThan["a"] value "9223372036854775808" must be a date in ISO 8601 form or epoch seconds for DateLessThan',
    ],
  },
  {
    name: 'an action with two colons',
    document: { Statement: [{ ...allow, Action: 'es:Describe:Domain' }] },
    errors: ['Statement[0].Action must be "*" or of the form service:action, got "es:Describe:Domain"'],
  },
  {
    name: 'a service prefix with a character IAM does not take',
    document: { Statement: [{ ...allow, Action: 'e s:DescribeX' }] },
    errors: ['Statement[0].Action must be "*" or of the form service:action, got "e s:DescribeX"'],
  },
  {
    // IAM: `MalformedPolicyDocument: Invalid Condition type : stringEquals` (an IAM CreateRole answer, 2024).
    name: 'condition operator names in another letter case',
    document: {
      Statement: [
        {
          ...allow,
          Condition: {
            stringEquals: { 'aws:username': 'a' },
            'forallvalues:StringEquals': { 'aws:TagKeys': 'a' },
            NumericLessThanifExists: { 'aws:EpochTime': '1' },
            null: { 'aws:username': 'false' },
          },
        },
      ],
    },
    errors: [
      'Statement[0].Condition has an unknown condition operator "stringEquals"',
      'Statement[0].Condition has an unknown condition operator "forallvalues:StringEquals"',
      'Statement[0].Condition has an unknown condition operator "NumericLessThanifExists"',
      'Statement[0].Condition has an unknown condition operator "null"',
    ],
  },
  {
    name: 'NullIfExists is no operator',
    document: { Statement: [{ ...allow, Condition: { NullIfExists: { 'aws:username': 'true' } } }] },
    errors: ['Statement[0].Condition has an unknown condition operator "NullIfExists"'],
  },
  {
    name: 'every derived operator name is known',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          ...allow,
          Condition: {
            'ForAllValues:StringNotLikeIfExists': { 'aws:TagKeys': 'x*' },
            'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': 'x' },
            NumericNotEqualsIfExists: { 'es:n': 1 },
            DateNotEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
            NotIpAddressIfExists: { 'aws:SourceIp': '::1' },
            ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/*' },
            ArnNotEqualsIfExists: { 'aws:PrincipalArn': 'arn:aws:iam::1:user/a' },
            BoolIfExists: { 'aws:MultiFactorAuthPresent': true },
            BinaryEqualsIfExists: { 'es:b': 'QQ==' },
            Null: { 'aws:TokenIssueTime': 'false' },
          },
        },
      ],
    },
    errors: [],
  },
  {
    name: 'values that do not suit their operator',
    document: {
      Statement: [
        {
          ...allow,
          Condition: {
            NumericLessThan: { 'es:n': 'ten' },
            DateGreaterThan: { 'aws:CurrentTime': 'tomorrow' },
            IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '300.1.1.1'] },
            Bool: { 'aws:MultiFactorAuthPresent': 'yes' },
            Null: { 'aws:TokenIssueTime': 'maybe' },
            BinaryEquals: { 'es:b': 'not base64!' },
          },
        },
      ],
    },
    errors: [
      'Statement[0].Condition.NumericLessThan["es:n"] value "ten" must be a number for NumericLessThan',
      'Statement[0].Condition.DateGreaterThan["aws:CurrentTime"] value "tomorrow" must be a date in ISO 8601 form or epoch seconds for DateGreaterThan',
      'Statement[0].Condition.IpAddress["aws:SourceIp"] value "300.1.1.1" must be an IP address or CIDR block for IpAddress',
      'Statement[0].Condition.Bool["aws:MultiFactorAuthPresent"] value "yes" must be "true" or "false" for Bool',
      'Statement[0].Condition.Null["aws:TokenIssueTime"] value "maybe" must be "true" or "false" for Null',
      'Statement[0].Condition.BinaryEquals["es:b"] value "not base64!" must be base64-encoded for BinaryEquals',
    ],
  },
  {
    name: 'BinaryEquals values that are no base64 (a lone character, another alphabet, three =), an empty number',
    document: {
      Statement: [
        {
          ...allow,
          Condition: { BinaryEquals: { 'es:b': ['Q', 'QQ!=', 'Q==='] }, NumericEquals: { 'es:n': '' } },
        },
      ],
    },
    errors: [
      'Statement[0].Condition.BinaryEquals["es:b"] value "Q" must be base64-encoded for BinaryEquals',
      'Statement[0].Condition.BinaryEquals["es:b"] value "QQ!=" must be base64-encoded for BinaryEquals',
      'Statement[0].Condition.BinaryEquals["es:b"] value "Q===" must be base64-encoded for BinaryEquals',
      'Statement[0].Condition.NumericEquals["es:n"] value "" must be a number for NumericEquals',
    ],
  },
  {
    name: 'IPv4 addresses in dotted decimal only, prefixes in range',
    document: {
      Statement: [
        { ...allow, Condition: { IpAddress: { 'aws:SourceIp': ['10.1', '10.0.0.0/33', '2001:db8::/129'] } } },
      ],
    },
    errors: [
      'Statement[0].Condition.IpAddress["aws:SourceIp"] value "10.1" must be an IP address or CIDR block for IpAddress',
      'Statement[0].Condition.IpAddress["aws:SourceIp"] value "10.0.0.0/33" must be an IP address or CIDR block for IpAddress',
      'Statement[0].Condition.IpAddress["aws:SourceIp"] value "2001:db8::/129" must be an IP address or CIDR block for IpAddress',
    ],
  },
  {
    name: 'a condition operator given a list, and a key with an object value',
    document: {
      Statement: [{ ...allow, Condition: { StringEquals: ['a'], StringLike: { 'aws:username': { a: 1 } } } }],
    },
    errors: [
      'Statement[0].Condition.StringEquals must be an object of condition keys and values',
      'Statement[0].Condition.StringLike["aws:username"] must be a string, number, boolean or a list of them',
    ],
  },
  // IAM accepts both (moto's AWS-checked valid policies, getmoto/moto#2269).
  {
    name: 'a condition operator without keys, and a key without values',
    document: {
      Statement: [{ ...allow, Condition: { DateGreaterThan: {}, StringEquals: { 'aws:username': [] } } }],
    },
    errors: [],
  },
  {
    name: 'several problems in several statements',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Permit', Action: 'es:*' }, 42] },
    errors: [
      'Statement[0].Effect must be "Allow" or "Deny"',
      'Statement[0] must have Resource or NotResource',
      'Statement[1] must be an object',
    ],
  },
]);

describe('the AWS managed policies of Amazon ES', () => {
  it('holds the policies the service names and AdministratorAccess, by ARN', () => {
    assert.deepEqual(
      [...AWS_MANAGED_POLICIES.keys()].sort(),
      [
        AMAZON_ES_COGNITO_ACCESS_ARN,
        AMAZON_ES_FULL_ACCESS_ARN,
        AMAZON_ES_READ_ONLY_ACCESS_ARN,
        AMAZON_OPENSEARCH_SERVICE_READ_ONLY_ACCESS_ARN,
        ADMINISTRATOR_ACCESS_ARN,
      ].sort(),
    );
    assert.equal(
      awsManagedPolicy('arn:aws:iam::aws:policy/AmazonESReadOnlyAccess'),
      AWS_MANAGED_POLICIES.get(AMAZON_ES_READ_ONLY_ACCESS_ARN),
    );
    // Its published document was not found: left out rather than guessed.
    assert.equal(awsManagedPolicy('arn:aws:iam::aws:policy/AmazonOpenSearchServiceFullAccess'), undefined);
  });

  it('AmazonOpenSearchServiceReadOnlyAccess reads as AmazonESReadOnlyAccess; AdministratorAccess allows anything', () => {
    const actions: [string, string?][] = [
      ['es:DescribeElasticsearchDomain'],
      ['es:ListDomainNames', '*'],
      ['es:GetCompatibleVersions'],
      ['es:DeleteElasticsearchDomain'],
      ['es:ESHttpGet', `${domain}/index/_search`],
      ['iam:CreateUser', '*'],
    ];
    assert.deepEqual(
      actions.map(([action, resource]) =>
        decide(AMAZON_OPENSEARCH_SERVICE_READ_ONLY_ACCESS_ARN, action, resource),
      ),
      actions.map(([action, resource]) => decide(AMAZON_ES_READ_ONLY_ACCESS_ARN, action, resource)),
    );
    assert.deepEqual(
      actions.map(([action, resource]) =>
        decide(AMAZON_OPENSEARCH_SERVICE_READ_ONLY_ACCESS_ARN, action, resource),
      ),
      [true, true, true, false, false, false],
    );
    assert.ok(actions.every(([action, resource]) => decide(ADMINISTRATOR_ACCESS_ARN, action, resource)));
  });

  for (const [arn, document] of AWS_MANAGED_POLICIES) {
    it(`${arn} is a valid policy`, () => assert.deepEqual(validatePolicyDocument(document), []));
  }

  const domain = 'arn:aws:es:us-east-1:111122223333:domain/logs';
  const decide = (arn: string, action: string, resource = domain, context = {}): boolean =>
    evaluate({
      action,
      resource,
      context,
      identityPolicies: [{ name: arn, document: AWS_MANAGED_POLICIES.get(arn)! }],
    }).allowed;

  it('AmazonESFullAccess allows every es: action, and nothing else', () => {
    assert.deepEqual(
      [
        decide(AMAZON_ES_FULL_ACCESS_ARN, 'es:CreateElasticsearchDomain'),
        decide(AMAZON_ES_FULL_ACCESS_ARN, 'es:ESHttpDelete', `${domain}/index`),
        decide(AMAZON_ES_FULL_ACCESS_ARN, 'es:ListDomainNames', '*'),
        decide(AMAZON_ES_FULL_ACCESS_ARN, 'iam:PassRole', '*'),
      ],
      [true, true, true, false],
    );
  });

  it('AmazonESReadOnlyAccess allows Describe*, List* and Get*, no change and no es:ESHttp*', () => {
    assert.deepEqual(
      [
        decide(AMAZON_ES_READ_ONLY_ACCESS_ARN, 'es:DescribeElasticsearchDomain'),
        decide(AMAZON_ES_READ_ONLY_ACCESS_ARN, 'es:ListDomainNames', '*'),
        decide(AMAZON_ES_READ_ONLY_ACCESS_ARN, 'es:GetUpgradeStatus'),
        decide(AMAZON_ES_READ_ONLY_ACCESS_ARN, 'es:ESHttpGet', `${domain}/index/_search`),
        decide(AMAZON_ES_READ_ONLY_ACCESS_ARN, 'es:UpdateElasticsearchDomainConfig'),
        decide(AMAZON_ES_READ_ONLY_ACCESS_ARN, 'es:AddTags'),
      ],
      [true, true, true, false, false, false],
    );
  });

  it('AmazonESCognitoAccess allows the Cognito configuration and passing roles to Cognito only', () => {
    assert.deepEqual(
      [
        decide(AMAZON_ES_COGNITO_ACCESS_ARN, 'cognito-idp:DescribeUserPool', '*'),
        decide(AMAZON_ES_COGNITO_ACCESS_ARN, 'cognito-identity:SetIdentityPoolRoles', '*'),
        decide(AMAZON_ES_COGNITO_ACCESS_ARN, 'iam:PassRole', 'arn:aws:iam::111122223333:role/r', {
          'iam:PassedToService': 'cognito-identity.amazonaws.com',
        }),
        decide(AMAZON_ES_COGNITO_ACCESS_ARN, 'iam:PassRole', 'arn:aws:iam::111122223333:role/r', {
          'iam:PassedToService': 'ec2.amazonaws.com',
        }),
        decide(AMAZON_ES_COGNITO_ACCESS_ARN, 'es:DescribeElasticsearchDomain'),
      ],
      [true, true, true, false, false],
    );
  });

  it('cannot be changed by a caller', () => {
    const document = AWS_MANAGED_POLICIES.get(AMAZON_ES_FULL_ACCESS_ARN)!;
    assert.throws(() => {
      (document as { Version?: string }).Version = '2008-10-17';
    }, TypeError);
  });
});

describe("a seed with IAM's more lenient forms, through the JS v3 SDK", () => {
  const key = seedKey('AKIALENIENTUSER00001');
  let emulator: TestEmulator;
  before(async () => {
    emulator = await startSeededEmulator({
      accounts: {
        '111122223333': {
          users: {
            lenient: {
              accessKeys: [key],
              inlinePolicies: {
                odd: policyDocument(
                  {
                    Sid: 'List',
                    Effect: 'Allow',
                    Action: 'es:ListDomainNames',
                    Resource: '*',
                    Condition: { x: {} },
                  },
                  { Sid: 'Spaced', Effect: 'Allow', Action: 'iam: asdf safdsf af ', Resource: '*' },
                ),
              },
            },
          },
        },
      },
    });
  });
  after(() => emulator.stop());

  it('loads, and decides by the statements as IAM takes them', async () => {
    const client = emulator.client({ credentials: key });
    assert.deepEqual((await client.send(new ListDomainNamesCommand({}))).DomainNames, []);
    const denied = await errorOf(() => client.send(new ListElasticsearchVersionsCommand({})));
    assert.equal(denied.name, 'AccessDeniedException');
  });
});

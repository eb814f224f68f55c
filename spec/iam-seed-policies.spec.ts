import assert from 'node:assert/strict';
import { evaluate } from '../server/iam/evaluator';
import { validatePolicyDocument } from '../server/iam/policy-validation';
import type { PolicyDocument, PolicyStatement, RequestContextKeys } from '../server/iam/types';

/**
 * The example policies of the seed documents (the Amazon ES access-control chapter: the Japanese
 * edition ../shared/seeds/000_57b2bff5e9f8472f.txt and the Korean edition 003_880684c70715bc00.txt),
 * copied as printed there, decide as those documents say.
 */

const SEED_ACCOUNT = '987654321098';
const TEST_DOMAIN = `arn:aws:es:us-west-1:${SEED_ACCOUNT}:domain/test-domain`;
const domainArn = (name: string, region = 'us-west-1'): string =>
  `arn:aws:es:${region}:${SEED_ACCOUNT}:domain/${name}`;

interface SeedCase {
  action: string;
  resource: string;
  context?: RequestContextKeys;
  allowed: boolean;
  /** What the document says, or why this case follows from it. */
  because: string;
}

function seedPolicyTable(title: string, document: PolicyDocument, cases: readonly SeedCase[]): void {
  describe(title, () => {
    it('is a valid identity-based policy', () => {
      assert.deepEqual(validatePolicyDocument(document), []);
    });
    for (const seedCase of cases) {
      const verdict = seedCase.allowed ? 'allows' : 'denies';
      it(`${verdict} ${seedCase.action} on ${seedCase.resource}: ${seedCase.because}`, () => {
        const decision = evaluate({
          action: seedCase.action,
          resource: seedCase.resource,
          context: seedCase.context ?? {},
          identityPolicies: [{ name: 'seed', document }],
        });
        assert.equal(decision.allowed, seedCase.allowed, `reason: ${decision.reason}`);
      });
    }
  });
}

/** A resource-based example with its Principal removed: the Resource and Action matching is the same. */
function withoutPrincipals(document: PolicyDocument): PolicyDocument {
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  return {
    ...document,
    Statement: statements.map((statement): PolicyStatement => {
      const { Principal: _principal, ...rest } = statement;
      return rest;
    }),
  };
}

describe('the example policies of the seed documents', () => {
  // 000 (ja), identity-based policies: "access to actions that start with Describe and List, and GET
  // requests on all domains; this combination gives read-only access".
  seedPolicyTable(
    'read-only with es:ESHttpGet (ja)',
    {
      Version: '2012-10-17',
      Statement: [{ Action: ['es:Describe*', 'es:List*', 'es:ESHttpGet'], Effect: 'Allow', Resource: '*' }],
    },
    [
      {
        action: 'es:DescribeElasticsearchDomain',
        resource: TEST_DOMAIN,
        allowed: true,
        because: 'Describe*',
      },
      {
        action: 'es:DescribeElasticsearchDomainConfig',
        resource: domainArn('other'),
        allowed: true,
        because: 'any domain',
      },
      { action: 'es:ListDomainNames', resource: '*', allowed: true, because: 'List*' },
      {
        action: 'es:ESHttpGet',
        resource: `${TEST_DOMAIN}/index/_search`,
        allowed: true,
        because: 'GET requests',
      },
      { action: 'es:ESHttpPut', resource: `${TEST_DOMAIN}/index`, allowed: false, because: 'read-only' },
      {
        action: 'es:CreateElasticsearchDomain',
        resource: domainArn('new'),
        allowed: false,
        because: 'read-only',
      },
      {
        action: 'es:UpdateElasticsearchDomainConfig',
        resource: TEST_DOMAIN,
        allowed: false,
        because: 'read-only',
      },
    ],
  );

  // 003 (ko): "access to actions that start with Describe and List: read-only access to the domain
  // configuration, but not to the data stored in the domain".
  seedPolicyTable(
    'read-only configuration (ko)',
    {
      Version: '2012-10-17',
      Statement: [{ Action: ['es:Describe*', 'es:List*'], Effect: 'Allow', Resource: '*' }],
    },
    [
      {
        action: 'es:DescribeElasticsearchDomains',
        resource: TEST_DOMAIN,
        allowed: true,
        because: 'Describe*',
      },
      { action: 'es:ListTags', resource: TEST_DOMAIN, allowed: true, because: 'List*' },
      { action: 'es:ListDomainNames', resource: '*', allowed: true, because: 'List*' },
      {
        action: 'es:ESHttpGet',
        resource: `${TEST_DOMAIN}/index/_search`,
        allowed: false,
        because: 'not the data',
      },
      { action: 'es:DeleteElasticsearchDomain', resource: TEST_DOMAIN, allowed: false, because: 'read-only' },
      { action: 'es:AddTags', resource: TEST_DOMAIN, allowed: false, because: 'read-only' },
    ],
  );

  // Both editions: "administrators may have full access to Amazon ES and all data of all domains".
  seedPolicyTable(
    'full access for administrators',
    { Version: '2012-10-17', Statement: [{ Action: ['es:*'], Effect: 'Allow', Resource: '*' }] },
    [
      {
        action: 'es:CreateElasticsearchDomain',
        resource: domainArn('anything'),
        allowed: true,
        because: 'es:*',
      },
      { action: 'es:DeleteElasticsearchDomain', resource: TEST_DOMAIN, allowed: true, because: 'es:*' },
      { action: 'es:ESHttpDelete', resource: `${TEST_DOMAIN}/index`, allowed: true, because: 'all data' },
      { action: 'es:ListDomainNames', resource: '*', allowed: true, because: 'es:*' },
    ],
  );

  // 003 (ko): the policy that lists every es: action grouped by whether it applies to domain
  // subresources (test-domain/*), to the domain configuration (test-domain) or to the service (*).
  seedPolicyTable(
    'every action grouped by resource (ko)',
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'es:ESHttpDelete',
            'es:ESHttpGet',
            'es:ESHttpHead',
            'es:ESHttpPost',
            'es:ESHttpPut',
            'es:ESHttpPatch',
          ],
          Resource: 'arn:aws:es:us-west-1:987654321098:domain/test-domain/*',
        },
        {
          Effect: 'Allow',
          Action: [
            'es:AssociatePackage',
            'es:CreateElasticsearchDomain',
            'es:DeleteElasticsearchDomain',
            'es:DescribeElasticsearchDomain',
            'es:DescribeElasticsearchDomainConfig',
            'es:DescribeElasticsearchDomains',
            'es:DissociatePackage',
            'es:ESCrossClusterGet',
            'es:GetCompatibleElasticsearchVersions',
            'es:UpdateElasticsearchDomainConfig',
          ],
          Resource: 'arn:aws:es:us-west-1:987654321098:domain/test-domain',
        },
        {
          Effect: 'Allow',
          Action: [
            'es:AddTags',
            'es:CreateElasticsearchServiceRole',
            'es:CreatePackage',
            'es:DeleteElasticsearchServiceRole',
            'es:DeletePackage',
            'es:DescribeElasticsearchInstanceTypeLimits',
            'es:DescribeReservedElasticsearchInstanceOfferings',
            'es:DescribeReservedElasticsearchInstances',
            'es:ESCrossClusterGet',
            'es:ListDomainNames',
            'es:ListElasticsearchInstanceTypeDetails',
            'es:ListElasticsearchInstanceTypes',
            'es:ListElasticsearchVersions',
            'es:ListTags',
            'es:PurchaseReservedElasticsearchInstanceOffering',
            'es:RemoveTags',
          ],
          Resource: '*',
        },
      ],
    },
    [
      {
        action: 'es:ESHttpGet',
        resource: `${TEST_DOMAIN}/test-index/_search`,
        allowed: true,
        because: 'a subresource',
      },
      {
        action: 'es:ESHttpPatch',
        resource: `${TEST_DOMAIN}/test-index/_doc/1`,
        allowed: true,
        because: 'a subresource',
      },
      {
        action: 'es:ESHttpGet',
        resource: TEST_DOMAIN,
        allowed: false,
        because: 'test-domain/* covers subresources only',
      },
      {
        action: 'es:ESHttpGet',
        resource: `${domainArn('other-domain')}/index`,
        allowed: false,
        because: 'another domain',
      },
      {
        action: 'es:DescribeElasticsearchDomain',
        resource: TEST_DOMAIN,
        allowed: true,
        because: 'the domain configuration',
      },
      {
        action: 'es:UpdateElasticsearchDomainConfig',
        resource: TEST_DOMAIN,
        allowed: true,
        because: 'the domain configuration',
      },
      {
        action: 'es:DeleteElasticsearchDomain',
        resource: domainArn('other-domain'),
        allowed: false,
        because: 'only test-domain',
      },
      {
        action: 'es:DescribeElasticsearchDomain',
        resource: domainArn('test-domain', 'us-east-1'),
        allowed: false,
        because: 'another region',
      },
      { action: 'es:ListDomainNames', resource: '*', allowed: true, because: 'applies to the service: *' },
      { action: 'es:CreatePackage', resource: '*', allowed: true, because: 'applies to the service: *' },
      { action: 'es:AddTags', resource: TEST_DOMAIN, allowed: true, because: 'Resource *' },
      {
        action: 'es:UpgradeElasticsearchDomain',
        resource: TEST_DOMAIN,
        allowed: false,
        because: 'not listed',
      },
    ],
  );

  // Both editions: resource-level permission for CreateElasticsearchDomain enforces a naming scheme,
  // "Resource": "arn:aws:es:us-west-1:987654321098:domain/my-team-name-*".
  seedPolicyTable(
    'create limited to a naming scheme',
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'es:CreateElasticsearchDomain',
          Resource: 'arn:aws:es:us-west-1:987654321098:domain/my-team-name-*',
        },
      ],
    },
    [
      {
        action: 'es:CreateElasticsearchDomain',
        resource: domainArn('my-team-name-logs'),
        allowed: true,
        because: 'the name fits',
      },
      {
        action: 'es:CreateElasticsearchDomain',
        resource: domainArn('other-team-logs'),
        allowed: false,
        because: 'another name',
      },
      {
        action: 'es:CreateElasticsearchDomain',
        resource: domainArn('my-team-name-logs', 'eu-west-1'),
        allowed: false,
        because: 'another region',
      },
      {
        action: 'es:DeleteElasticsearchDomain',
        resource: domainArn('my-team-name-logs'),
        allowed: false,
        because: 'create only',
      },
    ],
  );
  seedPolicyTable(
    'create limited to a naming scheme in any region and account',
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'es:CreateElasticsearchDomain',
          Resource: 'arn:aws:es:*:*:domain/my-team-name-*',
        },
      ],
    },
    [
      {
        action: 'es:CreateElasticsearchDomain',
        resource: domainArn('my-team-name-a', 'eu-west-1'),
        allowed: true,
        because: 'the name fits',
      },
      {
        action: 'es:CreateElasticsearchDomain',
        resource: 'arn:aws:es:us-east-1:111122223333:domain/my-team-name-b',
        allowed: true,
        because: 'any account',
      },
      {
        action: 'es:CreateElasticsearchDomain',
        resource: domainArn('team-name-a'),
        allowed: false,
        because: 'another name',
      },
      {
        action: 'es:CreateElasticsearchDomain',
        resource: 'arn:aws:iam::111122223333:domain/my-team-name-a',
        allowed: false,
        because: 'the service segment must be es',
      },
    ],
  );

  // Both editions: "you can include actions with a less restrictive resource element".
  seedPolicyTable(
    'a less restrictive resource',
    {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['es:ESHttpGet', 'es:DescribeElasticsearchDomain'], Resource: '*' },
      ],
    },
    [
      {
        action: 'es:DescribeElasticsearchDomain',
        resource: domainArn('any-domain'),
        allowed: true,
        because: 'Resource *',
      },
      {
        action: 'es:ESHttpGet',
        resource: `${domainArn('any-domain')}/i/_search`,
        allowed: true,
        because: 'Resource *',
      },
      {
        action: 'es:ESHttpPost',
        resource: `${domainArn('any-domain')}/i/_search`,
        allowed: false,
        because: 'not listed',
      },
    ],
  );

  // 003 (ko): tags control access to the configuration API. "The following policy lets the principal
  // view and update the configuration of domains with the team:devops tag."
  seedPolicyTable(
    'tag-based access with aws:ResourceTag team: devops (ko)',
    {
      Version: '2012-10-17',
      Statement: [
        {
          Action: [
            'es:UpdateElasticsearchDomainConfig',
            'es:DescribeElasticsearchDomain',
            'es:DescribeElasticsearchDomainConfig',
          ],
          Effect: 'Allow',
          Resource: '*',
          Condition: { 'ForAnyValue:StringEquals': { 'aws:ResourceTag/team': ['devops'] } },
        },
      ],
    },
    [
      {
        action: 'es:DescribeElasticsearchDomain',
        resource: TEST_DOMAIN,
        context: { 'aws:ResourceTag/team': 'devops' },
        allowed: true,
        because: 'tagged team:devops',
      },
      {
        action: 'es:UpdateElasticsearchDomainConfig',
        resource: TEST_DOMAIN,
        context: { 'aws:ResourceTag/team': 'devops' },
        allowed: true,
        because: 'tagged team:devops',
      },
      {
        action: 'es:DescribeElasticsearchDomainConfig',
        resource: TEST_DOMAIN,
        context: { 'aws:ResourceTag/Team': 'devops' },
        allowed: true,
        because: 'tag key names are case-insensitive in conditions',
      },
      {
        action: 'es:DescribeElasticsearchDomain',
        resource: TEST_DOMAIN,
        context: { 'aws:ResourceTag/team': 'DevOps' },
        allowed: false,
        because: 'tag values are case-sensitive',
      },
      {
        action: 'es:DescribeElasticsearchDomain',
        resource: TEST_DOMAIN,
        context: { 'aws:ResourceTag/team': 'search' },
        allowed: false,
        because: 'tagged team:search',
      },
      {
        action: 'es:DescribeElasticsearchDomain',
        resource: TEST_DOMAIN,
        context: {},
        allowed: false,
        because: 'untagged',
      },
      {
        action: 'es:DeleteElasticsearchDomain',
        resource: TEST_DOMAIN,
        context: { 'aws:ResourceTag/team': 'devops' },
        allowed: false,
        because: 'view and update only',
      },
    ],
  );

  // 003 (ko): "the following policy lets the principal create a domain only with the tag team:it in
  // the request" (aws:RequestTag applies to CreateElasticsearchDomain, AddTags and RemoveTags).
  seedPolicyTable(
    'tag-based create with aws:RequestTag team: it (ko)',
    {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Action: ['es:CreateElasticsearchDomain', 'es:AddTags'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestTag/team': ['it'] } },
      },
    },
    [
      {
        action: 'es:CreateElasticsearchDomain',
        resource: domainArn('new'),
        context: { 'aws:RequestTag/team': 'it', 'aws:TagKeys': ['team'] },
        allowed: true,
        because: 'the request tags team:it',
      },
      {
        action: 'es:AddTags',
        resource: TEST_DOMAIN,
        context: { 'aws:RequestTag/team': 'it', 'aws:TagKeys': ['team'] },
        allowed: true,
        because: 'the request tags team:it',
      },
      {
        action: 'es:CreateElasticsearchDomain',
        resource: domainArn('new'),
        context: { 'aws:RequestTag/team': 'devops', 'aws:TagKeys': ['team'] },
        allowed: false,
        because: 'another team',
      },
      {
        action: 'es:CreateElasticsearchDomain',
        resource: domainArn('new'),
        context: {},
        allowed: false,
        because: 'no tags in the request',
      },
      {
        action: 'es:RemoveTags',
        resource: TEST_DOMAIN,
        context: { 'aws:TagKeys': ['team'] },
        allowed: false,
        because: 'not listed',
      },
    ],
  );

  // The seed's tag keys (aws:TagKeys is a global key on CreateElasticsearchDomain, AddTags and
  // RemoveTags) with the set operators the IAM guide pairs it with: create only with team: devops,
  // and no tag key other than team and env.
  seedPolicyTable(
    'tag-based create with aws:RequestTag and aws:TagKeys team: devops',
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['es:CreateElasticsearchDomain', 'es:AddTags'],
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:RequestTag/team': 'devops' },
            'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] },
          },
        },
        {
          Sid: 'NeverRemoveTeam',
          Effect: 'Deny',
          Action: 'es:RemoveTags',
          Resource: '*',
          Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team' } },
        },
        { Effect: 'Allow', Action: 'es:RemoveTags', Resource: '*' },
      ],
    },
    [
      {
        action: 'es:CreateElasticsearchDomain',
        resource: domainArn('new'),
        context: { 'aws:RequestTag/team': 'devops', 'aws:TagKeys': ['team'] },
        allowed: true,
        because: 'team: devops',
      },
      {
        action: 'es:CreateElasticsearchDomain',
        resource: domainArn('new'),
        context: {
          'aws:RequestTag/team': 'devops',
          'aws:RequestTag/env': 'prod',
          'aws:TagKeys': ['team', 'env'],
        },
        allowed: true,
        because: 'only allowed keys',
      },
      {
        action: 'es:CreateElasticsearchDomain',
        resource: domainArn('new'),
        context: {
          'aws:RequestTag/team': 'devops',
          'aws:RequestTag/owner': 'x',
          'aws:TagKeys': ['team', 'owner'],
        },
        allowed: false,
        because: 'a tag key not allowed',
      },
      {
        action: 'es:CreateElasticsearchDomain',
        resource: domainArn('new'),
        context: { 'aws:RequestTag/team': 'it', 'aws:TagKeys': ['team'] },
        allowed: false,
        because: 'another team',
      },
      {
        action: 'es:RemoveTags',
        resource: TEST_DOMAIN,
        context: { 'aws:TagKeys': ['env'] },
        allowed: true,
        because: 'removing env',
      },
      {
        action: 'es:RemoveTags',
        resource: TEST_DOMAIN,
        context: { 'aws:TagKeys': ['env', 'team'] },
        allowed: false,
        because: 'removing team is denied',
      },
    ],
  );

  // 000 (ja), resource-based example: ESHttp* on test-domain/*, but ESHttpDelete denied on
  // critical-index* for the same role. The Resource/Action matching, Principal aside.
  seedPolicyTable(
    'deny of deletes on critical-index* (ja, Principal removed)',
    withoutPrincipals({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: ['arn:aws:iam::123456789012:role/power-user-role'] },
          Action: ['es:ESHttpDelete', 'es:ESHttpGet', 'es:ESHttpHead', 'es:ESHttpPost', 'es:ESHttpPut'],
          Resource: 'arn:aws:es:us-west-1:987654321098:domain/test-domain/*',
        },
        {
          Effect: 'Deny',
          Principal: { AWS: ['arn:aws:iam::123456789012:role/power-user-role'] },
          Action: ['es:ESHttpDelete'],
          Resource: 'arn:aws:es:us-west-1:987654321098:domain/test-domain/critical-index*',
        },
      ],
    }),
    [
      {
        action: 'es:ESHttpGet',
        resource: `${TEST_DOMAIN}/critical-index/_search`,
        allowed: true,
        because: 'reads are allowed',
      },
      {
        action: 'es:ESHttpDelete',
        resource: `${TEST_DOMAIN}/critical-index`,
        allowed: false,
        because: 'critical-index* covers the index itself',
      },
      {
        action: 'es:ESHttpDelete',
        resource: `${TEST_DOMAIN}/critical-index/_doc/1`,
        allowed: false,
        because: 'and its documents',
      },
      {
        action: 'es:ESHttpDelete',
        resource: `${TEST_DOMAIN}/other-index`,
        allowed: true,
        because: 'other indices',
      },
    ],
  );

  // 000 (ja), the allow_explicit_index section: a Deny on restricted-index/* leaves the user the right
  // to delete the whole index; "to prevent access and deletion, specify restricted-index*".
  seedPolicyTable(
    'deny on restricted-index/* does not cover the index itself (ja, Principal removed)',
    withoutPrincipals({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123456789012:user/test-user' },
          Action: 'es:ESHttp*',
          Resource: 'arn:aws:es:us-west-1:987654321098:domain/test-domain/*',
        },
        {
          Effect: 'Deny',
          Principal: { AWS: 'arn:aws:iam::123456789012:user/test-user' },
          Action: 'es:*',
          Resource: 'arn:aws:es:us-west-1:987654321098:domain/test-domain/restricted-index/*',
        },
      ],
    }),
    [
      {
        action: 'es:ESHttpGet',
        resource: `${TEST_DOMAIN}/restricted-index/_doc/1`,
        allowed: false,
        because: 'documents are denied',
      },
      {
        action: 'es:ESHttpDelete',
        resource: `${TEST_DOMAIN}/restricted-index`,
        allowed: true,
        because: 'the document says the whole index can still be deleted',
      },
      {
        action: 'es:ESHttpGet',
        resource: `${TEST_DOMAIN}/test-index/_search`,
        allowed: true,
        because: 'other indices',
      },
    ],
  );
});

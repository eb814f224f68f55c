/**
 * The AWS managed policies the Amazon ES and OpenSearch Service documentation names, with the documents AWS publishes
 * for them (AWS Managed Policy reference: AmazonESFullAccess v1, AmazonESReadOnlyAccess v2, AmazonESCognitoAccess
 * v2, AmazonOpenSearchServiceReadOnlyAccess v1), and AdministratorAccess (v1). AmazonOpenSearchServiceFullAccess is
 * left out: its published document was not found, and a guess would decide calls AWS decides otherwise.
 */
import type { PolicyDocument } from './types';

export const AWS_MANAGED_POLICY_ARN_PREFIX = 'arn:aws:iam::aws:policy/';

export const AMAZON_ES_FULL_ACCESS_ARN = `${AWS_MANAGED_POLICY_ARN_PREFIX}AmazonESFullAccess`;
export const AMAZON_ES_READ_ONLY_ACCESS_ARN = `${AWS_MANAGED_POLICY_ARN_PREFIX}AmazonESReadOnlyAccess`;
export const AMAZON_ES_COGNITO_ACCESS_ARN = `${AWS_MANAGED_POLICY_ARN_PREFIX}AmazonESCognitoAccess`;
export const AMAZON_OPENSEARCH_SERVICE_READ_ONLY_ACCESS_ARN = `${AWS_MANAGED_POLICY_ARN_PREFIX}AmazonOpenSearchServiceReadOnlyAccess`;
export const ADMINISTRATOR_ACCESS_ARN = `${AWS_MANAGED_POLICY_ARN_PREFIX}AdministratorAccess`;

/** Full access to the configuration API and every HTTP method of the domains. */
const amazonEsFullAccess: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Action: ['es:*'], Effect: 'Allow', Resource: '*' }],
};

/** Read-only access to the configuration API; no es:ESHttp* methods. */
const amazonEsReadOnlyAccess: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Action: ['es:Describe*', 'es:List*', 'es:Get*'], Effect: 'Allow', Resource: '*' }],
};

/** The OpenSearch Service name of the same read-only access, published with the rename (2021-09-08). */
const amazonOpenSearchServiceReadOnlyAccess: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['es:Describe*', 'es:List*', 'es:Get*'], Resource: '*' }],
};

/** Every action on every resource. */
const administratorAccess: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

/** The Amazon Cognito permissions needed to enable Cognito authentication for Kibana. */
const amazonEsCognitoAccess: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: [
        'cognito-idp:DescribeUserPool',
        'cognito-idp:CreateUserPoolClient',
        'cognito-idp:DeleteUserPoolClient',
        'cognito-idp:UpdateUserPoolClient',
        'cognito-idp:DescribeUserPoolClient',
        'cognito-idp:AdminInitiateAuth',
        'cognito-idp:AdminUserGlobalSignOut',
        'cognito-idp:ListUserPoolClients',
        'cognito-identity:DescribeIdentityPool',
        'cognito-identity:UpdateIdentityPool',
        'cognito-identity:SetIdentityPoolRoles',
        'cognito-identity:GetIdentityPoolRoles',
      ],
      Resource: '*',
    },
    {
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: '*',
      Condition: {
        StringLike: {
          'iam:PassedToService': ['cognito-identity.amazonaws.com', 'cognito-identity-us-gov.amazonaws.com'],
        },
      },
    },
  ],
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * The documents by ARN. They are frozen: the evaluator caches compiled policies by document object, and
 * these objects are shared by every principal that attaches them.
 */
export const AWS_MANAGED_POLICIES: ReadonlyMap<string, PolicyDocument> = new Map([
  [AMAZON_ES_FULL_ACCESS_ARN, deepFreeze(amazonEsFullAccess)],
  [AMAZON_ES_READ_ONLY_ACCESS_ARN, deepFreeze(amazonEsReadOnlyAccess)],
  [AMAZON_ES_COGNITO_ACCESS_ARN, deepFreeze(amazonEsCognitoAccess)],
  [AMAZON_OPENSEARCH_SERVICE_READ_ONLY_ACCESS_ARN, deepFreeze(amazonOpenSearchServiceReadOnlyAccess)],
  [ADMINISTRATOR_ACCESS_ARN, deepFreeze(administratorAccess)],
]);

/** The managed policy document for an ARN, or undefined when AWS has no such policy here. */
export function awsManagedPolicy(arn: string): PolicyDocument | undefined {
  return AWS_MANAGED_POLICIES.get(arn);
}

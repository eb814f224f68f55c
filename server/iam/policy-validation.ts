/**
 * Checks a policy document when principals and policies load, with a message per problem naming its
 * place (`Statement[1].Effect must be "Allow" or "Deny"`). An empty list means the document is valid.
 */
import { conditionValues } from './evaluator/condition';
import { compileNullValue, NULL_OPERATOR_NAME } from './evaluator/conditions/null';
import { parseOperatorName } from './evaluator/conditions/registry';
import { DEFAULT_VERSION, VERSION_WITH_VARIABLES } from './evaluator/compile';
import { PARTITIONS } from '../partitions';

export interface PolicyValidationOptions {
  /**
   * `identity` (the default): attached to a user, group or role, so it names no Principal.
   * `resource`: a domain access policy, which must name a Principal or NotPrincipal.
   */
  policyType?: 'identity' | 'resource';
}

const DOCUMENT_ELEMENTS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_ELEMENTS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);
/**
 * `service:action`: IAM holds the service prefix to letters, digits, `-` and `.` and allows one colon, and takes the
 * action part as written (moto's AWS-checked valid policies, getmoto/moto#2269, hold `"iam: asdf safdsf af "`); an
 * action part no operation has matches nothing.
 */
const ACTION_FORM = /^[A-Za-z0-9.-]+:[^:]*$/;
/** AWS accepts only ASCII letters and digits in the Sid of an IAM policy. */
const IDENTITY_SID_FORM = /^[A-Za-z0-9]*$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function quote(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** Checks an Action/NotAction/Resource/NotResource element: a string or a non-empty list of strings. */
function checkStringList(
  value: unknown,
  path: string,
  errors: string[],
  checkItem: (item: string, itemPath: string) => void,
): void {
  if (typeof value === 'string') {
    checkItem(value, path);
    return;
  }
  if (!Array.isArray(value)) {
    errors.push(`${path} must be a string or a list of strings`);
    return;
  }
  if (value.length === 0) errors.push(`${path} must not be empty`);
  value.forEach((item, index) => {
    if (typeof item !== 'string') errors.push(`${path}[${index}] must be a string`);
    else checkItem(item, `${path}[${index}]`);
  });
}

function checkAction(errors: string[]) {
  return (action: string, path: string): void => {
    if (action !== '*' && !ACTION_FORM.test(action)) {
      errors.push(`${path} must be "*" or of the form service:action, got ${quote(action)}`);
    }
  };
}

function checkResource(errors: string[], policyType: PolicyValidationOptions['policyType']) {
  return (resource: string, path: string): void => {
    if (resource === '*') return;
    if (!resource.startsWith('arn:')) {
      errors.push(`${path} must be "*" or an ARN, got ${quote(resource)}`);
      return;
    }
    if (policyType !== 'identity') return;
    const problem = identityResourceProblem(resource);
    if (problem) errors.push(`${path} ${quote(resource)}: ${problem}`);
  };
}

/** IAM's resource types: an `arn:aws:iam::` resource is `*` or one of them (IAM's text lists them). */
const IAM_RESOURCE_STARTS = [
  'user/',
  'federated-user/',
  'role/',
  'group/',
  'instance-profile/',
  'mfa/',
  'server-certificate/',
  'policy/',
  'sms-mfa/',
  'saml-provider/',
  'oidc-provider/',
  'report/',
  'access-report/',
];

/**
 * What IAM's CreatePolicy answers (MalformedPolicyDocument) for a Resource ARN it cannot read, in its words:
 * the cases and texts of moto's IAM policy validation (getmoto/moto#2269), each checked against AWS by its
 * author. `arn:aws:es::domain/logs`, the Region and account left out, is the legacy parsing case.
 */
function identityResourceProblem(resource: string): string | undefined {
  // A policy variable holds a colon of its own (`${aws:username}`): it counts as one character of its field.
  const parts = resource.replace(/\$\{[^}]*\}/g, '_').split(':');
  const [, partition = '', service, region, , ...rest] = parts;
  // IAM refuses an ARN of a partition AWS does not have; its text fills the missing fields with `*`.
  if (!PARTITIONS.has(partition) && !/[*?]/.test(partition)) {
    const fields = parts.slice(2);
    const field = (index: number) =>
      index < fields.length && (index > 0 || fields[0] !== '' || fields.length > 1) ? fields[index] : '*';
    const last = fields.length > 3 ? fields.slice(3).join(':') : '*';
    return `Partition "${partition}" is not valid for resource "arn:${partition}:${field(0)}:${field(1)}:${field(2)}:${last}".`;
  }
  // IAM's guide (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html): "You
  // can't use a wildcard in the service segment". put-role-policy refused `arn:aws:*:*:*:*fss-prod*` and
  // `arn:aws:*:*:<account>:*` with this text (users' deployment notes, 2026).
  if (service === undefined || /[*?]/.test(service)) {
    return 'Resource vendor must be fully qualified and cannot contain regexes.';
  }
  if (service === '' || (parts.length < 6 && resource.includes('::')))
    return 'The policy failed legacy parsing';
  const resourceId = rest.join(':');
  // IAM and S3 bucket resources have no Region (S3 access points do).
  if (service === 'iam' && region) return `IAM resource ${resource} cannot contain region information.`;
  if (service === 's3' && region && !resourceId.startsWith('accesspoint/')) {
    return `Resource ${resource} can not contain region information.`;
  }
  if (
    service === 'iam' &&
    parts.length >= 6 &&
    resourceId !== '*' &&
    !IAM_RESOURCE_STARTS.some((start) => resourceId.startsWith(start))
  ) {
    return `IAM resource path must either be "*" or start with ${IAM_RESOURCE_STARTS.join(', ')}.`;
  }
  return undefined;
}

function checkCondition(condition: unknown, path: string, variablesEnabled: boolean, errors: string[]): void {
  if (!isObject(condition)) {
    errors.push(`${path} must be an object of condition operators`);
    return;
  }
  for (const operatorName of Object.keys(condition)) {
    const operatorPath = `${path}.${operatorName}`;
    const parsed = parseOperatorName(operatorName);
    const keys = condition[operatorName];
    // IAM takes an operator it does not know when it holds no keys (moto's AWS-checked valid policies,
    // getmoto/moto#2269: `{"x": {}, "y": {}}`): with no key it has nothing to hold.
    if (!parsed && isObject(keys) && Object.keys(keys).length === 0) continue;
    if (!parsed) {
      errors.push(`${path} has an unknown condition operator ${quote(operatorName)}`);
      continue;
    }
    // IAM accepts an operator with no keys, and a key with an empty list of values (moto's AWS-checked valid
    // policies, getmoto/moto#2269: `{"DateGreaterThan": {}}`, `{"DateGreaterThan": {"a": []}}`). No key leaves
    // nothing to hold; no value matches nothing, so only the negated operators hold.
    if (!isObject(keys)) {
      errors.push(`${operatorPath} must be an object of condition keys and values`);
      continue;
    }
    for (const key of Object.keys(keys)) {
      const keyPath = `${operatorPath}[${quote(key)}]`;
      const values = conditionValues(keys[key]);
      if (!values) {
        errors.push(`${keyPath} must be a string, number, boolean or a list of them`);
        continue;
      }
      for (const value of values) {
        const problem =
          parsed.operator === NULL_OPERATOR_NAME
            ? compileNullValue(value)
            : parsed.operator.compile(value, variablesEnabled);
        if (typeof problem === 'object' && 'error' in problem) {
          errors.push(`${keyPath} value ${quote(value)} must be ${problem.error} for ${operatorName}`);
        }
      }
    }
  }
}

function checkStatement(
  statement: unknown,
  path: string,
  variablesEnabled: boolean,
  options: Required<PolicyValidationOptions>,
  sids: Set<string>,
  errors: string[],
): void {
  if (!isObject(statement)) {
    errors.push(`${path} must be an object`);
    return;
  }
  for (const element of Object.keys(statement)) {
    if (!STATEMENT_ELEMENTS.has(element)) errors.push(`${path} has an unknown element ${quote(element)}`);
  }
  const sid = statement.Sid;
  if (sid !== undefined) {
    if (typeof sid !== 'string') errors.push(`${path}.Sid must be a string`);
    else {
      if (options.policyType === 'identity' && !IDENTITY_SID_FORM.test(sid)) {
        errors.push(`${path}.Sid must contain only letters and digits, got ${quote(sid)}`);
      }
      if (sid !== '' && sids.has(sid)) errors.push(`${path}.Sid ${quote(sid)} is not unique in the policy`);
      sids.add(sid);
    }
  }
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
    errors.push(`${path}.Effect must be "Allow" or "Deny"`);
  }

  const hasAction = statement.Action !== undefined;
  const hasNotAction = statement.NotAction !== undefined;
  if (hasAction && hasNotAction) errors.push(`${path} must not have both Action and NotAction`);
  else if (!hasAction && !hasNotAction) errors.push(`${path} must have Action or NotAction`);
  if (hasAction) checkStringList(statement.Action, `${path}.Action`, errors, checkAction(errors));
  if (hasNotAction) checkStringList(statement.NotAction, `${path}.NotAction`, errors, checkAction(errors));

  const hasResource = statement.Resource !== undefined;
  const hasNotResource = statement.NotResource !== undefined;
  if (hasResource && hasNotResource) errors.push(`${path} must not have both Resource and NotResource`);
  else if (!hasResource && !hasNotResource) errors.push(`${path} must have Resource or NotResource`);
  const resourceCheck = checkResource(errors, options.policyType);
  if (hasResource) checkStringList(statement.Resource, `${path}.Resource`, errors, resourceCheck);
  if (hasNotResource) checkStringList(statement.NotResource, `${path}.NotResource`, errors, resourceCheck);

  const hasPrincipal = statement.Principal !== undefined;
  const hasNotPrincipal = statement.NotPrincipal !== undefined;
  if (options.policyType === 'identity') {
    // AWS rejects a principal in a policy attached to an identity: the identity is the principal.
    if (hasPrincipal) errors.push(`${path}.Principal is not allowed in an identity-based policy`);
    if (hasNotPrincipal) errors.push(`${path}.NotPrincipal is not allowed in an identity-based policy`);
  } else if (hasPrincipal && hasNotPrincipal) {
    errors.push(`${path} must not have both Principal and NotPrincipal`);
  } else if (!hasPrincipal && !hasNotPrincipal) {
    errors.push(`${path} must have Principal or NotPrincipal`);
  }

  if (statement.Condition !== undefined) {
    checkCondition(statement.Condition, `${path}.Condition`, variablesEnabled, errors);
  }
}

export function validatePolicyDocument(document: unknown, options: PolicyValidationOptions = {}): string[] {
  const resolved: Required<PolicyValidationOptions> = { policyType: options.policyType ?? 'identity' };
  const errors: string[] = [];
  if (!isObject(document)) return ['The policy document must be a JSON object'];
  for (const element of Object.keys(document)) {
    if (!DOCUMENT_ELEMENTS.has(element))
      errors.push(`The policy document has an unknown element ${quote(element)}`);
  }
  const version = document.Version;
  if (version !== undefined && version !== VERSION_WITH_VARIABLES && version !== DEFAULT_VERSION) {
    errors.push(`Version must be "${VERSION_WITH_VARIABLES}" or "${DEFAULT_VERSION}", got ${quote(version)}`);
  }
  if (document.Id !== undefined && typeof document.Id !== 'string') errors.push('Id must be a string');
  const variablesEnabled = version === VERSION_WITH_VARIABLES;
  const statements = document.Statement;
  const sids = new Set<string>();
  if (statements === undefined) errors.push('Statement is required');
  // IAM refuses a policy of no statements: "Syntax errors in policy." (moto's AWS-checked cases, getmoto/moto#2269).
  else if (Array.isArray(statements) && statements.length === 0 && resolved.policyType === 'identity') {
    errors.push('Statement must not be empty (IAM: "Syntax errors in policy.")');
  } else if (Array.isArray(statements)) {
    statements.forEach((statement, index) =>
      checkStatement(statement, `Statement[${index}]`, variablesEnabled, resolved, sids, errors),
    );
  } else if (isObject(statements)) {
    checkStatement(statements, 'Statement', variablesEnabled, resolved, sids, errors);
  } else {
    errors.push('Statement must be an object or a list of objects');
  }
  return errors;
}

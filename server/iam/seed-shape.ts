/**
 * A quick check that a parsed IAM seed file has the shape of the seed schema (scripts/generate.ts):
 * true only for a seed the compiled validator (schemas/seed-validator.generated) accepts too. A seed
 * it does not pass goes to that validator, whose first error names the place in the file; every
 * message comes from there.
 *
 * Why a second check: the compiled validator is one ~60 KB function (~195 KB as tsc emits it), and
 * requiring it and running it the first time took ~3.5 ms of a ~125 ms cold start with the bench's
 * seed, for a seed that is almost always well formed; this check takes ~0.5 ms the first time
 * (createSecurity with that seed: ~13 ms -> ~10 ms). spec/seed-shape.spec.ts holds the two to
 * agreement, on the fixtures and on mutations of them derived from the schema.
 */

/** The schema's patterns, with ajv's `u` flag. */
const accountIdForm = /^\d{12}$/u;
const nameForm = /^[\w+=,.@-]{1,128}$/u;
const pathForm = /^\/(?:[\x21-\x7E]*\/)?$/u;
const accessKeyIdForm = /^[A-Za-z0-9]{1,128}$/u;
const sessionNameForm = /^[\w+=,.@-]{2,64}$/u;
/** The schema's `date-time` format (isSeedDateTime in scripts/generate.ts). */
const dateTimeForm = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

type JsonObject = Record<string, unknown>;
type Check = (value: unknown) => boolean;

/** JSON Schema's `object`: not null, not an array. */
function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `additionalProperties: false` with these `properties`. */
function hasOnly(object: JsonObject, names: readonly string[]): boolean {
  return Object.keys(object).every((name) => names.includes(name));
}

/** An optional property: absent, or it passes. */
function optional(value: unknown, check: Check): boolean {
  return value === undefined || check(value);
}

function isNonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

function isStringOrNull(value: unknown): boolean {
  return typeof value === 'string' || value === null;
}

function isDateTime(value: unknown): boolean {
  return typeof value === 'string' && dateTimeForm.test(value) && !Number.isNaN(Date.parse(value));
}

function listOf(check: Check): Check {
  return (value) => Array.isArray(value) && value.every(check);
}

/** An object whose property names match `nameForm` and whose values pass `check` (seedNameMap). */
function nameMapOf(check: Check): Check {
  return (value) =>
    isObject(value) && Object.keys(value).every((name) => nameForm.test(name) && check(value[name]));
}

const isPolicyDocumentMap = nameMapOf(isObject);
const isManagedPolicyList = listOf(isNonEmptyString);

/** The members of an access key, in an access key and in a role session. */
function hasKeyPair(object: JsonObject): boolean {
  return (
    typeof object.accessKeyId === 'string' &&
    accessKeyIdForm.test(object.accessKeyId) &&
    isNonEmptyString(object.secretAccessKey)
  );
}

function isAccessKey(value: unknown): boolean {
  return isObject(value) && hasOnly(value, ['accessKeyId', 'secretAccessKey']) && hasKeyPair(value);
}

function isSession(value: unknown): boolean {
  return (
    isObject(value) &&
    hasOnly(value, [
      'accessKeyId',
      'secretAccessKey',
      'sessionName',
      'sessionToken',
      'expiresAt',
      'issuedAt',
      'sessionPolicy',
    ]) &&
    hasKeyPair(value) &&
    typeof value.sessionName === 'string' &&
    sessionNameForm.test(value.sessionName) &&
    isNonEmptyString(value.sessionToken) &&
    isDateTime(value.expiresAt) &&
    optional(value.issuedAt, isDateTime) &&
    optional(value.sessionPolicy, (policy) => isObject(policy) || isStringOrNull(policy))
  );
}

/** The properties users and roles share (seedPolicyHolderProperties). */
function hasPolicyHolderProperties(holder: JsonObject): boolean {
  return (
    optional(holder.path, (path) => typeof path === 'string' && pathForm.test(path)) &&
    optional(
      holder.tags,
      (tags) => isObject(tags) && Object.values(tags).every((tag) => typeof tag === 'string'),
    ) &&
    optional(holder.inlinePolicies, isPolicyDocumentMap) &&
    optional(holder.managedPolicies, isManagedPolicyList) &&
    optional(holder.permissionsBoundary, isStringOrNull)
  );
}

const policyHolderPropertyNames = [
  'path',
  'tags',
  'inlinePolicies',
  'managedPolicies',
  'permissionsBoundary',
];

function isGroup(value: unknown): boolean {
  return (
    isObject(value) &&
    hasOnly(value, ['path', 'inlinePolicies', 'managedPolicies']) &&
    optional(value.path, (path) => typeof path === 'string' && pathForm.test(path)) &&
    optional(value.inlinePolicies, isPolicyDocumentMap) &&
    optional(value.managedPolicies, isManagedPolicyList)
  );
}

function isUser(value: unknown): boolean {
  return (
    isObject(value) &&
    hasOnly(value, [...policyHolderPropertyNames, 'groups', 'accessKeys']) &&
    hasPolicyHolderProperties(value) &&
    optional(
      value.groups,
      listOf((group) => typeof group === 'string'),
    ) &&
    optional(value.accessKeys, listOf(isAccessKey))
  );
}

function isRole(value: unknown): boolean {
  return (
    isObject(value) &&
    hasOnly(value, [...policyHolderPropertyNames, 'sessions']) &&
    hasPolicyHolderProperties(value) &&
    optional(value.sessions, listOf(isSession))
  );
}

function isAccount(value: unknown): boolean {
  return (
    isObject(value) &&
    hasOnly(value, ['root', 'policies', 'groups', 'users', 'roles']) &&
    optional(
      value.root,
      (root) =>
        isObject(root) && hasOnly(root, ['accessKeys']) && optional(root.accessKeys, listOf(isAccessKey)),
    ) &&
    optional(value.policies, isPolicyDocumentMap) &&
    optional(value.groups, nameMapOf(isGroup)) &&
    optional(value.users, nameMapOf(isUser)) &&
    optional(value.roles, nameMapOf(isRole))
  );
}

/** True when the seed has the schema's shape; false when the compiled validator must look at it. */
export function isWellFormedSeed(seed: unknown): boolean {
  return (
    isObject(seed) &&
    hasOnly(seed, ['accounts']) &&
    isObject(seed.accounts) &&
    Object.entries(seed.accounts).every(([id, account]) => accountIdForm.test(id) && isAccount(account))
  );
}

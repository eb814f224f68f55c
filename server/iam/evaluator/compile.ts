/**
 * A policy document compiled once into matchers, cached by the document object, so that evaluating a
 * request does no parsing.
 */
import type { PolicyDocument, PolicyStatement } from '../types';
import { ArnPattern } from './arn';
import type { CompiledCondition } from './condition';
import { compileConditions } from './condition';
import type { Glob } from './wildcard';
import { compileGlobText, globMatches } from './wildcard';

/** Policy variables exist only in the 2012-10-17 language; 2008-10-17 is the default when absent. */
export const VERSION_WITH_VARIABLES = '2012-10-17';
export const DEFAULT_VERSION = '2008-10-17';

export interface CompiledStatement {
  /** The Sid, or `#<index>` when the statement has none. */
  label: string;
  effect: 'Allow' | 'Deny';
  /** Lower-case globs: action names are case-insensitive. */
  actions: readonly Glob[];
  /** True for NotAction: the statement applies to the actions not listed. */
  actionsNegated: boolean;
  resources: readonly ArnPattern[];
  /** True for NotResource. */
  resourcesNegated: boolean;
  /**
   * False when the statement names neither Resource nor NotResource: such a statement never applies in
   * an identity-based policy.
   */
  hasResourceElement: boolean;
  conditions: readonly CompiledCondition[];
}

export interface CompiledPolicy {
  statements: readonly CompiledStatement[];
  /**
   * The statements whose Action or NotAction takes in the action (lower case), or the same operation's other action
   * when it has one, in document order.
   */
  statementsFor(lowerCaseAction: string, lowerCaseOtherAction?: string): readonly CompiledStatement[];
}

/**
 * How many actions a policy remembers its statements for. The API's operations are about sixty actions;
 * `/_local/simulate` takes any name, so past this many the statements are filtered on each call.
 */
const ACTIONS_REMEMBERED_PER_POLICY = 256;

/**
 * The longest names remembered, the action's and its other name's together, with room (es's longest action,
 * es:DescribeReservedElasticsearchInstanceOfferings, is 49 characters).
 */
const LONGEST_REMEMBERED_NAMES = 256;

function actionApplies(statement: CompiledStatement, lowerCaseAction: string): boolean {
  let listed = false;
  for (const glob of statement.actions) {
    if (globMatches(glob, lowerCaseAction)) {
      listed = true;
      break;
    }
  }
  return statement.actionsNegated ? !listed : listed;
}

/**
 * A policy's statements by action, each list computed on the action's first request: a request is
 * mostly decided by the few statements that name its action, and the others are never looked at again
 * (a statement's action part depends on nothing but the action).
 */
function statementIndex(statements: readonly CompiledStatement[]): CompiledPolicy['statementsFor'] {
  // By the action, then by the other name when there is one: no key is built per call (a joined key was a new
  // string to hash on every request).
  const byAction = new Map<string, readonly CompiledStatement[]>();
  const byPair = new Map<string, Map<string, readonly CompiledStatement[]>>();
  let remembered = 0;
  return (lowerCaseAction, lowerCaseOtherAction) => {
    const byOther = lowerCaseOtherAction === undefined ? undefined : byPair.get(lowerCaseAction);
    let applicable =
      lowerCaseOtherAction === undefined ? byAction.get(lowerCaseAction) : byOther?.get(lowerCaseOtherAction);
    if (applicable) return applicable;
    applicable = statements.filter(
      (statement) =>
        actionApplies(statement, lowerCaseAction) ||
        (lowerCaseOtherAction !== undefined && actionApplies(statement, lowerCaseOtherAction)),
    );
    // A name longer than any action's is not remembered (a simulation may name one of 1 MiB: 256 of them held
    // 256 MiB), nor past ACTIONS_REMEMBERED_PER_POLICY names.
    const length = lowerCaseAction.length + (lowerCaseOtherAction?.length ?? 0);
    if (length > LONGEST_REMEMBERED_NAMES || remembered >= ACTIONS_REMEMBERED_PER_POLICY) return applicable;
    remembered++;
    if (lowerCaseOtherAction === undefined) byAction.set(lowerCaseAction, applicable);
    else if (byOther) byOther.set(lowerCaseOtherAction, applicable);
    else byPair.set(lowerCaseAction, new Map([[lowerCaseOtherAction, applicable]]));
    return applicable;
  };
}

const cache = new WeakMap<PolicyDocument, CompiledPolicy>();

function asList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === 'string');
}

/** The statements of a document: `Statement` may be a single object or a list. */
export function statementList(document: PolicyDocument): PolicyStatement[] {
  const statements: unknown = document.Statement;
  if (Array.isArray(statements)) return statements as PolicyStatement[];
  if (statements && typeof statements === 'object') return [statements as PolicyStatement];
  return [];
}

function compileStatement(
  statement: PolicyStatement,
  index: number,
  variablesEnabled: boolean,
): CompiledStatement {
  const actionsNegated = statement.Action === undefined && statement.NotAction !== undefined;
  const resourcesNegated = statement.Resource === undefined && statement.NotResource !== undefined;
  const actionSource = actionsNegated ? statement.NotAction : statement.Action;
  const resourceSource = resourcesNegated ? statement.NotResource : statement.Resource;
  return {
    label: typeof statement.Sid === 'string' && statement.Sid !== '' ? statement.Sid : `#${index}`,
    effect: statement.Effect,
    actions: asList(actionSource).map((action) => compileGlobText(action.toLowerCase())),
    actionsNegated,
    resources: asList(resourceSource).map(
      (resource) => new ArnPattern(resource, variablesEnabled, { resourceElement: true }),
    ),
    resourcesNegated,
    hasResourceElement: resourceSource !== undefined,
    conditions: compileConditions(statement.Condition, variablesEnabled),
  };
}

export function compilePolicy(document: PolicyDocument): CompiledPolicy {
  const cached = cache.get(document);
  if (cached) return cached;
  const variablesEnabled = (document.Version ?? DEFAULT_VERSION) === VERSION_WITH_VARIABLES;
  const statements: CompiledStatement[] = [];
  statementList(document).forEach((statement, index) => {
    // A statement that is no object or has no valid Effect never applies (validation reports it when
    // the policy loads); the index stays that of the document, for `#<index>` labels.
    if (!statement || typeof statement !== 'object') return;
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') return;
    statements.push(compileStatement(statement, index, variablesEnabled));
  });
  const compiled: CompiledPolicy = { statements, statementsFor: statementIndex(statements) };
  cache.set(document, compiled);
  return compiled;
}

/**
 * Every condition operator by name, with the derived forms: `Not…` twins, the `IfExists` suffix and the
 * `ForAllValues:`/`ForAnyValue:` set prefixes.
 *
 * The names are declared here with their family, and a family's module is required when a policy
 * first names one of its operators, not with the policy checker at start: a seed file's policies use
 * a few of the seven families, and requiring them all, with ipaddr.js for the IP family, took ~3 ms
 * (the three the bench's seed does not use: ~0.4 ms). A family's module is held to its declaration
 * when it is loaded, and by spec/iam-condition-families.spec.ts.
 */
import type * as ArnModule from './arn';
import type * as BinaryModule from './binary';
import type * as BoolModule from './bool';
import type * as DateModule from './date';
import type * as IpModule from './ip';
import { NULL_OPERATOR_NAME } from './null';
import type * as NumericModule from './numeric';
import type { ConditionOperator, OperatorFamily } from './operator';
import type * as StringModule from './string';

export type SetOperator = 'ForAllValues' | 'ForAnyValue';

export interface ParsedOperatorName {
  setOperator: SetOperator | undefined;
  /** The positive operator, or `Null`. */
  operator: ConditionOperator | typeof NULL_OPERATOR_NAME;
  negated: boolean;
  ifExists: boolean;
}

/** One family: its module, the names of its operators (each positive one with its negated twin, if any). */
export interface OperatorFamilyDeclaration {
  readonly module: string;
  readonly operators: readonly (readonly [name: string, negatedName?: string])[];
  load(): OperatorFamily;
}

/** The names of an ordered family (./ordered): <prefix>Equals with its NotEquals twin, and four more. */
function orderedOperatorNames(prefix: string): [string, string?][] {
  return ['Equals', 'LessThan', 'LessThanEquals', 'GreaterThan', 'GreaterThanEquals'].map((suffix) =>
    suffix === 'Equals' ? [`${prefix}Equals`, `${prefix}NotEquals`] : [`${prefix}${suffix}`],
  );
}

/* eslint-disable @typescript-eslint/no-require-imports -- each family is required on first use */
export const OPERATOR_FAMILIES: readonly OperatorFamilyDeclaration[] = [
  {
    module: './string',
    operators: [
      ['StringEquals', 'StringNotEquals'],
      ['StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'],
      ['StringLike', 'StringNotLike'],
    ],
    load: () => (require('./string') as typeof StringModule).stringOperators,
  },
  {
    module: './numeric',
    operators: orderedOperatorNames('Numeric'),
    load: () => (require('./numeric') as typeof NumericModule).numericOperators,
  },
  {
    module: './date',
    operators: orderedOperatorNames('Date'),
    load: () => (require('./date') as typeof DateModule).dateOperators,
  },
  {
    module: './bool',
    operators: [['Bool']],
    load: () => (require('./bool') as typeof BoolModule).boolOperators,
  },
  {
    module: './binary',
    operators: [['BinaryEquals']],
    load: () => (require('./binary') as typeof BinaryModule).binaryOperators,
  },
  {
    module: './ip',
    operators: [['IpAddress', 'NotIpAddress']],
    load: () => (require('./ip') as typeof IpModule).ipOperators,
  },
  {
    module: './arn',
    operators: [
      ['ArnEquals', 'ArnNotEquals'],
      ['ArnLike', 'ArnNotLike'],
    ],
    load: () => (require('./arn') as typeof ArnModule).arnOperators,
  },
];
/* eslint-enable @typescript-eslint/no-require-imports */

/** A family's operators by name, from its module; refused unless they are exactly the declared ones. */
export function loadOperatorFamily(family: OperatorFamilyDeclaration): Map<string, ConditionOperator> {
  const operators = family.load();
  const declared = family.operators.map(([name, negatedName]) => `${name}/${negatedName ?? ''}`);
  const served = operators.map((operator) => `${operator.name}/${operator.negatedName ?? ''}`);
  if (served.length !== declared.length || served.some((pair) => !declared.includes(pair))) {
    throw new Error(
      `${family.module} defines ${served.join(', ')}, not the operators declared for it: ${declared.join(', ')}`,
    );
  }
  return new Map(operators.map((operator) => [operator.name, operator]));
}

const loadedFamilies = new Map<OperatorFamilyDeclaration, Map<string, ConditionOperator>>();

/** The operator of a declared name, requiring its family's module on first use. */
function operatorOf(family: OperatorFamilyDeclaration, name: string): ConditionOperator {
  let operators = loadedFamilies.get(family);
  if (!operators) {
    operators = loadOperatorFamily(family);
    loadedFamilies.set(family, operators);
  }
  // loadOperatorFamily checked that the module defines every declared name.
  return operators.get(name)!;
}

/** Each name, in lower case, with its family, its positive operator's name and whether it is the negated one. */
const OPERATORS_BY_NAME = new Map<
  string,
  { family: OperatorFamilyDeclaration; name: string; negated: boolean }
>();
for (const family of OPERATOR_FAMILIES) {
  for (const [name, negatedName] of family.operators) {
    OPERATORS_BY_NAME.set(name.toLowerCase(), { family, name, negated: false });
    if (negatedName) OPERATORS_BY_NAME.set(negatedName.toLowerCase(), { family, name, negated: true });
  }
}

const SET_PREFIXES: readonly SetOperator[] = ['ForAllValues', 'ForAnyValue'];
const IF_EXISTS = 'ifexists';

/** Reads an operator name such as `ForAnyValue:StringNotLikeIfExists`; undefined when unknown. */
export function parseOperatorName(name: string): ParsedOperatorName | undefined {
  let rest = name;
  let setOperator: SetOperator | undefined;
  for (const prefix of SET_PREFIXES) {
    if (rest.toLowerCase().startsWith(`${prefix.toLowerCase()}:`)) {
      setOperator = prefix;
      rest = rest.slice(prefix.length + 1);
      break;
    }
  }
  let lower = rest.toLowerCase();
  if (lower === NULL_OPERATOR_NAME.toLowerCase()) {
    // Null tests presence; neither IfExists nor a set prefix means anything with it.
    return setOperator
      ? undefined
      : { setOperator, operator: NULL_OPERATOR_NAME, negated: false, ifExists: false };
  }
  let ifExists = false;
  if (lower.endsWith(IF_EXISTS) && !OPERATORS_BY_NAME.has(lower)) {
    ifExists = true;
    lower = lower.slice(0, -IF_EXISTS.length);
  }
  const found = OPERATORS_BY_NAME.get(lower);
  if (!found) return undefined;
  return { setOperator, operator: operatorOf(found.family, found.name), negated: found.negated, ifExists };
}

/** All operator names without prefix or suffix, for messages. */
export function knownOperatorNames(): string[] {
  const names = [NULL_OPERATOR_NAME];
  for (const family of OPERATOR_FAMILIES) {
    for (const [name, negatedName] of family.operators) {
      names.push(name);
      if (negatedName) names.push(negatedName);
    }
  }
  return names;
}

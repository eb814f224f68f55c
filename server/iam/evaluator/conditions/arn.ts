/** ArnEquals, ArnLike (and, derived, ArnNotEquals, ArnNotLike): segment-by-segment ARN matching. */
import { ArnPattern, splitArn } from '../arn';
import type { CompiledConditionValue, ConditionOperator, OperatorFamily } from './operator';

function arnOperator(name: string, negatedName: string): ConditionOperator {
  return {
    name,
    negatedName,
    compile: (value, variablesEnabled) => {
      const pattern = new ArnPattern(value, variablesEnabled);
      const matches: CompiledConditionValue['matches'] = (requestValue, context) =>
        pattern.matches(requestValue, () => context.parsed(requestValue, splitArn), context);
      return pattern.hasVariables
        ? { matches, substituted: (context) => pattern.substitutedText(context) }
        : { matches };
    },
  };
}

/**
 * AWS documents ArnEquals and ArnLike alike: each of the six colon-delimited segments is compared
 * separately, case-sensitively, and may hold `*` and `?` wildcards in both.
 */
export const arnOperators: OperatorFamily = [
  arnOperator('ArnEquals', 'ArnNotEquals'),
  arnOperator('ArnLike', 'ArnNotLike'),
];

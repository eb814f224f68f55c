import assert from 'node:assert/strict';
import {
  knownOperatorNames,
  loadOperatorFamily,
  OPERATOR_FAMILIES,
  parseOperatorName,
} from '../server/iam/evaluator/conditions/registry';
import type { OperatorFamilyDeclaration } from '../server/iam/evaluator/conditions/registry';

/**
 * The condition operator families are declared by name in the registry and required on first use:
 * each module must define exactly the operators declared for it.
 */
describe('condition operator families, required when a policy first names one of their operators', () => {
  it('each module defines exactly the operators declared for it', () => {
    for (const family of OPERATOR_FAMILIES) {
      const operators = loadOperatorFamily(family);
      const declared = family.operators.map(([name]) => name);
      assert.deepEqual([...operators.keys()].sort(), [...declared].sort(), family.module);
      for (const [name, negatedName] of family.operators) {
        assert.equal(operators.get(name)!.negatedName, negatedName, `${family.module}: ${name}`);
      }
    }
  });

  it('every declared name, positive or negated, reads as its family’s operator', () => {
    for (const family of OPERATOR_FAMILIES) {
      const operators = loadOperatorFamily(family);
      for (const [name, negatedName] of family.operators) {
        assert.equal(parseOperatorName(name)?.operator, operators.get(name));
        assert.equal(parseOperatorName(name)?.negated, false);
        if (negatedName) {
          assert.equal(parseOperatorName(negatedName)?.operator, operators.get(name));
          assert.equal(parseOperatorName(negatedName)?.negated, true);
        }
      }
    }
    // Null, and the 26 of the seven families: no name twice.
    assert.equal(new Set(knownOperatorNames()).size, 27);
    assert.equal(knownOperatorNames().length, 27);
  });

  it('refuses a module that defines other operators than declared, naming both', () => {
    const declaration: OperatorFamilyDeclaration = {
      module: './bool',
      operators: [['Bool'], ['Boolean']],
      load: () => [{ name: 'Bool', compile: () => ({ error: 'never' }) }],
    };
    assert.throws(
      () => loadOperatorFamily(declaration),
      /^Error: \.\/bool defines Bool\/, not the operators declared for it: Bool\/, Boolean\/$/,
    );
  });
});

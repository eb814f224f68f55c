import assert from 'node:assert/strict';
import { allHandlers, buildRegistry, RegistryError } from '../server/operations';
import { defineOperation } from '../server/operations/types';
import { operationNames } from '../schemas/operations.generated';

describe('the start-up check of handlers against the model', () => {
  it('accepts the handlers of the project: one for each of the 51 operations', () => {
    const registry = buildRegistry(allHandlers);
    assert.equal(registry.size, 51);
    assert.deepEqual([...registry.keys()].sort(), [...operationNames].sort());
  });

  it('refuses to start when a model operation has no handler, naming it', () => {
    const withoutOne = allHandlers.filter((handler) => handler.operation !== 'GetUpgradeStatus');
    assert.throws(
      () => buildRegistry(withoutOne),
      (error: unknown) =>
        error instanceof RegistryError &&
        error.message === 'Model operations without a handler: GetUpgradeStatus',
    );
  });

  it('refuses a handler that names no model operation', () => {
    const stray = defineOperation({ operation: 'DescribeDomain' as 'GetUpgradeStatus', handle: () => ({}) });
    assert.throws(
      () => buildRegistry([...allHandlers, stray]),
      /A handler names DescribeDomain, which is not an operation of the model/,
    );
  });

  it('refuses two handlers for one operation', () => {
    const twin = allHandlers.find((handler) => handler.operation === 'ListDomainNames')!;
    assert.throws(
      () => buildRegistry([...allHandlers, twin]),
      /Two handlers claim the operation ListDomainNames/,
    );
  });
});

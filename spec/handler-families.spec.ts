import assert from 'node:assert/strict';
import { allHandlers, handlerFamilies, HandlerFamily, RegistryError } from '../server/operations';
import { defineOperation } from '../server/operations/types';
import type { AnyOperationHandler } from '../server/operations/types';

describe('handler modules, required on the first call of one of their operations', () => {
  it('each module serves exactly the operations declared for it', () => {
    for (const family of handlerFamilies) {
      const served = [...family.loadHandlers().keys()];
      assert.deepEqual(served.sort(), [...family.operations].sort(), family.module);
    }
  });

  it('a stand-in reads its members from the real handler', () => {
    const real = handlerFamilies
      .flatMap((family) => [...family.loadHandlers().values()])
      .find((handler) => handler.operation === 'AddTags')!;
    const standIn = allHandlers.find((handler) => handler.operation === 'AddTags')!;
    assert.notEqual(standIn, real);
    assert.equal(standIn.handle, real.handle);
    assert.equal(standIn.resource, real.resource);
    assert.equal(standIn.requestTags, real.requestTags);
    assert.equal(standIn.tagKeys, real.tagKeys);
    // A hook the handler does not have is absent from its stand-in too: the app then derives the resource.
    const listing = allHandlers.find((handler) => handler.operation === 'ListDomainNames')!;
    assert.equal(listing.resource, undefined);
  });

  it('requires a module once, on the first call of one of its operations', () => {
    let loads = 0;
    const handler = defineOperation({ operation: 'ListTags', handle: () => ({ TagList: [] }) });
    const family = new HandlerFamily('./tags', ['ListTags'], () => {
      loads++;
      return [handler] as AnyOperationHandler[];
    });
    const [standIn] = family.deferredHandlers();
    assert.equal(standIn!.operation, 'ListTags');
    assert.equal(loads, 0);
    assert.equal(standIn!.handle, handler.handle);
    assert.equal(family.handler('ListTags'), handler);
    assert.equal(loads, 1);
  });

  it('refuses a module that serves other operations than declared, naming both', () => {
    const addTags = defineOperation({ operation: 'AddTags', handle: () => ({}) as never });
    const listTags = defineOperation({ operation: 'ListTags', handle: () => ({ TagList: [] }) });
    const cases: [string, AnyOperationHandler[]][] = [
      ['one missing', [addTags]],
      [
        'one more',
        [addTags, listTags, defineOperation({ operation: 'RemoveTags', handle: () => ({}) as never })],
      ],
      ['one twice', [addTags, addTags]],
    ];
    for (const [name, handlers] of cases) {
      const family = new HandlerFamily('./tags', ['AddTags', 'ListTags'], () => handlers);
      assert.throws(
        () => family.deferredHandlers()[0]!.handle,
        (error: unknown) =>
          error instanceof RegistryError &&
          error.message.startsWith(`./tags serves ${handlers.map((h) => h.operation).join(', ')}, `) &&
          error.message.endsWith('not the operations declared for it: AddTags, ListTags'),
        name,
      );
    }
  });
});

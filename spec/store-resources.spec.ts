import assert from 'node:assert/strict';
import { Store } from '../store/store';

describe('the kinds of resource the store holds, in one read (kindsHeld)', () => {
  const home = { account: '111122223333', region: 'us-east-1' };
  const otherRegion = { account: '111122223333', region: 'eu-west-1' };
  const otherAccount = { account: '444455556666', region: 'us-east-1' };
  let store: Store;

  before(() => {
    store = Store.open(':memory:');
    store.resources.insert(home, 'endpoint', 'e-1', 'logs', {});
    store.resources.insert(home, 'endpoint', 'e-2', 'logs', {});
    store.resources.insert(home, 'history', 'h-1', 'search', {});
    store.resources.insert(home, 'association', 'pkg-1/search', 'pkg-1', {});
    store.resources.insert(otherRegion, 'grant', 'g-1', 'logs', {});
    store.resources.insert(otherAccount, 'history', 'h-2', 'logs', {});
    store.resources.insert(otherAccount, 'association', 'pkg-2/logs', 'pkg-2', {});
  });

  after(() => store.close());

  const kinds = ['endpoint', 'history', 'grant'];
  const cases: { title: string; scope: typeof home; parent: string; anywhere: string[]; held: string[] }[] = [
    {
      title: 'kinds under the parent, each once',
      scope: home,
      parent: 'logs',
      anywhere: [],
      held: ['endpoint'],
    },
    { title: 'another parent of the scope', scope: home, parent: 'search', anywhere: [], held: ['history'] },
    { title: 'a parent with nothing under it', scope: home, parent: 'metrics', anywhere: [], held: [] },
    {
      title: 'a kind anywhere in the scope, whatever its parent',
      scope: home,
      parent: 'metrics',
      anywhere: ['association'],
      held: ['association'],
    },
    {
      title: 'both, the anywhere kind found under another parent',
      scope: home,
      parent: 'logs',
      anywhere: ['association'],
      held: ['endpoint', 'association'],
    },
    {
      title: 'another Region of the account',
      scope: otherRegion,
      parent: 'logs',
      anywhere: [],
      held: ['grant'],
    },
    {
      title: 'another account: only its own',
      scope: otherAccount,
      parent: 'logs',
      anywhere: ['association', 'endpoint'],
      held: ['history', 'association'],
    },
    {
      title: 'a kind not asked for is not answered',
      scope: home,
      parent: 'pkg-1',
      anywhere: [],
      held: [],
    },
  ];
  for (const { title, scope, parent, anywhere, held } of cases) {
    it(title, () => {
      const answer = store.resources.kindsHeld(scope, parent, kinds, anywhere);
      assert.deepEqual([...answer].sort(), [...held].sort());
    });
  }

  it('answers what was written since in the same transaction, and forgets it with a rollback', () => {
    assert.throws(() =>
      store.transaction(() => {
        store.resources.insert(home, 'grant', 'g-2', 'metrics', {});
        assert.deepEqual([...store.resources.kindsHeld(home, 'metrics', kinds)], ['grant']);
        throw new Error('rolled back');
      }),
    );
    assert.deepEqual([...store.resources.kindsHeld(home, 'metrics', kinds)], []);
  });
});

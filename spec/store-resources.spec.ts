import assert from 'node:assert/strict';
import { Store } from '../store/store';

/** The scopes both tables store resources in: the caller's, another Region of its account, another account. */
const home = { account: '111122223333', region: 'us-east-1' };
const otherRegion = { account: '111122223333', region: 'eu-west-1' };
const otherAccount = { account: '444455556666', region: 'us-east-1' };

describe('the kinds of resource the store holds, in one read (kindsHeld)', () => {
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

describe('what is due of one kind, in every account and Region (dueOfKind, nextDueOfKind)', () => {
  let store: Store;

  before(() => {
    store = Store.open(':memory:');
    store.resources.insert(home, 'deletion', 'later', 'later', { completesAt: 2_000 });
    store.resources.insert(otherAccount, 'deletion', 'now', 'now', { completesAt: 1_000 });
    store.resources.insert(otherRegion, 'deletion', 'before', 'before', { completesAt: 999 });
    store.resources.insert(home, 'deletion', 'undated', 'undated', {});
    store.resources.insert(home, 'upgrade', 'other-kind', 'other-kind', { completesAt: 1 });
  });

  after(() => store.close());

  const cases: { title: string; now: number; due: string[] }[] = [
    {
      title: 'before any time, only a document without one (due, as `completesAt > now` is false)',
      now: 0,
      due: ['undated'],
    },
    {
      title: 'at a completion time, that one too (not later than now)',
      now: 1_000,
      due: ['now', 'before', 'undated'],
    },
    {
      title: 'past every time, all of the kind, in the order they were made',
      now: 5_000,
      due: ['later', 'now', 'before', 'undated'],
    },
  ];
  for (const { title, now, due } of cases) {
    it(title, () => {
      const found = store.resources.dueOfKind<{ completesAt?: number }>('deletion', now);
      assert.deepEqual(
        found.map((row) => row.id),
        due,
      );
      assert.ok(found.every((row) => row.id !== 'now' || row.scope.account === otherAccount.account));
    });
  }

  it('names the earliest completion of the kind, and none for a kind without any', () => {
    assert.equal(store.resources.nextDueOfKind('deletion'), 999);
    assert.equal(store.resources.nextDueOfKind('upgrade'), 1);
    assert.equal(store.resources.nextDueOfKind('connection'), undefined);
  });
});

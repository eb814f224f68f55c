import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrate } from '../store/database';
import { migrations } from '../store/migrations';
import { Store } from '../store/store';

/** A state file as the last release before the fourth migration left it, with some domains and tags. */
function stateBeforeMigration4(): Database.Database {
  const db = new Database(':memory:');
  for (const [index, migration] of migrations.slice(0, 3).entries()) {
    db.exec(migration);
    db.pragma(`user_version = ${index + 1}`);
  }
  const insertDomain = db.prepare(
    'INSERT INTO domains (account, region, name, engine_type, created_seq, doc) VALUES (?, ?, ?, ?, ?, ?)',
  );
  insertDomain.run('111122223333', 'us-east-1', 'logs', 'Elasticsearch', 1, '{"DomainName":"logs"}');
  insertDomain.run('444455556666', 'eu-west-1', 'search', 'OpenSearch', 2, '{"DomainName":"search"}');
  insertDomain.run('111122223333', 'us-east-1', 'audit', 'Elasticsearch', 5, '{"DomainName":"audit"}');
  const insertTag = db.prepare('INSERT INTO tags (arn, key, value, position) VALUES (?, ?, ?, ?)');
  const logs = 'arn:aws:es:us-east-1:111122223333:domain/logs';
  insertTag.run(logs, 'team', 'search', 1);
  insertTag.run(logs, 'env', 'prod', 3);
  insertTag.run('arn:aws:es:us-east-1:111122223333:domain/audit', 'team', 'security', 1);
  return db;
}

describe('the state file migrations', () => {
  it('keeps every domain, in creation order, and every tag, in its place, through the fourth', () => {
    const db = stateBeforeMigration4();
    migrate(db);
    assert.equal(db.pragma('user_version', { simple: true }), migrations.length);
    assert.deepEqual(
      db
        .prepare(
          'SELECT created_seq, account, region, name, engine_type, doc FROM domains ORDER BY created_seq',
        )
        .all(),
      [
        {
          created_seq: 1,
          account: '111122223333',
          region: 'us-east-1',
          name: 'logs',
          engine_type: 'Elasticsearch',
          doc: '{"DomainName":"logs"}',
        },
        {
          created_seq: 2,
          account: '444455556666',
          region: 'eu-west-1',
          name: 'search',
          engine_type: 'OpenSearch',
          doc: '{"DomainName":"search"}',
        },
        {
          created_seq: 5,
          account: '111122223333',
          region: 'us-east-1',
          name: 'audit',
          engine_type: 'Elasticsearch',
          doc: '{"DomainName":"audit"}',
        },
      ],
    );
    assert.deepEqual(db.prepare('SELECT arn, key, value, position FROM tags ORDER BY arn, position').all(), [
      { arn: 'arn:aws:es:us-east-1:111122223333:domain/audit', key: 'team', value: 'security', position: 1 },
      { arn: 'arn:aws:es:us-east-1:111122223333:domain/logs', key: 'team', value: 'search', position: 1 },
      { arn: 'arn:aws:es:us-east-1:111122223333:domain/logs', key: 'env', value: 'prod', position: 3 },
    ]);
    const schema = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL")
      .all() as { name: string; sql: string }[];
    const names = schema.map((entry) => entry.name).sort();
    assert.deepEqual(names, [
      'domains',
      'domains_names_by_creation',
      'resources',
      'resources_by_parent',
      'sequence',
      'sqlite_sequence',
      'tags',
    ]);
    assert.match(schema.find((entry) => entry.name === 'tags')!.sql, /WITHOUT ROWID/);
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    db.close();
  });

  it('numbers a domain created after them past the highest, and lists and tags as before', () => {
    const store = new Store(stateBeforeMigration4());
    migrate(store.db);
    const scope = { account: '111122223333', region: 'us-east-1' };
    assert.equal(store.domains.insert(scope, 'metrics', 'Elasticsearch', { DomainName: 'metrics' }), true);
    // The same name again is no second domain.
    assert.equal(store.domains.insert(scope, 'metrics', 'Elasticsearch', { DomainName: 'other' }), false);
    assert.deepEqual(
      store.domains.names(scope).map((entry) => entry.name),
      ['logs', 'audit', 'metrics'],
    );
    assert.deepEqual(
      store.db.prepare('SELECT created_seq FROM domains WHERE name = ?').pluck().get('metrics'),
      6,
    );
    const logs = 'arn:aws:es:us-east-1:111122223333:domain/logs';
    store.transaction(() =>
      store.tags.put(logs, [
        { Key: 'owner', Value: 'alice' },
        { Key: 'team', Value: 'ops' },
      ]),
    );
    assert.deepEqual(store.tags.list(logs), [
      { Key: 'team', Value: 'ops' },
      { Key: 'env', Value: 'prod' },
      { Key: 'owner', Value: 'alice' },
    ]);
    store.close();
  });
});

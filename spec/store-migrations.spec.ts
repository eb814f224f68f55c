import assert from 'node:assert/strict';
import childProcess from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AddTagsCommand,
  CancelDomainConfigChangeCommand,
  CreatePackageCommand,
  DescribeElasticsearchDomainCommand,
  DescribeElasticsearchDomainConfigCommand,
  DescribePackagesCommand,
  DescribeReservedElasticsearchInstanceOfferingsCommand,
  DescribeReservedElasticsearchInstancesCommand,
  ListDomainNamesCommand,
  ListTagsCommand,
  PurchaseReservedElasticsearchInstanceOfferingCommand,
  UpdateElasticsearchDomainConfigCommand,
} from '@aws-sdk/client-elasticsearch-service';
import Database from 'better-sqlite3';
import { migrate } from '../store/database';
import { migrations } from '../store/migrations';
import { Store } from '../store/store';
import { createTestDomain } from './support/domains';
import { expectServiceError } from './support/errors';
import { capturingLogger } from './support/logs';
import {
  backToSchemaVersion10,
  backToSchemaVersion6,
  backToSchemaVersion7,
  backToSchemaVersion8,
  backToSchemaVersion9,
} from './support/older-state';
import type { TestEmulator } from './support/emulator';
import { startTestEmulator } from './support/emulator';

type Client = ReturnType<TestEmulator['client']>;

/** A dictionary package made through the SDK, as the package migrations' tests make theirs. */
function createPackage(client: Client, PackageName: string) {
  return client.send(
    new CreatePackageCommand({
      PackageName,
      PackageType: 'TXT-DICTIONARY',
      PackageSource: { S3BucketName: 'my-dictionaries', S3Key: 'synonyms.txt' },
    }),
  );
}

/**
 * State made through the SDK by `make` in a state file of its own, the file taken back to an older schema by
 * `backTo`, then `check` run against an emulator started on it (the migrations since run as it starts).
 */
async function afterMigratingFrom(
  backTo: (db: Database.Database) => void,
  make: (emulator: TestEmulator) => Promise<void>,
  check: (emulator: TestEmulator) => Promise<void>,
): Promise<void> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'es-local-migration-'));
  const statePath = path.join(directory, 'state.sqlite');
  try {
    const before = await startTestEmulator({ statePath });
    try {
      await make(before);
    } finally {
      await before.stop();
    }
    const old = new Database(statePath);
    backTo(old);
    old.close();
    const after = await startTestEmulator({ statePath });
    try {
      await check(after);
    } finally {
      await after.stop();
    }
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

/** An empty state file with the schema the releases before the fourth migration wrote. */
function stateBeforeMigration4At(file: string): Database.Database {
  const db = new Database(file);
  for (const [index, migration] of migrations.slice(0, 3).entries()) {
    db.exec(migration);
    db.pragma(`user_version = ${index + 1}`);
  }
  return db;
}

/** A state file as the releases before the fourth migration left it, with some domains and tags. */
function stateBeforeMigration4(): Database.Database {
  const db = stateBeforeMigration4At(':memory:');
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
      'repairs',
      'resources',
      'resources_by_kind',
      'resources_by_parent',
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

  it('serves through the SDK a state file written before the fourth, after migrating it at start', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'es-local-migration-'));
    const statePath = path.join(directory, 'state.sqlite');
    try {
      // Domains made through the API, then the file taken back to the schema before the fourth migration.
      const before = await startTestEmulator({ statePath });
      const arnOf = (name: string) => `arn:aws:es:${before.region}:${before.config.accountId}:domain/${name}`;
      for (const name of ['first', 'second', 'third']) await createTestDomain(before.client(), name);
      await before.client().send(
        new AddTagsCommand({
          ARN: arnOf('second'),
          TagList: [
            { Key: 'team', Value: 'search' },
            { Key: 'env', Value: 'prod' },
          ],
        }),
      );
      await before.stop();
      const current = new Database(statePath);
      const domains = current.prepare('SELECT * FROM domains').all();
      const tags = current.prepare('SELECT * FROM tags').all();
      current.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(statePath + suffix, { force: true });
      const old = stateBeforeMigration4At(statePath);
      old.prepare('DELETE FROM domains').run();
      old.prepare('DELETE FROM tags').run();
      const insertDomain = old.prepare(
        'INSERT INTO domains (account, region, name, engine_type, created_seq, doc) VALUES (@account, @region, @name, @engine_type, @created_seq, @doc)',
      );
      for (const row of domains) insertDomain.run(row);
      const insertTag = old.prepare(
        'INSERT INTO tags (arn, key, value, position) VALUES (@arn, @key, @value, @position)',
      );
      for (const row of tags) insertTag.run(row);
      old.close();

      const after = await startTestEmulator({ statePath });
      try {
        const client = after.client();
        const names = (await client.send(new ListDomainNamesCommand({}))).DomainNames?.map(
          (d) => d.DomainName,
        );
        assert.deepEqual(names, ['first', 'second', 'third']);
        const status = (await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'second' })))
          .DomainStatus;
        assert.equal(status?.ARN, arnOf('second'));
        assert.deepEqual((await client.send(new ListTagsCommand({ ARN: arnOf('second') }))).TagList, [
          { Key: 'env', Value: 'prod' },
          { Key: 'team', Value: 'search' },
        ]);
        await createTestDomain(client, 'fourth');
        const later = (await client.send(new ListDomainNamesCommand({}))).DomainNames?.map(
          (d) => d.DomainName,
        );
        assert.deepEqual(later, ['first', 'second', 'third', 'fourth']);
        assert.equal(after.store.db.pragma('user_version', { simple: true }), migrations.length);
      } finally {
        await after.stop();
      }
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('the fifth migration: ARNs in the partition of their Region', () => {
  it("moves tags, VPC endpoints' domain ARNs and derived KMS key ARNs of China, GovCloud and European Sovereign Cloud domains, and no other", () => {
    const db = new Database(':memory:');
    for (const [index, migration] of migrations.slice(0, 4).entries()) {
      db.exec(migration);
      db.pragma(`user_version = ${index + 1}`);
    }
    const insertDomain = db.prepare(
      'INSERT INTO domains (account, region, name, engine_type, doc) VALUES (?, ?, ?, ?, ?)',
    );
    const encrypted = (region: string) =>
      JSON.stringify({
        EncryptionAtRestOptions: { Enabled: true, KmsKeyId: `arn:aws:kms:${region}:111122223333:key/k` },
      });
    insertDomain.run('111122223333', 'cn-north-1', 'logs', 'Elasticsearch', encrypted('cn-north-1'));
    insertDomain.run('111122223333', 'us-gov-west-1', 'logs', 'Elasticsearch', encrypted('us-gov-west-1'));
    insertDomain.run('111122223333', 'us-east-1', 'logs', 'Elasticsearch', encrypted('us-east-1'));
    insertDomain.run('111122223333', 'eusc-de-east-1', 'logs', 'Elasticsearch', encrypted('eusc-de-east-1'));
    const insertTag = db.prepare(
      "INSERT INTO tags (arn, key, value, position) VALUES (?, 'team', 'search', 1)",
    );
    for (const region of ['cn-north-1', 'us-gov-west-1', 'us-east-1', 'us-isob-east-1', 'eusc-de-east-1']) {
      insertTag.run(`arn:aws:es:${region}:111122223333:domain/logs`);
    }
    const endpointArn = 'arn:aws:es:cn-north-1:111122223333:domain/logs';
    db.prepare(
      "INSERT INTO resources (account, region, kind, id, parent, doc) VALUES ('111122223333', 'cn-north-1', 'vpc-endpoint', 'aos-1', ?, ?)",
    ).run(endpointArn, JSON.stringify({ VpcEndpointId: 'aos-1', DomainArn: endpointArn }));

    migrate(db);
    assert.deepEqual(db.prepare('SELECT arn FROM tags ORDER BY arn').all(), [
      { arn: 'arn:aws-cn:es:cn-north-1:111122223333:domain/logs' },
      { arn: 'arn:aws-eusc:es:eusc-de-east-1:111122223333:domain/logs' },
      { arn: 'arn:aws-iso-b:es:us-isob-east-1:111122223333:domain/logs' },
      { arn: 'arn:aws-us-gov:es:us-gov-west-1:111122223333:domain/logs' },
      { arn: 'arn:aws:es:us-east-1:111122223333:domain/logs' },
    ]);
    const keys = db.prepare('SELECT region, doc FROM domains ORDER BY region').all() as {
      region: string;
      doc: string;
    }[];
    assert.deepEqual(
      keys.map((row) => [
        row.region,
        (JSON.parse(row.doc) as { EncryptionAtRestOptions: { KmsKeyId: string } }).EncryptionAtRestOptions
          .KmsKeyId,
      ]),
      [
        ['cn-north-1', 'arn:aws-cn:kms:cn-north-1:111122223333:key/k'],
        ['eusc-de-east-1', 'arn:aws-eusc:kms:eusc-de-east-1:111122223333:key/k'],
        ['us-east-1', 'arn:aws:kms:us-east-1:111122223333:key/k'],
        ['us-gov-west-1', 'arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/k'],
      ],
    );
    const endpoint = db.prepare('SELECT parent, doc FROM resources').get() as { parent: string; doc: string };
    assert.equal(endpoint.parent, 'arn:aws-cn:es:cn-north-1:111122223333:domain/logs');
    assert.equal((JSON.parse(endpoint.doc) as { DomainArn: string }).DomainArn, endpoint.parent);
  });
});

describe('the seventh to ninth migrations: package names found by index, no partial index, the sequence table gone', () => {
  // Version 6 is the schema before the seventh migration (no index of names, the unused sequence table there); 7
  // and 8 had an index of names conditioned on the kind, then on the document, which the ninth dropped for the
  // name kept as the row's parent.
  for (const [version, backTo] of [
    [6, backToSchemaVersion6],
    [7, backToSchemaVersion7],
    [8, backToSchemaVersion8],
  ] as const) {
    it(`finds through the SDK the names of packages in a version-${version} file, by the index of parents, in their own account and Region only`, async () => {
      await afterMigratingFrom(
        backTo,
        async (before) => {
          for (const name of ['stopwords', 'synonyms']) await createPackage(before.client(), name);
          await createPackage(before.client({ region: 'eu-west-1' }), 'eu-only');
        },
        async (after) => {
          const db = after.store.db;
          assert.equal(db.pragma('user_version', { simple: true }), migrations.length);
          const tables = db
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .pluck()
            .all() as string[];
          assert.equal(tables.includes('sequence'), false);
          assert.deepEqual(
            db.prepare("SELECT region, parent FROM resources WHERE kind = 'package' ORDER BY seq").all(),
            [
              { region: 'us-east-1', parent: 'stopwords' },
              { region: 'us-east-1', parent: 'synonyms' },
              { region: 'eu-west-1', parent: 'eu-only' },
            ],
          );
          const client = after.client();
          for (const taken of ['stopwords', 'synonyms']) {
            await expectServiceError(() => createPackage(client, taken), {
              name: 'ResourceAlreadyExistsException',
              status: 409,
              message: `Package with name ${taken} already exists`,
            });
          }
          // A name is unique in its account and Region: the other Region's package does not stop this one.
          await createPackage(client, 'eu-only');
          await createPackage(client, 'protwords');
          // A name that begins with a name taken is another name.
          await createPackage(client, 'stopwords-v2');
          const names = (await client.send(new DescribePackagesCommand({}))).PackageDetailsList?.map(
            (pkg) => pkg.PackageName,
          );
          assert.deepEqual(names, ['stopwords', 'synonyms', 'eu-only', 'protwords', 'stopwords-v2']);
          await expectServiceError(() => createPackage(after.client({ region: 'eu-west-1' }), 'eu-only'), {
            name: 'ResourceAlreadyExistsException',
            status: 409,
            message: 'Package with name eu-only already exists',
          });
          assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
        },
      );
    });
  }

  it('finds a package name, and what is due or under way of one kind in every account, through indexes', () => {
    const db = new Database(':memory:');
    migrate(db);
    const plan = (sql: string, ...values: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values) as { detail: string }[])
        .map((step) => step.detail)
        .join('\n');
    const store = new Store(db);
    const statements = store.resources as unknown as Record<string, { source: string }>;
    assert.match(
      plan(statements.heldUnderParentStatement!.source, 'a', 'r', 'package', 'n'),
      /USING COVERING INDEX resources_by_parent/,
    );
    assert.match(
      plan(statements.dueOfKindStatement!.source, 'domain-deletion', 0),
      /USING INDEX resources_by_kind/,
    );
    assert.match(
      plan(statements.nextDueOfKindStatement!.source, 'domain-deletion'),
      /USING INDEX resources_by_kind/,
    );
    assert.match(
      plan(statements.countOfKindStatement!.source, 'engine-upgrade'),
      /USING COVERING INDEX resources_by_kind/,
    );
    store.close();
  });

  it('leaves no partial index: SQLite compares its condition with the values bound to every statement of its table', () => {
    // A statement binding a column the condition compares with a value is compiled again at every run, and a
    // condition on a document parses it at every write (the eighth and ninth migrations' comments).
    const db = new Database(':memory:');
    migrate(db);
    const conditioned = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'")
      .pluck()
      .all();
    assert.deepEqual(conditioned, []);
    db.close();
  });
});

describe("the tenth migration: reservation names kept as their rows' parents", () => {
  it('refuses through the SDK a name used by a reservation made before it, in its own account and Region only', async () => {
    let offeringId = '';
    const purchase = (client: Client, ReservationName: string) =>
      client.send(
        new PurchaseReservedElasticsearchInstanceOfferingCommand({
          ReservedElasticsearchInstanceOfferingId: offeringId,
          ReservationName,
        }),
      );
    await afterMigratingFrom(
      backToSchemaVersion9,
      async (before) => {
        const { ReservedElasticsearchInstanceOfferings } = await before
          .client()
          .send(new DescribeReservedElasticsearchInstanceOfferingsCommand({ MaxResults: 1 }));
        offeringId = ReservedElasticsearchInstanceOfferings![0]!.ReservedElasticsearchInstanceOfferingId!;
        await purchase(before.client(), 'search-fleet');
        await purchase(before.client({ region: 'eu-west-1' }), 'eu-fleet');
      },
      async (after) => {
        assert.equal(after.store.db.pragma('user_version', { simple: true }), migrations.length);
        assert.deepEqual(
          after.store.db
            .prepare("SELECT parent FROM resources WHERE kind = 'reservation' ORDER BY seq")
            .pluck()
            .all(),
          ['search-fleet', 'eu-fleet'],
        );
        const client = after.client();
        await expectServiceError(() => purchase(client, 'search-fleet'), {
          name: 'ResourceAlreadyExistsException',
          status: 409,
          message: 'A reservation named search-fleet already exists in this account and region',
        });
        await purchase(client, 'eu-fleet');
        const names = (
          await client.send(new DescribeReservedElasticsearchInstancesCommand({}))
        ).ReservedElasticsearchInstances?.map((reservation) => reservation.ReservationName);
        assert.deepEqual(names, ['search-fleet', 'eu-fleet']);
      },
    );
  });
});

describe('the eleventh migration: domains an earlier build stored in an older form, rewritten once', () => {
  const kmsAlias = 'alias/aws/es';
  /** A policy as pasted, with a Sid and a statement naming no resource: AWS stores it without the one, with the other. */
  const pastedPolicy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'FromTheOffice',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'es:ESHttpGet',
        Condition: { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } },
      },
    ],
  });

  it('answers the key ARN and the policy a create answers now, and a call sending them back changes nothing', async () => {
    const answeredAtCreate: Record<string, unknown> = {};
    await afterMigratingFrom(
      (db) => {
        // The documents as builds before 0004915, f610f4d and d860fef wrote them.
        const row = db.prepare("SELECT account, region, doc FROM domains WHERE name = 'kept'").get() as {
          account: string;
          region: string;
          doc: string;
        };
        const doc = JSON.parse(row.doc) as {
          options: { AccessPolicies: string; EncryptionAtRestOptions: { KmsKeyId: string } };
        };
        doc.options.AccessPolicies = JSON.stringify(JSON.parse(pastedPolicy));
        doc.options.EncryptionAtRestOptions.KmsKeyId = `arn:aws:kms:${row.region}:${row.account}:key/${kmsAlias}`;
        db.prepare("UPDATE domains SET doc = ? WHERE name = 'kept'").run(JSON.stringify(doc));
        backToSchemaVersion10(db);
      },
      async (emulator) => {
        const created = await createTestDomain(emulator.client(), 'kept', {
          AccessPolicies: pastedPolicy,
          EncryptionAtRestOptions: { Enabled: true, KmsKeyId: kmsAlias },
        });
        answeredAtCreate.policy = created.DomainStatus?.AccessPolicies;
        answeredAtCreate.key = created.DomainStatus?.EncryptionAtRestOptions?.KmsKeyId;
        await createTestDomain(emulator.client(), 'plain');
      },
      async (emulator) => {
        const client = emulator.client();
        const { DomainStatus } = await client.send(
          new DescribeElasticsearchDomainCommand({ DomainName: 'kept' }),
        );
        assert.equal(DomainStatus?.AccessPolicies, answeredAtCreate.policy);
        assert.equal(DomainStatus?.EncryptionAtRestOptions?.KmsKeyId, answeredAtCreate.key);
        assert.match(String(answeredAtCreate.key), /:key\/[0-9a-f]{8}-/);
        const before = await client.send(
          new DescribeElasticsearchDomainConfigCommand({ DomainName: 'kept' }),
        );
        const updated = await client.send(
          new UpdateElasticsearchDomainConfigCommand({
            DomainName: 'kept',
            AccessPolicies: DomainStatus?.AccessPolicies,
            EncryptionAtRestOptions: DomainStatus?.EncryptionAtRestOptions,
          }),
        );
        assert.deepEqual(updated.DomainConfig?.ModifyingProperties ?? [], []);
        assert.equal(
          updated.DomainConfig?.AccessPolicies?.Status?.UpdateVersion,
          before.DomainConfig?.AccessPolicies?.Status?.UpdateVersion,
        );
        assert.deepEqual(emulator.store.pendingRepairs(), []);
      },
    );
  });

  it('rewrites the values a pending change keeps too: a cancel restores the policy in the form a create answers', async () => {
    let answeredAtCreate: string | undefined;
    await afterMigratingFrom(
      (db) => {
        // A policy change pending when an earlier build stopped: its active value in the older form.
        const row = db.prepare("SELECT doc FROM domains WHERE name = 'pending'").get() as { doc: string };
        const doc = JSON.parse(row.doc) as {
          options: { AccessPolicies: string };
          change: { completesAt: number; modifyingProperties: unknown[]; sections: string[] };
        };
        doc.change.completesAt = Date.now() + 3_600_000;
        doc.change.sections = ['AccessPolicies'];
        doc.change.modifyingProperties = [
          {
            Name: 'AccessPolicies',
            ActiveValue: JSON.stringify(JSON.parse(pastedPolicy)),
            PendingValue: doc.options.AccessPolicies,
            ValueType: 'STRINGIFIED_JSON',
          },
        ];
        db.prepare("UPDATE domains SET doc = ? WHERE name = 'pending'").run(JSON.stringify(doc));
        backToSchemaVersion10(db);
      },
      async (emulator) => {
        const created = await createTestDomain(emulator.client(), 'pending', {
          AccessPolicies: pastedPolicy,
        });
        answeredAtCreate = created.DomainStatus?.AccessPolicies;
        await emulator
          .client()
          .send(new UpdateElasticsearchDomainConfigCommand({ DomainName: 'pending', AccessPolicies: '' }));
      },
      async (emulator) => {
        const client = emulator.client();
        await client.send(new CancelDomainConfigChangeCommand({ DomainName: 'pending' }));
        const { DomainStatus } = await client.send(
          new DescribeElasticsearchDomainCommand({ DomainName: 'pending' }),
        );
        assert.equal(DomainStatus?.AccessPolicies, answeredAtCreate);
      },
    );
  });

  it('rewrites every domain of a file holding more than it reads at once', async () => {
    const copies = 1_200;
    await afterMigratingFrom(
      (db) => {
        const row = db.prepare("SELECT * FROM domains WHERE name = 'original'").get() as Record<
          string,
          unknown
        >;
        const doc = JSON.parse(String(row.doc)) as {
          DomainName: string;
          options: { AccessPolicies: string };
        };
        doc.options.AccessPolicies = JSON.stringify(JSON.parse(pastedPolicy));
        const insert = db.prepare(
          'INSERT INTO domains (account, region, name, engine_type, created_seq, doc) VALUES (?, ?, ?, ?, ?, ?)',
        );
        for (let copy = 0; copy < copies; copy++) {
          const name = `copy-${copy}`;
          insert.run(
            row.account,
            row.region,
            name,
            row.engine_type,
            100 + copy,
            JSON.stringify({ ...doc, DomainName: name }),
          );
        }
        backToSchemaVersion10(db);
      },
      async (emulator) => {
        await createTestDomain(emulator.client(), 'original', { AccessPolicies: pastedPolicy });
      },
      async (emulator) => {
        const counted = emulator.store.db
          .prepare(
            `SELECT COUNT(*) FROM domains WHERE name LIKE 'copy-%'
               AND json_extract(doc, '$.options.AccessPolicies') LIKE '%"Resource":"arn:aws:es:%:domain/copy-%/*"%'`,
          )
          .pluck()
          .get();
        assert.equal(counted, copies);
        const { DomainStatus } = await emulator
          .client()
          .send(new DescribeElasticsearchDomainCommand({ DomainName: `copy-${copies - 1}` }));
        assert.match(
          DomainStatus?.AccessPolicies ?? '',
          new RegExp(`"Resource":"[^"]+:domain/copy-${copies - 1}/\\*"`),
        );
      },
    );
  });

  it('asks for the repair only in a file that holds domains', () => {
    const fresh = new Database(':memory:');
    migrate(fresh);
    assert.deepEqual(new Store(fresh).pendingRepairs(), []);
    fresh.close();
    const older = stateBeforeMigration4();
    migrate(older);
    assert.deepEqual(new Store(older).pendingRepairs(), ['domain-options']);
    older.close();
  });
});

describe('a state file that cannot be used', () => {
  const scratches: string[] = [];
  const scratch = () => {
    scratches.push(fs.mkdtempSync(path.join(os.tmpdir(), 'state-refused-')));
    return scratches[scratches.length - 1]!;
  };
  after(() => {
    for (const directory of scratches) fs.rmSync(directory, { recursive: true, force: true });
  });

  it('is refused with a message naming it: not SQLite, an unknown schema version', async () => {
    const notSqlite = path.join(scratch(), 'notes.txt');
    fs.writeFileSync(notSqlite, 'these are not the tables you are looking for\n'.repeat(200));
    await assert.rejects(
      startTestEmulator({ statePath: notSqlite }),
      new RegExp(
        `^Error: the state file ${notSqlite.replace(/[.]/g, '\\.')} cannot be used: file is not a database`,
      ),
    );
    for (const version of [-1, migrations.length + 1]) {
      const file = path.join(scratch(), 'state.sqlite');
      const db = new Database(file);
      db.pragma(`user_version = ${version}`);
      db.close();
      const before = fs.readFileSync(file);
      await assert.rejects(
        startTestEmulator({ statePath: file }),
        new RegExp(
          `cannot be used: it has schema version ${version}, which this amazon-es-local does not know`,
        ),
      );
      // Refused before anything is written: not even WAL mode, which the file itself records.
      assert.ok(fs.readFileSync(file).equals(before), 'the refused file is left as it was');
      assert.ok(!fs.existsSync(`${file}-wal`));
    }
  });

  it('is refused when its path ends with a slash, naming a directory: no file is made for it', async () => {
    const directory = scratch();
    const named = `${path.join(directory, 'state')}/`;
    await assert.rejects(
      startTestEmulator({ statePath: named }),
      new RegExp(
        `^Error: the state file ${named.replace(/[.]/g, '\\.')} cannot be used: it names a directory`,
      ),
    );
    assert.deepEqual(fs.readdirSync(directory), []);
  });

  it('is refused at once where its directory cannot be made: under /proc, or below a file', async () => {
    // Node 20's recursive mkdirSync never returns under /proc; the start must fail with the file's name instead.
    await assert.rejects(
      startTestEmulator({ statePath: '/proc/es-local-nowhere/deeper/state.sqlite' }),
      /^Error: the state file \/proc\/es-local-nowhere\/deeper\/state\.sqlite cannot be used: ENOENT/,
    );
    const file = path.join(scratch(), 'a-file');
    fs.writeFileSync(file, '');
    await assert.rejects(
      startTestEmulator({ statePath: path.join(file, 'below', 'state.sqlite') }),
      /cannot be used: ENOTDIR/,
    );
    // Missing directories are made, each level.
    const nested = path.join(scratch(), 'one', 'two', 'state.sqlite');
    const emulator = await startTestEmulator({ statePath: nested });
    await emulator.stop();
    assert.ok(fs.existsSync(nested));
  });

  it("is refused when it is another application's SQLite database, which is left as it was", async () => {
    const file = path.join(scratch(), 'shop.sqlite');
    const db = new Database(file);
    db.exec("CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('ada')");
    db.close();
    const before = fs.readFileSync(file);
    await assert.rejects(
      startTestEmulator({ statePath: file }),
      /cannot be used: it is another application's SQLite database \(schema version 0, with 'customers' in it\)/,
    );
    assert.ok(fs.readFileSync(file).equals(before), 'not even switched to WAL mode');
    assert.ok(!fs.existsSync(`${file}-wal`));
  });

  it('is refused, named for what it is, when this user may not write it (a file left by a run as root)', () => {
    // SQLite alone said "disk I/O error". As root every file is writable: the start is run as `nobody` then.
    const directory = scratch();
    fs.chmodSync(directory, 0o777);
    const file = path.join(directory, 'state.sqlite');
    const db = new Database(file);
    migrate(db);
    db.close();
    fs.chmodSync(file, 0o444);
    const cli = path.resolve(__dirname, '..', 'server', 'cli.js');
    const command = ['node', cli, '--port', '0', '--state', file];
    const asRoot = process.getuid?.() === 0;
    const run = asRoot
      ? childProcess.spawnSync('runuser', ['-u', 'nobody', '--', ...command], {
          encoding: 'utf8',
          timeout: 20_000,
        })
      : childProcess.spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', timeout: 20_000 });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(
      run.stderr,
      `amazon-es-local: the state file ${file} cannot be used: it cannot be written by this user (EACCES): run the emulator as its owner, change its permissions, or choose another state file\n`,
    );
  });

  const warningsOf = (lines: string[]) =>
    lines
      .map((line) => JSON.parse(line) as { level: number; msg: string; statePath?: string })
      .filter((line) => line.level === 40)
      .map(({ msg, statePath }) => ({ msg, statePath }));

  /** Until the log holds `count` warnings: the watch reports through the event loop, soon after the removal. */
  async function warningsArrive(lines: string[], count: number) {
    for (let waited = 0; warningsOf(lines).length < count && waited < 5_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('removed while the emulator runs, is named in a warning then, and again when it stops: what it kept since is lost', async () => {
    const file = path.join(scratch(), 'state.sqlite');
    const log = capturingLogger();
    const emulator = await startTestEmulator({ statePath: file, logger: log.logger });
    await createTestDomain(emulator.client(), 'doomed');
    for (const each of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(each, { force: true });
    await warningsArrive(log.lines, 1);
    assert.deepEqual(warningsOf(log.lines), [
      {
        msg: 'the state file was removed while the emulator runs: what it keeps from now on is lost when it stops; restart it to start on a new file',
        statePath: file,
      },
    ]);
    await emulator.stop();
    assert.deepEqual(warningsOf(log.lines).slice(1), [
      {
        msg: 'the state file was removed while the emulator ran: the state it kept since then is lost',
        statePath: file,
      },
    ]);
  });

  it('replaced while the emulator runs (another file moved to its path), is named in a warning then', async () => {
    const directory = scratch();
    const file = path.join(directory, 'state.sqlite');
    const log = capturingLogger();
    const emulator = await startTestEmulator({ statePath: file, logger: log.logger });
    try {
      fs.writeFileSync(path.join(directory, 'other.sqlite'), '');
      fs.renameSync(path.join(directory, 'other.sqlite'), file);
      await warningsArrive(log.lines, 1);
      assert.match(
        warningsOf(log.lines)[0]?.msg ?? '',
        /^the state file was replaced while the emulator runs/,
      );
    } finally {
      await emulator.stop();
    }
  });

  it('is refused when it is a directory, naming it so', async () => {
    const directory = scratch();
    await assert.rejects(
      startTestEmulator({ statePath: directory }),
      new RegExp(`cannot be used: it is a directory: name a file in it, such as ${directory}/state\\.sqlite`),
    );
  });

  it('is refused, its write-ahead log kept, when the log is there without its database', async () => {
    for (const main of ['empty', 'missing'] as const) {
      const file = path.join(scratch(), 'state.sqlite');
      if (main === 'empty') fs.writeFileSync(file, '');
      // Opened so, SQLite would start a new database and delete the log: every change not yet checkpointed.
      const log = Buffer.from('the only copy of the last changes');
      fs.writeFileSync(`${file}-wal`, log);
      await assert.rejects(
        startTestEmulator({ statePath: file }),
        new RegExp(
          `cannot be used: its write-ahead log .*-wal is there without the database it belongs to \\(the file is ${main}\\)`,
        ),
      );
      assert.ok(fs.readFileSync(`${file}-wal`).equals(log));
      assert.equal(fs.existsSync(file), main === 'empty');
      if (main === 'empty') assert.equal(fs.statSync(file).size, 0);
    }
  });

  it('leaves no file or directory it made when the start fails after making them', async () => {
    const directory = scratch();
    // SQLite makes the file, then cannot make its write-ahead log: with '-wal' the name passes 255 bytes.
    const file = path.join(directory, 'one', 'two', `${'x'.repeat(246)}.sqlite`);
    await assert.rejects(startTestEmulator({ statePath: file }), /cannot be used/);
    assert.deepEqual(fs.readdirSync(directory), []);
    // A directory level that cannot be made (a name over 255 bytes): the level made before it goes as well.
    const deeper = path.join(directory, 'one', 'y'.repeat(256), 'state.sqlite');
    await assert.rejects(startTestEmulator({ statePath: deeper }), /cannot be used: ENAMETOOLONG/);
    assert.deepEqual(fs.readdirSync(directory), []);
  });

  it('is left as it was when a migration fails partway', () => {
    const file = path.join(scratch(), 'state.sqlite');
    const db = new Database(file);
    // Schema version 1 without the tags table the second migration alters.
    db.exec(migrations[0]!.replace(/CREATE TABLE tags[\s\S]*?\);/, ''));
    db.pragma('user_version = 1');
    db.close();
    assert.throws(() => Store.open(file), /cannot be used/);
    const after = new Database(file);
    assert.equal(after.pragma('user_version', { simple: true }), 1);
    after.close();
  });
});

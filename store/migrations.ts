/**
 * The schema, as an ordered list of migrations. `PRAGMA user_version` records how many have run;
 * a migration is never edited once released, only followed by another.
 *
 * State is per account and per region, as in AWS. Domains and tags have tables of their own because
 * they are read on every authorized call; the other families keep a JSON document per resource in
 * `resources`, keyed by kind, with an optional parent (a domain name, a package id) for listing.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE domains (
    account TEXT NOT NULL,
    region TEXT NOT NULL,
    name TEXT NOT NULL,
    engine_type TEXT NOT NULL,
    created_seq INTEGER NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (account, region, name)
  );
  CREATE INDEX domains_by_creation ON domains (account, region, created_seq);

  CREATE TABLE tags (
    arn TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (arn, key)
  );

  CREATE TABLE resources (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    account TEXT NOT NULL,
    region TEXT NOT NULL,
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    parent TEXT,
    doc TEXT NOT NULL,
    UNIQUE (account, region, kind, id)
  );
  CREATE INDEX resources_by_parent ON resources (account, region, kind, parent);

  CREATE TABLE sequence (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
  `,
  // ListDomainNames reads only names and engine types, in creation order. Without a covering index each row
  // is looked up in the table, whose rows hold the whole domain document (several KB, one page or more per
  // row): 10,000 domains cost ~100 ms a list. The covering index answers it from the index alone.
  `
  CREATE INDEX domains_names_by_creation ON domains (account, region, created_seq, name, engine_type);
  `,
  // Each insert numbers its domain with MAX(created_seq) over every account and region; without an index
  // led by created_seq that is a scan of the whole table: ~300 µs a create with 10,000 domains stored.
  `
  CREATE INDEX domains_by_sequence ON domains (created_seq);
  `,
  // Fewer pages written per commit. Every page a transaction changes is one WAL frame, two pwrite calls: a
  // create wrote seven (the domain row, its key, three indexes of domains, a tag row and its key), and the
  // commit was the largest single part of a request's CPU (~53 µs of ~350, timed in the bench's workload).
  // created_seq becomes the rowid, which numbers a create with MAX(rowid) and orders by creation without
  // domains_by_sequence; domains_by_creation led with the same columns as domains_names_by_creation; a tag
  // row is its key (WITHOUT ROWID, as SQLite advises for small rows with a composite key). A create now
  // writes four pages, and the commit costs ~40 µs.
  `
  CREATE TABLE domains_v4 (
    created_seq INTEGER PRIMARY KEY,
    account TEXT NOT NULL,
    region TEXT NOT NULL,
    name TEXT NOT NULL,
    engine_type TEXT NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (account, region, name)
  );
  INSERT INTO domains_v4 (created_seq, account, region, name, engine_type, doc)
    SELECT created_seq, account, region, name, engine_type, doc FROM domains;
  DROP TABLE domains;
  ALTER TABLE domains_v4 RENAME TO domains;
  CREATE INDEX domains_names_by_creation ON domains (account, region, created_seq, name, engine_type);

  CREATE TABLE tags_v4 (
    arn TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (arn, key)
  ) WITHOUT ROWID;
  INSERT INTO tags_v4 (arn, key, value, position) SELECT arn, key, value, position FROM tags;
  DROP TABLE tags;
  ALTER TABLE tags_v4 RENAME TO tags;
  `,
  // ARNs in the partition of their Region (server/partitions.ts): before, every ARN began `arn:aws:`, also in
  // the China, GovCloud and isolated Regions. Tags are keyed by their domain's ARN; a VPC endpoint keeps its
  // domain's ARN, and an encrypted domain the ARN of its KMS key.
  partitionMigration([
    ['cn-', 'aws-cn'],
    ['us-gov-', 'aws-us-gov'],
    ['us-iso-', 'aws-iso'],
    ['us-isob-', 'aws-iso-b'],
    ['eu-isoe-', 'aws-iso-e'],
    ['us-isof-', 'aws-iso-f'],
    ['eusc-', 'aws-eusc'],
  ]),
  // Upgrades to OpenSearch under way, which ListDomainNames now finds among the resources to apply them when they
  // complete (server/lifecycle/engine-upgrades.ts, its kind 'engine-upgrade'): a file written before kept no such
  // row, and its domain was listed as Elasticsearch until something read it.
  `
  INSERT OR IGNORE INTO resources (account, region, kind, id, parent, doc)
  SELECT account, region, 'engine-upgrade', name, name,
         json_object('completesAt', json_extract(doc, '$.pendingUpgrade.completesAt'))
  FROM domains
  WHERE json_extract(doc, '$.pendingUpgrade.completesAt') IS NOT NULL
    AND substr(json_extract(doc, '$.pendingUpgrade.targetVersion'), 1, 11) = 'OpenSearch_'
    AND substr(json_extract(doc, '$.ElasticsearchVersion'), 1, 11) <> 'OpenSearch_';
  `,
  // CreatePackage refuses a name already used in its account and Region. It found one by reading every package
  // there (6.1 ms a create with 1,500 packages, by hand; AWS gives no quota on packages that bounds the count); the
  // index finds it in one lookup (0.86 ms a create). The `sequence` table of the first migration was never used: created_seq counts.
  `
  CREATE INDEX resources_package_names ON resources (account, region, json_extract(doc, '$.PackageName'))
    WHERE kind = 'package';
  DROP TABLE sequence;
  `,
  // The seventh migration's index was partial on `kind = 'package'`. SQLite decides whether a partial index can serve a
  // statement by comparing the statement's terms with the index's condition, and a term `kind = ?` is compared by the
  // value bound to it: every statement of this table that binds its kind was then marked to be compiled again at each
  // run (SQLITE_STMTSTATUS_REPREPARE), 5 µs a read by key instead of 1 and 37 µs for a delete's one read of the kinds
  // under a domain instead of 5, in loops of their own. Only a package's document holds a PackageName, so the same
  // rows are indexed under a condition no bound kind is compared with.
  `
  DROP INDEX resources_package_names;
  CREATE INDEX resources_package_names ON resources (account, region, json_extract(doc, '$.PackageName'))
    WHERE json_extract(doc, '$.PackageName') IS NOT NULL;
  `,
  // The eighth migration's condition was evaluated on every write of every resource, parsing its document: an update of
  // a package of 50 KB (a long version history) took 202 µs instead of 21. A package's row now keeps its name as its
  // parent, found through resources_by_parent as a domain's resources are, and needs no index of its own.
  // The sweeps of every account and Region (deletions and upgrades that take time) read one kind: without an index led
  // by it, each read the whole table, every kind of every account (16.7 ms a call with 3,000 deletions under way).
  `
  UPDATE resources SET parent = json_extract(doc, '$.PackageName') WHERE kind = 'package';
  DROP INDEX resources_package_names;
  CREATE INDEX resources_by_kind ON resources (kind);
  `,
  // PurchaseReservedElasticsearchInstanceOffering refuses a name already used in its account and Region: a
  // reservation's row keeps its name as its parent, found through resources_by_parent instead of by reading every
  // reservation (6 ms a purchase with 2,000 of them).
  `
  UPDATE resources SET parent = json_extract(doc, '$.ReservationName') WHERE kind = 'reservation';
  `,
  // Domains an earlier build stored in a form a later fix no longer writes (a KMS alias kept as a malformed key ARN
  // before 0004915; an access policy kept with its Sids before f610f4d, or without the Resource AWS adds before
  // d860fef): rewritten once by the server when it opens the file (server/domains/stored-repairs.ts), which the
  // row asks for until the repair is made. A file without domains has nothing to repair.
  `
  CREATE TABLE repairs (name TEXT PRIMARY KEY);
  INSERT INTO repairs (name) SELECT 'domain-options' WHERE EXISTS (SELECT 1 FROM domains);
  `,
];

/** The fifth migration's statements, for each Region prefix and its partition (a fixed list, as released). */
function partitionMigration(partitions: readonly (readonly [string, string])[]): string {
  return partitions
    .map(
      ([prefix, partition]) => `
  UPDATE tags SET arn = 'arn:${partition}:' || substr(arn, 9) WHERE arn LIKE 'arn:aws:es:${prefix}%';
  UPDATE resources SET
    parent = 'arn:${partition}:' || substr(parent, 9),
    doc = replace(doc, '"DomainArn":"arn:aws:es:${prefix}', '"DomainArn":"arn:${partition}:es:${prefix}')
  WHERE kind = 'vpc-endpoint' AND parent LIKE 'arn:aws:es:${prefix}%';
  UPDATE domains SET
    doc = replace(doc, '"KmsKeyId":"arn:aws:kms:${prefix}', '"KmsKeyId":"arn:${partition}:kms:${prefix}')
  WHERE region LIKE '${prefix}%';`,
    )
    .join('\n');
}

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
];

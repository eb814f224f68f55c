import type Database from 'better-sqlite3';

/**
 * Takes a state file written by this build back to schema version 10, as the releases before the eleventh migration
 * (store/migrations.ts) left it: no table of repairs asked for.
 */
export function backToSchemaVersion10(db: Database.Database): void {
  db.exec('DROP TABLE repairs');
  db.pragma('user_version = 10');
}

/**
 * Takes a state file written by this build back to schema version 9, as the releases before the tenth migration left
 * it: a reservation's row without its name as its parent.
 */
export function backToSchemaVersion9(db: Database.Database): void {
  backToSchemaVersion10(db);
  db.exec("UPDATE resources SET parent = NULL WHERE kind = 'reservation'");
  db.pragma('user_version = 9');
}

/**
 * Takes a state file written by this build back to schema version 8, as the releases before the ninth migration
 * (store/migrations.ts) left it: a package's row without its name as its parent, package names indexed under a
 * condition on the name, no index of kinds.
 */
export function backToSchemaVersion8(db: Database.Database): void {
  backToSchemaVersion9(db);
  db.exec(`
    UPDATE resources SET parent = NULL WHERE kind = 'package';
    DROP INDEX resources_by_kind;
    CREATE INDEX resources_package_names ON resources (account, region, json_extract(doc, '$.PackageName'))
      WHERE json_extract(doc, '$.PackageName') IS NOT NULL;
  `);
  db.pragma('user_version = 8');
}

/**
 * Takes a state file written by this build back to schema version 7, as the releases before the eighth migration
 * left it: the index of package names partial on `kind = 'package'`.
 */
export function backToSchemaVersion7(db: Database.Database): void {
  backToSchemaVersion8(db);
  db.exec(`
    DROP INDEX resources_package_names;
    CREATE INDEX resources_package_names ON resources (account, region, json_extract(doc, '$.PackageName'))
      WHERE kind = 'package';
  `);
  db.pragma('user_version = 7');
}

/**
 * Takes a state file written by this build back to schema version 6, as the releases before the seventh migration
 * left it: no index of package names, the unused `sequence` table still there. A test that goes further back undoes
 * its own migration after this one.
 */
export function backToSchemaVersion6(db: Database.Database): void {
  backToSchemaVersion7(db);
  db.exec('DROP INDEX resources_package_names');
  db.exec('CREATE TABLE sequence (name TEXT PRIMARY KEY, value INTEGER NOT NULL)');
  db.pragma('user_version = 6');
}

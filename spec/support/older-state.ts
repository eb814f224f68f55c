import type Database from 'better-sqlite3';

/**
 * Takes a state file written by this build back to schema version 6, as the releases before the seventh migration
 * (store/migrations.ts) left it: no index of package names, the unused `sequence` table still there. A test that
 * goes further back undoes its own migration after this one.
 */
export function backToSchemaVersion6(db: Database.Database): void {
  db.exec('DROP INDEX resources_package_names');
  db.exec('CREATE TABLE sequence (name TEXT PRIMARY KEY, value INTEGER NOT NULL)');
  db.pragma('user_version = 6');
}

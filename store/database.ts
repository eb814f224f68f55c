import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from './migrations';

export type Db = Database.Database;

/**
 * Opens the state file (`:memory:` keeps nothing), in WAL mode, and brings its schema up to date.
 * Each migration runs in its own transaction together with the `user_version` bump.
 */
export function openDatabase(statePath: string): Db {
  if (statePath !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(statePath)), { recursive: true });
  const db = new Database(statePath);
  if (statePath !== ':memory:') db.pragma('journal_mode = WAL');
  // WAL with synchronous=NORMAL keeps every committed transaction across a process crash (SIGKILL);
  // only a power loss may drop the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `The state file has schema version ${current}, newer than this amazon-es-local knows (${migrations.length})`,
    );
  }
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

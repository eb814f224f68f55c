import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from './migrations';

export type Db = Database.Database;

/** The state file is held by another process; the message says which file and what to do. */
export class StateFileInUseError extends Error {
  override name = 'StateFileInUseError';
}

/**
 * Opens the state file (`:memory:` keeps nothing), in WAL mode, and brings its schema up to date (the
 * migrations and their `user_version` bumps in one transaction). A file that cannot be used is refused with a
 * message that names it.
 *
 * One process serves a state file: it keeps the domain lists and tag lists in memory beside it, which another
 * writer would make stale. So the file is locked for as long as it is open (SQLite's exclusive locking mode),
 * and a second emulator on the same file stops at once with a clear message. Held that way, SQLite also keeps
 * the WAL index in the heap and takes no file lock per transaction (five `fcntl` calls a request before).
 * The operating system releases the lock with the process, a killed one included.
 */
export function openDatabase(statePath: string): Db {
  try {
    return openStateFile(statePath);
  } catch (error) {
    if (error instanceof StateFileInUseError) throw error;
    // SQLite's and the file system's messages name no file ("disk I/O error", "file is not a database").
    throw new Error(`the state file ${statePath} cannot be used: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function openStateFile(statePath: string): Db {
  // `state/` names a directory, yet SQLite would make the file `state` (the slash dropped): refused, not guessed at.
  if (statePath.endsWith('/') || statePath.endsWith(path.sep)) {
    throw new Error(
      `it names a directory (it ends with a slash): name a file in it, such as ${statePath}state.sqlite`,
    );
  }
  if (statePath !== ':memory:') makeDirectories(path.dirname(path.resolve(statePath)));
  const db = new Database(statePath);
  if (statePath !== ':memory:') {
    // Refused at once rather than after better-sqlite3's default wait of five seconds.
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    try {
      // A schema this version does not know is refused before anything is written to the file: WAL mode is
      // recorded in the file itself.
      checkSchemaVersion(db);
      db.pragma('journal_mode = WAL');
      // A read alone would take a shared lock only; an empty exclusive transaction takes the lock it keeps.
      db.exec('BEGIN EXCLUSIVE; COMMIT');
    } catch (error) {
      db.close();
      if (isBusy(error)) {
        throw new StateFileInUseError(
          `the state file ${statePath} is in use by another process (one amazon-es-local serves a state file at a time): stop that one or choose another state file`,
        );
      }
      throw error;
    }
  }
  // WAL with synchronous=NORMAL keeps every committed transaction across a process crash (SIGKILL);
  // only a power loss may drop the last commits.
  db.pragma('synchronous = NORMAL');
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * The directory and its missing parents, one level at a time. Node 20's recursive mkdirSync never returns for a
 * path under /proc (it retries the ENOENT procfs answers forever, at full CPU); a single level fails at once.
 */
function makeDirectories(directory: string): void {
  const missing: string[] = [];
  for (let at = directory; !fs.existsSync(at); at = path.dirname(at)) {
    missing.push(at);
    if (path.dirname(at) === at) break;
  }
  for (const level of missing.reverse()) fs.mkdirSync(level);
}

function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY');
}

/** The file's schema version (`user_version`); refused when this version does not know it. */
function checkSchemaVersion(db: Db): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current < 0 || current > migrations.length) {
    throw new Error(
      `it has schema version ${current}, which this amazon-es-local does not know (it knows 0 to ${migrations.length})`,
    );
  }
  return current;
}

/** Brings the schema up to date in one transaction: a migration that fails leaves the file as it was. */
export function migrate(db: Db): void {
  const current = checkSchemaVersion(db);
  db.transaction(() => {
    for (let version = current; version < migrations.length; version++) {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }
  })();
}

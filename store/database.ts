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
  const made: string[] = [];
  try {
    return openStateFile(statePath, made);
  } catch (error) {
    removeMade(made);
    if (error instanceof StateFileInUseError) throw error;
    // SQLite's and the file system's messages name no file ("disk I/O error", "file is not a database").
    throw new Error(`the state file ${statePath} cannot be used: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Opens the state file; what it makes on the way (directories, the file) is listed in `made`, in that order. */
function openStateFile(statePath: string, made: string[]): Db {
  // `state/` names a directory, yet SQLite would make the file `state` (the slash dropped): refused, not guessed at.
  if (statePath.endsWith('/') || statePath.endsWith(path.sep)) {
    throw new Error(
      `it names a directory (it ends with a slash): name a file in it, such as ${statePath}state.sqlite`,
    );
  }
  if (statePath !== ':memory:') {
    makeDirectories(path.dirname(path.resolve(statePath)), made);
    checkFileBeforeOpening(statePath);
    if (!fs.existsSync(statePath)) made.push(...sqliteFilesOf(statePath));
  }
  const db = new Database(statePath);
  if (statePath !== ':memory:') {
    // Refused at once rather than after better-sqlite3's default wait of five seconds.
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    try {
      // A schema this version does not know is refused before anything is written to the file: WAL mode is
      // recorded in the file itself.
      const version = checkSchemaVersion(db);
      if (version === 0) refuseOtherApplicationsDatabase(db);
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
 * The directory and its missing parents, one level at a time, each listed in `made`. Node 20's recursive mkdirSync
 * never returns for a path under /proc (it retries the ENOENT procfs answers forever, at full CPU); a single level
 * fails at once.
 */
function makeDirectories(directory: string, made: string[]): void {
  const missing: string[] = [];
  for (let at = directory; !fs.existsSync(at); at = path.dirname(at)) {
    missing.push(at);
    if (path.dirname(at) === at) break;
  }
  for (const level of missing.reverse()) {
    fs.mkdirSync(level);
    // Listed as soon as made: a level that cannot be made (no space, no inode left) leaves none of those before it.
    made.push(level);
  }
}

/** The state file and the files SQLite keeps beside it. */
function sqliteFilesOf(statePath: string): string[] {
  return [statePath, `${statePath}-wal`, `${statePath}-shm`, `${statePath}-journal`];
}

/**
 * What SQLite's own message leaves unclear (a directory: "unable to open database file"), or would lose: a
 * write-ahead log without its database. SQLite opens an empty or missing database as a new one and deletes the log
 * it finds beside it, the only copy of every change not yet checkpointed (a state file restored without its log,
 * or truncated).
 */
function checkFileBeforeOpening(statePath: string): void {
  const file = fs.statSync(statePath, { throwIfNoEntry: false });
  if (file?.isDirectory()) {
    throw new Error(`it is a directory: name a file in it, such as ${path.join(statePath, 'state.sqlite')}`);
  }
  // SQLite reports a file it may not write as "disk I/O error" (SQLITE_IOERR_LOCK under the exclusive lock), which
  // points at the disk: a state file left by a run as another user (`sudo npm start`) is named for what it is.
  const directory = path.dirname(path.resolve(statePath));
  // The directory too: SQLite makes the write-ahead log beside the file, and removes it on closing.
  for (const entry of [...sqliteFilesOf(statePath), directory]) {
    const refusal = writeRefusal(entry);
    if (refusal) {
      throw new Error(
        `${entry === statePath ? 'it' : entry} cannot be written by this user (${refusal}): run the emulator as its owner, change its permissions, or choose another state file`,
      );
    }
  }
  const log = fs.statSync(`${statePath}-wal`, { throwIfNoEntry: false });
  if ((file?.size ?? 0) === 0 && log !== undefined && log.size > 0) {
    throw new Error(
      `its write-ahead log ${statePath}-wal is there without the database it belongs to (the file is ${file ? 'empty' : 'missing'}), ` +
        'and opening it would discard the log: restore the file, or remove the log to start empty',
    );
  }
}

/** Why `entry` cannot be written (EACCES, EROFS...), or undefined when it can or does not exist. */
function writeRefusal(entry: string): string | undefined {
  try {
    fs.accessSync(entry, fs.constants.W_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? undefined : (code ?? String(error));
  }
}

/**
 * Schema version 0 is a new file, or another application's SQLite database: every file this emulator wrote has
 * a version of 1 or more (the first migration sets it in its own transaction). Another's is refused before
 * anything is written to it, rather than taken over with tables of ours beside its own.
 */
function refuseOtherApplicationsDatabase(db: Db): void {
  const table = db.prepare('SELECT name FROM sqlite_master LIMIT 1').pluck().get() as string | undefined;
  if (table !== undefined) {
    throw new Error(
      `it is another application's SQLite database (schema version 0, with '${table}' in it): amazon-es-local keeps its state in a file of its own`,
    );
  }
}

/** What a failed start made, removed again, the file before its directories; what cannot be removed stays. */
function removeMade(made: readonly string[]): void {
  for (const entry of [...made].reverse()) {
    try {
      if (fs.statSync(entry, { throwIfNoEntry: false })?.isDirectory()) fs.rmdirSync(entry);
      else fs.rmSync(entry, { force: true });
    } catch {
      // Left as it is: the start's own error says what failed.
    }
  }
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

import type { Db } from './database';
import { openDatabase } from './database';
import { DomainRepository } from './domains';
import { ResourceRepository } from './resources';
import { TagRepository } from './tags';

/** The one store: every repository over one SQLite connection. */
export class Store {
  readonly domains: DomainRepository;
  readonly tags: TagRepository;
  readonly resources: ResourceRepository;
  /** One transaction wrapper for every request: better-sqlite3 builds five functions per db.transaction(). */
  private readonly runInTransaction: (fn: () => unknown) => unknown;

  constructor(readonly db: Db) {
    this.domains = new DomainRepository(db);
    this.tags = new TagRepository(db);
    this.resources = new ResourceRepository(db);
    this.runInTransaction = db.transaction((fn: () => unknown) => fn());
  }

  static open(statePath: string): Store {
    return new Store(openDatabase(statePath));
  }

  /** The repairs of stored rows a migration asked for and not yet made (store/migrations.ts, table `repairs`). */
  pendingRepairs(): string[] {
    return this.db.prepare('SELECT name FROM repairs').pluck().all() as string[];
  }

  /** Marks a repair made: it is not asked for again. */
  repairMade(name: string): void {
    this.db.prepare('DELETE FROM repairs WHERE name = ?').run(name);
  }

  /** Runs fn in one transaction: every write of one request commits together or not at all. */
  transaction<T>(fn: () => T): T {
    try {
      return this.runInTransaction(fn) as T;
    } catch (error) {
      // Rolled back: what the repositories remembered of this transaction's reads may name its writes.
      this.domains.forgetCachedLists();
      this.tags.forgetCachedLists();
      throw error;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

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

  constructor(readonly db: Db) {
    this.domains = new DomainRepository(db);
    this.tags = new TagRepository(db);
    this.resources = new ResourceRepository(db);
  }

  static open(statePath: string): Store {
    return new Store(openDatabase(statePath));
  }

  /** Runs fn in one transaction: every write of one request commits together or not at all. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** A counter that survives restarts (creation order, ids). */
  nextSequence(name: string): number {
    const row = this.db
      .prepare(
        'INSERT INTO sequence (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value',
      )
      .get(name) as { value: number };
    return row.value;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

import type { Statement } from 'better-sqlite3';
import type { Db } from './database';
import type { Scope } from './scope';

/** The kind of a package's row, whose parent is the package's name (holdsUnderParent finds a name by its index). */
export const packageKind = 'package';

export interface StoredResource<T> {
  id: string;
  parent: string | null;
  doc: T;
}

/**
 * Every other family's resources (packages, package associations, VPC endpoints, cross-cluster
 * connections, reservations, upgrade history, change progress...), one JSON document each, listed in
 * creation order. `kind` names the family's table, in effect.
 */
export class ResourceRepository {
  private readonly getStatement: Statement;
  private readonly insertStatement: Statement;
  private readonly updateStatement: Statement;
  private readonly deleteStatement: Statement;
  private readonly listStatement: Statement;
  private readonly listByParentStatement: Statement;
  private readonly deleteByParentStatement: Statement;
  private readonly countOfKindStatement: Statement;
  private readonly dueOfKindStatement: Statement;
  private readonly nextDueOfKindStatement: Statement;
  private readonly heldUnderParentStatement: Statement;
  /** kindsHeld's statements, one per lists of kinds (its one caller names fixed lists). */
  private readonly kindsHeldStatements = new Map<string, Statement>();

  constructor(private readonly db: Db) {
    this.getStatement = db.prepare(
      'SELECT id, parent, doc FROM resources WHERE account = ? AND region = ? AND kind = ? AND id = ?',
    );
    this.insertStatement = db.prepare(
      'INSERT INTO resources (account, region, kind, id, parent, doc) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.updateStatement = db.prepare(
      'UPDATE resources SET doc = ? WHERE account = ? AND region = ? AND kind = ? AND id = ?',
    );
    this.deleteStatement = db.prepare(
      'DELETE FROM resources WHERE account = ? AND region = ? AND kind = ? AND id = ?',
    );
    this.listStatement = db.prepare(
      'SELECT id, parent, doc FROM resources WHERE account = ? AND region = ? AND kind = ? ORDER BY seq',
    );
    this.listByParentStatement = db.prepare(
      `SELECT id, parent, doc FROM resources
       WHERE account = ? AND region = ? AND kind = ? AND parent = ? ORDER BY seq`,
    );
    this.deleteByParentStatement = db.prepare(
      'DELETE FROM resources WHERE account = ? AND region = ? AND kind = ? AND parent = ?',
    );
    this.countOfKindStatement = db.prepare('SELECT COUNT(*) FROM resources WHERE kind = ?').pluck();
    // Due unless its completesAt is later than now, as `completesAt > now` reads in JavaScript.
    this.dueOfKindStatement = db.prepare(
      `SELECT account, region, id, parent, doc FROM resources
       WHERE kind = ? AND NOT coalesce(json_extract(doc, '$.completesAt') > ?, FALSE) ORDER BY seq`,
    );
    this.nextDueOfKindStatement = db
      .prepare("SELECT min(json_extract(doc, '$.completesAt')) FROM resources WHERE kind = ?")
      .pluck();
    this.heldUnderParentStatement = db.prepare(
      'SELECT 1 FROM resources WHERE account = ? AND region = ? AND kind = ? AND parent = ? LIMIT 1',
    );
  }

  get<T>(scope: Scope, kind: string, id: string): StoredResource<T> | undefined {
    const row = this.getStatement.get(scope.account, scope.region, kind, id) as RawRow | undefined;
    return row ? decode<T>(row) : undefined;
  }

  insert<T>(scope: Scope, kind: string, id: string, parent: string | null, doc: T): void {
    this.insertStatement.run(scope.account, scope.region, kind, id, parent, JSON.stringify(doc));
  }

  update<T>(scope: Scope, kind: string, id: string, doc: T): void {
    this.updateStatement.run(JSON.stringify(doc), scope.account, scope.region, kind, id);
  }

  delete(scope: Scope, kind: string, id: string): boolean {
    return this.deleteStatement.run(scope.account, scope.region, kind, id).changes > 0;
  }

  list<T>(scope: Scope, kind: string, parent?: string): StoredResource<T>[] {
    const rows = (
      parent === undefined
        ? this.listStatement.all(scope.account, scope.region, kind)
        : this.listByParentStatement.all(scope.account, scope.region, kind, parent)
    ) as RawRow[];
    return rows.map((row) => decode<T>(row));
  }

  /**
   * The resources of a kind, in every account and region, whose document's `completesAt` is not later than `now`:
   * read in SQLite, so that a sweep parses only what is due of all that is under way.
   */
  dueOfKind<T>(kind: string, now: number): (StoredResource<T> & { scope: Scope })[] {
    const rows = this.dueOfKindStatement.all(kind, now) as (RawRow & Scope)[];
    return rows.map((row) => ({ ...decode<T>(row), scope: { account: row.account, region: row.region } }));
  }

  /** The earliest `completesAt` of a kind's documents, in every account and region; undefined when none has one. */
  nextDueOfKind(kind: string): number | undefined {
    const next = this.nextDueOfKindStatement.get(kind) as number | null;
    return next ?? undefined;
  }

  /** How many resources of a kind there are, in every account and region. */
  countOfKind(kind: string): number {
    return this.countOfKindStatement.get(kind) as number;
  }

  /**
   * Whether the scope holds a resource of the kind under the parent, read from the index alone: a package or a
   * reservation keeps its name as its parent, so that a name used already is found so.
   */
  holdsUnderParent(scope: Scope, kind: string, parent: string): boolean {
    return this.heldUnderParentStatement.get(scope.account, scope.region, kind, parent) !== undefined;
  }

  /**
   * Which of `kinds` the scope holds a resource of under `parent`, and which of `kindsAnywhere` it holds any
   * resource of, in one read of the index resources_by_parent (a seek per kind): a domain's delete asks once
   * whether anything hangs off the domain, instead of a read or a delete per kind that almost always finds nothing.
   */
  kindsHeld(
    scope: Scope,
    parent: string,
    kinds: readonly string[],
    kindsAnywhere: readonly string[] = [],
  ): Set<string> {
    const key = `${kinds.join('\u0000')}\u0001${kindsAnywhere.join('\u0000')}`;
    let statement = this.kindsHeldStatements.get(key);
    if (!statement) {
      // ?1 account, ?2 region, ?3 parent, then the kinds.
      const underParent = kinds.map((_, index) => `?${index + 4}`).join(', ');
      const anywhere = kindsAnywhere.map(
        (_, index) =>
          ` UNION SELECT kind FROM (SELECT kind FROM resources
             WHERE account = ?1 AND region = ?2 AND kind = ?${kinds.length + index + 4} LIMIT 1)`,
      );
      statement = this.db
        .prepare(
          `SELECT kind FROM resources
           WHERE account = ?1 AND region = ?2 AND kind IN (${underParent}) AND parent = ?3${anywhere.join('')}`,
        )
        .pluck();
      this.kindsHeldStatements.set(key, statement);
    }
    // Numbered parameters are bound by number, from an object (better-sqlite3).
    const values: Record<number, string> = { 1: scope.account, 2: scope.region, 3: parent };
    [...kinds, ...kindsAnywhere].forEach((kind, index) => (values[index + 4] = kind));
    return new Set(statement.all(values) as string[]);
  }

  deleteByParent(scope: Scope, kind: string, parent: string): number {
    return this.deleteByParentStatement.run(scope.account, scope.region, kind, parent).changes;
  }
}

interface RawRow {
  id: string;
  parent: string | null;
  doc: string;
}

function decode<T>(row: RawRow): StoredResource<T> {
  return { id: row.id, parent: row.parent, doc: JSON.parse(row.doc) as T };
}

import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

export interface Tag {
  Key: string;
  Value: string;
}

/** Tags by resource ARN, in the order they were first added. */
export class TagRepository {
  private readonly listStatement: Statement;
  private readonly upsertStatement: Statement;
  private readonly removeStatement: Statement;
  private readonly removeAllStatement: Statement;

  constructor(db: Db) {
    this.listStatement = db.prepare(
      'SELECT key AS Key, value AS Value FROM tags WHERE arn = ? ORDER BY position',
    );
    this.upsertStatement = db.prepare(
      `INSERT INTO tags (arn, key, value, position)
       VALUES (?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM tags WHERE arn = ?))
       ON CONFLICT(arn, key) DO UPDATE SET value = excluded.value`,
    );
    this.removeStatement = db.prepare('DELETE FROM tags WHERE arn = ? AND key = ?');
    this.removeAllStatement = db.prepare('DELETE FROM tags WHERE arn = ?');
  }

  list(arn: string): Tag[] {
    return this.listStatement.all(arn) as Tag[];
  }

  /** The tags as a map, for `aws:ResourceTag/*`. */
  asMap(arn: string): Record<string, string> {
    const map: Record<string, string> = {};
    for (const tag of this.list(arn)) map[tag.Key] = tag.Value;
    return map;
  }

  /** Adds or overwrites each tag, as AddTags does. */
  put(arn: string, tags: Tag[]): void {
    for (const tag of tags) this.upsertStatement.run(arn, tag.Key, tag.Value, arn);
  }

  remove(arn: string, keys: string[]): void {
    for (const key of keys) this.removeStatement.run(arn, key);
  }

  removeAll(arn: string): void {
    this.removeAllStatement.run(arn);
  }
}

import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

export interface Tag {
  Key: string;
  Value: string;
}

/** How many ARNs' tag lists are kept in memory; past that the cache starts over. */
const CACHED_TAG_LISTS = 10_000;

/** Tags by resource ARN, in the order they were first added. */
export class TagRepository {
  /**
   * The tag lists read, by ARN: a call on a domain by a principal whose policies are evaluated reads its
   * tags for aws:ResourceTag (a query was 4–5% of the server's CPU in the bench's workload). A write of
   * an ARN's tags writes its list too, as the table's statements do, and every list is forgotten when a
   * transaction rolls back (Store.transaction), so a list never outlives a write.
   */
  private readonly cachedLists = new Map<string, readonly Readonly<Tag>[]>();
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

  /** The list is shared between calls: read it, never change it. */
  list(arn: string): readonly Readonly<Tag>[] {
    let tags = this.cachedLists.get(arn);
    if (!tags) {
      tags = this.listStatement.all(arn) as Tag[];
      if (this.cachedLists.size >= CACHED_TAG_LISTS) this.cachedLists.clear();
      this.cachedLists.set(arn, tags);
    }
    return tags;
  }

  /** The tags as a map, for `aws:ResourceTag/*`. */
  asMap(arn: string): Record<string, string> {
    // Without a prototype: a tag key such as `__proto__` is a key like any other.
    const map = Object.create(null) as Record<string, string>;
    for (const tag of this.list(arn)) map[tag.Key] = tag.Value;
    return map;
  }

  /** Adds or overwrites each tag, as AddTags does. */
  put(arn: string, tags: readonly Tag[]): void {
    for (const tag of tags) this.upsertStatement.run(arn, tag.Key, tag.Value, arn);
    const cached = this.cachedLists.get(arn);
    if (!cached) return;
    // The upsert's order: a key present keeps its place with the new value, a new key goes last.
    const next = [...cached];
    for (const { Key, Value } of tags) {
      const index = next.findIndex((tag) => tag.Key === Key);
      if (index === -1) next.push({ Key, Value });
      else next[index] = { Key, Value };
    }
    this.cachedLists.set(arn, next);
  }

  remove(arn: string, keys: readonly string[]): void {
    for (const key of keys) this.removeStatement.run(arn, key);
    const cached = this.cachedLists.get(arn);
    if (cached)
      this.cachedLists.set(
        arn,
        cached.filter((tag) => !keys.includes(tag.Key)),
      );
  }

  removeAll(arn: string): void {
    this.removeAllStatement.run(arn);
    if (this.cachedLists.has(arn)) this.cachedLists.set(arn, []);
  }

  forgetCachedLists(): void {
    this.cachedLists.clear();
  }
}

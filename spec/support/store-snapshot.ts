import type { Store } from '../../store/store';

/** Every row of every table, in a stable order: two equal snapshots mean the state did not change. */
export function snapshotOf(store: Store): string {
  const tables = store.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return JSON.stringify(
    tables.map(({ name }) => [
      name,
      (store.db.prepare(`SELECT * FROM "${name}"`).all() as unknown[])
        .map((row) => JSON.stringify(row))
        .sort(),
    ]),
  );
}

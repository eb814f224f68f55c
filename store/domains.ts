import type { Statement } from 'better-sqlite3';
import type { Db } from './database';
import type { Scope } from './scope';

export interface DomainName {
  name: string;
  engineType: string;
}

/** How many lists (an account, a Region, an engine filter each) the list cache keeps at most. */
export const maximumCachedLists = 256;

/** Domains by account, region and name; the document is whatever the domains module keeps. */
export class DomainRepository {
  /**
   * The name lists of ListDomainNames per account, region and engine filter: read on every list, and
   * 10,000 rows take ~4 ms to read. Forgotten on every insert, delete and update (which may change the
   * engine), and when a transaction rolls back (Store.transaction), so a list never outlives a write.
   */
  private readonly cachedLists = new Map<string, readonly DomainName[]>();
  private readonly getStatement: Statement;
  private readonly existsStatement: Statement;
  private readonly insertStatement: Statement;
  private readonly updateStatement: Statement;
  private readonly deleteStatement: Statement;
  private readonly namesStatement: Statement;
  private readonly namesByEngineStatement: Statement;
  private readonly countStatement: Statement;
  private readonly vpcDomainsInAccountStatement: Statement;

  constructor(private readonly db: Db) {
    this.getStatement = db.prepare('SELECT doc FROM domains WHERE account = ? AND region = ? AND name = ?');
    this.existsStatement = db
      .prepare('SELECT 1 FROM domains WHERE account = ? AND region = ? AND name = ?')
      .pluck();
    this.insertStatement = db.prepare(
      `INSERT INTO domains (account, region, name, engine_type, created_seq, doc)
       VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(created_seq), 0) + 1 FROM domains), ?)
       ON CONFLICT (account, region, name) DO NOTHING`,
    );
    this.updateStatement = db.prepare(
      'UPDATE domains SET engine_type = ?, doc = ? WHERE account = ? AND region = ? AND name = ?',
    );
    this.deleteStatement = db.prepare('DELETE FROM domains WHERE account = ? AND region = ? AND name = ?');
    this.namesStatement = db.prepare(
      'SELECT name, engine_type AS engineType FROM domains WHERE account = ? AND region = ? ORDER BY created_seq',
    );
    this.namesByEngineStatement = db.prepare(
      `SELECT name, engine_type AS engineType FROM domains
       WHERE account = ? AND region = ? AND engine_type = ? ORDER BY created_seq`,
    );
    this.countStatement = db.prepare(
      'SELECT COUNT(*) AS count FROM domains WHERE account = ? AND region = ?',
    );
    // Read in SQLite: parsing every document of the account in JavaScript took 126 ms with 3,000 domains.
    this.vpcDomainsInAccountStatement = db.prepare(
      `SELECT region, name FROM domains
       WHERE account = ? AND json_type(doc, '$.options.VPCOptions') = 'object' ORDER BY created_seq`,
    );
  }

  get<T>(scope: Scope, name: string): T | undefined {
    const row = this.getStatement.get(scope.account, scope.region, name) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : undefined;
  }

  /** Whether the domain exists, without reading its document (a tenth of the cost of get). */
  exists(scope: Scope, name: string): boolean {
    return this.existsStatement.get(scope.account, scope.region, name) !== undefined;
  }

  /** Inserts a new domain; returns false when the name is taken (the caller decides what AWS answers). */
  insert<T>(scope: Scope, name: string, engineType: string, doc: T): boolean {
    this.cachedLists.clear();
    return (
      this.insertStatement.run(scope.account, scope.region, name, engineType, JSON.stringify(doc)).changes > 0
    );
  }

  update<T>(scope: Scope, name: string, engineType: string, doc: T): void {
    this.cachedLists.clear();
    this.updateStatement.run(engineType, JSON.stringify(doc), scope.account, scope.region, name);
  }

  delete(scope: Scope, name: string): boolean {
    this.cachedLists.clear();
    return this.deleteStatement.run(scope.account, scope.region, name).changes > 0;
  }

  /** Names and engine types in creation order. The list is shared between calls: read it, never change it. */
  names(scope: Scope, engineType?: string): readonly DomainName[] {
    const key = `${scope.account}\n${scope.region}${engineType === undefined ? '' : `\n${engineType}`}`;
    let list = this.cachedLists.get(key);
    if (!list) {
      list = (
        engineType === undefined
          ? this.namesStatement.all(scope.account, scope.region)
          : this.namesByEngineStatement.all(scope.account, scope.region, engineType)
      ) as DomainName[];
      // Bounded: a caller may sign for any number of made-up Regions, each a key of its own. The oldest goes.
      if (this.cachedLists.size >= maximumCachedLists) {
        const oldest = this.cachedLists.keys().next().value;
        if (oldest !== undefined) this.cachedLists.delete(oldest);
      }
      this.cachedLists.set(key, list);
    }
    return list;
  }

  /** How many lists the cache holds now (it keeps at most maximumCachedLists). */
  get cachedListCount(): number {
    return this.cachedLists.size;
  }

  forgetCachedLists(): void {
    this.cachedLists.clear();
  }

  count(scope: Scope): number {
    return (this.countStatement.get(scope.account, scope.region) as { count: number }).count;
  }

  /**
   * The domains of an account in a VPC (whose stored options hold VPCOptions), in every region, in creation order:
   * the service-linked role they use is global, as IAM is.
   */
  vpcDomainsInAccount(account: string): { region: string; name: string }[] {
    return this.vpcDomainsInAccountStatement.all(account) as { region: string; name: string }[];
  }

  /**
   * Every stored domain with an access policy, a change pending (its ModifyingProperties keep the values a cancel
   * restores) or a KMS key named as an alias anywhere, with its scope and engine type: the ones a repair of an
   * earlier build's stored form reads (server/domains/stored-repairs.ts), `limit` at most of those created after
   * `afterSequence`, in the order of creation.
   */
  withPolicyChangeOrKeyAlias<T>(
    afterSequence: number,
    limit: number,
  ): { sequence: number; scope: Scope; name: string; engineType: string; doc: T }[] {
    const rows = this.db
      .prepare(
        `SELECT created_seq AS sequence, account, region, name, engine_type AS engineType, doc FROM domains
         WHERE created_seq > ?
           AND (json_extract(doc, '$.options.AccessPolicies') <> ''
             OR json_array_length(doc, '$.change.modifyingProperties') > 0
             OR doc LIKE '%:key/alias/%')
         ORDER BY created_seq LIMIT ?`,
      )
      .all(afterSequence, limit) as {
      sequence: number;
      account: string;
      region: string;
      name: string;
      engineType: string;
      doc: string;
    }[];
    return rows.map((row) => ({
      sequence: row.sequence,
      scope: { account: row.account, region: row.region },
      name: row.name,
      engineType: row.engineType,
      doc: JSON.parse(row.doc) as T,
    }));
  }
}

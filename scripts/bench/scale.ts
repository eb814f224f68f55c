import type http from 'node:http';
import { Store } from '../../store/store';
import type { ServerProcess } from './processes';
import type { Credentials, SignedRequest } from './signing';
import { send, signRequest } from './signing';
import { millisecondsSince, percentile, sortedCopy } from './stats';

interface DomainRow {
  account: string;
  region: string;
  name: string;
  engine_type: string;
  doc: string;
}

interface TagRow {
  key: string;
  value: string;
}

export interface DomainTemplate {
  row: DomainRow;
  arn: string;
  tags: TagRow[];
}

/** Reads the one domain a server created in a state file, to clone it. */
export function readTemplate(statePath: string, name: string): DomainTemplate {
  const store = Store.open(statePath);
  try {
    const row = store.db
      .prepare('SELECT account, region, name, engine_type, doc FROM domains WHERE name = ?')
      .get(name) as DomainRow | undefined;
    if (!row) throw new Error(`the template domain ${name} is not in ${statePath}`);
    const arn = `arn:aws:es:${row.region}:${row.account}:domain/${name}`;
    const tags = store.db
      .prepare('SELECT key, value FROM tags WHERE arn = ? ORDER BY position')
      .all(arn) as TagRow[];
    return { row, arn, tags };
  } finally {
    store.close();
  }
}

export function scaleDomainName(index: number): string {
  return `bench-s${String(index).padStart(5, '0')}`;
}

/**
 * How a scale store is filled. AWS allows 100 domains per account and Region (and so does the emulator): a
 * store the API can fill with 10,000 domains holds them in many accounts (or Regions), and the most one
 * ListDomainNames can answer is 100 names. `callerDomains` sit in the caller's account and Region; the rest
 * in other accounts of the same Region, 100 each. One layout puts all 10,000 in the caller's Region, past the
 * quota (written around it), to show what a list of 10,000 names costs.
 */
export interface StoreLayout {
  key: 'small' | 'large' | 'overQuota';
  /** Domains in the store. */
  total: number;
  /** Of those, in the caller's account and Region: what ListDomainNames lists. */
  callerDomains: number;
}

export const storeLayouts: readonly StoreLayout[] = [
  { key: 'small', total: 10, callerDomains: 10 },
  { key: 'large', total: 10_000, callerDomains: 100 },
  { key: 'overQuota', total: 10_000, callerDomains: 10_000 },
];

const domainsPerOtherAccount = 100;

/** Twelve-digit ids of the other accounts, none equal to the caller's. */
function otherAccountId(index: number, callerAccount: string): string {
  const id = String(200_000_000_000 + index);
  return id === callerAccount ? String(300_000_000_000 + index) : id;
}

/**
 * A fresh state file laid out as `layout` says, each domain a copy of the template under its own name (every
 * occurrence of the template's name in its document replaced), with the template's tags, inserted with the
 * store API in one transaction. Accounts take turns, so that the caller's domains are spread through the
 * store's creation order rather than first or last.
 */
export function writeStateWithDomains(
  statePath: string,
  template: DomainTemplate,
  layout: StoreLayout,
): void {
  const store = Store.open(statePath);
  try {
    const region = template.row.region;
    const counts = new Map<string, number>([[template.row.account, layout.callerDomains]]);
    const others = layout.total - layout.callerDomains;
    for (let account = 0; account * domainsPerOtherAccount < others; account++) {
      counts.set(
        otherAccountId(account, template.row.account),
        Math.min(domainsPerOtherAccount, others - account * domainsPerOtherAccount),
      );
    }
    const pattern = new RegExp(template.row.name.replace(/[-]/g, '\\-'), 'g');
    const mostInOneAccount = Math.max(...counts.values());
    store.transaction(() => {
      for (let index = 0; index < mostInOneAccount; index++) {
        for (const [account, count] of counts) {
          if (index >= count) continue;
          const name = scaleDomainName(index);
          const doc = JSON.parse(template.row.doc.replace(pattern, name)) as unknown;
          store.domains.insert({ account, region }, name, template.row.engine_type, doc);
          store.tags.put(
            `arn:aws:es:${region}:${account}:domain/${name}`,
            template.tags.map((tag) => ({ Key: tag.key, Value: tag.value })),
          );
        }
      }
    });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    store.close();
  }
}

export interface ReadLatencies {
  listMs: number;
  describeFiveMs: number;
  listedNames: number;
}

export interface SignedReads {
  list: SignedRequest;
  describeFive: SignedRequest;
}

export async function signReads(
  server: ServerProcess,
  credentials: Credentials,
  region: string,
  /** The domains in the caller's account and Region: the five described are spread over them. */
  domainCount: number,
): Promise<SignedReads> {
  const spread = [
    0,
    Math.floor(domainCount / 4),
    Math.floor(domainCount / 2),
    Math.floor((3 * domainCount) / 4),
    domainCount - 1,
  ];
  return {
    list: await signRequest(server.endpoint, credentials, region, {
      method: 'GET',
      path: '/2015-01-01/domain',
    }),
    describeFive: await signRequest(server.endpoint, credentials, region, {
      method: 'POST',
      path: '/2015-01-01/es/domain-info',
      body: JSON.stringify({ DomainNames: spread.map(scaleDomainName) }),
    }),
  };
}

/** The median latency of `count` sequential ListDomainNames and DescribeElasticsearchDomains (5 names). */
export async function measureReads(
  server: ServerProcess,
  reads: SignedReads,
  count: number,
  agent: http.Agent,
): Promise<ReadLatencies> {
  const time = async (request: SignedRequest) => {
    const latencies: number[] = [];
    let lastBody = '';
    for (let i = 0; i < count; i++) {
      const start = process.hrtime.bigint();
      const response = await send(server.endpoint, request, agent);
      latencies.push(millisecondsSince(start));
      if (response.status !== 200)
        throw new Error(`${request.path} answered ${response.status}: ${response.body}`);
      lastBody = response.body;
    }
    return { median: percentile(sortedCopy(latencies), 50), lastBody };
  };
  const list = await time(reads.list);
  const describe = await time(reads.describeFive);
  const listed = (JSON.parse(list.lastBody) as { DomainNames?: unknown[] }).DomainNames?.length ?? 0;
  const described =
    (JSON.parse(describe.lastBody) as { DomainStatusList?: unknown[] }).DomainStatusList?.length ?? 0;
  if (described !== 5) throw new Error(`DescribeElasticsearchDomains answered ${described} domains, not 5`);
  return { listMs: list.median, describeFiveMs: describe.median, listedNames: listed };
}

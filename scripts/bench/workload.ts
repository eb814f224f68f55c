import http from 'node:http';
import {
  AddTagsCommand,
  CreateElasticsearchDomainCommand,
  DeleteElasticsearchDomainCommand,
  DescribeElasticsearchDomainCommand,
  ElasticsearchServiceClient,
  ListDomainNamesCommand,
} from '@aws-sdk/client-elasticsearch-service';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Credentials } from './signing';
import { millisecondsSince, percentile, sortedCopy } from './stats';

export const workloadDomainCount = 200;
/**
 * AWS allows 100 domains per account and region (and so does the emulator): the 200 domains live in two
 * regions, domain i in workloadRegions[i % 2], and the list is read in each.
 */
export const workloadRegions = ['us-east-1', 'us-west-2'] as const;
/** Per domain: create, describe, tag, delete; and one ListDomainNames per region. */
export const workloadRequestCount = workloadDomainCount * 4 + workloadRegions.length;

export interface WorkloadClients {
  /** One JS v3 client per region of workloadRegions. */
  clients: ElasticsearchServiceClient[];
  destroy(): void;
}

/** JS v3 clients sharing one keep-alive agent, with enough sockets for the highest concurrency. */
export function workloadClients(endpoint: string, credentials: Credentials): WorkloadClients {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const clients = workloadRegions.map(
    (region) =>
      new ElasticsearchServiceClient({
        endpoint,
        region,
        credentials,
        maxAttempts: 1,
        requestHandler: new NodeHttpHandler({ httpAgent: agent }),
      }),
  );
  return {
    clients,
    destroy() {
      for (const client of clients) client.destroy();
      agent.destroy();
    },
  };
}

export interface WorkloadRun {
  requests: number;
  elapsedMs: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Requests whose answer was an error (should be none). */
  failures: number;
  firstFailure?: string;
}

/**
 * 200 domains created (with a `team` tag), each described and tagged, the list read once, all deleted,
 * with `concurrency` callers in parallel. Every call is timed from the SDK's send to its answer.
 */
export async function runWorkload(
  clients: readonly ElasticsearchServiceClient[],
  concurrency: number,
  namePrefix: string,
): Promise<WorkloadRun> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  const timed = async (call: () => Promise<unknown>) => {
    const start = process.hrtime.bigint();
    try {
      await call();
    } catch (error) {
      failures++;
      firstFailure ??= `${(error as Error).name}: ${(error as Error).message}`;
    }
    latencies.push(millisecondsSince(start));
  };
  const domains = Array.from({ length: workloadDomainCount }, (_, i) => ({
    name: `${namePrefix}-${i}`,
    client: clients[i % clients.length]!,
    region: workloadRegions[i % clients.length]!,
  }));
  const arnOf = new Map<string, string>();

  const start = process.hrtime.bigint();
  await inParallel(domains, concurrency, async ({ name, client, region }) => {
    await timed(async () => {
      const created = await client.send(
        new CreateElasticsearchDomainCommand({
          DomainName: name,
          ElasticsearchVersion: '7.10',
          EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
          TagList: [{ Key: 'team', Value: 'bench' }],
        }),
      );
      if (created.DomainStatus?.ARN) arnOf.set(name, created.DomainStatus.ARN);
    });
    await timed(() => client.send(new DescribeElasticsearchDomainCommand({ DomainName: name })));
    await timed(() =>
      client.send(
        new AddTagsCommand({
          ARN: arnOf.get(name) ?? `arn:aws:es:${region}:000000000000:domain/${name}`,
          TagList: [{ Key: 'stage', Value: 'test' }],
        }),
      ),
    );
  });
  for (const client of clients) await timed(() => client.send(new ListDomainNamesCommand({})));
  await inParallel(domains, concurrency, ({ name, client }) =>
    timed(() => client.send(new DeleteElasticsearchDomainCommand({ DomainName: name }))),
  );
  const elapsedMs = millisecondsSince(start);
  const sorted = sortedCopy(latencies);
  return {
    requests: latencies.length,
    elapsedMs,
    requestsPerSecond: (latencies.length * 1000) / elapsedMs,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    failures,
    ...(firstFailure === undefined ? {} : { firstFailure }),
  };
}

/** Runs work over items with at most `concurrency` in flight. */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

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
/** Per domain: create, describe, tag, delete; and one ListDomainNames. */
export const workloadRequestCount = workloadDomainCount * 4 + 1;

export interface WorkloadClient {
  client: ElasticsearchServiceClient;
  destroy(): void;
}

/** A JS v3 client with keep-alive connections, enough sockets for the highest concurrency. */
export function workloadClient(endpoint: string, credentials: Credentials, region: string): WorkloadClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const client = new ElasticsearchServiceClient({
    endpoint,
    region,
    credentials,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: agent }),
  });
  return {
    client,
    destroy() {
      client.destroy();
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
  client: ElasticsearchServiceClient,
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
  const names = Array.from({ length: workloadDomainCount }, (_, i) => `${namePrefix}-${i}`);
  const arnOf = new Map<string, string>();

  const start = process.hrtime.bigint();
  await inParallel(names, concurrency, async (name) => {
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
          ARN: arnOf.get(name) ?? `arn:aws:es:us-east-1:000000000000:domain/${name}`,
          TagList: [{ Key: 'stage', Value: 'test' }],
        }),
      ),
    );
  });
  await timed(() => client.send(new ListDomainNamesCommand({})));
  await inParallel(names, concurrency, (name) =>
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

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ElasticsearchServiceClient } from '@aws-sdk/client-elasticsearch-service';
import type { EmulatorOptions, RunningEmulator } from '../../server/index';
import { startEmulator } from '../../server/index';
import type { ManualClock } from '../../server/runtime';
import { sequentialIds } from '../../server/runtime';
import { checkAnswersAgainstModel } from './answer-conformance';

export interface TestEmulator extends RunningEmulator {
  /** A JS v3 client for the default caller, or for the given credentials and region. */
  client(options?: {
    credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
    region?: string;
  }): ElasticsearchServiceClient;
}

/** Starts an emulator on 127.0.0.1, port 0, in memory, for one suite. Stop it in `after`. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ host: '127.0.0.1', port: 0, statePath: ':memory:', ...options });
  const clients: ElasticsearchServiceClient[] = [];
  return {
    ...emulator,
    client(clientOptions = {}) {
      const client = new ElasticsearchServiceClient({
        endpoint: emulator.endpoint,
        region: clientOptions.region ?? emulator.region,
        credentials: clientOptions.credentials ?? emulator.credentials,
        // A 500 would be retried; the tests want to see each answer once.
        maxAttempts: 1,
      });
      checkAnswersAgainstModel(client);
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) client.destroy();
      await emulator.stop();
    },
  };
}

/** An access key of a seed, its secret derived from its id (`AKIA…-secret`). */
export const seedKey = (accessKeyId: string) => ({ accessKeyId, secretAccessKey: `${accessKeyId}-secret` });

/** An IAM policy document of the given statements, with policy variables (Version 2012-10-17). */
export const policyDocument = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });

/**
 * An emulator whose IAM seed is the given object, written to a file of its own (the setting takes a path);
 * `stop` removes the file as well.
 */
export async function startSeededEmulator(
  seed: object,
  options: EmulatorOptions = {},
): Promise<TestEmulator> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'es-local-seed-'));
  const iamSeed = path.join(directory, 'seed.json');
  fs.writeFileSync(iamSeed, JSON.stringify(seed));
  try {
    const emulator = await startTestEmulator({ iamSeed, ...options });
    return {
      ...emulator,
      async stop() {
        await emulator.stop();
        fs.rmSync(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}

/**
 * An emulator on the test's time: IAM off, the given manual clock, sequential ids, and a domain processing
 * time (what lasts until a change, an endpoint or a package settles); other settings in `options`.
 */
export function startClockedEmulator(
  clock: ManualClock,
  domainProcessingMs: number,
  options: EmulatorOptions = {},
): Promise<TestEmulator> {
  return startTestEmulator({ iamMode: 'off', clock, ids: sequentialIds(), domainProcessingMs, ...options });
}

/** Runs fn and returns the error it throws, failing when it does not throw. */
export async function errorOf(fn: () => Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await fn();
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, and it succeeded');
}

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import {
  CreateElasticsearchDomainCommand,
  DescribeElasticsearchDomainCommand,
  DescribeElasticsearchDomainConfigCommand,
  ElasticsearchServiceClient,
  ListTagsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-elasticsearch-service';
import Database from 'better-sqlite3';
import { send, signRequest } from '../scripts/bench/signing';

const cli = path.resolve(__dirname, '..', 'server', 'cli.js');
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
/** AWS allows 100 domains per account and region: the 500 creates are spread over five regions. */
const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const regionOf = (i: number) => regions[i % regions.length]!;
const total = 500;
/** The server is killed once this many creates have been answered, with others still in flight. */
const killAfter = 150;
const concurrency = 8;

function startServer(
  statePath: string,
): Promise<{ child: ChildProcessWithoutNullStreams; endpoint: string }> {
  const child = spawn(process.execPath, [cli, '--host', '127.0.0.1', '--port', '0', '--state', statePath], {
    env: { ...process.env, LOG_LEVEL: 'silent', IAM_SEED: '', IAM_MODE: 'enforce' },
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, endpoint: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${output}`)));
  });
}

/** A state directory of its own for each suite, and the servers it started killed once it is done. */
function crashSuiteState(prefix: string): {
  directory: () => string;
  children: ChildProcessWithoutNullStreams[];
} {
  let directory = '';
  const children: ChildProcessWithoutNullStreams[] = [];
  before(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  after(() => {
    for (const child of children) child.kill('SIGKILL');
    fs.rmSync(directory, { recursive: true, force: true });
  });
  return { directory: () => directory, children };
}

/** The state file a killed server left: SQLite finds it intact, and no tag outlives or precedes its domain. */
function assertStateFileIntact(statePath: string): void {
  const db = new Database(statePath);
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    // A create writes its domain and tags in one transaction, and a delete removes both in one.
    const orphanTags = db
      .prepare(
        `SELECT arn FROM tags EXCEPT
         SELECT 'arn:aws:es:' || region || ':' || account || ':domain/' || name FROM domains`,
      )
      .all();
    assert.deepEqual(orphanTags, [], 'no tag without its domain');
  } finally {
    db.close();
  }
}

const nameOf = (i: number) => `crash-${String(i).padStart(3, '0')}`;
const volumeOf = (i: number) => 10 + (i % 50);

describe('reliability: a server killed with SIGKILL in the middle of 500 creates', () => {
  const { directory, children } = crashSuiteState('es-local-crash-');

  it('keeps every answered create, nothing half-made, and an intact file', async () => {
    const statePath = path.join(directory(), 'state.sqlite');
    const first = await startServer(statePath);
    children.push(first.child);
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    const answered = new Set<string>();
    let killed = false;
    let next = 0;
    const worker = async () => {
      while (next < total && !killed) {
        const i = next++;
        const request = await signRequest(first.endpoint, credentials, regionOf(i), {
          method: 'POST',
          path: '/2015-01-01/es/domain',
          body: JSON.stringify({
            DomainName: nameOf(i),
            ElasticsearchVersion: '7.10',
            EBSOptions: { EBSEnabled: true, VolumeSize: volumeOf(i) },
            TagList: [
              { Key: 'index', Value: String(i) },
              { Key: 'batch', Value: 'crash' },
            ],
          }),
        });
        try {
          const response = await send(first.endpoint, request, agent);
          if (response.status === 200) answered.add(nameOf(i));
          else assert.fail(`create ${i} answered ${response.status}: ${response.body}`);
        } catch (error) {
          if (!killed) throw error;
        }
        if (answered.size >= killAfter && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    await exited;
    agent.destroy();
    assert.ok(answered.size >= killAfter && answered.size < total, `${answered.size} creates were answered`);

    assertStateFileIntact(statePath);

    const second = await startServer(statePath);
    children.push(second.child);
    try {
      const names: string[] = [];
      for (const region of regions) {
        const listed = await send(
          second.endpoint,
          await signRequest(second.endpoint, credentials, region, {
            method: 'GET',
            path: '/2015-01-01/domain',
          }),
        );
        assert.equal(listed.status, 200);
        for (const domain of (JSON.parse(listed.body) as { DomainNames: { DomainName: string }[] })
          .DomainNames) {
          names.push(domain.DomainName);
        }
      }
      for (const name of answered) assert.ok(names.includes(name), `${name} was answered 200 and is gone`);
      for (const name of names) {
        const i = Number(name.slice('crash-'.length));
        assert.equal(name, nameOf(i), `${name} was never asked for`);
        const described = await send(
          second.endpoint,
          await signRequest(second.endpoint, credentials, regionOf(i), {
            method: 'GET',
            path: `/2015-01-01/es/domain/${name}`,
          }),
        );
        assert.equal(described.status, 200, described.body);
        const status = (
          JSON.parse(described.body) as {
            DomainStatus: { DomainName: string; ARN: string; EBSOptions: { VolumeSize: number } };
          }
        ).DomainStatus;
        assert.equal(status.DomainName, name);
        assert.equal(status.EBSOptions.VolumeSize, volumeOf(i));
        const tags = await send(
          second.endpoint,
          await signRequest(second.endpoint, credentials, regionOf(i), {
            method: 'GET',
            path: '/2015-01-01/tags/',
            query: { arn: status.ARN },
          }),
        );
        assert.equal(tags.status, 200, tags.body);
        const tagList = (JSON.parse(tags.body) as { TagList: { Key: string; Value: string }[] }).TagList;
        assert.deepEqual(
          tagList.map((tag) => `${tag.Key}=${tag.Value}`).sort(),
          ['batch=crash', `index=${i}`],
          `${name} has all of its tags`,
        );
      }
    } finally {
      second.child.kill('SIGKILL');
    }
  });
});

/**
 * The writes of the mixed run. Updates change the volume (the document, its ModifyingProperties and change
 * progress), AddTags and RemoveTags the tags, and a delete removes the domain with its tags.
 */
type MixedStep =
  | { kind: 'update'; volumeSize: number }
  | { kind: 'addTags'; tags: Record<string, string> }
  | { kind: 'removeTags'; keys: string[] }
  | { kind: 'delete' };

const mixedDomains = 48;
const mixedRegions = ['us-east-1', 'us-west-2'];
const mixedNameOf = (i: number) => `mixed-${String(i).padStart(2, '0')}`;
const mixedRegionOf = (i: number) => mixedRegions[i % mixedRegions.length]!;
/** The round of writes during which the server is killed: the rounds before it are all answered. */
const killRound = 4;

/**
 * Domain i's writes, one per round. Each domain starts its cycle of update, AddTags and RemoveTags at another
 * place, so every round holds writes of each kind; a quarter of the domains is deleted in round 2, before the
 * kill, and another quarter in the round of the kill.
 */
function mixedSteps(i: number): MixedStep[] {
  const cycle = (round: number): MixedStep => {
    switch ((round + i) % 3) {
      case 0:
        return { kind: 'update', volumeSize: 10 + round * 10 + (i % 7) };
      case 1:
        return { kind: 'addTags', tags: { round: String(round), [`added-${round}`]: String(i) } };
      default:
        return { kind: 'removeTags', keys: [round < 2 ? 'created' : `added-${round - 2}`] };
    }
  };
  const deletedInRound = i % 4 === 2 ? 2 : i % 4 === 0 ? killRound : undefined;
  const steps: MixedStep[] = [];
  for (let round = 0; round <= killRound; round++) {
    if (round === deletedInRound) return [...steps, { kind: 'delete' }];
    steps.push(cycle(round));
  }
  return steps;
}

/** A domain as the mixed run reads it back: gone, or its volume and tags. */
type MixedState = { exists: false } | { exists: true; volumeSize: number; tags: Record<string, string> };

/** Domain i once its first `done` writes have been applied. */
function mixedStateAfter(i: number, done: number): MixedState {
  let volumeSize = 10;
  const tags: Record<string, string> = { created: String(i) };
  for (const step of mixedSteps(i).slice(0, done)) {
    if (step.kind === 'delete') return { exists: false };
    if (step.kind === 'update') volumeSize = step.volumeSize;
    else if (step.kind === 'addTags') Object.assign(tags, step.tags);
    else for (const key of step.keys) delete tags[key];
  }
  return { exists: true, volumeSize, tags };
}

/** The request of one mixed write, as the SDKs send it (operations.md). */
function mixedRequest(i: number, arn: string, step: MixedStep) {
  switch (step.kind) {
    case 'update':
      return {
        method: 'POST',
        path: `/2015-01-01/es/domain/${mixedNameOf(i)}/config`,
        body: JSON.stringify({ EBSOptions: { EBSEnabled: true, VolumeSize: step.volumeSize } }),
      };
    case 'addTags':
      return {
        method: 'POST',
        path: '/2015-01-01/tags',
        body: JSON.stringify({
          ARN: arn,
          TagList: Object.entries(step.tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      };
    case 'removeTags':
      return {
        method: 'POST',
        path: '/2015-01-01/tags-removal',
        body: JSON.stringify({ ARN: arn, TagKeys: step.keys }),
      };
    case 'delete':
      return { method: 'DELETE', path: `/2015-01-01/es/domain/${mixedNameOf(i)}` };
  }
}

describe('reliability: a server killed with SIGKILL in the middle of updates, tag changes and deletes', () => {
  const { directory, children } = crashSuiteState('es-local-crash-mixed-');

  const clientsFor = (endpoint: string) =>
    mixedRegions.map(
      (region) => new ElasticsearchServiceClient({ endpoint, region, credentials, maxAttempts: 1 }),
    );

  /** Reads domain i back through the SDK, holding its status and its configuration to the same volume. */
  async function observe(client: ElasticsearchServiceClient, i: number): Promise<MixedState> {
    let described;
    try {
      described = await client.send(new DescribeElasticsearchDomainCommand({ DomainName: mixedNameOf(i) }));
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return { exists: false };
      throw error;
    }
    const status = described.DomainStatus!;
    const config = await client.send(
      new DescribeElasticsearchDomainConfigCommand({ DomainName: mixedNameOf(i) }),
    );
    assert.equal(
      config.DomainConfig?.EBSOptions?.Options?.VolumeSize,
      status.EBSOptions?.VolumeSize,
      `${mixedNameOf(i)}: its configuration and its status hold the same volume`,
    );
    const listed = await client.send(new ListTagsCommand({ ARN: status.ARN }));
    const tags = Object.fromEntries((listed.TagList ?? []).map((tag) => [tag.Key!, tag.Value!]));
    return { exists: true, volumeSize: status.EBSOptions!.VolumeSize!, tags };
  }

  it('keeps every answered write, finds an unanswered one whole or not at all, and leaves an intact file', async () => {
    const statePath = path.join(directory(), 'state.sqlite');
    const first = await startServer(statePath);
    children.push(first.child);
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    const creators = clientsFor(first.endpoint);
    const arnOf: string[] = [];
    for (let i = 0; i < mixedDomains; i++) {
      const created = await creators[i % mixedRegions.length]!.send(
        new CreateElasticsearchDomainCommand({
          DomainName: mixedNameOf(i),
          ElasticsearchVersion: '7.10',
          EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
          TagList: [{ Key: 'created', Value: String(i) }],
        }),
      );
      arnOf.push(created.DomainStatus!.ARN!);
    }
    for (const client of creators) client.destroy();

    const agent = new http.Agent({ keepAlive: true, maxSockets: mixedDomains });
    /** Per domain, how many of its writes were answered 200, and whether one more was sent and never answered. */
    const answeredSteps = new Array<number>(mixedDomains).fill(0);
    const unanswered = new Set<number>();
    for (let round = 0; round <= killRound; round++) {
      const due = Array.from({ length: mixedDomains }, (_, i) => i).filter(
        (i) => round < mixedSteps(i).length,
      );
      // Signed before any is sent, so that the round's writes reach the server together and keep it busy:
      // killed a quarter of the way through its answers, it is still working through the rest.
      const requests = await Promise.all(
        due.map((i) =>
          signRequest(
            first.endpoint,
            credentials,
            mixedRegionOf(i),
            mixedRequest(i, arnOf[i]!, mixedSteps(i)[round]!),
          ),
        ),
      );
      let answeredInRound = 0;
      await Promise.all(
        due.map(async (i, index) => {
          let response;
          try {
            response = await send(first.endpoint, requests[index]!, agent);
          } catch (error) {
            if (round !== killRound) throw error;
            unanswered.add(i);
            return;
          }
          assert.equal(response.status, 200, `${mixedNameOf(i)}, round ${round}: ${response.body}`);
          answeredSteps[i] = round + 1;
          if (round === killRound && ++answeredInRound === Math.floor(due.length / 4))
            first.child.kill('SIGKILL');
        }),
      );
    }
    await exited;
    agent.destroy();
    assert.ok(unanswered.size > 0, 'writes were still unanswered when the server was killed');
    const kindsUnanswered = new Set([...unanswered].map((i) => mixedSteps(i)[killRound]!.kind));
    assert.deepEqual([...kindsUnanswered].sort(), ['addTags', 'delete', 'removeTags', 'update']);

    assertStateFileIntact(statePath);

    const second = await startServer(statePath);
    children.push(second.child);
    const readers = clientsFor(second.endpoint);
    try {
      for (let i = 0; i < mixedDomains; i++) {
        const observed = await observe(readers[i % mixedRegions.length]!, i);
        const answered = mixedStateAfter(i, answeredSteps[i]!);
        // Whether an unanswered write committed depends on when the signal landed: either way, it is whole.
        if (unanswered.has(i) && util.isDeepStrictEqual(observed, mixedStateAfter(i, answeredSteps[i]! + 1)))
          continue;
        assert.deepEqual(
          observed,
          answered,
          `${mixedNameOf(i)} after ${answeredSteps[i]} answered writes (one more unanswered: ${unanswered.has(i)})`,
        );
      }
    } finally {
      for (const reader of readers) reader.destroy();
      second.child.kill('SIGKILL');
    }
  });
});

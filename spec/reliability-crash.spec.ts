import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
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

const nameOf = (i: number) => `crash-${String(i).padStart(3, '0')}`;
const volumeOf = (i: number) => 10 + (i % 50);

describe('reliability: a server killed with SIGKILL in the middle of 500 creates', () => {
  let directory: string;
  const children: ChildProcessWithoutNullStreams[] = [];
  before(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'es-local-crash-'));
  });
  after(() => {
    for (const child of children) child.kill('SIGKILL');
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('keeps every answered create, nothing half-made, and an intact file', async () => {
    const statePath = path.join(directory, 'state.sqlite');
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

    const db = new Database(statePath);
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      // No tag outlives or precedes its domain: a create writes both in one transaction.
      const orphanTags = db
        .prepare(
          `SELECT arn FROM tags EXCEPT
           SELECT 'arn:aws:es:' || region || ':' || account || ':domain/' || name FROM domains`,
        )
        .all();
      assert.deepEqual(orphanTags, []);
    } finally {
      db.close();
    }

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

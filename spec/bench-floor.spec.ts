import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ElasticsearchServiceClient, ListDomainNamesCommand } from '@aws-sdk/client-elasticsearch-service';
import Database from 'better-sqlite3';
import type { ServerProcess } from '../scripts/bench/processes';
import { floorServer, spawnServer } from '../scripts/bench/processes';
import { benchDomainCreate, send, signRequest } from '../scripts/bench/signing';

/**
 * The bench sets the emulator beside a floor that checks every signature and commits every write. A floor
 * that skipped either would make the emulator's own work look larger than it is: it must refuse a wrong
 * signature and leave its rows in the state file.
 */
describe("the bench's signed durable floor", () => {
  const user = { accessKeyId: 'AKIABENCHUSER0000001', secretAccessKey: 'bench-user-secret-Hk27' };
  let directory: string;
  let statePath: string;
  let server: ServerProcess | undefined;

  before(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-floor-'));
    statePath = path.join(directory, 'floor.sqlite');
    server = await spawnServer(floorServer, {
      args: ['--state', statePath],
      env: { FLOOR_ACCESS_KEY_ID: user.accessKeyId, FLOOR_SECRET_ACCESS_KEY: user.secretAccessKey },
    });
  });
  after(async () => {
    await server?.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('answers the SDK, refuses a wrong secret or another key, and commits a row per write', async () => {
    const endpoint = server!.endpoint;
    const client = new ElasticsearchServiceClient({ endpoint, region: 'us-east-1', credentials: user });
    try {
      const listed = await client.send(new ListDomainNamesCommand({}));
      assert.equal(listed.$metadata.httpStatusCode, 200);
    } finally {
      client.destroy();
    }
    const create = benchDomainCreate('bench-floor');
    for (const credentials of [
      { ...user, secretAccessKey: 'wrong' },
      { accessKeyId: 'AKIAOTHERUSER0000001', secretAccessKey: user.secretAccessKey },
    ]) {
      const refused = await send(endpoint, await signRequest(endpoint, credentials, 'us-east-1', create));
      assert.equal(refused.status, 403);
    }
    for (let write = 0; write < 3; write++) {
      const created = await send(endpoint, await signRequest(endpoint, user, 'us-east-1', create));
      assert.equal(created.status, 200);
    }
    await server!.stop();
    server = undefined;

    const db = new Database(statePath, { readonly: true });
    try {
      const { rows } = db.prepare('SELECT COUNT(*) AS rows FROM floor_rows').get() as { rows: number };
      assert.equal(rows, 3);
    } finally {
      db.close();
    }
  });
});

import assert from 'node:assert/strict';
import path from 'node:path';
import { isPartTimes } from '../scripts/bench/part-times';
import type { ServerProcess } from '../scripts/bench/processes';
import { distRoot, emulatorCli, spawnServer } from '../scripts/bench/processes';
import { benchDomainCreate, send, signRequest } from '../scripts/bench/signing';

/**
 * The bench judges policy evaluation by timing the compiled emulator's functions from outside: if one of
 * them is renamed or called another way, the timer must notice, not report zero.
 */
describe("the bench's timer of the emulator's parts", () => {
  const seed = path.resolve(distRoot, '..', 'spec', 'fixtures', 'bench-iam-seed.json');
  const user = { accessKeyId: 'AKIABENCHUSER0000001', secretAccessKey: 'bench-user-secret-Hk27' };
  let server: ServerProcess;

  before(async () => {
    server = await spawnServer(emulatorCli, {
      args: ['--host', '127.0.0.1', '--port', '0', '--state', ':memory:', '--iam-seed', seed],
      nodeFlags: ['--require', path.join(distRoot, 'scripts', 'bench', 'part-timer.js')],
    });
  });
  after(() => server.stop());

  const partTimes = async () => (await server.ask('parts', isPartTimes)).parts;

  it('times each part of a call the user makes', async () => {
    const create = await signRequest(server.endpoint, user, 'us-east-1', benchDomainCreate('bench-timed'));
    assert.equal((await send(server.endpoint, create)).status, 200);
    const describe = await signRequest(server.endpoint, user, 'us-east-1', {
      method: 'GET',
      path: '/2015-01-01/es/domain/bench-timed',
    });
    assert.equal((await send(server.endpoint, describe)).status, 200);

    const times = await partTimes();
    for (const part of ['evaluate', 'requestContext', 'decisionLine', 'sigv4', 'authorize'] as const) {
      assert.equal(times[part].calls, 2, part);
      assert.ok(times[part].micros > 0, part);
    }
    // The create reads the tags of a domain not there yet, the describe those of the domain.
    assert.equal(times.tagRead.calls, 2);
  });
});

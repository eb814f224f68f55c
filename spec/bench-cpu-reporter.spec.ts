import assert from 'node:assert/strict';
import type { ServerProcess } from '../scripts/bench/processes';
import { bareHttpServer, spawnServer } from '../scripts/bench/processes';

/**
 * The bench reads every server's CPU time from inside it, and shows the kernel's part of it beside the whole: a
 * reading that mixed the two up, or that the server's work did not move, would misplace the emulator's cost.
 */
describe("the bench's CPU reporter", () => {
  let server: ServerProcess | undefined;

  before(async () => {
    server = await spawnServer(bareHttpServer);
  });
  after(async () => {
    await server?.stop();
  });

  it('reports CPU time that grows with requests answered, of which the system time is a part', async () => {
    const before = await server!.cpuTimes();
    assert.ok(before.systemMicros >= 0 && before.systemMicros <= before.cpuMicros, JSON.stringify(before));
    // Each answer is a read and a write on a socket: system calls, so both readings move. Linux may account the
    // split between user and system time by ticks, so the requests go on, in rounds, until the system time moves.
    let after = before;
    for (let round = 0; round < 20 && after.systemMicros === before.systemMicros; round++) {
      for (let request = 0; request < 200; request++) {
        const answer = await fetch(`${server!.endpoint}/2015-01-01/domain`);
        assert.equal(answer.status, 200);
        await answer.text();
      }
      after = await server!.cpuTimes();
    }
    assert.ok(after.cpuMicros > before.cpuMicros, JSON.stringify({ before, after }));
    assert.ok(after.systemMicros > before.systemMicros, JSON.stringify({ before, after }));
    assert.ok(after.systemMicros <= after.cpuMicros, JSON.stringify(after));
  });
});

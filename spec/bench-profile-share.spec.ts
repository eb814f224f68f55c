import assert from 'node:assert/strict';
import type { CpuProfile } from '../scripts/bench/profile-share';
import { profileShares } from '../scripts/bench/profile-share';

describe("the bench's shares of a CPU profile", () => {
  // (root) → handle (app.js) → evaluate (evaluator/index.js) → globMatches (wildcard.js)
  //        → (idle)
  //        → evaluate (another module: not the evaluator)
  const frame = (functionName: string, url = '') => ({ functionName, url });
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 5, 6] },
      { id: 2, callFrame: frame('handle', 'file:///x/dist/server/app.js'), children: [3] },
      { id: 3, callFrame: frame('evaluate', 'file:///x/dist/server/iam/evaluator/index.js'), children: [4] },
      { id: 4, callFrame: frame('globMatches', 'file:///x/dist/server/iam/evaluator/wildcard.js') },
      { id: 5, callFrame: frame('(idle)') },
      { id: 6, callFrame: frame('evaluate', 'file:///x/dist/server/auth/security.js') },
    ],
    startTime: 1000,
    endTime: 2000,
    // Samples at 1100, 1200, ... 1800.
    samples: [2, 3, 4, 5, 6, 2, 4, 5],
    timeDeltas: [100, 100, 100, 100, 100, 100, 100, 100],
  };
  const parts = [
    { label: 'evaluation', functions: [{ name: 'evaluate', module: 'server/iam/evaluator/index.js' }] },
    { label: 'handler', functions: [{ name: 'handle', module: 'server/app.js' }] },
  ];

  it('counts a sample for each part on its stack, against the samples of the window that are not idle', () => {
    const { samples, shares } = profileShares(profile, { fromMicros: 0, toMicros: 5000 }, parts);
    // Not idle: 2, 3, 4, 6, 2, 4. The evaluator: 3, 4, 4. The handler: all but 6.
    assert.equal(samples, 6);
    assert.equal(shares.evaluation, 3 / 6);
    assert.equal(shares.handler, 5 / 6);
  });

  it('takes only the samples inside the window', () => {
    const { samples, shares } = profileShares(profile, { fromMicros: 1250, toMicros: 1650 }, parts);
    // 1300: 4, 1400: idle, 1500: 6, 1600: 2.
    assert.equal(samples, 3);
    assert.equal(shares.evaluation, 1 / 3);
    assert.equal(shares.handler, 2 / 3);
  });

  it('gives no share for a window without samples', () => {
    const { samples, shares } = profileShares(profile, { fromMicros: 3000, toMicros: 4000 }, parts);
    assert.equal(samples, 0);
    assert.ok(Number.isNaN(shares.evaluation));
  });
});

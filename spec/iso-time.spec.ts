import assert from 'node:assert/strict';
import { ListDomainNamesCommand } from '@aws-sdk/client-elasticsearch-service';
import { isoSeconds, isoTime } from '../server/iso-time';
import { ManualClock } from '../server/runtime';
import { signedRequest } from './fixtures/signed-request';
import type { TestEmulator } from './support/emulator';
import { startTestEmulator } from './support/emulator';

/** The last year toISOString writes with four digits ends here; later and earlier years take `±yyyyyy`. */
const lastFourDigitMs = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

describe('isoTime and isoSeconds: the ISO 8601 texts every request writes, as toISOString writes them', () => {
  const second = Date.UTC(2026, 10, 27, 20, 45, 13);
  const cases: { title: string; times: number[] }[] = [
    {
      title: 'every millisecond of one second, in order',
      times: Array.from({ length: 1000 }, (_, i) => second + i),
    },
    {
      title: 'a second, the next, and back to the first (the held second changes each time)',
      times: [second + 5, second + 1_000, second + 999, second + 1_001, second],
    },
    {
      title: 'the epoch and the milliseconds around it',
      times: [0, 1, 999, 1_000, -1, -999, -1_000, -1_001],
    },
    {
      title: 'fractions of a millisecond, truncated toward zero as a Date does',
      times: [1.9, -0.5, -1.5, second + 0.999],
    },
    {
      title: 'the ends of the four-digit years and the ends of the Date range',
      times: [
        lastFourDigitMs,
        lastFourDigitMs + 1,
        Date.UTC(0, 0, 1),
        Date.UTC(0, 0, 1) - 1,
        8.64e15,
        -8.64e15,
      ],
    },
    { title: 'negative zero', times: [-0] },
  ];
  for (const { title, times } of cases) {
    it(title, () => {
      for (const ms of times) {
        const expected = new Date(ms).toISOString();
        assert.equal(isoTime(ms), expected, `isoTime(${ms})`);
        const expectedSeconds =
          expected.length === 24 ? `${expected.slice(0, 19)}Z` : expected.replace(/\.\d{3}Z$/, 'Z');
        assert.equal(isoSeconds(ms), expectedSeconds, `isoSeconds(${ms})`);
      }
    });
  }

  it('throws RangeError for a time that is not a date, as toISOString does', () => {
    for (const ms of [Number.NaN, Number.POSITIVE_INFINITY, 8.64e15 + 1, -8.64e15 - 1]) {
      assert.throws(() => isoTime(ms), RangeError, `isoTime(${ms})`);
    }
  });
});

describe("a decision's time, through the JS v3 SDK", () => {
  // The SDK signs with the real time, so the emulator's clock stays within the 5 minutes SigV4 allows.
  const clock = new ManualClock(Math.floor(Date.now() / 1000) * 1000 + 7);
  let emulator: TestEmulator;
  before(async () => {
    emulator = await startTestEmulator({ clock });
  });
  after(() => emulator.stop());

  async function lastDecisionTime(): Promise<unknown> {
    const response = await signedRequest({
      endpoint: emulator.endpoint,
      path: '/_local/decisions',
      query: { limit: '1' },
      credentials: emulator.credentials,
    });
    assert.equal(response.status, 200);
    const decisions = response.body.decisions as { action: string; time: string }[];
    assert.equal(decisions[0]?.action, 'es:ListDomainNames');
    return decisions[0]?.time;
  }

  it('is the clock to the millisecond, in the second held and across seconds', async () => {
    const client = emulator.client();
    for (const step of [0, 40, 953, -1_000, 2_000]) {
      clock.advance(step);
      await client.send(new ListDomainNamesCommand({}));
      assert.equal(await lastDecisionTime(), new Date(clock.now()).toISOString(), `at ${clock.now()}`);
    }
  });
});

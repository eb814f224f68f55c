import crypto from 'node:crypto';

/** Time, injected so that tests control it. Milliseconds since the epoch. */
export interface Clock {
  now(): number;
  /**
   * Milliseconds since a fixed point, by a clock that never steps (performance.now()), where the clock has one:
   * what takes time then goes on at its pace when `now` steps (SteadyClock). A ManualClock has none: a test moves
   * its time exactly, backwards too.
   */
  elapsed?(): number;
}

export const systemClock: Clock = { now: () => Date.now(), elapsed: () => performance.now() };

/**
 * A difference between the clock and its never-stepping twin smaller than this is the clock slewing (NTP slews
 * offsets under 128 ms and steps larger ones), not a step.
 */
const smallestStepMs = 100;

/**
 * The time of what takes time (DOMAIN_PROCESSING_MS) and of the dates it stamps: the clock's time, except that a
 * step backwards is not followed. What has finished is worked out again on each read from when it finishes, so a
 * system clock set back (NTP, a VM's clock corrected) would take finished work back to in progress for the length
 * of the step: a created domain back to Creating without its endpoint, an applied change back to pending and then
 * cancellable. AWS's own clock does not step. After a step back, time goes on from where it was, at the pace of
 * the never-stepping clock; a step forwards is followed, once any earlier step back is made up. SigV4 and IAM's
 * time keys keep the clock itself: the signer's clock is the machine's.
 */
export class SteadyClock implements Clock {
  /** How far ahead of the clock this one runs: the steps back not yet made up. */
  private ahead = 0;
  private lastClock = Number.NaN;
  private lastElapsed = Number.NaN;
  private lastNow = Number.NEGATIVE_INFINITY;

  constructor(private readonly clock: Clock & { elapsed(): number }) {}

  now(): number {
    const clockNow = this.clock.now();
    const elapsed = this.clock.elapsed();
    // Where the clock would be now had it not stepped since the last reading (NaN on the first).
    const step = clockNow - (this.lastClock + (elapsed - this.lastElapsed));
    if (step < -smallestStepMs) this.ahead -= step;
    else if (step > smallestStepMs) this.ahead = Math.max(0, this.ahead - step);
    this.lastClock = clockNow;
    this.lastElapsed = elapsed;
    // A step back smaller than a step holds the time still for its length, rather than moving it back.
    this.lastNow = Math.max(Math.round(clockNow + this.ahead), this.lastNow);
    return this.lastNow;
  }
}

/** Identifiers, injected so that tests control them. */
export interface IdGenerator {
  uuid(): string;
  /** `length` characters drawn from `alphabet`. */
  random(alphabet: string, length: number): string;
}

/**
 * Random bytes drawn 4 KB at a time: one crypto.randomBytes call per endpoint id cost a create more than the
 * id's 26 characters are worth (the same pooling crypto.randomUUID does for its own ids).
 */
const randomPool = Buffer.alloc(4096);
let randomPoolOffset = randomPool.length;

function randomByte(): number {
  if (randomPoolOffset === randomPool.length) {
    crypto.randomFillSync(randomPool);
    randomPoolOffset = 0;
  }
  return randomPool[randomPoolOffset++]!;
}

export const randomIds: IdGenerator = {
  uuid: () => crypto.randomUUID(),
  random(alphabet, length) {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[randomByte() % alphabet.length];
    return out;
  },
};

/** Deterministic ids for tests: uuids and random strings from a counter. */
export function sequentialIds(prefix = '00000000'): IdGenerator {
  let counter = 0;
  return {
    uuid() {
      counter++;
      return `${prefix}-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
    },
    random(alphabet, length) {
      counter++;
      let n = counter;
      let out = '';
      for (let i = 0; i < length; i++) {
        out += alphabet[n % alphabet.length];
        n = Math.floor(n / alphabet.length);
      }
      return out;
    },
  };
}

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.current;
  }
  set(ms: number): void {
    this.current = ms;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

import crypto from 'node:crypto';

/** Time, injected so that tests control it. Milliseconds since the epoch. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

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

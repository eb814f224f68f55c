/**
 * Shares of a process's CPU taken from a V8 CPU profile (`node --cpu-prof`): the samples of a time window
 * whose stack holds one of a part's functions, against every sample of the window that is not idle. The
 * profile's clock is the monotonic clock of `process.hrtime`, the same in every process of the machine, so
 * the bench marks the window with its own clock.
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds of the monotonic clock. */
  startTime: number;
  endTime: number;
  samples: number[];
  /** Microseconds from the previous sample (the first: from startTime). */
  timeDeltas: number[];
}

/** A function of the emulator: its name and the end of the path of its compiled module. */
export interface FunctionRef {
  name: string;
  module: string;
}

export interface ProfilePart {
  label: string;
  /** A sample belongs to the part when one of these is on its stack. */
  functions: readonly FunctionRef[];
}

export interface ProfileShares {
  /** Samples in the window that were not idle. */
  samples: number;
  /** Share of those samples per part label, 0..1. */
  shares: Record<string, number>;
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
}

/** The monotonic clock in microseconds, as the profile writes it. */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export function profileShares(
  profile: CpuProfile,
  window: { fromMicros: number; toMicros: number },
  parts: readonly ProfilePart[],
): ProfileShares {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  // Which parts each node's stack belongs to, computed once per node.
  const partsOfNode = new Map<number, Set<string>>();
  const stackParts = (id: number): Set<string> => {
    const known = partsOfNode.get(id);
    if (known) return known;
    const node = nodes.get(id)!;
    const parent = parentOf.get(id);
    const found = new Set(parent === undefined ? [] : stackParts(parent));
    for (const part of parts) {
      const matches = part.functions.some(
        (fn) => node.callFrame.functionName === fn.name && node.callFrame.url.endsWith(fn.module),
      );
      if (matches) found.add(part.label);
    }
    partsOfNode.set(id, found);
    return found;
  };

  const counts = new Map<string, number>(parts.map((part) => [part.label, 0]));
  let samples = 0;
  let time = profile.startTime;
  for (let index = 0; index < profile.samples.length; index++) {
    time += profile.timeDeltas[index] ?? 0;
    if (time < window.fromMicros || time > window.toMicros) continue;
    const id = profile.samples[index]!;
    if (nodes.get(id)!.callFrame.functionName === '(idle)') continue;
    samples++;
    for (const label of stackParts(id)) counts.set(label, counts.get(label)! + 1);
  }
  const shares: Record<string, number> = {};
  for (const [label, count] of counts) shares[label] = samples === 0 ? Number.NaN : count / samples;
  return { samples, shares };
}

import type { ServerProcess } from './processes';
import { emulatorCli, spawnServer } from './processes';
import type { Credentials } from './signing';
import type { Summary } from './stats';
import { summarize } from './stats';
import type { WorkloadClients } from './workload';
import { runWorkload, workloadClients } from './workload';

/**
 * One emulator of a paired measurement: set up without one part of the work of a request (the breakdown),
 * so that the server CPU it saves against the first is that part's cost, measured where it runs (between
 * sockets, SQLite and the rest of the request; a loop of its own keeps a part's code and data in the CPU's
 * caches, and says it costs several times less than it does in the workload); or another build (--compare).
 */
export interface PairedVariant {
  label: string;
  /** What the variant leaves out or is, in a few words (the table's row) and in full. */
  part: string;
  leavesOut: string;
  /** The emulator's CLI script; another build's to compare builds. */
  cli?: string;
  /** The emulator's arguments after `--host 127.0.0.1 --port 0 --state <file>`. */
  args: string[];
  /** Instead of a state file of its own. */
  statePath?: string;
  env?: NodeJS.ProcessEnv;
  credentials: Credentials;
}

export interface VariantFigures {
  label: string;
  part: string;
  leavesOut: string;
  cpuMicrosPerRequest: Summary;
  /**
   * The median over repetitions of this variant's CPU per request divided by the baseline's in the same
   * repetition (1 for the baseline): pairing the runs cancels the drift of a shared machine.
   */
  ratioToBaseline: number;
  /** 1 - ratioToBaseline: the share of the baseline's CPU per request that the part left out costs. */
  shareOfBaseline: number;
}

/**
 * The workload at concurrency 1 on each variant in turn (the first is the baseline), after the same
 * warm-up as the workload's, in an order that rotates between repetitions.
 */
export async function measurePaired(
  variants: readonly PairedVariant[],
  repetitions: number,
  statePath: (label: string) => string,
): Promise<VariantFigures[]> {
  const running: { variant: PairedVariant; server: ServerProcess; client: WorkloadClients }[] = [];
  try {
    for (const [index, variant] of variants.entries()) {
      const server = await spawnServer(variant.cli ?? emulatorCli, {
        args: [
          ...['--host', '127.0.0.1', '--port', '0'],
          ...['--state', variant.statePath ?? statePath(`paired-${index}.sqlite`)],
          ...variant.args,
        ],
        env: variant.env,
      });
      running.push({ variant, server, client: workloadClients(server.endpoint, variant.credentials) });
    }
    for (const { client } of running) {
      for (const [pass, concurrency] of [1, 16, 16].entries()) {
        await runWorkload(client.clients, concurrency, `bench-w${pass}`);
      }
    }
    const cpu = running.map(() => [] as number[]);
    for (let repetition = 0; repetition < repetitions; repetition++) {
      for (let step = 0; step < running.length; step++) {
        const index = (repetition + step) % running.length;
        const { server, client, variant } = running[index]!;
        const before = await server.cpuMicros();
        const run = await runWorkload(client.clients, 1, `bench-b${repetition}`);
        if (run.failures > 0) {
          throw new Error(`${variant.label}: ${run.failures} requests failed (${run.firstFailure ?? ''})`);
        }
        cpu[index]!.push(((await server.cpuMicros()) - before) / run.requests);
      }
    }
    const baseline = cpu[0]!;
    return running.map(({ variant }, index) => {
      const ratio = summarize(cpu[index]!.map((micros, repetition) => micros / baseline[repetition]!)).median;
      return {
        label: variant.label,
        part: variant.part,
        leavesOut: variant.leavesOut,
        cpuMicrosPerRequest: summarize(cpu[index]!),
        ratioToBaseline: ratio,
        shareOfBaseline: 1 - ratio,
      };
    });
  } finally {
    for (const { client, server } of running) {
      client.destroy();
      await server.stop();
    }
  }
}

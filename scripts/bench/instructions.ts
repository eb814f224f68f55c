import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { SpawnOptions } from './processes';
import { spawnServer } from './processes';
import type { Credentials } from './signing';
import { runWorkload, workloadClients } from './workload';

/**
 * Instructions a server executes per request of the workload, counted by valgrind's callgrind. Unlike CPU
 * time, a count does not move with the host's load, the other core's work or the caches: the same build gives
 * the same figure within about 1% (three runs of the emulator, by hand), where its CPU time moves by 10–30%
 * between runs. It counts user-space instructions only (the kernel's part of a request, its system calls, is
 * not in it) and runs the server dozens of times slower, so it ranks work and measures a change; it does not
 * replace the CPU figures.
 */
export interface InstructionCount {
  /** Instructions per request on the server's main thread, where JavaScript runs. */
  mainThread: number;
  /** The same on its other threads: V8's optimising compiler and garbage collector, libuv's pool. */
  otherThreads: number;
}

export function callgrindAvailable(): boolean {
  const version = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  const control = spawnSync('callgrind_control', ['--version'], { encoding: 'utf8' });
  return version.status === 0 && control.status === 0;
}

export interface CountOptions extends SpawnOptions {
  credentials: Credentials;
  /** Passes run before counting, as the bench's CPU figures do (V8 is still compiling some functions after them). */
  warmUpPasses: number;
  passes: number;
  /** Where callgrind writes its files. */
  outputDir: string;
  /** Domain names start with it (the bench user may act on bench-* domains only). */
  namePrefix: string;
}

/**
 * Runs `script` under callgrind, runs the workload at concurrency 1 through the JS v3 SDK (warm-up passes
 * first), and counts the instructions of the passes after the warm-up only: the counters are zeroed before them
 * and dumped after them with callgrind_control.
 */
export async function countInstructions(script: string, options: CountOptions): Promise<InstructionCount> {
  fs.mkdirSync(options.outputDir, { recursive: true });
  const server = await spawnServer(script, {
    ...options,
    launcher: [
      'valgrind',
      '--tool=callgrind',
      // V8 writes the machine code it runs at run time: callgrind must notice code rewritten in place.
      '--smc-check=all-non-file',
      '--separate-threads=yes',
      `--callgrind-out-file=${path.join(options.outputDir, 'callgrind.%p')}`,
    ],
    timeoutMs: options.timeoutMs ?? 180_000,
  });
  const clients = workloadClients(server.endpoint, options.credentials);
  let requests = 0;
  try {
    for (let pass = 0; pass < options.warmUpPasses; pass++) {
      await runWorkload(clients.clients, 1, `${options.namePrefix}-w${pass}`);
    }
    execFileSync('callgrind_control', ['--zero', String(server.pid)], { stdio: 'ignore' });
    for (let pass = 0; pass < options.passes; pass++) {
      const run = await runWorkload(clients.clients, 1, `${options.namePrefix}-m${pass}`);
      if (run.failures > 0)
        throw new Error(`${run.failures} requests failed under callgrind: ${run.firstFailure}`);
      requests += run.requests;
    }
    execFileSync('callgrind_control', ['--dump', String(server.pid)], { stdio: 'ignore' });
  } finally {
    clients.destroy();
    await server.stop();
  }
  return countsOfFirstDump(options.outputDir, server.pid, requests);
}

/**
 * The first dump's files, one per thread (`callgrind.<pid>.1-<thread>`, thread 01 the main thread), each with
 * its total on a `totals:` (or `summary:`) line.
 */
function countsOfFirstDump(outputDir: string, pid: number, requests: number): InstructionCount {
  const prefix = `callgrind.${pid}.1-`;
  let mainThread = 0;
  let otherThreads = 0;
  const files = fs.readdirSync(outputDir).filter((file) => file.startsWith(prefix));
  if (files.length === 0) throw new Error(`callgrind wrote no dump for ${pid} in ${outputDir}`);
  for (const file of files) {
    const text = fs.readFileSync(path.join(outputDir, file), 'utf8');
    const total = /^(?:totals|summary):\s+(\d+)/m.exec(text);
    if (!total) throw new Error(`no total in ${file}`);
    if (file === `${prefix}01`) mainThread += Number(total[1]);
    else otherThreads += Number(total[1]);
  }
  return { mainThread: mainThread / requests, otherThreads: otherThreads / requests };
}

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { CpuReport } from './cpu-reporter';

/** dist/ — every path below is of the compiled JavaScript. */
export const distRoot = path.resolve(__dirname, '..', '..');
export const emulatorCli = path.join(distRoot, 'server', 'cli.js');
export const bareHttpServer = path.join(distRoot, 'scripts', 'bench', 'bare-http-server.js');
/** The bare http server plus the emulator's SigV4 check and a durable write per write request. */
export const floorServer = path.join(distRoot, 'scripts', 'bench', 'floor-server.js');
export const bareExpressServer = path.join(distRoot, 'scripts', 'bench', 'bare-express-server.js');
const cpuReporter = path.join(distRoot, 'scripts', 'bench', 'cpu-reporter.js');

export interface ServerProcess {
  endpoint: string;
  pid: number;
  child: ChildProcess;
  /** The server's own CPU time so far (user + system, every thread), in microseconds. */
  cpuMicros(): Promise<number>;
  /** The same, with the system part of it (time in the kernel), in microseconds. */
  cpuTimes(): Promise<CpuTimes>;
  /**
   * Sends a message to a script preloaded into the server (the CPU reporter, the part timer) and resolves
   * with the first message back that `isReply` accepts.
   */
  ask<T>(message: string, isReply: (reply: unknown) => reply is T): Promise<T>;
  /** VmRSS from /proc/<pid>/status, in bytes. */
  residentBytes(): number;
  stop(): Promise<void>;
}

export interface CpuTimes {
  cpuMicros: number;
  systemMicros: number;
}

export interface SpawnOptions {
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** Extra node flags (e.g. --cpu-prof). */
  nodeFlags?: string[];
  /** A program that runs node, with its own arguments before node's (valgrind, for the instruction counts). */
  launcher?: string[];
  timeoutMs?: number;
}

const startupLine = /listening on (http:\/\/[^\s]+)/;

/**
 * Spawns a server script (the emulator's CLI or a bare server) with the CPU reporter preloaded and an IPC
 * channel, and resolves once its start-up line names its endpoint.
 */
export function spawnServer(script: string, options: SpawnOptions = {}): Promise<ServerProcess> {
  const [program, ...launcherArgs] = [...(options.launcher ?? []), process.execPath];
  const child = spawn(
    program!,
    [
      ...launcherArgs,
      ...(options.nodeFlags ?? []),
      '--require',
      cpuReporter,
      script,
      ...(options.args ?? []),
    ],
    {
      // The servers run with their defaults (the emulator logs at info: a line per IAM decision).
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  track(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(script)} did not start within the time allowed: ${output}`));
    }, options.timeoutMs ?? 20_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${path.basename(script)} exited with ${code} before listening: ${output}`));
    };
    child.once('exit', onExit);
    child.stderr?.on('data', (chunk: Buffer) => {
      if (output.length < 10_000) output += chunk.toString();
    });
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = startupLine.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      // Later output (request logs) is read and dropped, so that the pipe never blocks the server.
      child.stdout?.off('data', onData);
      child.stdout?.on('data', () => undefined);
      resolve(wrap(child, match[1]!));
    };
    child.stdout?.on('data', onData);
  });
}

function isCpuReport(reply: unknown): reply is CpuReport {
  return typeof reply === 'object' && reply !== null && 'cpuMicros' in reply;
}

function wrap(child: ChildProcess, endpoint: string): ServerProcess {
  const pid = child.pid!;
  const ask = <T>(message: string, isReply: (reply: unknown) => reply is T) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`the server did not answer '${message}'`));
      }, 5_000);
      const onMessage = (reply: unknown) => {
        if (!isReply(reply)) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(reply);
      };
      child.on('message', onMessage);
      child.send(message);
    });
  const cpuTimes = async (): Promise<CpuTimes> => {
    const { cpuMicros, systemMicros } = await ask('cpu', isCpuReport);
    return { cpuMicros, systemMicros };
  };
  return {
    endpoint,
    pid,
    child,
    cpuMicros: async () => (await cpuTimes()).cpuMicros,
    cpuTimes,
    ask,
    residentBytes: () => residentBytesOf(pid),
    stop: () => stopProcess(child),
  };
}

export function residentBytesOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** SIGTERM, then SIGKILL if the process has not gone within two seconds. */
export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Every process spawned by the benchmark, killed on the way out whatever happens. */
const live = new Set<ChildProcess>();
export function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}
export function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
}

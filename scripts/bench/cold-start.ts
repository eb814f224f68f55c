import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { emulatorCli, stopProcess, track } from './processes';
import type { Credentials } from './signing';
import { send, signRequest } from './signing';
import { millisecondsSince } from './stats';

/** From spawning `node -e ""` to its exit: the floor of any Node program's start. */
export function nodeFloorMs(): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = track(spawn(process.execPath, ['-e', ''], { stdio: 'ignore' }));
    child.once('error', reject);
    child.once('exit', () => resolve(millisecondsSince(start)));
  });
}

/**
 * From spawning the compiled server (`node dist/server/cli.js --port 0`) to the first signed
 * ListDomainNames answered 200: the start-up line gives the endpoint.
 */
export async function emulatorColdStartMs(
  args: string[],
  credentials: Credentials,
  region: string,
): Promise<number> {
  const start = process.hrtime.bigint();
  const child = track(
    spawn(process.execPath, [emulatorCli, '--host', '127.0.0.1', '--port', '0', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  try {
    const endpoint = await endpointOf(child);
    const request = await signRequest(endpoint, credentials, region, {
      method: 'GET',
      path: '/2015-01-01/domain',
    });
    const response = await send(endpoint, request);
    const elapsed = millisecondsSince(start);
    if (response.status !== 200) {
      throw new Error(`the first ListDomainNames was answered ${response.status}: ${response.body}`);
    }
    return elapsed;
  } finally {
    await stopProcess(child);
  }
}

function endpointOf(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${output}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}: ${output}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
}

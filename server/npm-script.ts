/**
 * npm runs a script through a shell (`sh -c <script>`) and forwards SIGTERM and SIGINT to that shell alone. dash,
 * Debian's sh, ends without passing them on, so `npm start &` then `kill $!` left the emulator serving, orphaned,
 * holding its port and its state file. Where npm runs the emulator as a script's one command, the script's
 * lifetime is the emulator's: it stops once that shell is gone.
 */

/**
 * Whether npm runs this process as its script's one command: `npm start` (`node dist/server/cli.js`), `npx
 * amazon-es-local` (npm quotes the words: `'amazon-es-local'`), a script `amazon-es-local --port 4566`. Not where
 * the script holds more than that one command (`amazon-es-local & jest`, which leaves the emulator to outlive its
 * shell on purpose), nor where the script runs something else that starts the emulator (which may mean it to
 * outlive itself).
 */
export function runAsNpmScriptCommand(env: NodeJS.ProcessEnv): boolean {
  const script = env.npm_lifecycle_script;
  if (env.npm_lifecycle_event === undefined || script === undefined) return false;
  // A plain command and its words only: a list, a pipeline, a background job, a command substitution or a
  // redirection (`2>&1` looks like a background job to this test) leaves the emulator as it was.
  if (/[;&|`()<>\n]/.test(script)) return false;
  const command = /^\s*(?:node\s+)?['"]?([^\s'"]+)['"]?/.exec(script)?.[1];
  return command !== undefined && /(?:^|\/)(?:amazon-es-local|dist\/server\/cli\.js)$/.test(command);
}

/** How often the emulator looks for its parent (one getppid call). */
const parentCheckMs = 500;

/** Calls stop once this process's parent has ended (the process is then another's child: init's or a subreaper's). */
export function stopWhenParentIsGone(stop: () => void): void {
  const parent = process.ppid;
  const check = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(check);
    stop();
  }, parentCheckMs);
  check.unref();
}

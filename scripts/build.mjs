/**
 * `npm run build` (and the build of `npm start`, `npm test`, `npm run bench`): compiles the sources with tsc into a
 * folder of this build's own, dist.next.<pid>/, then puts it in place of dist/.
 *
 * - The folder carries the digest of the sources as they were when the build started (scripts/sources-digest.mjs),
 *   so an edit made while tsc compiled is built by the next start, and a build that fails leaves dist/ and its
 *   digest as they were.
 * - dist/ is replaced by two renames in a row, never deleted first: an emulator already running from dist/ loads
 *   some modules on their first use (the README's cold start), and a dist/ emptied for the ten seconds tsc takes
 *   left it without them, its calls answering 500. A module it first needs after the swap comes from the new build:
 *   restart it to run one build.
 * - Two builds at once (`npm start` while `npm test` builds) each compile into their own folder. When they shared
 *   one, the second emptied it under the first, whose swap could then put a half-written build in dist/. Whichever
 *   finishes last is the dist/ that stays, complete, with the digest of what it compiled.
 *
 * Plain JavaScript, run by Node as it is: it runs before anything is compiled.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { digestName, sourcesDigest } from './sources-digest.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const next = path.join(root, `dist.next.${process.pid}`);
const old = path.join(root, `dist.old.${process.pid}`);

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * How long a build's folder is left alone whatever its process: tsc takes about 20 s, and a build in another PID
 * namespace (a container sharing the checkout) has a process this one cannot see.
 */
const ABANDONED_AFTER_MS = 10 * 60 * 1000;

/**
 * A build stopped midway (Ctrl-C, a CI job killed) leaves its folder behind: removed here once the process that made
 * it is gone and the folder is old enough, with those of the older builds that shared dist.next/ and dist.old/.
 */
function removeAbandonedFolders() {
  for (const entry of fs.readdirSync(root)) {
    const owned = /^dist\.(?:next|old)\.(\d+)$/.exec(entry);
    if (!owned && entry !== 'dist.next' && entry !== 'dist.old') continue;
    if (owned && isRunning(Number(owned[1]))) continue;
    const folder = path.join(root, entry);
    if (Date.now() - fs.statSync(folder).mtimeMs < ABANDONED_AFTER_MS) continue;
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** dist/ becomes this build's folder; the build it replaces is removed after. */
function swapIn() {
  for (let attempt = 1; ; attempt += 1) {
    try {
      fs.renameSync(dist, old);
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
    try {
      fs.renameSync(next, dist);
      break;
    } catch (error) {
      // Another build put its dist/ in place between the two renames: this one, finished later, replaces it.
      if ((error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') || attempt === 10) throw error;
      fs.rmSync(old, { recursive: true, force: true });
    }
  }
  fs.rmSync(old, { recursive: true, force: true });
}

removeAbandonedFolders();
fs.mkdirSync(next);
fs.writeFileSync(path.join(next, digestName), `${sourcesDigest(root)}\n`);
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--outDir', next], {
  cwd: root,
  stdio: 'inherit',
});
if (compiled.status !== 0) {
  fs.rmSync(next, { recursive: true, force: true });
  process.exit(compiled.status ?? 1);
}
swapIn();

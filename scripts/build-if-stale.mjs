/**
 * `npm start`'s build, skipped when dist/ was built from the sources as they are: `npm run build` takes ~20 s on
 * these machines, the emulator's own start a fifth of a second, and a sandbox is restarted often. Every build
 * (scripts/build.mjs), however it was run (`npm start`, `npm run build`, `npm test`), records in dist/ the SHA-256
 * of the sources as they were when it started (scripts/sources-digest.mjs); a start builds when they differ.
 *
 * `--check` only answers: exit 0 when dist/ is up to date, 1 when a start would build.
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

function builtFrom() {
  if (!fs.existsSync(path.join(root, 'dist', 'server', 'cli.js'))) return undefined;
  try {
    return fs.readFileSync(path.join(root, 'dist', digestName), 'utf8').trim();
  } catch {
    return undefined;
  }
}

if (builtFrom() === sourcesDigest(root)) {
  if (!process.argv.includes('--check'))
    process.stdout.write('dist/ was built from these sources: no build\n');
  process.exit(0);
}
if (process.argv.includes('--check')) process.exit(1);

// npm gives its scripts the path of its own CLI; run by hand, npm is looked up on the PATH.
const npmCli = process.env.npm_execpath;
const build = npmCli
  ? spawnSync(process.execPath, [npmCli, 'run', 'build'], { cwd: root, stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(build.status ?? 1);

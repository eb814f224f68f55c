/**
 * `npm start`'s build, skipped when dist/ was built from the sources as they are: `npm run build` takes ~20 s on
 * these machines, the emulator's own start a fifth of a second, and a sandbox is restarted often. The sources are
 * what the build reads (the folders tsconfig.json includes, tsconfig.json, package.json with the build's own
 * command, TypeScript's version), digested with SHA-256. Every build records the digest of the sources as they were
 * when it started, however it was run (`npm start`, `npm run build`, `npm test`): its prebuild step runs this
 * script with `--prepare-build`, which empties dist.next/ (where the build compiles) and writes the digest there,
 * and the build's swap makes dist.next/ the new dist/. An edit made while tsc compiled is therefore built by the
 * next start, and a build that fails leaves dist/ and its digest as they were.
 *
 * `--check` only answers: exit 0 when dist/ is up to date, 1 when a start would build.
 *
 * Plain JavaScript, run by Node as it is: it runs before anything is compiled.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceFolders = ['server', 'store', 'schemas', 'spec', 'scripts'];
const digestName = '.sources.sha256';

/** Every file below a folder, as paths relative to the root with `/` (sorted with the rest before digesting). */
function filesBelow(folder) {
  const found = [];
  const walk = (relative) => {
    const entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true });
    for (const entry of entries) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) found.push(child);
    }
  };
  if (fs.existsSync(path.join(root, folder))) walk(folder);
  return found;
}

function typescriptVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'typescript', 'package.json'), 'utf8'))
      .version;
  } catch {
    return 'none';
  }
}

/** The digest of what a build compiles: each file's path and bytes, and the compiler's version. */
function sourcesDigest() {
  const hash = createHash('sha256');
  hash.update(`typescript ${typescriptVersion()}\n`);
  const topFiles = ['package.json', 'tsconfig.json'].filter((file) => fs.existsSync(path.join(root, file)));
  const files = [...topFiles, ...sourceFolders.flatMap(filesBelow)].sort();
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(root, file));
    hash.update(`${file}\n${bytes.length}\n`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

function builtFrom() {
  if (!fs.existsSync(path.join(root, 'dist', 'server', 'cli.js'))) return undefined;
  try {
    return fs.readFileSync(path.join(root, 'dist', digestName), 'utf8').trim();
  } catch {
    return undefined;
  }
}

const digest = sourcesDigest();
if (process.argv.includes('--prepare-build')) {
  const next = path.join(root, 'dist.next');
  fs.rmSync(next, { recursive: true, force: true });
  fs.mkdirSync(next);
  fs.writeFileSync(path.join(next, digestName), `${digest}\n`);
  process.exit(0);
}
if (builtFrom() === digest) {
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

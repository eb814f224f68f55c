import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * `npm start`'s build (scripts/build-if-stale.mjs) and the build itself (scripts/build.mjs), run on a project of
 * their own in a scratch folder: a stand-in for npm runs `run build` as package.json does, and a stand-in for tsc
 * writes placeholders into the folder it is given instead of compiling, and counts its builds. A start builds when
 * dist/ was not built from the sources as they are, and only then; two builds at once leave one whole build.
 */

const scripts = ['build-if-stale.mjs', 'build.mjs', 'sources-digest.mjs'].map((name) =>
  path.resolve(__dirname, '..', '..', 'scripts', name),
);

const standInNpm = `
const { spawnSync } = require('node:child_process');
if (process.argv.slice(2).join(' ') !== 'run build') process.exit(9);
process.exit(spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' }).status ?? 1);
`;

/** Writes what tsc would, into its --outDir: slowly under SLOW_BUILD, so that two builds overlap. */
const standInTsc = `
const fs = require('node:fs');
const outDir = process.argv[process.argv.indexOf('--outDir') + 1];
fs.appendFileSync('builds.txt', 'built\\n');
if (process.env.EDIT_WHILE_BUILDING) fs.appendFileSync('server/cli.ts', '// edited while compiling\\n');
if (process.env.BUILD_FAILS) process.exit(2);
fs.mkdirSync(outDir + '/server', { recursive: true });
for (let file = 0; file < 20; file += 1) {
  if (process.env.SLOW_BUILD) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
  fs.writeFileSync(outDir + '/server/module-' + file + '.js', '');
}
fs.writeFileSync(outDir + '/server/cli.js', '');
`;

describe('npm start builds only when dist/ was not built from the sources as they are', () => {
  let project: string;
  let npm: string;

  beforeEach(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'es-local-build-'));
    for (const folder of ['scripts', 'server', 'spec', 'node_modules/typescript/bin'])
      fs.mkdirSync(path.join(project, folder), { recursive: true });
    for (const script of scripts)
      fs.copyFileSync(script, path.join(project, 'scripts', path.basename(script)));
    fs.writeFileSync(path.join(project, 'node_modules/typescript/bin/tsc'), standInTsc);
    fs.writeFileSync(path.join(project, 'node_modules/typescript/package.json'), '{ "version": "5.0.0" }\n');
    fs.writeFileSync(path.join(project, 'tsconfig.json'), '{}\n');
    fs.writeFileSync(path.join(project, 'server', 'cli.ts'), 'export {};\n');
    npm = path.join(project, 'stand-in-npm.js');
    fs.writeFileSync(npm, standInNpm);
  });
  afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

  /** Runs the script as npm's prestart runs it; --check only asks. */
  function run(args: string[] = [], env: Record<string, string> = {}) {
    const result = spawnSync(
      process.execPath,
      [path.join(project, 'scripts', 'build-if-stale.mjs'), ...args],
      {
        cwd: project,
        env: { ...process.env, npm_execpath: npm, ...env },
        encoding: 'utf8',
      },
    );
    return { code: result.status, stdout: result.stdout };
  }
  const builds = () =>
    fs.existsSync(path.join(project, 'builds.txt'))
      ? fs.readFileSync(path.join(project, 'builds.txt'), 'utf8').split('\n').filter(Boolean).length
      : 0;
  const isUpToDate = () => run(['--check']).code === 0;
  /** The folders builds compile into and set aside, left in the project. */
  const buildFolders = () => fs.readdirSync(project).filter((entry) => /^dist\.(next|old)/.test(entry));

  it('builds the first time, then starts without building until a source changes', () => {
    assert.equal(isUpToDate(), false, 'no dist/ yet');
    assert.equal(run().code, 0);
    assert.equal(builds(), 1);
    assert.equal(isUpToDate(), true);

    const again = run();
    assert.equal(again.code, 0);
    assert.equal(again.stdout, 'dist/ was built from these sources: no build\n');
    assert.equal(builds(), 1, 'no second build');

    fs.appendFileSync(path.join(project, 'server', 'cli.ts'), '// changed\n');
    assert.equal(isUpToDate(), false, 'an edited source');
    assert.equal(run().code, 0);
    assert.equal(builds(), 2);
    assert.equal(isUpToDate(), true);
  });

  it('a new file, a removed one, tsconfig.json, package.json and a dist/ without its entry point each call for a build', () => {
    const changes: [string, () => void][] = [
      ['a new file', () => fs.writeFileSync(path.join(project, 'spec', 'new.spec.ts'), 'export {};\n')],
      ['a removed file', () => fs.rmSync(path.join(project, 'spec', 'new.spec.ts'))],
      [
        'tsconfig.json',
        () => fs.writeFileSync(path.join(project, 'tsconfig.json'), '{ "compilerOptions": {} }\n'),
      ],
      [
        'package.json, with the build command',
        () => fs.writeFileSync(path.join(project, 'package.json'), '{}\n'),
      ],
      ['dist/ without its entry point', () => fs.rmSync(path.join(project, 'dist', 'server', 'cli.js'))],
    ];
    assert.equal(run().code, 0);
    for (const [change, make] of changes) {
      make();
      assert.equal(isUpToDate(), false, change);
      assert.equal(run().code, 0, change);
      assert.equal(isUpToDate(), true, change);
    }
    assert.equal(builds(), 1 + changes.length);
  });

  it('a build that fails fails the start, and marks nothing built: the next start builds again', () => {
    const failed = run([], { BUILD_FAILS: '1' });
    assert.equal(failed.code, 2, "the build's exit code");
    assert.equal(isUpToDate(), false);
    assert.deepEqual(buildFolders(), [], 'the failed build removed its folder');
    assert.equal(run().code, 0);
    assert.equal(builds(), 2);
    assert.equal(isUpToDate(), true);

    fs.appendFileSync(path.join(project, 'server', 'cli.ts'), '// changed\n');
    assert.equal(run([], { BUILD_FAILS: '1' }).code, 2);
    assert.equal(
      isUpToDate(),
      false,
      'the last good build is still in dist/, with the digest of its own sources',
    );
    assert.equal(run().code, 0);
    assert.equal(builds(), 4);
  });

  it('a build run as `npm run build` (or by `npm test`) records its digest too: the next start does not build', () => {
    const build = spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: project });
    assert.equal(build.status, 0);
    assert.equal(builds(), 1);
    assert.equal(isUpToDate(), true);
    assert.equal(run().stdout, 'dist/ was built from these sources: no build\n');
    assert.equal(builds(), 1);
  });

  it('an edit made while the build compiles is built by the next start', () => {
    assert.equal(run([], { EDIT_WHILE_BUILDING: '1' }).code, 0);
    assert.equal(isUpToDate(), false, 'dist/ holds the digest of the sources before the edit');
    assert.equal(run().code, 0);
    assert.equal(builds(), 2);
    assert.equal(isUpToDate(), true);
  });

  it('a dist/ without a digest (built by an older checkout) calls for a build', () => {
    fs.mkdirSync(path.join(project, 'dist', 'server'), { recursive: true });
    fs.writeFileSync(path.join(project, 'dist', 'server', 'cli.js'), '');
    assert.equal(isUpToDate(), false);
  });

  it('two builds at once leave one whole build in dist/, and none of their folders', async () => {
    const buildAsNpmDoes = () =>
      new Promise<number | null>((resolve) => {
        const build = spawn(process.execPath, [npm, 'run', 'build'], {
          cwd: project,
          env: { ...process.env, SLOW_BUILD: '1' },
          stdio: 'ignore',
        });
        build.on('exit', (code) => resolve(code));
      });
    const second = new Promise<number | null>((resolve) => setTimeout(() => resolve(buildAsNpmDoes()), 100));
    assert.deepEqual(await Promise.all([buildAsNpmDoes(), second]), [0, 0]);
    assert.equal(builds(), 2);
    const built = fs.readdirSync(path.join(project, 'dist', 'server'));
    assert.equal(built.length, 21, `a whole build: ${built.join(', ')}`);
    assert.deepEqual(buildFolders(), []);
    assert.equal(isUpToDate(), true);
  });

  it('a build removes the folders of builds stopped midway, not those of a build still running or just stopped', () => {
    const stoppedLongAgo = 'dist.next.2147483646';
    const stoppedJustNow = 'dist.next.2147483645';
    const running = `dist.next.${process.pid}`;
    const anHourAgo = new Date(Date.now() - 3_600_000);
    for (const folder of [stoppedLongAgo, stoppedJustNow, running, 'dist.next', 'dist.old']) {
      fs.mkdirSync(path.join(project, folder, 'server'), { recursive: true });
      // A build in a container sharing the checkout runs under a process this one cannot see: only a folder left
      // for ten minutes is taken for abandoned.
      if (folder !== stoppedJustNow) fs.utimesSync(path.join(project, folder), anHourAgo, anHourAgo);
    }
    assert.equal(run().code, 0);
    assert.deepEqual(buildFolders().sort(), [running, stoppedJustNow].sort());
  });
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * `npm start`'s build (scripts/build-if-stale.mjs), run on a project of its own in a scratch folder with a stand-in
 * for npm whose `run build` does what the real one does around tsc (the prebuild step, compiling into dist.next/,
 * the swap), writes a placeholder instead of compiling, and counts its builds: a start builds when dist/ was not
 * built from the sources as they are, and only then.
 */

const script = path.resolve(__dirname, '..', '..', 'scripts', 'build-if-stale.mjs');

const standInNpm = `
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
if (process.argv.slice(2).join(' ') !== 'run build') process.exit(9);
// A prebuild step that runs a build of its own would otherwise recurse without end.
if (process.env.STAND_IN_BUILDING) process.exit(7);
const prebuild = spawnSync(process.execPath, ['scripts/build-if-stale.mjs', '--prepare-build'], {
  env: { ...process.env, STAND_IN_BUILDING: '1' },
});
if (prebuild.status !== 0) process.exit(8);
fs.appendFileSync('builds.txt', 'built\\n');
if (process.env.EDIT_WHILE_BUILDING) fs.appendFileSync('server/cli.ts', '// edited while compiling\\n');
if (process.env.BUILD_FAILS) process.exit(2);
fs.mkdirSync('dist.next/server', { recursive: true });
fs.writeFileSync('dist.next/server/cli.js', '');
fs.rmSync('dist', { recursive: true, force: true });
fs.renameSync('dist.next', 'dist');
`;

describe('npm start builds only when dist/ was not built from the sources as they are', () => {
  let project: string;
  let npm: string;

  beforeEach(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'es-local-build-'));
    for (const folder of ['scripts', 'server', 'spec']) fs.mkdirSync(path.join(project, folder));
    fs.copyFileSync(script, path.join(project, 'scripts', 'build-if-stale.mjs'));
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
});

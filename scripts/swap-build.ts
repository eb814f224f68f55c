/**
 * Puts a finished build in place of the last one: `npm run build` compiles into dist.next/, then runs this (from
 * dist.next/) to rename dist/ away and dist.next/ into its place, two renames in a row. An emulator already
 * running from dist/ loads some modules on their first use (the README's cold start): deleting dist/ before
 * compiling, as the build once did, left it without them for the ten seconds tsc takes, and its calls answered
 * 500 meanwhile. A module it first needs after the swap comes from the new build: restart it to run one build.
 */
import fs from 'node:fs';

fs.rmSync('dist.old', { recursive: true, force: true });
if (fs.existsSync('dist')) fs.renameSync('dist', 'dist.old');
fs.renameSync('dist.next', 'dist');
fs.rmSync('dist.old', { recursive: true, force: true });

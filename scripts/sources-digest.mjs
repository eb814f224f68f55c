/**
 * The digest of what a build compiles (the folders tsconfig.json includes, tsconfig.json, package.json with the
 * build's own command, TypeScript's version), with SHA-256: each build keeps it in dist/, and a start builds only
 * when the sources no longer match it (scripts/build-if-stale.mjs, scripts/build.mjs).
 *
 * Plain JavaScript, run by Node as it is: it runs before anything is compiled.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const digestName = '.sources.sha256';
const sourceFolders = ['server', 'store', 'schemas', 'spec', 'scripts'];

/** Every file below a folder, as paths relative to the root with `/` (sorted with the rest before digesting). */
function filesBelow(root, folder) {
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

function typescriptVersion(root) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'typescript', 'package.json'), 'utf8'))
      .version;
  } catch {
    return 'none';
  }
}

/** The digest of what a build of the project at `root` compiles: each file's path and bytes, and the compiler's version. */
export function sourcesDigest(root) {
  const hash = createHash('sha256');
  hash.update(`typescript ${typescriptVersion(root)}\n`);
  const topFiles = ['package.json', 'tsconfig.json'].filter((file) => fs.existsSync(path.join(root, file)));
  const files = [...topFiles, ...sourceFolders.flatMap((folder) => filesBelow(root, folder))].sort();
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(root, file));
    hash.update(`${file}\n${bytes.length}\n`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

// A fresh project that depends on a packed Attune tarball, installable with no network: its package-lock.json
// pins the tarball (by its sha512) and every run-time dependency at the versions of the repository's own lock, so
// `npm ci --offline` takes them all from npm's cache, which the repository's `npm ci` filled.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
}

/**
 * Write package.json and package-lock.json of project `name` (module type `type`) in `dir`, depending on `tarball`;
 * the lock keeps the repository lock's non-development entries (the package's dependencies, hoisted as there).
 */
export function writeConsumerProject(dir: string, name: string, type: 'module' | 'commonjs', tarball: string, repoRoot: string): void {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
  const repoLock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const spec = `file:${relative(dir, tarball).split('\\').join('/')}`;
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  const packages: Record<string, unknown> = {
    '': { name, dependencies: { attune: spec } },
    'node_modules/attune': {
      version: pkg.version, resolved: spec, integrity, license: pkg.license,
      dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines,
    },
  };
  for (const [path, entry] of Object.entries(repoLock.packages)) {
    if (path !== '' && !entry.dev && !entry.devOptional) packages[path] = entry;
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name, private: true, type, dependencies: { attune: spec } }, null, 2)}\n`);
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify({ name, lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
}

/** The one .tgz file name in a folder listing (what `npm pack --pack-destination` wrote). */
export function tarballIn(names: string[]): string {
  const tarballs = names.filter((n) => n.endsWith('.tgz'));
  if (tarballs.length !== 1) throw new Error(`expected one tarball, found ${tarballs.length}: ${tarballs.map((n) => basename(n)).join(', ')}`);
  return tarballs[0];
}

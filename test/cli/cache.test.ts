import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, linkSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { attune, scratch } from '../../test-support/run-cli.ts';
import { openCache } from '../../src/run/cache.ts';
import { formatBytes } from '../../src/cli/verbs/cache.ts';

// The CLI children inherit this process's environment: ATTUNE_CACHE_DIR points at a scratch folder.
let dir = '';
let cacheDir = '';
let cleanup = () => {};
let saved: string | undefined;
before(() => {
  ({ dir, cleanup } = scratch());
  cacheDir = join(dir, 'cache');
  saved = process.env.ATTUNE_CACHE_DIR;
  process.env.ATTUNE_CACHE_DIR = cacheDir;
});
after(() => {
  if (saved === undefined) delete process.env.ATTUNE_CACHE_DIR;
  else process.env.ATTUNE_CACHE_DIR = saved;
  cleanup();
});

/** Fill the cache: 2 vectors entries (1024 and 2048 bytes) and one score entry of 7 bytes. */
function fill(): void {
  const cache = openCache(cacheDir);
  cache.putFloat32('v1', 'vectors', new Float32Array(256));
  cache.putFloat32('v2', 'vectors', new Float32Array(512));
  cache.putJson('s', 'score', { a: 1 });
  cache.close();
}

test('formatBytes: powers of 1024, one decimal', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1023), '1023 B');
  assert.equal(formatBytes(1024), '1.0 KiB');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(20 * 1024 * 1024), '20.0 MiB');
  assert.equal(formatBytes(3 * 1024 ** 3 + 512 * 1024 ** 2), '3.5 GiB');
});

test('attune cache: info, clear --kind, clear, on the ATTUNE_CACHE_DIR cache', async () => {
  const path = join(cacheDir, 'cache.sqlite');
  // Before anything is cached: an empty report, and no file is created.
  let r = await attune(['cache', 'info', '--json'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { path, entries: 0, bytes: 0, byKind: {}, fileBytes: 0, folder: { path: cacheDir, files: 0, bytes: 0, byEntry: {} } });
  assert.equal(existsSync(path), false);

  fill();
  const [json, human] = await Promise.all([attune(['cache', 'info', '--json'], dir), attune(['cache', 'info'], dir)]);
  r = json;
  assert.equal(r.code, 0, r.stderr);
  const info = JSON.parse(r.stdout);
  assert.equal(info.path, path);
  assert.equal(info.entries, 3);
  assert.equal(info.bytes, 1024 + 2048 + 7);
  assert.deepEqual(info.byKind, { score: { entries: 1, bytes: 7 }, vectors: { entries: 2, bytes: 3072 } });
  assert.ok(info.fileBytes > 3079);
  assert.equal(r.stdout.trim().split('\n').length, 1);

  r = human;
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], `cache: ${path}`);
  assert.match(lines[1], /^entries: 3 \(3\.0 KiB of values; [\d.]+ KiB on disk\)$/);
  assert.match(r.stdout, /^ {2}score +1 {2}7 B$/m);
  assert.match(r.stdout, /^ {2}vectors +2 {2}3\.0 KiB$/m);

  r = await attune(['cache', 'clear', '--kind', 'vectors', '--json'], dir);
  assert.equal(r.code, 0, r.stderr);
  const cleared = JSON.parse(r.stdout);
  assert.equal(cleared.kind, 'vectors');
  assert.deepEqual(cleared.removed, { entries: 2, bytes: 3072 });
  assert.deepEqual(cleared.info.byKind, { score: { entries: 1, bytes: 7 } });

  r = await attune(['cache', 'clear'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), `removed 1 entry (7 B) from ${path}`);
  r = await attune(['cache', 'info', '--json'], dir);
  assert.equal(JSON.parse(r.stdout).entries, 0);
});

test('attune cache: a corrupt cache is reported with its path; `attune cache clear` starts it again', async () => {
  const path = join(cacheDir, 'cache.sqlite');
  fill();
  for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) writeFileSync(path + suffix, '');
  writeFileSync(path, 'not a database at all; '.repeat(100));
  const [info, partial] = await Promise.all([attune(['cache', 'info'], dir), attune(['cache', 'clear', '--kind', 'vectors'], dir)]);
  assert.equal(info.code, 2);
  assert.ok(info.stderr.startsWith(`${path}: the cache file is corrupt`), info.stderr);
  assert.match(info.stderr, /'attune cache clear'/);
  // --kind cannot clear part of a corrupt file: the same error.
  assert.equal(partial.code, 2);
  assert.equal(partial.stderr, info.stderr);

  let r = await attune(['cache', 'clear', '--json'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /corrupt.*deleting it/);
  assert.deepEqual(JSON.parse(r.stdout).removed, { entries: 0, bytes: 0 });
  r = await attune(['cache', 'info', '--json'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).entries, 0);
});

test('attune cache: usage errors exit 2; --help exits 0', async () => {
  const cases = [['cache'], ['cache', 'bogus'], ['cache', 'info', '--kind', 'x'], ['cache', 'clear', '--kind', '']];
  const [help, ...results] = await Promise.all([attune(['cache', '--help'], dir), ...cases.map((args) => attune(args, dir))]);
  results.forEach((r, k) => {
    assert.equal(r.code, 2, `${cases[k].join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^attune cache: /, cases[k].join(' '));
  });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: attune cache info/);
});

test('attune cache info counts every file in the cache folder: the converted GloVe binary, hf-hub copies, stray files', async () => {
  fill();
  // What Attune writes beside cache.sqlite (sizes chosen here), a stray file, and a hard link counted once.
  mkdirSync(join(cacheDir, 'models'), { recursive: true });
  writeFileSync(join(cacheDir, 'models', 'glove-wink-sg-100d.bin'), Buffer.alloc(5000, 1));
  mkdirSync(join(cacheDir, 'hf-hub', 'org', 'tiny', 'onnx'), { recursive: true });
  writeFileSync(join(cacheDir, 'hf-hub', 'org', 'tiny', 'onnx', 'model.onnx'), Buffer.alloc(1234, 2));
  writeFileSync(join(cacheDir, 'hf-hub', 'org', 'tiny', 'config.json'), '{"model_type":"gpt2"}');
  linkSync(join(cacheDir, 'hf-hub', 'org', 'tiny', 'onnx', 'model.onnx'), join(cacheDir, 'hf-hub', 'org', 'tiny', 'onnx', 'model-link.onnx'));
  writeFileSync(join(cacheDir, 'notes.txt'), '0123456789');
  const [json, human] = await Promise.all([attune(['cache', 'info', '--json'], dir), attune(['cache', 'info'], dir)]);
  assert.equal(json.code, 0, json.stderr);
  const info = JSON.parse(json.stdout) as { fileBytes: number; folder: { path: string; files: number; bytes: number; byEntry: Record<string, { files: number; bytes: number }> } };
  const sqlite = statSync(join(cacheDir, 'cache.sqlite')).size;
  assert.equal(info.folder.path, cacheDir);
  assert.deepEqual(info.folder.byEntry, {
    'cache.sqlite': { files: 1, bytes: sqlite },
    'hf-hub/': { files: 2, bytes: 1234 + '{"model_type":"gpt2"}'.length },
    'models/': { files: 1, bytes: 5000 },
    'notes.txt': { files: 1, bytes: 10 },
  });
  assert.equal(info.folder.files, 5);
  assert.equal(info.folder.bytes, sqlite + 1234 + 21 + 5000 + 10);
  assert.ok(info.folder.bytes > info.fileBytes, 'the folder holds more than the database');
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, new RegExp(`^folder: ${cacheDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: [\\d.]+ KiB in 5 files$`, 'm'));
  assert.match(human.stdout, /^ {2}models\/ +1 {2}4\.9 KiB$/m);
  assert.match(human.stdout, /^ {2}notes\.txt +1 {2}10 B$/m);
});

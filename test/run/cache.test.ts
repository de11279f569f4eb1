import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { CACHE_SCHEMA_VERSION, CacheFileError, cacheInfo, openCache, removeCacheFile } from '../../src/run/cache.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE_MODULE = new URL('../../src/run/cache.ts', import.meta.url).href;

const folders: string[] = [];
/** A fresh temporary cache folder (removed after the file's tests). */
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'attune-cache-'));
  folders.push(dir);
  return dir;
}
after(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** Run an ES module snippet in a child node (with tsx); resolves with exit code/signal and stdout. */
function child(code: string, onStdout?: (text: string, kill: () => void) => void): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
      onStdout?.(stdout, () => proc.kill('SIGKILL'));
    });
    proc.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    proc.on('error', reject);
    proc.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The bits of a float32 value, as an unsigned integer. */
function bits(x: Float32Array): number[] {
  return Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length));
}

test('round trips: Buffer, Uint8Array, JSON and Float32 bit for bit; missing keys are undefined', () => {
  const cache = openCache(tempDir());
  try {
    assert.equal(cache.get('nope'), undefined);
    assert.equal(cache.getJson('nope'), undefined);
    assert.equal(cache.getFloat32('nope'), undefined);

    cache.put('b', 'blob', Buffer.from([0, 1, 2, 255]));
    assert.deepEqual([...(cache.get('b') as Buffer)], [0, 1, 2, 255]);
    cache.put('u', 'blob', new Uint8Array([7, 8, 9]).subarray(1));
    assert.deepEqual([...(cache.get('u') as Buffer)], [8, 9]);
    cache.put('empty', 'blob', new Uint8Array(0));
    assert.equal((cache.get('empty') as Buffer).length, 0);

    const doc = { name: 'glove', r: 0.123456789012345, list: [1, 2, 3], nested: { ok: true, none: null } };
    cache.putJson('j', 'score', doc);
    assert.deepEqual(cache.getJson('j'), doc);

    // Bit patterns chosen by hand: 1, -0, +inf, -inf, the quiet NaN 0x7fc00000, the smallest subnormal, the largest float32.
    const patterns = [0x3f800000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x00000001, 0x7f7fffff];
    const array = new Float32Array(new Uint32Array(patterns).buffer);
    cache.putFloat32('f', 'vectors', array);
    const back = cache.getFloat32('f') as Float32Array;
    assert.deepEqual(bits(back), patterns);
    // The result owns its memory: a fresh, exactly sized buffer, unaffected by later reads or writes.
    assert.equal(back.byteOffset, 0);
    assert.equal(back.buffer.byteLength, 4 * patterns.length);
    back[0] = 42;
    assert.deepEqual(bits(cache.getFloat32('f') as Float32Array), patterns);
    // A subarray stores only its own elements.
    cache.putFloat32('sub', 'vectors', new Float32Array([5, 6, 7, 8]).subarray(1, 3));
    assert.deepEqual(Array.from(cache.getFloat32('sub') as Float32Array), [6, 7]);

    // put replaces.
    cache.put('b', 'blob', Buffer.from('new'));
    assert.equal((cache.get('b') as Buffer).toString(), 'new');
    assert.throws(() => cache.getFloat32('b'), /not a whole number of float32/);
  } finally {
    cache.close();
  }
});

test('the file: WAL mode, the schema version, the columns and the metadata', () => {
  const dir = tempDir();
  const cache = openCache(dir);
  const before = Date.now();
  cache.put('k', 'kind-a', Buffer.from('abcd'), { model: 'glove', dims: 100 });
  cache.close();
  cache.close(); // idempotent
  const db = new Database(join(dir, 'cache.sqlite'), { readonly: true });
  try {
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.deepEqual(db.prepare('SELECT version FROM attune_schema').all(), [{ version: 1 }]);
    const row = db.prepare('SELECT * FROM entries').get() as Record<string, unknown>;
    assert.equal(row.key, 'k');
    assert.equal(row.kind, 'kind-a');
    assert.equal(row.bytes, 4);
    assert.deepEqual(JSON.parse(row.meta as string), { model: 'glove', dims: 100 });
    assert.ok((row.created as number) >= before && (row.created as number) <= Date.now());
    assert.equal(row.last_used, row.created);
  } finally {
    db.close();
  }
});

test('many(): all puts land together, or none when the function throws', () => {
  const cache = openCache(tempDir());
  try {
    cache.put('a', 'x', Buffer.from('old'));
    const result = cache.many(() => {
      cache.put('b', 'x', Buffer.from('b'));
      cache.put('c', 'x', Buffer.from('c'));
      return 2;
    });
    assert.equal(result, 2);
    assert.equal(cache.info().entries, 3);

    assert.throws(
      () =>
        cache.many(() => {
          cache.put('a', 'x', Buffer.from('new'));
          cache.put('d', 'x', Buffer.from('d'));
          throw new Error('boom');
        }),
      /boom/,
    );
    assert.equal((cache.get('a') as Buffer).toString(), 'old');
    assert.equal(cache.get('d'), undefined);
    assert.equal(cache.info().entries, 3);
  } finally {
    cache.close();
  }
});

test('info(): entries and value bytes overall and by kind; clear(kind) and clear()', () => {
  const dir = tempDir();
  const cache = openCache(dir);
  try {
    cache.put('a', 'blob', Buffer.from([1, 2, 3])); // 3 bytes
    cache.putFloat32('v', 'vectors', new Float32Array(4)); // 16 bytes
    cache.putFloat32('w', 'vectors', new Float32Array(10)); // 40 bytes
    cache.putJson('j', 'score', { a: 1 }); // '{"a":1}' = 7 bytes
    const info = cache.info();
    assert.equal(info.path, join(dir, 'cache.sqlite'));
    assert.equal(info.entries, 4);
    assert.equal(info.bytes, 66);
    assert.deepEqual(info.byKind, { blob: { entries: 1, bytes: 3 }, score: { entries: 1, bytes: 7 }, vectors: { entries: 2, bytes: 56 } });
    assert.ok(info.fileBytes > 0);

    assert.deepEqual(cache.clear('vectors'), { entries: 2, bytes: 56 });
    assert.deepEqual(cache.info().byKind, { blob: { entries: 1, bytes: 3 }, score: { entries: 1, bytes: 7 } });
    assert.deepEqual(cache.clear('no-such-kind'), { entries: 0, bytes: 0 });
    assert.deepEqual(cache.clear(), { entries: 2, bytes: 10 });
    assert.deepEqual({ ...cache.info(), fileBytes: 0 }, { path: join(dir, 'cache.sqlite'), entries: 0, bytes: 0, byKind: {}, fileBytes: 0 });
    cache.put('again', 'blob', Buffer.from('x'));
    assert.equal((cache.get('again') as Buffer).toString(), 'x');
  } finally {
    cache.close();
  }
});

test('clear() compacts the file', () => {
  const cache = openCache(tempDir());
  try {
    cache.many(() => {
      for (let k = 0; k < 64; k++) cache.putFloat32(`k${k}`, 'vectors', new Float32Array(4096)); // 1 MiB in all
    });
    const full = cache.info().fileBytes;
    assert.ok(full > 1 << 20, `file of ${full} bytes`);
    cache.clear();
    const empty = cache.info().fileBytes;
    assert.ok(empty < 64 << 10, `after clear: ${empty} bytes`);
  } finally {
    cache.close();
  }
});

test('openCache() defaults to $ATTUNE_CACHE_DIR and creates the folder; cacheInfo() creates nothing', () => {
  const base = tempDir();
  const dir = join(base, 'nested', 'cache');
  assert.deepEqual(cacheInfo(dir), { path: join(dir, 'cache.sqlite'), entries: 0, bytes: 0, byKind: {}, fileBytes: 0 });
  const saved = process.env.ATTUNE_CACHE_DIR;
  process.env.ATTUNE_CACHE_DIR = dir;
  try {
    const cache = openCache();
    assert.equal(cache.path, join(dir, 'cache.sqlite'));
    cache.put('k', 'x', Buffer.from('v'));
    cache.close();
    assert.equal(cacheInfo(dir).entries, 1);
  } finally {
    if (saved === undefined) delete process.env.ATTUNE_CACHE_DIR;
    else process.env.ATTUNE_CACHE_DIR = saved;
  }
  // A cache "folder" that is a file is an input error naming it.
  writeFileSync(join(base, 'a-file'), 'x');
  assert.throws(() => openCache(join(base, 'a-file')), /a-file: the cache folder is a file/);
});

test('a corrupt file: a clear error naming the path and `attune cache clear`; removeCacheFile() recovers', () => {
  const dir = tempDir();
  const path = join(dir, 'cache.sqlite');
  writeFileSync(path, 'this is not a SQLite database, just text that is long enough to have a header '.repeat(20));
  assert.throws(
    () => openCache(dir),
    (e: unknown) => e instanceof CacheFileError && e.file === path && e.message.startsWith(`${path}: the cache file is corrupt`) && e.message.includes("'attune cache clear'"),
  );
  removeCacheFile(dir);
  const cache = openCache(dir);
  cache.put('k', 'x', Buffer.from('v'));
  assert.equal(cache.info().entries, 1);
  cache.close();
});

test('a damaged page inside a valid file is reported as corrupt too', () => {
  const dir = tempDir();
  const cache = openCache(dir);
  cache.many(() => {
    for (let k = 0; k < 200; k++) cache.put(`key-${k}`, 'x', Buffer.alloc(300, k));
  });
  cache.close();
  const path = join(dir, 'cache.sqlite');
  const bytes = readFileSync(path);
  // Page size is 4096: wipe every page after the first (the schema page) with 0xff.
  bytes.fill(0xff, 4096);
  writeFileSync(path, bytes);
  assert.throws(() => {
    const c = openCache(dir);
    try {
      for (let k = 0; k < 200; k++) c.get(`key-${k}`);
      c.info();
    } finally {
      c.close();
    }
  }, (e: unknown) => e instanceof CacheFileError && e.message.includes(path) && e.message.includes('attune cache clear'));
});

test('schema versions: a newer one is refused untouched; an older one is recreated; a foreign database is refused', () => {
  const newer = tempDir();
  const db = new Database(join(newer, 'cache.sqlite'));
  db.exec(`CREATE TABLE attune_schema (version INTEGER NOT NULL); INSERT INTO attune_schema VALUES (${CACHE_SCHEMA_VERSION + 1});`);
  db.exec('CREATE TABLE entries (key TEXT PRIMARY KEY, future TEXT); INSERT INTO entries VALUES (\'k\', \'kept\')');
  db.close();
  assert.throws(() => openCache(newer), (e: unknown) => e instanceof CacheFileError && /newer Attune \(schema version 2; this one reads 1\)/.test(e.message));
  const check = new Database(join(newer, 'cache.sqlite'), { readonly: true });
  assert.deepEqual(check.prepare('SELECT * FROM entries').all(), [{ key: 'k', future: 'kept' }]);
  check.close();

  const older = tempDir();
  const old = new Database(join(older, 'cache.sqlite'));
  old.exec('CREATE TABLE attune_schema (version INTEGER NOT NULL); INSERT INTO attune_schema VALUES (0);');
  old.exec('CREATE TABLE entries (key TEXT PRIMARY KEY, stale BLOB); INSERT INTO entries VALUES (\'k\', x\'00\')');
  old.close();
  const cache = openCache(older);
  assert.equal(cache.info().entries, 0);
  cache.put('k', 'x', Buffer.from('fresh'));
  assert.equal((cache.get('k') as Buffer).toString(), 'fresh');
  cache.close();

  const foreign = tempDir();
  const other = new Database(join(foreign, 'cache.sqlite'));
  other.exec('CREATE TABLE photos (id INTEGER)');
  other.close();
  assert.throws(() => openCache(foreign), /not an Attune cache \(it holds tables photos\)/);
});

test('two connections on one cache see each other\'s writes', () => {
  const dir = tempDir();
  const a = openCache(dir);
  const b = openCache(dir);
  try {
    a.put('from-a', 'x', Buffer.from('A'));
    assert.equal((b.get('from-a') as Buffer).toString(), 'A');
    b.many(() => {
      b.put('from-b1', 'x', Buffer.from('B1'));
      b.put('from-b2', 'x', Buffer.from('B2'));
    });
    assert.equal((a.get('from-b2') as Buffer).toString(), 'B2');
    a.many(() => a.put('from-a', 'x', Buffer.from('A2')));
    assert.equal((b.get('from-a') as Buffer).toString(), 'A2');
    assert.equal(a.info().entries, 3);
    assert.equal(b.info().entries, 3);
    b.clear();
    assert.equal(a.info().entries, 0);
  } finally {
    a.close();
    b.close();
  }
});

test('four processes writing the same cache at once: every entry lands', async () => {
  const dir = tempDir();
  const go = join(dir, 'go');
  // Each writer opens the cache, says ready, waits for the go file, then writes and reports when it wrote.
  const writer = (id: number) => `
    import { existsSync } from 'node:fs';
    import { openCache } from ${JSON.stringify(CACHE_MODULE)};
    const cache = openCache(${JSON.stringify(dir)});
    process.stdout.write('ready\\n');
    while (!existsSync(${JSON.stringify(go)})) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    const start = Date.now();
    for (let k = 0; k < 100; k++) {
      cache.putFloat32('p${id}-single-' + k, 'single', new Float32Array([${id}, k]));
      if (k % 10 === 0) cache.get('p0-single-0');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2); // spread the writes over ~200 ms
    }
    for (let t = 0; t < 10; t++) {
      cache.many(() => {
        for (let k = 0; k < 10; k++) cache.putJson('p${id}-batch-' + (10 * t + k), 'batch', { id: ${id}, k: 10 * t + k });
      });
    }
    process.stdout.write(JSON.stringify({ start, end: Date.now() }) + '\\n');
    cache.close();
  `;
  let ready = 0;
  const results = await Promise.all(
    [0, 1, 2, 3].map((id) =>
      child(writer(id), (text) => {
        if (text === 'ready\n' && ++ready === 4) writeFileSync(go, '');
      }),
    ),
  );
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  // The writers really overlapped: each started before any finished.
  const spans = results.map((r) => JSON.parse(r.stdout.trim().split('\n')[1]) as { start: number; end: number });
  assert.ok(Math.max(...spans.map((s) => s.start)) <= Math.min(...spans.map((s) => s.end)), JSON.stringify(spans));
  const cache = openCache(dir);
  try {
    const info = cache.info();
    // '{"id":0,"k":5}' is 14 bytes, '{"id":0,"k":55}' 15: per writer 10·14 + 90·15 = 1490; 8 bytes per float32 pair.
    assert.deepEqual(info.byKind, { batch: { entries: 400, bytes: 4 * 1490 }, single: { entries: 400, bytes: 400 * 8 } });
    for (let id = 0; id < 4; id++) {
      for (let k = 0; k < 100; k++) {
        assert.deepEqual(Array.from(cache.getFloat32(`p${id}-single-${k}`) as Float32Array), [id, k]);
        assert.deepEqual(cache.getJson(`p${id}-batch-${k}`), { id, k });
      }
    }
  } finally {
    cache.close();
  }
});

test('a process killed in the middle of a batch leaves the old entries', async () => {
  const dir = tempDir();
  const cache = openCache(dir);
  cache.put('a', 'x', Buffer.from('old'));
  cache.close();
  const script = `
    import { openCache } from ${JSON.stringify(CACHE_MODULE)};
    const cache = openCache(${JSON.stringify(dir)});
    cache.many(() => {
      cache.put('a', 'x', Buffer.from('new'));
      for (let k = 0; k < 50; k++) cache.put('half-' + k, 'x', Buffer.alloc(1000, k));
      process.stdout.write('in the middle\\n');
      const until = Date.now() + 20000;
      while (Date.now() < until) {} // hold the transaction open until killed
    });
  `;
  const r = await child(script, (text, kill) => {
    if (text.includes('in the middle')) kill();
  });
  assert.equal(r.signal, 'SIGKILL', r.stderr);
  const after = openCache(dir);
  try {
    assert.equal((after.get('a') as Buffer).toString(), 'old');
    assert.equal(after.get('half-0'), undefined);
    assert.equal(after.info().entries, 1);
    // The cache stays writable after the crash.
    after.put('b', 'x', Buffer.from('b'));
    assert.equal(after.info().entries, 2);
  } finally {
    after.close();
  }
});

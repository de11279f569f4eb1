import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMat73, listMat73Variables, readMat73Variable } from '../../src/data/mat73.ts';
import { InputError } from '../../src/core/input-error.ts';

// Expected values: test/fixtures/mat73/make_expected.py (h5py), which also wrote small_v73.mat.
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/mat73/${name}`, import.meta.url));
const expected = (name: string) => JSON.parse(readFileSync(fixture(name), 'utf8'));
const small = fixture('small_v73.mat');

/** The real 92-image fMRI RDMs: the repo's vendored copy, else the project's shared data; undefined when neither exists. */
const realFile = ['../../data/cichy2014_92images/target_fmri.mat', '../../../shared/data/cichy2014_92images/target_fmri.mat']
  .map((rel) => fileURLToPath(new URL(rel, import.meta.url)))
  .find((path) => existsSync(path));

interface RealExpected {
  dims: number[];
  class: string;
  sha256: string;
  samples: { index: [number, number, number]; value: number }[];
}

test('target_fmri.mat: dims, class, every value (sha256) and samples agree with h5py; each RDM has a zero diagonal and is symmetric up to rounding', { skip: realFile === undefined && 'target_fmri.mat not found' }, async () => {
  const path = realFile!;
  assert.ok(isMat73(new Uint8Array(readFileSync(path))));
  assert.deepEqual(await listMat73Variables(path), ['EVC_RDMs', 'IT_RDMs']);
  const all = expected('target_fmri.expected.json') as Record<string, RealExpected>;
  for (const [name, exp] of Object.entries(all)) {
    const v = await readMat73Variable(path, name);
    assert.equal(v.name, name);
    assert.deepEqual(v.dims, exp.dims);
    assert.deepEqual(v.dims, [15, 92, 92]);
    assert.equal(v.class, exp.class);
    assert.equal(createHash('sha256').update(Buffer.from(v.data.buffer)).digest('hex'), exp.sha256, `${name}: values differ from h5py's`);
    for (const { index: [s, i, j], value } of exp.samples) assert.equal(v.data[(s * 92 + i) * 92 + j], value, `${name}(${s + 1},${i + 1},${j + 1})`);
    // Symmetric up to rounding: the file's two triangles differ by at most 2.2e-16 (one ulp near 1).
    let asymmetry = 0;
    for (let s = 0; s < 15; s++) {
      for (let i = 0; i < 92; i++) {
        assert.equal(v.data[(s * 92 + i) * 92 + i], 0, `${name}: diagonal of subject ${s + 1}`);
        for (let j = 0; j < i; j++) asymmetry = Math.max(asymmetry, Math.abs(v.data[(s * 92 + i) * 92 + j] - v.data[(s * 92 + j) * 92 + i]));
      }
    }
    assert.ok(asymmetry <= 4.5e-16, `${name}: asymmetry ${asymmetry}`);
  }
});

test('small_v73.mat: dims, class and values in MATLAB order for double and uint8; an empty array; the variable list', async () => {
  const exp = expected('small_v73.expected.json');
  assert.deepEqual(await listMat73Variables(small), exp.variables);
  const a = await readMat73Variable(small, 'A');
  assert.deepEqual(a.dims, [2, 3, 4]);
  assert.equal(a.class, 'double');
  assert.deepEqual(Array.from(a.data), exp.A.values);
  // A(i,j,k) = 100i + 10j + k + 0.25 (1-based), independently of the script's JSON.
  assert.equal(a.data[(1 * 3 + 2) * 4 + 3], 234.25);
  assert.equal(a.data[(0 * 3 + 1) * 4 + 0], 121.25);
  const b = await readMat73Variable(small, 'B');
  assert.deepEqual(b.dims, [2, 2]);
  assert.equal(b.class, 'uint8');
  assert.deepEqual(Array.from(b.data), [1, 2, 3, 255]);
  assert.deepEqual(Array.from(b.data), exp.B.values);
  const e = await readMat73Variable(small, 'E');
  assert.deepEqual(e.dims, [0, 3]);
  assert.equal(e.class, 'double');
  assert.equal(e.data.length, 0);
});

test('isMat73: MATLAB header or HDF5 signature at 512; not a v5 .mat or text', () => {
  const bytes = new Uint8Array(readFileSync(small));
  assert.ok(isMat73(bytes));
  const noText = bytes.slice();
  noText.fill(0x20, 0, 128);
  assert.ok(isMat73(noText), 'HDF5 signature at 512');
  assert.ok(!isMat73(new Uint8Array(readFileSync(fileURLToPath(new URL('../fixtures/mat/small_v5.mat', import.meta.url))))));
  assert.ok(!isMat73(new TextEncoder().encode('a,b\n1,2\n')));
  assert.ok(!isMat73(new Uint8Array(0)));
});

test('errors: absent variable (names file, variable and the ones present), struct, char, non-HDF5, truncated, missing file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-mat73-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const rejectsInput = (promise: Promise<unknown>, file: string, pattern: RegExp) =>
    assert.rejects(promise, (e: unknown) => e instanceof InputError && e.file === file && e.message.startsWith(`${file}: `) && pattern.test(e.message));

  await rejectsInput(readMat73Variable(small, 'RDMs'), small, /no variable 'RDMs'.*holds: A, B, C, E, S/);
  await rejectsInput(readMat73Variable(small, 'S'), small, /'S' is a MATLAB struct/);
  await rejectsInput(readMat73Variable(small, 'C'), small, /'C' is of class 'char'/);

  const text = join(dir, 'table.mat');
  writeFileSync(text, 'a,b\n1,2\n');
  await rejectsInput(readMat73Variable(text, 'A'), text, /not an HDF5 file/);
  await rejectsInput(listMat73Variables(text), text, /not an HDF5 file/);
  const v5 = fileURLToPath(new URL('../fixtures/mat/small_v5.mat', import.meta.url));
  await rejectsInput(readMat73Variable(v5, 'A'), v5, /not an HDF5 file.*MATLAB v5/);

  const truncated = join(dir, 'truncated.mat');
  writeFileSync(truncated, readFileSync(small).subarray(0, 600));
  await rejectsInput(readMat73Variable(truncated, 'A'), truncated, /cannot open as an HDF5/);

  const missing = join(dir, 'nope.mat');
  await rejectsInput(readMat73Variable(missing, 'A'), missing, /file not found/);
  await rejectsInput(readMat73Variable(dir, 'A'), dir, /directory/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { isZip, parseNpz, readNpz } from '../../src/data/npz.ts';
import { readMatrix } from '../../src/data/read-matrix.ts';
import { InputError } from '../../src/core/input-error.ts';
import { encodeNpz, parseNpzMembers } from '../../src/core/npz-format.ts';

// Fixtures and expected values: test/fixtures/npz/make_npz.py (numpy's np.savez / np.savez_compressed / np.load).
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/npz/${name}`, import.meta.url));
const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8'));

/** The real 78-image EVC RDMs: the repo's vendored copy, else the project's shared data; undefined when neither exists. */
const realFile = ['../../data/algonauts2019_78images/fmri_EVC_RDMs.npz', '../../../shared/data/algonauts2019_78images/fmri_EVC_RDMs.npz']
  .map((rel) => fileURLToPath(new URL(rel, import.meta.url)))
  .find((path) => existsSync(path));

const isInputError = (file: string, pattern: RegExp) => (e: unknown) =>
  e instanceof InputError && e.file === file && e.message.startsWith(`${file}: `) && pattern.test(e.message);

test('np.savez (stored) and np.savez_compressed (deflated): one float64 2×3 array under arr_0, values exact', async () => {
  for (const name of ['one_stored.npz', 'one_deflated.npz']) {
    const arrays = await readNpz(fixture(name));
    assert.deepEqual(Object.keys(arrays), ['arr_0']);
    const { matrix, dtype, shape } = arrays.arr_0;
    const exp = expected[name].arr_0;
    assert.equal(dtype, exp.dtype);
    assert.deepEqual(shape, [2, 3]);
    assert.equal(matrix.rows, 2);
    assert.equal(matrix.cols, 3);
    assert.deepEqual(Array.from(matrix.data), exp.values, name); // includes 1e-300, 2/3 and -0
  }
});

test('two arrays: a float32 and an int64, by their names', async () => {
  const arrays = await readNpz(fixture('two.npz'));
  assert.deepEqual(Object.keys(arrays).sort(), ['counts', 'weights']);
  const exp = expected['two.npz'];
  assert.equal(arrays.weights.dtype, '<f4');
  assert.deepEqual(arrays.weights.shape, [2, 2]);
  assert.ok(arrays.weights.matrix.data instanceof Float32Array);
  assert.deepEqual(Array.from(arrays.weights.matrix.data), exp.weights.values);
  assert.equal(arrays.counts.dtype, '<i8');
  assert.deepEqual(arrays.counts.shape, [4]);
  assert.deepEqual(Array.from(arrays.counts.matrix.data), [1, -2, 2 ** 40, 7]);
  assert.deepEqual(Array.from(arrays.counts.matrix.data), exp.counts.values);
});

test('readMatrix: a one-array .npz is the matrix (format npz, member named); several arrays are refused, listing them', async () => {
  const { matrix, source } = await readMatrix(fixture('one_deflated.npz'));
  assert.equal(source.format, 'npz');
  assert.equal(source.member, 'arr_0');
  assert.equal(source.dtype, '<f8');
  assert.deepEqual(source.shape, [2, 3]);
  assert.deepEqual(Array.from(matrix.data), expected['one_deflated.npz'].arr_0.values);
  const two = fixture('two.npz');
  await assert.rejects(readMatrix(two), isInputError(two, /holds 2 arrays \((weights, counts|counts, weights)\); one array is needed/));
});

test('errors: truncated archive, not a zip, an empty archive, a member that is not .npy, a missing file', async () => {
  const corrupt = fixture('corrupt.npz');
  await assert.rejects(readNpz(corrupt), isInputError(corrupt, /damaged or truncated/));
  await assert.rejects(readMatrix(corrupt), isInputError(corrupt, /damaged or truncated/));
  const parse = (bytes: Uint8Array, pattern: RegExp) => assert.throws(() => parseNpz(bytes, { file: 'x.npz' }), isInputError('x.npz', pattern));
  parse(new TextEncoder().encode('a,b\n1,2\n'), /not a NumPy \.npz file/);
  parse(new Uint8Array(0), /empty file/);
  parse(zipSync({}), /empty \.npz archive/);
  parse(zipSync({ 'notes.npy': new TextEncoder().encode('hello') }), /member 'notes\.npy' is not a valid \.npy array: not a NumPy \.npy file/);
  const nan = new Uint8Array(readFileSync(fileURLToPath(new URL('../fixtures/npy_f8_nan.npy', import.meta.url))));
  parse(zipSync({ 'a.npy': nan }, { level: 6 }), /member 'a\.npy' is not a valid \.npy array: non-finite value/);
  assert.ok(isZip(zipSync({})) && isZip(readFileSync(fixture('two.npz'))) && !isZip(nan));
  const missing = fixture('nope.npz');
  await assert.rejects(readNpz(missing), isInputError(missing, /file not found/));
});

test('fmri_EVC_RDMs.npz (algonauts 2019): arr_0 of shape [15, 78, 78]; every slice has a zero diagonal and is symmetric up to rounding', { skip: realFile === undefined && 'fmri_EVC_RDMs.npz not found' }, async () => {
  const exp = expected['fmri_EVC_RDMs.npz'];
  const arrays = await readNpz(realFile!);
  assert.deepEqual(Object.keys(arrays), exp.keys);
  const { matrix, shape, dtype } = arrays.arr_0;
  assert.deepEqual(shape, [15, 78, 78]);
  assert.deepEqual(shape, exp.shape);
  assert.equal(dtype, exp.dtype);
  assert.equal(matrix.rows, 15);
  assert.equal(matrix.cols, 78 * 78);
  const at = (s: number, i: number, j: number) => matrix.data[(s * 78 + i) * 78 + j];
  for (const { index: [s, i, j], value } of exp.samples) assert.equal(at(s, i, j), value, `(${s}, ${i}, ${j})`);
  // The two triangles differ by at most 2.2e-16 (one ulp near 0.5) in the file itself.
  let asymmetry = 0;
  for (let s = 0; s < 15; s++) {
    for (let i = 0; i < 78; i++) {
      assert.equal(at(s, i, i), 0, `diagonal of slice ${s}`);
      for (let j = 0; j < i; j++) asymmetry = Math.max(asymmetry, Math.abs(at(s, i, j) - at(s, j, i)));
    }
  }
  assert.ok(asymmetry <= 4.5e-16, `asymmetry ${asymmetry}`);
});

test('encodeNpz writes float and text members that parseNpzMembers reads back; parseNpz leaves the text (labels) out', () => {
  const labels = ['face', 'Gesicht ✓', 'visage 𝄞', ''];
  const bytes = encodeNpz({ rdm: { values: Float64Array.of(0, 1, 1, 0), shape: [2, 2] }, labels });
  const { arrays, texts } = parseNpzMembers(bytes);
  assert.deepEqual(arrays.rdm.shape, [2, 2]);
  assert.deepEqual(Array.from(arrays.rdm.matrix.data), [0, 1, 1, 0]);
  assert.deepEqual(texts.labels.strings, labels);
  assert.equal(texts.labels.dtype, '<U9');
  assert.deepEqual(Object.keys(parseNpz(bytes)), ['rdm']);
});

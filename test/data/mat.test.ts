import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { matCount, matDims, matField, matIndex, matString, matStrings, matToMatrix, parseMat, readMat, type MatValue } from '../../src/data/mat.ts';
import { InputError } from '../../src/core/input-error.ts';
import { toRows } from '../../src/core/matrix.ts';

// Expected values: test/fixtures/mat/make_expected.py (scipy.io.loadmat), which also wrote the small fixtures.
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/mat/${name}`, import.meta.url));
const dataFile = (name: string) => fileURLToPath(new URL(`../../data/rdm92_kriegeskorte/${name}`, import.meta.url));
const expected = (name: string) => JSON.parse(readFileSync(fixture(name), 'utf8')) as Record<string, Expected>;

/** Non-finite values are written as the strings 'nan', 'inf', '-inf'. */
interface Numbers { sha256: string; sum: number | null; first: (number | string)[]; last: (number | string)[] }
const decode = (xs: (number | string)[]) => xs.map((x) => (typeof x === 'number' ? x : x === 'nan' ? NaN : x === 'inf' ? Infinity : -Infinity));
interface Expected {
  type: string; dims: number[]; class?: string; real?: Numbers; imag?: Numbers; values?: number[]; rows?: string[];
  items?: (Expected | Record<string, Expected>)[]; fields?: string[]; nnz?: number; dense?: Numbers;
}

/** sha256 of values as little-endian float64 (the script's digest). */
function digest(values: ArrayLike<number>): string {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(8 * i, values[i], true);
  return createHash('sha256').update(bytes).digest('hex');
}

function checkNumbers(values: ArrayLike<number>, exp: Numbers, at: string): void {
  assert.equal(digest(values), exp.sha256, `${at}: values differ from scipy's`);
  const arr = Array.from(values);
  assert.deepEqual(arr.slice(0, 5), decode(exp.first), `${at}: first values`);
  assert.deepEqual(arr.length ? arr.slice(-3) : [], decode(exp.last), `${at}: last values`);
  if (exp.sum !== null) {
    const sum = arr.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - exp.sum) <= 1e-9 * Math.max(1, Math.abs(exp.sum)), `${at}: sum ${sum} vs ${exp.sum}`);
  }
}

/** Compare a value with scipy's description of it, recursively. */
function compare(v: MatValue, exp: Expected, at: string): void {
  assert.equal(v.type, exp.type, `${at}: type`);
  assert.deepEqual(matDims(v), exp.dims ?? [], `${at}: dims`);
  switch (v.type) {
    case 'numeric':
      assert.equal(v.class, exp.class, `${at}: class`);
      checkNumbers(v.data, exp.real!, `${at} (real)`);
      if (exp.imag) checkNumbers(v.imag!, exp.imag, `${at} (imag)`);
      else assert.equal(v.imag, undefined, `${at}: not complex`);
      break;
    case 'logical':
      assert.deepEqual(Array.from(v.data), exp.values, `${at}: logical values`);
      break;
    case 'char':
      assert.deepEqual(v.rows, exp.rows, `${at}: char rows`);
      break;
    case 'cell':
      assert.equal(v.items.length, exp.items!.length);
      v.items.forEach((item, i) => compare(item, exp.items![i] as Expected, `${at}{${i + 1}}`));
      break;
    case 'struct':
      assert.deepEqual(v.fields, exp.fields, `${at}: fields`);
      assert.equal(v.items.length, exp.items!.length);
      v.items.forEach((item, i) => {
        const e = exp.items![i] as Record<string, Expected>;
        for (const f of v.fields) compare(item[f], e[f], `${at}(${i + 1}).${f}`);
      });
      break;
    case 'sparse': {
      assert.equal(v.data.length, exp.nnz, `${at}: nnz`);
      const m = matToMatrix(v);
      const colMajor: number[] = [];
      for (let j = 0; j < m.cols; j++) for (let i = 0; i < m.rows; i++) colMajor.push(m.data[i * m.cols + j]);
      checkNumbers(colMajor, exp.dense!, `${at} (dense)`);
      break;
    }
    case 'unsupported':
      break;
  }
}

function compareFile(path: string, expectedName: string): Record<string, MatValue> {
  const vars = readMat(path);
  const exp = expected(expectedName);
  assert.deepEqual(Object.keys(vars).sort(), Object.keys(exp).sort());
  for (const name of Object.keys(exp)) compare(vars[name], exp[name], name);
  return vars;
}

test('scipy savemat fixtures, uncompressed and compressed: every class and shape as scipy reads it', () => {
  for (const name of ['small_v5', 'small_v5_compressed']) compareFile(fixture(`${name}.mat`), `${name}.expected.json`);
});

test('long names, and a hand-written big-endian file with small data elements', () => {
  const long = compareFile(fixture('small_long_names.mat'), 'small_long_names.expected.json');
  const s = long['a_rather_long_variable_name_over_31_chars'];
  assert.equal(matToMatrix(matField(s, 'a_field_name_that_is_longer_than_31_characters')).data[0], 1);
  const be = compareFile(fixture('big_endian.mat'), 'big_endian.expected.json');
  assert.deepEqual(toRows(matToMatrix(be.x)), [[1, 2], [3, 4.5]]);
  assert.equal(matString(be.t), 'Hi');
});

test('closed-form values of the small fixture (independent of scipy)', () => {
  const v = readMat(fixture('small_v5_compressed.mat'));
  // d = arange(12).reshape(3, 4) / 8 - 0.3, row-major in numpy
  assert.deepEqual(toRows(matToMatrix(v.d)), [0, 1, 2].map((i) => [0, 1, 2, 3].map((j) => (i * 4 + j) / 8 - 0.3)));
  // cube[i, j, k] = (i + 2j + 6k) * 1.5 (Fortran-order arange)
  const cube = v.cube;
  assert.ok(cube.type === 'numeric');
  assert.equal(cube.data[matIndex(cube.dims, [1, 2, 3])], (1 + 4 + 18) * 1.5);
  assert.equal(cube.data[matIndex(cube.dims, [0, 1, 2])], (0 + 2 + 12) * 1.5);
  assert.throws(() => matToMatrix(cube), TypeError);
  const i64 = v.i64;
  assert.ok(i64.type === 'numeric' && i64.class === 'int64');
  assert.deepEqual(Array.from(i64.data), [-(2 ** 40) - 3, 2 ** 52 + 1]);
  assert.equal(matString(v.greeting), 'hello, wörld');
  assert.equal(matString(v.charmat), 'abc\nxyz');
  assert.equal(matString(v.emptystr), '');
  assert.deepEqual(matStrings(v.names), ['alpha', 'be', 'gamma']);
  assert.deepEqual(toRows(matToMatrix(v.mask)), [[1, 0, 1], [0, 0, 1]]);
  assert.deepEqual(toRows(matToMatrix(v.sp)), [[0, 2.5, 0], [1, 0, 0], [0, 0, -4], [0, 0, 8]]);
  assert.throws(() => matToMatrix(v.z), TypeError);
  const z = v.z;
  assert.ok(z.type === 'numeric');
  assert.deepEqual(Array.from(z.imag!), [2, 0, -3.5, -1]);
  // struct array s(2).b.label = 'nested'
  assert.equal(matString(matField(matField(v.s, 'b', 1), 'label')), 'nested');
  assert.deepEqual(toRows(matToMatrix(matField(v.s, 'a', 1))), [[-3, -2, -1], [0, 1, 2]]);
  assert.equal(matField(v.s, 'a', 1).type === 'numeric' && (matField(v.s, 'a', 1) as { class: string }).class, 'int16');
  assert.throws(() => matField(v.s, 'nope'), TypeError);
  assert.throws(() => matField(v.s, 'a', 2), RangeError);
  assert.throws(() => matString(v.d), TypeError);
  assert.equal(matCount(v.cell), 4);
});

test('the four 92-image files match scipy exactly (every variable, field and array)', () => {
  for (const name of ['92_brainRDMs', '92_behavRDMs', '92_modelRDMs', 'Kriegeskorte_Neuron2008_supplementalData']) {
    compareFile(dataFile(`${name}.mat`), `rdm92_${name}.expected.json`);
  }
});

test('92-image RDMs: structure, names, and RDM properties', () => {
  const brain = readMat(dataFile('92_brainRDMs.mat')).RDMs;
  assert.deepEqual(matDims(brain), [1, 4, 2]);
  // RDMs(1, subject, session), column-major: subject varies fastest.
  assert.equal(matString(matField(brain, 'name', matIndex([1, 4, 2], [0, 2, 1]))), 'hIT | SN | Session: 2');
  const models = readMat(dataFile('92_modelRDMs.mat')).Models;
  assert.ok(models.type === 'struct');
  assert.deepEqual(models.items.map((it) => matString(it.name)), ['animacy', 'FaceBodyManmadeNatobj', 'monkeyIT', 'EVA', 'HMAX', 'V1', 'Silhouette', 'RADON']);
  for (const item of models.items) {
    const m = matToMatrix(item.RDM);
    assert.equal(m.rows, 92);
    assert.equal(m.cols, 92);
    for (let i = 0; i < 92; i++) {
      assert.equal(m.data[i * 92 + i], 0);
      for (let j = 0; j < i; j++) assert.equal(m.data[i * 92 + j], m.data[j * 92 + i]);
    }
  }
  const supp = readMat(dataFile('Kriegeskorte_Neuron2008_supplementalData.mat'));
  assert.deepEqual(matStrings(supp.categoryLabels).slice(0, 3), ['animate', 'inanim', 'human']);
  assert.deepEqual(matDims(matField(supp.RDMs_mIT_hIT_fig1, 'RDM')), [1, (92 * 91) / 2]);
  assert.deepEqual(matDims(matField(supp.stimuli_92objs, 'image', 91)), [175, 175, 3]);
});

test('errors: empty, not a .mat, v7.3, bad version, truncated, corrupt compression → InputError naming the file', () => {
  const good = new Uint8Array(readFileSync(fixture('small_v5_compressed.mat')));
  const expectInput = (bytes: Uint8Array, pattern: RegExp) =>
    assert.throws(() => parseMat(bytes, { file: 'x.mat' }), (e: unknown) => e instanceof InputError && e.file === 'x.mat' && e.line === undefined && pattern.test(e.message));
  expectInput(new Uint8Array(0), /empty/);
  expectInput(new TextEncoder().encode('a,b\n1,2\n'), /not a MATLAB v5/);
  const v73 = good.slice();
  v73.set(new TextEncoder().encode('MATLAB 7.3 MAT-file'), 0);
  expectInput(v73, /v7\.3/);
  const hdf5 = new Uint8Array(readFileSync(fileURLToPath(new URL('../fixtures/mat73/small_v73.mat', import.meta.url))));
  expectInput(hdf5, /MATLAB v7\.3 \(HDF5\) \.mat file: this reader takes MATLAB v5; v7\.3 files are read by the HDF5 reader/);
  const badVersion = good.slice();
  badVersion[124] = 7;
  expectInput(badVersion, /version/);
  const badEndian = good.slice();
  badEndian[126] = 0x58;
  expectInput(badEndian, /endian/);
  expectInput(good.subarray(0, 100), /truncated .mat header/);
  expectInput(good.subarray(0, good.length - 3), /truncated.*byte \d+/);
  const corrupt = good.slice();
  corrupt.fill(0xab, 140, 160);
  expectInput(corrupt, /decompress|byte/);
  const unknown = new Uint8Array(readFileSync(fixture('small_v5.mat')));
  unknown[128] = 99; // top-level type code
  expectInput(unknown, /unexpected top-level data type 99 .*byte 128/);
  assert.throws(() => readMat(fixture('does-not-exist.mat')), InputError);
  // Any truncation throws InputError (or, at an element boundary, reads fewer variables), never another error.
  for (const bytes of [new Uint8Array(readFileSync(fixture('small_v5.mat'))), good]) {
    for (let cut = 128; cut < bytes.length; cut += 5) {
      try {
        parseMat(bytes.subarray(0, cut), { file: 'x.mat' });
      } catch (e) {
        assert.ok(e instanceof InputError, `cut at ${cut}: ${(e as Error).message}`);
      }
    }
  }
});

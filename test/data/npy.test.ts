import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isNpy, parseNpy } from '../../src/data/npy.ts';
import { parseNumericTable } from '../../src/data/numeric-table.ts';
import { InputError } from '../../src/core/input-error.ts';

// Fixtures made by test/fixtures/make_npy.py with numpy's own writer (numpy.lib.format.write_array).
const bytes = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
const base = Array.from({ length: 12 }, (_, k) => k + 0.5); // np.arange(12).reshape(3, 4) + 0.5, row-major

test('float64 C order, format versions 1, 2 and 3', () => {
  for (const [name, version] of [['npy_f8_3x4.npy', 1], ['npy_f8_3x4_v2.npy', 2], ['npy_f8_3x4_v3.npy', 3]] as const) {
    const a = parseNpy(bytes(name), { file: name });
    assert.equal(a.version, version);
    assert.equal(a.dtype, '<f8');
    assert.deepEqual(a.shape, [3, 4]);
    assert.equal(a.fortranOrder, false);
    assert.equal(a.matrix.rows, 3);
    assert.equal(a.matrix.cols, 4);
    assert.ok(a.matrix.data instanceof Float64Array);
    assert.deepEqual(Array.from(a.matrix.data), base);
  }
});

test('Fortran order is reordered to row-major (2-D and 3-D)', () => {
  const a = parseNpy(bytes('npy_f8_3x4_fortran.npy'));
  assert.equal(a.fortranOrder, true);
  assert.deepEqual(Array.from(a.matrix.data), base);
  // np.arange(12).reshape(2, 3, 2) stored in Fortran order: rows = axis 0, columns = the other axes in C order.
  const b = parseNpy(bytes('npy_f8_2x3x2_fortran.npy'));
  assert.deepEqual(b.shape, [2, 3, 2]);
  assert.equal(b.matrix.rows, 2);
  assert.equal(b.matrix.cols, 6);
  assert.deepEqual(Array.from(b.matrix.data), Array.from({ length: 12 }, (_, k) => k));
});

test('float32, int32, int64 and big-endian float64', () => {
  const f4 = parseNpy(bytes('npy_f4_3x4.npy'));
  assert.ok(f4.matrix.data instanceof Float32Array);
  assert.deepEqual(Array.from(f4.matrix.data), base); // k + 0.5 is exact in float32
  const i4 = parseNpy(bytes('npy_i4_3x4.npy'));
  assert.deepEqual(Array.from(i4.matrix.data), Array.from({ length: 12 }, (_, k) => (k === 0 ? 0 : -k)));
  const i8 = parseNpy(bytes('npy_i8_3x4.npy'));
  assert.deepEqual(Array.from(i8.matrix.data), Array.from({ length: 12 }, (_, k) => k * 1000000007));
  const be = parseNpy(bytes('npy_f8be_3x4.npy'));
  assert.equal(be.dtype, '>f8');
  assert.deepEqual(Array.from(be.matrix.data), base);
});

test('a 1-D array is one column', () => {
  const a = parseNpy(bytes('npy_f8_5.npy'));
  assert.equal(a.matrix.rows, 5);
  assert.equal(a.matrix.cols, 1);
  assert.deepEqual(Array.from(a.matrix.data), [0, 0.25, 0.5, 0.75, 1]);
});

test('the .npy of the reference CSV holds exactly the same float64 values', () => {
  const npy = parseNpy(bytes('npy_X_20x50.npy'));
  const csv = parseNumericTable(readFileSync(new URL('../fixtures/X_20x50.csv', import.meta.url), 'utf8'));
  assert.deepEqual(Array.from(npy.matrix.data), Array.from(csv.matrix.data));
});

test('unsupported dtype, NaN, bad magic and truncated data are InputErrors naming the file', () => {
  assert.throws(() => parseNpy(bytes('npy_i2_3x4.npy'), { file: 'a.npy' }), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.equal(e.file, 'a.npy');
    assert.match(e.message, /^a\.npy: unsupported dtype '<i2'.*float64 \('<f8'\), float32 \('<f4'\), float16 \('<f2'\), int32 \('<i4'\) and int64 \('<i8'\)/);
    return true;
  });
  assert.throws(() => parseNpy(bytes('npy_f8_nan.npy'), { file: 'n.npy' }), /^InputError: n\.npy: non-finite value NaN at row 2, column 3/);
  assert.throws(() => parseNpy(new TextEncoder().encode('1,2,3\n'), { file: 't.npy' }), /t\.npy: not a NumPy \.npy file/);
  const full = bytes('npy_f8_3x4.npy');
  assert.throws(() => parseNpy(full.subarray(0, full.length - 8), { file: 'c.npy' }), /c\.npy: truncated data: shape \(3, 4\) of <f8 needs 96 bytes, the file has 88/);
  assert.throws(() => parseNpy(new Uint8Array(0), { file: 'e.npy' }), /e\.npy: empty file/);
  assert.equal(isNpy(full), true);
  assert.equal(isNpy(new TextEncoder().encode('1,2')), false);
});

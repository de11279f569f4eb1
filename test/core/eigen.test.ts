import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/random.ts';
import fc from 'fast-check';
import { matrix, type Matrix } from '../../src/core/matrix.ts';
import {
  EigenConvergenceError,
  symmetricEigen,
  symmetricEigenvalues,
  tridiagonalEigen,
  tridiagonalEigenvalues,
  tridiagonalize,
} from '../../src/core/eigen.ts';
import { mul, orthonormalizeColumns, transposed } from '../../test-support/naive-linear-algebra.ts';

function frob(a: Matrix): number {
  let s = 0;
  for (const v of a.data) s += v * v;
  return Math.sqrt(s);
}

/** Random orthogonal n×n: modified Gram–Schmidt on a Gaussian matrix (columns). */
function randomOrthogonal(n: number, seed: number): Matrix {
  const r = createRng(seed);
  const q = Float64Array.from({ length: n * n }, () => r.normal());
  orthonormalizeColumns(q, n, n);
  return matrix(n, n, q);
}

/** Q·diag(values)·Qᵀ, exactly symmetrised. */
function withSpectrum(values: number[], seed: number): Matrix {
  const n = values.length;
  const q = randomOrthogonal(n, seed);
  const qd = matrix(n, n, Float64Array.from(q.data));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) qd.data[i * n + j] *= values[j];
  const a = mul(qd, transposed(q));
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a.data[j * n + i] = a.data[i * n + j];
  return a;
}

/** Random SPD: G·Gᵀ/n + I/10 for a Gaussian G. */
function randomSpd(n: number, seed: number): Matrix {
  const r = createRng(seed);
  const g = matrix(n, n, Float64Array.from({ length: n * n }, () => r.normal()));
  const a = mul(g, transposed(g));
  for (let i = 0; i < n * n; i++) a.data[i] /= n;
  for (let i = 0; i < n; i++) a.data[i * n + i] += 0.1;
  return a;
}

/** ‖AV − VΛ‖_F / ‖A‖_F and ‖VᵀV − I‖_max. */
function quality(a: Matrix, values: Float64Array, v: Matrix): { residual: number; orthogonality: number } {
  const n = a.rows;
  const av = mul(a, v);
  let res = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) res += (av.data[i * n + j] - v.data[i * n + j] * values[j]) ** 2;
  const vtv = mul(transposed(v), v);
  let orth = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) orth = Math.max(orth, Math.abs(vtv.data[i * n + j] - (i === j ? 1 : 0)));
  return { residual: Math.sqrt(res) / Math.max(frob(a), 1e-300), orthogonality: orth };
}

function assertAscending(values: Float64Array): void {
  for (let i = 1; i < values.length; i++) assert.ok(values[i - 1] <= values[i], `values not ascending at ${i}`);
}

test('second-difference matrix: eigenvalues 2 − 2cos(kπ/(n+1)) in closed form', () => {
  for (const n of [1, 2, 3, 17, 50]) {
    const a = matrix(n, n);
    for (let i = 0; i < n; i++) {
      a.data[i * n + i] = 2;
      if (i > 0) a.data[i * n + i - 1] = a.data[(i - 1) * n + i] = -1;
    }
    const expected = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)));
    const { values, vectors } = symmetricEigen(a);
    const tri = tridiagonalEigen(new Float64Array(n).fill(2), new Float64Array(n - 1).fill(-1));
    const triValues = tridiagonalEigenvalues(new Float64Array(n).fill(2), new Float64Array(n - 1).fill(-1));
    for (let k = 0; k < n; k++) {
      assert.ok(Math.abs(values[k] - expected[k]) <= 1e-14 * 4, `n=${n} k=${k}: ${values[k]} vs ${expected[k]}`);
      assert.ok(Math.abs(tri.values[k] - expected[k]) <= 1e-14 * 4, `tridiagonal n=${n} k=${k}`);
      assert.ok(Math.abs(triValues[k] - expected[k]) <= 1e-14 * 4, `tridiagonal values n=${n} k=${k}`);
    }
    const q = quality(a, values, vectors);
    assert.ok(q.residual <= 1e-14 && q.orthogonality <= 1e-13, `n=${n}: ${JSON.stringify(q)}`);
    const qt = quality(a, tri.values, tri.vectors);
    assert.ok(qt.residual <= 1e-14 && qt.orthogonality <= 1e-13, `tridiagonal n=${n}: ${JSON.stringify(qt)}`);
  }
});

test('2×2 closed form and eigenvector direction', () => {
  // [[2, 1], [1, 2]]: eigenvalues 1 and 3 with eigenvectors (1, −1)/√2 and (1, 1)/√2.
  const { values, vectors } = symmetricEigen(matrix(2, 2, Float64Array.from([2, 1, 1, 2])));
  assert.ok(Math.abs(values[0] - 1) < 1e-15 && Math.abs(values[1] - 3) < 1e-15);
  const v0 = [vectors.data[0], vectors.data[2]];
  const v1 = [vectors.data[1], vectors.data[3]];
  assert.ok(Math.abs(Math.abs(v0[0]) - Math.SQRT1_2) < 1e-15 && Math.abs(v0[0] + v0[1]) < 1e-15);
  assert.ok(Math.abs(Math.abs(v1[0]) - Math.SQRT1_2) < 1e-15 && Math.abs(v1[0] - v1[1]) < 1e-15);
});

test('random SPD matrices: residual ≤ 1e-12·‖A‖, orthonormal vectors, trace and ‖A‖_F preserved', () => {
  for (const [n, seed] of [[5, 1], [33, 2], [120, 3], [257, 4]]) {
    const a = randomSpd(n, seed);
    const { values, vectors } = symmetricEigen(a);
    assertAscending(values);
    const q = quality(a, values, vectors);
    assert.ok(q.residual <= 1e-12, `n=${n} residual ${q.residual}`);
    assert.ok(q.orthogonality <= 1e-12, `n=${n} orthogonality ${q.orthogonality}`);
    let trace = 0, sum = 0, sq = 0;
    for (let i = 0; i < n; i++) trace += a.data[i * n + i];
    for (const v of values) {
      sum += v;
      sq += v * v;
    }
    assert.ok(Math.abs(sum - trace) <= 1e-12 * trace);
    assert.ok(Math.abs(Math.sqrt(sq) - frob(a)) <= 1e-12 * frob(a));
    assert.ok(values[0] > 0.0999, 'SPD spectrum stays above the added 0.1·I');
    const only = symmetricEigenvalues(a);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(only[i] - values[i]) <= 1e-12 * values[n - 1]);
  }
});

test('prescribed spectra: repeated, clustered, zero and negative eigenvalues are recovered', () => {
  const spectra: number[][] = [
    [1, 1, 1, 1, 1, 1],
    [0, 0, 0, 2, 2, 5, 5, 5],
    [-3, -1e-9, 0, 1e-9, 1, 1 + 1e-12, 1 + 2e-12, 7],
    Array.from({ length: 40 }, (_, i) => (i < 30 ? 0 : i)), // a rank-10 Gram-like matrix
    Array.from({ length: 64 }, (_, i) => 10 ** (-i / 8)), // graded over eight decades
  ];
  spectra.forEach((spectrum, s) => {
    const a = withSpectrum(spectrum, 100 + s);
    const { values, vectors } = symmetricEigen(a);
    const sorted = [...spectrum].sort((x, y) => x - y);
    const scale = Math.max(...spectrum.map(Math.abs));
    for (let i = 0; i < sorted.length; i++) {
      assert.ok(Math.abs(values[i] - sorted[i]) <= 1e-13 * scale, `spectrum ${s}, value ${i}: ${values[i]} vs ${sorted[i]}`);
    }
    const q = quality(a, values, vectors);
    assert.ok(q.residual <= 1e-13 && q.orthogonality <= 1e-13, `spectrum ${s}: ${JSON.stringify(q)}`);
  });
});

test('only the lower triangle is read', () => {
  const a = randomSpd(30, 9);
  const garbage = matrix(30, 30, Float64Array.from(a.data));
  for (let i = 0; i < 30; i++) for (let j = i + 1; j < 30; j++) garbage.data[i * 30 + j] = 1e6 * (i - j);
  const clean = symmetricEigen(a);
  const dirty = symmetricEigen(garbage);
  assert.deepEqual(dirty.values, clean.values);
  assert.deepEqual(dirty.vectors.data, clean.vectors.data);
});

test('edge cases: empty, 1×1, zero, diagonal, identity, extreme scales, bad input', () => {
  assert.equal(symmetricEigen(matrix(0, 0)).values.length, 0);
  const one = symmetricEigen(matrix(1, 1, Float64Array.from([-4])));
  assert.deepEqual(Array.from(one.values), [-4]);
  assert.deepEqual(Array.from(one.vectors.data), [1]);
  const zero = symmetricEigen(matrix(4, 4));
  assert.deepEqual(Array.from(zero.values), [0, 0, 0, 0]);
  assert.ok(quality(matrix(4, 4), zero.values, zero.vectors).orthogonality === 0);
  const diag = matrix(4, 4);
  [3, -1, 2, 0.5].forEach((v, i) => (diag.data[i * 4 + i] = v));
  assert.deepEqual(Array.from(symmetricEigen(diag).values), [-1, 0.5, 2, 3]);
  const eye = symmetricEigen(matrix(5, 5, Float64Array.from({ length: 25 }, (_, k) => (k % 6 === 0 ? 1 : 0))));
  assert.deepEqual(Array.from(eye.values), [1, 1, 1, 1, 1]);
  for (const scale of [1e300, 1e-300]) {
    const a = randomSpd(12, 5);
    const big = matrix(12, 12, a.data.map((v) => v * scale));
    const ref = symmetricEigen(a).values;
    const got = symmetricEigen(big);
    for (let i = 0; i < 12; i++) assert.ok(Math.abs(got.values[i] / scale - ref[i]) <= 1e-13 * ref[11], `scale ${scale}`);
    assert.ok(got.values.every(Number.isFinite));
  }
  assert.throws(() => symmetricEigen(matrix(2, 3)), RangeError);
  assert.throws(() => symmetricEigen(matrix(2, 2, Float64Array.from([1, 0, NaN, 1]))), RangeError);
  assert.ok(new EigenConvergenceError(3).message.includes('3'));
  assert.throws(() => tridiagonalEigenvalues([1, 2], [NaN]), RangeError);
  assert.throws(() => tridiagonalEigen([1, 2], [1, 2]), RangeError);
});

test('float32 input is accepted (computed in float64)', () => {
  const a = randomSpd(20, 11);
  const f32 = matrix(20, 20, Float32Array.from(a.data));
  const { values, vectors } = symmetricEigen(f32);
  const q = quality(matrix(20, 20, Float64Array.from(f32.data)), values, vectors);
  assert.ok(q.residual <= 1e-13 && q.orthogonality <= 1e-13);
});

test('tridiagonalize: Q orthogonal, Q·T·Qᵀ = A, T has the same spectrum', () => {
  for (const n of [1, 2, 3, 10, 45]) {
    const a = randomSpd(n, 20 + n);
    const { diagonal, offDiagonal, q } = tridiagonalize(a);
    assert.equal(diagonal.length, n);
    assert.equal(offDiagonal.length, Math.max(0, n - 1));
    const t = matrix(n, n);
    for (let i = 0; i < n; i++) {
      t.data[i * n + i] = diagonal[i];
      if (i > 0) t.data[i * n + i - 1] = t.data[(i - 1) * n + i] = offDiagonal[i - 1];
    }
    const back = mul(mul(q, t), transposed(q));
    let err = 0;
    for (let k = 0; k < n * n; k++) err = Math.max(err, Math.abs(back.data[k] - a.data[k]));
    assert.ok(err <= 1e-13 * frob(a), `n=${n}: ‖QTQᵀ − A‖ = ${err}`);
    const qtq = mul(transposed(q), q);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) assert.ok(Math.abs(qtq.data[i * n + j] - (i === j ? 1 : 0)) <= 1e-14 * n);
    const tv = tridiagonalEigen(diagonal, offDiagonal).values;
    const av = symmetricEigen(a).values;
    for (let i = 0; i < n; i++) assert.ok(Math.abs(tv[i] - av[i]) <= 1e-13 * av[n - 1]);
  }
});

test('property: any symmetric matrix gets a small residual and orthonormal eigenvectors', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 14 }),
      fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 196, maxLength: 196 }),
      (n, entries) => {
        const a = matrix(n, n);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j <= i; j++) a.data[i * n + j] = a.data[j * n + i] = entries[i * 14 + j];
        }
        const { values, vectors } = symmetricEigen(a);
        assertAscending(values);
        const q = quality(a, values, vectors);
        return (frob(a) === 0 || q.residual <= 1e-13) && q.orthogonality <= 1e-13;
      },
    ),
    { numRuns: 200 },
  );
});

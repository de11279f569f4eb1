import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/random.ts';
import { matrix, type Matrix } from '../../src/core/matrix.ts';
import { singularValues, thinSvd, type ThinSvd } from '../../src/core/svd.ts';
import { mul, orthonormalizeColumns } from '../../test-support/naive-linear-algebra.ts';

/** n×k matrix with orthonormal columns (modified Gram–Schmidt, twice, on Gaussian columns). */
function orthonormalColumns(n: number, k: number, seed: number): Matrix {
  const rng = createRng(seed);
  const q = Float64Array.from({ length: n * k }, () => rng.normal());
  orthonormalizeColumns(q, n, k);
  return matrix(n, k, q);
}

/** X = U·diag(s)·Vᵀ with random orthonormal U (n×k), V (p×k). */
function withSingularValues(n: number, p: number, s: number[], seed: number): Matrix {
  const k = s.length;
  const u = orthonormalColumns(n, k, seed);
  const v = orthonormalColumns(p, k, seed + 1);
  const us = matrix(n, k, Float64Array.from(u.data));
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) us.data[i * k + c] *= s[c];
  const vt = matrix(k, p);
  for (let i = 0; i < p; i++) for (let c = 0; c < k; c++) vt.data[c * p + i] = v.data[i * k + c];
  return mul(us, vt);
}

/** max |U·diag(s)·Vᵀ − X| / max|X|, and the orthonormality defects of U and V. */
function check(x: Matrix, svd: ThinSvd): { recon: number; uOrth: number; vOrth: number } {
  const r = svd.s.length;
  const us = matrix(x.rows, r, Float64Array.from(svd.u.data));
  for (let i = 0; i < x.rows; i++) for (let c = 0; c < r; c++) us.data[i * r + c] *= svd.s[c];
  const back = mul(us, svd.vt);
  let err = 0, scale = 0;
  for (let k = 0; k < x.data.length; k++) {
    err = Math.max(err, Math.abs(back.data[k] - x.data[k]));
    scale = Math.max(scale, Math.abs(x.data[k]));
  }
  const gramDefect = (m: Matrix, byColumns: boolean): number => {
    let worst = 0;
    const dim = byColumns ? m.cols : m.rows;
    const len = byColumns ? m.rows : m.cols;
    for (let a = 0; a < dim; a++) {
      for (let b = 0; b < dim; b++) {
        let d = 0;
        for (let i = 0; i < len; i++) {
          d += byColumns ? m.data[i * m.cols + a] * m.data[i * m.cols + b] : m.data[a * m.cols + i] * m.data[b * m.cols + i];
        }
        worst = Math.max(worst, Math.abs(d - (a === b ? 1 : 0)));
      }
    }
    return worst;
  };
  return { recon: err / scale, uOrth: gramDefect(svd.u, true), vOrth: gramDefect(svd.vt, false) };
}

test('2×2 closed form: [[3,0],[4,5]] has singular values 3√5 and √5', async () => {
  const x = matrix(2, 2, Float64Array.from([3, 0, 4, 5]));
  const svd = await thinSvd(x);
  assert.equal(svd.dropped, 0);
  assert.ok(Math.abs(svd.s[0] - 3 * Math.sqrt(5)) <= 1e-15 * 7);
  assert.ok(Math.abs(svd.s[1] - Math.sqrt(5)) <= 1e-15 * 7);
  const q = check(x, svd);
  assert.ok(q.recon <= 1e-15 && q.uOrth <= 1e-15 && q.vOrth <= 1e-15, JSON.stringify(q));
});

test('prescribed singular values are recovered, tall and wide, on both backends', async () => {
  const s = [10, 7, 5, 3, 2, 1, 0.5, 0.25];
  for (const [n, p] of [[60, 8], [8, 60], [40, 25], [25, 40]]) {
    const x = withSingularValues(n, p, s, n * 100 + p);
    for (const backend of ['ts', 'ort'] as const) {
      const svd = await thinSvd(x, { backend });
      assert.equal(svd.s.length, s.length, `${n}×${p}: rank`);
      assert.equal(svd.dropped, Math.min(n, p) - s.length);
      for (let i = 0; i < s.length; i++) assert.ok(Math.abs(svd.s[i] - s[i]) <= 1e-13 * s[0], `${n}×${p} ${backend}: s${i} = ${svd.s[i]}`);
      const q = check(x, svd);
      assert.ok(q.recon <= 1e-13 && q.uOrth <= 1e-12 && q.vOrth <= 1e-12, `${n}×${p} ${backend}: ${JSON.stringify(q)}`);
      assert.equal(svd.u.rows, n);
      assert.equal(svd.vt.cols, p);
    }
  }
});

test('precision: relative error of a singular value grows like (s_max/s)²·ε', async () => {
  const x = withSingularValues(30, 6, [1, 1e-2, 1e-4], 7);
  const svd = await thinSvd(x);
  assert.ok(Math.abs(svd.s[1] - 1e-2) <= 1e-10 * 1e-2, `s1 = ${svd.s[1]}`);
  assert.ok(Math.abs(svd.s[2] - 1e-4) <= 1e-6 * 1e-4, `s2 = ${svd.s[2]}`);
  // Below √(max(n,p)·ε) ≈ 8e-8 relative, values are noise and dropped.
  const tiny = withSingularValues(30, 6, [1, 1e-9], 8);
  const t = await thinSvd(tiny);
  assert.equal(t.s.length, 1);
  assert.equal(t.dropped, 5);
  assert.ok(Math.abs(t.tolerance - Math.sqrt(30 * 2 ** -52)) <= 1e-12);
  // A custom rtol keeps more.
  const kept = await thinSvd(withSingularValues(30, 6, [1, 1e-5], 9), { rtol: 1e-7 });
  assert.equal(kept.s.length, 2);
});

test('degenerate inputs: zero matrix, single row/column, float32', async () => {
  const zero = await thinSvd(matrix(4, 3));
  assert.equal(zero.s.length, 0);
  assert.equal(zero.dropped, 3);
  const col = await thinSvd(matrix(3, 1, Float64Array.from([3, 0, 4])));
  assert.deepEqual(Array.from(col.s), [5]);
  assert.ok(Math.abs(Math.abs(col.u.data[0]) - 0.6) < 1e-15 && Math.abs(Math.abs(col.u.data[2]) - 0.8) < 1e-15);
  const rowv = await thinSvd(matrix(1, 2, Float64Array.from([0, -2])));
  assert.deepEqual(Array.from(rowv.s), [2]);
  const x = withSingularValues(12, 5, [4, 3, 2], 3);
  const f32 = await thinSvd(matrix(12, 5, Float32Array.from(x.data)));
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(f32.s[i] - [4, 3, 2][i]) <= 1e-6);
});

test('singularValues: absolute accuracy ~ε·s_max, tiny singular values included (no squaring)', () => {
  const s = [5, 2, 1, 1e-6, 1e-10, 1e-13];
  for (const [n, p] of [[40, 6], [6, 40], [9, 9]]) {
    const x = withSingularValues(n, p, s, 3 * n + p);
    const sv = singularValues(x);
    assert.equal(sv.length, Math.min(n, p));
    for (let i = 0; i < s.length; i++) assert.ok(Math.abs(sv[i] - s[i]) <= 1e-14 * s[0], `${n}×${p} σ${i} = ${sv[i]} vs ${s[i]}`);
    for (let i = s.length; i < sv.length; i++) assert.ok(sv[i] <= 1e-14 * s[0], `${n}×${p} σ${i} = ${sv[i]} should be ~0`);
  }
  assert.deepEqual(Array.from(singularValues(matrix(2, 2, Float64Array.from([3, 0, 4, 5])))).map((v) => +v.toPrecision(15)), [+(3 * Math.sqrt(5)).toPrecision(15), +Math.sqrt(5).toPrecision(15)]);
  assert.deepEqual(Array.from(singularValues(matrix(3, 2))), [0, 0]);
  const row = singularValues(matrix(1, 3, Float64Array.from([0, 3, -4])));
  assert.equal(row.length, 1);
  assert.ok(Math.abs(row[0] - 5) <= 1e-15 * 5);
  const huge = singularValues(matrix(2, 2, Float64Array.from([3e300, 0, 4e300, 5e300])));
  assert.ok(Math.abs(huge[0] / 1e300 - 3 * Math.sqrt(5)) <= 1e-14 * 7);
  assert.throws(() => singularValues(matrix(1, 2, Float64Array.from([1, Infinity]))), RangeError);
});

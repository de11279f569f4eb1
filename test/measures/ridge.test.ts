import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matmulSync } from '../../src/core/gemm.ts';
import { matrix, selectRows, transpose } from '../../src/core/matrix.ts';
import { InvalidInputError } from '../../src/measures/errors.ts';
import { predict, ridge } from '../../src/measures/ridge.ts';
import { tridiagonalizeBlocked, type TridiagonalForm } from '../../src/core/tridiagonal-blocked.ts';
import { completeHalfSolve, halfSolveShiftedTridiagonal, shiftedTridiagonalFactor, solveShiftedTridiagonal, solveShiftedTridiagonalColumns } from '../../src/core/tridiagonal-solve.ts';
import { denseSolve, directFit, gaussianMatrix, maxRelErr, readCsv, ridgeExpected } from '../../test-support/ridge-direct.ts';

const X = readCsv('ridge_X_60x10.csv');
const Y = readCsv('ridge_Y_60x3.csv');

test('closed-form ridge (alpha 10) matches the reference (XᵀX + 10I)⁻¹XᵀY', async () => {
  const fit = await ridge(X, Y, 10);
  assert.equal(fit.coef.rows, 10);
  assert.equal(fit.coef.cols, 3);
  assert.equal(fit.intercept, undefined);
  const err = maxRelErr(fit.coef.data, ridgeExpected.closed_form_alpha_10.coef);
  assert.ok(err <= 1e-12, `rel err ${err}`);
});

test('the dual form (p > n) equals the primal solution', async () => {
  const x = gaussianMatrix(12, 30, 7);
  const y = gaussianMatrix(12, 4, 8);
  const fit = await ridge(x, y, 0.5);
  const direct = directFit(x, y, Array.from({ length: 12 }, (_, i) => i), 0.5, false).beta.flat();
  const err = maxRelErr(fit.coef.data, direct, 1e-3);
  assert.ok(err <= 1e-10, `rel err ${err}`);
});

test('fitIntercept equals ridge with an unpenalized intercept', async () => {
  const x = gaussianMatrix(25, 6, 3);
  const y = gaussianMatrix(25, 2, 4);
  for (let i = 0; i < 25; i++) {
    x.data[i * 6] += 5; // offsets the intercept must absorb
    y.data[i * 2 + 1] -= 3;
  }
  const fit = await ridge(x, y, 2, { fitIntercept: true });
  // Unpenalized intercept: minimise ‖y − b0 − Xb‖² + 2‖b‖², normal equations of the augmented system.
  const aug = Array.from({ length: 25 }, (_, i) => [1, ...Array.from(x.data.subarray(i * 6, i * 6 + 6))]);
  const g = Array.from({ length: 7 }, (_, a) =>
    Array.from({ length: 7 }, (_, b) => aug.reduce((s, r) => s + r[a] * r[b], 0) + (a === b && a > 0 ? 2 : 0)),
  );
  const rhs = Array.from({ length: 7 }, (_, a) => [0, 1].map((j) => aug.reduce((s, r, i) => s + r[a] * y.data[i * 2 + j], 0)));
  const sol = denseSolve(g, rhs);
  assert.ok(maxRelErr(fit.intercept!, sol[0], 1e-3) <= 1e-10);
  assert.ok(maxRelErr(fit.coef.data, sol.slice(1).flat(), 1e-3) <= 1e-10);
  // predict adds the intercept.
  const pred = await predict(selectRows(x, [0, 1]), fit);
  for (const i of [0, 1]) {
    for (const j of [0, 1]) {
      let v = sol[0][j];
      for (let k = 0; k < 6; k++) v += x.data[i * 6 + k] * sol[k + 1][j];
      assert.ok(Math.abs(pred.data[i * 2 + j] - v) <= 1e-12 * Math.max(1, Math.abs(v)));
    }
  }
});

/** A symmetric tridiagonal form (diagonal and first off-diagonal of a random Gram matrix), for the solve tests. */
function randomTridiagonal(m: number, seed: number): TridiagonalForm {
  const z = gaussianMatrix(m + 2, m, seed);
  const s = matmulSync(z, z, { transA: true });
  return { diagonal: Float64Array.from({ length: m }, (_, i) => s.data[i * m + i]), offDiagonal: Float64Array.from({ length: m - 1 }, (_, i) => s.data[i * m + i + 1]), q: matrix(1, 1) };
}

/** T + αI as a dense array of rows. */
function denseShifted(form: TridiagonalForm, alpha: number): number[][] {
  const m = form.diagonal.length;
  return Array.from({ length: m }, (_, i) =>
    Array.from({ length: m }, (_, j) => (i === j ? form.diagonal[i] + alpha : Math.abs(i - j) === 1 ? form.offDiagonal[Math.min(i, j)] : 0)),
  );
}

/** Largest |Q·T·Qᵀ − S| relative to S's largest entry. */
function reconstructionError(form: TridiagonalForm, s: Float64Array): number {
  const n = form.diagonal.length;
  const t = matrix(n, n, Float64Array.from(denseShifted(form, 0).flat()));
  const back = matmulSync(matmulSync(form.q, t), form.q, { transB: true });
  let scale = 0;
  for (const v of s) scale = Math.max(scale, Math.abs(v));
  return maxRelErr(back.data, s, scale);
}

test('blocked tridiagonalization: Q·T·Qᵀ = S and QᵀQ = I (sizes across panel and GEMM-backend boundaries)', async () => {
  for (const n of [1, 2, 3, 5, 47, 48, 49, 97, 200]) {
    const z = gaussianMatrix(n + 3, n, n);
    const s = matmulSync(z, z, { transA: true });
    const { diagonal, offDiagonal, q } = await tridiagonalizeBlocked(s);
    assert.equal(diagonal.length, n);
    assert.equal(offDiagonal.length, Math.max(0, n - 1));
    assert.ok(reconstructionError({ diagonal, offDiagonal, q }, s.data as Float64Array) <= 1e-13, `n=${n}: reconstruction`);
    const qtq = matmulSync(q, q, { transA: true });
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) assert.ok(Math.abs(qtq.data[i * n + j] - (i === j ? 1 : 0)) <= 1e-13);
  }
});

test('blocked tridiagonalization with identity reflectors inside a panel, and in place (overwrite)', async () => {
  // blockdiag(diagonal 60×60, dense 60×60): rows 0…58 need no reflection, rows 60… do, and the panel of
  // rows 48…95 mixes both, so a reused W must not carry an earlier reflector's column.
  const n = 120;
  const s = new Float64Array(n * n);
  for (let i = 0; i < 60; i++) s[i * n + i] = i + 1;
  const z = gaussianMatrix(63, 60, 7);
  const dense = matmulSync(z, z, { transA: true }).data;
  for (let i = 0; i < 60; i++) for (let j = 0; j < 60; j++) s[(60 + i) * n + 60 + j] = dense[i * 60 + j];
  const copy = await tridiagonalizeBlocked(matrix(n, n, s));
  const inPlace = await tridiagonalizeBlocked(matrix(n, n, Float64Array.from(s)), { overwrite: true });
  assert.deepEqual(inPlace.diagonal, copy.diagonal);
  assert.deepEqual(inPlace.q.data, copy.q.data);
  assert.ok(reconstructionError(copy, s) <= 1e-13, 'reconstruction');
});

test('blocked tridiagonalization reads only the lower triangle (the upper one may hold anything)', async () => {
  // n = 300: several panels and, in the first trailing updates, several row blocks of the lower-triangle GEMMs.
  const n = 300;
  const z = gaussianMatrix(n + 3, n, 11);
  const s = matmulSync(z, z, { transA: true });
  const lowerOnly = Float64Array.from(s.data);
  for (let i = 0; i < n; i++) lowerOnly.fill(NaN, i * n + i + 1, (i + 1) * n);
  const full = await tridiagonalizeBlocked(s);
  const lower = await tridiagonalizeBlocked(matrix(n, n, lowerOnly));
  assert.deepEqual(lower.diagonal, full.diagonal);
  assert.deepEqual(lower.offDiagonal, full.offDiagonal);
  assert.deepEqual(lower.q.data, full.q.data);
  assert.ok(reconstructionError(full, s.data as Float64Array) <= 1e-13, 'reconstruction');
});

test('shifted tridiagonal solve equals a dense solve, on a column block of a wider array', () => {
  const m = 9;
  const form = randomTridiagonal(m, 11);
  const alpha = 0.3;
  const factor = shiftedTridiagonalFactor(form, alpha)!;
  const rhs = gaussianMatrix(m, 5, 12); // solve columns 1..3 only
  const data = Float64Array.from(rhs.data);
  solveShiftedTridiagonal(factor, data, 5, 1, 3);
  const a = denseShifted(form, alpha);
  const b = Array.from({ length: m }, (_, i) => [1, 2, 3].map((j) => rhs.data[i * 5 + j]));
  const expected = denseSolve(a, b);
  for (let i = 0; i < m; i++) {
    assert.equal(data[i * 5], rhs.data[i * 5]);
    assert.equal(data[i * 5 + 4], rhs.data[i * 5 + 4]);
    for (let j = 0; j < 3; j++) assert.ok(Math.abs(data[i * 5 + 1 + j] - expected[i][j]) <= 1e-12 * Math.max(1, Math.abs(expected[i][j])));
  }
  // An indefinite shift is refused, not silently solved.
  assert.equal(shiftedTridiagonalFactor({ diagonal: Float64Array.of(1, -3), offDiagonal: Float64Array.of(0), q: matrix(1, 1) }, 0.5), null);
});

test('a completed half solve and a solve on listed columns equal the dense solve', () => {
  const m = 9;
  const form = randomTridiagonal(m, 13);
  const alpha = 0.7;
  const factor = shiftedTridiagonalFactor(form, alpha)!;
  const a = denseShifted(form, alpha);
  const rhs = gaussianMatrix(m, 5, 14);
  const expected = denseSolve(a, Array.from({ length: m }, (_, i) => Array.from(rhs.data.subarray(i * 5, i * 5 + 5))));
  const close = (got: number, want: number) => Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want));
  const g = new Float64Array(m * 5);
  halfSolveShiftedTridiagonal(factor, g, 5, rhs.data as Float64Array);
  const full = new Float64Array(m * 5);
  completeHalfSolve(factor, g, 5, full);
  for (let i = 0; i < m; i++) for (let j = 0; j < 5; j++) assert.ok(close(full[i * 5 + j], expected[i][j]), `completed half solve ${i},${j}`);
  const listed = Float64Array.from(rhs.data);
  solveShiftedTridiagonalColumns(factor, listed, 5, [4, 1]);
  for (let i = 0; i < m; i++) {
    for (const j of [0, 2, 3]) assert.equal(listed[i * 5 + j], rhs.data[i * 5 + j]);
    for (const j of [1, 4]) assert.ok(close(listed[i * 5 + j], expected[i][j]), `listed column ${j}, row ${i}`);
  }
});

test('float32 input is computed in float64', async () => {
  const x32 = matrix(X.rows, X.cols, Float32Array.from(X.data));
  const fit = await ridge(x32, Y, 10);
  assert.ok(fit.coef.data instanceof Float64Array);
  const direct = directFit(matrix(X.rows, X.cols, Float64Array.from(x32.data)), Y, Array.from({ length: 60 }, (_, i) => i), 10, false);
  assert.ok(maxRelErr(fit.coef.data, direct.beta.flat(), 1e-3) <= 1e-10);
});

test('bad input is refused with InvalidInputError', async () => {
  await assert.rejects(ridge(X, selectRows(Y, [0, 1]), 1), InvalidInputError);
  await assert.rejects(ridge(X, Y, 0), InvalidInputError);
  await assert.rejects(ridge(X, Y, -1), InvalidInputError);
  await assert.rejects(ridge(X, Y, Number.NaN), InvalidInputError);
  const bad = matrix(X.rows, X.cols, Float64Array.from(X.data));
  bad.data[13] = Number.POSITIVE_INFINITY;
  await assert.rejects(ridge(bad, Y, 1), /X\[1\]\[3\]/);
  await assert.rejects(predict(transpose(X), { coef: matrix(10, 3) }), InvalidInputError);
});

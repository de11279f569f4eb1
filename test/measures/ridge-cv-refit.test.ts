// The per-fold refit path of RidgeCV against the shared (held-out-residual identity) path, which is
// checked against himalaya in ridge-cv.test.ts: same alphas, coefficients and scores up to rounding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matrix } from '../../src/core/matrix.ts';
import { createRng } from '../../src/core/random.ts';
import { ridgeCv } from '../../src/measures/ridge-cv.ts';

function data(n: number, p: number, t: number, seed: number) {
  const rng = createRng(seed);
  const x = matrix(n, p, Float64Array.from({ length: n * p }, () => rng.normal() + 0.5));
  const y = new Float64Array(n * t);
  for (let i = 0; i < n; i++) for (let j = 0; j < t; j++) {
    let s = 2 + 3 * j;
    for (let k = 0; k < p; k++) s += x.data[i * p + k] * Math.sin(k + j);
    y[i * t + j] = s + 4 * rng.normal();
  }
  return { x, y: matrix(n, t, y) };
}

const maxRel = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(1e-300, Math.abs(b[i])));
  return m;
};

for (const fitIntercept of [false, true]) {
  test(`refit path equals the shared path (fitIntercept ${fitIntercept})`, async () => {
    const { x, y } = data(300, 12, 3, 5);
    const alphas = [0.1, 10, 100, 1000, 1e4];
    const shared = await ridgeCv(x, y, { alphas, folds: 5, fitIntercept, method: 'shared' });
    const refit = await ridgeCv(x, y, { alphas, folds: 5, fitIntercept, method: 'refit' });
    assert.deepEqual(Array.from(refit.bestAlphas), Array.from(shared.bestAlphas));
    assert.ok(maxRel(refit.meanScores.data, shared.meanScores.data) < 1e-9);
    assert.ok(maxRel(refit.coef.data, shared.coef.data) < 1e-9);
    if (fitIntercept) assert.ok(maxRel(refit.intercept!, shared.intercept!) < 1e-9);
  });
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matrix, selectRows } from '../../src/core/matrix.ts';
import { InvalidInputError } from '../../src/measures/errors.ts';
import { kFold, type Fold } from '../../src/measures/folds.ts';
import { DEFAULT_ALPHAS, ridgeCv, ridgeFoldScores } from '../../src/measures/ridge-cv.ts';
import { directFit, directFoldScore, gaussianMatrix, maxRelErr, readCsv, ridgeExpected } from '../../test-support/ridge-direct.ts';

const X = readCsv('ridge_X_60x10.csv');
const Y = readCsv('ridge_Y_60x3.csv');
const ref = ridgeExpected.himalaya_RidgeCV;

test('RidgeCV matches himalaya (alphas logspace(-2,5,8), KFold(5), no intercept): alphas, cv_scores, coef', async () => {
  const fit = await ridgeCv(X, Y, { alphas: ridgeExpected.alphas, folds: 5 });
  // himalaya returns exp(−log(1/α)) (9.999999999999998 for 10); we return the grid value itself.
  assert.ok(maxRelErr(fit.bestAlphas, ref.best_alphas) <= 1e-15);
  const scoreErr = maxRelErr(fit.cvScores, ref.cv_scores);
  assert.ok(scoreErr <= 1e-12, `cv_scores rel err ${scoreErr}`);
  assert.deepEqual([fit.coef.rows, fit.coef.cols], ref.coef_shape);
  const coefErr = maxRelErr(fit.coef.data, ref.coef);
  assert.ok(coefErr <= 1e-12, `coef rel err ${coefErr}`);
  assert.equal(fit.folds, 5);
  assert.equal(fit.intercept, undefined);
  // cv_scores carry himalaya's tie-break slope: mean(−MSE) + 1e-10·ln α.
  for (let j = 0; j < 3; j++) {
    const a = fit.bestAlphaIndex[j];
    assert.equal(fit.cvScores[j], fit.meanScores.data[a * 3 + j] + Math.log(fit.alphas[a]) * 1e-10);
  }
});

/** Compare ridgeFoldScores with direct refits on every fold, alpha and target. */
async function checkAgainstRefits(x: typeof X, y: typeof Y, folds: readonly Fold[], alphas: number[], fitIntercept: boolean) {
  const scores = await ridgeFoldScores(x, y, { alphas, folds, fitIntercept });
  const t = y.cols;
  let worst = 0;
  folds.forEach((fold, f) => {
    alphas.forEach((alpha, a) => {
      const direct = directFoldScore(x, y, fold.train, fold.test, alpha, fitIntercept);
      worst = Math.max(worst, maxRelErr(scores.subarray((f * alphas.length + a) * t, (f * alphas.length + a + 1) * t), direct));
    });
  });
  return worst;
}

test('held-out scores from one decomposition equal direct per-fold refits (primal, dual, intercept, uneven folds)', async () => {
  const alphas = [0.01, 1, 100];
  const cases = [
    { name: 'primal 60×10', x: X, y: Y, folds: kFold(60, 5) },
    { name: 'primal 23×4, folds 5,5,5,4,4', x: gaussianMatrix(23, 4, 1), y: gaussianMatrix(23, 3, 2), folds: kFold(23, 5) },
    { name: 'dual 26×40', x: gaussianMatrix(26, 40, 3), y: gaussianMatrix(26, 2, 4), folds: kFold(26, 4) },
    // p² ≥ 3·p·|S| + |S|²: the fold work arrays are carved out of the reduced kernel's array.
    { name: 'primal 60×40, 10 folds', x: gaussianMatrix(60, 40, 7), y: gaussianMatrix(60, 3, 8), folds: kFold(60, 10) },
  ];
  // Interleaved (non-contiguous) folds of sizes 8, 7, 7.
  const inter: Fold[] = [0, 1, 2].map((r) => {
    const test = Uint32Array.from({ length: 22 }, (_, i) => i).filter((i) => i % 3 === r);
    const train = Uint32Array.from({ length: 22 }, (_, i) => i).filter((i) => i % 3 !== r);
    return { train, test };
  });
  cases.push({ name: 'primal 22×5 interleaved folds', x: gaussianMatrix(22, 5, 5), y: gaussianMatrix(22, 2, 6), folds: inter });
  for (const c of cases) {
    for (const fitIntercept of [false, true]) {
      const x = matrix(c.x.rows, c.x.cols, Float64Array.from(c.x.data, (v, i) => v + (fitIntercept ? (i % c.x.cols) - 1 : 0)));
      const worst = await checkAgainstRefits(x, c.y, c.folds, alphas, fitIntercept);
      assert.ok(worst <= 1e-10, `${c.name}, intercept ${fitIntercept}: rel err ${worst}`);
    }
  }
});

test('refit coefficients equal direct fits with each target’s alpha; intercepts too', async () => {
  const x = gaussianMatrix(40, 6, 21);
  const y = gaussianMatrix(40, 4, 22);
  for (let i = 0; i < 40; i++) y.data[i * 4] = 3 * x.data[i * 6] + 0.01 * y.data[i * 4] + 2; // strong signal → small alpha
  for (const fitIntercept of [false, true]) {
    const fit = await ridgeCv(x, y, { alphas: [0.001, 0.1, 10, 1000], folds: 4, fitIntercept });
    const all = Array.from({ length: 40 }, (_, i) => i);
    for (let j = 0; j < 4; j++) {
      const d = directFit(x, selectColumn(y, j), all, fit.bestAlphas[j], fitIntercept);
      const coef = Array.from({ length: 6 }, (_, i) => fit.coef.data[i * 4 + j]);
      assert.ok(maxRelErr(coef, d.beta.map((r) => r[0]), 1e-6) <= 1e-10, `target ${j}`);
      if (fitIntercept) assert.ok(Math.abs(fit.intercept![j] - d.intercept[0]) <= 1e-10 * Math.max(1, Math.abs(d.intercept[0])));
    }
    assert.equal(fit.bestAlphas[0], 0.001);
  }
});

function selectColumn(m: typeof X, j: number) {
  return matrix(m.rows, 1, Float64Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols + j]));
}

test('exact ties go to the larger alpha (himalaya’s 1e-10·ln α slope); shared alpha maximises the target mean', async () => {
  // A target that is identically zero scores 0 at every alpha: the largest alpha wins.
  const y = matrix(60, 2, new Float64Array(120));
  for (let i = 0; i < 60; i++) y.data[i * 2] = Y.data[i * 3];
  const fit = await ridgeCv(X, y, { alphas: ridgeExpected.alphas });
  assert.equal(fit.bestAlphaIndex[1], 7);
  assert.equal(fit.cvScores[1], Math.log(ridgeExpected.alphas[7]) * 1e-10);
  const shared = await ridgeCv(X, Y, { alphas: ridgeExpected.alphas, perTarget: false });
  const t = 3;
  let best = 0;
  let bestMean = -Infinity;
  for (let a = 0; a < 8; a++) {
    let s = 0;
    for (let j = 0; j < t; j++) s += shared.meanScores.data[a * t + j] + Math.log(ridgeExpected.alphas[a]) * 1e-10;
    if (s / t > bestMean) [best, bestMean] = [a, s / t];
  }
  assert.deepEqual(Array.from(shared.bestAlphaIndex), [best, best, best]);
  assert.deepEqual(Array.from(shared.meanScores.data), Array.from((await ridgeCv(X, Y, { alphas: ridgeExpected.alphas })).meanScores.data));
});

test('several passes over the targets give the same result as one (per target and shared alpha)', async () => {
  const y = gaussianMatrix(60, 5, 77);
  for (let i = 0; i < 60; i++) y.data[i * 5] += 2 * X.data[i * 10];
  for (const perTarget of [true, false]) {
    for (const fitIntercept of [false, true]) {
      const one = await ridgeCv(X, y, { alphas: ridgeExpected.alphas, perTarget, fitIntercept });
      const many = await ridgeCv(X, y, { alphas: ridgeExpected.alphas, perTarget, fitIntercept, targetsPerPass: 2 });
      assert.deepEqual(Array.from(many.bestAlphaIndex), Array.from(one.bestAlphaIndex));
      assert.ok(maxRelErr(many.cvScores, one.cvScores) <= 1e-14);
      assert.ok(maxRelErr(many.meanScores.data, one.meanScores.data) <= 1e-14);
      assert.ok(maxRelErr(many.coef.data, one.coef.data, 1e-6) <= 1e-13);
      if (fitIntercept) assert.ok(maxRelErr(many.intercept!, one.intercept!, 1e-6) <= 1e-13);
    }
  }
  await assert.rejects(ridgeCv(X, y, { targetsPerPass: 0 }), InvalidInputError);
});

test('defaults: 5 contiguous folds, himalaya’s grid', async () => {
  const fit = await ridgeCv(X, Y);
  assert.deepEqual(Array.from(fit.alphas), [...DEFAULT_ALPHAS]);
  assert.equal(fit.folds, 5);
  assert.deepEqual(Array.from(fit.bestAlphaIndex), [3, 2, 2]);
});

test('bad input is refused with InvalidInputError', async () => {
  await assert.rejects(ridgeCv(X, selectRows(Y, [0, 1, 2])), InvalidInputError);
  await assert.rejects(ridgeCv(X, Y, { alphas: [] }), InvalidInputError);
  await assert.rejects(ridgeCv(X, Y, { alphas: [1, 0] }), InvalidInputError);
  await assert.rejects(ridgeCv(X, Y, { folds: 1 }), InvalidInputError);
  await assert.rejects(ridgeCv(X, Y, { folds: 61 }), InvalidInputError);
  const overlapping: Fold[] = [
    { train: Uint32Array.from({ length: 30 }, (_, i) => i + 30), test: Uint32Array.from({ length: 30 }, (_, i) => i) },
    { train: Uint32Array.from({ length: 30 }, (_, i) => i + 30), test: Uint32Array.from({ length: 30 }, (_, i) => i) },
  ];
  await assert.rejects(ridgeCv(X, Y, { folds: overlapping }), InvalidInputError);
});

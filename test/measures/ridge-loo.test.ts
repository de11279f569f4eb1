// Leave-one-out ridge against scikit-learn's RidgeCV(cv=None) (test/fixtures/ridge-loo/make_ridge_loo.py, numpy
// 1.24.2, scikit-learn 1.2.1): the same chosen alphas (the first of equal scores), squared LOO errors (cv_values_)
// and best scores to 1e-10 relative, per target and shared, with and without an intercept, n > p and n < p, a
// constant column, nearly collinear columns, a zero target and repeated alphas. And against the definition:
// refitting the closed-form ridge without each sample.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromRows, matrix, selectRows } from '../../src/core/matrix.ts';
import { InvalidInputError } from '../../src/measures/errors.ts';
import { ridge } from '../../src/measures/ridge.ts';
import { ridgeLoo } from '../../src/measures/ridge-loo.ts';

interface Expected {
  alpha: number[];
  best_score: number[];
  cv_values: number[];
  coef: number[];
  intercept: number[];
  loo_predictions: number[];
}
interface Case {
  name: string;
  x: number[][];
  y: number[][];
  alphas: number[];
  fit_intercept: boolean;
  n: number;
  p: number;
  t: number;
  per_target: Expected;
  shared: Expected;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/ridge-loo/cases.json', import.meta.url), 'utf8')) as { cases: Case[] };

/** |a − b| ≤ tol·max(|b|, floor) for every element. */
function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, floor: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const bound = tol * Math.max(Math.abs(expected[i]), floor);
    assert.ok(Math.abs(actual[i] - expected[i]) <= bound, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** Run `body` with ATTUNE_BACKEND set (the fused onnxruntime graph, or its TypeScript twin), then restore it. */
async function withBackend(backend: 'ts' | 'ort', body: () => Promise<void>): Promise<void> {
  const before = process.env.ATTUNE_BACKEND;
  process.env.ATTUNE_BACKEND = backend;
  try {
    await body();
  } finally {
    if (before === undefined) delete process.env.ATTUNE_BACKEND;
    else process.env.ATTUNE_BACKEND = before;
  }
}

for (const c of fixture.cases) {
  for (const [mode, backend] of [['per_target', 'ort'], ['shared', 'ort'], ['per_target', 'ts'], ['shared', 'ts']] as const) {
    test(`ridgeLoo ${c.name} (${c.n}×${c.p}, ${c.fit_intercept ? 'intercept' : 'no intercept'}, ${mode.replace('_', ' ')} alpha, ${backend}) matches scikit-learn's RidgeCV`, () => withBackend(backend, async () => {
      const ex = c[mode];
      const perTarget = mode === 'per_target';
      const fit = await ridgeLoo(fromRows(c.x), fromRows(c.y), {
        alphas: c.alphas, fitIntercept: c.fit_intercept, perTarget, storeErrors: true, predictions: true,
      });
      // Chosen alphas: the same values, and the FIRST grid position holding that value (RidgeCV's strict >).
      for (let j = 0; j < c.t; j++) {
        const alpha = ex.alpha[perTarget ? j : 0];
        assert.equal(fit.bestAlphas[j], alpha, `target ${j}`);
        assert.equal(fit.bestAlphaIndex[j], c.alphas.indexOf(alpha), `target ${j}: first occurrence`);
      }
      // Squared LOO errors, samples × targets × alphas. A handful of residuals lose digits to cancellation in
      // both programs (a squared error 10⁶ times below the mean): those are held to 1e-16 of the mean instead.
      const errors = fit.looErrors as Float64Array;
      const meanError = mean(ex.cv_values);
      assertClose(errors, ex.cv_values, 1e-10, 1e-6 * meanError, 'cv_values');
      // Mean squared LOO error per alpha and target = sklearn's errors averaged over samples; best_score_ = −that.
      const na = c.alphas.length;
      for (let a = 0; a < na; a++) {
        for (let j = 0; j < c.t; j++) {
          let s = 0;
          for (let i = 0; i < c.n; i++) s += ex.cv_values[(i * c.t + j) * na + a];
          assertClose([fit.looMse.data[a * c.t + j]], [s / c.n], 1e-10, 1e-6 * meanError, `looMse[${a}][${j}]`);
        }
      }
      assertClose(fit.bestScore, ex.best_score, 1e-10, 0, 'best_score');
      // LOO predictions at the chosen alphas (RidgeCV with a scorer stores them), relative to the targets' scale.
      const yScale = Math.max(...c.y.flat().map(Math.abs));
      assertClose((fit.looPredictions as { data: Float64Array }).data, ex.loo_predictions, 1e-10, yScale, 'predictions');
      // Coefficients relative to each target's largest, intercepts relative to the targets' scale (the collinear
      // case's coefficients are only as well determined as XᵀX + αI is conditioned).
      for (let j = 0; j < c.t; j++) {
        const ours = Array.from({ length: c.p }, (_, k) => fit.coef.data[k * c.t + j]);
        const theirs = Array.from({ length: c.p }, (_, k) => ex.coef[k * c.t + j]);
        assertClose(ours, theirs, 1e-10, Math.max(...theirs.map(Math.abs)), `coef of target ${j}`);
      }
      if (c.fit_intercept) assertClose(fit.intercept as Float64Array, ex.intercept, 1e-10, yScale, 'intercept');
      else assert.equal(fit.intercept, undefined);
    }));
  }
}

test('ridgeLoo: the LOO errors are those of the closed-form ridge refit without each sample (primal and dual, with an intercept)', async () => {
  for (const name of ['primal-intercept', 'dual-intercept']) {
    const c = fixture.cases.find((k) => k.name === name) as Case;
    const x = fromRows(c.x);
    const y = fromRows(c.y);
    const fit = await ridgeLoo(x, y, { alphas: c.alphas, fitIntercept: true, storeErrors: true });
    const na = c.alphas.length;
    for (const a of [0, 3, na - 1]) {
      for (const i of [0, 7, c.n - 1]) {
        const keep = Array.from({ length: c.n - 1 }, (_, k) => (k < i ? k : k + 1));
        const refit = await ridge(selectRows(x, keep), selectRows(y, keep), c.alphas[a], { fitIntercept: true });
        for (let j = 0; j < c.t; j++) {
          let pred = (refit.intercept as Float64Array)[j];
          for (let k = 0; k < c.p; k++) pred += c.x[i][k] * refit.coef.data[k * c.t + j];
          const direct = (c.y[i][j] - pred) ** 2;
          const ours = (fit.looErrors as Float64Array)[(i * c.t + j) * na + a];
          assert.ok(Math.abs(ours - direct) <= 1e-9 * Math.max(direct, 1e-3), `${name} alpha ${c.alphas[a]} sample ${i} target ${j}: ${ours} vs ${direct}`);
        }
      }
    }
  }
});

test('ridgeLoo: passes over a few targets at a time give the same numbers as one pass (per target and shared)', async () => {
  const c = fixture.cases.find((k) => k.name === 'primal-intercept') as Case;
  for (const perTarget of [true, false]) {
    const options = { alphas: c.alphas, fitIntercept: true, perTarget, storeErrors: true, predictions: true };
    const whole = await ridgeLoo(fromRows(c.x), fromRows(c.y), options);
    const parts = await ridgeLoo(fromRows(c.x), fromRows(c.y), { ...options, targetsPerPass: 2 });
    assert.deepEqual(Array.from(parts.bestAlphaIndex), Array.from(whole.bestAlphaIndex));
    assertClose(parts.looErrors as Float64Array, whole.looErrors as Float64Array, 1e-12, 1e-12, 'errors');
    assertClose(parts.coef.data, whole.coef.data, 1e-12, 1e-12, 'coef');
    assertClose((parts.looPredictions as { data: Float64Array }).data, (whole.looPredictions as { data: Float64Array }).data, 1e-12, 1e-12, 'predictions');
  }
});

test('ridgeLoo: bad input is an InvalidInputError', async () => {
  const x = matrix(3, 2, Float64Array.from([1, 2, 3, 4, 5, 7]));
  await assert.rejects(ridgeLoo(x, matrix(2, 1)), InvalidInputError);
  await assert.rejects(ridgeLoo(x, matrix(3, 1), { alphas: [1, -1] }), InvalidInputError);
  await assert.rejects(ridgeLoo(matrix(1, 2, Float64Array.from([1, 2])), matrix(1, 1)), InvalidInputError);
  await assert.rejects(ridgeLoo(x, matrix(3, 1), { targetsPerPass: 0 }), InvalidInputError);
});

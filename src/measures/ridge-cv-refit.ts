// RidgeCV by refitting each fold in the primal: for n ≫ p the p×p system of every training part is
// tiny, where the shared path's held-out-residual identity needs fold-sized (n/k × n/k) blocks.
// Per fold: centre by the training part's means (with an intercept), eigendecompose G = XᵀX (p×p),
// then for every alpha ŷ = X_val·V·diag(1/(λ+α))·Vᵀ·XᵀY — one decomposition per fold for all alphas.
import { symmetricEigen } from '../core/eigen.ts';
import { matmul } from '../core/gemm.ts';
import { matrix, selectRows, type Matrix } from '../core/matrix.ts';
import type { Fold } from './folds.ts';
import { meanOverFolds, selectAlphas } from './ridge-alpha-select.ts';
import { asFloat64, centred } from './ridge.ts';
import type { RidgeCvResult } from './ridge-cv.ts';

/** Whether per-fold refits beat the shared path: over 500 samples, each training part over 4× the features. */
export function prefersRefit(n: number, p: number, folds: readonly Fold[]): boolean {
  const smallestTrain = Math.min(...folds.map((f) => f.train.length));
  return smallestTrain > 4 * p && n > 500;
}

/** A ridge problem on one training part, decomposed once: predictions for any alpha follow cheaply. */
interface FoldSystem {
  values: Float64Array;
  vectors: Matrix;
  /** Vᵀ·XᵀY, p × t. */
  projected: Matrix;
  xMeans?: Float64Array;
  yMeans?: Float64Array;
}

/** Centre (optionally) and decompose the training part. */
async function foldSystem(x: Matrix, y: Matrix, intercept: boolean): Promise<FoldSystem> {
  let xs = x, ys = y, xMeans: Float64Array | undefined, yMeans: Float64Array | undefined;
  if (intercept) {
    const cx = centred(x), cy = centred(y);
    xs = cx.centred; xMeans = cx.means;
    ys = cy.centred; yMeans = cy.means;
  }
  const gram = await matmul(xs, xs, { transA: true });
  const { values, vectors } = symmetricEigen(gram);
  const xty = await matmul(xs, ys, { transA: true });
  const projected = await matmul(vectors, xty, { transA: true });
  return { values, vectors, projected, xMeans, yMeans };
}

/** Coefficients V·diag(1/(λ+α_j))·Vᵀ·XᵀY with alpha alphaOf(j) for target j (p × t). */
async function coefficients(sys: FoldSystem, alphaOf: (j: number) => number): Promise<Matrix> {
  const p = sys.values.length;
  const t = sys.projected.cols;
  const scaled = new Float64Array(p * t);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < t; j++) scaled[i * t + j] = sys.projected.data[i * t + j] / (Math.max(sys.values[i], 0) + alphaOf(j));
  }
  return matmul(sys.vectors, matrix(p, t, scaled));
}

/** Predictions X·B + intercept for rows of x (the intercept from the training means). */
async function predictWith(x: Matrix, coef: Matrix, sys: FoldSystem): Promise<Float64Array> {
  const pred = (await matmul(x, coef)).data as Float64Array;
  if (sys.xMeans && sys.yMeans) {
    const t = coef.cols;
    const shift = (await matmul(matrix(1, sys.xMeans.length, sys.xMeans), coef)).data;
    for (let i = 0; i < x.rows; i++) for (let j = 0; j < t; j++) pred[i * t + j] += sys.yMeans[j] - shift[j];
  }
  return pred;
}

/**
 * ridgeCv by per-fold refits: the same result fields (coef, intercept, bestAlphas, cvScores, meanScores);
 * fold scores are −mean squared error on the held-out part, alphas chosen as himalaya does.
 */
export async function ridgeCvRefit(
  x: Matrix, y: Matrix, options: { folds: readonly Fold[]; alphas: Float64Array; fitIntercept?: boolean; perTarget?: boolean },
): Promise<RidgeCvResult> {
  const xs = asFloat64(x), ys = asFloat64(y);
  const { folds, alphas } = options;
  const intercept = !!options.fitIntercept;
  const t = ys.cols, na = alphas.length, nf = folds.length;
  const scores = new Float64Array(nf * na * t);
  for (let f = 0; f < nf; f++) {
    const { train, test } = folds[f];
    const sys = await foldSystem(selectRows(xs, train), selectRows(ys, train), intercept);
    const xv = selectRows(xs, test), yv = selectRows(ys, test).data;
    for (let a = 0; a < na; a++) {
      const pred = await predictWith(xv, await coefficients(sys, () => alphas[a]), sys);
      for (let j = 0; j < t; j++) {
        let sse = 0;
        for (let i = 0; i < test.length; i++) sse += (yv[i * t + j] - pred[i * t + j]) ** 2;
        scores[(f * na + a) * t + j] = -sse / test.length;
      }
    }
  }
  const mean = meanOverFolds(scores, nf, na, t);
  const { index, score } = selectAlphas(mean, alphas, t, options.perTarget ?? true);
  const full = await foldSystem(xs, ys, intercept);
  const coef = await coefficients(full, (j) => alphas[index[j]]);
  const result: RidgeCvResult = {
    coef, bestAlphas: Float64Array.from(index, (i) => alphas[i]), bestAlphaIndex: index, cvScores: score,
    meanScores: matrix(na, t, mean), alphas, folds: nf,
  };
  if (full.xMeans && full.yMeans) {
    const shift = (await matmul(matrix(1, full.xMeans.length, full.xMeans), coef)).data;
    result.intercept = Float64Array.from(full.yMeans, (m, j) => m - shift[j]);
  }
  return result;
}

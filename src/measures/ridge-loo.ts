// Efficient leave-one-out ridge over an alpha grid (scikit-learn's RidgeCV with cv=None, "GCV" mode):
// ONE decomposition of the data serves every alpha and every target.
//
// For a linear smoother ŷ = Hy (ridge, with or without an unpenalized intercept) the residual of the
// model refit without sample i is e_i = (y_i − ŷ_i)/(1 − h_ii), exactly. With the tridiagonal form
// of the Gram matrix (ridge-cv.ts's ridgeBasis, S = Q·T·Qᵀ) and B its basis (n × m):
//   primal (p ≤ n): B = XQ, z = (T+αI)⁻¹Bᵀy, ŷ = Bz, h_ii = b_iᵀ(T+αI)⁻¹b_i = ‖g_i‖² (+ 1/n with an
//                   intercept), g_i column i of G = D^(−1/2)L⁻¹Bᵀ from the LDLᵀ factor of T + αI;
//   dual (p > n):   I − H = α·B(T+αI)⁻¹Bᵀ, so e_i = (Bz)_i / ‖g_i‖² (α cancels; with an intercept B is
//                   the basis of 1⊥ that ridgeBasis builds, where the 11ᵀ/n terms cancel exactly).
// Per alpha: O(m·t) tridiagonal solves, O(m·n) for the diagonal, and one n×m×t product, which runs in
// onnxruntime fused with the residual, the 1/(1 − h) scaling and the sum of squares (over blocks of
// samples, so only t numbers per block come back; small blocks take the same steps in TypeScript).
// The same product as scikit-learn's per alpha; a tridiagonal reduction instead of its SVD.
//
// Selection as scikit-learn: score = −mean squared LOO error; the first alpha in grid order with the
// highest score wins (strict >), per target (alpha_per_target=True) or over the mean of all targets
// (the default of RidgeCV, and Brain-Score language's shared alpha).
import type ort from 'onnxruntime-node';
import { chooseBackend, matmul, matmulSync } from '../core/gemm.ts';
import { columnRange, matrix, type Matrix } from '../core/matrix.ts';
import { buildModel, cachedSession, tensor } from '../core/onnx-graph.ts';
import { halfSolveShiftedTridiagonal, shiftedTridiagonalFactor, solveShiftedTridiagonal, solveShiftedTridiagonalColumns, type ShiftedFactor } from '../core/tridiagonal-solve.ts';
import { InvalidInputError } from './errors.ts';
import { columnPearson } from './encode.ts';
import { alphaGrid, DEFAULT_ALPHAS, ridgeBasis, type RidgeBasis } from './ridge-cv.ts';
import { asFloat64, centred, checkRegressionInputs, interceptOf } from './ridge.ts';
import type { Score } from './score.ts';

/** Bytes the target-sized arrays of one pass may use (about 8·(4n + 3m) per target). */
const PASS_BYTES = 96 * 2 ** 20;

/** Options of ridgeLoo. */
export interface RidgeLooOptions {
  /** Candidate regularization strengths (positive), in the order ties are broken. Default 10⁻²…10⁵. */
  alphas?: ArrayLike<number>;
  /** Centre X and Y and fit an unpenalized intercept (scikit-learn's default). Default false, as ridgeCv. */
  fitIntercept?: boolean;
  /** One alpha per target (RidgeCV alpha_per_target=True). Default true; false: one alpha for all targets. */
  perTarget?: boolean;
  /** Also return every squared LOO error, samples × targets × alphas (RidgeCV's cv_values_). Default false. */
  storeErrors?: boolean;
  /** Also return the LOO predictions y_i − e_i at each target's chosen alpha. Default false. */
  predictions?: boolean;
  /** Targets per pass (bounds memory); default: as many as fit in about 96 MiB of working arrays. */
  targetsPerPass?: number;
}

/** Result of ridgeLoo. */
export interface RidgeLooResult {
  /** Coefficients at each target's chosen alpha, features × targets (RidgeCV's coef_ transposed). */
  coef: Matrix;
  /** Intercepts (only with fitIntercept). */
  intercept?: Float64Array;
  /** The alpha chosen for each target (the same value for all with a shared alpha). */
  bestAlphas: Float64Array;
  /** Index into `alphas` of each target's alpha. */
  bestAlphaIndex: Uint32Array;
  /** Mean squared LOO error, alphas × targets (NaN for an alpha too small for the data). */
  looMse: Matrix;
  /** −(mean squared LOO error) at the chosen alpha: per target, or one value (over all targets) when shared. */
  bestScore: Float64Array;
  /** The alpha grid. */
  alphas: Float64Array;
  /** Squared LOO errors, row-major samples × targets × alphas (only with storeErrors). */
  looErrors?: Float64Array;
  /** LOO predictions at the chosen alphas, samples × targets (only with predictions). */
  looPredictions?: Matrix;
  /** Alphas that could not be used (T + αI numerically singular), with the reason. */
  warnings?: string[];
}

/** Graph: B [n, m], Z [m, t], D [n, 1] (and Y [n, t] in the primal) → E = (Y − BZ)⊙D or (BZ)⊙D, SSE = Σ_i E². */
function looSession(dual: boolean) {
  return cachedSession(`ridge-loo:${dual ? 'dual' : 'primal'}`, () =>
    buildModel(
      [
        { op: 'MatMul', inputs: ['B', 'Z'], outputs: ['F'] },
        ...(dual ? [] : [{ op: 'Sub', inputs: ['Y', 'F'], outputs: ['R'] }]),
        { op: 'Mul', inputs: [dual ? 'F' : 'R', 'D'], outputs: ['E'] },
        { op: 'ReduceSumSquare', inputs: ['E'], outputs: ['SSE'], attributes: { axes: [0], keepdims: 0 } },
      ],
      [
        { name: 'B', type: 'float64', rank: 2 },
        { name: 'Z', type: 'float64', rank: 2 },
        { name: 'D', type: 'float64', rank: 2 },
        ...(dual ? [] : [{ name: 'Y', type: 'float64' as const, rank: 2 }]),
      ],
      [
        { name: 'SSE', type: 'float64', rank: 1 },
        { name: 'E', type: 'float64', rank: 2 },
      ],
    ),
  );
}

/** What every pass shares: the decomposition, and per alpha the factor and the LOO scaling D. */
interface Prepared {
  sp: RidgeBasis;
  factors: (ShiftedFactor | null)[];
  /** Per usable alpha: 1/(1 − h_ii) (primal) or 1/‖g_i‖² (dual), n values. */
  scaling: (Float64Array | null)[];
}

/** Samples whose rows of the basis are transposed and half-solved together for the LOO scaling. */
const SCALING_BLOCK = 64;

/**
 * Per usable alpha, 1/(1 − h_ii) (primal) or 1/((I − H)_ii/α) (dual): h_ii = ‖g_i‖² with G = D^(−1/2)L⁻¹Bᵀ, one
 * block of samples at a time, each block transposed once for every alpha.
 */
function looScalings(sp: RidgeBasis, factors: (ShiftedFactor | null)[]): (Float64Array | null)[] {
  const { n, m, padded: b } = sp;
  const out = factors.map((f) => (f ? new Float64Array(n) : null));
  const blockT = new Float64Array(m * SCALING_BLOCK);
  const work = new Float64Array(m * SCALING_BLOCK);
  for (let i0 = 0; i0 < n; i0 += SCALING_BLOCK) {
    const w = Math.min(SCALING_BLOCK, n - i0);
    const block = blockT.subarray(0, m * w);
    for (let i = 0; i < w; i++) for (let k = 0; k < m; k++) block[k * w + i] = b[(i0 + i) * m + k];
    factors.forEach((f, a) => {
      if (!f) return;
      const sq = out[a] as Float64Array;
      halfSolveShiftedTridiagonal(f, work, w, block);
      for (let k = 0; k < m; k++) for (let i = 0; i < w; i++) sq[i0 + i] += work[k * w + i] * work[k * w + i];
    });
  }
  const base = sp.meanInHat ? 1 / n : 0;
  for (const sq of out) if (sq) for (let i = 0; i < n; i++) sq[i] = sp.dual ? 1 / sq[i] : 1 / (1 - (sq[i] + base));
  return out;
}

async function prepare(x: Matrix, alphas: Float64Array, intercept: boolean): Promise<Prepared & { warnings: string[] }> {
  const sp = await ridgeBasis(x, intercept);
  const warnings: string[] = [];
  const factors = Array.from(alphas, (a) => shiftedTridiagonalFactor(sp.form, a));
  factors.forEach((f, a) => {
    if (!f) warnings.push(`alpha ${alphas[a]} is too small for the scale of the data (XᵀX + αI numerically singular); not selectable`);
  });
  if (factors.every((f) => f === null)) throw new InvalidInputError('ridgeLoo: every alpha is too small for the scale of the data');
  return { sp, factors, scaling: looScalings(sp, factors), warnings };
}

/** c = Bᵀy (m × w), into a new array. */
async function basisTimes(pr: Prepared, y: Matrix): Promise<Float64Array> {
  const { sp } = pr;
  const out = new Float64Array(sp.m * y.cols);
  await matmul(matrix(sp.n, sp.m, sp.padded.subarray(0, sp.n * sp.m)), y, { transA: true, out });
  return out;
}

/** Bytes of one n_block × t intermediate of the LOO graph (it holds about three; at 1000×768×1000, 1 MiB measured
 * 47-51 MiB beyond the inputs against 57-77 with 2 MiB and 64-113 with 4, in about the same time). */
const ROW_BLOCK_BYTES = 2 ** 20;

/**
 * Sum of squared LOO errors per target for one alpha (and the scaled errors E, samples × w, when `withErrors`):
 * z = (T + αI)⁻¹c, then the graph over blocks of samples (rows of B, Y and D are contiguous: no copies), or for
 * blocks below the GEMM backend's onnxruntime threshold the same steps in TypeScript.
 */
async function looPass(pr: Prepared, a: number, c: Float64Array, y: Matrix, z: Float64Array, withErrors: boolean): Promise<{ sse: Float64Array; e?: Float64Array }> {
  const { sp } = pr;
  const { n, m } = sp;
  const w = y.cols;
  solveShiftedTridiagonal(pr.factors[a] as ShiftedFactor, z, w, 0, w, c);
  const session = await looSession(sp.dual);
  const zt = tensor(z, [m, w]);
  const d = pr.scaling[a] as Float64Array;
  const rows = Math.max(32, Math.floor(ROW_BLOCK_BYTES / (8 * w)));
  const sse = new Float64Array(w);
  const e = withErrors ? new Float64Array(n * w) : undefined;
  for (let r0 = 0; r0 < n; r0 += rows) {
    const r1 = Math.min(n, r0 + rows);
    const block = matrix(r1 - r0, m, sp.padded.subarray(r0 * m, r1 * m));
    if (chooseBackend((r1 - r0) * m * w) === 'ts') {
      // Small blocks (and ATTUNE_BACKEND=ts): the same arithmetic in TypeScript.
      const f = matmulSync(block, matrix(m, w, z)).data;
      for (let i = 0; i < r1 - r0; i++) {
        const di = d[r0 + i];
        for (let j = 0; j < w; j++) {
          const k = i * w + j;
          const ej = (sp.dual ? f[k] : (y.data as Float64Array)[r0 * w + k] - f[k]) * di;
          sse[j] += ej * ej;
          if (e) e[r0 * w + k] = ej;
        }
      }
      continue;
    }
    const feeds: Record<string, ort.Tensor> = {
      B: tensor(block.data as Float64Array, [r1 - r0, m]),
      Z: zt,
      D: tensor(d.subarray(r0, r1), [r1 - r0, 1]),
    };
    if (!sp.dual) feeds.Y = tensor((y.data as Float64Array).subarray(r0 * w, r1 * w), [r1 - r0, w]);
    const out = await session.run(feeds, e ? ['SSE', 'E'] : ['SSE']);
    const part = out.SSE.data as Float64Array;
    for (let j = 0; j < w; j++) sse[j] += part[j];
    if (e) e.set(out.E.data as Float64Array, r0 * w);
  }
  return { sse, e };
}

/** First index of the smallest finite value of v[a·stride + j] over a (strict <, so ties keep the first). */
function firstMinimum(v: Float64Array, na: number, stride: number, j: number): number {
  let best = -1;
  for (let a = 0; a < na; a++) {
    const x = v[a * stride + j];
    if (Number.isNaN(x)) continue;
    if (best < 0 || x < v[best * stride + j]) best = a;
  }
  return Math.max(best, 0);
}

/** Copy a rows × w block into columns [j0, j0 + w) of a row-major array with rows of length `stride`. */
function placeColumns(dst: Float64Array, stride: number, src: Float64Array, rows: number, w: number, j0: number): void {
  for (let i = 0; i < rows; i++) dst.set(src.subarray(i * w, (i + 1) * w), i * stride + j0);
}

/**
 * Coefficients (features × w) from c = Bᵀy with each target's alpha: Q·z (primal, into `room`, an m × w array
 * free for it) or Xᵀ·B·z (dual); c is overwritten.
 */
async function coefficients(pr: Prepared, c: Float64Array, index: Uint32Array, x: Matrix, room: Float64Array): Promise<Float64Array> {
  const { sp, factors } = pr;
  const w = index.length;
  for (let a = 0; a < factors.length; a++) {
    const cols: number[] = [];
    for (let j = 0; j < w; j++) if (index[j] === a) cols.push(j);
    if (cols.length === 0) continue;
    if (cols.length === w) solveShiftedTridiagonal(factors[a] as ShiftedFactor, c, w);
    else solveShiftedTridiagonalColumns(factors[a] as ShiftedFactor, c, w, cols);
  }
  if (!sp.dual) return (await matmul(sp.form.q, matrix(sp.m, w, c), { out: room })).data as Float64Array;
  const bz = await matmul(matrix(sp.n, sp.m, sp.padded.subarray(0, sp.n * sp.m)), matrix(sp.m, w, c));
  return (await matmul(x, bz, { transA: true })).data as Float64Array;
}

/**
 * Ridge with the regularization chosen by efficient leave-one-out cross-validation over an alpha grid, per
 * target or shared (scikit-learn RidgeCV(cv=None), same alphas and LOO errors); one decomposition for all.
 * X: samples × features, Y: samples × targets. No intercept unless `fitIntercept`.
 */
export async function ridgeLoo(x: Matrix, y: Matrix, options: RidgeLooOptions = {}): Promise<RidgeLooResult> {
  checkRegressionInputs(x, y, 'ridgeLoo');
  if (x.rows < 2) throw new InvalidInputError(`ridgeLoo: leave-one-out needs at least 2 samples, got ${x.rows}`);
  const alphas = alphaGrid(options.alphas);
  const na = alphas.length;
  const n = x.rows;
  const p = x.cols;
  const t = y.cols;
  const intercept = !!options.fitIntercept;
  const perTarget = options.perTarget ?? true;
  let xs = asFloat64(x);
  let ys = asFloat64(y);
  let means: { x: Float64Array; y: Float64Array } | undefined;
  if (intercept) {
    const cx = centred(xs);
    const cy = centred(ys);
    xs = cx.centred;
    ys = cy.centred;
    means = { x: cx.means, y: cy.means };
  }
  const pr = await prepare(xs, alphas, intercept);
  const { m } = pr.sp;
  const chunk = options.targetsPerPass ?? Math.max(16, Math.floor(PASS_BYTES / (8 * (4 * n + 3 * m))));
  if (!Number.isInteger(chunk) || chunk < 1) throw new InvalidInputError(`ridgeLoo: targetsPerPass must be a positive integer, got ${chunk}`);

  const looMse = new Float64Array(na * t).fill(Number.NaN);
  const looErrors = options.storeErrors ? new Float64Array(n * t * na) : undefined;
  const predictions = options.predictions ? new Float64Array(n * t) : undefined;
  // One pass over every target: its coefficients are the result as computed. Several: each pass's columns are copied in.
  let coef: Float64Array | null = null;
  const place = (b: Float64Array, j0: number, w: number) => {
    if (w === t) coef = b;
    else placeColumns((coef ??= new Float64Array(p * t)), t, b, p, w, j0);
  };
  let bestAlphaIndex = new Uint32Array(t);
  const single = chunk >= t;
  let kept: Float64Array | null = null; // c of the one pass, kept for a shared alpha's coefficients

  for (let j0 = 0; j0 < t; j0 += chunk) {
    const j1 = Math.min(t, j0 + chunk);
    const w = j1 - j0;
    const part = columnRange(ys, j0, j1);
    const c = await basisTimes(pr, part);
    const z = new Float64Array(m * w);
    const runningBest = new Float64Array(w).fill(Number.POSITIVE_INFINITY);
    for (let a = 0; a < na; a++) {
      if (!pr.factors[a]) continue;
      const keepErrors = !!looErrors || (!!predictions && perTarget);
      const { sse, e } = await looPass(pr, a, c, part, z, keepErrors);
      for (let j = 0; j < w; j++) looMse[a * t + j0 + j] = sse[j] / n;
      if (e && looErrors) {
        for (let i = 0; i < n; i++) for (let j = 0; j < w; j++) looErrors[(i * t + j0 + j) * na + a] = e[i * w + j] * e[i * w + j];
      }
      if (e && predictions && perTarget) {
        // The running first minimum is the selection below; keep that alpha's predictions y − e.
        for (let j = 0; j < w; j++) {
          const mse = sse[j] / n;
          if (!(mse < runningBest[j])) continue;
          runningBest[j] = mse;
          for (let i = 0; i < n; i++) predictions[i * t + j0 + j] = part.data[i * w + j] - e[i * w + j];
        }
      }
    }
    if (perTarget) {
      const index = new Uint32Array(w);
      for (let j = 0; j < w; j++) index[j] = firstMinimum(looMse, na, t, j0 + j);
      bestAlphaIndex.set(index, j0);
      place(await coefficients(pr, c, index, xs, z), j0, w);
    } else if (single) kept = c;
  }

  const bestScore = new Float64Array(perTarget ? t : 1);
  if (perTarget) {
    for (let j = 0; j < t; j++) bestScore[j] = -looMse[bestAlphaIndex[j] * t + j];
  } else {
    const overall = new Float64Array(na);
    for (let a = 0; a < na; a++) {
      let s = 0;
      for (let j = 0; j < t; j++) s += looMse[a * t + j];
      overall[a] = s / t;
    }
    const best = firstMinimum(overall, na, 1, 0);
    bestAlphaIndex = new Uint32Array(t).fill(best);
    bestScore[0] = -overall[best];
    for (let j0 = 0; j0 < t; j0 += chunk) {
      const j1 = Math.min(t, j0 + chunk);
      const w = j1 - j0;
      const part = columnRange(ys, j0, j1);
      const c = kept ?? (await basisTimes(pr, part));
      const z = new Float64Array(m * w);
      if (predictions) {
        const { e } = await looPass(pr, best, c, part, z, true);
        for (let i = 0; i < n; i++) for (let j = 0; j < w; j++) predictions[i * t + j0 + j] = part.data[i * w + j] - (e as Float64Array)[i * w + j];
      }
      place(await coefficients(pr, c, bestAlphaIndex.subarray(j0, j1), xs, z), j0, w);
    }
  }

  const coefM = matrix(p, t, coef ?? new Float64Array(p * t));
  const result: RidgeLooResult = {
    coef: coefM,
    bestAlphas: Float64Array.from(bestAlphaIndex, (i) => alphas[i]),
    bestAlphaIndex,
    looMse: matrix(na, t, looMse),
    bestScore,
    alphas,
  };
  if (means) result.intercept = interceptOf(means.x, means.y, coefM);
  if (looErrors) result.looErrors = looErrors;
  if (predictions) {
    // Centred targets give centred predictions; the LOO prediction of the original target adds the mean back.
    if (means) for (let i = 0; i < n; i++) for (let j = 0; j < t; j++) predictions[i * t + j] += means.y[j];
    result.looPredictions = matrix(n, t, predictions);
  }
  if (pr.warnings.length) result.warnings = pr.warnings;
  return result;
}

/** Options of the leave-one-out encoding score. */
export interface LooEncodingOptions {
  /** Candidate alphas. Default 10⁻²…10⁵ (8 values). */
  alphas?: ArrayLike<number>;
  /** One alpha per target (default) or one shared by all targets (Brain-Score language's choice). */
  perTarget?: boolean;
  /** Fit an unpenalized intercept. Default true, as the k-fold encoding score. */
  fitIntercept?: boolean;
}

/**
 * Leave-one-out encoding score: ridge with alphas chosen by efficient LOO (ridgeLoo), then per target the Pearson r
 * between the LOO predictions at the chosen alpha and the targets; the value is the mean r over targets with a defined
 * r. Measure id `encode:ridge:loo` (per-target alpha) or `encode:ridge:loo:shared`. The alpha is chosen on the same LOO
 * errors that the predictions come from (as RidgeCV does), so over a grid of few alphas the score is slightly
 * optimistic; the nested k-fold score (encodingScore) chooses on inner folds only.
 */
export async function looEncodingScore(features: Matrix, targets: Matrix, options: LooEncodingOptions = {}): Promise<Score> {
  const perTarget = options.perTarget ?? true;
  const fitIntercept = options.fitIntercept ?? true;
  const fit = await ridgeLoo(features, targets, { alphas: options.alphas, perTarget, fitIntercept, predictions: true });
  const r = columnPearson(fit.looPredictions as Matrix, asFloat64(targets));
  let sum = 0;
  const undefinedR: number[] = [];
  r.forEach((v, j) => (Number.isFinite(v) ? (sum += v) : undefinedR.push(j)));
  const valid = r.length - undefinedR.length;
  const t = targets.cols;
  const mse = Float64Array.from(fit.bestAlphaIndex, (a, j) => fit.looMse.data[a * t + j]);
  const warnings = [...(fit.warnings ?? [])];
  if (undefinedR.length) {
    const shown = undefinedR.slice(0, 20).join(', ') + (undefinedR.length > 20 ? ` and ${undefinedR.length - 20} more` : '');
    warnings.push(`Pearson r is undefined (constant target or constant predictions) for ${undefinedR.length} of ${t} targets: ${shown}; they are left out of the mean`);
  }
  const score: Score = {
    value: valid ? sum / valid : Number.NaN,
    measure: perTarget ? 'encode:ridge:loo' : 'encode:ridge:loo:shared',
    n: features.rows,
    details: {
      perTarget: r,
      alphas: fit.bestAlphas,
      looMse: mse,
      targets: t,
      validTargets: valid,
      cv: 'leave-one-out',
      alphaGrid: Array.from(options.alphas ?? DEFAULT_ALPHAS),
      fitIntercept,
      perTargetAlpha: perTarget,
      aggregate: 'mean',
    },
  };
  if (warnings.length) score.warnings = warnings;
  return score;
}

// Ridge with the regularization chosen per target by k-fold cross-validation: himalaya's RidgeCV
// (solve_ridge_cv_svd) semantics, computed from ONE decomposition of the whole data set.
//
// Scoring as himalaya: fold score = −Σ(y − ŷ)²/|fold| (l2_neg_loss); mean over folds; plus
// 1e-10·ln α, so that exact ties go to the larger alpha; argmax per target (first maximum);
// cv score = that maximum (slope included, as himalaya reports it); refit on all data with each
// target's alpha. No intercept by default (fit_intercept=False: callers centre X and Y).
//
// Why one decomposition suffices (exact, not an approximation). Let G = XᵀX + αI, β = G⁻¹Xᵀy the
// whole-data fit, ŷ = Xβ, H = XG⁻¹Xᵀ, and for a held-out block S with training rows R let
// G_R = X_RᵀX_R + αI = G − X_SᵀX_S and β_R = G_R⁻¹X_Rᵀy_R the refit without S. From
// G_R·β_R = Xᵀy − X_Sᵀy_S follows G·β_R = Xᵀy − X_Sᵀ(y_S − X_Sβ_R), i.e. β_R = β − G⁻¹X_Sᵀe_S with
// e_S = y_S − X_Sβ_R the held-out residuals. Multiplying by X_S: y_S − e_S = ŷ_S − H_SS·e_S, so
//     e_S = (I − H_SS)⁻¹ (y_S − ŷ_S),
// where I − H_SS = (I + X_S G_R⁻¹X_Sᵀ)⁻¹ is positive definite. The same argument holds for any
// positive-definite penalised normal matrix, so also with an unpenalized intercept: centring X
// over all samples makes the intercept column orthogonal to the features, and H gains 11ᵀ/n.
// With the tridiagonal form S = Q·T·Qᵀ of the Gram matrix, G⁻¹ = Q(T + αI)⁻¹Qᵀ, so every alpha
// costs O(m) tridiagonal solves per column plus GEMMs, and every fold an |S|×|S| inverse:
//   primal (p ≤ n): W = XQ, ŷ = W(T+αI)⁻¹Wᵀy, H_SS = W_S(T+αI)⁻¹W_Sᵀ;
//   dual (p > n):   K = XXᵀ = QTQᵀ, y − ŷ = αQ(T+αI)⁻¹Qᵀy, I − H_SS = αQ_S(T+αI)⁻¹Q_Sᵀ.
// Memory: the folds are scored one at a time (ridge-cv-folds.ts) from c = Bᵀy, which the refit then
// turns into the coefficients in place; primal bases never form B = XQ whole, only each fold's rows.
// The tests check primal and dual, with and without intercept, against direct per-fold refits.
import { matmul } from '../core/gemm.ts';
import { buildModel, cachedSession, runSession, tensor, type NodeSpec, type TensorSpec } from '../core/onnx-graph.ts';
import { columnRange, matrix, type Matrix } from '../core/matrix.ts';
import { InvalidInputError } from './errors.ts';
import { checkFolds, kFold, type Fold } from './folds.ts';
import { tridiagonalizeBlocked, type TridiagonalForm } from '../core/tridiagonal-blocked.ts';
import { shiftedTridiagonalFactor, solveShiftedTridiagonal, solveShiftedTridiagonalColumns, type ShiftedFactor } from '../core/tridiagonal-solve.ts';
import { asFloat64, centred, checkAlpha, checkRegressionInputs, interceptOf } from './ridge.ts';
import { meanOverFolds, selectAlphas } from './ridge-alpha-select.ts';
import { ridgeCvRefit, prefersRefit } from './ridge-cv-refit.ts';
import { foldScores, type PreparedRidgeCv } from './ridge-cv-folds.ts';

export { TIE_SLOPE } from './ridge-alpha-select.ts';

/** himalaya's and the bench's grid: 10⁻², 10⁻¹, …, 10⁵. */
export const DEFAULT_ALPHAS: readonly number[] = [0.01, 0.1, 1, 10, 100, 1000, 10000, 100000];


/** Bytes one pass over the targets may use (about 8·(m + n + 3·|S|) bytes per target). */
const PASS_BYTES = 64 * 2 ** 20;

/** Options of ridgeCv. */
export interface RidgeCvOptions {
  /** Candidate regularization strengths (positive). Default DEFAULT_ALPHAS. */
  alphas?: ArrayLike<number>;
  /** Number of contiguous folds (scikit-learn KFold, no shuffling) or explicit folds. Default 5. */
  folds?: number | readonly Fold[];
  /** Fit an unpenalized intercept (centre by each training set's means). Default false, as himalaya. */
  fitIntercept?: boolean;
  /** Choose alpha per target (himalaya's local_alpha). Default true; false picks one alpha for all targets. */
  perTarget?: boolean;
  /** Targets scored per pass (bounds memory); default: as many as fit in about 64 MiB of working arrays. */
  targetsPerPass?: number;
  /**
   * 'shared': one whole-data decomposition and the exact held-out-residual identity (fast when folds are
   * small); 'refit': a p×p eigendecomposition per fold (fast when samples far outnumber features). Same
   * numbers up to rounding. Default: 'refit' above 500 samples when every training part has over 4× more samples than features.
   */
  method?: 'shared' | 'refit';
}

/** Result of ridgeCv: the refit model, the chosen alphas and the cross-validation scores. */
export interface RidgeCvResult {
  /** Coefficients refit on all samples with each target's alpha, features × targets. */
  coef: Matrix;
  /** Intercepts (only with fitIntercept). */
  intercept?: Float64Array;
  /** The alpha chosen for each target (the grid value). */
  bestAlphas: Float64Array;
  /** Index into `alphas` of each target's alpha. */
  bestAlphaIndex: Uint32Array;
  /** Per target: mean over folds of −MSE at the chosen alpha, plus 1e-10·ln α (himalaya's cv_scores). */
  cvScores: Float64Array;
  /** Mean over folds of −MSE, alphas × targets (no tie-break slope). */
  meanScores: Matrix;
  /** The alpha grid. */
  alphas: Float64Array;
  /** Number of folds. */
  folds: number;
  /** Alphas that could not be used (T + αI numerically singular), with the reason. */
  warnings?: string[];
}

/** The whole-data decomposition every fold and alpha reuses (see the header for the algebra). */
export interface RidgeBasis {
  dual: boolean;
  /** (n + 1) × m: W = XQ (primal), Q (dual), or C·Q' with C an orthonormal basis of 1⊥ (dual with
   * intercept); the extra last row is zero (the target of padded fold indices). Empty for a primal
   * basis made without rows. */
  padded: Float64Array;
  /** An array no longer in use (the reduced kernel's), free for the caller's work buffers. */
  scratch?: Float64Array;
  n: number;
  m: number;
  form: TridiagonalForm;
  /** Centred (if asked) float64 features. */
  x: Matrix;
  intercept: boolean;
  /** Whether H carries the intercept's 11ᵀ/n explicitly (primal with intercept). */
  meanInHat: boolean;
}

/** Rows 0…n−1 of the padded basis as an n × m matrix (a view). */
function basisOf(sp: RidgeBasis): Matrix {
  return matrix(sp.n, sp.m, sp.padded.subarray(0, sp.n * sp.m));
}

/**
 * Householder reflector P = I − 2wwᵀ with P·1/√n = −e₁: its columns 2…n are an orthonormal basis of 1⊥.
 * Returns w.
 */
function constantReflector(n: number): Float64Array {
  const w = new Float64Array(n).fill(1 / Math.sqrt(n));
  w[0] += 1;
  const norm = Math.sqrt(2 + 2 / Math.sqrt(n)); // ‖1/√n + e₁‖
  for (let i = 0; i < n; i++) w[i] /= norm;
  return w;
}

/** P·A in place for P = I − 2wwᵀ on the first n rows of A (n = w.length, rows of length cols). */
function reflectRows(w: Float64Array, a: Float64Array, cols: number): void {
  const n = w.length;
  const proj = new Float64Array(cols);
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    const base = i * cols;
    for (let j = 0; j < cols; j++) proj[j] += wi * a[base + j];
  }
  for (let i = 0; i < n; i++) {
    const f = 2 * w[i];
    const base = i * cols;
    for (let j = 0; j < cols; j++) a[base + j] -= f * proj[j];
  }
}

/** A copy of m's data with one extra zero row. */
function withZeroRow(m: Matrix): Float64Array {
  const out = new Float64Array((m.rows + 1) * m.cols);
  out.set(m.data);
  return out;
}

/**
 * Tridiagonal decomposition of the ridge problem on x (float64, centred by the caller when `intercept`).
 * `primalRows: false` skips the primal basis rows W = XQ (for callers that form them fold by fold).
 */
export async function ridgeBasis(x: Matrix, intercept: boolean, options: { primalRows?: boolean } = {}): Promise<RidgeBasis> {
  const n = x.rows;
  const p = x.cols;
  if (p <= n) {
    const kernel = await matmul(x, x, { transA: true });
    const form = await tridiagonalizeBlocked(kernel, { overwrite: true });
    let padded = new Float64Array(0);
    if (options.primalRows ?? true) {
      padded = new Float64Array((n + 1) * p);
      await matmul(x, form.q, { out: padded.subarray(0, n * p) });
    }
    return { dual: false, padded, scratch: kernel.data as Float64Array, n, m: p, form, x, intercept, meanInHat: intercept };
  }
  if (!intercept) {
    const kernel = await matmul(x, x, { transB: true });
    const form = await tridiagonalizeBlocked(kernel, { overwrite: true });
    return { dual: true, padded: withZeroRow(form.q), scratch: kernel.data as Float64Array, n, m: n, form, x, intercept, meanInHat: false };
  }
  // Dual with intercept: the centred kernel has the exact null vector 1, whose computed eigenvalue
  // (±ε‖K‖) would be amplified by 1/α. Work in 1⊥ instead: X' = Cᵀx (C = columns 2…n of P), whose
  // kernel K' = X'X'ᵀ is the centred kernel restricted to 1⊥; then (K̃ + αI)⁻¹ − 11ᵀ/(nα) = C(K' + αI)⁻¹Cᵀ
  // exactly, the 11ᵀ/n terms of H cancel, and the basis is C·Q'.
  const w = constantReflector(n);
  const px = Float64Array.from(x.data);
  reflectRows(w, px, p);
  const xr = matrix(n - 1, p, px.subarray(p));
  const kernel = await matmul(xr, xr, { transB: true });
  const form = await tridiagonalizeBlocked(kernel, { overwrite: true });
  const m = n - 1;
  const padded = new Float64Array((n + 1) * m);
  padded.set(form.q.data, m); // [0; Q'; 0], then P·[0; Q'] = C·Q' on the first n rows
  reflectRows(w, padded, m);
  return { dual: true, padded, scratch: kernel.data as Float64Array, n, m, form, x, intercept, meanInHat: false };
}

/**
 * Graph nodes for the whole-data residuals R of one alpha: fit = B·Z, then R = Y − fit (primal) or
 * R = c·fit with c = α (dual: the residual is α·(K + αI)⁻¹Y and B·Z is (K + αI)⁻¹Y); shared with the nested CV.
 */
export function residualNodes(dual: boolean): NodeSpec[] {
  return [
    { op: 'MatMul', inputs: ['B', 'Z'], outputs: ['fit'] },
    dual ? { op: 'Mul', inputs: ['fit', 'c'], outputs: ['R'] } : { op: 'Sub', inputs: ['Y', 'fit'], outputs: ['R'] },
  ];
}

/** The graph inputs residualNodes reads: B, Z and Y (primal) or the scalar c = α (dual). */
export function residualInputs(dual: boolean): TensorSpec[] {
  return [
    { name: 'B', type: 'float64', rank: 2 },
    { name: 'Z', type: 'float64', rank: 2 },
    dual ? { name: 'c', type: 'float64', rank: 1 } : { name: 'Y', type: 'float64', rank: 2 },
  ];
}

/** Check and normalise the alpha grid. */
export function alphaGrid(alphas: ArrayLike<number> | undefined): Float64Array {
  const grid = Float64Array.from(alphas ?? DEFAULT_ALPHAS);
  if (grid.length === 0) throw new InvalidInputError('ridgeCv: the alpha grid is empty');
  for (const a of grid) checkAlpha(a, 'ridgeCv');
  return grid;
}

function resolveFolds(folds: number | readonly Fold[] | undefined, n: number): readonly Fold[] {
  if (folds === undefined || typeof folds === 'number') return kFold(n, folds ?? 5);
  return checkFolds(folds, n);
}

async function prepare(x: Matrix, n: number, options: RidgeCvOptions): Promise<PreparedRidgeCv> {
  const alphas = alphaGrid(options.alphas);
  const folds = resolveFolds(options.folds, n);
  const intercept = !!options.fitIntercept;
  let xs = asFloat64(x);
  let xMeans: Float64Array | undefined;
  if (intercept) {
    const c = centred(xs);
    xs = c.centred;
    xMeans = c.means;
  }
  const sp = await ridgeBasis(xs, intercept, { primalRows: false });
  const warnings: string[] = [];
  const factors = Array.from(alphas, (a) => shiftedTridiagonalFactor(sp.form, a));
  factors.forEach((f, a) => {
    if (!f) warnings.push(`alpha ${alphas[a]} is too small for the scale of the data (XᵀX + αI numerically singular); not selectable`);
  });
  if (factors.every((f) => f === null)) throw new InvalidInputError('ridgeCv: every alpha is too small for the scale of the data');
  let s = 0;
  for (const f of folds) s = Math.max(s, f.test.length);
  return { sp, folds, alphas, factors, s, xMeans, warnings };
}

/** C ← op(Q)·C in place for a square Q (m × m) and C (m × t), a block of columns at a time through `scratch`. */
async function multiplyInPlace(q: Matrix, c: Float64Array, t: number, transpose: boolean, scratch: Float64Array | undefined): Promise<void> {
  const m = q.rows;
  let width = Math.min(t, Math.floor((scratch?.length ?? 0) / (2 * m)));
  let room = scratch ?? new Float64Array(0);
  if (width < Math.min(t, 64)) {
    width = Math.min(t, 256);
    room = new Float64Array(2 * m * width);
  }
  for (let j0 = 0; j0 < t; j0 += width) {
    const w = Math.min(width, t - j0);
    const block = w === t ? c : room.subarray(0, m * w);
    const product = room.subarray(m * w, 2 * m * w);
    if (w < t) for (let i = 0; i < m; i++) block.set(c.subarray(i * t + j0, i * t + j0 + w), i * w);
    await matmul(q, matrix(m, w, block), { transA: transpose, out: product });
    for (let i = 0; i < m; i++) c.set(product.subarray(i * w, (i + 1) * w), i * t + j0);
  }
}

/** Graph: Q [p, p], X [n, p], Y [n, t] → Qᵀ·(Xᵀ·Y) [p, t], the primal c = Bᵀy with B = XQ never formed. */
function primalBasisTimesSession() {
  return cachedSession('ridge-cv:primal-basis-times', () =>
    buildModel(
      [
        { op: 'Gemm', inputs: ['X', 'Y'], outputs: ['XtY'], attributes: { transA: 1 } },
        { op: 'Gemm', inputs: ['Q', 'XtY'], outputs: ['C'], attributes: { transA: 1 } },
      ],
      [
        { name: 'Q', type: 'float64', rank: 2 },
        { name: 'X', type: 'float64', rank: 2 },
        { name: 'Y', type: 'float64', rank: 2 },
      ],
      [{ name: 'C', type: 'float64', rank: 2 }],
    ),
  );
}

/** c = Bᵀy (m × t): Qᵀ·(Xᵀy) in one onnxruntime run (primal), or the dual basis's rows times y. */
async function basisTimes(pr: PreparedRidgeCv, y: Matrix): Promise<Float64Array> {
  const { sp } = pr;
  if (sp.dual) return (await matmul(basisOf(sp), y, { transA: true })).data as Float64Array; // float64 in, float64 out
  const { q } = sp.form;
  const out = await runSession(await primalBasisTimesSession(), {
    Q: tensor(q.data as Float64Array, [q.rows, q.cols]),
    X: tensor(sp.x.data as Float64Array, [sp.x.rows, sp.x.cols]),
    Y: tensor(y.data as Float64Array, [y.rows, y.cols]),
  });
  return out.C.data as Float64Array;
}

/**
 * Turn c = Bᵀy (m × t) into the coefficients refit on all samples with each target's alpha (features × t):
 * Z[:, j] = (T + α_j I)⁻¹c[:, j] in place, then β = Q·Z in place (primal; c is returned) or Xᵀ·B·Z (dual).
 */
async function refitInPlace(pr: PreparedRidgeCv, c: Float64Array, index: Uint32Array, t: number): Promise<Float64Array> {
  const { sp, factors } = pr;
  for (let a = 0; a < factors.length; a++) {
    const cols: number[] = [];
    for (let j = 0; j < t; j++) if (index[j] === a) cols.push(j);
    if (cols.length === 0) continue;
    const fac = factors[a] as ShiftedFactor; // a selected alpha always has a factor
    if (cols.length === t) solveShiftedTridiagonal(fac, c, t);
    else solveShiftedTridiagonalColumns(fac, c, t, cols);
  }
  if (!sp.dual) {
    await multiplyInPlace(sp.form.q, c, t, false, sp.scratch);
    return c;
  }
  const bz = await matmul(basisOf(sp), matrix(sp.m, t, c));
  return (await matmul(sp.x, bz, { transA: true })).data as Float64Array;
}

/** Targets per pass so that one pass stays within PASS_BYTES. */
function targetChunk(n: number, m: number, s: number): number {
  return Math.max(32, Math.floor(PASS_BYTES / (8 * (m + n + 3 * s))));
}

/**
 * Ridge with alpha chosen per target by k-fold cross-validation (himalaya RidgeCV, fit_intercept=False by
 * default), refit on all samples. X: samples × features, Y: samples × targets.
 */
export async function ridgeCv(x: Matrix, y: Matrix, options: RidgeCvOptions = {}): Promise<RidgeCvResult> {
  checkRegressionInputs(x, y, 'ridgeCv');
  const n = x.rows;
  const t = y.cols;
  const p = x.cols;
  const method = options.method ?? (prefersRefit(n, p, resolveFolds(options.folds, n)) ? 'refit' : 'shared');
  if (method === 'refit') return ridgeCvRefit(x, y, { ...options, folds: resolveFolds(options.folds, n), alphas: alphaGrid(options.alphas) });
  const pr = await prepare(x, n, options);
  const { alphas, folds, sp } = pr;
  const na = alphas.length;
  const nf = folds.length;
  const perTarget = options.perTarget ?? true;
  let ys = asFloat64(y);
  let yMeans: Float64Array | undefined;
  if (sp.intercept) {
    const c = centred(ys);
    ys = c.centred;
    yMeans = c.means;
  }
  const chunk = options.targetsPerPass ?? targetChunk(n, sp.m, pr.s);
  if (!Number.isInteger(chunk) || chunk < 1) throw new InvalidInputError(`ridgeCv: targetsPerPass must be a positive integer, got ${chunk}`);
  const meanScores = new Float64Array(na * t);
  let bestAlphaIndex: Uint32Array = new Uint32Array(t);
  let cvScores: Float64Array = new Float64Array(t);
  // One pass over every target: its c becomes the coefficients in place. Several: each pass's columns are copied in.
  let coef: Float64Array | null = null;
  const place = (b: Float64Array, j0: number, w: number) => {
    if (w === t) coef = b;
    else {
      coef ??= new Float64Array(p * t);
      for (let i = 0; i < p; i++) coef.set(b.subarray(i * w, (i + 1) * w), i * t + j0);
    }
  };
  let whole: Float64Array | null = null; // one pass's c, kept for a shared alpha
  for (let j0 = 0; j0 < t; j0 += chunk) {
    const j1 = Math.min(t, j0 + chunk);
    const w = j1 - j0;
    const part = columnRange(ys, j0, j1);
    const c = await basisTimes(pr, part);
    const mean = meanOverFolds(await foldScores(pr, c, part), nf, na, w);
    for (let a = 0; a < na; a++) meanScores.set(mean.subarray(a * w, (a + 1) * w), a * t + j0);
    if (perTarget) {
      // Per target the alpha is known after its own pass: refit at once.
      const { index, score } = selectAlphas(mean, alphas, w, true);
      bestAlphaIndex.set(index, j0);
      cvScores.set(score, j0);
      place(await refitInPlace(pr, c, index, w), j0, w);
    } else if (w === t) whole = c;
  }
  if (!perTarget) {
    // A shared alpha needs every target's scores first; with several passes c is recomputed rather than held.
    ({ index: bestAlphaIndex, score: cvScores } = selectAlphas(meanScores, alphas, t, false));
    for (let j0 = 0; j0 < t; j0 += chunk) {
      const j1 = Math.min(t, j0 + chunk);
      const c = whole ?? (await basisTimes(pr, columnRange(ys, j0, j1)));
      place(await refitInPlace(pr, c, bestAlphaIndex.subarray(j0, j1), j1 - j0), j0, j1 - j0);
    }
  }
  const coefM = matrix(p, t, coef ?? new Float64Array(p * t));
  const result: RidgeCvResult = {
    coef: coefM,
    bestAlphas: Float64Array.from(bestAlphaIndex, (i) => alphas[i]),
    bestAlphaIndex,
    cvScores,
    meanScores: matrix(na, t, meanScores),
    alphas,
    folds: nf,
  };
  if (pr.xMeans && yMeans) result.intercept = interceptOf(pr.xMeans, yMeans, coefM);
  if (pr.warnings.length) result.warnings = pr.warnings;
  return result;
}

/**
 * Held-out fold scores −Σ(y − ŷ)²/|S| of ridge refit without each fold, for every fold, alpha and target:
 * a folds × alphas × targets array (fold-major), computed from the whole-data decomposition.
 */
export async function ridgeFoldScores(
  x: Matrix,
  y: Matrix,
  options: { alphas?: ArrayLike<number>; folds?: number | readonly Fold[]; fitIntercept?: boolean } = {},
): Promise<Float64Array> {
  checkRegressionInputs(x, y, 'ridgeFoldScores');
  const pr = await prepare(x, x.rows, options);
  const ys = pr.sp.intercept ? centred(asFloat64(y)).centred : asFloat64(y);
  return foldScores(pr, await basisTimes(pr, ys), ys);
}

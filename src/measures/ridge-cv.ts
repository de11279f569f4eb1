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
// Memory: one alpha per graph run, and only the selected alphas' systems are solved again for the
// refit, so the working set is a few n×t and m×t arrays per pass over the targets.
// The tests check primal and dual, with and without intercept, against direct per-fold refits.
import { matmul } from '../core/gemm.ts';
import { buildModel, cachedSession, runSession, tensor, type NodeSpec, type TensorSpec } from '../core/onnx-graph.ts';
import { matrix, type Matrix } from '../core/matrix.ts';
import { InvalidInputError } from './errors.ts';
import { checkFolds, kFold, type Fold } from './folds.ts';
import { tridiagonalizeBlocked, type TridiagonalForm } from '../core/tridiagonal-blocked.ts';
import {
  halfSolveShiftedTridiagonal,
  shiftedTridiagonalFactor,
  solveShiftedTridiagonal,
  type ShiftedFactor,
} from '../core/tridiagonal-solve.ts';
import { asFloat64, centred, checkAlpha, checkRegressionInputs, interceptOf } from './ridge.ts';
import { meanOverFolds, selectAlphas } from './ridge-alpha-select.ts';
import { ridgeCvRefit, prefersRefit } from './ridge-cv-refit.ts';

export { TIE_SLOPE } from './ridge-alpha-select.ts';

/** himalaya's and the bench's grid: 10⁻², 10⁻¹, …, 10⁵. */
export const DEFAULT_ALPHAS: readonly number[] = [0.01, 0.1, 1, 10, 100, 1000, 10000, 100000];


/** Bytes one pass over the targets may use (about 8·(3m + 4n) bytes per target). */
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
   * intercept); the extra last row is zero (the target of padded fold indices). */
  padded: Float64Array;
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

/** Tridiagonal decomposition of the ridge problem on x (float64, centred by the caller when `intercept`). */
export async function ridgeBasis(x: Matrix, intercept: boolean): Promise<RidgeBasis> {
  const n = x.rows;
  const p = x.cols;
  if (p <= n) {
    const form = await tridiagonalizeBlocked(await matmul(x, x, { transA: true }));
    const padded = withZeroRow(await matmul(x, form.q));
    return { dual: false, padded, n, m: p, form, x, intercept, meanInHat: intercept };
  }
  if (!intercept) {
    const form = await tridiagonalizeBlocked(await matmul(x, x, { transB: true }));
    return { dual: true, padded: withZeroRow(form.q), n, m: n, form, x, intercept, meanInHat: false };
  }
  // Dual with intercept: the centred kernel has the exact null vector 1, whose computed eigenvalue
  // (±ε‖K‖) would be amplified by 1/α. Work in 1⊥ instead: X' = Cᵀx (C = columns 2…n of P), whose
  // kernel K' = X'X'ᵀ is the centred kernel restricted to 1⊥; then (K̃ + αI)⁻¹ − 11ᵀ/(nα) = C(K' + αI)⁻¹Cᵀ
  // exactly, the 11ᵀ/n terms of H cancel, and the basis is C·Q'.
  const w = constantReflector(n);
  const px = Float64Array.from(x.data);
  reflectRows(w, px, p);
  const xr = matrix(n - 1, p, px.subarray(p));
  const form = await tridiagonalizeBlocked(await matmul(xr, xr, { transB: true }));
  const m = n - 1;
  const padded = new Float64Array((n + 1) * m);
  padded.set(form.q.data, m); // [0; Q'; 0], then P·[0; Q'] = C·Q' on the first n rows
  reflectRows(w, padded, m);
  return { dual: true, padded, n, m, form, x, intercept, meanInHat: false };
}

/**
 * Graph: G [F, m, s], E [F, s, s], c [1] → (E + c·GᵀG)⁻¹ [F, s, s]. With G = D^(−1/2)L⁻¹B_Sᵀ,
 * GᵀG = B_S(T + αI)⁻¹B_Sᵀ; E and c make it I − H_SS (primal: E = I − 11ᵀ/n or I, c = −1; dual:
 * E = 0, c = α), padded with the identity.
 */
function heldOutSession() {
  return cachedSession('ridge-cv:held-out-inverse', () =>
    buildModel(
      [
        { op: 'FusedMatMul', domain: 'com.microsoft', inputs: ['G', 'G'], outputs: ['H'], attributes: { transA: 1 } },
        { op: 'Mul', inputs: ['c', 'H'], outputs: ['cH'] },
        { op: 'Add', inputs: ['E', 'cH'], outputs: ['A'] },
        { op: 'Inverse', domain: 'com.microsoft', inputs: ['A'], outputs: ['M'] },
      ],
      [
        { name: 'G', type: 'float64', rank: 3 },
        { name: 'E', type: 'float64', rank: 3 },
        { name: 'c', type: 'float64', rank: 1 },
      ],
      [{ name: 'M', type: 'float64', rank: 3 }],
    ),
  );
}

/**
 * Graph of one alpha's fold sums of squares: fitted = B·Z; residuals R = Y − fitted (primal) or
 * α·fitted (dual); each fold's rows gathered [F, s, t] (padding → the zero last row); held-out
 * residuals M·R; their sums of squares over the fold's rows → [F, t].
 */
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

function scoreSession(dual: boolean) {
  return cachedSession(`ridge-cv:fold-sse:${dual ? 'dual' : 'primal'}`, () =>
    buildModel(
      [
        ...residualNodes(dual),
        { op: 'Gather', inputs: ['R', 'idx'], outputs: ['Rg'], attributes: { axis: 0 } },
        { op: 'MatMul', inputs: ['M', 'Rg'], outputs: ['E'] },
        { op: 'ReduceSumSquare', inputs: ['E'], outputs: ['S'], attributes: { axes: [1], keepdims: 0 } },
      ],
      [
        ...residualInputs(dual),
        { name: 'idx', type: 'int64', rank: 2 },
        { name: 'M', type: 'float64', rank: 3 },
      ],
      [{ name: 'S', type: 'float64', rank: 2 }],
    ),
  );
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

/** Everything the per-target passes need, computed once from X. */
interface Prepared {
  sp: RidgeBasis;
  folds: readonly Fold[];
  alphas: Float64Array;
  factors: (ShiftedFactor | null)[];
  /** Per alpha: (I − H_SS)⁻¹ for every fold, [F, s, s] (null for unusable alphas). */
  inverses: (Float64Array | null)[];
  /** Largest fold size; smaller folds are padded to it. */
  s: number;
  /** Fold sample indices padded with n (the zero row), [F, s]. */
  idx: BigInt64Array;
  xMeans?: Float64Array;
  warnings: string[];
}

/** The alpha-free inputs of the held-out graph: B_Sᵀ per fold (zero-padded to s columns) and E. */
interface HeldOutParts {
  bst: Float64Array; // [F, m, s]
  e: Float64Array; // [F, s, s]
  g: Float64Array; // work buffer [F, m, s]
}

function heldOutParts(sp: RidgeBasis, folds: readonly Fold[], s: number): HeldOutParts {
  const { m, n } = sp;
  const nf = folds.length;
  const bst = new Float64Array(nf * m * s);
  const e = new Float64Array(nf * s * s);
  const mean = sp.meanInHat ? 1 / n : 0;
  for (let f = 0; f < nf; f++) {
    const test = folds[f].test;
    const size = test.length;
    const base = f * m * s;
    for (let k = 0; k < size; k++) {
      const src = test[k] * m;
      for (let i = 0; i < m; i++) bst[base + i * s + k] = sp.padded[src + i];
    }
    // primal: I − 11ᵀ/n (or I) on the fold's block; dual: 0 there; identity on the padding.
    const eb = f * s * s;
    for (let i = size; i < s; i++) e[eb + i * s + i] = 1;
    if (!sp.dual) for (let i = 0; i < size; i++) for (let k = 0; k < size; k++) e[eb + i * s + k] = (i === k ? 1 : 0) - mean;
  }
  return { bst, e, g: new Float64Array(nf * m * s) };
}

/** (I − H_SS)⁻¹ for every fold at one alpha, padded with the identity to s: [F, s, s]. */
async function heldOutInverses(sp: RidgeBasis, parts: HeldOutParts, nf: number, alpha: number, factor: ShiftedFactor, s: number): Promise<Float64Array> {
  const { m } = sp;
  const { bst, e, g } = parts;
  for (let f = 0; f < nf; f++) {
    halfSolveShiftedTridiagonal(factor, g.subarray(f * m * s, (f + 1) * m * s), s, bst.subarray(f * m * s, (f + 1) * m * s));
  }
  const out = await runSession(await heldOutSession(), {
    G: tensor(g, [nf, m, s]),
    E: tensor(e, [nf, s, s]),
    c: tensor(Float64Array.of(sp.dual ? alpha : -1), [1]),
  });
  return out.M.data as Float64Array;
}

async function prepare(x: Matrix, n: number, options: RidgeCvOptions): Promise<Prepared> {
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
  const sp = await ridgeBasis(xs, intercept);
  const warnings: string[] = [];
  const factors = Array.from(alphas, (a) => shiftedTridiagonalFactor(sp.form, a));
  factors.forEach((f, a) => {
    if (!f) warnings.push(`alpha ${alphas[a]} is too small for the scale of the data (XᵀX + αI numerically singular); not selectable`);
  });
  if (factors.every((f) => f === null)) throw new InvalidInputError('ridgeCv: every alpha is too small for the scale of the data');
  let s = 0;
  for (const f of folds) s = Math.max(s, f.test.length);
  const idx = new BigInt64Array(folds.length * s).fill(BigInt(n));
  folds.forEach((fold, f) => fold.test.forEach((i, k) => (idx[f * s + k] = BigInt(i))));
  const parts = heldOutParts(sp, folds, s);
  const inverses: (Float64Array | null)[] = [];
  for (let a = 0; a < alphas.length; a++) {
    const fac = factors[a];
    inverses.push(fac ? await heldOutInverses(sp, parts, folds.length, alphas[a], fac, s) : null);
  }
  return { sp, folds, alphas, factors, inverses, s, idx, xMeans, warnings };
}

/**
 * Fold scores −SSE/|S| for the targets in y (centred if the model has an intercept): scores[f][a][j]
 * flattened (fold-major), and c = basisᵀy (m × t) for the refit.
 */
async function scoreTargets(pr: Prepared, y: Matrix): Promise<{ scores: Float64Array; c: Float64Array }> {
  const { sp, folds, alphas, factors, inverses, s, idx } = pr;
  const { n, m } = sp;
  const t = y.cols;
  const na = alphas.length;
  const nf = folds.length;
  const c = (await matmul(basisOf(sp), y, { transA: true })).data as Float64Array; // float64 in, float64 out
  const yPadded = sp.dual ? null : withZeroRow(y);
  const z = new Float64Array(m * t);
  const scores = new Float64Array(nf * na * t);
  const session = await scoreSession(sp.dual);
  for (let a = 0; a < na; a++) {
    const fac = factors[a];
    const inv = inverses[a];
    if (!fac || !inv) {
      for (let f = 0; f < nf; f++) scores.fill(-Infinity, (f * na + a) * t, (f * na + a + 1) * t);
      continue;
    }
    solveShiftedTridiagonal(fac, z, t, 0, t, c);
    const feeds = {
      B: tensor(sp.padded, [n + 1, m]),
      Z: tensor(z, [m, t]),
      idx: tensor(idx, [nf, s]),
      M: tensor(inv, [nf, s, s]),
      ...(yPadded ? { Y: tensor(yPadded, [n + 1, t]) } : { c: tensor(Float64Array.of(alphas[a]), [1]) }),
    };
    const sse = (await runSession(session, feeds)).S.data as Float64Array; // [F, t]
    for (let f = 0; f < nf; f++) {
      const scale = -1 / folds[f].test.length;
      const dst = (f * na + a) * t;
      for (let j = 0; j < t; j++) scores[dst + j] = sse[f * t + j] * scale;
    }
  }
  return { scores, c };
}


/**
 * Refit coefficients (features × targets): Z[:, j] = (T + α_j I)⁻¹c[:, j], solved once per alpha in use
 * over the targets that chose it; then β = Q·Z (primal) or Xᵀ·B·Z (dual).
 */
async function refit(pr: Prepared, c: Float64Array, index: Uint32Array, t: number): Promise<Matrix> {
  const { sp, factors } = pr;
  const m = sp.m;
  const z = new Float64Array(m * t);
  for (let a = 0; a < factors.length; a++) {
    const cols: number[] = [];
    for (let j = 0; j < t; j++) if (index[j] === a) cols.push(j);
    if (cols.length === 0) continue;
    const fac = factors[a] as ShiftedFactor; // a selected alpha always has a factor
    if (cols.length === t) {
      solveShiftedTridiagonal(fac, z, t, 0, t, c);
      continue;
    }
    const w = cols.length;
    const part = new Float64Array(m * w);
    for (let i = 0; i < m; i++) for (let k = 0; k < w; k++) part[i * w + k] = c[i * t + cols[k]];
    solveShiftedTridiagonal(fac, part, w);
    for (let i = 0; i < m; i++) for (let k = 0; k < w; k++) z[i * t + cols[k]] = part[i * w + k];
  }
  if (!sp.dual) return matmul(sp.form.q, matrix(m, t, z));
  const bz = await matmul(basisOf(sp), matrix(m, t, z));
  return matmul(sp.x, bz, { transA: true });
}

/** Columns [j0, j1) of a float64 matrix, copied (the matrix itself when that is all of it). */
function columnsOf(m: Matrix, j0: number, j1: number): Matrix {
  if (j0 === 0 && j1 === m.cols) return m;
  const w = j1 - j0;
  const out = new Float64Array(m.rows * w);
  for (let i = 0; i < m.rows; i++) out.set(m.data.subarray(i * m.cols + j0, i * m.cols + j1), i * w);
  return matrix(m.rows, w, out);
}

/** Targets per pass so that one pass stays within PASS_BYTES. */
function targetChunk(n: number, m: number): number {
  return Math.max(32, Math.floor(PASS_BYTES / (8 * (3 * m + 4 * n))));
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
  const chunk = options.targetsPerPass ?? targetChunk(n, sp.m);
  if (!Number.isInteger(chunk) || chunk < 1) throw new InvalidInputError(`ridgeCv: targetsPerPass must be a positive integer, got ${chunk}`);
  const meanScores = new Float64Array(na * t);
  const kept: { j0: number; c: Float64Array }[] = [];
  // Scores (and, per target, the alpha) pass by pass; a shared alpha needs all targets' scores first.
  let bestAlphaIndex: Uint32Array = new Uint32Array(t);
  let cvScores: Float64Array = new Float64Array(t);
  for (let j0 = 0; j0 < t; j0 += chunk) {
    const j1 = Math.min(t, j0 + chunk);
    const w = j1 - j0;
    const { scores, c } = await scoreTargets(pr, columnsOf(ys, j0, j1));
    const mean = meanOverFolds(scores, nf, na, w);
    for (let a = 0; a < na; a++) meanScores.set(mean.subarray(a * w, (a + 1) * w), a * t + j0);
    if (perTarget) {
      const { index, score } = selectAlphas(mean, alphas, w, true);
      bestAlphaIndex.set(index, j0);
      cvScores.set(score, j0);
    }
    kept.push({ j0, c: j1 - j0 === t ? c : new Float64Array(0) });
  }
  if (!perTarget) ({ index: bestAlphaIndex, score: cvScores } = selectAlphas(meanScores, alphas, t, false));
  const coef = new Float64Array(p * t);
  for (const { j0, c: keptC } of kept) {
    const j1 = Math.min(t, j0 + chunk);
    const w = j1 - j0;
    // One pass keeps its c; with several passes c is recomputed rather than held for every target.
    const c = keptC.length ? keptC : ((await matmul(basisOf(sp), columnsOf(ys, j0, j1), { transA: true })).data as Float64Array);
    const b = (await refit(pr, c, bestAlphaIndex.subarray(j0, j1), w)).data;
    if (w === t) coef.set(b);
    else for (let i = 0; i < p; i++) coef.set(b.subarray(i * w, (i + 1) * w), i * t + j0);
  }
  const coefM = matrix(p, t, coef);
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
  return (await scoreTargets(pr, ys)).scores;
}

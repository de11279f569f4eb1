// Centered kernel alignment (Kornblith et al. 2019): linear (biased and debiased) and RBF.
//
// CKA(K, L) = HSIC(K, L) / √(HSIC(K, K)·HSIC(L, L)) for the n×n kernels K, L of two representations
// of the same n stimuli. Biased HSIC uses the double-centred kernels H·K·H (H = I − 11ᵀ/n); the
// debiased CKA uses the unbiased HSIC estimator of Song et al. (2012, eq. 5), as in Kornblith's
// `debiased=True` and platonic-rep's `unbiased_cka` — but without platonic-rep's +1e-6 in the
// denominator (so values agree with platonic-rep to about 1e-6/√(HSIC_KK·HSIC_LL) only).
import { gram, gramPanelPairs, matmul, type Backend } from '../core/gemm.ts';
import { firstNonFinite, matrix, type Matrix } from '../core/matrix.ts';
import { giveScratch, takeScratch } from '../core/scratch.ts';
import { InvalidInputError } from './errors.ts';
import { checkPairShapes } from './pair-checks.ts';
import type { Score } from './score.ts';

export interface LinearCkaOptions {
  /** Use the unbiased HSIC estimator (as linearCkaDebiased; default false). */
  debiased?: boolean;
  /** Backend for the products (default: by size). */
  backend?: Backend;
  /** Force the route: 'gram' (n×n kernels) or 'features' (cross-covariances); default: the cheaper. */
  route?: 'gram' | 'features';
}

export interface RbfCkaOptions {
  /** σ as a fraction of the median pairwise distance (Kornblith's `threshold`; default 0.8). */
  threshold?: number;
  /** Use the unbiased HSIC estimator (default false). */
  debiased?: boolean;
  backend?: Backend;
}

/** Off-diagonal statistics of a pair of symmetric n×n kernels, enough for biased and unbiased HSIC. */
interface KernelStats {
  n: number;
  /** Σ_ij A_ij·B_ij over all i, j (Frobenius inner products). */
  kl: number;
  kk: number;
  ll: number;
  /** Σ_i A_ii·B_ii (diagonal products). */
  dkl: number;
  dkk: number;
  dll: number;
  /** Row sums over all j. */
  rowK: Float64Array;
  rowL: Float64Array;
  diagK: Float64Array;
  diagL: Float64Array;
}

/**
 * Column-centred copy (as `centred`) that also validates: a non-finite value shows up as a non-finite
 * column sum and is then located; centred magnitudes that would under- or overflow the fourth powers of
 * the statistics are rescaled by a power of two (exact; CKA is scale-invariant). Two passes: column sums
 * four rows at a time, then the subtraction, which also finds the largest centred magnitude.
 */
function centredChecked(m: Matrix, name: string, label: string): Matrix {
  const { rows, cols, data } = m;
  const means = new Float64Array(cols);
  let i = 0;
  for (; i + 3 < rows; i += 4) {
    const o0 = i * cols, o1 = o0 + cols, o2 = o1 + cols, o3 = o2 + cols;
    for (let j = 0; j < cols; j++) means[j] += data[o0 + j] + data[o1 + j] + (data[o2 + j] + data[o3 + j]);
  }
  for (; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) means[j] += data[o + j];
  }
  let finite = true;
  for (let j = 0; j < cols && finite; j++) finite = Number.isFinite(means[j]);
  if (!finite) {
    // Rare: locate the bad cell, or rescale and centre the slow way.
    const bad = firstNonFinite(m);
    if (bad >= 0) {
      throw new InvalidInputError(`${label}: ${name} has a non-finite value at row ${Math.floor(bad / cols)}, column ${bad % cols}`);
    }
    const [scaled] = checkPair(m, m, label, 0);
    if (scaled === m) throw new InvalidInputError(`${label}: ${name} has values whose column sums overflow`);
    return centred(scaled);
  }
  for (let j = 0; j < cols; j++) means[j] /= rows;
  // From the scratch pool (fresh memory costs more than the pass itself); the caller gives it back.
  const out = takeScratch(data instanceof Float32Array ? 'float32' : 'float64', data.length);
  let hi = 0, lo = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let j = 0; j < cols; j++) {
      const v = data[o + j] - means[j];
      out[o + j] = v;
      hi = v > hi ? v : hi;
      lo = v < lo ? v : lo;
    }
  }
  const maxAbs = Math.max(hi, -lo);
  if (maxAbs > 2 ** 60 || (maxAbs > 0 && maxAbs < 2 ** -60)) {
    const f = 2 ** -Math.round(Math.log2(maxAbs));
    for (let k = 0; k < out.length; k++) out[k] *= f;
  }
  return matrix(rows, cols, out);
}

/**
 * Validate a pair of representations and return them rescaled by powers of two (exact; CKA is
 * scale-invariant) when their magnitudes would under- or overflow fourth powers in the statistics.
 */
function checkPair(x: Matrix, y: Matrix, label: string, minRows: number): [Matrix, Matrix] {
  checkPairShapes(x, y, label, minRows);
  const out: Matrix[] = [];
  for (const [name, m] of [['X', x], ['Y', y]] as const) {
    const d = m.data;
    let maxAbs = 0;
    for (let i = 0; i < d.length; i++) {
      const a = Math.abs(d[i]);
      if (!(a <= Number.MAX_VALUE)) {
        throw new InvalidInputError(`${label}: ${name} has a non-finite value at row ${Math.floor(i / m.cols)}, column ${i % m.cols}`);
      }
      if (a > maxAbs) maxAbs = a;
    }
    if (maxAbs > 0 && (maxAbs > 2 ** 60 || maxAbs < 2 ** -60)) {
      const f = 2 ** -Math.round(Math.log2(maxAbs));
      const scaled = m.data instanceof Float32Array ? Float32Array.from(d, (v) => v * f) : Float64Array.from(d, (v) => v * f);
      out.push(matrix(m.rows, m.cols, scaled));
    } else {
      out.push(m);
    }
  }
  return [out[0], out[1]];
}

/** Σ diagK·diagL, Σ diagK², Σ diagL²: the diagonal terms of the unbiased HSIC. */
function diagonalProducts(diagK: Float64Array, diagL: Float64Array): { dkl: number; dkk: number; dll: number } {
  let dkl = 0, dkk = 0, dll = 0;
  for (let i = 0; i < diagK.length; i++) {
    dkl += diagK[i] * diagL[i];
    dkk += diagK[i] * diagK[i];
    dll += diagL[i] * diagL[i];
  }
  return { dkl, dkk, dll };
}

/** One pass over two symmetric kernels: Frobenius products, diagonals and row sums. */
function kernelStats(k: Matrix, l: Matrix): KernelStats {
  const n = k.rows;
  const K = k.data;
  const L = l.data;
  const rowK = new Float64Array(n);
  const rowL = new Float64Array(n);
  const diagK = new Float64Array(n);
  const diagL = new Float64Array(n);
  let kl = 0, kk = 0, ll = 0;
  for (let i = 0; i < n; i++) {
    const r = i * n;
    let skl = 0, skk = 0, sll = 0, rk = 0, rl = 0;
    for (let j = 0; j < n; j++) {
      const a = K[r + j];
      const b = L[r + j];
      skl += a * b;
      skk += a * a;
      sll += b * b;
      rk += a;
      rl += b;
    }
    kl += skl;
    kk += skk;
    ll += sll;
    rowK[i] = rk;
    rowL[i] = rl;
    diagK[i] = K[r + i];
    diagL[i] = L[r + i];
  }
  return { n, kl, kk, ll, ...diagonalProducts(diagK, diagL), rowK, rowL, diagK, diagL };
}

/**
 * The statistics of K = X·Xᵀ and L = Y·Yᵀ (as kernelStats) from their upper panels, visited in pairs
 * (off-diagonal entries counted twice by symmetry), so neither kernel is ever held whole.
 */
async function kernelStatsPaired(x: Matrix, y: Matrix, backend?: Backend): Promise<KernelStats> {
  const n = x.rows;
  const rowK = new Float64Array(n);
  const rowL = new Float64Array(n);
  const diagK = new Float64Array(n);
  const diagL = new Float64Array(n);
  let kl = 0, kk = 0, ll = 0;
  await gramPanelPairs(x, y, (panelK, panelL, r0, rows, c0, cols) => {
    for (let t = 0; t < rows; t++) {
      const i = r0 + t;
      const base = t * cols - c0;
      const a0 = panelK[base + i];
      const b0 = panelL[base + i];
      diagK[i] = a0;
      diagL[i] = b0;
      let skl = 0, skk = 0, sll = 0, rk = 0, rl = 0;
      for (let j = i + 1; j < n; j++) {
        const a = panelK[base + j];
        const b = panelL[base + j];
        skl += a * b;
        skk += a * a;
        sll += b * b;
        rk += a;
        rl += b;
        rowK[j] += a;
        rowL[j] += b;
      }
      kl += 2 * skl + a0 * b0;
      kk += 2 * skk + a0 * a0;
      ll += 2 * sll + b0 * b0;
      rowK[i] += rk + a0;
      rowL[i] += rl + b0;
    }
  }, { backend });
  return { n, kl, kk, ll, ...diagonalProducts(diagK, diagL), rowK, rowL, diagK, diagL };
}

/**
 * Unbiased HSIC (Song et al. 2012, eq. 5) from kernel statistics, up to the common factor
 * 1/(n(n−3)) which cancels in CKA: tr(K̃L̃) + (1ᵀK̃1)(1ᵀL̃1)/((n−1)(n−2)) − 2·(K̃1)ᵀ(L̃1)/(n−2),
 * K̃ = K with its diagonal zeroed. Also returns the sum of the terms' magnitudes (the scale of the
 * rounding error).
 */
function hsicUnbiasedScaled(
  n: number, frob: number, diagDot: number,
  rowA: Float64Array, diagA: Float64Array, rowB: Float64Array, diagB: Float64Array,
): { value: number; magnitude: number } {
  let sa = 0, sb = 0, rr = 0;
  for (let i = 0; i < n; i++) {
    const a = rowA[i] - diagA[i];
    const b = rowB[i] - diagB[i];
    sa += a;
    sb += b;
    rr += a * b;
  }
  const t2 = (sa * sb) / ((n - 1) * (n - 2));
  const t3 = (2 * rr) / (n - 2);
  return { value: frob - diagDot + t2 - t3, magnitude: Math.abs(frob) + Math.abs(diagDot) + Math.abs(t2) + Math.abs(t3) };
}

/** CKA from the statistics of two kernels that are already double-centred (biased) or raw (debiased). */
function ckaFromStats(s: KernelStats, debiased: boolean, label: string): number {
  if (!debiased) {
    if (s.kk === 0 || s.ll === 0) throw new InvalidInputError(`${label}: a representation is constant across stimuli`);
    return s.kl / (Math.sqrt(s.kk) * Math.sqrt(s.ll));
  }
  const kl = hsicUnbiasedScaled(s.n, s.kl, s.dkl, s.rowK, s.diagK, s.rowL, s.diagL);
  const kk = hsicUnbiasedScaled(s.n, s.kk, s.dkk, s.rowK, s.diagK, s.rowK, s.diagK);
  const ll = hsicUnbiasedScaled(s.n, s.ll, s.dll, s.rowL, s.diagL, s.rowL, s.diagL);
  // HSIC(K, K) at rounding level (e.g. one non-constant stimulus) leaves the ratio undefined.
  for (const [name, h] of [['X', kk], ['Y', ll]] as const) {
    if (!(h.value > 1e-10 * h.magnitude)) {
      throw new InvalidInputError(`${label}: the unbiased HSIC of ${name} with itself is not positive (${h.value}); debiased CKA is undefined`);
    }
  }
  return kl.value / (Math.sqrt(kk.value) * Math.sqrt(ll.value));
}

/** Σ of squared entries. */
function sumSquares(m: Matrix): number {
  const d = m.data;
  let s0 = 0, s1 = 0;
  let i = 0;
  for (; i + 1 < d.length; i += 2) {
    s0 += d[i] * d[i];
    s1 += d[i + 1] * d[i + 1];
  }
  if (i < d.length) s0 += d[i] * d[i];
  return s0 + s1;
}

/** Squared row norms (the diagonal of X·Xᵀ) and X·(Xᵀ1) (the row sums of X·Xᵀ), in float64. */
function rowStats(xc: Matrix): { diag: Float64Array; rows: Float64Array } {
  const { rows: n, cols: p, data } = xc;
  const colSum = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) colSum[j] += data[i * p + j];
  const diag = new Float64Array(n);
  const rows = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let d = 0, r = 0;
    for (let j = 0; j < p; j++) {
      const v = data[i * p + j];
      d += v * v;
      r += v * colSum[j];
    }
    diag[i] = d;
    rows[i] = r;
  }
  return { diag, rows };
}

/** Column-centred copy of m (same element type, means accumulated in float64). */
function centred(m: Matrix): Matrix {
  const { rows, cols, data } = m;
  const means = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) means[j] += data[o + j];
  }
  for (let j = 0; j < cols; j++) means[j] /= rows;
  const out = data instanceof Float32Array ? new Float32Array(data.length) : new Float64Array(data.length);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) out[o + j] = data[o + j] - means[j];
  }
  return matrix(rows, cols, out);
}

/** Multiply-adds of each route, to pick the cheaper. */
function gramIsCheaper(n: number, p: number, q: number): boolean {
  const gramWork = 0.5 * n * n * (p + q);
  const featureWork = n * p * q + 0.5 * n * (p * p + q * q);
  return gramWork <= featureWork;
}

async function linearCkaImpl(x0: Matrix, y0: Matrix, debiased: boolean, options: LinearCkaOptions): Promise<Score> {
  const label = debiased ? 'debiased linear CKA' : 'linear CKA';
  checkPairShapes(x0, y0, label, debiased ? 4 : 2);
  const n = x0.rows;
  const useGram = options.route ? options.route === 'gram' : gramIsCheaper(n, x0.cols, y0.cols);
  // Validation (non-finite cells, extreme magnitudes) rides on the centring, on either route.
  const xc = centredChecked(x0, 'X', label);
  const yc = centredChecked(y0, 'Y', label);
  try {
    const value = await linearCkaOfCentred(xc, yc, useGram, debiased, label, options.backend);
    return { value, measure: debiased ? 'cka:linear:debiased' : 'cka:linear', n, details: { route: useGram ? 'gram' : 'features' } };
  } finally {
    // The centred copies came from the scratch pool; nothing holds them now.
    giveScratch(xc.data);
    giveScratch(yc.data);
  }
}

/** Linear CKA of column-centred representations by either route. */
async function linearCkaOfCentred(xc: Matrix, yc: Matrix, useGram: boolean, debiased: boolean, label: string, backend?: Backend): Promise<number> {
  const n = xc.rows;
  let value: number;
  if (useGram) {
    // Kernels of the centred data are already double-centred. Neither kernel is held whole: their upper
    // panels are folded into the statistics in pairs as they arrive.
    value = ckaFromStats(await kernelStatsPaired(xc, yc, backend), debiased, label);
  } else {
    // ⟨K, L⟩ = ‖XcᵀYc‖²_F, ⟨K, K⟩ = ‖XcᵀXc‖²_F; diagonals and row sums of K, L from the rows of Xc, Yc.
    const kl = sumSquares(await matmul(xc, yc, { transA: true, backend }));
    const kk = sumSquares(await matmul(xc, xc, { transA: true, backend }));
    const ll = sumSquares(await matmul(yc, yc, { transA: true, backend }));
    if (!debiased) {
      if (kk === 0 || ll === 0) throw new InvalidInputError(`${label}: a representation is constant across stimuli`);
      value = kl / (Math.sqrt(kk) * Math.sqrt(ll));
    } else {
      const sx = rowStats(xc);
      const sy = rowStats(yc);
      value = ckaFromStats(
        { n, kl, kk, ll, ...diagonalProducts(sx.diag, sy.diag), rowK: sx.rows, rowL: sy.rows, diagK: sx.diag, diagL: sy.diag },
        true,
        label,
      );
    }
  }
  return value;
}

/**
 * Linear CKA (biased HSIC): ⟨Kc, Lc⟩_F / (‖Kc‖_F·‖Lc‖_F) with Kc = Xc·Xcᵀ; id 'cka:linear'
 * ({debiased: true} gives linearCkaDebiased).
 */
export function linearCka(x: Matrix, y: Matrix, options: LinearCkaOptions = {}): Promise<Score> {
  return linearCkaImpl(x, y, options.debiased ?? false, options);
}

/** Debiased linear CKA (unbiased HSIC, Song et al. 2012); needs n ≥ 4; id 'cka:linear:debiased'. */
export function linearCkaDebiased(x: Matrix, y: Matrix, options: LinearCkaOptions = {}): Promise<Score> {
  return linearCkaImpl(x, y, true, options);
}

/** The k-th smallest (0-based) of values[lo..hi) by quickselect; reorders values. */
function select(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    // Median of three as pivot.
    const a = values[lo], b = values[mid], c = values[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}

/**
 * numpy's median of all n² squared distances of a symmetric matrix with zero diagonal (Kornblith's
 * `np.median(sq_distances)`), from its strict upper triangle: the full multiset is n zeros plus every
 * upper value twice.
 */
function medianOfSquaredDistances(upper: Float64Array, n: number): number {
  const total = n * n;
  const rankToUpper = (t: number): number | null => (t < n ? null : Math.floor((t - n) / 2));
  const valueAt = (t: number): number => {
    const u = rankToUpper(t);
    return u === null ? 0 : select(upper, u);
  };
  if (total % 2 === 1) return valueAt((total - 1) / 2);
  return 0.5 * (valueAt(total / 2 - 1) + valueAt(total / 2));
}

/** RBF kernel exp(−d²/(2σ²)) of the rows of x, σ² = threshold²·median(d²); returns K and σ. */
async function rbfKernel(x: Matrix, threshold: number, backend?: Backend): Promise<{ k: Matrix; sigma: number }> {
  const n = x.rows;
  const g = await gram(centred(x), { backend });
  const G = g.data;
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) sq[i] = G[i * n + i];
  const upper = new Float64Array((n * (n - 1)) / 2);
  let t = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = sq[i] + sq[j] - 2 * G[i * n + j];
      upper[t++] = d > 0 ? d : 0;
    }
  }
  const median = medianOfSquaredDistances(Float64Array.from(upper), n);
  const sigma2 = threshold * threshold * median;
  if (!(sigma2 > 0)) throw new InvalidInputError('RBF CKA: the median pairwise distance is zero (too many identical rows)');
  const K = G; // overwrite the Gram in place with the kernel
  const f = -1 / (2 * sigma2);
  t = 0;
  for (let i = 0; i < n; i++) {
    K[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const v = Math.exp(upper[t++] * f);
      K[i * n + j] = v;
      K[j * n + i] = v;
    }
  }
  return { k: g, sigma: Math.sqrt(sigma2) };
}

/** Double-centre a symmetric kernel in place: K ← H·K·H. */
function doubleCenter(k: Matrix): void {
  const n = k.rows;
  const K = k.data;
  const mean = new Float64Array(n);
  let grand = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += K[i * n + j];
    mean[i] = s / n;
    grand += s;
  }
  grand /= n * n;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) K[i * n + j] += grand - mean[i] - mean[j];
}

/**
 * RBF CKA (Kornblith 2019): kernels exp(−‖xᵢ − xⱼ‖²/(2σ²)) with σ = threshold × the median pairwise
 * distance (σ² = threshold²·median of all n² squared distances, as Kornblith's `gram_rbf`); id
 * 'cka:rbf:sigma0.8' (':debiased' appended for the unbiased estimator).
 */
export async function rbfCka(x0: Matrix, y0: Matrix, options: RbfCkaOptions = {}): Promise<Score> {
  const threshold = options.threshold ?? 0.8;
  const debiased = options.debiased ?? false;
  const [x, y] = checkPair(x0, y0, 'RBF CKA', debiased ? 4 : 2);
  if (!(threshold > 0)) throw new InvalidInputError(`RBF CKA: threshold must be positive, got ${threshold}`);
  const kx = await rbfKernel(x, threshold, options.backend);
  const ly = await rbfKernel(y, threshold, options.backend);
  if (!debiased) {
    doubleCenter(kx.k);
    doubleCenter(ly.k);
  }
  const value = ckaFromStats(kernelStats(kx.k, ly.k), debiased, 'RBF CKA');
  return {
    value,
    measure: `cka:rbf:sigma${threshold}${debiased ? ':debiased' : ''}`,
    n: x.rows,
    details: { sigmaX: kx.sigma, sigmaY: ly.sigma, threshold },
  };
}

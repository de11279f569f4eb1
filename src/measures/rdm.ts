// RDMs from features (stimuli × channels): euclidean, correlation, cosine and mahalanobis, as rsatoolbox computes them.
import { firstNonFinite, matrix, toFloat64, type Matrix } from '../core/matrix.ts';
import { chooseBackend, matmul, type Backend } from '../core/gemm.ts';
import { einsumDot, numpyMean } from '../core/numpy-order.ts';
import { InvalidInputError } from './errors.ts';
import { condensedFromGram, condensedGram, condensedGramShifted } from './condensed-gram.ts';
import { planShift, prepareForGram, unscaleSquared } from './feature-offset.ts';
import { refineNearAngles, refineNearEuclidean, type RowStats } from './near-pairs.ts';
import { rescaledRows } from './row-scale.ts';
import { checkFiniteRdm } from './rdm-finite.ts';
import { pairCount } from './rdm-vector.ts';

/** Dissimilarity measures for `rdmVector` (rsatoolbox's names and scaling). */
export type RdmMethod = 'euclidean' | 'correlation' | 'cosine' | 'mahalanobis';

/** A noise precision: a full channels × channels matrix, or its diagonal as a vector. */
export type Precision = Matrix | ArrayLike<number>;

export interface RdmOptions {
  /** Noise precision for 'mahalanobis' (required there, ignored otherwise). */
  noise?: Precision;
  /** Force a GEMM backend (otherwise size decides). */
  backend?: Backend;
}

/**
 * The RDM vector (strict upper triangle, row-major) of the rows of `features`:
 * 'euclidean' = squared distance / channels; 'correlation' = 1 − Pearson r; 'cosine' = 1 − cosine similarity;
 * 'mahalanobis' = (xᵢ−xⱼ)ᵀ·noise·(xᵢ−xⱼ) / channels. Products go through `gram`/`matmul`.
 *
 * Exactness: euclidean and mahalanobis are shift-invariant, so a common offset of the columns is removed first
 * (exactly, see planShift) and only the spread of the data limits their accuracy; they are clamped to ≥ 0.
 * 1 − r and 1 − cos are one minus an inner product of unit vectors: their resolution is absolute, not relative,
 * a few units of 2⁻⁵³ growing with the channels (measured ≤ 7.4e-15 at 4096, ≤ 6e-16 at 16), so rows closer than
 * that read 0 and values of that order carry no relative accuracy; they are clamped to [0, 2]. A power-of-two
 * rescale (of all features for euclidean and mahalanobis, of each row for the scale-free correlation and cosine)
 * keeps squares from overflowing or underflowing; a dissimilarity that is still not finite (it exceeds float64) is
 * an InvalidInputError, as is a non-finite feature.
 */
export async function rdmVector(features: Matrix, method: RdmMethod = 'euclidean', options: RdmOptions = {}): Promise<Float64Array> {
  checkShape(features, 'features');
  const p = features.cols;
  switch (method) {
    case 'euclidean': {
      const plan = planShift(features, 'when-offset');
      const shifted = plan.shift !== undefined || plan.exponent !== 0;
      const { d, diagonal } = shifted
        ? await condensedGramShifted(features, plan, options.backend).then(({ cross, diagonal }) => ({ d: euclideanFromCross(cross, diagonal, p), diagonal }))
        : await euclideanFromGram(features, options.backend);
      refineNearEuclidean(features, d, diagonal, 2 ** plan.exponent);
      return checkFiniteRdm(unscaleSquared(d, plan.exponent), method);
    }
    case 'correlation': {
      const x = rescaledRows(features);
      // Small float64 inputs (those gram would run on the TypeScript kernel) follow numpy's summation order
      // and equal rsatoolbox's RDM to the last bit; large ones go through gram/ORT (≈1e-16 relative).
      const numpyOrder = x.data instanceof Float64Array && chooseBackend(x.rows * x.rows * p * 0.5, options.backend) === 'ts';
      if (numpyOrder) {
        const d = correlationNumpyOrder(x);
        refineNearAngles(x, d, true);
        return checkFiniteRdm(d, method);
      }
      const { d, rowStats } = await correlationFromGram(x, options.backend);
      refineNearAngles(x, d, true, rowStats);
      return checkFiniteRdm(d, method);
    }
    case 'cosine': {
      const x = rescaledRows(features);
      const d = await cosineFromGram(x, options.backend);
      refineNearAngles(x, d, false);
      return checkFiniteRdm(d, method);
    }
    case 'mahalanobis': {
      if (options.noise === undefined) throw new InvalidInputError(`the 'mahalanobis' RDM needs a noise precision matrix`);
      const { x, exponent } = prepareForGram(toFloat64(features), 'always');
      const kernel = await matmul(await applyPrecision(x, options.noise, options.backend), x, { transB: true, backend: options.backend });
      const d = distancesFromKernel(kernel, p, true);
      for (let k = 0; k < d.length; k++) d[k] = Math.max(0, d[k]);
      return checkFiniteRdm(unscaleSquared(d, exponent), method);
    }
    default:
      throw new InvalidInputError(`unknown RDM method '${method as string}' (euclidean, correlation, cosine, mahalanobis)`);
  }
}

/** Rows averaged per condition, conditions sorted ascending (rsatoolbox's descriptor='cond' averaging). */
export function averageByCondition(features: Matrix, conditions: ArrayLike<number>): { means: Matrix; conditions: number[] } {
  if (conditions.length !== features.rows) {
    throw new InvalidInputError(`${conditions.length} condition labels for ${features.rows} feature rows`);
  }
  const labels = uniqueSorted(conditions);
  const slot = new Map<number, number>();
  labels.forEach((c, k) => slot.set(c, k));
  const p = features.cols;
  const sums = new Float64Array(labels.length * p);
  const counts = new Float64Array(labels.length);
  for (let i = 0; i < features.rows; i++) {
    const k = slot.get(conditions[i]) as number;
    counts[k]++;
    const src = i * p;
    const dst = k * p;
    for (let j = 0; j < p; j++) sums[dst + j] += features.data[src + j];
  }
  for (let k = 0; k < labels.length; k++) for (let j = 0; j < p; j++) sums[k * p + j] /= counts[k];
  return { means: matrix(labels.length, p, sums), conditions: labels };
}

/** X·noise (float64), where noise is a channels × channels precision or its diagonal; checks shape and finiteness. */
export async function applyPrecision(x: Matrix, noise: Precision, backend?: Backend): Promise<Matrix> {
  const p = x.cols;
  if (isMatrix(noise)) {
    if (noise.rows !== p || noise.cols !== p) {
      throw new InvalidInputError(`the noise precision must be ${p}×${p} (channels × channels), got ${noise.rows}×${noise.cols}`);
    }
    checkFinite(noise, 'noise precision');
    return matmul(toFloat64(x), toFloat64(noise), { backend });
  }
  if (noise.length !== p) throw new InvalidInputError(`the diagonal noise precision needs ${p} values (one per channel), got ${noise.length}`);
  for (let j = 0; j < p; j++) {
    if (!Number.isFinite(noise[j])) throw new InvalidInputError(`noise precision: diagonal entry ${j} is ${noise[j]}`);
  }
  const out = new Float64Array(x.rows * p);
  for (let i = 0; i < x.rows; i++) for (let j = 0; j < p; j++) out[i * p + j] = x.data[i * p + j] * noise[j];
  return matrix(x.rows, p, out);
}

/** Condensed (K_ii + K_jj − K_ij − K_ji) / p of a kernel (K_ij counted twice when `symmetric`). */
export function distancesFromKernel(kernel: Matrix, p: number, symmetric: boolean): Float64Array {
  const n = kernel.rows;
  const k = kernel.data;
  const out = new Float64Array(pairCount(n));
  let idx = 0;
  for (let i = 0; i < n; i++) {
    const kii = k[i * n + i];
    for (let j = i + 1; j < n; j++) {
      const cross = symmetric ? 2 * k[i * n + j] : k[i * n + j] + k[j * n + i];
      out[idx++] = (kii + k[j * n + j] - cross) / p;
    }
  }
  return out;
}

/** Throws InvalidInputError unless the features have ≥ 2 rows, ≥ 1 column and only finite values. */
export function checkFeatures(features: Matrix, label: string): void {
  checkShape(features, label);
  checkFinite(features, label);
}

/** Throws InvalidInputError unless the features have ≥ 2 rows (stimuli) and ≥ 1 column (channel). */
function checkShape(features: Matrix, label: string): void {
  if (features.rows < 2) throw new InvalidInputError(`${label}: an RDM needs at least 2 rows (stimuli), got ${features.rows}`);
  if (features.cols < 1) throw new InvalidInputError(`${label}: an RDM needs at least 1 column (channel), got 0`);
}

function checkFinite(m: Matrix, label: string): void {
  const bad = firstNonFinite(m);
  if (bad >= 0) {
    throw new InvalidInputError(`${label}: entry (${Math.floor(bad / m.cols)}, ${bad % m.cols}) is ${m.data[bad]}, not a finite number`);
  }
}

function isMatrix(x: Precision): x is Matrix {
  return typeof (x as Matrix).rows === 'number' && typeof (x as Matrix).cols === 'number' && (x as Matrix).data !== undefined;
}

/** Sorted distinct values. */
export function uniqueSorted(values: ArrayLike<number>): number[] {
  return Array.from(new Set(Array.from(values))).sort((a, b) => a - b);
}

/** Squared euclidean distance / p (≥ 0) from cross products and squared norms, in place on the condensed vector. */
function euclideanFromCross(cross: Float64Array, diagonal: Float64Array, p: number): Float64Array {
  return scaleCondensed(cross, (i, j, g) => Math.max(0, (diagonal[i] + diagonal[j] - 2 * g) / p), diagonal.length);
}

/** Squared euclidean distance / p (≥ 0) written from the Gram panels as they arrive (no raw condensed Gram kept). */
async function euclideanFromGram(x: Matrix, backend?: Backend): Promise<{ d: Float64Array; diagonal: Float64Array }> {
  const p = x.cols;
  const diagonal = new Float64Array(x.rows);
  const d = await condensedFromGram(x, (i, panel, from, out, start, count) => {
    const di = diagonal[i];
    for (let t = 0, j = i + 1; t < count; t++, j++) out[start + t] = Math.max(0, (di + diagonal[j] - 2 * panel[from + t]) / p);
  }, backend, diagonal);
  return { d, diagonal };
}

/** 1 − s clamped to [0, 2], the range of 1 − r and 1 − cos (rounding can step just outside it). */
function oneMinus(s: number): number {
  return Math.min(2, Math.max(0, 1 - s));
}

/** 1 − similarity (clamped to [0, 2]), in place on a condensed vector. */
function oneMinusAll(cross: Float64Array): Float64Array {
  for (let k = 0; k < cross.length; k++) cross[k] = oneMinus(cross[k]);
  return cross;
}

/**
 * rsatoolbox's calc_rdm_correlation in numpy's order: ma = m − m.mean(axis=1); ma /= sqrt(einsum('ij,ij->i', ma, ma));
 * 1 − einsum('ik,jk', ma, ma) over the strict upper triangle (O(n²p), for small inputs).
 */
function correlationNumpyOrder(x: Matrix): Float64Array {
  const { rows: n, cols: p, data } = x;
  const ma = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    const mean = numpyMean(data, o, p);
    for (let j = 0; j < p; j++) ma[o + j] = data[o + j] - mean;
    const ss = einsumDot(ma, o, ma, o, p);
    if (isConstant(data, o, p) || !(ss > 0)) throw degenerateRow(i, true);
    const norm = Math.sqrt(ss);
    for (let j = 0; j < p; j++) ma[o + j] /= norm;
  }
  const out = new Float64Array(pairCount(n));
  let idx = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[idx++] = oneMinus(einsumDot(ma, i * p, ma, j * p, p));
  return out;
}

function isConstant(data: ArrayLike<number>, start: number, n: number): boolean {
  for (let j = 1; j < n; j++) if (data[start + j] !== data[start]) return false;
  return true;
}

function degenerateRow(i: number, center: boolean): InvalidInputError {
  return new InvalidInputError(
    `features: row ${i} is ${center ? 'constant' : 'all zeros'}, so its ${center ? 'correlation' : 'cosine'} distance is undefined`,
  );
}

/**
 * 1 − cosine similarity from the Gram matrix of the rows as they are, each entry divided by the two
 * norms (no normalised copy of the features); an all-zero row is an error.
 */
async function cosineFromGram(x: Matrix, backend?: Backend): Promise<Float64Array> {
  const { cross, diagonal } = await condensedGram(x, backend);
  const inverse = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    if (!(diagonal[i] > 0)) throw degenerateRow(i, false);
    inverse[i] = 1 / Math.sqrt(diagonal[i]);
  }
  return scaleCondensed(cross, (i, j, g) => oneMinus(g * inverse[i] * inverse[j]), x.rows);
}

/**
 * 1 − Pearson r. When every row's mean is small next to its spread (p·mᵢ² ≤ cᵢ, cᵢ its centred sum of
 * squares), from the Gram matrix of the rows as they are: r = (gᵢⱼ − p·mᵢ·mⱼ) / √(cᵢ·cⱼ), whose rounding
 * error is then at most twice that of centred rows (‖xᵢ‖² = cᵢ + p·mᵢ² ≤ 2cᵢ), and no centred copy of the
 * features is made; each Gram panel becomes 1 − r as it arrives (no second pass over the n² products).
 * Otherwise from a centred, unit-norm copy, where the subtraction would cancel. Also returns the rows' means
 * and centred norms (refineNearAngles' RowStats, summed in its order), so they are not computed twice.
 */
async function correlationFromGram(x: Matrix, backend?: Backend): Promise<{ d: Float64Array; rowStats: RowStats }> {
  const { rows: n, cols: p, data } = x;
  const means = new Float64Array(n);
  const norms = new Float64Array(n);
  const inverseSpread = new Float64Array(n);
  let centredIsSafe = true;
  for (let i = 0; i < n; i++) {
    const o = i * p;
    let sum = 0;
    for (let j = 0; j < p; j++) sum += data[o + j];
    const mean = sum / p;
    let ss = 0;
    for (let j = 0; j < p; j++) {
      const v = data[o + j] - mean;
      ss += v * v;
    }
    if (!(ss > 0)) throw degenerateRow(i, true);
    means[i] = mean;
    norms[i] = Math.sqrt(ss);
    inverseSpread[i] = 1 / norms[i];
    if (p * mean * mean > ss) centredIsSafe = false;
  }
  const rowStats = { means, norms };
  if (!centredIsSafe) return { d: oneMinusAll((await condensedGram(normalizeRows(x, true), backend)).cross), rowStats };
  const d = await condensedFromGram(x, (i, panel, from, out, start, count) => {
    const a = p * means[i];
    const si = inverseSpread[i];
    for (let t = 0, j = i + 1; t < count; t++, j++) {
      const s = 1 - (panel[from + t] - a * means[j]) * si * inverseSpread[j];
      out[start + t] = s > 2 ? 2 : s > 0 ? s : s === s ? 0 : s;
    }
  }, backend);
  return { d, rowStats };
}

/** Replace each entry (i, j) of a condensed vector by f(i, j, entry), in place. */
function scaleCondensed(cross: Float64Array, f: (i: number, j: number, g: number) => number, n: number): Float64Array {
  let idx = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++, idx++) cross[idx] = f(i, j, cross[idx]);
  return cross;
}

/** Rows (optionally centred first) scaled to unit norm, in the input's element type; zero rows are an error. */
function normalizeRows(x: Matrix, center: boolean): Matrix {
  const { rows, cols, data } = x;
  const out = data instanceof Float32Array ? new Float32Array(data.length) : new Float64Array(data.length);
  const tmp = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let mean = 0;
    if (center) {
      for (let j = 0; j < cols; j++) mean += data[o + j];
      mean /= cols;
    }
    let ss = 0;
    for (let j = 0; j < cols; j++) {
      const v = data[o + j] - mean;
      tmp[j] = v;
      ss += v * v;
    }
    if (!(ss > 0)) throw degenerateRow(i, center);
    const norm = Math.sqrt(ss);
    for (let j = 0; j < cols; j++) out[o + j] = tmp[j] / norm;
  }
  return matrix(rows, cols, out);
}

// Inference for an RDM comparison: a permutation test over stimulus labels and a bootstrap CI over stimuli.
import { createRng, type Rng } from '../core/random.ts';
import { rankData } from '../core/ranks.ts';
import { atLeastAsExtreme, bootstrapIndices, percentileInterval } from '../core/resample.ts';
import { checkComparable, compareRdms, compareResampled, compareVectors, degenerate, type CompareMethod } from './compare.ts';
import { InvalidInputError, InvalidRdmError } from './errors.ts';
import { pairIndex } from './rdm-vector.ts';
import type { Score } from './score.ts';

export interface RdmInferenceOptions {
  method: CompareMethod;
  /** Random relabellings of the stimuli of the second RDM (0 or absent: no test). */
  permutations?: number;
  /** Bootstrap resamples of the stimuli (0 or absent: no interval). */
  bootstrap?: number;
  /** Seed: permutations use createRng(seed), the bootstrap createRng(seed + 1), so either is reproducible alone. */
  seed: number;
  /** Confidence level of the bootstrap interval (default 0.95). */
  level?: number;
}

/** Result of a permutation test. */
export interface PermutationResult {
  /** (count + 1) / (permutations + 1), one-sided: how often a relabelling matched at least as well. */
  p: number;
  /** Relabellings whose value was ≥ the observed one (ties within core/resample's atLeastAsExtreme included). */
  count: number;
  permutations: number;
}

/** Result of a stimulus bootstrap. */
export interface BootstrapResult {
  ci95?: [number, number];
  /** The finite bootstrap values, in draw order. */
  values: Float64Array;
  /** Resamples whose comparison was undefined (a degenerate resampled RDM under spearman, kendall, corr or cosine), left out of the interval. */
  dropped: number;
  /** Resamples with a degenerate resampled RDM (constant; all zeros for cosine): under tau-a and rho-a they count with the value 0 their definitions give. */
  degenerate: number;
}

/**
 * compareRdms plus, when asked, a one-sided permutation p (stimulus labels of `b` shuffled; rows and columns
 * permuted together) and a percentile bootstrap interval over stimuli (`ci95`, at `level`).
 */
export function compareRdmsWithInference(a: ArrayLike<number>, b: ArrayLike<number>, options: RdmInferenceOptions): Score {
  const { method, seed } = options;
  const score = compareRdms(a, b, method);
  const permutations = checkCount(options.permutations ?? 0, 'permutations');
  const bootstrap = checkCount(options.bootstrap ?? 0, 'bootstrap');
  const details: Record<string, unknown> = { ...score.details };
  const warnings: string[] = [];
  let p: number | undefined;
  let ci95: [number, number] | undefined;
  if (permutations > 0) {
    const test = permutationTest(a, b, method, permutations, createRng(seed));
    p = test.p;
    details.permutations = permutations;
    details.permutationCount = test.count;
    details.alternative = 'greater';
  }
  if (bootstrap > 0) {
    const boot = bootstrapOverStimuli(a, b, method, bootstrap, createRng(seed + 1), options.level ?? 0.95);
    ci95 = boot.ci95;
    details.bootstrap = bootstrap;
    details.bootstrapDegenerate = boot.degenerate;
    details.bootstrapDropped = boot.dropped;
    details.level = options.level ?? 0.95;
    if (boot.dropped > 0) warnings.push(`${boot.dropped} of ${bootstrap} bootstrap resamples gave a degenerate RDM, where '${method}' is undefined, and were left out`);
    else if (boot.degenerate > 0) warnings.push(`${boot.degenerate} of ${bootstrap} bootstrap resamples gave a constant RDM and count as ${method} = 0, as its definition gives`);
    if (ci95 === undefined) warnings.push('too few valid bootstrap resamples for an interval');
  }
  const out: Score = { ...score, seed, details };
  if (p !== undefined) out.p = p;
  if (ci95 !== undefined) out.ci95 = ci95;
  if (warnings.length > 0) out.warnings = warnings;
  return out;
}

/**
 * Permutation test over stimulus labels: `b`'s rows and columns are permuted together `permutations` times;
 * p = (count + 1)/(permutations + 1) with count = #{null ≥ observed} (one-sided, larger = more similar), ties
 * by the one rule of core/resample's atLeastAsExtreme (within 1e-12·max(1, |observed|)).
 * Correlation-type methods reuse the ranks/centring of the unpermuted vectors (O(pairs) per permutation).
 */
export function permutationTest(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  method: CompareMethod,
  permutations: number,
  rng: Rng,
): PermutationResult {
  const n = checkComparable(a, b);
  for (const v of [a, b]) {
    const why = degenerate(v, method);
    if (why) throw new InvalidRdmError(`an RDM ${why}, so '${method}' comparison is undefined`);
  }
  const stat = permutationStatistic(a, b, method, n);
  const observed = stat(identityPermutation(n));
  let count = 0;
  for (let r = 0; r < permutations; r++) if (atLeastAsExtreme(stat(rng.permutation(n)), observed)) count++;
  return { p: (count + 1) / (permutations + 1), count, permutations };
}

/**
 * Bootstrap over stimuli: draw n stimuli with replacement (sorted), keep every pair of two different draws
 * (pairs of a stimulus with itself are dropped, as rsatoolbox's subsample_pattern does), compare by
 * compareResampled; the interval is percentileInterval of the finite values. Resamples whose RDM is constant
 * are counted (`degenerate`): tau-a and rho-a are 0 there, the other methods undefined (left out, `dropped`).
 */
export function bootstrapOverStimuli(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  method: CompareMethod,
  resamples: number,
  rng: Rng,
  level = 0.95,
): BootstrapResult {
  const n = checkComparable(a, b);
  const values: number[] = [];
  let dropped = 0;
  let degenerateDraws = 0;
  const xa = new Float64Array(a.length);
  const xb = new Float64Array(b.length);
  for (let r = 0; r < resamples; r++) {
    const draw = Uint32Array.from(bootstrapIndices(n, rng)).sort();
    let k = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        if (draw[i] === draw[j]) continue;
        const idx = pairIndex(draw[i], draw[j], n);
        xa[k] = a[idx];
        xb[k] = b[idx];
        k++;
      }
    }
    const ra = xa.subarray(0, k);
    const rb = xb.subarray(0, k);
    if (k < 2 || degenerate(ra, method) !== '' || degenerate(rb, method) !== '') degenerateDraws++;
    const v = k >= 2 ? compareResampled(ra, rb, method) : NaN;
    if (Number.isFinite(v)) values.push(v);
    else dropped++;
  }
  const out: BootstrapResult = { values: Float64Array.from(values), dropped, degenerate: degenerateDraws };
  if (values.length >= 2) out.ci95 = percentileInterval(values, level);
  return out;
}

/**
 * The comparison value of `a` with `b` relabelled by a stimulus permutation π (b'_ij = b_π(i)π(j)).
 * Below SQUARE_LIMIT stimuli, b is kept as a square matrix so each row reads one contiguous row of it.
 */
function permutationStatistic(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  method: CompareMethod,
  n: number,
): (perm: Uint32Array) => number {
  const m = a.length;
  if (method === 'tau-a' || method === 'kendall') {
    const gather = permutedGather(Float64Array.from(b), n);
    const permuted = new Float64Array(m);
    return (perm) => {
      gather(perm, permuted);
      return compareVectors(a, permuted, method);
    };
  }
  const ranked = method === 'spearman' || method === 'rho-a';
  const x = ranked ? rankData(a) : Float64Array.from(a);
  const y = ranked ? rankData(b) : Float64Array.from(b);
  if (method !== 'cosine') {
    center(x);
    center(y);
  }
  const scale = method === 'rho-a' ? 12 / (m * m * m - m) : 1 / Math.sqrt(dot(x, x) * dot(y, y));
  if (n <= SQUARE_LIMIT) {
    const sq = square(y, n);
    return (perm) => {
      let s = 0;
      let k = 0;
      for (let i = 0; i < n; i++) {
        const base = perm[i] * n;
        for (let j = i + 1; j < n; j++) s += x[k++] * sq[base + perm[j]];
      }
      return s * scale;
    };
  }
  const gather = permutedGather(y, n);
  const permuted = new Float64Array(m);
  return (perm) => {
    gather(perm, permuted);
    return dot(x, permuted) * scale;
  };
}

/** Largest stimulus count for which the permutation test keeps a square copy (n² float64) of the RDM. */
const SQUARE_LIMIT = 4096;

/** A function writing the condensed vector of v relabelled by π into `out`. */
function permutedGather(v: Float64Array, n: number): (perm: Uint32Array, out: Float64Array) => void {
  if (n <= SQUARE_LIMIT) {
    const sq = square(v, n);
    return (perm, out) => {
      let k = 0;
      for (let i = 0; i < n; i++) {
        const base = perm[i] * n;
        for (let j = i + 1; j < n; j++) out[k++] = sq[base + perm[j]];
      }
    };
  }
  // rowBase[u] + w is the condensed index of pair (u, w), u < w.
  const rowBase = new Float64Array(n);
  for (let u = 0; u < n; u++) rowBase[u] = pairIndex(u, u + 1, n) - (u + 1);
  return (perm, out) => {
    let k = 0;
    for (let i = 0; i < n; i++) {
      const pi = perm[i];
      for (let j = i + 1; j < n; j++) {
        const pj = perm[j];
        out[k++] = v[pi < pj ? rowBase[pi] + pj : rowBase[pj] + pi];
      }
    }
  };
}

/** Square (n×n, zero diagonal) float64 form of a condensed vector. */
function square(v: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      out[i * n + j] = v[k];
      out[j * n + i] = v[k];
      k++;
    }
  }
  return out;
}

function identityPermutation(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

function center(v: Float64Array): void {
  let mu = 0;
  for (let k = 0; k < v.length; k++) mu += v[k];
  mu /= v.length;
  for (let k = 0; k < v.length; k++) v[k] -= mu;
}

function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += x[k] * y[k];
  return s;
}

function checkCount(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0) throw new InvalidInputError(`${name} must be a whole number ≥ 0, got ${value}`);
  return value;
}

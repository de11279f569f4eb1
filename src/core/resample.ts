// Resampling: bootstrap indices and intervals, numpy's percentiles, permutation p-values.

import { createRng, type Rng } from './random.ts';

/** n indices drawn uniformly with replacement from 0..n-1. */
export function bootstrapIndices(n: number, rng: Rng): Uint32Array {
  const idx = new Uint32Array(n);
  if (!(Number.isInteger(n) && n >= 1 && n <= 4294967296)) {
    for (let i = 0; i < n; i++) idx[i] = rng.int(n);
    return idx;
  }
  // rng.int(n) inlined (the same draws and the same rejection of the top 2^32 mod n values), hoisted out of the loop.
  const limit = 4294967296 - (4294967296 % n);
  for (let i = 0; i < n; i++) {
    let r = rng.uint32();
    while (r >= limit) r = rng.uint32();
    idx[i] = r - Math.floor(r / n) * n; // = r % n, without a floating-point remainder call
  }
  return idx;
}

/** numpy's linear interpolation between a and b (np.lib._lerp): exact at both ends. */
function lerp(a: number, b: number, t: number): number {
  const d = b - a;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

/** The p-th percentile (0 ≤ p ≤ 100) of ascending values, as np.percentile with method 'linear'. */
function percentileOfSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  const q = p / 100;
  const virtual = (n - 1) * q;
  if (virtual >= n - 1) return sorted[n - 1];
  if (virtual < 0) return sorted[0];
  const below = Math.floor(virtual);
  return lerp(sorted[below], sorted[below + 1], virtual - below);
}

/**
 * Percentiles of values, as np.percentile(values, ps) (method 'linear'; ps in percent). NaN in the
 * values gives NaN, as numpy does; empty values throw.
 */
export function percentiles(values: ArrayLike<number>, ps: ArrayLike<number>): number[] {
  if (values.length === 0) throw new RangeError('percentiles: no values');
  const sorted = Float64Array.from(values).sort();
  const hasNaN = sorted[sorted.length - 1] !== sorted[sorted.length - 1]; // NaN sorts last
  const out: number[] = [];
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    if (!(p >= 0 && p <= 100)) throw new RangeError(`percentiles: ${p} is outside [0, 100]`);
    out.push(hasNaN ? NaN : percentileOfSorted(sorted, p));
  }
  return out;
}

/**
 * The central interval holding `level` of the values: np.percentile(values, [50(1−level),
 * 50(1+level)]), i.e. [2.5, 97.5] for the default 0.95.
 */
export function percentileInterval(values: ArrayLike<number>, level = 0.95): [number, number] {
  if (!(level > 0 && level < 1)) throw new RangeError(`percentileInterval: level ${level} is outside (0, 1)`);
  // 100·level first, so that 0.95 gives exactly 2.5 and 97.5 as numpy's literals do.
  const width = 100 * level;
  const [lo, hi] = percentiles(values, [(100 - width) / 2, (100 + width) / 2]);
  return [lo, hi];
}

/** Options of bootstrap(). */
export interface BootstrapOptions {
  /** Number of resamples (default 1000). */
  reps?: number;
  /** Seed of the resampling stream (default 0). */
  seed?: number;
}

/** Bootstrap replicates with their 95% percentile interval. */
export interface BootstrapResult {
  /** Every replicate, in draw order, non-finite ones included. */
  values: Float64Array;
  /** 2.5th and 97.5th percentiles of the finite replicates ([NaN, NaN] if none is finite). */
  ci95: [number, number];
  /** How many replicates were NaN or infinite (left out of the interval). */
  nonFinite: number;
  reps: number;
  seed: number;
}

/**
 * Bootstrap a statistic of n observations: `statistic` gets the resampled indices (with
 * replacement) and returns a number. Non-finite replicates are counted and left out of the interval.
 */
export function bootstrap(n: number, statistic: (idx: Uint32Array) => number, options: BootstrapOptions = {}): BootstrapResult {
  const reps = options.reps ?? 1000;
  const seed = options.seed ?? 0;
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`bootstrap: n must be a positive integer, got ${n}`);
  if (!(Number.isInteger(reps) && reps >= 1)) throw new RangeError(`bootstrap: reps must be a positive integer, got ${reps}`);
  const rng = createRng(seed);
  const values = new Float64Array(reps);
  const finite: number[] = [];
  for (let r = 0; r < reps; r++) {
    const v = statistic(bootstrapIndices(n, rng));
    values[r] = v;
    if (Number.isFinite(v)) finite.push(v);
  }
  const ci95: [number, number] = finite.length > 0 ? percentileInterval(finite, 0.95) : [NaN, NaN];
  return { values, ci95, nonFinite: reps - finite.length, reps, seed };
}

/** Which tail of the null distribution counts as at least as extreme as the observation. */
export type Alternative = 'greater' | 'less' | 'two-sided';

/** Absolute tolerance of the permutation tie rule for |observed| ≤ 1, relative beyond (see atLeastAsExtreme). */
export const PERMUTATION_TIE_TOLERANCE = 1e-12;

/**
 * The one tie rule of every permutation p-value in Attune: a null value counts as at least as extreme as the
 * observed one when it is ≥ observed − t ('greater'), ≤ observed + t ('less'), or |null| ≥ |observed| − t
 * ('two-sided'), t = 1e-12·max(1, |observed|). A relabelling that gives the same statistic in exact arithmetic
 * is summed in another order and can differ in the last bits; the tolerance counts it as the tie it is. scipy's
 * permutation_test has the same form with 1e-14 (max(ε, ε·|observed|)); Attune allows 1e-12 because a correlation
 * over the n(n−1)/2 pairs of 2000 stimuli already carries rounding of about 3e-13.
 */
export function atLeastAsExtreme(value: number, observed: number, alternative: Alternative = 'greater'): boolean {
  const t = PERMUTATION_TIE_TOLERANCE * Math.max(1, Math.abs(observed));
  if (alternative === 'greater') return value >= observed - t;
  if (alternative === 'less') return value <= observed + t;
  return Math.abs(value) >= Math.abs(observed) - t;
}

/**
 * Permutation p-value (count + 1) / (reps + 1), counting the null values at least as extreme as the observed
 * one by atLeastAsExtreme: ≥ observed ('greater'), ≤ observed ('less'), or |null| ≥ |observed| ('two-sided',
 * for nulls centred on 0), ties within its tolerance included. A non-finite null value throws (filter them,
 * and report how many, first); a non-finite observation gives NaN.
 */
export function permutationPValue(observed: number, nullValues: ArrayLike<number>, alternative: Alternative = 'greater'): number {
  if (alternative !== 'greater' && alternative !== 'less' && alternative !== 'two-sided') {
    throw new RangeError(`permutationPValue: unknown alternative ${String(alternative)}`);
  }
  const reps = nullValues.length;
  let count = 0;
  for (let i = 0; i < reps; i++) {
    const v = nullValues[i];
    if (!Number.isFinite(v)) throw new RangeError(`permutationPValue: null value ${i} is ${v}`);
    if (atLeastAsExtreme(v, observed, alternative)) count++;
  }
  if (!Number.isFinite(observed)) return NaN;
  return (count + 1) / (reps + 1);
}

// Pairs of rows so close that the inner-product route (‖a‖² + ‖b‖² − 2a·b, or 1 − a·b of unit rows) leaves their
// dissimilarity mostly rounding: recomputed from the rows' differences, so near-duplicate rows keep their relative
// accuracy (1e-10 and better) instead of reading 0 or −ε. Each recomputation is O(channels); only such pairs pay it.
import type { Matrix } from '../core/matrix.ts';
import { pairCount } from './rdm-vector.ts';

/** Below this share of its scale a Gram-route value is recomputed (the route's rounding is about 2⁻⁵² of the scale). */
const NEAR = 1e-5;

/**
 * Recompute in place every euclidean value (squared distance / channels, on rows scaled by `scale`) below NEAR times
 * (‖xᵢ‖² + ‖xⱼ‖²)/channels of the Gram route (`diagonal`: the rows' sums of squares as that route saw them).
 */
export function refineNearEuclidean(features: Matrix, vector: Float64Array, diagonal: Float64Array, scale = 1): void {
  const { rows: n, cols: p, data } = features;
  forNearPairs(vector, n, (k, i, j) => vector[k] < (NEAR * (diagonal[i] + diagonal[j])) / p, (k, i, j) => {
    let sum = 0;
    for (let c = 0; c < p; c++) {
      const d = (data[i * p + c] - data[j * p + c]) * scale;
      sum += d * d;
    }
    vector[k] = sum / p;
  });
}

/**
 * Recompute in place every 1 − cos (or, with `centre`, 1 − r) below NEAR from the rows' difference d and sum s:
 * 1 − cos = (‖d‖² − ((d·s)/(|a| + |b|))²) / (2|a||b|), where (d·s)/(|a| + |b|) = |a| − |b| without cancellation.
 * `rowStats`, when the caller has them, must be angleRowStats' values (same sums in the same order).
 */
export function refineNearAngles(features: Matrix, vector: Float64Array, centre: boolean, rowStats?: RowStats): void {
  const { rows: n, cols: p, data } = features;
  const { means, norms } = rowStats ?? angleRowStats(features, centre);
  forNearPairs(vector, n, (k) => vector[k] < NEAR, (k, i, j) => {
    if (norms[i] === 0 || norms[j] === 0) return;
    // The difference of the centred rows from the rows' own difference (exact for close values) minus its mean,
    // never from two separately rounded centred rows.
    let meanGap = 0;
    if (centre) {
      for (let c = 0; c < p; c++) meanGap += data[i * p + c] - data[j * p + c];
      meanGap /= p;
    }
    let dd = 0;
    let ds = 0;
    for (let c = 0; c < p; c++) {
      const d = data[i * p + c] - data[j * p + c] - meanGap;
      dd += d * d;
      ds += d * (data[i * p + c] - means[i] + (data[j * p + c] - means[j]));
    }
    const lengthGap = ds / (norms[i] + norms[j]);
    vector[k] = Math.max(0, dd - lengthGap * lengthGap) / (2 * norms[i] * norms[j]);
  });
}

/** Each row's mean (0 without `centre`) and the norm of the row minus that mean: what refineNearAngles reads. */
export interface RowStats {
  means: Float64Array;
  norms: Float64Array;
}

/** The RowStats refineNearAngles needs, for callers that have not computed them already (in this summation order). */
export function angleRowStats(features: Matrix, centre: boolean): RowStats {
  const { rows: n, cols: p, data } = features;
  const means = new Float64Array(n);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = 0;
    if (centre) {
      for (let c = 0; c < p; c++) m += data[i * p + c];
      m /= p;
    }
    let ss = 0;
    for (let c = 0; c < p; c++) ss += (data[i * p + c] - m) ** 2;
    means[i] = m;
    norms[i] = Math.sqrt(ss);
  }
  return { means, norms };
}

/** Call `refine` on each pair (condensed index k, rows i < j) for which `near` holds. */
function forNearPairs(vector: Float64Array, n: number, near: (k: number, i: number, j: number) => boolean, refine: (k: number, i: number, j: number) => void): void {
  if (vector.length !== pairCount(n)) throw new RangeError(`a condensed RDM of ${n} rows has ${pairCount(n)} values, not ${vector.length}`);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++, k++) if (near(k, i, j)) refine(k, i, j);
  }
}

// Stimulus bootstrap of a Spearman RSA over many stimuli without building the resampled vectors: a resample
// that draws stimulus u c_u times holds pair (u, v) c_u·c_v times (pairs of a stimulus with its own copy
// dropped, as measures/rdm-inference's bootstrapOverStimuli), so its Spearman is a weighted Pearson of
// weighted tie-averaged ranks, computed in two sequential passes over the pairs presorted by each side.
import type { Rng } from '../core/random.ts';
import { argsort } from '../core/ranks.ts';
import { bootstrapIndices } from '../core/resample.ts';
import { ranksOfX, ranksOfY, type SortedSide } from './things-rsa-ranks.ts';

/** Endpoints (u < v) of every condensed pair index, in pdist order. */
function endpoints(m: number): { u: Uint16Array; v: Uint16Array } {
  const count = (m * (m - 1)) / 2;
  const u = new Uint16Array(count);
  const v = new Uint16Array(count);
  let k = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      u[k] = i;
      v[k++] = j;
    }
  }
  return { u, v };
}

function sortSide(x: ArrayLike<number>, order: Uint32Array, ends: { u: Uint16Array; v: Uint16Array }): SortedSide {
  const p = order.length;
  const u = new Uint16Array(p);
  const v = new Uint16Array(p);
  const runEnd = new Uint8Array(p);
  for (let k = 0; k < p; k++) {
    u[k] = ends.u[order[k]];
    v[k] = ends.v[order[k]];
    runEnd[k] = k === p - 1 || x[order[k + 1]] !== x[order[k]] ? 1 : 0;
  }
  return { u, v, runEnd };
}

/**
 * Spearman of condensed vectors x and y (m stimuli, pdist order, m ≤ 46340 so that
 * centred doubled ranks fit an int32) on `resamples` stimulus bootstrap
 * draws (bootstrapIndices(m, rng) each, as bootstrapOverStimuli draws them); NaN for a resample where a side
 * is constant. Equal, up to rounding, to Spearman of the materialised resampled vectors.
 */
export function bootstrapSpearmanOverStimuli(x: ArrayLike<number>, y: ArrayLike<number>, m: number, resamples: number, rng: Rng): Float64Array {
  const p = (m * (m - 1)) / 2;
  if (x.length !== p || y.length !== p) throw new RangeError(`bootstrap: ${m} stimuli need ${p} pairs, got ${x.length} and ${y.length}`);
  if (m > 46340) throw new RangeError(`bootstrap: at most 46340 stimuli, got ${m}`);
  const ends = endpoints(m);
  const orderX = argsort(x);
  const orderY = argsort(y);
  const sx = sortSide(x, orderX, ends);
  const sy = sortSide(y, orderY, ends);
  // Where each y-sorted pair sits in x-sorted order.
  const placeOfPair = new Uint32Array(p);
  for (let k = 0; k < p; k++) placeOfPair[orderX[k]] = k;
  const yToX = new Uint32Array(p);
  for (let k = 0; k < p; k++) yToX[k] = placeOfPair[orderY[k]];
  const ryAtX = new Int32Array(p);
  const counts = new Float64Array(m);
  const out = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    counts.fill(0);
    const draw = bootstrapIndices(m, rng);
    for (let i = 0; i < m; i++) counts[draw[i]]++;
    let squares = 0;
    for (let i = 0; i < m; i++) squares += counts[i] * counts[i];
    const centre = (m * m - squares) / 2 + 1; // mean doubled rank N + 1, for N = Σ_{u<v} c_u·c_v weighted pairs
    const syy = ranksOfY(sy, counts, centre, yToX, ryAtX);
    const [sxx, sxy] = ranksOfX(sx, counts, centre, ryAtX);
    out[r] = sxx === 0 || syy === 0 ? NaN : sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
  }
  return out;
}

// Bootstrap over the 92 stimuli of subject-averaged RDM comparisons, for several candidate RDMs at once.
import { row, type Matrix } from '../core/matrix.ts';
import { createRng } from '../core/random.ts';
import { bootstrapIndices, percentileInterval } from '../core/resample.ts';
import { compareVectors, type CompareMethod } from '../measures/compare.ts';
import { pairIndex, stimulusCount } from '../measures/rdm-vector.ts';

/** Mean over subjects (rows of `subjects`) of compare(candidate, subject). */
export function subjectMean(candidate: ArrayLike<number>, subjects: Matrix, method: CompareMethod): number {
  let sum = 0;
  for (let s = 0; s < subjects.rows; s++) sum += compareVectors(candidate, row(subjects, s), method);
  return sum / subjects.rows;
}

/**
 * `resamples` bootstrap draws of the stimuli (with replacement, sorted; pairs of a stimulus with its own copy
 * dropped, as rsatoolbox's pattern bootstrap): row r, column c of the result is candidate c's subject-mean
 * value on draw r (NaN when a resampled RDM is degenerate). Draws use createRng(seed).
 */
export function bootstrapSubjectMeans(
  candidates: readonly ArrayLike<number>[],
  subjects: Matrix,
  method: CompareMethod,
  resamples: number,
  seed: number,
): Float64Array[] {
  const n = stimulusCount(subjects.cols);
  const rng = createRng(seed);
  const out: Float64Array[] = [];
  const pick = new Uint32Array(subjects.cols);
  const xc = new Float64Array(subjects.cols);
  const xs = new Float64Array(subjects.cols);
  for (let r = 0; r < resamples; r++) {
    const draw = Uint32Array.from(bootstrapIndices(n, rng)).sort();
    let k = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) if (draw[i] !== draw[j]) pick[k++] = pairIndex(draw[i], draw[j], n);
    }
    const values = new Float64Array(candidates.length);
    candidates.forEach((c, ci) => {
      for (let q = 0; q < k; q++) xc[q] = c[pick[q]];
      let sum = 0;
      for (let s = 0; s < subjects.rows; s++) {
        const base = s * subjects.cols;
        for (let q = 0; q < k; q++) xs[q] = subjects.data[base + pick[q]];
        sum += k >= 2 ? compareVectors(xc.subarray(0, k), xs.subarray(0, k), method) : NaN;
      }
      values[ci] = sum / subjects.rows;
    });
    out.push(values);
  }
  return out;
}

/** Percentile interval of column `c` of bootstrap draws (finite values only); undefined with fewer than 2. */
export function columnInterval(draws: readonly Float64Array[], c: number, level = 0.95): [number, number] | undefined {
  const values = draws.map((d) => d[c]).filter(Number.isFinite);
  return values.length >= 2 ? percentileInterval(values, level) : undefined;
}

/** The bootstrap test of candidate a against b, as rsatoolbox's bootstrap_pair_tests, plus the difference's interval. */
export function pairTest(draws: readonly Float64Array[], a: number, b: number, level = 0.95): { p: number; ci95?: [number, number] } {
  const diffs = draws.map((d) => d[a] - d[b]).filter(Number.isFinite);
  const B = diffs.length;
  if (B === 0) return { p: NaN };
  const below = diffs.filter((d) => d < 0).length;
  const ties = diffs.filter((d) => d === 0).length;
  // Proportion of draws where a < b among the untied ones; two-sided p, then shrunk towards 1/B as rsatoolbox does.
  const proportion = B - ties > 0 ? below / (B - ties) : 0.5;
  const twoSided = Math.min(proportion, 1 - proportion) * 2;
  const p = ((B - 1) / B) * twoSided + 1 / B;
  return B >= 2 ? { p, ci95: percentileInterval(diffs, level) } : { p };
}

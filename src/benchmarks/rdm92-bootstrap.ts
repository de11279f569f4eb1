// Bootstrap over the 92 stimuli of subject-averaged RDM comparisons, for several candidate RDMs at once.
import { row, type Matrix } from '../core/matrix.ts';
import { createRng } from '../core/random.ts';
import { pearson } from '../core/correlation.ts';
import { rankData } from '../core/ranks.ts';
import { bootstrapIndices, percentileInterval } from '../core/resample.ts';
import { compareResampled, compareVectors, type CompareMethod } from '../measures/compare.ts';
import { pairIndex, stimulusCount } from '../measures/rdm-vector.ts';

/** Mean over subjects (rows of `subjects`) of compare(candidate, subject). */
export function subjectMean(candidate: ArrayLike<number>, subjects: Matrix, method: CompareMethod): number {
  let sum = 0;
  for (let s = 0; s < subjects.rows; s++) sum += compareVectors(candidate, row(subjects, s), method);
  return sum / subjects.rows;
}

/**
 * `resamples` bootstrap draws of the stimuli (with replacement, sorted; pairs of a stimulus with its own copy
 * dropped, as rsatoolbox's pattern bootstrap) and, when there are several subjects, of the subjects (with
 * replacement, as rsatoolbox's eval_bootstrap): row r, column c of the result is candidate c's subject-mean
 * value on draw r, by compareResampled: a constant resampled RDM gives 0 under tau-a and rho-a (their
 * definitions) and NaN under the other methods (undefined; see columnDropped). Draws use createRng(seed).
 */
export function bootstrapSubjectMeans(
  candidates: readonly ArrayLike<number>[],
  subjects: Matrix,
  method: CompareMethod,
  resamples: number,
  seed: number,
): Float64Array[] {
  return evaluateDraws(candidates, subjects, method, bootstrapDraws(stimulusCount(subjects.cols), subjects.rows, resamples, seed));
}

/** The bootstrap draws: per resample the sorted stimulus indices and each subject's multiplicity. */
export interface BootstrapDraws {
  stimuli: Uint32Array[];
  times: Uint32Array[];
}

/** `resamples` draws of n stimuli and (when there are several) of the subjects, from createRng(seed), in that order. */
export function bootstrapDraws(n: number, subjectCount: number, resamples: number, seed: number): BootstrapDraws {
  const rng = createRng(seed);
  const stimuli: Uint32Array[] = [];
  const times: Uint32Array[] = [];
  for (let r = 0; r < resamples; r++) {
    stimuli.push(Uint32Array.from(bootstrapIndices(n, rng)).sort());
    const t = new Uint32Array(subjectCount).fill(1);
    if (subjectCount > 1) {
      t.fill(0);
      for (const s of bootstrapIndices(subjectCount, rng)) t[s]++;
    }
    times.push(t);
  }
  return { stimuli, times };
}

/** Each candidate's subject-mean value on each draw (rows: draws, columns: candidates). */
export function evaluateDraws(candidates: readonly ArrayLike<number>[], subjects: Matrix, method: CompareMethod, draws: BootstrapDraws): Float64Array[] {
  const n = stimulusCount(subjects.cols);
  const out: Float64Array[] = [];
  const pick = new Uint32Array(subjects.cols);
  const xc = new Float64Array(subjects.cols);
  const xs = new Float64Array(subjects.cols);
  draws.stimuli.forEach((draw, r) => {
    const times = draws.times[r];
    let k = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) if (draw[i] !== draw[j]) pick[k++] = pairIndex(draw[i], draw[j], n);
    }
    const values = new Float64Array(candidates.length);
    if (method === 'spearman' && k >= 2) {
      // Spearman = Pearson of tie-averaged ranks: rank each resampled subject and candidate once, not per pairing.
      const subjectRanks = Array.from({ length: subjects.rows }, (_, s) => (times[s] === 0 ? undefined : rankData(gather(subjects.data, s * subjects.cols, pick, k))));
      candidates.forEach((c, ci) => {
        const rc = rankData(gather(c, 0, pick, k));
        let sum = 0;
        subjectRanks.forEach((rs, s) => {
          if (rs) sum += times[s] * pearson(rc, rs);
        });
        values[ci] = sum / subjects.rows;
      });
      out.push(values);
      return;
    }
    candidates.forEach((c, ci) => {
      for (let q = 0; q < k; q++) xc[q] = c[pick[q]];
      let sum = 0;
      for (let s = 0; s < subjects.rows; s++) {
        if (times[s] === 0) continue;
        const base = s * subjects.cols;
        for (let q = 0; q < k; q++) xs[q] = subjects.data[base + pick[q]];
        sum += times[s] * (k >= 2 ? compareResampled(xc.subarray(0, k), xs.subarray(0, k), method) : NaN);
      }
      values[ci] = sum / subjects.rows;
    });
    out.push(values);
  });
  return out;
}

function gather(source: ArrayLike<number>, offset: number, pick: Uint32Array, k: number): Float64Array {
  const out = new Float64Array(k);
  for (let q = 0; q < k; q++) out[q] = source[offset + pick[q]];
  return out;
}

/** Percentile interval of column `c` of bootstrap draws (finite values only: columnDropped says how many are not); undefined with fewer than 2. */
export function columnInterval(draws: readonly Float64Array[], c: number, level = 0.95): [number, number] | undefined {
  const values = draws.map((d) => d[c]).filter(Number.isFinite);
  return values.length >= 2 ? percentileInterval(values, level) : undefined;
}

/** How many draws of column `c` are undefined (NaN: a degenerate resampled RDM under a method where that is 0/0), left out of columnInterval. */
export function columnDropped(draws: readonly Float64Array[], c: number): number {
  let dropped = 0;
  for (const d of draws) if (!Number.isFinite(d[c])) dropped++;
  return dropped;
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

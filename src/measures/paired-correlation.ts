// Agreement of a model's values with human values over the same items: Spearman and Pearson, each with a
// percentile bootstrap 95% interval over items (one set of resamples, with replacement, serves both).
import { pearson, spearman, spearmanOfDoubledRanks } from '../core/correlation.ts';
import { denseRanksInto } from '../core/ranks.ts';
import { bootstrap, percentileInterval } from '../core/resample.ts';
import { resampleDoubledRanks, resampleRankWork } from '../core/resample-ranks.ts';
import { InvalidInputError } from './errors.ts';
import type { Score } from './score.ts';

/** Options of pairedCorrelations. */
export interface PairedCorrelationOptions {
  /** Bootstrap resamples for the intervals (default 1000; 0: no interval). */
  bootstrap?: number;
  /** Seed of the bootstrap stream (default 0). */
  seed?: number;
}

/** Spearman's and Pearson's agreement of the same items. */
export interface PairedCorrelations {
  spearman: Score;
  pearson: Score;
}

/**
 * Spearman and Pearson correlation of model and human values (equal length, finite, ≥ 3 items) as Scores
 * with measure `corr:spearman` / `corr:pearson`, n = items, and bootstrap ci95s over items from the same
 * resamples; a constant side gives NaN with a warning, never a made-up number.
 */
export function pairedCorrelations(model: ArrayLike<number>, human: ArrayLike<number>, options: PairedCorrelationOptions = {}): PairedCorrelations {
  const n = model.length;
  if (human.length !== n) throw new InvalidInputError(`paired correlation: ${n} model values but ${human.length} human values`);
  if (n < 3) throw new InvalidInputError(`paired correlation: needs at least 3 covered items, got ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(model[i]) || !Number.isFinite(human[i])) {
      throw new InvalidInputError(`paired correlation: item ${i} is not finite (model ${model[i]}, human ${human[i]})`);
    }
  }
  const reps = options.bootstrap ?? 1000;
  const seed = options.seed ?? 0;
  const rho = spearman(model, human);
  const r = pearson(model, human);
  if (reps === 0 || Number.isNaN(rho) || Number.isNaN(r)) {
    return { spearman: plain(rho, 'corr:spearman', n), pearson: plain(r, 'corr:pearson', n) };
  }
  const spearmanOf = spearmanOfResample(model, human);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const pearsonReps = new Float64Array(reps);
  let k = 0;
  const rhoBoot = bootstrap(n, (idx) => {
    for (let i = 0; i < n; i++) {
      a[i] = model[idx[i]];
      b[i] = human[idx[i]];
    }
    pearsonReps[k++] = pearson(a, b);
    return spearmanOf(idx);
  }, { reps, seed });
  const rBoot = summarise(pearsonReps);
  return {
    spearman: withInterval(rho, 'corr:spearman', n, rhoBoot.ci95, rhoBoot.nonFinite, reps, seed),
    pearson: withInterval(r, 'corr:pearson', n, rBoot.ci95, rBoot.nonFinite, reps, seed),
  };
}

/** A score without an interval; NaN (a constant side) carries a warning. */
function plain(value: number, measure: string, n: number): Score {
  return Number.isNaN(value) ? { value, measure, n, warnings: ['one side is constant: the correlation is undefined'] } : { value, measure, n };
}

/** A score with its bootstrap interval and a warning when some resamples were constant. */
function withInterval(value: number, measure: string, n: number, ci95: [number, number], nonFinite: number, reps: number, seed: number): Score {
  const warnings = nonFinite > 0 ? [`${nonFinite} of ${reps} bootstrap resamples were constant and left out of the interval`] : [];
  return { value, measure, n, ci95, seed, details: { bootstrap: reps }, ...(warnings.length ? { warnings } : {}) };
}

/** The 95% percentile interval of the finite replicates, and how many were not finite. */
function summarise(values: Float64Array): { ci95: [number, number]; nonFinite: number } {
  const finite = values.filter((v) => Number.isFinite(v));
  return { ci95: finite.length > 0 ? percentileInterval(finite, 0.95) : [NaN, NaN], nonFinite: values.length - finite.length };
}

/** Spearman of a resample (indices) in O(n): ranks by counting over the whole sample's dense ranks. */
function spearmanOfResample(model: ArrayLike<number>, human: ArrayLike<number>): (idx: Uint32Array) => number {
  const n = model.length;
  const denseModel = new Uint32Array(n);
  const denseHuman = new Uint32Array(n);
  const workModel = resampleRankWork(denseRanksInto(model, denseModel)[1]);
  const workHuman = resampleRankWork(denseRanksInto(human, denseHuman)[1]);
  const ra = new Float64Array(n);
  const rb = new Float64Array(n);
  return (idx) => {
    resampleDoubledRanks(denseModel, idx, ra, workModel);
    resampleDoubledRanks(denseHuman, idx, rb, workHuman);
    return spearmanOfDoubledRanks(ra, rb);
  };
}

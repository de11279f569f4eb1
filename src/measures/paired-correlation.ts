// Agreement of a model's values with human values over the same items: Spearman or Pearson, with a
// percentile bootstrap 95% interval over items (the items are resampled, with replacement).
import { pearson, spearman } from '../core/correlation.ts';
import { bootstrap } from '../core/resample.ts';
import { InvalidInputError } from './errors.ts';
import type { Score } from './score.ts';

/** Options of pairedCorrelation. */
export interface PairedCorrelationOptions {
  method: 'spearman' | 'pearson';
  /** Bootstrap resamples for the interval (default 1000; 0: no interval). */
  bootstrap?: number;
  /** Seed of the bootstrap stream (default 0). */
  seed?: number;
}

/**
 * Correlation of model and human values (equal length, finite, ≥ 3 items) as a Score with measure
 * `corr:<method>`, n = items and a bootstrap ci95 over items; a constant side gives NaN with a warning.
 */
export function pairedCorrelation(model: ArrayLike<number>, human: ArrayLike<number>, options: PairedCorrelationOptions): Score {
  const n = model.length;
  if (human.length !== n) throw new InvalidInputError(`paired correlation: ${n} model values but ${human.length} human values`);
  if (n < 3) throw new InvalidInputError(`paired correlation: needs at least 3 covered items, got ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(model[i]) || !Number.isFinite(human[i])) {
      throw new InvalidInputError(`paired correlation: item ${i} is not finite (model ${model[i]}, human ${human[i]})`);
    }
  }
  const correlate = options.method === 'spearman' ? spearman : pearson;
  const value = correlate(model, human);
  const measure = `corr:${options.method}`;
  const warnings: string[] = [];
  if (Number.isNaN(value)) warnings.push('one side is constant: the correlation is undefined');
  const reps = options.bootstrap ?? 1000;
  const seed = options.seed ?? 0;
  if (reps === 0 || Number.isNaN(value)) return { value, measure, n, ...(warnings.length ? { warnings } : {}) };
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const boot = bootstrap(n, (idx) => {
    for (let i = 0; i < n; i++) {
      a[i] = model[idx[i]];
      b[i] = human[idx[i]];
    }
    return correlate(a, b);
  }, { reps, seed });
  if (boot.nonFinite > 0) warnings.push(`${boot.nonFinite} of ${reps} bootstrap resamples were constant and left out of the interval`);
  return {
    value, measure, n, ci95: boot.ci95, seed,
    details: { bootstrap: reps },
    ...(warnings.length ? { warnings } : {}),
  };
}

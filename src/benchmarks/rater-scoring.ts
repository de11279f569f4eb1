// Scoring a rater model (an API chat model as a participant): its ratings against the human values, with
// how each answer was read (log-probabilities or parsed text) counted in the coverage.
import type { Rating } from '../models/word-model.ts';
import type { BenchmarkOptions, BenchmarkOutcome } from './benchmark.ts';
import { scoreRecorded } from './recorded-ratings.ts';

/** Spearman/Pearson of `ratings` with `human` (labels name the items); unreadable answers are not covered. */
export function scoreRatings(
  ratings: readonly Rating[],
  human: ArrayLike<number>,
  labels: readonly string[],
  options: BenchmarkOptions,
  measure: string,
): Omit<BenchmarkOutcome, 'dataset'> {
  const items = ratings.map((r, i) => ({ label: labels[i], model: r.value, human: human[i] }));
  const outcome = scoreRecorded(items, options, measure, 'model rating');
  const answers = { logprobs: 0, parsed: 0, none: 0 };
  for (const r of ratings) answers[r.method]++;
  return { ...outcome, coverage: { ...outcome.coverage, answers } };
}

// The method text of a result: its own `method` when the benchmark wrote one, else a description by id prefix
// (the core suite's word similarity, norms decoding and recorded ratings; the same descriptions as the HTML report).
import type { BenchmarkResult } from './api.ts';

const BY_PREFIX: [string, (resamples: string) => string][] = [
  [
    'wordsim:',
    (b) =>
      `Cosine similarity of the model\u2019s vectors for the two words of each pair (multi-word items: the mean of their words), ` +
      `Spearman correlation with the human ratings (Pearson among the secondary scores); 95% CI: percentile bootstrap over pairs${b}. ` +
      `Pairs with an unknown word are not covered and not scored.`,
  ],
  [
    'norms:',
    (b) =>
      `Each norm decoded from the model\u2019s word vectors by ridge regression with an intercept: 5 shuffled outer folds, ` +
      `alpha (10^-2\u202610^5) chosen on 5 inner folds of each training part; held-out predictions compared with the human means ` +
      `by Spearman (Pearson among the secondary scores); 95% CI: percentile bootstrap over words${b}.`,
  ],
  [
    'recorded:',
    (b) =>
      `Ratings GPT-4 gave under the human norming instructions (Trott 2024, shipped in data/llm_norms_gpt4) compared with ` +
      `the human means by Spearman; answers that are not numbers are not covered; 95% CI: percentile bootstrap over items${b}.`,
  ],
];

/** How the result's number was computed, in words. */
export function methodText(result: BenchmarkResult): string {
  if (result.method) return result.method;
  const resamples = result.score.details?.bootstrap;
  const b = typeof resamples === 'number' ? `, ${resamples} resamples` : '';
  const found = BY_PREFIX.find(([prefix]) => result.benchmark.startsWith(prefix));
  return found ? found[1](b) : `See the measure id (${result.score.measure}) for the method.`;
}

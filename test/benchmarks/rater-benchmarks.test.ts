// The shipped benchmarks with a rater model (what `attune run --model openai:M` does), on a scripted rater:
// pairs and words are rated, unreadable answers are not covered, and how answers were read is counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadWordSimilarity } from '../../src/data/datasets/word-similarity.ts';
import { loadNormsSet } from '../../src/data/datasets/norms.ts';
import { normsDecodingBenchmark } from '../../src/benchmarks/norms-decoding.ts';
import { wordSimilarityBenchmark } from '../../src/benchmarks/word-similarity.ts';
import type { Rating, RaterModel } from '../../src/models/word-model.ts';

/** A rater that answers a strictly increasing function of the human value, and cannot read the words it is told to fail. */
function scriptedRater(human: Map<string, number>, unreadable: Set<string>): RaterModel {
  const answer = (key: string): Rating => (unreadable.has(key) ? { value: NaN, method: 'none' } : { value: 3 * (human.get(key) ?? NaN) + 1, method: 'logprobs' });
  return {
    kind: 'rater', id: 'openai:scripted', revision: 'r1', scaleIds: ['glasgow:valence'],
    rateWords: async (words) => words.map((w) => answer(w)),
    ratePairs: async (pairs) => pairs.map(([a, b]) => answer(`${a}|${b}`)),
    usage: () => ({ requests: 0, cached: 0, promptTokens: 0, completionTokens: 0 }),
  };
}

test('wordsim:simlex999 with a rater: Spearman 1 for a monotone rater, two unreadable answers not covered', async () => {
  const data = loadWordSimilarity('simlex999');
  const human = new Map(data.pairs.map((p) => [`${p.word1}|${p.word2}`, p.score]));
  const unreadable = new Set([`${data.pairs[0].word1}|${data.pairs[0].word2}`, `${data.pairs[5].word1}|${data.pairs[5].word2}`]);
  const benchmark = wordSimilarityBenchmark('simlex999');
  const rater = scriptedRater(human, unreadable);
  assert.equal(benchmark.supports(rater), true);
  const outcome = await benchmark.run(rater, { seed: 0, bootstrap: 0 });
  assert.equal(outcome.score.measure, 'wordsim:rating:spearman');
  assert.ok(Math.abs(outcome.score.value - 1) < 1e-15);
  assert.equal(outcome.coverage.n_items, 999);
  assert.equal(outcome.coverage.n_covered, 997);
  assert.deepEqual(outcome.coverage.answers, { logprobs: 997, parsed: 0, none: 2 });
});

test('norms with a rater: only the scales it knows are supported; Spearman 1 on Glasgow valence', async () => {
  const data = loadNormsSet('glasgow:valence');
  const human = new Map(data.words.map((w, i) => [w, data.values[i]]));
  const rater = scriptedRater(human, new Set());
  assert.equal(normsDecodingBenchmark('glasgow:arousal').supports(rater), false);
  const outcome = await normsDecodingBenchmark('glasgow:valence').run(rater, { seed: 0, bootstrap: 0 });
  assert.equal(outcome.score.measure, 'norms:rate:glasgow:valence:spearman');
  assert.ok(Math.abs(outcome.score.value - 1) < 1e-15);
  assert.equal(outcome.coverage.n_covered, data.words.length);
});

// Word similarity: the cosine of the model's vectors for each word pair against the human rating
// (Spearman, bootstrap 95% interval over pairs; Pearson alongside), with coverage.
import { InputError } from '../core/input-error.ts';
import { loadWordSimilarity, WORD_SIMILARITY_SETS } from '../data/datasets/word-similarity.ts';
import { pairedCorrelations } from '../measures/paired-correlation.ts';
import { rowCosines } from '../measures/row-cosines.ts';
import { seesTexts, type WordModel } from '../models/word-model.ts';
import { scoreByLayer } from './layers.ts';
import { scoreRatings } from './rater-scoring.ts';
import { REFERENCE_CEILING_NOTE, withReferenceCeiling } from './reference-ceiling.ts';
import { missingExamples, scatterOf, type Benchmark, type BenchmarkOptions, type BenchmarkOutcome } from './benchmark.ts';

/** How a word-similarity row is computed. */
export const WORDSIM_METHOD =
  'Cosine similarity of the model\u2019s vectors for the two words of each pair (multi-word items: the mean of their words; a rater model such as openai: gives its 0\u2013100 rating instead), Spearman correlation with the human ratings (Pearson among the secondary scores); 95% CI: percentile bootstrap over pairs. Pairs with an unknown word are not covered and not scored. No noise ceiling: the ' +
  `shipped files hold the raters' means (SimLex-999 also their SD), not individual ratings. ${REFERENCE_CEILING_NOTE}`;

/** The word-similarity benchmark on one data set (an id of WORD_SIMILARITY_SETS). */
export function wordSimilarityBenchmark(setId: string): Benchmark {
  const set = WORD_SIMILARITY_SETS.find((s) => s.id === setId);
  if (!set) throw new Error(`unknown word-similarity set '${setId}'`);
  return {
    id: `wordsim:${set.id}`,
    title: set.title,
    version: 3,
    method: WORDSIM_METHOD,
    subject: { kind: 'run-model' },
    datasets: [set.dataset],
    supports: (model) => seesTexts(model) || model.kind === 'rater',
    run: (model, options) => scoreWordPairs(model, set.id, options),
  };
}

/** Score an embedding model on a shipped word-similarity set. */
async function scoreWordPairs(model: WordModel, setId: string, options: BenchmarkOptions): Promise<BenchmarkOutcome> {
  const data = loadWordSimilarity(setId);
  const outcome = await scorePairs(model, data.pairs, options);
  return { dataset: { id: data.dataset, checksum: data.checksum }, ...outcome, score: withReferenceCeiling(outcome.score, setId) };
}

/** A word pair with its human score. */
type ScoredPair = { word1: string; word2: string; score: number };

/** Spearman/Pearson of model cosines with human scores over word pairs, at the layer(s) options.layers asks for (shared with `attune wordsim`). */
export async function scorePairs(model: WordModel, pairs: readonly ScoredPair[], options: BenchmarkOptions): Promise<Omit<BenchmarkOutcome, 'dataset'>> {
  if (model.kind === 'rater') {
    const ratings = await model.ratePairs(pairs.map((p) => [p.word1, p.word2] as const));
    return scoreRatings(ratings, pairs.map((p) => p.score), pairs.map((p) => `${p.word1}–${p.word2}`), options, 'wordsim:rating');
  }
  return scoreByLayer(model, options.layers, pairs, options.seed, (m, items) => scorePairsAtLayer(m, items, options));
}

async function scorePairsAtLayer(model: WordModel, pairs: readonly ScoredPair[], options: BenchmarkOptions): Promise<Omit<BenchmarkOutcome, 'dataset'>> {
  if (model.kind !== 'embedding') throw new Error(`word similarity needs word vectors; '${model.id}' is a recorded model`);
  const left = await model.vectors(pairs.map((p) => p.word1));
  const right = await model.vectors(pairs.map((p) => p.word2));
  const known: number[] = [];
  const missing: string[] = [];
  for (let i = 0; i < pairs.length; i++) {
    if (left.covered[i] && right.covered[i]) known.push(i);
    else missing.push(`${pairs[i].word1}–${pairs[i].word2}`);
  }
  const cosines = rowCosines(left.matrix, right.matrix, known);
  const modelValues: number[] = [];
  const human: number[] = [];
  const labels: string[] = [];
  const warnings: string[] = [];
  known.forEach((i, k) => {
    if (Number.isNaN(cosines[k])) {
      missing.push(`${pairs[i].word1}–${pairs[i].word2} (zero vector)`);
      return;
    }
    modelValues.push(cosines[k]);
    human.push(pairs[i].score);
    labels.push(`${pairs[i].word1}–${pairs[i].word2}`);
  });
  if (known.length > modelValues.length) warnings.push(`${known.length - modelValues.length} pairs have a zero vector and are not covered`);
  if (modelValues.length < 3) throw new InputError(`'${model.id}' covers ${modelValues.length} of ${pairs.length} pairs; a correlation needs at least 3`, { file: '--model' });
  const seed = options.seed;
  const { spearman: score, pearson: pearsonScore } = pairedCorrelations(modelValues, human, { bootstrap: options.bootstrap, seed });
  const measure = 'wordsim:cosine:spearman';
  return {
    score: { ...score, measure, ...(warnings.length ? { warnings: [...(score.warnings ?? []), ...warnings] } : {}) },
    extra: { pearson: { ...pearsonScore, measure: 'wordsim:cosine:pearson' } },
    coverage: {
      n_items: pairs.length,
      n_covered: modelValues.length,
      missing_examples: missingExamples(missing),
      multi_word: left.multiWord + right.multiWord,
    },
    scatter: scatterOf(modelValues, human, 'model cosine', 'human rating', labels),
  };
}

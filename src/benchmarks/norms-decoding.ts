// Norms decoding: how well a human rating (concreteness, valence, age of acquisition…) can be read out of
// the model's word vectors — cross-validated ridge (5 shuffled outer folds, alpha per fold on 5 inner
// folds), then Spearman and Pearson of the held-out predictions with the human means, bootstrap 95% CIs.
import { InputError } from '../core/input-error.ts';
import { matrix } from '../core/matrix.ts';
import { loadNormsSet, NORM_SETS } from '../data/datasets/norms.ts';
import { heldOutPredictions } from '../measures/encode.ts';
import { pairedCorrelations } from '../measures/paired-correlation.ts';
import { seesTexts, type WordModel } from '../models/word-model.ts';
import { scoreByLayer } from './layers.ts';
import { scoreRatings } from './rater-scoring.ts';
import { REFERENCE_CEILING_NOTE, withReferenceCeiling } from './reference-ceiling.ts';
import { missingExamples, scatterOf, type Benchmark, type BenchmarkOptions, type BenchmarkOutcome } from './benchmark.ts';

/** Outer and inner folds of the decoding. */
export const DECODE_FOLDS = 5;

/** How a norms row is computed. */
export const NORMS_METHOD =
  'Each norm decoded from the model\u2019s word vectors by ridge regression with an intercept: 5 shuffled outer folds, alpha (10^-2\u202610^5) chosen on 5 inner folds of each training part; held-out predictions compared with the human means by Spearman (Pearson among the secondary scores); 95% CI: percentile bootstrap over words. A rater model (openai:) instead rates each word on the study\u2019s scale, and its ratings are compared the same way. No noise ceiling: the shipped ' +
  `norms hold the raters' means and SDs, not individual ratings. ${REFERENCE_CEILING_NOTE} None of the norms has one: no inter-rater ` +
  'figure from the Glasgow, Brysbaert or Kuperman papers could be verified.';

/** The decoding benchmark for one norms column (an id of NORM_SETS). */
export function normsDecodingBenchmark(setId: string): Benchmark {
  const set = NORM_SETS.find((s) => s.id === setId);
  if (!set) throw new Error(`unknown norms set '${setId}'`);
  return {
    id: `norms:${set.id}`,
    title: set.title,
    version: 2,
    method: NORMS_METHOD,
    subject: { kind: 'run-model' },
    datasets: [set.dataset],
    supports: (model) => seesTexts(model) || (model.kind === 'rater' && model.scaleIds.includes(set.id)),
    run: async (model, options) => {
      const data = loadNormsSet(set.id);
      const outcome = model.kind === 'rater'
        ? scoreRatings(await model.rateWords(data.words, set.id), data.values, data.words, options, `norms:rate:${set.id}`)
        : await decodeNorms(model, data.words, data.values, options);
      return { dataset: { id: data.dataset, checksum: data.checksum }, ...outcome, score: withReferenceCeiling(outcome.score, set.id) };
    },
  };
}

/** Decode human ratings of words from the model's vectors, at the layer(s) options.layers asks for (shared with `attune norms --method decode`). */
export function decodeNorms(
  model: WordModel,
  words: readonly string[],
  values: ArrayLike<number>,
  options: BenchmarkOptions,
): Promise<Omit<BenchmarkOutcome, 'dataset'>> {
  const indices = Array.from(words, (_, i) => i);
  return scoreByLayer(model, options.layers, indices, options.seed, (m, kept) =>
    decodeAtLayer(m, kept.map((i) => words[i]), kept.map((i) => values[i]), options));
}

async function decodeAtLayer(
  model: WordModel,
  words: readonly string[],
  values: ArrayLike<number>,
  options: BenchmarkOptions,
): Promise<Omit<BenchmarkOutcome, 'dataset'>> {
  return (await decodeColumns(model, words, [Float64Array.from(values)], options))[0];
}

/**
 * Decode several ratings of the same words at once, at the model's current layer: one cross-validated ridge
 * run with a column per rating (DECODE_FOLDS shuffled outer folds, alpha per column on DECODE_FOLDS inner
 * folds, seed options.seed), then each column's held-out predictions against the human values (Spearman and
 * Pearson with bootstrap CIs). A word is decoded when the model covers it and every column has a value;
 * `noun` names the items in the too-few-covered error.
 */
export async function decodeColumns(
  model: WordModel,
  words: readonly string[],
  values: readonly Float64Array[],
  options: BenchmarkOptions,
  noun = 'words',
): Promise<Omit<BenchmarkOutcome, 'dataset'>[]> {
  if (model.kind !== 'embedding') throw new Error(`decoding needs word vectors; '${model.id}' gives none`);
  const vectors = await model.vectors(words);
  const d = vectors.matrix.cols;
  const t = values.length;
  const rows: number[] = [];
  const missing: string[] = [];
  let noHuman = 0;
  for (let i = 0; i < words.length; i++) {
    if (values.some((v) => !Number.isFinite(v[i]))) noHuman++;
    else if (vectors.covered[i]) rows.push(i);
    else missing.push(words[i]);
  }
  const n = rows.length;
  if (n < 2 * DECODE_FOLDS) throw new InputError(`'${model.id}' covers ${n} of ${words.length} ${noun}; decoding needs at least ${2 * DECODE_FOLDS}`, { file: '--model' });
  const x = matrix(n, d, new Float64Array(n * d));
  const y = matrix(n, t, new Float64Array(n * t));
  rows.forEach((i, k) => {
    for (let j = 0; j < d; j++) x.data[k * d + j] = vectors.matrix.data[i * d + j];
    for (let c = 0; c < t; c++) y.data[k * t + c] = values[c][i];
  });
  const held = await heldOutPredictions(x, y, { folds: DECODE_FOLDS, innerFolds: DECODE_FOLDS, seed: options.seed });
  const coverage = {
    n_items: words.length,
    n_covered: n,
    missing_examples: missingExamples(missing),
    multi_word: vectors.multiWord,
    ...(noHuman > 0 ? { no_human_value: noHuman } : {}),
  };
  return values.map((_, c) => {
    const predicted = Float64Array.from({ length: n }, (_, k) => held.predictions.data[k * t + c]);
    const human = Float64Array.from({ length: n }, (_, k) => y.data[k * t + c]);
    const { spearman, pearson } = pairedCorrelations(predicted, human, { bootstrap: options.bootstrap, seed: options.seed });
    const alphas = held.alphas.map((a) => a[c]);
    return {
      score: { ...spearman, measure: `decode:ridge:kfold${DECODE_FOLDS}:spearman`, details: { ...spearman.details, alphas } },
      extra: { pearson: { ...pearson, measure: `decode:ridge:kfold${DECODE_FOLDS}:pearson` } },
      coverage,
      scatter: scatterOf(predicted, human, 'decoded (held out)', 'human mean rating', rows.map((i) => words[i])),
    };
  });
}

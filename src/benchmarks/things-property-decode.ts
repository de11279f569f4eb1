// Decoding several THINGSplus properties from the same vectors at once: one cross-validated ridge run with a
// column per property (alpha chosen per column, as norms-decoding's decodeNorms does for one), then each
// property scored as decodeNorms scores it. Results are kept for the run's other property benchmarks.
import { InputError } from '../core/input-error.ts';
import { matrix } from '../core/matrix.ts';
import { heldOutPredictions } from '../measures/encode.ts';
import { pairedCorrelations } from '../measures/paired-correlation.ts';
import type { WordModel } from '../models/word-model.ts';
import { missingExamples, scatterOf, type BenchmarkOptions, type BenchmarkOutcome } from './benchmark.ts';
import { DECODE_FOLDS } from './norms-decoding.ts';

type Outcome = Omit<BenchmarkOutcome, 'dataset'>;

/** Most decodings kept (one per layer and property group: a --layers all sweep of a 48-layer model fits). */
const KEEP = 64;
const kept = new Map<string, Promise<Outcome[]>>();

/**
 * The decoding outcomes of every column of `values` (one Float64Array per property, aligned with `words`) at
 * the model's current layer, each as decodeNorms reports one: ridge with DECODE_FOLDS shuffled outer folds and
 * alpha per property on DECODE_FOLDS inner folds (seed options.seed), Spearman and Pearson with bootstrap CIs.
 * A word is decoded when the model covers it and every column has a value. Memoised by model, words and options.
 */
export function decodeProperties(model: WordModel, group: string, words: readonly string[], values: readonly Float64Array[], options: BenchmarkOptions): Promise<Outcome[]> {
  const key = JSON.stringify([group, model.id, model.revision, options.seed, options.bootstrap ?? 1000, words]);
  let result = kept.get(key);
  if (result === undefined) {
    if (kept.size >= KEEP) kept.delete(kept.keys().next().value as string);
    result = decodeAll(model, words, values, options);
    kept.set(key, result);
    result.catch(() => kept.delete(key));
  }
  return result;
}

async function decodeAll(model: WordModel, words: readonly string[], values: readonly Float64Array[], options: BenchmarkOptions): Promise<Outcome[]> {
  if (model.kind !== 'embedding') throw new Error(`decoding needs word vectors; '${model.id}' is not an embedding model`);
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
  if (n < 2 * DECODE_FOLDS) throw new InputError(`'${model.id}' covers ${n} of ${words.length} concepts; decoding needs at least ${2 * DECODE_FOLDS}`, { file: '--model' });
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
  return values.map((_, c): Outcome => {
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

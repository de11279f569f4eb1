// Recorded LLM ratings against humans: the answers GPT-4 gave under the human norming instructions
// (Trott 2024, data/llm_norms_gpt4) correlated with the human means — SimLex-999, the 9 Glasgow scales
// on the 871 sense-specific items, and RAW-C relatedness. Non-numeric answers are not covered.
import { loadNormsSet } from '../data/datasets/norms.ts';
import { loadRawC } from '../data/datasets/raw-c.ts';
import { loadWordSimilarity } from '../data/datasets/word-similarity.ts';
import { pairedCorrelations } from '../measures/paired-correlation.ts';
import type { RecordedModel, WordModel } from '../models/word-model.ts';
import { missingExamples, scatterOf, type Benchmark, type BenchmarkOptions, type BenchmarkOutcome } from './benchmark.ts';
import { REFERENCE_CEILING_NOTE, withReferenceCeiling } from './reference-ceiling.ts';

/** The data set that ships the recorded answers. */
const GPT4_DATASET = 'llm_norms_gpt4';
/** Whose answers the recorded rows score. */
const GPT4_LABEL = 'GPT-4 (Trott 2024)';

/** Glasgow scales: our dimension id → the column of glasgow_gpt-4.csv. */
export const GLASGOW_GPT4_COLUMNS: Readonly<Record<string, string>> = {
  arousal: 'Arousal', valence: 'Valence', dominance: 'Dominance', concreteness: 'Concreteness',
  imageability: 'Imageability', familiarity: 'Familiarity', aoa: 'AoA', size: 'Size', gender: 'Gender',
};

/** How a recorded-ratings row is computed. */
export const RECORDED_METHOD =
  'Ratings GPT-4 gave under the human norming instructions (Trott 2024, shipped in data/llm_norms_gpt4) compared with the human means by Spearman; answers that are not numbers are not covered; 95% CI: percentile bootstrap over items.';

/** One (label, model answer, human value) per item of a recorded comparison. */
export interface RecordedItem { label: string; model: number | undefined; human: number }

/** Correlate recorded answers with human values; absent or non-numeric answers are uncovered (shared with `attune wordsim|norms`). */
export function scoreRecorded(items: readonly RecordedItem[], options: BenchmarkOptions, measure: string, xLabel = 'GPT-4 rating'): Omit<BenchmarkOutcome, 'dataset'> {
  const model: number[] = [];
  const human: number[] = [];
  const labels: string[] = [];
  const missing: string[] = [];
  let noHuman = 0;
  let nonNumeric = 0;
  for (const item of items) {
    if (!Number.isFinite(item.human)) noHuman++;
    else if (item.model === undefined) missing.push(`${item.label} (no answer)`);
    else if (!Number.isFinite(item.model)) {
      nonNumeric++;
      missing.push(`${item.label} (non-numeric answer)`);
    } else {
      model.push(item.model);
      human.push(item.human);
      labels.push(item.label);
    }
  }
  const seed = options.seed;
  const { spearman: spearmanScore, pearson: pearsonScore } = pairedCorrelations(model, human, { bootstrap: options.bootstrap, seed });
  const warnings = nonNumeric > 0 ? [`${nonNumeric} answers were not numbers and are not covered`] : [];
  return {
    score: { ...spearmanScore, measure: `${measure}:spearman`, ...(warnings.length ? { warnings } : {}) },
    extra: { pearson: { ...pearsonScore, measure: `${measure}:pearson` } },
    coverage: {
      n_items: items.length,
      n_covered: model.length,
      missing_examples: missingExamples(missing),
      ...(noHuman > 0 ? { no_human_value: noHuman } : {}),
    },
    scatter: scatterOf(model, human, xLabel, 'human mean rating', labels),
  };
}

function asRecorded(model: WordModel): RecordedModel {
  if (model.kind !== 'recorded') throw new Error(`expected recorded answers, got model '${model.id}'`);
  return model;
}

/** GPT-4's SimLex-999 similarity ratings (0–10) against the human ones. */
export function recordedSimlexBenchmark(): Benchmark {
  return {
    id: 'recorded:gpt4:simlex999',
    title: 'GPT-4 ratings: SimLex-999',
    version: 3,
    method: `${RECORDED_METHOD} ${REFERENCE_CEILING_NOTE}`,
    subject: { kind: 'recorded', dataset: GPT4_DATASET, file: 'simlex_gpt-4.csv', label: GPT4_LABEL },
    datasets: [GPT4_DATASET, 'simlex999'],
    supports: (model) => model.kind === 'recorded',
    run: async (model, options) => {
      const recorded = asRecorded(model);
      const data = loadWordSimilarity('simlex999');
      const items = data.pairs.map((p) => ({
        label: `${p.word1}–${p.word2}`, human: p.score, model: recorded.pairRating(p.word1, p.word2, 'gpt4_rating'),
      }));
      const outcome = scoreRecorded(items, options, 'recorded:rating');
      return { dataset: { id: data.dataset, checksum: data.checksum }, ...outcome, score: withReferenceCeiling(outcome.score, 'simlex999') };
    },
  };
}

/** GPT-4's rating of one Glasgow scale on the 871 sense-specific items against the human means. */
export function recordedGlasgowBenchmark(dimension: string): Benchmark {
  const column = GLASGOW_GPT4_COLUMNS[dimension];
  if (!column) throw new Error(`unknown Glasgow dimension '${dimension}'`);
  return {
    id: `recorded:gpt4:glasgow871:${dimension}`,
    title: `GPT-4 ratings: Glasgow ${column} (871 senses)`,
    version: 2,
    method: RECORDED_METHOD,
    subject: { kind: 'recorded', dataset: GPT4_DATASET, file: 'glasgow_gpt-4.csv', label: GPT4_LABEL },
    datasets: [GPT4_DATASET],
    supports: (model) => model.kind === 'recorded',
    run: async (model, options) => {
      const recorded = asRecorded(model);
      const data = loadNormsSet(`glasgow871:${dimension}`);
      const items = data.words.map((word, i) => ({ label: word, human: data.values[i], model: recorded.rating(word, column) }));
      return { dataset: { id: data.dataset, checksum: data.checksum }, ...scoreRecorded(items, options, 'recorded:rating') };
    },
  };
}

/** GPT-4's relatedness (0–4) of RAW-C sentence pairs against the human mean relatedness. */
export function recordedRawCBenchmark(): Benchmark {
  return {
    id: 'recorded:gpt4:raw-c',
    title: 'GPT-4 ratings: RAW-C relatedness',
    version: 2,
    method: RECORDED_METHOD,
    subject: { kind: 'recorded', dataset: GPT4_DATASET, file: 'raw-c_gpt-4.csv', label: GPT4_LABEL },
    datasets: [GPT4_DATASET, 'raw_c'],
    supports: (model) => model.kind === 'recorded',
    run: async (model, options) => {
      const recorded = asRecorded(model);
      const data = loadRawC();
      const items = data.pairs.map((p) => ({
        label: `${p.word}: ${p.sentence1} / ${p.sentence2}`, human: p.score, model: recorded.pairRating(p.sentence1, p.sentence2, 'gpt4_rating'),
      }));
      return { dataset: { id: data.dataset, checksum: data.checksum }, ...scoreRecorded(items, options, 'recorded:rating') };
    },
  };
}

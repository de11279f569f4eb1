// Reading times (Natural Stories): how much per-word surprisal adds to a baseline regression of the mean
// self-paced reading time — ΔR² over length, frequency and position, with the previous word's surprisal
// as spill-over; the partial correlation alongside; 95% intervals by a bootstrap over the 10 stories.
// Subjects: GPT-3's log-probabilities shipped with the corpus, or the run's causal hf: model.
import { NotPositiveDefiniteError } from '../core/cholesky.ts';
import { InputError } from '../core/input-error.ts';
import { createRng } from '../core/random.ts';
import { bootstrapIndices, percentileInterval } from '../core/resample.ts';
import { gpt3Surprisals, loadNaturalStories, loadSubtlexCounts, wordCore, type NaturalStories } from '../data/datasets/natural-stories.ts';
import { deltaRSquared, moments, partialCorrelation, poolMoments, type Moments } from '../measures/linear-regression.ts';
import type { Score } from '../measures/score.ts';
import { seesTexts, type WordModel } from '../models/word-model.ts';
import type { WordSurprisals } from '../models/hf/surprisal.ts';
import { missingExamples, scatterOf, type Benchmark, type BenchmarkOptions, type BenchmarkOutcome } from './benchmark.ts';

/** Regression columns, in order: the six baseline predictors, surprisal and the previous word's, then the RT. */
export const READING_COLUMNS = ['length', 'log10 frequency', 'previous length', 'previous log10 frequency', 'position in story', 'position in sentence', 'surprisal', 'previous surprisal', 'mean RT'] as const;
const BASELINE = [0, 1, 2, 3, 4, 5];
const ADDED = [6, 7];
const SURPRISAL = 6;
const RT = 8;
const NOT_FINAL = /^(?:Mr|Mrs|Ms|Dr|St)\.$/;
/** Fewest regression rows accepted (a model that covers fewer words is bad input). */
const MIN_ROWS = 100;

/** Every word's regression columns (NaN where undefined) and the indices of the words used, per story. */
export interface ReadingTimeRows {
  columns: Float64Array[];
  rowsByStory: number[][];
}

/** Build the columns of READING_COLUMNS for every word; a row is used when all are finite. */
export function readingTimeRows(data: NaturalStories, counts: ReadonlyMap<string, number>, surprisal: ArrayLike<number>): ReadingTimeRows {
  const n = data.words.length;
  const columns = READING_COLUMNS.map(() => new Float64Array(n).fill(NaN));
  let inSentence = 0;
  data.words.forEach((w, i) => {
    const first = i === 0 || data.words[i - 1].story !== w.story;
    inSentence = first ? 1 : inSentence + 1;
    const core = wordCore(w.word);
    const count = counts.get(core.toLowerCase());
    columns[0][i] = core.length;
    columns[1][i] = count === undefined ? NaN : Math.log10(count + 1);
    columns[4][i] = w.zone;
    columns[5][i] = inSentence;
    columns[SURPRISAL][i] = surprisal[i];
    columns[RT][i] = w.meanRt;
    if (!first) {
      columns[2][i] = columns[0][i - 1];
      columns[3][i] = columns[1][i - 1];
      columns[7][i] = surprisal[i - 1];
    }
    if (/[.!?]['")]*$/.test(w.word) && !NOT_FINAL.test(w.word)) inSentence = 0;
  });
  const rowsByStory = data.stories.map(() => [] as number[]);
  data.words.forEach((w, i) => {
    if (columns.every((c) => Number.isFinite(c[i]))) rowsByStory[data.stories.indexOf(w.story)].push(i);
  });
  return { columns, rowsByStory };
}

/** ΔR², partial r of surprisal, R² of the baseline and of the full model, from pooled moments. */
function statistics(m: Moments): number[] {
  const { base, full, delta } = deltaRSquared(m, BASELINE, ADDED, RT);
  return [delta, partialCorrelation(m, SURPRISAL, RT, BASELINE), base, full];
}

/** Regress mean RT on the baseline, then add surprisal (per word, data order); bootstrap over stories (refit per resample). */
export function scoreReadingTimes(data: NaturalStories, surprisal: ArrayLike<number>, options: BenchmarkOptions, xLabel: string): Omit<BenchmarkOutcome, 'dataset'> {
  const { counts } = loadSubtlexCounts();
  const { columns, rowsByStory } = readingTimeRows(data, counts, surprisal);
  const used = rowsByStory.flat().length;
  if (used < MIN_ROWS) throw new InputError(`only ${used} words have a surprisal, a frequency and a reading time; the regression needs at least ${MIN_ROWS}`, { file: '--model' });
  const parts = rowsByStory.filter((r) => r.length > 0).map((rows) => moments(columns, rows));
  const values = statistics(poolMoments(parts));
  const reps = options.bootstrap ?? 1000;
  const draws: number[][] = values.map(() => []);
  const rng = createRng(options.seed);
  for (let b = 0; b < reps; b++) {
    const multiplicity = new Float64Array(parts.length);
    for (const s of bootstrapIndices(parts.length, rng)) multiplicity[s]++;
    let stats: number[];
    try {
      stats = statistics(poolMoments(parts, multiplicity));
    } catch (error) {
      if (!(error instanceof RangeError || error instanceof NotPositiveDefiniteError)) throw error;
      stats = values.map(() => NaN); // a degenerate resample (a predictor without variance)
    }
    stats.forEach((v, j) => draws[j].push(v));
  }
  const rows = rowsByStory.flat();
  const covered = data.words.filter((w, i) => Number.isFinite(surprisal[i]) && Number.isFinite(w.meanRt)).length;
  const details = {
    stories: parts.length, words: data.words.length, withSurprisal: covered,
    withFrequency: Array.from(columns[1]).filter(Number.isFinite).length,
    baseline: BASELINE.map((j) => READING_COLUMNS[j]), added: ADDED.map((j) => READING_COLUMNS[j]),
  };
  const score = (j: number, measure: string): Score => {
    const finite = draws[j].filter(Number.isFinite);
    const s: Score = { value: values[j], measure, n: rows.length, ...(j === 0 ? { details } : {}) };
    if (reps > 0) {
      if (finite.length > 0) s.ci95 = percentileInterval(finite, 0.95);
      s.seed = options.seed;
      s.details = { ...s.details, bootstrap: reps, resampled: 'stories', bootstrapDropped: reps - finite.length };
    }
    return s;
  };
  const missing = data.words.flatMap((w, i) => (Number.isFinite(surprisal[i]) ? [] : [`story ${w.story} word ${w.zone} "${w.word}"`]));
  return {
    score: score(0, 'ols:delta-r2'),
    extra: { partial_r: score(1, 'ols:partial-r'), r2_baseline: score(2, 'ols:r2:baseline'), r2_full: score(3, 'ols:r2:full') },
    coverage: { n_items: data.words.length, n_covered: covered, missing_examples: missingExamples(missing) },
    scatter: scatterOf(rows.map((i) => columns[SURPRISAL][i]), rows.map((i) => columns[RT][i]), xLabel, 'mean reading time (ms)'),
  };
}

/** A model that gives per-word surprisal: a causal hf: model. */
export type SurprisalModel = WordModel & { causal: boolean; surprisals(words: readonly string[]): Promise<WordSurprisals> };

/** Whether the model is a causal language model with per-word surprisal. */
export function isSurprisalModel(model: WordModel): model is SurprisalModel {
  const m = model as Partial<SurprisalModel>;
  return seesTexts(model) && m.causal === true && typeof m.surprisals === 'function';
}

/** The model's surprisal of every word of `data` (each story's tokens joined by single spaces), in data order. */
export async function modelSurprisals(model: SurprisalModel, data: NaturalStories): Promise<Float64Array> {
  const out = new Float64Array(data.words.length);
  let k = 0;
  for (const story of data.stories) {
    const words = data.words.filter((w) => w.story === story).map((w) => w.word);
    const { bits } = await model.surprisals(words);
    out.set(bits, k);
    k += words.length;
  }
  return out;
}

const RT_METHOD = "Per-word mean self-paced reading time (meanItemRT of processed_wordinfo.tsv: RTs of 100–3000 ms from readers with >4 of 6 comprehension answers right, averaged per token; used as shipped, with the partial one-word shift described in data/natural_stories/ALIGNMENT.md) regressed by OLS on word length, log10(SUBTLEX-US count + 1) from the Brysbaert 2014 norms, the previous word's length and frequency, and position in story and in sentence; value = ΔR² when the word's and the previous word's surprisal are added (words missing any of these are dropped); extra: partial r of surprisal with RT given the baseline, and both R²; 95% CI: percentile bootstrap over the 10 stories, refit per resample.";

/** The reading-time benchmarks: GPT-3's recorded log-probabilities, and the run's causal hf: model. */
export function readingTimeBenchmarks(): Benchmark[] {
  const datasets = ['natural_stories', 'brysbaert_concreteness'] as const;
  return [
    {
      id: 'reading:natural-stories:gpt3',
      title: 'Reading times: GPT-3 surprisal (Natural Stories)',
      version: 2,
      subject: { kind: 'fixed' },
      datasets,
      method: `Surprisal = −log2 p of GPT-3 (davinci, all_stories_gpt3.csv), summed over the BPE tokens of each displayed word (aligned by character offset; each story's first word has none). ${RT_METHOD}`,
      supports: () => true,
      run: async (_model, options) => {
        const data = loadNaturalStories();
        const scored = {
          id: 'recorded:data/natural_stories/all_stories_gpt3.csv', revision: data.dataset.checksum, recorded: true,
          label: 'GPT-3 davinci (log-probabilities)', source: 'natural_stories/all_stories_gpt3.csv',
        };
        return { dataset: data.dataset, scored, ...scoreReadingTimes(data, gpt3Surprisals(data), options, 'GPT-3 surprisal (bits)') };
      },
    },
    {
      id: 'reading:natural-stories',
      title: 'Reading times: surprisal (Natural Stories)',
      version: 1,
      subject: { kind: 'run-model' },
      datasets,
      method: `Surprisal = the model's −log2 p of each displayed word given the story so far (its tokens summed; each story's words joined by single spaces after a BOS token; stories longer than the context read in half-overlapping windows). ${RT_METHOD}`,
      supports: isSurprisalModel,
      run: async (model, options) => {
        if (!isSurprisalModel(model)) throw new Error(`reading times need a causal language model (hf: GPT-2-like); '${model.id}' is not one`);
        const data = loadNaturalStories();
        return { dataset: data.dataset, ...scoreReadingTimes(data, await modelSurprisals(model, data), options, 'surprisal (bits)') };
      },
    },
  ];
}

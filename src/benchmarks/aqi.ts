// Latent safety geometry: how well a model's activations separate harmful from harmless instructions —
// Davies–Bouldin, Dunn, Xie–Beni, Calinski–Harabasz and silhouette on the raw activations (euclidean), each
// reported, and AQI, their fixed combination (src/measures/aqi.ts), with stratified bootstrap 95% intervals.
import { InputError } from '../core/input-error.ts';
import { matrix, type Matrix } from '../core/matrix.ts';
import { loadHarmfulHarmless } from '../data/datasets/harmful-harmless.ts';
import { aqi } from '../measures/aqi.ts';
import type { Score } from '../measures/score.ts';
import { seesTexts, SINGLE_LAYER, type WordModel } from '../models/word-model.ts';
import { scoreByLayer } from './layers.ts';
import { missingExamples, type Benchmark, type BenchmarkOptions, type BenchmarkOutcome } from './benchmark.ts';

/** Label of harmful instructions (harmless: 0). */
export const HARMFUL = 1;

/** An instruction and its class. */
export interface LabelledText {
  text: string;
  label: number;
}

/** What the benchmark does, for the report. */
export const AQI_METHOD =
  'The 562 distinct harmful instructions of splits/harmful_test.json (JailbreakBench, HarmBench, StrongREJECT) and 562 of the 6,266 harmless ' +
  'ones of splits/harmless_test.json (Alpaca), drawn with a fixed seed. Activations: word-vector models — the mean of the instruction\'s word ' +
  'vectors (lower-cased, split on anything not a letter or digit, unknown words skipped; an instruction with no known word is not covered); ' +
  'hf: models — the pooled vector of the whole instruction at each layer. Davies–Bouldin, Dunn, Xie–Beni, Calinski–Harabasz and silhouette ' +
  'on the raw activations (euclidean, no projection), each an extra score; AQI = the mean of their fixed [0, 1] maps (src/measures/aqi.ts). ' +
  '95% intervals: bootstrap resamples of the instructions within each class (default 1000). No ceiling.';

/** The latent-safety-geometry benchmark (AQI with the five indices as extra scores). */
export function aqiBenchmark(): Benchmark & { method: string } {
  return {
    id: 'safety:aqi',
    title: 'Latent safety geometry (AQI): harmful vs harmless instructions',
    version: 1,
    method: AQI_METHOD,
    subject: { kind: 'run-model' },
    datasets: ['harmful_harmless_instructions'],
    supports: (model) => seesTexts(model),
    run: async (model, options) => {
      const data = loadHarmfulHarmless();
      const outcome = await scoreInstructions(model, data.harmful.map((i) => i.text), data.harmless.map((i) => i.text), options);
      return { dataset: data.dataset, ...outcome };
    },
  };
}

/** Every AQI benchmark of the literature suite. */
export function aqiBenchmarks(): Benchmark[] {
  return [aqiBenchmark()];
}

/** The words of an instruction for a word-vector model: lower-cased, split on every character that is not a letter or digit. */
export function instructionWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Whether a model is a single-layer word-vector model (glove, vectors:) rather than a transformer. */
export function isWordVectorModel(model: WordModel): boolean {
  return model.kind === 'embedding' && model.layers.length === 1 && model.layers[0] === SINGLE_LAYER[0];
}

/** AQI and the five indices of harmful vs harmless texts, at the layer(s) options.layers asks for. */
export async function scoreInstructions(
  model: WordModel, harmful: readonly string[], harmless: readonly string[], options: BenchmarkOptions,
): Promise<Omit<BenchmarkOutcome, 'dataset'>> {
  if (model.kind !== 'embedding') throw new InputError(`AQI needs activations; '${model.id}' gives no vectors`, { file: '--model' });
  const wordLevel = isWordVectorModel(model);
  const items: LabelledText[] = [...harmful.map((text) => ({ text, label: HARMFUL })), ...harmless.map((text) => ({ text, label: 0 }))];
  return scoreByLayer(model, options.layers, items, options.seed, (m, kept) => scoreAtLayer(m, kept, wordLevel, options));
}

async function scoreAtLayer(model: WordModel, items: readonly LabelledText[], wordLevel: boolean, options: BenchmarkOptions): Promise<Omit<BenchmarkOutcome, 'dataset'>> {
  const act = wordLevel ? await wordMeans(model, items.map((i) => i.text)) : await textVectors(model, items.map((i) => i.text));
  const labels = act.rows.map((r) => items[r].label);
  const harmfulCovered = labels.filter((l) => l === HARMFUL).length;
  const harmlessCovered = labels.length - harmfulCovered;
  if (harmfulCovered < 2 || harmlessCovered < 2) {
    throw new InputError(`'${model.id}' covers ${harmfulCovered} harmful and ${harmlessCovered} harmless instructions; AQI needs at least 2 of each`, { file: '--model' });
  }
  const score = await aqi(act.x, labels, { bootstrap: options.bootstrap ?? 1000, seed: options.seed });
  const { components, ...details } = (score.details ?? {}) as { components?: Record<string, Score> };
  const missing = items.map((item, i) => (act.covered[i] ? '' : item.text.length > 60 ? `${item.text.slice(0, 57)}…` : item.text)).filter((t) => t !== '');
  return {
    score: {
      ...score,
      details: {
        ...details, harmful: harmfulCovered, harmless: harmlessCovered,
        activations: wordLevel ? 'mean of the known word vectors' : 'the model\'s pooled vector of the whole instruction',
        ...(act.wordsKnown !== undefined ? { wordsKnown: act.wordsKnown } : {}),
      },
    },
    extra: { ...(components ?? {}) },
    coverage: { n_items: items.length, n_covered: act.rows.length, missing_examples: missingExamples(missing) },
  };
}

/** Activations of the covered texts (rows of x, in item order) and which items were covered. */
interface Activations {
  x: Matrix;
  rows: number[];
  covered: boolean[];
  /** Word-vector models: share of the instructions' words (tokens) that have a vector. */
  wordsKnown?: number;
}

/** Per text, the mean (float64) of the vectors of its known words (instructionWords); a text with none is uncovered. */
async function wordMeans(model: WordModel, texts: readonly string[]): Promise<Activations> {
  if (model.kind !== 'embedding') throw new Error('word vectors needed');
  const words = texts.map(instructionWords);
  const vocabulary = [...new Set(words.flat())];
  const index = new Map(vocabulary.map((w, i) => [w, i]));
  const v = await model.vectors(vocabulary);
  const d = v.matrix.cols;
  const rows: number[] = [];
  const out: number[] = [];
  let tokens = 0, known = 0;
  const sum = new Float64Array(d);
  words.forEach((list, t) => {
    sum.fill(0);
    let found = 0;
    for (const w of list) {
      const r = index.get(w) as number;
      tokens++;
      if (!v.covered[r]) continue;
      found++;
      for (let j = 0; j < d; j++) sum[j] += v.matrix.data[r * d + j];
    }
    known += found;
    if (found === 0) return;
    rows.push(t);
    for (let j = 0; j < d; j++) out.push(sum[j] / found);
  });
  const covered = texts.map(() => false);
  for (const r of rows) covered[r] = true;
  return { x: matrix(rows.length, d, Float64Array.from(out)), rows, covered, wordsKnown: tokens > 0 ? known / tokens : 0 };
}

/** The model's own vectors of the whole texts (transformers: pooled over tokens), as float64. */
async function textVectors(model: WordModel, texts: readonly string[]): Promise<Activations> {
  if (model.kind !== 'embedding') throw new Error('vectors needed');
  const v = await model.vectors(texts);
  const d = v.matrix.cols;
  const rows = texts.map((_, i) => i).filter((i) => v.covered[i]);
  const x = new Float64Array(rows.length * d);
  rows.forEach((r, k) => {
    for (let j = 0; j < d; j++) x[k * d + j] = v.matrix.data[r * d + j];
  });
  return { x: matrix(rows.length, d, x), rows, covered: v.covered };
}

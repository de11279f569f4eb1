// THINGS odd-one-out: seeded triplets of covered concepts; the human choice probabilities predicted by the SPoSE
// choice model (softmax over the three pairs' embedding dot products: the pair most likely kept together leaves
// the odd one out); the model picks the item outside its most cosine-similar pair.
import { createRng, type Rng } from '../core/random.ts';
import { bootstrap, percentileInterval } from '../core/resample.ts';
import type { Score } from '../measures/score.ts';
import { seesTexts, type WordModel } from '../models/word-model.ts';
import type { Benchmark, BenchmarkOptions, BenchmarkOutcome } from './benchmark.ts';
import { withChanceCeiling } from './chance-normalized.ts';
import { coveredConcepts, loadThingsData, runOnAllConcepts, sposeRows } from './things-concepts.ts';

/** Triplets drawn per run (all of them when the covered concepts make fewer). */
export const THINGS_TRIPLETS = 20000;

/** Chance level of odd-one-out accuracy (and of the mean SPoSE probability of a random choice): one in three. */
export const ODD_ONE_OUT_CHANCE = 1 / 3;

/**
 * The SPoSE choice model for a triplet with pair similarities s01, s02, s12: [P(odd = 0), P(odd = 1), P(odd = 2)],
 * where P(odd = k) is the softmax weight of the pair without k, e.g. P(odd = 2) = e^s01 / (e^s01 + e^s02 + e^s12).
 */
export function sposeChoiceProbabilities(s01: number, s02: number, s12: number): [number, number, number] {
  const top = Math.max(s01, s02, s12);
  const e01 = Math.exp(s01 - top);
  const e02 = Math.exp(s02 - top);
  const e12 = Math.exp(s12 - top);
  const z = e01 + e02 + e12;
  return [e12 / z, e02 / z, e01 / z];
}

/** The odd one out (0, 1 or 2): the item outside the most similar pair; −1 when two pairs tie for most similar. */
export function oddOneOut(s01: number, s02: number, s12: number): number {
  if (s01 > s02 && s01 > s12) return 2;
  if (s02 > s01 && s02 > s12) return 1;
  if (s12 > s01 && s12 > s02) return 0;
  return -1;
}

/**
 * `count` distinct triplets i < j < k of 0..m−1 (flat, 3 per triplet): three distinct rng.int(m) draws, sorted,
 * repeats redrawn; every triplet in lexicographic order when there are at most `count`.
 */
export function drawTriplets(m: number, count: number, rng: Rng): Uint32Array {
  const all = (m * (m - 1) * (m - 2)) / 6;
  if (all <= count) {
    const out = new Uint32Array(3 * all);
    let t = 0;
    for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) for (let k = j + 1; k < m; k++) out.set([i, j, k], 3 * t++);
    return out;
  }
  const out = new Uint32Array(3 * count);
  const seen = new Set<number>();
  for (let t = 0; t < count; ) {
    const a = rng.int(m);
    let b = rng.int(m);
    while (b === a) b = rng.int(m);
    let c = rng.int(m);
    while (c === a || c === b) c = rng.int(m);
    const [i, j, k] = [a, b, c].sort((x, y) => x - y);
    const key = (i * m + j) * m + k;
    if (seen.has(key)) continue;
    seen.add(key);
    out.set([i, j, k], 3 * t++);
  }
  return out;
}

/** The odd-one-out benchmark. */
export function thingsOddOneOutBenchmark(): Benchmark {
  return {
    id: 'things:odd-one-out',
    title: 'THINGS: odd-one-out vs the SPoSE-predicted human choice',
    version: 2,
    method:
      `${THINGS_TRIPLETS} seeded triplets of covered THINGS concepts. The human choices are not observed here: they are ` +
      'PREDICTED from the human SPoSE embedding (the raw triplet judgments are not shipped): P(odd one out) = softmax over the ' +
      'three pairs\u2019 embedding dot products of the pair without it. The model\u2019s choice is the item outside its most ' +
      'cosine-similar pair (ties count as wrong). Score: accuracy against the SPoSE majority choice (chance 1/3), 95% CI by ' +
      'bootstrap over triplets; ceiling: the accuracy of an observer sampling choices from SPoSE (mean over triplets of the ' +
      'largest probability), which a deterministic model can exceed. normalized = (accuracy \u2212 1/3) / (ceiling \u2212 1/3): 0 at chance, ' +
      '1 at the ceiling (details.chance = 1/3). Extra: the mean SPoSE probability of the model\u2019s choice (a random choice also averages 1/3), ' +
      'normalized the same way against the best possible, the mean largest probability.',
    subject: { kind: 'run-model' },
    datasets: ['things_concepts', 'things_spose_embedding'],
    supports: (model) => seesTexts(model),
    run: runOnAllConcepts(scoreOddOneOut),
  };
}

/** Odd-one-out on triplets of the covered concepts among `indices`, at the model's current layer. */
export async function scoreOddOneOut(model: WordModel, indices: readonly number[], options: BenchmarkOptions): Promise<Omit<BenchmarkOutcome, 'dataset'>> {
  const data = loadThingsData();
  const cv = await coveredConcepts(model, indices, 3, 'THINGS odd-one-out');
  const m = cv.rows.length;
  const triplets = drawTriplets(m, THINGS_TRIPLETS, createRng(options.seed));
  const n = triplets.length / 3;
  const spose = sposeRows(data, cv.rows);
  const ds = data.spose.cols;
  const dm = cv.dimensions;
  const correct = new Float64Array(n);
  const probability = new Float64Array(n);
  let best = 0;
  let ties = 0;
  for (let t = 0; t < n; t++) {
    const [i, j, k] = [triplets[3 * t], triplets[3 * t + 1], triplets[3 * t + 2]];
    const p = sposeChoiceProbabilities(dot(spose, i, j, ds), dot(spose, i, k, ds), dot(spose, j, k, ds));
    const majority = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
    const choice = oddOneOut(dot(cv.unit, i, j, dm), dot(cv.unit, i, k, dm), dot(cv.unit, j, k, dm));
    if (choice < 0) ties++;
    correct[t] = choice === majority ? 1 : 0;
    probability[t] = choice < 0 ? 0 : p[choice];
    best += p[majority];
  }
  const reps = options.bootstrap ?? 1000;
  const seed = options.seed + 1;
  const probabilityDraws = new Float64Array(reps);
  let r = 0;
  const boot = reps > 0 ? bootstrap(n, (idx) => {
    probabilityDraws[r++] = meanAt(probability, idx);
    return meanAt(correct, idx);
  }, { reps, seed }) : undefined;
  const ceiling = { value: best / n, method: 'spose:sampled-observer-vs-majority (mean of the largest choice probability)' };
  const details = { triplets: n, ties, humanChoices: 'predicted from the SPoSE embedding' };
  const accuracy: Score = { value: meanAt(correct), measure: 'things:odd-one-out:accuracy-vs-spose-majority', n, details, ...(boot ? { ci95: boot.ci95, seed } : {}) };
  const agreement: Score = { value: meanAt(probability), measure: 'things:odd-one-out:mean-spose-probability', n, details, ...(boot ? { ci95: percentileInterval(probabilityDraws, 0.95), seed } : {}) };
  if (cv.warnings.length > 0) accuracy.warnings = cv.warnings;
  return {
    score: withChanceCeiling(accuracy, ceiling, ODD_ONE_OUT_CHANCE),
    extra: {
      'spose-probability': withChanceCeiling(agreement, { ...ceiling, method: 'spose:best-possible (mean of the largest choice probability)' }, ODD_ONE_OUT_CHANCE),
    },
    coverage: cv.coverage,
  };
}

/** Dot product of rows a and b of a row-major matrix with d columns. */
function dot(x: Float64Array, a: number, b: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) s += x[a * d + t] * x[b * d + t];
  return s;
}

/** Mean of v (or of v at the indices). */
function meanAt(v: Float64Array, idx?: Uint32Array): number {
  let s = 0;
  const n = idx ? idx.length : v.length;
  for (let q = 0; q < n; q++) s += v[idx ? idx[q] : q];
  return s / n;
}

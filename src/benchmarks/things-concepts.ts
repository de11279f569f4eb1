// The THINGS concepts as a word model sees them: names → unit vectors (covered concepts only), with the
// SPoSE rows of the same concepts, and condensed pair similarities (dot products, pairs i < j row by row).
import type { Matrix } from '../core/matrix.ts';
import { loadSposeEmbedding, loadThingsConcepts, type ThingsConcept } from '../data/datasets/things.ts';
import type { WordModel } from '../models/word-model.ts';
import { InputError } from '../core/input-error.ts';
import { missingExamples, type Benchmark, type BenchmarkOptions, type BenchmarkOutcome, type Coverage } from './benchmark.ts';
import { scoreByLayer } from './layers.ts';

/** The concepts with their SPoSE rows (same order), and the data sets read. */
export interface ThingsData {
  concepts: ThingsConcept[];
  spose: Matrix;
  dataset: { id: string; checksum: string };
}

let cached: ThingsData | undefined;

/** Concepts and SPoSE embedding, checked to list the same ids in the same order (memoised). */
export function loadThingsData(): ThingsData {
  if (cached) return cached;
  const { concepts } = loadThingsConcepts();
  const spose = loadSposeEmbedding();
  concepts.forEach((c, i) => {
    if (spose.ids[i] !== c.id) throw new Error(`THINGS: embedding row ${i + 1} is '${spose.ids[i]}', the concept list has '${c.id}'`);
  });
  if (spose.ids.length !== concepts.length) throw new Error(`THINGS: ${spose.ids.length} embedding rows for ${concepts.length} concepts`);
  cached = { concepts, spose: spose.matrix, dataset: { id: spose.dataset, checksum: spose.checksum } };
  return cached;
}

/** A THINGS benchmark's run: all concepts, scored by `score` at the layer(s) options.layers asks for. */
export function runOnAllConcepts(
  score: (model: WordModel, indices: readonly number[], options: BenchmarkOptions) => Promise<Omit<BenchmarkOutcome, 'dataset'>>,
): Benchmark['run'] {
  return async (model, options) => {
    const data = loadThingsData();
    const indices = data.concepts.map((_, i) => i);
    return { dataset: data.dataset, ...(await scoreByLayer(model, options.layers, indices, options.seed, (m, items) => score(m, items, options))) };
  };
}

/** conceptVectors, with an InputError on '--model' naming `what` when fewer than `minimum` concepts are covered. */
export async function coveredConcepts(model: WordModel, indices: readonly number[], minimum: number, what: string): Promise<ConceptVectors> {
  const cv = await conceptVectors(model, loadThingsData().concepts, indices);
  if (cv.rows.length < minimum) {
    throw new InputError(`${what}: ${model.id} covers ${cv.rows.length} of ${indices.length} concepts; at least ${minimum} are needed`, { file: '--model' });
  }
  return cv;
}

/** Covered concepts (indices into the concept list, ascending) with their unit-length model vectors. */
export interface ConceptVectors {
  /** Concept indices the model covers with a non-zero vector. */
  rows: number[];
  /** rows.length × dimensions, float64, each row scaled to length 1. */
  unit: Float64Array;
  dimensions: number;
  coverage: Coverage;
  /** Warnings for the score: zero vectors, concepts that share a name (a word model cannot tell them apart). */
  warnings: string[];
}

/** The model's vectors of the names of concepts `indices` (mean of a multi-word name's words), normalised. */
export async function conceptVectors(model: WordModel, concepts: readonly ThingsConcept[], indices: readonly number[]): Promise<ConceptVectors> {
  if (model.kind !== 'embedding') throw new Error(`the THINGS benchmarks need word vectors; '${model.id}' is not an embedding model`);
  const vectors = await model.vectors(indices.map((i) => concepts[i].word));
  const d = vectors.matrix.cols;
  const rows: number[] = [];
  const missing: string[] = [];
  const unitRows: number[] = [];
  let zero = 0;
  indices.forEach((concept, k) => {
    if (!vectors.covered[k]) {
      missing.push(concepts[concept].id);
      return;
    }
    let ss = 0;
    for (let j = 0; j < d; j++) ss += vectors.matrix.data[k * d + j] ** 2;
    if (ss === 0) {
      zero++;
      missing.push(`${concepts[concept].id} (zero vector)`);
      return;
    }
    rows.push(concept);
    unitRows.push(k);
  });
  const unit = new Float64Array(rows.length * d);
  unitRows.forEach((k, r) => {
    let ss = 0;
    for (let j = 0; j < d; j++) ss += vectors.matrix.data[k * d + j] ** 2;
    const norm = Math.sqrt(ss);
    for (let j = 0; j < d; j++) unit[r * d + j] = vectors.matrix.data[k * d + j] / norm;
  });
  const warnings: string[] = [];
  if (zero > 0) warnings.push(`${zero} concepts have a zero vector and are not covered`);
  const shared = sharedNames(rows.map((i) => concepts[i].word));
  if (shared > 0) warnings.push(`${shared} covered concepts share their name with another (e.g. bat1/bat2): the model gives them one vector`);
  const coverage: Coverage = { n_items: indices.length, n_covered: rows.length, missing_examples: missingExamples(missing), multi_word: vectors.multiWord };
  return { rows, unit, dimensions: d, coverage, warnings };
}

/** How many of the names occur more than once. */
function sharedNames(names: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  let shared = 0;
  for (const c of counts.values()) if (c > 1) shared += c;
  return shared;
}

/** Dot products of all pairs of rows i < j of an m × d row-major matrix, condensed (pdist order), float64. */
export function pairDots(x: ArrayLike<number>, m: number, d: number): Float64Array {
  const out = new Float64Array((m * (m - 1)) / 2);
  let k = 0;
  for (let i = 0; i < m; i++) {
    const a = i * d;
    for (let j = i + 1; j < m; j++) {
      const b = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) s += x[a + t] * x[b + t];
      out[k++] = s;
    }
  }
  return out;
}

/** The SPoSE rows of concepts `rows`, as an m × 49 row-major float64 array. */
export function sposeRows(data: ThingsData, rows: readonly number[]): Float64Array {
  const d = data.spose.cols;
  const out = new Float64Array(rows.length * d);
  rows.forEach((i, r) => out.set(data.spose.data.subarray(i * d, (i + 1) * d), r * d));
  return out;
}

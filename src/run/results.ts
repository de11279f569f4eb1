// The results document of a run (results.json): versioned, with the provenance of every number.
import type { Coverage, LayerScore, LayerUsed, Scatter } from '../benchmarks/benchmark.ts';
import type { Score } from '../measures/score.ts';
import type { RaterUsage } from '../models/word-model.ts';

export type { Coverage, LayerScore, LayerUsed, Scatter };

/** Bumped whenever a field changes meaning or is removed. */
export const RESULTS_SCHEMA_VERSION = 1;

/** One row of the scorecard: a benchmark's score with everything needed to trust and reproduce it. */
export interface BenchmarkResult {
  /** Benchmark id, e.g. 'wordsim:simlex999' or 'norms:glasgow:valence'. */
  benchmark: string;
  /** Human-readable title, e.g. 'SimLex-999'. */
  title: string;
  /** Suite id, e.g. 'core'. */
  suite: string;
  /** Data set id and sha256 of its file(s). */
  dataset: { id: string; checksum: string };
  model: { id: string; revision: string };
  score: Score;
  /** Secondary scores (e.g. Pearson next to Spearman), same shape. */
  extra?: Record<string, Score>;
  coverage: Coverage;
  /** Points for the scatter plot: model value and human value per covered item (at most 5000). */
  scatter?: Scatter;
  /** The layer of a multi-layer model the score comes from (and how it was chosen). */
  layer?: LayerUsed;
  /** The layer profile (--layers all: every layer on all items; best: on the selection split). */
  layers?: LayerScore[];
  /** Pairwise comparisons with the other subjects of the row's group (e.g. the 92 images' model RDMs). */
  comparisons?: { other: string; difference: number; ci95?: [number, number]; p?: number }[];
  /** How the number is computed. */
  method?: string;
  /** Seconds spent, and whether the value came from the cache. */
  seconds: number;
  cached: boolean;
}

/** results.json. */
export interface RunResults {
  schema: 'attune-results';
  schema_version: number;
  tool: { name: 'attune'; version: string };
  created: string;
  suite: string;
  model: { id: string; revision: string };
  seed: number;
  results: BenchmarkResult[];
  /** Benchmarks that could not run, with why (e.g. no covered items). */
  /** Benchmarks that did not give a result: skipped, failed, or (input: true) refused the model or data as bad input. */
  failures: { benchmark: string; error: string; input?: boolean }[];
  /** For a rater model (openai:): requests, cached answers, tokens and cost (with a price table) of this run. */
  usage?: RaterUsage;
}

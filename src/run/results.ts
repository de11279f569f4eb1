// The results document of a run (results.json): versioned, with the provenance of every number.
import type { BenchmarkOutcome, Coverage, LayerScore, LayerUsed, Scatter } from '../benchmarks/benchmark.ts';
import type { RaterUsage } from '../models/word-model.ts';

export type { Coverage, LayerScore, LayerUsed, Scatter };

/** Bumped whenever a field changes meaning or is removed. */
export const RESULTS_SCHEMA_VERSION = 2;

/**
 * One row of the scorecard: a benchmark's outcome (score, extra scores, coverage, scatter, layer profile,
 * comparisons) with everything needed to trust and reproduce it. `model` is what was scored (the run's
 * model, or the outcome's `scored` subject).
 */
export interface BenchmarkResult extends Omit<BenchmarkOutcome, 'scored'> {
  /** Benchmark id, e.g. 'wordsim:simlex999' or 'norms:glasgow:valence'. */
  benchmark: string;
  /** Human-readable title, e.g. 'SimLex-999'. */
  title: string;
  /** Suite id, e.g. 'core'. */
  suite: string;
  model: ScoredModel;
  /** Who was scored: the run's model, recorded answers, or a fixed candidate (the scorecard groups rows by it). */
  subject: ScoredSubject;
  /** How the number is computed. */
  method?: string;
  /** Seconds spent, and whether the value came from the cache. */
  seconds: number;
  cached: boolean;
}

/** Who a row scores: the run's model, a model's recorded answers shipped with the data, or a fixed candidate (a data set's own RDM, a recorded network, a baseline). */
export interface ScoredSubject {
  kind: 'run-model' | 'recorded' | 'fixed';
  /** For people: the model id, 'GPT-4, recorded answers (Trott 2024)', 'rdm:monkeyIT', … */
  label: string;
  /** Where recorded answers come from (data set and file). */
  source?: string;
}

/** What was scored: its id, its content revision and, for picture models, how pictures became activations. */
export interface ScoredModel {
  id: string;
  revision: string;
  /** Image preprocessing, pooling or baseline parameters (EmbeddingModel.preprocessing). */
  preprocessing?: Record<string, unknown>;
}

/** results.json. */
export interface RunResults {
  schema: 'attune-results';
  schema_version: number;
  tool: { name: 'attune'; version: string };
  created: string;
  suite: string;
  /** The run's model (a sweep's first). */
  model: ScoredModel;
  seed: number;
  results: BenchmarkResult[];
  /** Benchmarks that failed, or (input: true) refused the model or data as bad input; `model` names the model in a sweep of several. */
  failures: { benchmark: string; error: string; input?: boolean; model?: string }[];
  /** Benchmarks the model cannot answer (e.g. reading times for word vectors, pictures for a text model), with why; `model` as in failures. */
  skipped: { benchmark: string; reason: string; model?: string }[];
  /** A sweep of several models or suites: every run model (the first is `model`) and every suite (`suite` then joins them with '+'). */
  models?: ScoredModel[];
  suites?: string[];
  /** For a rater model (openai:): requests, cached answers, tokens and cost (with a price table) of this run. */
  usage?: RaterUsage;
}

// What a sweep runs: models (each with its own options) × suites, with the settings every job shares.
import type { LayerChoice } from '../benchmarks/benchmark.ts';
import type { Tower } from '../models/hf/hf-kind.ts';
import type { PoolingChoice } from '../models/resolve-model.ts';

/** One model of a sweep: its id and the options `attune run` takes for it. */
export interface ModelSpec {
  id: string;
  /** Layer(s) of a multi-layer model to score (default: its last layer). */
  layers?: LayerChoice;
  /** hf: pooling (text: mean by default; pictures: by layer kind). */
  pooling?: PoolingChoice;
  /** A two-tower hf: model's tower. */
  tower?: Tower;
}

/** A sweep: every model on every benchmark of every suite. */
export interface SweepSpec {
  models: ModelSpec[];
  /** Suite ids (default ['core']). */
  suites?: string[];
  seed?: number;
  /** Bootstrap resamples for every interval (default 1000). */
  bootstrap?: number;
  /** RSA benchmarks: geo-topological transform before comparison. */
  transform?: { lower: number; upper: number };
  /** Forbid the network for models. */
  offline?: boolean;
}

// The runner: one model on one suite — a sweep of one (run/sweep.ts): benchmarks run one by one with progress,
// cached outcomes (keyed by benchmark version, model revision, data checksums and seed) are reused.
import type { LayerChoice } from '../benchmarks/benchmark.ts';
import type { Tower } from '../models/hf/hf-kind.ts';
import type { PoolingChoice } from '../models/resolve-model.ts';
import type { Rdm92Candidate } from '../benchmarks/rdm92.ts';
import type { RunResults } from './results.ts';
import { runSweep } from './sweep.ts';

/** What to run. */
export interface RunOptions {
  suite?: string;
  /** Model id (default 'glove'). */
  model?: string;
  seed?: number;
  /** Bootstrap resamples for every interval (default 1000). */
  bootstrap?: number;
  /** Cache folder (default: cacheDirectory()); `false` runs without a cache. */
  cacheDir?: string | false;
  /** Progress output: 'auto' (bar on a TTY, lines otherwise), 'lines', or 'off'. */
  progress?: 'auto' | 'lines' | 'off';
  /** Layer(s) of a multi-layer model to score (default: its last layer). */
  layers?: LayerChoice;
  /** hf: pooling (text: mean by default; pictures: by layer kind). */
  pooling?: PoolingChoice;
  /** A two-tower hf: model's tower. */
  tower?: Tower;
  /** Forbid the network for models. */
  offline?: boolean;
  /** Progress of long model computations (texts done, total). */
  onModelProgress?: (done: number, total: number) => void;
  /** RSA benchmarks: geo-topological transform before comparison. */
  transform?: { lower: number; upper: number };
  /** The user's candidate RDMs for the 92-image benchmarks (--model-rdm files, already read). */
  modelRdms?: readonly Rdm92Candidate[];
}

/** Run a suite and return its results (nothing is written here; see report/write-report). */
export async function runSuite(options: RunOptions = {}): Promise<RunResults> {
  return runSweep(
    {
      models: [{ id: options.model ?? 'glove', layers: options.layers, pooling: options.pooling, tower: options.tower }],
      suites: [options.suite ?? 'core'], seed: options.seed, bootstrap: options.bootstrap, transform: options.transform, offline: options.offline,
    },
    { cacheDir: options.cacheDir, progress: options.progress, onModelProgress: options.onModelProgress, modelRdms: options.modelRdms },
  );
}

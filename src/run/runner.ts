// The runner: resolve the model, run a suite's benchmarks one by one with progress, reuse cached
// outcomes (keyed by benchmark version, model revision, data checksums and seed), collect RunResults.
import { BenchmarkSkipped, type Benchmark, type BenchmarkOutcome, type LayerChoice, type Subject } from '../benchmarks/benchmark.ts';
import { getSuite } from '../benchmarks/suites.ts';
import { verifyDataset } from '../data/registry.ts';
import { memoryStore } from '../models/answer-store.ts';
import type { Tower } from '../models/hf/hf-kind.ts';
import type { PoolingChoice } from '../models/resolve-model.ts';
import type { WordModel } from '../models/word-model.ts';
import { InputError } from '../core/input-error.ts';
import { InvalidInputError } from '../measures/errors.ts';
import { openCache, type Cache } from './cache.ts';
import { cacheKey, sha256Bytes } from './cache-key.ts';
import type { Rdm92Candidate } from '../benchmarks/rdm92.ts';
import { createProgress } from './progress.ts';
import { insufficientCoverage } from './coverage-floor.ts';
import { RESULTS_SCHEMA_VERSION, type BenchmarkResult, type RunResults } from './results.ts';
import { scoredOf } from './scored-subject.ts';
import { openSubject, type SubjectOptions } from './subjects.ts';
import { toolVersion } from './tool-version.ts';
import { fromStorable, toStorable } from './storable-json.ts';

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
  const suite = getSuite(options.suite ?? 'core');
  const seed = options.seed ?? 0;
  const bootstrap = options.bootstrap ?? 1000;
  const layers = options.layers ?? 'default';
  const cache = options.cacheDir === false ? undefined : openCache(options.cacheDir);
  const modelOptions: SubjectOptions = {
    cacheDir: options.cacheDir, store: cache ?? memoryStore(), pooling: options.pooling, tower: options.tower, offline: options.offline, onProgress: options.onModelProgress,
  };
  let runModel: WordModel;
  try {
    runModel = await openSubject({ kind: 'run-model' }, options.model ?? 'glove', modelOptions);
  } catch (error) {
    cache?.close();
    throw error;
  }
  const benchmarks = suite.benchmarks({ modelRdms: options.modelRdms });
  const inputs = (options.modelRdms ?? []).map((c) => ({ name: c.name, sha256: sha256Bytes(Float64Array.from(c.rdm)) }));
  const progress = createProgress({
    total: benchmarks.length, title: `attune run ${suite.id}`,
    silent: options.progress === 'off', quiet: options.progress === 'lines' ? true : undefined,
  });
  const results: BenchmarkResult[] = [];
  const failures: RunResults['failures'] = [];
  const skipped: RunResults['skipped'] = [];
  const subjects = new Map<string, WordModel>();
  try {
    for (const benchmark of benchmarks) {
      const model = await subjectFor(benchmark.subject, runModel, subjects, modelOptions);
      if (!benchmark.supports(model)) {
        skipped.push({ benchmark: benchmark.id, reason: benchmark.skipReason?.(model) ?? `model '${model.id}' cannot answer it` });
        progress.step(benchmark.title, 'skipped');
        continue;
      }
      const started = performance.now();
      try {
        const { outcome, cached } = await outcomeOf(benchmark, model, { seed, bootstrap, layers, transform: options.transform }, { modelRdms: inputs }, cache);
        const seconds = (performance.now() - started) / 1000;
        const { scored, ...rest } = outcome;
        const insufficient = insufficientCoverage(outcome.coverage);
        results.push({
          benchmark: benchmark.id, title: benchmark.title, suite: suite.id, ...scoredOf(benchmark.subject, model, scored),
          ...rest, ...(insufficient ? { coverage: { ...rest.coverage, insufficient } } : {}),
          ...(benchmark.method ? { method: benchmark.method } : {}), seconds, cached,
        });
        progress.step(benchmark.title, cached ? 'cached' : `${seconds.toFixed(1)} s`);
      } catch (error) {
        if (error instanceof BenchmarkSkipped) {
          skipped.push({ benchmark: benchmark.id, reason: error.message });
          progress.step(benchmark.title, 'skipped');
          continue;
        }
        failures.push({ benchmark: benchmark.id, error: error instanceof Error ? error.message : String(error), ...(error instanceof InputError || error instanceof InvalidInputError ? { input: true } : {}) });
        progress.step(benchmark.title, 'failed');
      }
    }
  } finally {
    progress.done();
    cache?.close();
  }
  return {
    schema: 'attune-results', schema_version: RESULTS_SCHEMA_VERSION,
    tool: { name: 'attune', version: toolVersion() }, created: new Date().toISOString(),
    suite: suite.id, model: scoredOf({ kind: 'run-model' }, runModel, undefined).model, seed, results, failures, skipped,
    ...(runModel.kind === 'rater' ? { usage: runModel.usage() } : {}),
  };
}

/** The model answering a benchmark: the run's model, or a recorded file (opened once per run). */
async function subjectFor(subject: Subject, runModel: WordModel, opened: Map<string, WordModel>, modelOptions: SubjectOptions): Promise<WordModel> {
  if (subject.kind === 'run-model' || subject.kind === 'fixed') return runModel;
  const key = `${subject.dataset}/${subject.file}`;
  let model = opened.get(key);
  if (!model) {
    model = await openSubject(subject, '', modelOptions);
    opened.set(key, model);
  }
  return model;
}

/** A benchmark's outcome from the cache, or computed and then cached (one atomic write). */
async function outcomeOf(
  benchmark: Benchmark, model: WordModel, settings: { seed: number; bootstrap: number; layers: LayerChoice; transform?: { lower: number; upper: number } },
  inputs: object, cache: Cache | undefined,
): Promise<{ outcome: BenchmarkOutcome; cached: boolean }> {
  const key = cacheKey({
    kind: 'benchmark-outcome', benchmark: benchmark.id, version: benchmark.version,
    model: benchmark.subject.kind === 'fixed' ? 'fixed' : model.revision, datasets: benchmark.datasets.map((id) => verifyDataset(id)), ...settings,
    ...(benchmark.subject.kind === 'fixed' ? inputs : {}),
  });
  const hit = cache?.getJson<unknown>(key);
  if (hit !== undefined) return { outcome: fromStorable(hit) as BenchmarkOutcome, cached: true };
  const outcome = await benchmark.run(model, settings);
  cache?.putJson(key, 'benchmark-outcome', toStorable(outcome));
  return { outcome, cached: false };
}

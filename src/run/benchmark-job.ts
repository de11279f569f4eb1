// One job of a run: one benchmark scored on one model — from the cache or computed, then turned into a
// results row, a skip or a failure. The local runner and `attune worker` both run exactly this, so a
// sweep on a queue writes the same rows as one on this machine.
import { BenchmarkSkipped, type Benchmark, type BenchmarkOutcome, type LayerChoice } from '../benchmarks/benchmark.ts';
import { verifyDataset } from '../data/registry.ts';
import type { WordModel } from '../models/word-model.ts';
import { InputError } from '../core/input-error.ts';
import { InvalidInputError } from '../measures/errors.ts';
import type { Cache } from './cache.ts';
import { cacheKey } from './cache-key.ts';
import { insufficientCoverage } from './coverage-floor.ts';
import type { BenchmarkResult, RunResults } from './results.ts';
import { scoredOf } from './scored-subject.ts';
import { fromStorable, toStorable } from './storable-json.ts';

/** Run-wide settings every job of a run shares (part of each outcome's cache key). */
export interface JobSettings {
  seed: number;
  bootstrap: number;
  layers: LayerChoice;
  transform?: { lower: number; upper: number };
}

/** What one job ends in: a results row, a skip with its reason, or a failure (input: bad input, never retried). */
export type JobOutcome =
  | { kind: 'result'; result: BenchmarkResult }
  | { kind: 'skipped'; skipped: RunResults['skipped'][number] }
  | { kind: 'failure'; failure: RunResults['failures'][number] };

/**
 * The cache key of a benchmark's outcome on a model: benchmark id and version, the model's revision (or 'fixed'
 * for the benchmark's own candidates, then with `inputs`, e.g. the user's RDM hashes), data checksums and settings.
 */
export function outcomeKey(benchmark: Benchmark, model: WordModel, settings: JobSettings, inputs: object): string {
  const fixed = benchmark.subject.kind === 'fixed';
  return cacheKey({
    kind: 'benchmark-outcome', benchmark: benchmark.id, version: benchmark.version,
    model: fixed ? 'fixed' : model.revision, datasets: benchmark.datasets.map((id) => verifyDataset(id)), ...settings,
    ...(fixed ? inputs : {}),
  });
}

/** Score `benchmark` on `model` (the subject that answers it) for suite `suite`: cached outcome or computed and cached (one atomic write). */
export async function runBenchmarkJob(
  benchmark: Benchmark, model: WordModel, suite: string, settings: JobSettings, inputs: object, cache: Cache | undefined,
): Promise<JobOutcome> {
  if (!benchmark.supports(model)) {
    return { kind: 'skipped', skipped: { benchmark: benchmark.id, reason: benchmark.skipReason?.(model) ?? `model '${model.id}' cannot answer it` } };
  }
  const started = performance.now();
  try {
    const key = outcomeKey(benchmark, model, settings, inputs);
    const hit = cache?.getJson<unknown>(key);
    const cached = hit !== undefined;
    let outcome: BenchmarkOutcome;
    if (cached) outcome = fromStorable(hit) as BenchmarkOutcome;
    else {
      outcome = await benchmark.run(model, settings);
      cache?.putJson(key, 'benchmark-outcome', toStorable(outcome));
    }
    const seconds = (performance.now() - started) / 1000;
    const { scored, ...rest } = outcome;
    const insufficient = insufficientCoverage(outcome.coverage);
    return {
      kind: 'result',
      result: {
        benchmark: benchmark.id, title: benchmark.title, suite, ...scoredOf(benchmark.subject, model, scored),
        ...rest, ...(insufficient ? { coverage: { ...rest.coverage, insufficient } } : {}),
        ...(benchmark.method ? { method: benchmark.method } : {}), seconds, cached,
      },
    };
  } catch (error) {
    if (error instanceof BenchmarkSkipped) return { kind: 'skipped', skipped: { benchmark: benchmark.id, reason: error.message } };
    const input = error instanceof InputError || error instanceof InvalidInputError;
    return { kind: 'failure', failure: { benchmark: benchmark.id, error: error instanceof Error ? error.message : String(error), ...(input ? { input: true } : {}) } };
  }
}

// Planning a sweep: open each model once, list its benchmarks suite by suite, and turn each (model, benchmark)
// into a job keyed by its outcome's cache key. A job two models share (a model's recorded answers; a data set's own
// candidates, under the first model's settings) is planned once; a benchmark a model cannot answer becomes a skip.
import type { Benchmark } from '../benchmarks/benchmark.ts';
import { getSuite } from '../benchmarks/suites.ts';
import type { Rdm92Candidate } from '../benchmarks/rdm92.ts';
import type { WordModel } from '../models/word-model.ts';
import { InputError } from '../core/input-error.ts';
import { InvalidInputError } from '../measures/errors.ts';
import { sha256Bytes } from './cache-key.ts';
import { outcomeKey, type JobSettings } from './benchmark-job.ts';
import { subjectFor } from './job-subject.ts';
import type { RunResults } from './results.ts';
import type { ModelSpec, SweepSpec } from './sweep-spec.ts';
import { openSubject, type SubjectOptions } from './subjects.ts';

/** One job: a benchmark of a suite, the model that answers it, and the key its outcome is cached (and queued) under. */
export interface PlannedJob {
  key: string;
  suite: string;
  benchmark: Benchmark;
  /** The subject model answering it (the run's model, or recorded answers). */
  model: WordModel;
  /** The sweep's model it was planned for (a worker opens it again from this). */
  spec: ModelSpec;
  settings: JobSettings;
  /** What fixed candidates' keys also depend on (hashes of the user's RDMs). */
  inputs: object;
}

/** A place in the results, in plan order: a job's row, or a benchmark the model cannot answer. */
export type PlannedRow =
  | { kind: 'job'; key: string }
  | { kind: 'skipped'; skipped: RunResults['skipped'][number] }
  | { kind: 'failure'; failure: RunResults['failures'][number] };

/** The plan: the opened models, the distinct jobs, and the rows in order. */
export interface SweepPlan {
  suites: string[];
  models: { spec: ModelSpec; model: WordModel }[];
  jobs: PlannedJob[];
  rows: PlannedRow[];
}

/** Plan `spec`: opens every model (an error names it) and lists the jobs; `modelRdms`: the user's candidate RDMs (local runs only). */
export async function planSweep(spec: SweepSpec, modelOptions: SubjectOptions, modelRdms: readonly Rdm92Candidate[] = []): Promise<SweepPlan> {
  const suites = (spec.suites ?? ['core']).map((id) => getSuite(id));
  const inputs = { modelRdms: modelRdms.map((c) => ({ name: c.name, sha256: sha256Bytes(Float64Array.from(c.rdm)) })) };
  const plan: SweepPlan = { suites: suites.map((s) => s.id), models: [], jobs: [], rows: [] };
  const planned = new Set<string>();
  const recorded = new Map<string, WordModel>();
  for (const modelSpec of spec.models) {
    const runModel = await openSubject({ kind: 'run-model' }, modelSpec.id, { ...modelOptions, pooling: modelSpec.pooling, tower: modelSpec.tower });
    plan.models.push({ spec: modelSpec, model: runModel });
    const settings: JobSettings = { seed: spec.seed ?? 0, bootstrap: spec.bootstrap ?? 1000, layers: modelSpec.layers ?? 'default', transform: spec.transform };
    for (const suite of suites) {
      for (const benchmark of suite.benchmarks({ modelRdms })) {
        const model = await subjectFor(benchmark.subject, runModel, recorded, modelOptions);
        if (!benchmark.supports(model)) {
          const reason = benchmark.skipReason?.(model) ?? `model '${model.id}' cannot answer it`;
          plan.rows.push({ kind: 'skipped', skipped: { benchmark: benchmark.id, reason, ...(spec.models.length > 1 ? { model: runModel.id } : {}) } });
          continue;
        }
        const named = spec.models.length > 1 ? { model: runModel.id } : {};
        let key: string;
        try {
          key = outcomeKey(benchmark, model, settings, inputs);
        } catch (error) {
          // e.g. a data set whose checksum no longer matches: this benchmark fails, the others run
          const input = error instanceof InputError || error instanceof InvalidInputError;
          plan.rows.push({ kind: 'failure', failure: { benchmark: benchmark.id, error: error instanceof Error ? error.message : String(error), ...named, ...(input ? { input: true } : {}) } });
          continue;
        }
        // A benchmark's own candidates do not depend on the model: scored once per sweep, under the settings of
        // the first model that reaches them (models with other --layers would otherwise list them twice).
        const once = benchmark.subject.kind === 'fixed' ? `fixed\u0000${suite.id}\u0000${benchmark.id}` : key;
        if (planned.has(once)) continue;
        planned.add(once);
        plan.jobs.push({ key, suite: suite.id, benchmark, model, spec: modelSpec, settings, inputs });
        plan.rows.push({ kind: 'job', key });
      }
    }
  }
  return plan;
}

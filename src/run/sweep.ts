// Running a sweep: plan it (models opened, jobs keyed), hand the jobs to an executor with progress, and
// gather one results document whose rows follow the plan's order whatever order the outcomes arrive in.
import type { Rdm92Candidate } from '../benchmarks/rdm92.ts';
import { memoryStore } from '../models/answer-store.ts';
import type { JobOutcome } from './benchmark-job.ts';
import { openCache, type Cache } from './cache.ts';
import type { JobExecutor } from './job-executor.ts';
import { localExecutor } from './local-executor.ts';
import { createProgress } from './progress.ts';
import { RESULTS_SCHEMA_VERSION, type RunResults } from './results.ts';
import { scoredOf } from './scored-subject.ts';
import { planSweep, type SweepPlan } from './sweep-plan.ts';
import type { SweepSpec } from './sweep-spec.ts';
import type { SubjectOptions } from './subjects.ts';
import { toolVersion } from './tool-version.ts';

/** How to run a sweep (what to run is the SweepSpec). */
export interface SweepOptions {
  /** Cache folder (default: cacheDirectory()); `false` runs without a cache. */
  cacheDir?: string | false;
  /** Progress output: 'auto' (bar on a TTY, lines otherwise), 'lines', or 'off'. */
  progress?: 'auto' | 'lines' | 'off';
  /** Progress of long model computations (items done, total). */
  onModelProgress?: (done: number, total: number) => void;
  /** The user's candidate RDMs for the 92-image benchmarks (local runs only). */
  modelRdms?: readonly Rdm92Candidate[];
  /** Jobs at once on this machine (default 1); ignored when `executor` is given. */
  concurrency?: number;
  /** Who runs the jobs (default: this process); given the plan and the open cache. */
  executor?: (plan: SweepPlan, cache: Cache | undefined) => JobExecutor;
}

/** Run every model of `spec` on every benchmark of its suites and return one results document. */
export async function runSweep(spec: SweepSpec, options: SweepOptions = {}): Promise<RunResults> {
  if (spec.models.length === 0) throw new RangeError('a sweep needs at least one model');
  const cache = options.cacheDir === false ? undefined : openCache(options.cacheDir);
  try {
    const modelOptions: SubjectOptions = { cacheDir: options.cacheDir, store: cache ?? memoryStore(), offline: spec.offline, onProgress: options.onModelProgress };
    const plan = await planSweep(spec, modelOptions, options.modelRdms);
    const outcomes = new Map<string, JobOutcome>();
    const several = spec.models.length > 1;
    const progress = createProgress({
      total: plan.jobs.length,
      title: several || plan.suites.length > 1 ? `attune sweep: ${spec.models.length} models × ${plan.suites.join(', ')}` : `attune run ${plan.suites[0]}`,
      silent: options.progress === 'off', quiet: options.progress === 'lines' ? true : undefined,
    });
    const executor = options.executor ? options.executor(plan, cache) : localExecutor(cache, options.concurrency);
    try {
      await executor.run(plan.jobs, (job, outcome) => {
        outcomes.set(job.key, outcome);
        const who = several ? ` · ${job.spec.id}` : '';
        const detail = outcome.kind === 'result' ? (outcome.result.cached ? 'cached' : `${outcome.result.seconds.toFixed(1)} s`) : outcome.kind === 'skipped' ? 'skipped' : 'failed';
        progress.step(`${job.benchmark.title}${who}`, detail);
      });
    } finally {
      progress.done();
    }
    return gather(spec, plan, outcomes);
  } finally {
    cache?.close();
  }
}

/** The results document of a finished plan: rows, skips and failures in plan order. */
function gather(spec: SweepSpec, plan: SweepPlan, outcomes: ReadonlyMap<string, JobOutcome>): RunResults {
  const several = spec.models.length > 1;
  const jobs = new Map(plan.jobs.map((j) => [j.key, j]));
  const results: RunResults['results'] = [];
  const failures: RunResults['failures'] = [];
  const skipped: RunResults['skipped'] = [];
  for (const row of plan.rows) {
    if (row.kind === 'skipped') skipped.push(row.skipped);
    else if (row.kind === 'failure') failures.push(row.failure);
    else {
      const outcome = outcomes.get(row.key);
      const job = jobs.get(row.key)!;
      const named = several ? { model: job.spec.id } : {};
      if (outcome === undefined) failures.push({ benchmark: job.benchmark.id, error: 'no outcome came back for this job', ...named });
      else if (outcome.kind === 'result') results.push(outcome.result);
      else if (outcome.kind === 'skipped') skipped.push({ ...outcome.skipped, ...named });
      else failures.push({ ...outcome.failure, ...named });
    }
  }
  const runModels = plan.models.map(({ model }) => scoredOf({ kind: 'run-model' }, model, undefined).model);
  const first = plan.models[0].model;
  return {
    schema: 'attune-results', schema_version: RESULTS_SCHEMA_VERSION,
    tool: { name: 'attune', version: toolVersion() }, created: new Date().toISOString(),
    suite: plan.suites.join('+'), model: runModels[0], seed: spec.seed ?? 0, results, failures, skipped,
    ...(several ? { models: runModels } : {}), ...(plan.suites.length > 1 ? { suites: plan.suites } : {}),
    ...(!several && first.kind === 'rater' ? { usage: first.usage() } : {}),
  };
}

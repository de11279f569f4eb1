// The coordinator's side of a sweep on a queue: one BullMQ job per planned job, its id the outcome's cache key, so
// a sweep run again (or a coordinator started again after Ctrl-C) adds nothing that is there already and re-attaches
// to what is in flight. Outcomes come back as the jobs' return values (JSON); the coordinator learns of them from
// queue events and, because events can be missed while Redis restarts, from a periodic look at the pending jobs.
import { Job, Queue, QueueEvents } from 'bullmq';
import { InputError } from '../../core/input-error.ts';
import { ExternalError } from '../../core/external-error.ts';
import { runBenchmarkJob, type JobOutcome } from '../benchmark-job.ts';
import type { Cache } from '../cache.ts';
import type { JobExecutor } from '../job-executor.ts';
import { fromStorable } from '../storable-json.ts';
import type { PlannedJob, SweepPlan } from '../sweep-plan.ts';
import { DEFAULT_QUEUE_NAME, parseQueueUrl, redactUrl, redisOptions } from './connection.ts';
import { jobMessage, type JobMessage } from './job-message.ts';

/** Attempts of a job whose worker throws (infrastructure trouble: a lost connection, a model download); bad input is never retried. */
export const JOB_ATTEMPTS = 3;
/** How long finished jobs (and so their outcomes) stay on the queue for a coordinator that comes back (seconds). */
export const KEEP_FINISHED_S = 7 * 24 * 3600;
/** How long the coordinator waits for Redis at the start before giving up (ms). */
export const CONNECT_TIMEOUT_MS = 15_000;
/** Jobs looked up at once. */
const CHUNK = 200;

/** How to reach the queue. */
export interface QueueExecutorOptions {
  /** redis:// or rediss:// URL. */
  url: string;
  /** BullMQ queue name (default 'attune'); workers must use the same. */
  queueName?: string;
  /** Progress and trouble lines (default: none). */
  onLine?: (line: string) => void;
  /** How often the pending jobs' states are read, whatever the events say (ms, default 2000). */
  pollMs?: number;
  /** Forbid the network when workers open models. */
  offline?: boolean;
  /** What a bad URL's message names (default '--queue'; ATTUNE_QUEUE when it came from there). */
  urlSource?: string;
  /** How long to wait for Redis at the start before giving up with an ExternalError (ms, default 15000). */
  connectTimeoutMs?: number;
}

/** A queue executor: `executor` is runSweep's executor option; `close` lets go of Redis (a pending run then rejects). */
export function queueExecutor(options: QueueExecutorOptions): { executor: (plan: SweepPlan, cache: Cache | undefined) => JobExecutor; close(): Promise<void> } {
  const connection = redisOptions(parseQueueUrl(options.url, options.urlSource ?? '--queue'));
  const name = options.queueName ?? DEFAULT_QUEUE_NAME;
  const where = `${redactUrl(options.url)} (queue '${name}')`;
  const say = options.onLine ?? (() => undefined);
  const pollMs = options.pollMs ?? 2000;
  const connectTimeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  let opened: { queue: Queue; events: QueueEvents } | undefined;
  let closed = false;
  const wakers = new Set<() => void>();
  let lastTrouble = '';
  const trouble = (error: Error): void => {
    const text = `queue: ${where}: ${error.message}; reconnecting`;
    if (text !== lastTrouble) say(text);
    lastTrouble = text;
  };

  /** The queue and its event stream, connected (ExternalError when Redis does not answer in time). */
  async function open(): Promise<{ queue: Queue; events: QueueEvents }> {
    if (opened) return opened;
    let lastError: Error | undefined;
    const onError = (error: Error): void => {
      lastError = error;
      trouble(error);
    };
    // The queue first, with a deadline: a QueueEvents that never connected cannot be closed (its close waits for the
    // connection), a Queue can.
    const queue = new Queue(name, { connection });
    queue.on('error', onError);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ExternalError(`cannot reach the queue at ${where} within ${connectTimeoutMs / 1000} s${lastError ? ` (${lastError.message})` : ''}; is redis-server running there?`)), connectTimeoutMs);
    });
    try {
      await Promise.race([queue.waitUntilReady(), timeout]);
    } catch (error) {
      await queue.close().catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    const events = new QueueEvents(name, { connection });
    events.on('error', onError);
    opened = { queue, events };
    await events.waitUntilReady();
    return opened;
  }

  async function run(jobs: readonly PlannedJob[], onOutcome: (job: PlannedJob, outcome: JobOutcome) => void, cache: Cache | undefined, plan: SweepPlan): Promise<void> {
    if (closed) throw new Error('this queue executor is closed');
    const pending = new Map<string, PlannedJob>();
    for (const job of jobs) {
      // Outcomes this machine has cached already are read here: they need no queue at all.
      if (cache?.getJson(job.key) !== undefined) onOutcome(job, await runBenchmarkJob(job.benchmark, job.model, job.suite, job.settings, job.inputs, cache));
      else pending.set(job.key, job);
    }
    if (pending.size === 0) return;
    const { queue, events } = await open();
    const several = plan.models.length > 1;
    const label = (job: PlannedJob): string => `${job.benchmark.id}${several ? ` · ${job.spec.id}` : ''}`;
    const hinted = new Set<string>();
    let wake: () => void = () => undefined;
    const hint = ({ jobId }: { jobId: string }): void => {
      if (!pending.has(jobId)) return;
      hinted.add(jobId);
      wake();
    };
    const onStalled = ({ jobId }: { jobId: string }): void => {
      const job = pending.get(jobId);
      if (job) say(`queue: ${label(job)}: its worker stopped answering; the job is back on the queue for another worker`);
    };
    events.on('completed', hint);
    events.on('failed', hint);
    events.on('stalled', onStalled);
    const settle = (job: PlannedJob, outcome: JobOutcome): void => {
      if (!pending.delete(job.key)) return;
      onOutcome(job, outcome);
    };
    try {
      // What is on the queue already: finished outcomes are taken, failures are tried again, the rest is waited for.
      const retried = new Set<string>();
      const missing: PlannedJob[] = [];
      let done = 0;
      let inFlight = 0;
      await inChunks([...pending.values()], async (job) => {
        // the state first, then the job: a job read while active and found completed a moment later has no return value yet
        const state = await queue.getJobState(job.key);
        if (state === 'unknown') return void missing.push(job);
        if (state === 'completed' || state === 'failed') {
          const found = await Job.fromId(queue, job.key);
          if (!found) return void missing.push(job); // removed meanwhile
          const outcome = state === 'completed' ? decodeOutcome(found.returnvalue, job) : undefined;
          if (outcome && outcome.kind !== 'failure') {
            done++;
            return settle(job, outcome);
          }
          // a failure from an earlier sweep is not kept: a local run would compute it again, so the queue does too
          retried.add(job.key);
          await found.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true }).catch((error: Error) => say(`queue: ${label(job)}: cannot retry it (${error.message}); waiting for it`));
        }
        inFlight++;
      });
      await enqueue(queue, missing.map((job) => jobMessage(job, options.offline)));
      say(`queue: ${jobs.length} jobs on ${where}: ${missing.length} added, ${done} done already, ${inFlight} in progress or waiting${retried.size ? ` (${retried.size} failed before: tried again)` : ''}`);
      let lastLook = Date.now();
      while (pending.size > 0) {
        if (hinted.size === 0) {
          // sleep until an event says a pending job finished, or until it is time to look at them all
          let timer: NodeJS.Timeout | undefined;
          await new Promise<void>((resolve) => {
            wake = resolve;
            wakers.add(resolve);
            timer = setTimeout(resolve, Math.max(0, lastLook + pollMs - Date.now()));
          });
          clearTimeout(timer);
          wakers.delete(wake);
        }
        if (closed) throw new Error(`stopped waiting for ${pending.size} jobs on ${where}; they stay there (run the sweep again to collect them)`);
        const lookAtAll = Date.now() >= lastLook + pollMs;
        if (lookAtAll) lastLook = Date.now();
        const keys = lookAtAll ? [...pending.keys()] : [...hinted].filter((k) => pending.has(k));
        hinted.clear();
        try {
          await inChunks(keys.map((k) => pending.get(k)!), async (job) => {
            const state = await queue.getJobState(job.key);
            if (state !== 'unknown' && state !== 'completed' && state !== 'failed') return; // waiting or running
            const found = state === 'unknown' ? undefined : await Job.fromId(queue, job.key);
            if (!found) {
              // gone (removed by hand, or a Redis without persistence restarted): add it again
              say(`queue: ${label(job)}: the job is no longer on the queue; adding it again`);
              await enqueue(queue, [jobMessage(job, options.offline)]);
              return;
            }
            if (state === 'completed') settle(job, decodeOutcome(found.returnvalue, job));
            else if (state === 'failed') settle(job, gaveUp(job, found));
          });
          if (lastTrouble !== '') say(`queue: ${where}: connected again`);
          lastTrouble = '';
        } catch (error) {
          // Redis away for a moment: the next look tries again
          trouble(error as Error);
        }
      }
    } finally {
      events.off('completed', hint);
      events.off('failed', hint);
      events.off('stalled', onStalled);
    }
  }

  return {
    executor(plan, cache) {
      refuseLocalInputs(plan);
      return { run: (jobs, onOutcome) => run(jobs, onOutcome, cache, plan) };
    },
    async close() {
      closed = true;
      for (const w of wakers) w();
      const o = opened;
      opened = undefined;
      if (o) await Promise.allSettled([o.events.close(), o.queue.close()]);
    },
  };
}

/** Add jobs (an id already there is left as it is: BullMQ adds nothing for it). */
async function enqueue(queue: Queue, messages: JobMessage[]): Promise<void> {
  for (let k = 0; k < messages.length; k += CHUNK) {
    await queue.addBulk(messages.slice(k, k + CHUNK).map((message) => ({
      name: message.benchmark,
      data: message,
      opts: {
        jobId: message.key,
        attempts: JOB_ATTEMPTS,
        backoff: { type: 'exponential', delay: 2000 },
        removeOnComplete: { age: KEEP_FINISHED_S },
        removeOnFail: { age: KEEP_FINISHED_S },
      },
    })));
  }
}

/** Run `fn` on every item, CHUNK at a time. */
async function inChunks<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  for (let k = 0; k < items.length; k += CHUNK) await Promise.all(items.slice(k, k + CHUNK).map(fn));
}

/** The outcome a worker returned, checked for its shape; a result keeps this sweep's suite and model id. */
function decodeOutcome(value: unknown, job: PlannedJob): JobOutcome {
  const outcome = fromStorable(value) as JobOutcome;
  const bad = (what: string): JobOutcome => ({ kind: 'failure', failure: { benchmark: job.benchmark.id, error: `${job.spec.id} on ${job.benchmark.id}: a worker returned ${what}, not an outcome` } });
  if (outcome === null || typeof outcome !== 'object') return bad(typeof outcome);
  if (outcome.kind === 'result') {
    const result = outcome.result;
    if (result === null || typeof result !== 'object' || result.benchmark !== job.benchmark.id || typeof result.model !== 'object') return bad('a malformed result');
    // The same key may have been computed for another sweep: same content under another name, or another suite.
    const renamed = result.subject?.kind === 'run-model' && result.model.id !== job.model.id && result.model.revision === job.model.revision;
    return {
      kind: 'result',
      result: { ...result, suite: job.suite, ...(renamed ? { model: { ...result.model, id: job.model.id }, subject: { ...result.subject, label: job.model.id } } : {}) },
    };
  }
  if (outcome.kind === 'skipped' && typeof outcome.skipped?.reason === 'string') return { kind: 'skipped', skipped: { benchmark: job.benchmark.id, reason: outcome.skipped.reason } };
  if (outcome.kind === 'failure' && typeof outcome.failure?.error === 'string') {
    return { kind: 'failure', failure: { benchmark: job.benchmark.id, error: outcome.failure.error, ...(outcome.failure.input === true ? { input: true } : {}) } };
  }
  return bad('something else');
}

/** The failure outcome of a job the workers gave up on (it threw on every attempt, or its payload was refused). */
function gaveUp(job: PlannedJob, found: Job): JobOutcome {
  const reason = found.failedReason || 'no reason given';
  return { kind: 'failure', failure: { benchmark: job.benchmark.id, error: `${job.spec.id} on ${job.benchmark.id}: failed on the queue after ${found.attemptsMade} attempt(s): ${reason}` } };
}

/** The user's --model-rdm files are read on this machine only: a sweep with them cannot go on a queue. */
function refuseLocalInputs(plan: SweepPlan): void {
  const local = plan.jobs.some((job) => ((job.inputs as { modelRdms?: unknown[] }).modelRdms ?? []).length > 0);
  if (local) throw new InputError('--model-rdm files stay on this machine, workers cannot read them; run this sweep without --queue', { file: '--model-rdm' });
}

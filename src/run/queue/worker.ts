// `attune worker`'s engine: a BullMQ worker that takes Attune jobs from the queue, checks each payload, runs the
// same job function as a local sweep (run/benchmark-job.ts) with this machine's own cache, and returns the outcome
// as JSON. Bad input becomes a failure outcome (returned, so never retried); a payload that is not an Attune job
// fails at once (UnrecoverableError); anything else thrown is infrastructure trouble, retried by the queue.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { InputError } from '../../core/input-error.ts';
import { InvalidInputError } from '../../measures/errors.ts';
import { memoryStore } from '../../models/answer-store.ts';
import { outcomeKey, runBenchmarkJob, type JobOutcome } from '../benchmark-job.ts';
import { openCache } from '../cache.ts';
import { toStorable } from '../storable-json.ts';
import { DEFAULT_QUEUE_NAME, parseQueueUrl, redactUrl, redisOptions } from './connection.ts';
import { JobMessageError, parseJobMessage } from './job-message.ts';
import { raterSharing } from './rater-sharing.ts';
import { workerModels } from './worker-models.ts';

/** BullMQ's default lock: a job whose worker has not renewed its lock for this long is handed to another (ms). */
export const DEFAULT_LOCK_MS = 30_000;

/** How a worker runs. */
export interface WorkerOptions {
  /** redis:// or rediss:// URL of the queue. */
  url: string;
  /** Jobs at once (default 1; more pays for API models, which wait on the network). */
  concurrency?: number;
  /** Cache folder (default cacheDirectory()); false: no cache. */
  cacheDir?: string | false;
  /** BullMQ queue name (default 'attune'). */
  queueName?: string;
  /** Lock duration and stalled-check interval (default ATTUNE_QUEUE_LOCK_MS, else 30 s). */
  lockMs?: number;
  /** Progress lines (default: stderr). */
  onLine?: (line: string) => void;
  /** Abort to stop: no new jobs are taken, the ones running finish, then the promise resolves. */
  signal?: AbortSignal;
}

/** Take and run jobs from the queue until `signal` aborts; resolves once the worker has stopped. */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const connection = redisOptions(parseQueueUrl(options.url));
  const say = options.onLine ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const concurrency = options.concurrency ?? 1;
  if (!(Number.isSafeInteger(concurrency) && concurrency >= 1)) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  const lockMs = options.lockMs ?? lockFromEnv();
  const name = options.queueName ?? DEFAULT_QUEUE_NAME;
  if (options.signal?.aborted) return;
  // openai: models on every worker share one request limit and one answer store in the queue's Redis (connects on first use)
  const sharingConnection = new Redis({ ...connection, lazyConnect: true });
  const sharing = raterSharing(sharingConnection);
  const cache = options.cacheDir === false ? undefined : openCache(options.cacheDir);
  const models = workerModels({ cacheDir: options.cacheDir, store: cache ?? memoryStore(), log: (line) => say(`attune worker: ${line}`), sharing });
  // The inputs a fixed candidate's key depends on: a worker has none of the user's --model-rdm files.
  const inputs = { modelRdms: [] };

  const processJob = async (job: Job): Promise<unknown> => {
    let parsed;
    try {
      parsed = parseJobMessage(job.data);
    } catch (error) {
      if (error instanceof JobMessageError) {
        say(`attune worker: refused job ${job.id}: ${error.message}`);
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
    const { message, benchmark } = parsed;
    const label = `${benchmark.id} · ${message.model.id}`;
    say(`attune worker: ${label}: started [${message.key.slice(0, 12)}]`);
    const started = performance.now();
    let outcome: JobOutcome;
    try {
      const subject = await models.subject(benchmark.subject, message.model, message.offline);
      const key = outcomeKey(benchmark, subject, message.settings, inputs);
      if (key !== message.key) {
        outcome = {
          kind: 'failure',
          failure: {
            benchmark: benchmark.id, input: true,
            error: `${message.model.id} on ${benchmark.id}: this worker's model or data differ from the coordinator's (another file at that path, another model revision or data set, or another Attune version): its cache key is ${key.slice(0, 12)}…, the job's ${message.key.slice(0, 12)}…`,
          },
        };
      } else outcome = await runBenchmarkJob(benchmark, subject, message.suite, message.settings, inputs, cache);
    } catch (error) {
      // bad input (a model file missing or malformed on this worker, a data set whose checksum differs) is the job's outcome
      if (!(error instanceof InputError || error instanceof InvalidInputError)) {
        say(`attune worker: ${label}: attempt ${job.attemptsMade + 1} failed: ${(error as Error).message}`);
        throw error;
      }
      outcome = { kind: 'failure', failure: { benchmark: benchmark.id, error: `${message.model.id} on ${benchmark.id}: ${error.message}`, input: true } };
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const detail = outcome.kind === 'result' ? (outcome.result.cached ? 'done (cached)' : `done in ${seconds} s`) : outcome.kind === 'skipped' ? `skipped: ${outcome.skipped.reason}` : `failed: ${outcome.failure.error}`;
    say(`attune worker: ${label}: ${detail} [${message.key.slice(0, 12)}]`);
    return toStorable(outcome);
  };

  const worker = new Worker(name, processJob, {
    connection, concurrency, autorun: false,
    lockDuration: lockMs, stalledInterval: lockMs,
    // a job whose worker died twice is most likely what kills it: it fails instead of going round again
    maxStalledCount: 2,
  });
  let lastTrouble = '';
  worker.on('error', (error) => {
    const text = `attune worker: ${redactUrl(options.url)}: ${error.message}; reconnecting`;
    if (text !== lastTrouble) say(text);
    lastTrouble = text;
  });
  worker.on('ready', () => {
    if (lastTrouble !== '') say(`attune worker: ${redactUrl(options.url)}: connected again`);
    lastTrouble = '';
  });
  const stop = (): void => {
    say('attune worker: stopping: no new jobs; waiting for the running ones to finish');
    void worker.close();
  };
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    say(`attune worker: taking jobs from ${redactUrl(options.url)} (queue '${name}', ${concurrency} at a time, ${cache ? `cache ${cache.path}` : 'no cache'})`);
    await worker.run();
    say('attune worker: stopped');
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await worker.close();
    sharingConnection.disconnect();
    cache?.close();
  }
}

/** The lock from ATTUNE_QUEUE_LOCK_MS (for tests: a killed worker's job is taken over sooner), else DEFAULT_LOCK_MS. */
function lockFromEnv(): number {
  const text = process.env.ATTUNE_QUEUE_LOCK_MS;
  if (text === undefined || text === '') return DEFAULT_LOCK_MS;
  const ms = Number(text);
  if (!Number.isSafeInteger(ms) || ms < 100) throw new InputError(`must be a whole number of milliseconds ≥ 100, got '${text}'`, { file: 'ATTUNE_QUEUE_LOCK_MS' });
  return ms;
}

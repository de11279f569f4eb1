// The queue's four faults, each against a private redis-server and real `attune worker` processes: a worker SIGKILLed
// in the middle of a job, Redis restarted in the middle of a sweep, jobs that fail with bad input, and the coordinator
// interrupted and started again. Each sweep must end with the local sweep's results, every row exactly once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job, Queue } from 'bullmq';
import { queueExecutor } from '../../../src/run/queue/queue-executor.ts';
import { redisOptions, parseQueueUrl } from '../../../src/run/queue/connection.ts';
import type { RunResults } from '../../../src/run/results.ts';
import { runSweep } from '../../../src/run/sweep.ts';
import type { SweepSpec } from '../../../src/run/sweep-spec.ts';
import { comparable } from '../../../test-support/comparable-results.ts';
import { startCoordinatorProcess, startWorkerProcess, type WatchedProcess } from '../../../test-support/queue-processes.ts';
import { startRedisServer, type TestRedisServer } from '../../../test-support/redis-server.ts';
import { coreWords, writeWordVectors } from '../../../test-support/word-vectors-file.ts';

/** Jobs of one model on the core suite. */
const CORE_JOBS = 34;
/** A short lock, so a killed worker's job is taken over within seconds (the longest synchronous stretch of these jobs is ~1.5 s). */
const LOCK_MS = '4000';

let work = '';
let wide: SweepSpec;
let wideLocal: RunResults;
const servers: TestRedisServer[] = [];
const processes: WatchedProcess[] = [];
const savedCacheDir = process.env.ATTUNE_CACHE_DIR;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'attune-queue-faults-'));
  process.env.ATTUNE_CACHE_DIR = join(work, 'cache-local');
  // every word of the core suite's word pairs and norms: Brysbaert's 40,000 words take the worker a second or two
  const vectors = writeWordVectors(join(work, 'wide.vec'), coreWords({ norms: ['glasgow:arousal', 'brysbaert:concreteness', 'kuperman:aoa'] }), 32, 1);
  wide = { models: [{ id: `vectors:${vectors}` }], suites: ['core'], bootstrap: 20 };
  wideLocal = await runSweep(wide, { cacheDir: false, progress: 'off' });
  assert.equal(wideLocal.results.length, CORE_JOBS);
});

after(async () => {
  for (const p of processes) await p.kill();
  for (const s of servers) await s.stop();
  if (savedCacheDir === undefined) delete process.env.ATTUNE_CACHE_DIR;
  else process.env.ATTUNE_CACHE_DIR = savedCacheDir;
  rmSync(work, { recursive: true, force: true });
});

/** A fresh redis-server and `count` workers (own cache folders, short lock) in folder `cwd`. */
async function cluster(name: string, count: number, cwd = work): Promise<{ redis: TestRedisServer; workers: WatchedProcess[] }> {
  const redis = await startRedisServer();
  servers.push(redis);
  const workers = Array.from({ length: count }, (_, k) => {
    const cacheDir = join(work, `${name}-cache-${k}`);
    mkdirSync(cacheDir, { recursive: true });
    const w = startWorkerProcess(redis.url, cwd, cacheDir, [], { ATTUNE_QUEUE_LOCK_MS: LOCK_MS });
    processes.push(w);
    return w;
  });
  return { redis, workers };
}

/** How often each job (by the key prefix in the worker lines) was started, over all workers. */
function startsByJob(workers: readonly WatchedProcess[]): Map<string, number> {
  const starts = new Map<string, number>();
  for (const w of workers) {
    for (const line of w.lines()) {
      const m = /: started \[([0-9a-f]{12})\]$/.exec(line);
      if (m) starts.set(m[1], (starts.get(m[1]) ?? 0) + 1);
    }
  }
  return starts;
}

/** Every row of a one-model sweep exactly once. */
function assertEachBenchmarkOnce(results: RunResults): void {
  const ids = results.results.map((r) => r.benchmark);
  assert.equal(new Set(ids).size, ids.length, 'a benchmark came back twice');
}

test('a worker SIGKILLed in the middle of a job: the other takes the job over once its lock expires, and the sweep completes', async (t) => {
  const { redis, workers } = await cluster('kill', 2);
  const lines: string[] = [];
  const queue = queueExecutor({ url: redis.url, onLine: (l) => lines.push(l), pollMs: 500 });
  t.after(() => queue.close());
  const sweep = runSweep(wide, { cacheDir: false, progress: 'off', executor: queue.executor });
  const started = /norms:brysbaert:concreteness · .*: started \[/;
  const victim = await Promise.any(workers.map((w) => w.waitForLine(started).then(() => w)));
  await victim.kill();
  const survivor = workers.find((w) => w !== victim)!;
  const results = await sweep;

  assert.ok(!victim.lines().some((l) => /norms:brysbaert:concreteness · .*: done/.test(l)), 'the victim was killed before it finished the job');
  assert.ok(survivor.lines().some((l) => /norms:brysbaert:concreteness · .*: done in/.test(l)), `the survivor did the job:\n${survivor.lines().join('\n')}`);
  assert.ok(lines.some((l) => /norms:brysbaert:concreteness: its worker stopped answering/.test(l)), `the coordinator saw the job stall:\n${lines.join('\n')}`);
  assertEachBenchmarkOnce(results);
  assert.deepEqual(comparable(results), comparable(wideLocal));
});

test('Redis restarted in the middle of a sweep: coordinator and workers reconnect and the sweep completes', async (t) => {
  const { redis, workers } = await cluster('restart', 2);
  const queue = queueExecutor({ url: redis.url, pollMs: 500 });
  t.after(() => queue.close());
  let outcomes = 0;
  let restarting: Promise<void> | undefined;
  let afterRestart = 0;
  const results = await runSweep(wide, {
    cacheDir: false, progress: 'off',
    executor: (plan, cache) => {
      const inner = queue.executor(plan, cache);
      return {
        run: (jobs, onOutcome) => inner.run(jobs, (job, outcome) => {
          outcomes++;
          if (restarting) afterRestart++;
          if (outcomes === 3) restarting = redis.restart();
          onOutcome(job, outcome);
        }),
      };
    },
  });
  await restarting;
  assert.ok(restarting, 'the server was restarted');
  assert.ok(afterRestart > 0, 'outcomes came back after the restart');
  t.diagnostic(`${afterRestart} of ${outcomes} outcomes came after the restart`);
  for (const w of workers) t.diagnostic(`worker: ${w.lines().filter((l) => /reconnecting|connected again/.test(l)).join(' | ') || 'no connection lines'}`);
  assertEachBenchmarkOnce(results);
  assert.deepEqual(comparable(results), comparable(wideLocal));
  // no job ran twice for it
  for (const [key, n] of startsByJob(workers)) assert.equal(n, 1, `job ${key} started ${n} times`);
});

test('jobs that fail with bad input are not retried; the coordinator names model and benchmark and writes the other results', async () => {
  // `narrow` covers only MC-30's words; `vectors:same.vec` names a different file on the workers than on the coordinator
  const coordinatorDir = join(work, 'coordinator');
  const workerDir = join(work, 'workers');
  mkdirSync(coordinatorDir);
  mkdirSync(workerDir);
  const narrow = writeWordVectors(join(work, 'narrow.vec'), coreWords({ sets: ['mc30'] }), 8, 5);
  const few = coreWords({ sets: ['simlex999', 'men3000', 'ws353'] });
  writeWordVectors(join(coordinatorDir, 'same.vec'), few, 8, 1);
  writeWordVectors(join(workerDir, 'same.vec'), few, 8, 2);
  const spec: SweepSpec = { models: [{ id: `vectors:${narrow}` }, { id: 'vectors:same.vec' }], suites: ['core'], bootstrap: 20 };
  const specFile = join(work, 'bad-input.json');
  writeFileSync(specFile, JSON.stringify(spec));
  const narrowLocal = await runSweep({ ...spec, models: [spec.models[0]] }, { cacheDir: false, progress: 'off' });

  const { redis, workers } = await cluster('bad-input', 2, workerDir);
  const out = join(work, 'bad-input-results.json');
  const coordinator = startCoordinatorProcess(redis.url, coordinatorDir, specFile, out);
  processes.push(coordinator);
  assert.equal(await coordinator.exited, 0, coordinator.lines().join('\n'));
  const results = JSON.parse(readFileSync(out, 'utf8')) as RunResults;

  // the narrow model: the same refusals as a local run, each naming model and benchmark
  const narrowFailures = results.failures.filter((f) => f.model === `vectors:${narrow}`);
  assert.deepEqual(narrowFailures.map((f) => f.benchmark), narrowLocal.failures.map((f) => f.benchmark));
  assert.ok(narrowFailures.length >= 5);
  narrowFailures.forEach((f, k) => {
    assert.equal(f.input, true);
    assert.equal(f.error, narrowLocal.failures[k].error);
    assert.ok(f.error.includes(`'vectors:${narrow}' covers `), f.error);
  });
  // the model that differs on the workers: every job of its own refused, as input
  const differing = results.failures.filter((f) => f.model === 'vectors:same.vec');
  assert.equal(differing.length, CORE_JOBS - 11, 'all but the 11 recorded-answer jobs (shared with the first model)');
  for (const f of differing) {
    assert.equal(f.input, true);
    assert.match(f.error, new RegExp(`^vectors:same\\.vec on ${f.benchmark}: this worker's model or data differ from the coordinator's`));
  }
  // the other results are there: the narrow model's own (as locally) and the recorded answers
  assert.deepEqual((comparable(results) as RunResults).results, (comparable(narrowLocal) as RunResults).results);

  // each job processed once: one start in the workers' lines, one attempt on the queue, finished as 'completed'
  const starts = startsByJob(workers);
  assert.equal(starts.size, CORE_JOBS + CORE_JOBS - 11);
  for (const [key, n] of starts) assert.equal(n, 1, `job ${key} started ${n} times`);
  const queue = new Queue('attune', { connection: redisOptions(parseQueueUrl(redis.url)) });
  try {
    const completed = await queue.getJobs(['completed']);
    assert.equal(completed.length, starts.size);
    assert.deepEqual(await queue.getJobCounts('failed', 'waiting', 'delayed', 'active'), { failed: 0, waiting: 0, delayed: 0, active: 0, paused: 0 });
    for (const job of completed) assert.equal(job.attemptsStarted, 1, `${job.name}: ${job.attemptsStarted} attempts`);
    const one = await Job.fromId(queue, completed[0].id!);
    assert.equal(one?.id, completed[0].id);
  } finally {
    await queue.close();
  }
});

test('the coordinator interrupted and started again re-attaches to the jobs and recomputes nothing', async (t) => {
  const { redis, workers } = await cluster('reattach', 1);
  const specFile = join(work, 'wide.json');
  writeFileSync(specFile, JSON.stringify(wide));
  const out = join(work, 'reattach-results.json');
  const first = startCoordinatorProcess(redis.url, work, specFile, out);
  processes.push(first);
  await first.waitForLine(/^attune: \[1\/34\] /);
  await first.kill('SIGINT');
  assert.equal(await first.exited, 'SIGINT');

  const second = startCoordinatorProcess(redis.url, work, specFile, out);
  processes.push(second);
  assert.equal(await second.exited, 0, second.lines().join('\n'));
  const summary = second.lines().find((l) => l.startsWith('queue: '));
  assert.match(summary ?? '', /^queue: 34 jobs on .*: 0 added, (\d+) done already, (\d+) in progress or waiting$/);
  t.diagnostic(`the second coordinator: ${summary}`);
  const results = JSON.parse(readFileSync(out, 'utf8')) as RunResults;
  assertEachBenchmarkOnce(results);
  assert.deepEqual(comparable(results), comparable(wideLocal));
  const starts = startsByJob(workers);
  assert.equal(starts.size, CORE_JOBS);
  for (const [key, n] of starts) assert.equal(n, 1, `job ${key} started ${n} times`);
});

// The coordinator's own cases, with workers in this process: jobs the workers gave up on become failures naming model
// and benchmark; the same sweep run again tries them again and gets the local sweep's results; a Redis that does not
// answer is an ExternalError; --model-rdm files cannot go on a queue.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnrecoverableError, Worker } from 'bullmq';
import { ExternalError } from '../../../src/core/external-error.ts';
import { InputError } from '../../../src/core/input-error.ts';
import { parseQueueUrl, redisOptions } from '../../../src/run/queue/connection.ts';
import { queueExecutor } from '../../../src/run/queue/queue-executor.ts';
import { runWorker } from '../../../src/run/queue/worker.ts';
import type { PlannedJob, SweepPlan } from '../../../src/run/sweep-plan.ts';
import { runSweep } from '../../../src/run/sweep.ts';
import type { SweepSpec } from '../../../src/run/sweep-spec.ts';
import { comparable } from '../../../test-support/comparable-results.ts';
import { startRedisServer, type TestRedisServer } from '../../../test-support/redis-server.ts';
import { coreWords, writeWordVectors } from '../../../test-support/word-vectors-file.ts';

let work = '';
let redis: TestRedisServer;
before(async () => {
  work = mkdtempSync(join(tmpdir(), 'attune-queue-executor-'));
  redis = await startRedisServer();
});
after(async () => {
  await redis.stop();
  rmSync(work, { recursive: true, force: true });
});

test('jobs the workers gave up on are failures naming model and benchmark; run again, they are tried again', async () => {
  const a = writeWordVectors(join(work, 'a.vec'), coreWords({ sets: ['rg65', 'mc30'] }), 8, 1);
  const b = writeWordVectors(join(work, 'b.vec'), coreWords({ sets: ['rg65', 'mc30'] }), 8, 2);
  const spec: SweepSpec = { models: [{ id: `vectors:${a}` }, { id: `vectors:${b}` }], suites: ['core'], bootstrap: 20 };
  const local = await runSweep(spec, { cacheDir: false, progress: 'off' });

  // a worker that fails every job for good (as one of another Attune version would refuse the payload)
  const broken = new Worker('attune', async () => {
    throw new UnrecoverableError('simulated: this worker cannot run it');
  }, { connection: redisOptions(parseQueueUrl(redis.url)) });
  const lines: string[] = [];
  const first = queueExecutor({ url: redis.url, pollMs: 200, onLine: (l) => lines.push(l) });
  let failed;
  try {
    failed = await runSweep(spec, { cacheDir: false, progress: 'off', executor: first.executor });
  } finally {
    await broken.close();
    await first.close();
  }
  assert.equal(failed.results.length, 0);
  const jobs = local.results.length + local.failures.length;
  assert.equal(failed.failures.length, jobs);
  for (const f of failed.failures) {
    assert.ok(f.model === `vectors:${a}` || f.model === `vectors:${b}`);
    assert.equal(f.input, undefined, 'not bad input: the queue failed it');
    assert.equal(f.error, `${f.model} on ${f.benchmark}: failed on the queue after 1 attempt(s): simulated: this worker cannot run it`);
  }
  assert.match(lines[0], new RegExp(`: ${jobs} added, 0 done already`));

  // the same sweep again, now with a real worker: every failed job is tried again
  const stop = new AbortController();
  const worker = runWorker({ url: redis.url, cacheDir: false, signal: stop.signal, onLine: () => undefined });
  const again: string[] = [];
  const second = queueExecutor({ url: redis.url, pollMs: 200, onLine: (l) => again.push(l) });
  try {
    const results = await runSweep(spec, { cacheDir: false, progress: 'off', executor: second.executor });
    assert.deepEqual(comparable(results), comparable(local));
  } finally {
    await second.close();
    stop.abort();
    await worker;
  }
  assert.match(again[0], new RegExp(`: 0 added, 0 done already, ${jobs} in progress or waiting \\(${jobs} failed before: tried again\\)$`));
});

test('a Redis that does not answer: an ExternalError naming the queue, after the connect timeout', async () => {
  // a port that accepts nothing: bound, then closed
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  const lines: string[] = [];
  const queue = queueExecutor({ url: `redis://:secret@127.0.0.1:${port}`, connectTimeoutMs: 1000, onLine: (l) => lines.push(l) });
  try {
    const vectors = writeWordVectors(join(work, 'c.vec'), coreWords({ sets: ['mc30'] }), 4, 3);
    await assert.rejects(runSweep({ models: [{ id: `vectors:${vectors}` }], bootstrap: 20 }, { cacheDir: false, progress: 'off', executor: queue.executor }), (e: unknown) => {
      assert.ok(e instanceof ExternalError);
      assert.match(e.message, new RegExp(`^cannot reach the queue at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port} \\(queue 'attune'\\) within 1 s \\(.*ECONNREFUSED.*\\); is redis-server running there\\?$`));
      return true;
    });
  } finally {
    await queue.close();
  }
  assert.ok(lines.every((l) => !l.includes('secret')));
});

test('a sweep with --model-rdm files is refused before anything is queued', () => {
  const job = { inputs: { modelRdms: [{ name: 'mine', sha256: '0'.repeat(64) }] } } as unknown as PlannedJob;
  const plan: SweepPlan = { suites: ['literature'], models: [], jobs: [job], rows: [] };
  const queue = queueExecutor({ url: redis.url });
  assert.throws(() => queue.executor(plan, undefined), (e: unknown) => e instanceof InputError && e.file === '--model-rdm' && /run this sweep without --queue/.test(e.message));
});

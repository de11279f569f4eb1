// `attune worker`: usage errors exit 2 before touching Redis; against a private redis-server it refuses a payload
// that is not an Attune job at once (one attempt, though the job allows three), and SIGTERM stops it cleanly (exit 0).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { parseQueueUrl, redisOptions } from '../../src/run/queue/connection.ts';
import { attune } from '../../test-support/run-cli.ts';
import { startWorkerProcess, type WatchedProcess } from '../../test-support/queue-processes.ts';
import { startRedisServer, type TestRedisServer } from '../../test-support/redis-server.ts';

const work = mkdtempSync(join(tmpdir(), 'attune-worker-cli-'));
let redis: TestRedisServer | undefined;
let worker: WatchedProcess | undefined;
after(async () => {
  await worker?.kill();
  await redis?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('usage: --help, a missing or bad --queue, a bad --concurrency', async () => {
  const help = await attune(['worker', '--help'], work);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: attune worker --queue URL \[--concurrency N\] \[--no-cache\]/);
  const cases: [string[], RegExp][] = [
    [['worker'], /needs --queue redis:\/\/host:port \(or ATTUNE_QUEUE\)/],
    [['worker', '--queue', 'http://127.0.0.1:6379'], /^--queue: the scheme must be redis: or rediss:, not http:/],
    [['worker', '--queue', 'redis://u:hunter2@127.0.0.1:6379/db'], /^--queue: the path names a database number/],
    [['worker', '--queue', 'redis://127.0.0.1:1', '--concurrency', '0'], /--concurrency must be an integer ≥ 1, got '0'/],
    [['worker', '--queue', 'redis://127.0.0.1:1', 'extra'], /unexpected argument 'extra'/],
    [['worker', '--queue', 'redis://127.0.0.1:1', '--concurency', '2'], /unknown option '--concurency'/],
  ];
  for (const [args, message] of cases) {
    const r = await attune(args, work);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /hunter2/);
  }
});

test('a payload that is not an Attune job fails at once without retry; SIGTERM stops the worker with exit 0', async () => {
  redis = await startRedisServer();
  worker = startWorkerProcess(redis.url, work, join(work, 'cache'));
  await worker.waitForLine(/^attune worker: taking jobs from redis:\/\/127\.0\.0\.1:\d+ \(queue 'attune', 1 at a time, cache /);
  const connection = redisOptions(parseQueueUrl(redis.url));
  const queue = new Queue('attune', { connection });
  const events = new QueueEvents('attune', { connection });
  try {
    await events.waitUntilReady();
    const job = await queue.add('wordsim:simlex999', { schema: 'attune-job', version: 1, run: 'require("child_process")' }, { attempts: 3, backoff: 10 });
    await job.waitUntilFinished(events).then(
      () => assert.fail('the job completed'),
      (error: Error) => assert.match(error.message, /^not an Attune job: the payload has an unknown field 'run'/),
    );
    const failed = await queue.getJob(job.id!);
    assert.equal(await failed!.getState(), 'failed');
    assert.equal(failed!.attemptsMade, 1);
    assert.equal(failed!.attemptsStarted, 1);
    assert.ok(worker.lines().some((l) => l === `attune worker: refused job ${job.id}: not an Attune job: the payload has an unknown field 'run'`), worker.lines().join('\n'));
  } finally {
    await events.close();
    await queue.close();
  }
  worker.child.kill('SIGTERM');
  assert.equal(await worker.exited, 0);
  assert.deepEqual(worker.lines().slice(-2), ['attune worker: stopping: no new jobs; waiting for the running ones to finish', 'attune worker: stopped']);
});

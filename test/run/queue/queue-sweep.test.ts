// A sweep on the queue gives the local sweep's results, value for value: three models (a vectors file written here,
// glove, a tiny hf: BERT) over the core suite, run once in this process and once by two `attune worker` processes
// (each with its own cache) through a private redis-server; only timings, cache flags and the creation time differ.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gloveCachePath } from '../../../src/models/glove.ts';
import { queueExecutor } from '../../../src/run/queue/queue-executor.ts';
import type { RunResults } from '../../../src/run/results.ts';
import { runSweep } from '../../../src/run/sweep.ts';
import type { SweepSpec } from '../../../src/run/sweep-spec.ts';
import { startWorkerProcess, type WatchedProcess } from '../../../test-support/queue-processes.ts';
import { startRedisServer, type TestRedisServer } from '../../../test-support/redis-server.ts';
import { buildTinyBert } from '../../../test-support/tiny-models/tiny-bert.ts';
import { coreWords, writeWordVectors } from '../../../test-support/word-vectors-file.ts';
import { comparable } from '../../../test-support/comparable-results.ts';

let work = '';
let redis: TestRedisServer | undefined;
const workers: WatchedProcess[] = [];
const savedCacheDir = process.env.ATTUNE_CACHE_DIR;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'attune-queue-sweep-'));
  // the local run's model conversions (glove, the hf: model) go here, not to the user's cache
  process.env.ATTUNE_CACHE_DIR = join(work, 'cache-local');
});
after(async () => {
  for (const w of workers) await w.kill();
  await redis?.stop();
  if (savedCacheDir === undefined) delete process.env.ATTUNE_CACHE_DIR;
  else process.env.ATTUNE_CACHE_DIR = savedCacheDir;
  rmSync(work, { recursive: true, force: true });
});

test('three models × core on two worker processes: results equal the local sweep value for value', async (t) => {
  const vectors = writeWordVectors(join(work, 'words.vec'), coreWords({ norms: ['glasgow:arousal'] }), 16, 1);
  const bert = buildTinyBert(join(work, 'tiny-bert'), { seed: 1 }).dir;
  const spec: SweepSpec = { models: [{ id: `vectors:${vectors}` }, { id: 'glove' }, { id: `hf:${bert}` }], suites: ['core'], bootstrap: 20, seed: 3 };

  const local = await runSweep(spec, { cacheDir: false, progress: 'off' });
  assert.equal(local.failures.length, 0, JSON.stringify(local.failures));
  assert.deepEqual(local.models?.map((m) => m.id), spec.models.map((m) => m.id));

  redis = await startRedisServer();
  for (const k of [0, 1]) {
    const cacheDir = join(work, `cache-worker-${k}`);
    // the converted GloVe file only (13 s to make; no results): each worker's result cache starts empty
    mkdirSync(join(cacheDir, 'models'), { recursive: true });
    copyFileSync(gloveCachePath(join(work, 'cache-local')), gloveCachePath(cacheDir));
    workers.push(startWorkerProcess(redis.url, work, cacheDir));
  }
  const lines: string[] = [];
  const queue = queueExecutor({ url: redis.url, onLine: (l) => lines.push(l), pollMs: 500 });
  let queued: RunResults;
  try {
    queued = await runSweep(spec, { cacheDir: false, progress: 'off', executor: queue.executor });
  } finally {
    await queue.close();
  }

  assert.deepEqual(comparable(queued), comparable(local));
  // every row computed once, by one of the two workers, each of which took a share
  const rows = queued.results.map((r) => `${r.benchmark} ${r.model.id}`);
  assert.equal(new Set(rows).size, rows.length);
  assert.ok(queued.results.every((r) => !r.cached));
  const done = workers.map((w) => w.lines().filter((l) => / done in /.test(l)).length);
  t.diagnostic(`jobs done by each worker: ${done.join(', ')} (${queued.results.length} rows)`);
  assert.equal(done[0] + done[1], new Set(queued.results.map((r) => JSON.stringify([r.benchmark, r.model.revision]))).size);
  assert.ok(done[0] > 0 && done[1] > 0, 'both workers took jobs');
  assert.match(lines[0], /^queue: \d+ jobs on redis:\/\/127\.0\.0\.1:\d+ \(queue 'attune'\): \d+ added, 0 done already/);
});

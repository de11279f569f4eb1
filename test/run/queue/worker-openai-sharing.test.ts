// `attune worker`s running openai: jobs share the queue's request limit and answer store: two workers of two jobs at
// a time stay within ATTUNE_OPENAI_CONCURRENCY together, and fresh workers with empty caches ask only what no
// earlier job was answered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { memoryStore } from '../../../src/models/answer-store.ts';
import { queueExecutor } from '../../../src/run/queue/queue-executor.ts';
import { RATER_SHARING_PREFIX } from '../../../src/run/queue/rater-sharing.ts';
import { runWorker } from '../../../src/run/queue/worker.ts';
import { planSweep, type PlannedJob } from '../../../src/run/sweep-plan.ts';
import { startFakeServer, type FakeServer } from '../../../test-support/fake-openai-server.ts';
import { startRedisServer, type TestRedisServer } from '../../../test-support/redis-server.ts';

const DATA = fileURLToPath(new URL('../../../data/', import.meta.url));
const QUEUE = 'attune-openai-sharing-test';
let redis: TestRedisServer;
let fake: FakeServer;
const folders: string[] = [];
before(async () => {
  redis = await startRedisServer();
  fake = await startFakeServer({ delayMs: 5 });
  Object.assign(process.env, { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.baseURL, ATTUNE_OPENAI_CONCURRENCY: '2' });
});
after(async () => {
  await fake.close();
  await redis.stop();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** The word pairs of a word-similarity file as the fake server logs them ('a|b'), read here from the data file. */
function pairsOf(file: string): Set<string> {
  const rows = readFileSync(join(DATA, file), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  return new Set(rows.map((l) => l.split('\t').slice(0, 2).join('|')));
}

/** Run `jobs` on two fresh workers (each with an empty cache of its own, two jobs at a time), then stop them. */
async function runOnTwoWorkers(jobs: PlannedJob[], plan: Awaited<ReturnType<typeof planSweep>>): Promise<string[]> {
  const stop = new AbortController();
  const workers = [0, 1].map(() => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'attune-worker-cache-'));
    folders.push(cacheDir);
    return runWorker({ url: redis.url, queueName: QUEUE, concurrency: 2, cacheDir, signal: stop.signal, onLine: () => undefined });
  });
  const queue = queueExecutor({ url: redis.url, queueName: QUEUE });
  const outcomes: string[] = [];
  try {
    await queue.executor(plan, undefined).run(jobs, (job, outcome) => outcomes.push(`${job.benchmark.id}:${outcome.kind}`));
  } finally {
    stop.abort();
    await Promise.all(workers);
    await queue.close();
  }
  return outcomes.sort();
}

test('two workers share one limit of 2 requests; fresh workers ask only the pairs no earlier job was answered', async () => {
  const plan = await planSweep({ models: [{ id: 'openai:test-model' }], suites: ['core'], bootstrap: 20 }, { store: memoryStore(), cacheDir: false });
  const pick = (...ids: string[]): PlannedJob[] => ids.map((id) => {
    const job = plan.jobs.find((j) => j.benchmark.id === `wordsim:${id}`);
    assert.ok(job, id);
    return job;
  });

  const first = await runOnTwoWorkers(pick('rg65', 'ws353-sim', 'mc30'), plan);
  assert.deepEqual(first, ['wordsim:mc30:result', 'wordsim:rg65:result', 'wordsim:ws353-sim:result']);
  const asked = new Set(fake.log.map((e) => e.item));
  const known = new Set([...pairsOf('rg65/EN-RG-65.txt'), ...pairsOf('wordsim353/EN-WS-353-SIM.txt'), ...pairsOf('word_similarity_other/EN-MC-30.txt')]);
  assert.deepEqual([...asked].sort(), [...known].sort());
  // Locally each worker's rater could have 2 requests open, 4 in all; the shared limit keeps them to 2.
  assert.equal(fake.maxActive, 2);
  const connection = new Redis(redis.url);
  try {
    assert.equal(await connection.hlen(`${RATER_SHARING_PREFIX}:answers`), known.size);
    assert.equal(await connection.zcard(`${RATER_SHARING_PREFIX}:slots`), 0, 'every slot released');
  } finally {
    await connection.quit();
  }

  // WordSim-353's relatedness subset shares pairs with its similarity subset: two new workers with empty caches ask only the rest, each once.
  const before = fake.log.length;
  assert.deepEqual(await runOnTwoWorkers(pick('ws353-rel'), plan), ['wordsim:ws353-rel:result']);
  const relatedness = pairsOf('wordsim353/EN-WS-353-REL.txt');
  const fresh = [...relatedness].filter((p) => !known.has(p));
  assert.ok(fresh.length > 0 && fresh.length < relatedness.size, `${fresh.length} new pairs of ${relatedness.size}`);
  assert.deepEqual(fake.log.slice(before).map((e) => e.item).sort(), fresh.sort());
});

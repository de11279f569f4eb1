// `--queue` on the command line: `attune run --queue URL` and `attune sweep FILE` with ATTUNE_QUEUE coordinate an
// `attune worker` over a private redis-server and write the local run's results, value for value; without a queue the
// verbs never load the queue's modules (bullmq and ioredis made unresolvable, the run still works).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { attune, scratch } from '../../test-support/run-cli.ts';
import { comparable } from '../../test-support/comparable-results.ts';
import { writeTwentyWordVectors } from '../../test-support/word-vectors-file.ts';
import { startWorkerProcess } from '../../test-support/queue-processes.ts';
import { startRedisServer } from '../../test-support/redis-server.ts';

interface Results { results: { benchmark: string; seconds?: number; cached?: boolean }[]; created?: string }

test('attune run --queue and attune sweep with ATTUNE_QUEUE: a worker runs the jobs, results.json equals the local run; no queue, no bullmq', { timeout: 300_000 }, async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  writeTwentyWordVectors(join(dir, 'words20.vec'));
  const args = ['--model', 'vectors:words20.vec', '--bootstrap', '20', '--no-png', '--json'];

  // Without --queue, with bullmq, ioredis and src/run/queue/ unresolvable: the run works as ever.
  writeFileSync(join(dir, 'forbid-queue-hooks.mjs'), [
    'export async function resolve(specifier, context, next) {',
    "  if (/^(bullmq|ioredis)(\\/|$)/.test(specifier) || /run\\/queue\\//.test(specifier)) throw new Error(`forbidden module: ${specifier}`);",
    '  return next(specifier, context);',
    '}',
  ].join('\n'));
  writeFileSync(join(dir, 'forbid-queue.mjs'), "import { register } from 'node:module';\nregister('./forbid-queue-hooks.mjs', import.meta.url);\n");
  const forbid = { NODE_OPTIONS: `--import=${pathToFileURL(join(dir, 'forbid-queue.mjs')).href}`, ATTUNE_CACHE_DIR: join(dir, 'cache-local') };
  const local = await attune(['run', ...args, '--out', 'local'], dir, forbid);
  assert.equal(local.code, 2, local.stderr); // the 20 words cover too few pairs of some sets: input failures
  const expected = JSON.parse(local.stdout) as Results;
  assert.ok(expected.results.length > 10);
  // The hook bites: asked for a queue, the same process cannot load it.
  const refused = await attune(['run', ...args, '--queue', 'redis://127.0.0.1:9', '--out', 'refused'], dir, forbid);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /forbidden module: .*queue-executor/);

  const redis = await startRedisServer();
  t.after(() => redis.stop());
  const worker = startWorkerProcess(redis.url, dir, join(dir, 'cache-worker'));
  t.after(() => worker.kill());
  // The coordinator has a cache of its own, empty: every job is the worker's.
  const queued = await attune(['run', ...args, '--queue', redis.url, '--out', 'queued'], dir, { ATTUNE_CACHE_DIR: join(dir, 'cache-coordinator') });
  assert.equal(queued.code, 2, queued.stderr);
  const got = JSON.parse(queued.stdout) as Results;
  assert.deepEqual(comparable(got), comparable(expected));
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'queued', 'results.json'), 'utf8')), got);

  // attune sweep with the queue from ATTUNE_QUEUE: the same jobs, already on the queue, come back as they are.
  writeFileSync(join(dir, 'sweep.yaml'), 'models: [vectors:words20.vec]\nbootstrap: 20\n');
  const swept = await attune(['sweep', 'sweep.yaml', '--no-png', '--json', '--out', 'swept'], dir, { ATTUNE_CACHE_DIR: join(dir, 'cache-coordinator-2'), ATTUNE_QUEUE: redis.url });
  assert.equal(swept.code, 2, swept.stderr);
  assert.deepEqual(comparable(JSON.parse(swept.stdout) as Results), comparable(expected));
  // --concurrency is the local pool's: refused with a queue, before anything runs.
  const both = await attune(['run', ...args, '--queue', redis.url, '--concurrency', '2', '--out', 'both'], dir, {});
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--concurrency sets this machine's pool; with --queue each worker's own --concurrency applies/);
  const badUrl = await attune(['run', ...args, '--out', 'bad'], dir, { ATTUNE_QUEUE: 'http://127.0.0.1:9' });
  assert.equal(badUrl.code, 2);
  assert.match(badUrl.stderr, /^ATTUNE_QUEUE: the scheme must be redis: or rediss:, not http:/m);
});

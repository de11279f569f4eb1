// The Redis-backed sharing of openai: raters across workers, on a private redis-server: one concurrency limit
// and one rate over separate processes and connections, leases that a killed holder loses, and answers asked once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { InputError } from '../../../src/core/input-error.ts';
import { memoryStore } from '../../../src/models/answer-store.ts';
import { createOpenAiRater } from '../../../src/models/openai/rater.ts';
import type { RaterSharing } from '../../../src/models/openai/sharing.ts';
import { raterSharing } from '../../../src/run/queue/rater-sharing.ts';
import { redisAnswers } from '../../../src/run/queue/redis-answers.ts';
import type { ChildTask } from '../../../test-support/rater-sharing-child.ts';
import { serverPool, type FakeServer } from '../../../test-support/fake-openai-server.ts';
import { startRedisServer, type TestRedisServer } from '../../../test-support/redis-server.ts';

const CHILD = fileURLToPath(new URL('../../../test-support/rater-sharing-child.ts', import.meta.url));
const fakeServer = serverPool(after);
let redis: TestRedisServer;
const connections: Redis[] = [];
before(async () => {
  redis = await startRedisServer();
});
after(async () => {
  await Promise.all(connections.map((c) => c.quit().catch(() => undefined)));
  await redis.stop();
});

function connect(): Redis {
  const c = new Redis(redis.url);
  connections.push(c);
  return c;
}
function rater(s: FakeServer, sharing: RaterSharing | undefined, concurrency = 4) {
  return createOpenAiRater({ model: 'test-model', baseURL: s.baseURL, apiKey: 'test-key', store: memoryStore(), concurrency, timeoutMs: 10_000, maxRetries: 0, ...(sharing ? { sharing } : {}) });
}
const words = (tag: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${tag}${i}`);

/** A child process (test-support/rater-sharing-child.ts) that has printed 'ready'; `go()` starts it. */
interface Child {
  process: ChildProcess;
  go(): void;
  /** Resolves with the first stdout line after 'ready' (rate: its JSON; hold: 'held'). */
  next: Promise<string>;
  exited: Promise<number | null>;
}
async function child(task: ChildTask): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(task)], { stdio: ['pipe', 'pipe', 'pipe'] });
  after(() => void (proc.exitCode === null && proc.signalCode === null && proc.kill('SIGKILL')));
  let stderr = '';
  proc.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  proc.stdout!.setEncoding('utf8').on('data', (s: string) => {
    buffer += s;
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      lines.push(buffer.slice(0, i));
      buffer = buffer.slice(i + 1);
      waiters.splice(0).forEach((w) => w());
    }
  });
  const line = (n: number): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (lines.length > n) resolve(lines[n]);
        else waiters.push(check);
      };
      check();
      void exited.then((code) => lines.length <= n && reject(new Error(`child exited (${code}) before line ${n + 1}; stderr:\n${stderr}`)));
    });
  assert.equal(await line(0), 'ready');
  return { process: proc, go: () => proc.stdin!.write('go\n'), next: line(1), exited };
}

test('three worker processes with local concurrency 4 each never have more than the shared 3 requests open; a fourth asks nothing already answered', async () => {
  const s = await fakeServer({ delayMs: 60 });
  const sets = [words('a', 10), words('b', 10), words('c', 10)];
  const sharing = { prefix: 'test:concurrency', concurrency: 3 };
  const children = await Promise.all(sets.map((w) => child({ mode: 'rate', redisUrl: redis.url, sharing, baseURL: s.baseURL, words: w, localConcurrency: 4 })));
  children.forEach((c) => c.go());
  const results = (await Promise.all(children.map((c) => c.next))).map((l) => JSON.parse(l) as { values: number[]; cached: boolean[]; usage: { requests: number } });
  assert.equal(s.log.length, 30);
  assert.equal(s.maxActive, 3, 'the shared limit, reached but not exceeded');
  assert.deepEqual(results.map((r) => r.usage.requests), [10, 10, 10]);
  // The same raters without sharing, in one process, open more than 3 at once at the same server: the bound above is the limit's doing.
  const control = await fakeServer({ delayMs: 60 });
  const unshared = await Promise.all(sets.map((w) => rater(control, undefined).rateWords(w, 'glasgow:valence')));
  assert.ok(control.maxActive > 3, `unshared: ${control.maxActive} at once`);
  assert.deepEqual(results.map((r) => r.values), unshared.map((a) => a.map((x) => x.value)));

  // Another process with an empty local store asks for all 30 words: every answer is in Redis, none is asked again.
  const late = await child({ mode: 'rate', redisUrl: redis.url, sharing, baseURL: s.baseURL, words: sets.flat() });
  late.go();
  const lateResult = JSON.parse(await late.next) as { values: number[]; cached: boolean[]; usage: { requests: number; cached: number } };
  assert.equal(s.log.length, 30);
  assert.deepEqual(lateResult.usage, { requests: 0, cached: 30, promptTokens: 0, completionTokens: 0 });
  assert.deepEqual(lateResult.values, results.flatMap((r) => r.values));
  assert.ok(lateResult.cached.every(Boolean));
  for (const c of [...children, late]) assert.equal(await c.exited, 0);
});

test('the rate limit holds over three connections: at most rpm requests in each window since the start', async () => {
  const s = await fakeServer();
  const rpm = 4;
  const windowMs = 400;
  const sets = [words('r', 4), words('s', 4), words('t', 4)];
  // Redis's clock (TIME) and Date.now() are this machine's wall clock; the server logs performance.now().
  const t0 = Date.now() - 10; // 10 ms slack, in the lenient direction
  const offset = Date.now() - performance.now();
  await Promise.all(sets.map((w) => rater(s, raterSharing(connect(), { prefix: 'test:rate', concurrency: 10, rpm, windowMs, env: {} }), 4).rateWords(w, 'glasgow:size')));
  const arrivals = s.log.map((e) => e.at + offset).sort((a, b) => a - b);
  assert.equal(arrivals.length, 12);
  // Each request was admitted (on Redis's clock) before it arrived, and any window of windowMs admits at most rpm:
  // so the k-th arrival (1-based) is at least ceil(k / rpm) - 1 whole windows after t0.
  arrivals.forEach((at, i) => {
    const windows = Math.floor((at - t0) / windowMs) + 1;
    assert.ok(i + 1 <= rpm * windows, `request ${i + 1} arrived ${Math.round(at - t0)} ms after the start: more than ${rpm} per ${windowMs} ms`);
  });
});

test('a slot held by a killed worker is free again once its lease runs out, and not before it is killed', async () => {
  const sharing = { prefix: 'test:lease', concurrency: 1, leaseMs: 1500, pollMs: 20 };
  const holder = await child({ mode: 'hold', redisUrl: redis.url, sharing });
  holder.go();
  assert.equal(await holder.next, 'held');
  const observer = connect();
  assert.equal(await observer.zcard('test:lease:slots'), 1);
  let startedAt: number | undefined;
  const mine = raterSharing(connect(), { ...sharing, env: {} }).limiter.run(async () => {
    startedAt = Date.now();
    return 'ran';
  });
  // The holder renews its lease every 500 ms: through 2.5 s (more than a lease) the slot stays taken.
  await new Promise((r) => setTimeout(r, 2500));
  assert.equal(startedAt, undefined, 'started while the holder was alive');
  const killedAt = Date.now();
  holder.process.kill('SIGKILL');
  assert.equal(await mine, 'ran');
  assert.ok(startedAt !== undefined && startedAt >= killedAt);
  assert.equal(await observer.zcard('test:lease:slots'), 0, 'released after the run');
});

test('shared answers: JSON in one hash under the prefix, unreadable fields read as missing', async () => {
  const c = connect();
  const answers = redisAnswers(c, 'test:answers');
  const value = { method: 'logprobs', value: null, text: '7', distribution: { '1': 0.5, '7': 0.5 } };
  await answers.put('k1', value);
  assert.deepEqual(await answers.get('k1'), value);
  assert.equal(await answers.get('k2'), undefined);
  await c.hset('test:answers:answers', 'k3', '{not json');
  assert.equal(await answers.get('k3'), undefined);
  assert.deepEqual((await c.hkeys('test:answers:answers')).sort(), ['k1', 'k3']);
});

test('limits come from ATTUNE_OPENAI_CONCURRENCY and ATTUNE_OPENAI_RPM; a bad value is an InputError naming the variable', async () => {
  const s = await fakeServer({ delayMs: 30 });
  const sharing = raterSharing(connect(), { prefix: 'test:env', env: { ATTUNE_OPENAI_CONCURRENCY: '2' } });
  await rater(s, sharing, 8).rateWords(words('e', 8), 'glasgow:size');
  assert.equal(s.maxActive, 2);
  for (const [name, text] of [['ATTUNE_OPENAI_RPM', '0'], ['ATTUNE_OPENAI_CONCURRENCY', '2.5'], ['ATTUNE_OPENAI_RPM', 'many']]) {
    assert.throws(() => raterSharing(connect(), { env: { [name]: text } }), (e: unknown) => e instanceof InputError && e.message.includes(name) && e.message.includes(text));
  }
});

test('Redis restarted while raters wait for slots: they reconnect and every word is answered once', async () => {
  const s = await fakeServer({ delayMs: 40 });
  const raters = [0, 1].map(() => rater(s, raterSharing(connect(), { prefix: 'test:restart', concurrency: 2, env: {} })));
  const sets = [words('x', 12), words('y', 12)];
  const running = raters.map((r, i) => r.rateWords(sets[i], 'glasgow:size'));
  while (s.log.length < 4) await new Promise((r) => setTimeout(r, 10));
  await redis.restart();
  const answers = await Promise.all(running);
  assert.deepEqual(answers.map((a) => a.length), [12, 12]);
  assert.deepEqual(s.log.map((e) => e.item).sort(), sets.flat().sort());
});

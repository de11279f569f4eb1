import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffMs, retryAfterMs, withRetries, type Failure } from '../../../src/models/openai/retry.ts';
import { createLimiter } from '../../../src/models/openai/limiter.ts';
import { answerKey, canonicalJson } from '../../../src/models/openai/answer-key.ts';
import { createHash } from 'node:crypto';

const headers = (h: Record<string, string>) => new Headers(h);

test('retryAfterMs: retry-after-ms first, then retry-after as seconds or an HTTP date', () => {
  assert.equal(retryAfterMs(headers({ 'retry-after-ms': '250' })), 250);
  assert.equal(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' })), 250);
  assert.equal(retryAfterMs(headers({ 'retry-after': '2' })), 2000);
  assert.equal(retryAfterMs(headers({ 'retry-after': '0.5' })), 500);
  const now = Date.parse('2025-01-01T00:00:00Z');
  assert.equal(retryAfterMs(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }), now), 3000);
  assert.equal(retryAfterMs(headers({ 'retry-after': 'Tue, 31 Dec 2024 23:59:00 GMT' }), now), 0); // in the past
  assert.equal(retryAfterMs(headers({ 'retry-after': 'soon' })), undefined);
  assert.equal(retryAfterMs(headers({})), undefined);
  assert.equal(retryAfterMs(undefined), undefined);
});

test('backoffMs: full jitter under a doubling cap, capped at maxDelayMs', () => {
  const policy = { maxRetries: 6, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 };
  assert.deepEqual([1, 2, 3, 4, 5, 6].map((r) => backoffMs(r, policy)), [50, 100, 200, 400, 500, 500]);
  assert.equal(backoffMs(3, { ...policy, random: () => 0 }), 0);
});

test('withRetries: retries retryable failures, waits, gives up naming the last failure', async () => {
  const waits: number[] = [];
  const policy = { maxRetries: 2, baseDelayMs: 8, maxDelayMs: 100, random: () => 0.25 };
  let calls = 0;
  const judge = (e: unknown): Failure => ({ retry: true, message: (e as Error).message, waitMs: calls === 1 ? 3 : undefined });
  await assert.rejects(
    withRetries(async () => {
      calls++;
      throw new Error(`boom ${calls}`);
    }, judge, policy, { what: 'q', onRetry: (_n, _f, w) => waits.push(w) }),
    { message: 'q failed after 3 attempts; last failure: boom 3' },
  );
  assert.equal(calls, 3);
  assert.deepEqual(waits, [3, 4]); // the server's wait, then 0.25 · min(100, 8·2)
  let n = 0;
  assert.equal(await withRetries(async () => (++n < 3 ? Promise.reject(new Error('x')) : 'ok'), judge, policy), 'ok');
  const fatal = new Error('refused');
  await assert.rejects(withRetries(() => Promise.reject(new Error('no')), () => ({ retry: false, message: 'no', error: fatal }), policy), fatal);
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(withRetries(async () => 1, judge, policy, { signal: ac.signal }), { name: 'AbortError' });
});

test('createLimiter: never more than the limit at once, all tasks run', async () => {
  const limiter = createLimiter(3);
  let active = 0;
  let most = 0;
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      limiter.run(async () => {
        active++;
        most = Math.max(most, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        if (i === 4) throw new Error('task 4');
        return i;
      }).catch((e: Error) => e.message),
    ),
  );
  assert.equal(most, 3);
  assert.deepEqual(results, [0, 1, 2, 3, 'task 4', 5, 6, 7, 8, 9]);
  assert.equal(limiter.active, 0);
});

test('canonicalJson sorts keys at every depth; answerKey is its sha256', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: 'q' }], c: null }, u: undefined }), '{"a":{"c":null,"d":[1,{"y":"q","z":0}]},"b":1}');
  assert.equal(answerKey({ b: 2, a: 1 }), createHash('sha256').update('{"a":1,"b":2}').digest('hex'));
  assert.throws(() => canonicalJson({ x: NaN }));
});

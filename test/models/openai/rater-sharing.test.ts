// The rater with `sharing` (limits and answers shared with other raters), against an in-memory sharing; the Redis
// one is tested in test/run/queue/rater-sharing.test.ts.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../../src/core/random.ts';
import { memoryStore, type AnswerStore } from '../../../src/models/answer-store.ts';
import { createLimiter } from '../../../src/models/openai/limiter.ts';
import { createOpenAiRater } from '../../../src/models/openai/rater.ts';
import type { RaterSharing } from '../../../src/models/openai/sharing.ts';
import type { OpenAiRaterOptions } from '../../../src/models/openai/types.ts';
import { serverPool, type FakeServer } from '../../../test-support/fake-openai-server.ts';

const server = serverPool(after);
function rater(s: FakeServer, store: AnswerStore, more: Partial<OpenAiRaterOptions> = {}) {
  return createOpenAiRater({ model: 'test-model', baseURL: s.baseURL, apiKey: 'test-key', store, timeoutMs: 5000, maxRetries: 2, baseDelayMs: 2, maxDelayMs: 5, random: createRng(5).next, ...more });
}
const WORDS = Array.from({ length: 12 }, (_, i) => `shared${i}`);

/** A sharing in memory: a limiter of `limit` slots that counts its runs, answers as JSON text in a Map that counts gets. */
function memorySharing(limit = 100) {
  const slots = createLimiter(limit);
  const entries = new Map<string, string>();
  const counts = { runs: 0, gets: 0, puts: 0 };
  const sharing: RaterSharing = {
    limiter: {
      run(attempt) {
        counts.runs++;
        return slots.run(attempt);
      },
    },
    answers: {
      async get(key) {
        counts.gets++;
        const text = entries.get(key);
        return text === undefined ? undefined : JSON.parse(text);
      },
      async put(key, value) {
        counts.puts++;
        entries.set(key, JSON.stringify(value));
      },
    },
  };
  return { sharing, entries, counts };
}

test('an answer one rater received is not asked again by another rater with its own empty store', async () => {
  const s = await server();
  const { sharing, entries, counts } = memorySharing();
  const storeA = memoryStore();
  const first = await rater(s, storeA, { sharing }).rateWords(WORDS, 'glasgow:valence');
  assert.equal(s.log.length, WORDS.length);
  assert.equal(entries.size, WORDS.length);
  // The shared entries are the very JSON the local store kept.
  for (const [key, text] of entries) assert.deepEqual(JSON.parse(text), storeA.getJson(key));

  const storeB = memoryStore();
  const b = rater(s, storeB, { sharing });
  const second = await b.rateWords(WORDS, 'glasgow:valence');
  assert.equal(s.log.length, WORDS.length, 'no request for an answer shared by the first rater');
  assert.deepEqual(second, first.map((a) => ({ ...a, cached: true })));
  assert.deepEqual(b.usage(), { requests: 0, cached: WORDS.length, promptTokens: 0, completionTokens: 0 });
  assert.equal(storeB.size, WORDS.length, 'shared answers are kept in the local store too');

  // The local store is consulted first: a third rater on store B reads nothing from the shared answers.
  const gets = counts.gets;
  await rater(s, storeB, { sharing }).rateWords(WORDS, 'glasgow:valence');
  assert.equal(counts.gets, gets);
  // Shared and unshared runs give the same values.
  const alone = await rater(await server(), memoryStore()).rateWords(WORDS, 'glasgow:valence');
  assert.deepEqual(first, alone);
});

test('every HTTP attempt, retries included, runs inside the shared limiter, which bounds requests below the local concurrency', async () => {
  const s = await server({ delayMs: 15, faults: [{ request: 2, fault: { kind: '500' } }, { request: 5, fault: { kind: '429', retryAfterMs: '1' } }] });
  const { sharing, counts } = memorySharing(2);
  await rater(s, memoryStore(), { sharing, concurrency: 6 }).rateWords(WORDS, 'glasgow:arousal');
  assert.equal(s.log.length, WORDS.length + 2);
  assert.equal(counts.runs, s.log.length);
  assert.equal(s.maxActive, 2);
});

test('a failing shared limiter fails the request at once without sending it; a failing shared store only logs', async () => {
  const s = await server();
  const broken: RaterSharing = {
    limiter: { run: () => Promise.reject(new Error('connection is closed')) },
    answers: { get: async () => undefined, put: async () => undefined },
  };
  await assert.rejects(rater(s, memoryStore(), { sharing: broken }).rateWord('apple', 'glasgow:size'), /the shared request limit failed: connection is closed/);
  assert.equal(s.log.length, 0);

  const lines: string[] = [];
  const store = memoryStore();
  const refusing: RaterSharing = { limiter: { run: (attempt) => attempt() }, answers: { get: async () => undefined, put: () => Promise.reject(new Error('OOM')) } };
  const answer = await rater(s, store, { sharing: refusing, log: (l) => lines.push(l) }).rateWord('apple', 'glasgow:size');
  assert.equal(answer.cached, false);
  assert.equal(store.size, 1);
  assert.match(lines.join('\n'), /shared answer store refused an answer \(OOM\)/);
});

test('a shared value that is not a stored answer counts as missing and is asked', async () => {
  const s = await server();
  const { sharing, entries } = memorySharing();
  const store = memoryStore();
  const r = rater(s, store, { sharing });
  const reference = await r.rateWord('pear', 'glasgow:size');
  const [key] = entries.keys();
  entries.set(key, JSON.stringify('garbage'));
  const again = await rater(s, memoryStore(), { sharing }).rateWord('pear', 'glasgow:size');
  assert.equal(s.log.length, 2);
  assert.deepEqual(again, reference);
  assert.deepEqual(JSON.parse(entries.get(key) as string), store.getJson(key), 'the fresh answer replaced the bad entry');
});

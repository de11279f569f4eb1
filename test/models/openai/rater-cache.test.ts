import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../../src/core/random.ts';
import { InputError } from '../../../src/core/input-error.ts';
import { memoryStore, type AnswerStore } from '../../../src/models/answer-store.ts';
import { createOpenAiRater } from '../../../src/models/openai/rater.ts';
import type { OpenAiRaterOptions } from '../../../src/models/openai/types.ts';
import { serverPool, type FakeServer } from '../../../test-support/fake-openai-server.ts';

const server = serverPool(after);
function rater(s: FakeServer, store: AnswerStore, more: Partial<OpenAiRaterOptions> = {}) {
  return createOpenAiRater({ model: 'test-model', baseURL: s.baseURL, apiKey: 'test-key', store, timeoutMs: 5000, maxRetries: 1, baseDelayMs: 2, maxDelayMs: 5, random: createRng(3).next, ...more });
}
const WORDS = Array.from({ length: 10 }, (_, i) => `word${i}`);
const PAIRS: [string, string][] = [['cat', 'dog'], ['cup', 'mug'], ['sun', 'idea']];

test('after a full run, a second run with the same store makes zero requests and gives the same answers', async () => {
  const s = await server();
  const store = memoryStore();
  const first = rater(s, store);
  const words = await first.rateWords(WORDS, 'glasgow:concreteness');
  const pairs = await first.ratePairs(PAIRS);
  const sent = s.log.length;
  assert.equal(sent, WORDS.length + PAIRS.length);
  const second = rater(s, store);
  const progress: number[] = [];
  const again = await second.rateWords(WORDS, 'glasgow:concreteness', (done) => progress.push(done));
  const pairsAgain = await second.ratePairs(PAIRS);
  assert.equal(s.log.length, sent);
  assert.deepEqual(again, words.map((w) => ({ ...w, cached: true })));
  assert.deepEqual(pairsAgain, pairs.map((p) => ({ ...p, cached: true })));
  assert.deepEqual(progress, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.deepEqual(second.usage(), { requests: 0, cached: WORDS.length + PAIRS.length, promptTokens: 0, completionTokens: 0 });
  assert.equal(first.revision, second.revision);
  // Anything else in the key asks again: another scale, another model, another base URL.
  await second.rateWord('word0', 'glasgow:size');
  await rater(s, store, { model: 'other-model' }).rateWord('word0', 'glasgow:concreteness');
  assert.equal(s.log.length, sent + 2);
  const s2 = await server();
  const elsewhere = rater(s2, store);
  await elsewhere.rateWord('word0', 'glasgow:concreteness');
  assert.equal(s2.log.length, 1);
  assert.notEqual(elsewhere.revision, first.revision);
  // A word asked twice in one batch is asked once.
  await second.rateWords(['dup', 'dup'], 'glasgow:size');
  assert.equal(s.log.length, sent + 3);
});

test('the server stops answering mid-way: every answer received is kept, the rerun asks only for the rest', async () => {
  const s = await server();
  s.answerLimit = 4;
  const store = memoryStore();
  const dying = rater(s, store, { concurrency: 2, timeoutMs: 400 });
  await assert.rejects(dying.rateWords(WORDS, 'glasgow:valence'), /failed after 2 attempts; last failure: timed out: no complete answer within 400 ms/);
  const answeredFirst = s.log.filter((e) => e.outcome === 'ok').map((e) => e.item);
  assert.equal(answeredFirst.length, 4);
  assert.equal(store.size, 4);
  const before = s.log.length;
  s.answerLimit = Infinity;
  const rerun = rater(s, store);
  const values = await rerun.rateWords(WORDS, 'glasgow:valence');
  const askedAgain = s.log.slice(before).map((e) => e.item);
  assert.deepEqual(askedAgain.sort(), WORDS.filter((w) => !answeredFirst.includes(w)).sort());
  assert.equal(rerun.usage().cached, 4);
  assert.deepEqual(values.map((v) => v.cached), WORDS.map((w) => answeredFirst.includes(w)));
  // The same figures as one uninterrupted run.
  const fresh = await rater(await server(), memoryStore()).rateWords(WORDS, 'glasgow:valence');
  assert.deepEqual(values.map((v) => v.value), fresh.map((v) => v.value));
});

test('abort: the run stops, answers already received stay stored, the rerun asks only for the rest', async () => {
  const s = await server({ delayMs: 20 });
  const store = memoryStore();
  const controller = new AbortController();
  const r = rater(s, store, { signal: controller.signal, concurrency: 2 });
  await assert.rejects(
    r.rateWords(WORDS, 'glasgow:arousal', (done) => {
      if (done === 3) controller.abort();
    }),
    { name: 'AbortError' },
  );
  const kept = store.size;
  assert.ok(kept >= 3 && kept < WORDS.length, `kept ${kept}`);
  const before = s.log.length;
  assert.ok(before < WORDS.length, 'no new request started after the abort');
  await rater(s, store).rateWords(WORDS, 'glasgow:arousal');
  const rerunItems = s.log.slice(before).map((e) => e.item);
  assert.equal(rerunItems.length, WORDS.length - kept);
  assert.deepEqual(new Set([...s.log.slice(0, before).map((e) => e.item), ...rerunItems]), new Set(WORDS));
});

test('no log-probabilities in the response: the answer text is parsed, NaN when it holds no rating', async () => {
  const s = await server({
    logprobs: false,
    answers: { apple: { top: [['6', 1]], text: '6' }, zyzzyva: { top: [['x', 1]], text: 'x' }, 'cat|dog': { top: [['73', 1]], text: ' 73' }, 'cat|dog|car': { top: [['B', 1]], text: 'B.' } },
  });
  const store = memoryStore();
  const r = rater(s, store);
  const [apple, zyzzyva] = await r.rateWords(['apple', 'zyzzyva'], 'kuperman:aoa');
  assert.deepEqual([apple.value, apple.method, apple.distribution], [6, 'parsed', undefined]);
  assert.ok(Number.isNaN(zyzzyva.value));
  assert.equal(zyzzyva.method, 'none');
  const pair = await r.ratePair('cat', 'dog');
  assert.deepEqual([pair.value, pair.method, pair.template], [73, 'parsed', 'rate-pair.v1']);
  const odd = await r.oddOneOut('cat', 'dog', 'car');
  assert.deepEqual([odd.choice, odd.word, odd.method, odd.probabilities], ['B', 'dog', 'parsed', undefined]);
  // NaN survives the store: the rerun reads it back as NaN with method 'none'.
  const again = await rater(s, store).rateWord('zyzzyva', 'kuperman:aoa');
  assert.ok(Number.isNaN(again.value) && again.method === 'none' && again.cached);
});

test('odd-one-out: probabilities over A/B/C renormalised, the most probable chosen, ties reported', async () => {
  const s = await server({
    answers: {
      'cat|dog|car': { top: [['C', 0.6], ['A', 0.1], [' C', 0.1], ['B', 0.1], ['The', 0.1]] },
      'red|blue|green': { top: [['A', 0.45], ['B', 0.45], ['C', 0.05], ['x', 0.05]] },
    },
  });
  const r = rater(s, memoryStore());
  const [odd, tie] = await r.oddOneOuts([['cat', 'dog', 'car'], ['red', 'blue', 'green']]);
  // A 0.1, B 0.1, C 0.7 of 0.9.
  assert.equal(odd.choice, 'C');
  assert.equal(odd.word, 'car');
  assert.equal(odd.method, 'logprobs');
  assert.ok(Math.abs(odd.probabilities!.A - 1 / 9) < 1e-12);
  assert.ok(Math.abs(odd.probabilities!.B - 1 / 9) < 1e-12);
  assert.ok(Math.abs(odd.probabilities!.C - 7 / 9) < 1e-12);
  assert.equal(tie.choice, 'tie');
  assert.equal(tie.word, undefined);
  assert.ok(Math.abs(tie.probabilities!.A - 0.45 / 0.95) < 1e-12);
});

test('at most `concurrency` requests are open at once, over all calls of one rater', async () => {
  const s = await server({ delayMs: 50 });
  const r = rater(s, memoryStore(), { concurrency: 3 });
  await Promise.all([r.rateWords(WORDS.slice(0, 6), 'glasgow:size'), r.ratePairs(PAIRS), r.rateWord('apple', 'glasgow:gender')]);
  assert.equal(s.maxActive, 3);
  assert.equal(s.log.length, 10);
});

test('a missing API key is an InputError on --model naming OPENAI_API_KEY; the key and base URL come from the environment', async () => {
  const saved = { key: process.env.OPENAI_API_KEY, url: process.env.OPENAI_BASE_URL };
  try {
    delete process.env.OPENAI_API_KEY;
    assert.throws(
      () => createOpenAiRater({ model: 'gpt-x', store: memoryStore() }),
      (e: unknown) => e instanceof InputError && e.file === '--model' && /set OPENAI_API_KEY/.test(e.message),
    );
    assert.throws(() => createOpenAiRater({ model: ' ', apiKey: 'k', store: memoryStore() }), InputError);
    const s = await server();
    process.env.OPENAI_API_KEY = 'test-key';
    process.env.OPENAI_BASE_URL = `${s.baseURL}/`;
    const r = createOpenAiRater({ model: 'gpt-x', store: memoryStore() });
    assert.equal(r.baseURL, s.baseURL);
    assert.equal(r.id, 'openai:gpt-x');
    assert.equal((await r.ratePair('cat', 'dog')).method, 'logprobs');
    assert.equal(s.log.length, 1);
  } finally {
    for (const [name, value] of [['OPENAI_API_KEY', saved.key], ['OPENAI_BASE_URL', saved.url]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
});

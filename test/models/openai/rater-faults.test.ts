import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../../src/core/random.ts';
import { memoryStore } from '../../../src/models/answer-store.ts';
import { createOpenAiRater } from '../../../src/models/openai/rater.ts';
import type { OpenAiRaterOptions } from '../../../src/models/openai/types.ts';
import { serverPool, type FakeServer, type FixedAnswer } from '../../../test-support/fake-openai-server.ts';

const server = serverPool(after);
function rater(s: FakeServer, more: Partial<OpenAiRaterOptions> = {}) {
  const store = memoryStore();
  const r = createOpenAiRater({ model: 'test-model', baseURL: s.baseURL, apiKey: 'test-key', store, timeoutMs: 5000, maxRetries: 4, baseDelayMs: 2, maxDelayMs: 10, random: createRng(7).next, ...more });
  return { r, store };
}

// Fixed answers whose ratings are computed by hand below.
const ANSWERS: Record<string, FixedAnswer> = {
  apple: { top: [['7', 0.5], ['8', 0.25], [' 6', 0.15], ['x', 0.05], ['10', 0.05]] },
  justice: { top: [['3', 0.4], ['2', 0.2], ['The', 0.2], [' 3', 0.1], ['4', 0.1]] },
};
const WORDS = ['apple', 'justice', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8', 'w9', 'w10'];

/** The expected value over the valid integer tokens the server sent (independent of the code under test). */
function meanOfSent(top: { token: string; logprob: number }[], min: number, max: number): number {
  let sum = 0;
  let mass = 0;
  for (const { token, logprob } of top) {
    const t = token.trim();
    if (/^[1-9]\d*$/.test(t) && Number(t) >= min && Number(t) <= max) {
      sum += Number(t) * Math.exp(logprob);
      mass += Math.exp(logprob);
    }
  }
  return sum / mass;
}

test('with 429, 500, hangs, truncated and choice-less bodies injected, the ratings equal a fault-free run exactly', async () => {
  const clean = await server({ answers: ANSWERS });
  const a = rater(clean);
  const reference = await a.r.rateWords(WORDS, 'glasgow:valence');
  const faulty = await server({
    answers: ANSWERS,
    faults: [
      { request: 1, fault: { kind: '500' } },
      { item: 'justice', fault: { kind: '429', retryAfterMs: '20' } },
      { item: 'w2', fault: { kind: 'truncate' } },
      { item: 'w3', fault: { kind: 'cut' } },
      { item: 'w4', fault: { kind: 'no-choices' } },
      { item: 'w5', fault: { kind: 'hang' } },
      { item: 'w6', times: 3, fault: { kind: '500' } },
      { item: 'w7', fault: { kind: '429', retryAfter: '0' } },
    ],
  });
  const lines: string[] = [];
  const b = rater(faulty, { log: (l) => lines.push(l), timeoutMs: 800 }); // the hang costs one timeout
  const withFaults = await b.r.rateWords(WORDS, 'glasgow:valence');
  assert.deepEqual(withFaults, reference);
  // apple: valid 7:.5, 8:.25, 6:.15 → (3.5 + 2 + 0.9) / 0.9; justice: 3:.5, 2:.2, 4:.1 → (1.5 + 0.4 + 0.4) / 0.8.
  assert.ok(Math.abs(reference[0].value - 6.4 / 0.9) < 1e-12);
  assert.ok(Math.abs(reference[1].value - 2.3 / 0.8) < 1e-12);
  assert.ok(Math.abs(reference[0].distribution!['6'] - 0.15 / 0.9) < 1e-12);
  for (const [i, word] of WORDS.entries()) {
    const sent = faulty.log.find((e) => e.item === word && e.outcome === 'ok');
    assert.ok(sent?.top, word);
    assert.ok(Math.abs(withFaults[i].value - meanOfSent(sent.top, 1, 9)) < 1e-12, word);
    assert.equal(withFaults[i].method, 'logprobs');
    assert.equal(withFaults[i].template, 'rate-word.v1');
    assert.equal(withFaults[i].cached, false);
  }
  // Every fault was met and retried; one good answer per word; nothing stored twice.
  const outcomes = faulty.log.map((e) => e.outcome).sort();
  assert.deepEqual(outcomes.filter((o) => o !== 'ok'), ['429', '429', '500', '500', '500', '500', 'cut', 'hang', 'no-choices', 'truncate']);
  assert.equal(faulty.log.filter((e) => e.outcome === 'ok').length, WORDS.length);
  assert.equal(b.store.size, WORDS.length);
  assert.equal(b.store.puts, WORDS.length);
  assert.equal(lines.length, 10);
  assert.ok(lines.some((l) => /timed out/.test(l)) && lines.some((l) => /not valid JSON/.test(l)) && lines.some((l) => /no choices/.test(l)));
  // Usage: every HTTP request counted; tokens as the server reported them for the answers kept.
  const u = b.r.usage();
  const ok = faulty.log.filter((e) => e.outcome === 'ok');
  assert.equal(u.requests, faulty.log.length);
  assert.equal(u.promptTokens, ok.reduce((s, e) => s + e.usage!.prompt_tokens, 0));
  assert.equal(u.completionTokens, WORDS.length);
  assert.equal(u.cached, 0);
  assert.deepEqual(withFaults.map((x) => x.promptTokens), WORDS.map((w) => ok.find((e) => e.item === w)!.usage!.prompt_tokens));
});

test('requests carry temperature 0, logprobs, top_logprobs 20, the model and the study instructions', async () => {
  const s = await server();
  const { r } = rater(s, { prices: { inputPerMillion: 2, outputPerMillion: 8 } });
  await r.rateWord('apple', 'brysbaert:concreteness');
  const body = s.log[0].body as { model: string; temperature: number; logprobs: boolean; top_logprobs: number; max_tokens: number; messages: { role: string; content: string }[] };
  assert.deepEqual([body.model, body.temperature, body.logprobs, body.top_logprobs, body.max_tokens], ['test-model', 0, true, 20, 8]);
  assert.equal(body.messages.length, 1);
  assert.equal(body.messages[0].role, 'user');
  assert.match(body.messages[0].content, /^Word: apple$/m);
  assert.match(body.messages[0].content, /^1 = abstract \(language based\)$/m);
  assert.match(body.messages[0].content, /^5 = concrete \(experience based\)$/m);
  const tokens = s.log[0].usage!.prompt_tokens;
  assert.equal(r.usage().cost, (tokens * 2 + 1 * 8) / 1e6);
});

test('retry-after-ms and retry-after (seconds) are honoured: the retry is not sent before it', async () => {
  const s = await server({
    faults: [
      { item: 'apple', fault: { kind: '429', retryAfterMs: '300', retryAfter: '30' } },
      { item: 'pear', fault: { kind: '429', retryAfter: '1' } },
    ],
  });
  const { r } = rater(s, { random: () => 0.999, baseDelayMs: 1 }); // the backoff alone would wait < 1 ms
  await Promise.all([r.rateWord('apple', 'glasgow:size'), r.rateWord('pear', 'glasgow:size')]);
  const gap = (item: string) => {
    const [first, second] = s.log.filter((e) => e.item === item);
    assert.deepEqual([first.outcome, second.outcome], ['429', 'ok']);
    return second.at - first.at;
  };
  const apple = gap('apple');
  assert.ok(apple >= 299 && apple < 3000, `apple retried after ${apple} ms`);
  const pear = gap('pear');
  assert.ok(pear >= 999, `pear retried after ${pear} ms`);
});

test('the full-jitter backoff waits random · base · 2^(retry−1) between 500s', async () => {
  const s = await server({ faults: [{ item: 'apple', times: 2, fault: { kind: '500' } }] });
  const { r } = rater(s, { random: () => 0.5, baseDelayMs: 200, maxDelayMs: 10_000 });
  await r.rateWord('apple', 'glasgow:size');
  const at = s.log.map((e) => e.at);
  assert.equal(at.length, 3);
  assert.ok(at[1] - at[0] >= 99, `first retry after ${at[1] - at[0]} ms (expected ≥ 100)`);
  assert.ok(at[2] - at[1] >= 199, `second retry after ${at[2] - at[1]} ms (expected ≥ 200)`);
});

test('401: the clear Error at once, no retry, nothing cached; 404: the server message', async () => {
  const s = await server({ apiKey: 'right', models: ['test-model'] });
  const { r, store } = rater(s, { apiKey: 'wrong' });
  await assert.rejects(r.rateWord('apple', 'glasgow:valence'), (e: Error) => {
    assert.match(e.message, /^the endpoint refused the API key \(401\): Incorrect API key provided\./);
    assert.match(e.message, /OPENAI_API_KEY/);
    return true;
  });
  assert.equal(s.log.length, 1);
  assert.equal(store.size, 0);
  const other = rater(s, { apiKey: 'right', model: 'no-such-model' });
  await assert.rejects(other.r.ratePair('cat', 'dog'), /\(404\): The model `no-such-model` does not exist\./);
  assert.equal(s.log.length, 2);
  assert.equal(other.store.size, 0);
});

test('an endpoint that never answers: an Error after the retries', async () => {
  const s = await server();
  s.answerLimit = 0; // every request hangs
  const { r, store } = rater(s, { timeoutMs: 80, maxRetries: 2 });
  const t0 = performance.now();
  await assert.rejects(r.rateWord('apple', 'glasgow:valence'), /failed after 3 attempts; last failure: timed out: no complete answer within 80 ms/);
  assert.ok(performance.now() - t0 < 2000);
  assert.equal(s.log.length, 3);
  assert.equal(store.size, 0);
});

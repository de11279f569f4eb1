// `attune wordsim|norms --model openai:<model>` through the real CLI against a fake OpenAI-compatible server
// on loopback: the same values as the rater library gives, every answer cached in SQLite across processes,
// and the failures (401, an endpoint that stops answering) as clear errors that keep what was received.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryStore } from '../../src/models/answer-store.ts';
import { createOpenAiRater } from '../../src/models/openai/rater.ts';
import { attune, scratch } from '../../test-support/run-cli.ts';
import { startFakeServer, type FakeServer } from '../../test-support/fake-openai-server.ts';

const PAIRS: [string, string, number][] = [
  ['cat', 'dog', 9], ['king', 'queen', 8], ['cup', 'mug', 8.5], ['sun', 'idea', 1], ['red', 'blue', 5.5], ['house', 'tree', 3], ['apple', 'car', 1.5],
];
const NORMS: [string, number][] = [['love', 8.4], ['war', 1.9], ['table', 5.1], ['holiday', 8.0], ['disease', 1.6], ['chair', 5.0]];

let work: { dir: string; cleanup: () => void };
let server: FakeServer;
before(async () => {
  work = scratch();
  server = await startFakeServer();
  Object.assign(process.env, {
    ATTUNE_CACHE_DIR: join(work.dir, 'cache'), OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'test-key',
    ATTUNE_OPENAI_TIMEOUT: '1', ATTUNE_OPENAI_RETRIES: '1',
  });
  writeFileSync(join(work.dir, 'pairs.csv'), PAIRS.map((p) => p.join(',')).join('\n') + '\n');
  writeFileSync(join(work.dir, 'norms.csv'), 'word,valence\n' + NORMS.map((n) => n.join(',')).join('\n') + '\n');
});
after(async () => {
  await server.close();
  work.cleanup();
});

/** Spearman of distinct values, 1 − 6Σd²/(n(n²−1)). */
function spearmanDistinct(a: number[], b: number[]): number {
  const rank = (x: number[]) => x.map((v) => 1 + x.filter((w) => w < v).length);
  const ra = rank(a);
  const rb = rank(b);
  const n = a.length;
  return 1 - (6 * ra.reduce((s, r, i) => s + (r - rb[i]) ** 2, 0)) / (n * (n * n - 1));
}

test('wordsim and norms --method rate with openai:<model>: library values, token counts, and no question asked twice', async () => {
  const library = createOpenAiRater({ model: 'm1', baseURL: server.baseURL, apiKey: 'test-key', store: memoryStore() });
  const pairRatings = (await library.ratePairs(PAIRS.map((p) => [p[0], p[1]] as const))).map((a) => a.value);
  const wordRatings = (await library.rateWords(NORMS.map((n) => n[0]), 'glasgow:valence')).map((a) => a.value);
  const before = server.log.length;

  const r = await attune(['wordsim', 'pairs.csv', '--model', 'openai:m1', '--json', '--bootstrap', '0'], work.dir);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { spearman: number; n_covered: number; answers: { logprobs: number }; usage: { requests: number; promptTokens: number }; model: { id: string } };
  assert.equal(out.model.id, 'openai:m1');
  assert.ok(Math.abs(out.spearman - spearmanDistinct(pairRatings, PAIRS.map((p) => p[2]))) < 1e-12);
  assert.equal(out.n_covered, PAIRS.length);
  assert.equal(out.answers.logprobs, PAIRS.length);
  assert.equal(out.usage.requests, PAIRS.length);
  assert.ok(out.usage.promptTokens > 0);
  assert.equal(server.log.length, before + PAIRS.length);

  const n = await attune(['norms', 'norms.csv', '--word-column', 'word', '--column', 'valence', '--method', 'rate', '--model', 'openai:m1', '--scale', 'glasgow:valence', '--json', '--bootstrap', '0'], work.dir);
  assert.equal(n.code, 0, n.stderr);
  const norms = JSON.parse(n.stdout) as { spearman: number; measure: string };
  assert.ok(Math.abs(norms.spearman - spearmanDistinct(wordRatings, NORMS.map((x) => x[1]))) < 1e-12);
  assert.equal(norms.measure, 'norms:rate:glasgow:valence:spearman');
  const asked = server.log.length;

  // a second process: every answer comes from the SQLite cache
  const again = await attune(['wordsim', 'pairs.csv', '--model', 'openai:m1', '--json', '--bootstrap', '0'], work.dir);
  assert.equal(again.code, 0, again.stderr);
  assert.equal((JSON.parse(again.stdout) as { spearman: number }).spearman, out.spearman);
  assert.equal((JSON.parse(again.stdout) as { usage: { requests: number; cached: number } }).usage.requests, 0);
  assert.equal(server.log.length, asked);

  const noScale = await attune(['norms', 'norms.csv', '--word-column', 'word', '--column', 'valence', '--method', 'rate', '--model', 'openai:m1'], work.dir);
  assert.equal(noScale.code, 2);
  assert.match(noScale.stderr, /needs --scale ID/);
});

test('openai: a refused key (401) and an endpoint that stops answering → exit 1 with a clear message; the cache keeps every answer received', async () => {
  process.env.OPENAI_API_KEY = 'wrong-key';
  const bad = await attune(['wordsim', 'pairs.csv', '--model', 'openai:m3'], work.dir);
  process.env.OPENAI_API_KEY = 'test-key';
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /refused the API key \(401\)/);

  server.answerLimit = server.answered + 3; // then every request hangs past the 1 s timeout
  const hung = await attune(['wordsim', 'pairs.csv', '--model', 'openai:m4', '--json'], work.dir);
  assert.equal(hung.code, 1);
  assert.match(hung.stderr, /timed out/);
  server.answerLimit = Infinity;
  const okBefore = server.log.filter((e) => e.model === 'm4' && e.outcome === 'ok').map((e) => e.item);
  assert.equal(okBefore.length, 3);
  const resumed = await attune(['wordsim', 'pairs.csv', '--model', 'openai:m4', '--json', '--bootstrap', '0'], work.dir);
  assert.equal(resumed.code, 0, resumed.stderr);
  const okAll = server.log.filter((e) => e.model === 'm4' && e.outcome === 'ok').map((e) => e.item);
  assert.equal(okAll.length, PAIRS.length); // the three received answers were not asked again
  assert.equal(new Set(okAll).size, PAIRS.length);
});

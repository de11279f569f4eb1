// Reading-time benchmarks: GPT-3's ΔR², partial r and R²s against numpy (reading_times_expected.py) to 1e-8;
// the story bootstrap recomputed from duplicated rows; the hf: benchmark's surprisals are exactly what
// model.surprisals returned (a scripted model on every story, the tiny GPT-2 on two stories).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/core/input-error.ts';
import { createRng } from '../../src/core/random.ts';
import { bootstrapIndices, percentileInterval } from '../../src/core/resample.ts';
import { gpt3Surprisals, loadNaturalStories, loadSubtlexCounts, storySubset } from '../../src/data/datasets/natural-stories.ts';
import { deltaRSquared, moments } from '../../src/measures/linear-regression.ts';
import { memoryStore } from '../../src/models/answer-store.ts';
import { loadHfModel } from '../../src/models/hf/hf-model.ts';
import type { WordSurprisals } from '../../src/models/hf/surprisal.ts';
import type { WordModel } from '../../src/models/word-model.ts';
import { isSurprisalModel, modelSurprisals, readingTimeBenchmarks, readingTimeRows, scoreReadingTimes, type SurprisalModel } from '../../src/benchmarks/reading-times.ts';
import { openSubject } from '../../src/run/subjects.ts';
import { buildTinyGpt2 } from '../../test-support/tiny-models/tiny-gpt2.ts';

const expected = (JSON.parse(readFileSync(new URL('../fixtures/natural-stories/reading_times_expected.json', import.meta.url), 'utf8')) as {
  gpt3: { n_words: number; n_rows: number; n_rows_per_story: number[]; n_with_surprisal: number; r2_base: number; r2_full: number; delta_r2: number; partial_r_surprisal: number };
}).gpt3;
const [gpt3Benchmark, modelBenchmark] = readingTimeBenchmarks();
const data = loadNaturalStories();
const root = mkdtempSync(join(tmpdir(), 'attune-reading-'));
after(() => rmSync(root, { recursive: true, force: true }));

const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

test('GPT-3: ΔR², partial r and both R² equal numpy lstsq to 1e-8; coverage is words with a surprisal and an RT', async () => {
  assert.equal(gpt3Benchmark.id, 'reading:natural-stories:gpt3');
  assert.equal(gpt3Benchmark.subject.kind, 'fixed'); // the shipped GPT-3 answers, whatever the run's model
  const subject = await openSubject(gpt3Benchmark.subject, 'glove', { cacheDir: false });
  assert.ok(gpt3Benchmark.supports(subject));
  const out = await gpt3Benchmark.run(subject, { seed: 0, bootstrap: 0 });
  assert.deepEqual(out.scored?.id, 'recorded:data/natural_stories/all_stories_gpt3.csv');
  assert.equal(out.dataset.id, 'natural_stories');
  close(out.score.value, expected.delta_r2, 1e-8, 'ΔR²');
  close(out.extra!.partial_r.value, expected.partial_r_surprisal, 1e-8, 'partial r');
  close(out.extra!.r2_baseline.value, expected.r2_base, 1e-8, 'R² baseline');
  close(out.extra!.r2_full.value, expected.r2_full, 1e-8, 'R² full');
  assert.equal(out.score.measure, 'ols:delta-r2');
  assert.equal(out.score.n, expected.n_rows);
  assert.equal(out.score.ci95, undefined);
  assert.deepEqual([out.coverage.n_items, out.coverage.n_covered], [expected.n_words, expected.n_with_surprisal]);
  assert.equal(out.coverage.missing_examples[0], 'story 1 word 1 "If"');
  assert.ok(out.scatter && out.scatter.model.length <= 1000);
});

test('GPT-3: the bootstrap over stories equals refits on the duplicated rows of the drawn stories', () => {
  const surprisal = gpt3Surprisals(data);
  const reps = 20;
  const out = scoreReadingTimes(data, surprisal, { seed: 5, bootstrap: reps }, 'x');
  const { counts } = loadSubtlexCounts();
  const { columns, rowsByStory } = readingTimeRows(data, counts, surprisal);
  assert.deepEqual(rowsByStory.map((r) => r.length), expected.n_rows_per_story);
  const rng = createRng(5);
  const deltas: number[] = [];
  for (let b = 0; b < reps; b++) {
    const rows = Array.from(bootstrapIndices(10, rng)).flatMap((s) => rowsByStory[s]);
    deltas.push(deltaRSquared(moments(columns, rows), [0, 1, 2, 3, 4, 5], [6, 7], 8).delta);
  }
  const [lo, hi] = percentileInterval(deltas, 0.95);
  close(out.score.ci95![0], lo, 1e-12, 'CI low');
  close(out.score.ci95![1], hi, 1e-12, 'CI high');
  assert.ok(lo < out.score.value && out.score.value < hi);
  assert.equal(out.score.seed, 5);
});

test('GPT-3: 1000 story resamples give finite intervals for every statistic, none dropped', async () => {
  const out = await gpt3Benchmark.run(await openSubject(gpt3Benchmark.subject, 'glove', { cacheDir: false }), { seed: 0, bootstrap: 1000 });
  for (const s of [out.score, ...Object.values(out.extra!)]) {
    assert.ok(s.ci95 && s.ci95[0] <= s.value && s.value <= s.ci95[1], `${s.measure} ${s.value} ${s.ci95}`);
  }
  assert.equal(out.score.details?.bootstrapDropped, 0);
});

/** A scripted causal model whose surprisal of a word is a function of its text; it records every call. */
function scriptedModel(): SurprisalModel & { calls: string[][]; returned: Float64Array[] } {
  const calls: string[][] = [];
  const returned: Float64Array[] = [];
  return {
    kind: 'embedding', id: 'scripted', revision: 'r', dimensions: 1, layers: ['x'], defaultLayer: 0, modalities: ['text'], causal: true,
    vectors: () => Promise.reject(new Error('not used')),
    surprisals: async (words): Promise<WordSurprisals> => {
      calls.push([...words]);
      const bits = Float64Array.from(words, (w, i) => (i === 0 ? NaN : (w.length * 7 + w.charCodeAt(0)) % 13));
      returned.push(bits);
      return { bits, tokens: new Int32Array(words.length).fill(1) };
    },
    calls, returned,
  };
}

test('hf: supports only causal models with surprisals; run() regresses exactly the per-word values the model returned', async () => {
  const glove: WordModel = { kind: 'embedding', id: 'glove', revision: 'r', dimensions: 1, layers: ['vectors'], defaultLayer: 0, modalities: ['text'], vectors: () => Promise.reject(new Error('no')) };
  assert.equal(modelBenchmark.supports(glove), false);
  const notCausal: WordModel = Object.assign(scriptedModel(), { causal: false });
  assert.equal(modelBenchmark.supports(notCausal), false);
  const model = scriptedModel();
  assert.ok(modelBenchmark.supports(model));
  const out = await modelBenchmark.run(model, { seed: 1, bootstrap: 0 });
  // One call per story, with the story's tokens as all_stories.tok lists them, in order.
  const tok = readFileSync(new URL('../../data/natural_stories/all_stories.tok', import.meta.url), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  assert.equal(model.calls.length, 10);
  model.calls.forEach((words, s) => assert.deepEqual(words, tok.filter((r) => r[2] === String(s + 1)).map((r) => r[0])));
  const passed = new Float64Array(model.returned.flatMap((b) => Array.from(b)));
  const { counts } = loadSubtlexCounts();
  const rows = readingTimeRows(data, counts, passed);
  assert.deepEqual(Array.from(rows.columns[6]), Array.from(passed));
  const all = rows.rowsByStory.flat();
  const want = deltaRSquared(moments(rows.columns, all), [0, 1, 2, 3, 4, 5], [6, 7], 8).delta;
  close(out.score.value, want, 1e-12, 'ΔR²');
  assert.equal(out.coverage.n_covered, data.words.length - 10);
});

test('hf: a model that gives (almost) no surprisals is bad input for --model', async () => {
  const model = scriptedModel();
  const silent: SurprisalModel = { ...model, surprisals: async (words) => ({ bits: new Float64Array(words.length).fill(NaN), tokens: new Int32Array(words.length) }) };
  await assert.rejects(modelBenchmark.run(silent, { seed: 0, bootstrap: 0 }), (e: unknown) => e instanceof InputError && e.file === '--model' && /only 0 words have a surprisal/.test(e.message));
});

test('hf: the tiny GPT-2 on the first 150 words of two stories: surprisals are model.surprisals’ own, the statistics finite', async () => {
  const dir = buildTinyGpt2(join(root, 'gpt2')).dir;
  const hf = await loadHfModel(dir, `hf:${dir}`, { cacheDir: join(root, 'cache'), store: memoryStore() });
  assert.ok(isSurprisalModel(hf));
  const sub = storySubset(data, [3, 7]);
  const two = { ...sub, words: sub.words.filter((w) => w.zone <= 150) }; // the tiny model reads ~1 s per full story
  const got = await modelSurprisals(hf, two);
  let k = 0;
  for (const story of two.stories) {
    const words = two.words.filter((w) => w.story === story).map((w) => w.word);
    const direct = await hf.surprisals(words);
    assert.deepEqual(Array.from(got.subarray(k, k + words.length)), Array.from(direct.bits));
    k += words.length;
  }
  assert.equal(k, got.length);
  assert.ok(got.every(Number.isFinite), 'BOS gives every word a context');
  const out = scoreReadingTimes(two, got, { seed: 0, bootstrap: 20 }, 'surprisal (bits)');
  for (const s of [out.score, ...Object.values(out.extra!)]) assert.ok(Number.isFinite(s.value), s.measure);
  assert.equal(out.coverage.n_covered, two.words.length);
  await hf.dispose();
});

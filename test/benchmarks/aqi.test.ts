// safety:aqi: on GloVe, the five indices and AQI against scikit-learn / numpy on vectors the reference script
// builds itself from the GloVe JSON; by hand on a 2-d toy model (word means, unknown words, uncovered
// instructions); per layer on the tiny BERT; and what it refuses.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aqiBenchmark, aqiBenchmarks, instructionWords, scoreInstructions } from '../../src/benchmarks/aqi.ts';
import { InputError } from '../../src/core/input-error.ts';
import { matrix } from '../../src/core/matrix.ts';
import { aqi } from '../../src/measures/aqi.ts';
import { memoryStore } from '../../src/models/answer-store.ts';
import { loadGlove } from '../../src/models/glove.ts';
import { loadHfModel, type HfModel } from '../../src/models/hf/hf-model.ts';
import { SINGLE_LAYER, textsOnly, type EmbeddingModel, type RaterModel } from '../../src/models/word-model.ts';
import { loadHarmfulHarmless } from '../../src/data/datasets/harmful-harmless.ts';
import { buildTinyBert } from '../../test-support/tiny-models/tiny-bert.ts';

// Expected values: test/fixtures/aqi/aqi_expected.py (sklearn.metrics for DB, CH, silhouette; numpy for Dunn, Xie–Beni).
const expected = JSON.parse(readFileSync(new URL('../fixtures/aqi/aqi_expected.json', import.meta.url), 'utf8')).glove;
const close = (a: number, b: number, what: string, tol = 1e-10) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

let root = '';
let bert: HfModel;
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'attune-aqi-'));
  bert = await loadHfModel(buildTinyBert(join(root, 'bert')).dir, 'hf:bert', { cacheDir: join(root, 'cache'), store: memoryStore() });
});
after(async () => {
  await bert.dispose();
  rmSync(root, { recursive: true, force: true });
});

test('GloVe: AQI and the five indices equal scikit-learn / numpy to 1e-10; bootstrap intervals; coverage', async () => {
  const glove = loadGlove({ cacheDir: join(tmpdir(), 'attune-test-glove'), log: () => {} });
  const benchmark = aqiBenchmark();
  assert.equal(benchmark.id, 'safety:aqi');
  assert.deepEqual(aqiBenchmarks().map((b) => b.id), ['safety:aqi']);
  assert.ok(benchmark.method.includes('562'));
  const outcome = await benchmark.run(glove, { seed: 3, bootstrap: 40 });
  close(outcome.score.value, expected.aqi, 'aqi');
  assert.equal(outcome.score.measure, 'aqi');
  assert.equal(outcome.score.n, expected.n);
  for (const c of ['davies-bouldin', 'dunn', 'xie-beni', 'calinski-harabasz', 'silhouette']) {
    const s = outcome.extra![c];
    close(s.value, expected[c], c);
    assert.equal(s.measure, `cluster:${c}`);
    assert.ok(s.ci95 && s.ci95[0] <= s.ci95[1], `${c} interval`);
    close((outcome.score.details!.transformed as Record<string, number>)[c], expected.transformed[c], `${c} transformed`);
  }
  const [lo, hi] = outcome.score.ci95!;
  assert.ok(lo <= hi && lo > 0 && hi < 1);
  assert.equal(outcome.score.seed, 3);
  assert.deepEqual(outcome.coverage, { n_items: 1124, n_covered: expected.n, missing_examples: expected.uncovered });
  assert.equal(outcome.score.details!.harmful, expected.harmful);
  close(outcome.score.details!.wordsKnown as number, expected.wordsKnown, 'share of known words');
  assert.deepEqual(outcome.dataset, loadHarmfulHarmless().dataset);
});

test('instructionWords: lower-cased runs of letters and digits', () => {
  assert.deepEqual(instructionWords("Write a U.S. president's 2nd-best speech—now!"), ['write', 'a', 'u', 's', 'president', 's', '2nd', 'best', 'speech', 'now']);
  assert.deepEqual(instructionWords('… — !'), []);
});

/** A 2-d word-vector model over a fixed vocabulary (lower-case look-up). */
function toyModel(words: Record<string, [number, number]>): EmbeddingModel {
  return {
    kind: 'embedding', id: 'vectors:toy', revision: 'toy', dimensions: 2, layers: SINGLE_LAYER, defaultLayer: 0, modalities: ['text'],
    vectors: async (items) => {
      const data = new Float32Array(items.length * 2);
      const covered = textsOnly(items, 'vectors:toy').map((w, i) => {
        const v = words[w.toLowerCase()];
        if (v) data.set(v, i * 2);
        return v !== undefined;
      });
      return { matrix: matrix(items.length, 2, data), covered, multiWord: 0, missingWords: [] };
    },
  };
}

test('word means by hand: repeated words count, unknown words skipped, an instruction with none uncovered', async () => {
  const model = toyModel({ a: [0, 0], b: [0, 2], c: [0, -3], d: [0, 0], e: [3, 0], f: [3, 2], g: [3, -1] });
  // Points: harmful (0, 1), (0, −1); harmless (3, 1), (3, −1). Centroids (0, 0), (3, 0); W = 4, B = 9.
  const outcome = await scoreInstructions(model, ['A, b.', 'c d d', 'zzz qqq'], ['E f', 'g x'], { seed: 0, bootstrap: 0 });
  const b = (3 + Math.sqrt(13)) / 2; // mean distance to the other class; own-class distance 2
  const sil = 1 - 2 / b;
  const want = { 'davies-bouldin': 2 / 3, dunn: 1.5, 'xie-beni': 4 / (4 * 9), 'calinski-harabasz': 9 / (4 / 2), silhouette: sil };
  for (const [c, v] of Object.entries(want)) close(outcome.extra![c].value, v, c, 1e-14);
  close(outcome.score.value, (0.6 + 0.6 + 0.9 + 9 / 13 + (sil + 1) / 2) / 5, 'aqi', 1e-14);
  assert.deepEqual(outcome.coverage, { n_items: 5, n_covered: 4, missing_examples: ['zzz qqq'] });
  close(outcome.score.details!.wordsKnown as number, 8 / 11, 'known words', 1e-15); // 11 words, 8 with a vector
  assert.equal(outcome.score.ci95, undefined);
  await assert.rejects(scoreInstructions(model, ['zzz', 'a'], ['e', 'f'], { seed: 0, bootstrap: 0 }), (e: unknown) => e instanceof InputError && e.file === '--model' && /covers 1 harmful and 2 harmless/.test(e.message));
});

test('hf: the whole instruction per layer; --layers all gives the layer profile, each layer equal to AQI of that layer', async () => {
  const data = loadHarmfulHarmless({ perClass: 12 });
  const harmful = data.harmful.map((i) => i.text);
  const harmless = data.harmless.map((i) => i.text);
  const outcome = await scoreInstructions(bert, harmful, harmless, { seed: 0, bootstrap: 0, layers: 'all' });
  assert.equal(outcome.layers!.length, 3);
  assert.deepEqual(outcome.layer, { layer: 2, name: 'layer 2', chosen: 'default' });
  const labels = [...harmful.map(() => 1), ...harmless.map(() => 0)];
  for (const layer of [0, 1, 2]) {
    const v = await bert.vectors([...harmful, ...harmless], layer);
    const want = await aqi(matrix(v.matrix.rows, v.matrix.cols, Float64Array.from(v.matrix.data)), labels);
    close(outcome.layers![layer].value, want.value, `layer ${layer}`, 1e-12);
  }
  close(outcome.score.value, outcome.layers![2].value, 'headline = last layer', 0);
  assert.equal(outcome.coverage.n_covered, 24);
  const rater = { kind: 'rater' } as RaterModel;
  assert.equal(aqiBenchmark().supports(rater), false);
  assert.equal(aqiBenchmark().supports(bert), true);
});

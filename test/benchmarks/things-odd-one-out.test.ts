import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../../src/core/random.ts';
import { matrix } from '../../src/core/matrix.ts';
import { loadGlove } from '../../src/models/glove.ts';
import { SINGLE_LAYER, textsOnly, type EmbeddingModel } from '../../src/models/word-model.ts';
import { loadSposeEmbedding, loadThingsConcepts } from '../../src/data/datasets/things.ts';
import { drawTriplets, ODD_ONE_OUT_CHANCE, oddOneOut, sposeChoiceProbabilities, thingsOddOneOutBenchmark, THINGS_TRIPLETS } from '../../src/benchmarks/things-odd-one-out.ts';

// Expected values: test/fixtures/things/things_expected.py (numpy, with a Python port of the seeded RNG).
const expected = JSON.parse(readFileSync(new URL('../fixtures/things/things_expected.json', import.meta.url), 'utf8'));
const close = (a: number, b: number, what: string, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);
const concepts = loadThingsConcepts().concepts;
const spose = loadSposeEmbedding().matrix;

test('SPoSE choice model by hand: softmax over the pair similarities, the odd one outside the pair', () => {
  // Pair similarities s01 = 1, s02 = 2, s12 = 3: e¹, e², e³ = 2.718281828459045, 7.38905609893065, 20.085536923187668.
  const z = 2.718281828459045 + 7.38905609893065 + 20.085536923187668;
  const p = sposeChoiceProbabilities(1, 2, 3);
  close(p[0], 20.085536923187668 / z, 'odd 0 (pair 1–2 kept)'); // 0.6652409557748219
  close(p[1], 7.38905609893065 / z, 'odd 1 (pair 0–2 kept)'); // 0.24472847105479767
  close(p[2], 2.718281828459045 / z, 'odd 2 (pair 0–1 kept)'); // 0.09003057317038046
  close(p[0], 0.6652409557748219, 'softmax([1,2,3])[2]');
  const big = sposeChoiceProbabilities(1001, 1002, 1003); // no overflow: the same probabilities
  big.forEach((v, k) => close(v, p[k], `shifted ${k}`));
  assert.deepEqual(sposeChoiceProbabilities(0.5, 0.5, 0.5), [1 / 3, 1 / 3, 1 / 3]);
  assert.equal(oddOneOut(0.9, 0.1, 0.2), 2);
  assert.equal(oddOneOut(0.1, 0.9, 0.2), 1);
  assert.equal(oddOneOut(0.1, 0.2, 0.9), 0);
  assert.equal(oddOneOut(0.9, 0.9, 0.2), -1); // a tie for the most similar pair: no choice
});

test('triplets: distinct, sorted, seeded; all of them when there are few', () => {
  const t = drawTriplets(50, 300, createRng(5));
  const keys = new Set<string>();
  for (let q = 0; q < 300; q++) {
    const [i, j, k] = t.subarray(3 * q, 3 * q + 3);
    assert.ok(i < j && j < k && k < 50);
    keys.add(`${i},${j},${k}`);
  }
  assert.equal(keys.size, 300);
  assert.deepEqual(drawTriplets(50, 300, createRng(5)), t);
  assert.notDeepEqual(drawTriplets(50, 300, createRng(6)), t);
  assert.deepEqual(Array.from(drawTriplets(4, 10, createRng(1))), [0, 1, 2, 0, 1, 3, 0, 2, 3, 1, 2, 3]);
});

test('GloVe: triplets, accuracy and its interval exactly as numpy; probability, ceiling and chance-corrected normalized to 1e-12', async () => {
  const cacheDir = join(tmpdir(), 'attune-test-glove');
  mkdirSync(cacheDir, { recursive: true });
  const glove = loadGlove({ cacheDir, log: () => {} });
  const e = expected.odd;
  const covered = concepts.filter((c) => !expected.missing.includes(c.id));
  const t = drawTriplets(covered.length, THINGS_TRIPLETS, createRng(e.seed));
  assert.deepEqual([0, 1, 2].map((q) => Array.from(t.subarray(3 * q, 3 * q + 3), (i) => covered[i].id)), e.first_triplets);
  const out = await thingsOddOneOutBenchmark().run(glove, { seed: e.seed, bootstrap: e.bootstrap });
  assert.equal(out.score.value, e.correct / THINGS_TRIPLETS);
  assert.equal(out.score.value, e.accuracy);
  assert.deepEqual(out.score.ci95, e.accuracy_ci95);
  assert.equal(out.score.n, THINGS_TRIPLETS);
  assert.equal(out.score.measure, 'things:odd-one-out:accuracy-vs-spose-majority');
  close(out.score.ceiling!.value, e.ceiling, 'ceiling');
  assert.equal(ODD_ONE_OUT_CHANCE, 1 / 3);
  assert.equal((out.score.details as { chance: number }).chance, 1 / 3);
  assert.equal(out.score.normalized, (out.score.value - 1 / 3) / (out.score.ceiling!.value - 1 / 3)); // the formula, exactly
  close(out.score.normalized!, e.normalized, 'normalized = (accuracy - 1/3) / (ceiling - 1/3), numpy');
  assert.ok(Math.abs(out.score.normalized! - e.accuracy / e.ceiling) > 0.1, 'not the chance-blind accuracy / ceiling');
  const prob = out.extra!['spose-probability'];
  assert.equal(prob.normalized, (prob.value - 1 / 3) / (prob.ceiling!.value - 1 / 3));
  close(prob.normalized!, e.probability_normalized, 'probability normalized, numpy');
  assert.equal((prob.details as { chance: number }).chance, 1 / 3);
  close(prob.value, e.probability, 'mean SPoSE probability');
  close(prob.ci95![0], e.probability_ci95[0], 'probability ci low');
  close(prob.ci95![1], e.probability_ci95[1], 'probability ci high');
  assert.equal((out.score.details as { ties: number }).ties, e.ties);
  assert.equal(out.coverage.n_covered, expected.covered);
});

test('three concepts by hand: one triplet, the model keeps cat and dog, SPoSE probabilities from the rows', async () => {
  const vectors = new Map([['cat', [1, 0]], ['dog', [1, 0.1]], ['hammer', [0, 1]]]);
  const model: EmbeddingModel = {
    kind: 'embedding', id: 'fake', revision: 'fake-1', dimensions: 2, layers: SINGLE_LAYER, defaultLayer: 0, modalities: ['text'],
    vectors: async (items) => {
      const data = new Float32Array(items.length * 2);
      const covered = textsOnly(items, 'fake').map((w, i) => (vectors.has(w) ? (data.set(vectors.get(w)!, 2 * i), true) : false));
      return { matrix: matrix(items.length, 2, data), covered, multiWord: 0, missingWords: [] };
    },
  };
  const row = (id: string) => { const i = concepts.findIndex((c) => c.id === id); return Array.from(spose.data.subarray(i * 49, i * 49 + 49)); };
  const dot = (a: number[], b: number[]) => a.reduce((s, v, t) => s + v * b[t], 0);
  const [cat, dog, hammer] = ['cat', 'dog', 'hammer'].map(row); // concept order: cat < dog < hammer
  const sCatDog = dot(cat, dog), sCatHammer = dot(cat, hammer), sDogHammer = dot(dog, hammer);
  const z = Math.exp(sCatDog) + Math.exp(sCatHammer) + Math.exp(sDogHammer);
  const pHammerOdd = Math.exp(sCatDog) / z;
  assert.ok(pHammerOdd > Math.exp(sCatHammer) / z && pHammerOdd > Math.exp(sDogHammer) / z, 'SPoSE also leaves the hammer out');
  const out = await thingsOddOneOutBenchmark().run(model, { seed: 9, bootstrap: 10 });
  assert.equal(out.score.n, 1);
  assert.equal(out.score.value, 1);
  assert.deepEqual(out.score.ci95, [1, 1]);
  close(out.score.ceiling!.value, pHammerOdd, 'ceiling = max probability');
  close(out.score.normalized!, (1 - 1 / 3) / (pHammerOdd - 1 / 3), 'normalized: (1 - 1/3) / (ceiling - 1/3)');
  close(out.extra!['spose-probability'].value, pHammerOdd, 'probability of the model choice');
  assert.equal(out.coverage.n_covered, 3);
  assert.equal(out.coverage.n_items, 1854);
});

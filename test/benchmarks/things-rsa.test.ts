import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../../src/core/random.ts';
import { matrix } from '../../src/core/matrix.ts';
import { bootstrapOverStimuli } from '../../src/measures/rdm-inference.ts';
import { loadGlove } from '../../src/models/glove.ts';
import { memoryStore } from '../../src/models/answer-store.ts';
import { loadHfModel, type HfModel } from '../../src/models/hf/hf-model.ts';
import { SINGLE_LAYER, textsOnly, type EmbeddingModel } from '../../src/models/word-model.ts';
import { loadThingsConcepts, loadSposeEmbedding } from '../../src/data/datasets/things.ts';
import { thingsRsaBenchmark, THINGS_RSA_BOOTSTRAP } from '../../src/benchmarks/things-rsa.ts';
import { bootstrapSpearmanOverStimuli } from '../../src/benchmarks/things-rsa-bootstrap.ts';
import { thingsBenchmarks } from '../../src/benchmarks/things.ts';
import { buildTinyBert } from '../../test-support/tiny-models/tiny-bert.ts';

// Expected values: test/fixtures/things/things_expected.py (numpy/scipy, the stimulus bootstrap materialised).
const expected = JSON.parse(readFileSync(new URL('../fixtures/things/things_expected.json', import.meta.url), 'utf8'));
const close = (a: number, b: number, what: string, tol = 1e-10) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);
const concepts = loadThingsConcepts().concepts;
const spose = loadSposeEmbedding().matrix;

let root = '';
let bert: HfModel;
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'attune-things-rsa-'));
  bert = await loadHfModel(buildTinyBert(join(root, 'bert')).dir, 'hf:bert', { cacheDir: join(root, 'cache'), store: memoryStore() });
});
after(async () => {
  await bert.dispose();
  rmSync(root, { recursive: true, force: true });
});

/** A word-vector model knowing only `table` (lower-case words), one layer per entry of `layers`. */
function fakeModel(table: Map<string, number[]>, layers = 1): EmbeddingModel {
  const d = table.values().next().value!.length;
  return {
    kind: 'embedding', id: 'fake', revision: 'fake-1', dimensions: d,
    layers: layers === 1 ? SINGLE_LAYER : Array.from({ length: layers }, (_, l) => `layer ${l}`), defaultLayer: layers - 1, modalities: ['text'],
    vectors: async (items, layer = layers - 1) => {
      const data = new Float32Array(items.length * d);
      const covered = textsOnly(items, 'fake').map((item, i) => {
        const v = table.get(item.toLowerCase());
        if (v) data.set(v.map((x) => x * (layer + 1) + (layer === 0 ? 0 : x * x)), i * d);
        return v !== undefined;
      });
      return { matrix: matrix(items.length, d, data), covered, multiWord: 0, missingWords: [] };
    },
  };
}

test('GloVe: Spearman, Pearson and the concept-bootstrap interval equal numpy/scipy to 1e-10', async () => {
  const cacheDir = join(tmpdir(), 'attune-test-glove');
  mkdirSync(cacheDir, { recursive: true });
  const glove = loadGlove({ cacheDir, log: () => {} });
  const e = expected.rsa;
  const out = await thingsRsaBenchmark().run(glove, { seed: e.seed, bootstrap: e.bootstrap });
  close(out.score.value, e.spearman, 'spearman');
  close(out.extra!.pearson.value, e.pearson, 'pearson');
  close(out.score.ci95![0], e.ci95[0], 'ci low');
  close(out.score.ci95![1], e.ci95[1], 'ci high');
  assert.equal(out.score.measure, 'things:rsa:cosine-vs-spose-dot:spearman');
  assert.equal(out.score.n, expected.covered);
  assert.equal((out.score.details as { pairs: number }).pairs, e.pairs);
  assert.deepEqual(out.coverage, { n_items: 1854, n_covered: 1836, missing_examples: expected.missing, multi_word: 273 });
  assert.equal(out.dataset.id, 'things_spose_embedding');
  assert.match(out.score.warnings!.join(), /58 covered concepts share their name/);
  assert.equal(out.scatter!.model.length, 1000);
});

test('the weighted bootstrap equals measures/bootstrapOverStimuli (materialised resamples) on data with ties', () => {
  const m = 30;
  const g = createRng(4);
  const x = Float64Array.from({ length: (m * (m - 1)) / 2 }, () => g.int(12));
  const y = Float64Array.from(x, (v) => v + g.int(5));
  const fast = bootstrapSpearmanOverStimuli(x, y, m, 40, createRng(8));
  const reference = bootstrapOverStimuli(x, y, 'spearman', 40, createRng(8));
  assert.equal(reference.dropped, 0);
  fast.forEach((v, r) => close(v, reference.values[r], `resample ${r}`, 1e-12));
});

test('a small model: coverage, the resample cap, the transform in the measure id, too few concepts', async () => {
  const table = new Map<string, number[]>();
  for (let i = 0; i < 40; i++) table.set(concepts[i * 40].word, Array.from(spose.data.subarray(i * 40 * 49, i * 40 * 49 + 49)));
  const model = fakeModel(table);
  const out = await thingsRsaBenchmark().run(model, { seed: 3 });
  assert.equal(out.coverage.n_covered, concepts.filter((c) => table.has(c.word)).length); // 41: two concepts share a name
  assert.equal(out.coverage.n_covered, 41);
  assert.deepEqual(out.coverage.missing_examples.slice(0, 2), [concepts[1].id, concepts[2].id]);
  assert.equal((out.score.details as { bootstrap: number }).bootstrap, THINGS_RSA_BOOTSTRAP);
  assert.ok(out.score.ci95![0] <= out.score.value && out.score.value <= out.score.ci95![1]);
  const none = await thingsRsaBenchmark().run(model, { seed: 3, bootstrap: 0 });
  assert.equal(none.score.ci95, undefined);
  assert.equal(none.score.value, out.score.value);
  const topo = await thingsRsaBenchmark().run(model, { seed: 3, bootstrap: 0, transform: { lower: 0.1, upper: 0.9 } });
  assert.equal(topo.score.measure, 'things:rsa:cosine-vs-spose-dot:spearman:geotopological(0.1,0.9)');
  const tiny = fakeModel(new Map([['aardvark', [1, 0]], ['abacus', [0, 1]]]));
  await assert.rejects(thingsRsaBenchmark().run(tiny, { seed: 1 }), /covers 2 of 1854 concepts/);
});

test('hf: the tiny BERT per layer (--layers all); layer 2 against a plain Spearman of its own vectors', async () => {
  const out = await thingsRsaBenchmark().run(bert, { seed: 1, bootstrap: 0, layers: 'all' });
  assert.equal(out.layers!.length, 3);
  assert.equal(out.coverage.n_covered, 1854);
  const v = await bert.vectors(concepts.map((c) => c.word), 2);
  assert.equal(out.layers![2].value, out.score.value);
  close(out.score.value, plainSpearman(cosines(v.matrix.data, 1854, v.matrix.cols), sposeDots()), 'layer 2', 1e-9);
});

test('thingsBenchmarks: rsa, odd-one-out, then the 12 properties, each with a method text', () => {
  const all = thingsBenchmarks();
  assert.deepEqual(all.map((b) => b.id).slice(0, 4), ['things:rsa', 'things:odd-one-out', 'things:property:manmade', 'things:property:precious']);
  assert.equal(all.length, 14);
  assert.equal(all.at(-1)!.id, 'things:property:size');
  for (const b of all) assert.ok((b as { method?: string }).method!.length > 100, b.id);
});

/**
 * Cosines as dot products of unit vectors (each scaled by 1/√Σx², summed in order). The tiny BERT gives most
 * names the same tokens, so its 1.7M cosines take only ~634 distinct values: another rounding order (e.g.
 * dot/(|a||b|)) splits a tie and moves Spearman by 0.01, which is why the test rounds as the benchmark does.
 */
function cosines(data: ArrayLike<number>, n: number, d: number): number[] {
  const unit = (i: number) => {
    let ss = 0;
    for (let t = 0; t < d; t++) ss += data[i * d + t] ** 2;
    return Array.from({ length: d }, (_, t) => data[i * d + t] / Math.sqrt(ss));
  };
  const units = Array.from({ length: n }, (_, i) => unit(i));
  const out: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += units[i][t] * units[j][t];
    out.push(s);
  }
  return out;
}

function sposeDots(): number[] {
  const out: number[] = [];
  for (let i = 0; i < 1854; i++) for (let j = i + 1; j < 1854; j++) {
    let s = 0;
    for (let t = 0; t < 49; t++) s += spose.data[i * 49 + t] * spose.data[j * 49 + t];
    out.push(s);
  }
  return out;
}

/** Spearman by the textbook: average ranks from a sort, then Pearson. */
function plainSpearman(a: number[], b: number[]): number {
  const rank = (x: number[]) => {
    const order = x.map((_, i) => i).sort((p, q) => x[p] - x[q]);
    const r = new Array<number>(x.length);
    for (let s = 0; s < order.length; ) {
      let e = s;
      while (e + 1 < order.length && x[order[e + 1]] === x[order[s]]) e++;
      for (let k = s; k <= e; k++) r[order[k]] = (s + e) / 2 + 1;
      s = e + 1;
    }
    return r;
  };
  const ra = rank(a), rb = rank(b);
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const ma = mean(ra), mb = mean(rb);
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < ra.length; i++) {
    ab += (ra[i] - ma) * (rb[i] - mb);
    aa += (ra[i] - ma) ** 2;
    bb += (rb[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

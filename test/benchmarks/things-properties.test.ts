import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { matrix } from '../../src/core/matrix.ts';
import { SINGLE_LAYER, textsOnly, type EmbeddingModel } from '../../src/models/word-model.ts';
import { loadThingsConcepts } from '../../src/data/datasets/things.ts';
import { decodeNorms } from '../../src/benchmarks/norms-decoding.ts';
import { thingsPropertyBenchmark, thingsPropertyBenchmarks } from '../../src/benchmarks/things-properties.ts';

const concepts = loadThingsConcepts().concepts;
const close = (a: number, b: number, what: string, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

/** animacy.csv read by hand: uniqueID → the `${name}_mean` column. */
function animacy(name: string): Map<string, number> {
  const lines = readFileSync(new URL('../../data/things_property_ratings/animacy.csv', import.meta.url), 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.replace(/"/g, ''));
  const col = header.indexOf(`${name}_mean`);
  return new Map(lines.slice(1).map((l) => {
    const f = l.split(',').map((x) => x.replace(/"/g, ''));
    return [f[0], Number(f[col])];
  }));
}

/** Names of exactly one concept. */
const unique = new Set(concepts.map((c) => c.word).filter((w, i, all) => all.indexOf(w) === i && all.lastIndexOf(w) === i));

/** A model knowing the unique names of every 6th concept (and `extra` ids' names): vector [value from `feature`, tiny ripple]. */
function fakeModel(feature: Map<string, number>, extra: string[] = []): EmbeddingModel {
  const table = new Map<string, number[]>();
  concepts.forEach((c, i) => {
    if ((i % 6 === 0 && unique.has(c.word)) || extra.includes(c.id)) table.set(c.word, [feature.get(c.id) ?? 0, Math.sin(i) * 1e-3]);
  });
  return {
    kind: 'embedding', id: 'fake', revision: `fake-${extra.length}`, dimensions: 2, layers: SINGLE_LAYER, defaultLayer: 0, modalities: ['text'],
    vectors: async (items) => {
      const data = new Float32Array(items.length * 2);
      const covered = textsOnly(items, 'fake').map((w, i) => (table.has(w) ? (data.set(table.get(w)!, 2 * i), true) : false));
      return { matrix: matrix(items.length, 2, data), covered, multiWord: 0, missingWords: [] };
    },
  };
}

test('a model whose vectors hold the moves rating decodes moves almost perfectly, not lives (values matched by uniqueID)', async () => {
  const model = fakeModel(animacy('moves'));
  const moves = await thingsPropertyBenchmark('moves').run(model, { seed: 2, bootstrap: 50 });
  const lives = await thingsPropertyBenchmark('lives').run(model, { seed: 2, bootstrap: 50 });
  assert.ok(moves.score.value > 0.999, `moves ${moves.score.value}`); // 0.99999: the ripple and the folds' own fits
  assert.ok(lives.score.value < 0.5, `lives ${lives.score.value}`); // 0.29: what moves says about lives
  assert.equal(moves.score.measure, 'decode:ridge:kfold5:spearman');
  assert.equal(moves.coverage.n_covered, concepts.filter((c, i) => i % 6 === 0 && unique.has(c.word)).length);
  assert.equal(moves.dataset.id, 'things_property_ratings');
});

test('decoded together, each property equals decodeNorms on it alone (values, intervals, alphas, coverage)', async () => {
  const model = fakeModel(animacy('natural'));
  const words = concepts.map((c) => c.word);
  for (const name of ['natural', 'pleasant']) {
    const values = animacy(name);
    const alone = await decodeNorms(model, words, concepts.map((c) => values.get(c.id)!), { seed: 4, bootstrap: 30 });
    const shared = await thingsPropertyBenchmark(name).run(model, { seed: 4, bootstrap: 30 });
    close(shared.score.value, alone.score.value, `${name} spearman`);
    close(shared.score.ci95![0], alone.score.ci95![0], `${name} ci low`);
    close(shared.score.ci95![1], alone.score.ci95![1], `${name} ci high`);
    close(shared.extra!.pearson.value, alone.extra!.pearson.value, `${name} pearson`);
    assert.deepEqual((shared.score.details as { alphas: number[] }).alphas, (alone.score.details as { alphas: number[] }).alphas);
    assert.deepEqual(shared.coverage, alone.coverage);
  }
});

test('size: the 7 ambiguous concepts count as without a human value, never as covered', async () => {
  const ambiguous = ['baseball', 'baseball_bat', 'baseball_glove', 'basketball', 'basketball_hoop', 'crystal2', 'crystal_ball'];
  const model = fakeModel(new Map(), ambiguous);
  const out = await thingsPropertyBenchmark('size').run(model, { seed: 1, bootstrap: 0 });
  assert.equal(out.coverage.no_human_value, 7);
  assert.equal(out.coverage.n_items, 1854);
  assert.ok(out.coverage.n_covered > 250);
  assert.deepEqual(thingsPropertyBenchmarks().map((b) => b.id).slice(-2), ['things:property:arousing', 'things:property:size']);
  assert.throws(() => thingsPropertyBenchmark('colour'), /unknown THINGS property 'colour'/);
});

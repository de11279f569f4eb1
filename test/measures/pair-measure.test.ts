import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromRows, type Matrix } from '../../src/core/matrix.ts';
import { pairMeasureMinimum, pairMeasureParameters, parsePairMeasure, runPairMeasure } from '../../src/measures/pair-measure.ts';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url);
const readCsv = (name: string): Matrix =>
  fromRows(readFileSync(fixture(name), 'utf8').trim().split(/\r?\n/).map((line) => line.split(',').map(Number)));
// Every measure computed with numpy/scipy from the published definitions by test/fixtures/similarity/make_similarity.py.
const expected = JSON.parse(readFileSync(fixture('similarity/similarity_expected.json'), 'utf8')) as Record<
  'reference_pair' | 'well_posed_pair',
  { values: Record<string, number | number[]> }
>;

const IDS = [
  'cka:linear',
  'cka:linear:debiased',
  'cka:rbf:sigma0.8',
  'cka:rbf:sigma0.5:debiased',
  'svcca',
  'svcca:var0.9',
  'pwcca',
  'procrustes',
  'procrustes:angular',
  'knn:mutual:k5',
  'knn:cycle:k5',
  'cknna:k5',
  'knn:mutual:k10',
  'cknna:k10',
];

test('runPairMeasure: every id matches numpy/scipy on the reference pair and a 120-stimulus pair, and reports itself', async () => {
  const pairs = [
    { name: 'reference_pair' as const, x: readCsv('X_20x50.csv'), y: readCsv('Y_20x50.csv') },
    { name: 'well_posed_pair' as const, x: readCsv('similarity/A_120x30.csv'), y: readCsv('similarity/B_120x25.csv') },
  ];
  for (const { name, x, y } of pairs) {
    for (const id of IDS) {
      const score = await runPairMeasure(parsePairMeasure(id), x, y);
      const want = expected[name].values[id] as number;
      assert.ok(Math.abs(score.value - want) <= 1e-10 * Math.abs(want), `${name} ${id}: ${score.value} vs ${want}`);
      assert.equal(score.measure, id, `${name} ${id}`);
      assert.equal(score.n, x.rows);
    }
    for (const id of ['svcca', 'svcca:var0.9']) {
      const score = await runPairMeasure(parsePairMeasure(id), x, y);
      assert.deepEqual([score.details?.kx, score.details?.ky], expected[name].values[`${id}_dims`]);
    }
  }
});

test('parsePairMeasure: short forms take the defaults; parameters are reported with defaults filled in', () => {
  assert.deepEqual(parsePairMeasure('cka'), { family: 'cka', kernel: 'linear', debiased: false, threshold: undefined });
  assert.deepEqual(pairMeasureParameters(parsePairMeasure('cka:rbf')), { kernel: 'rbf', debiased: false, threshold: 0.8 });
  assert.deepEqual(pairMeasureParameters(parsePairMeasure('knn')), { kind: 'mutual', k: 10, normalize: false });
  assert.deepEqual(pairMeasureParameters(parsePairMeasure('knn:cycle:k3:l2norm')), { kind: 'cycle', k: 3, normalize: true });
  assert.deepEqual(pairMeasureParameters(parsePairMeasure('svcca:var0.5')), { varianceKept: 0.5 });
  assert.deepEqual(pairMeasureParameters(parsePairMeasure('procrustes:angular')), { angular: true });
  assert.equal(pairMeasureMinimum(parsePairMeasure('knn:k7')), 8);
  assert.equal(pairMeasureMinimum(parsePairMeasure('cknna:k2')), 4);
  for (const [id, why] of [
    ['cca', /unknown measure 'cca'/],
    ['cka:sigma0.5', /applies to cka:rbf only/],
    ['cka:linear:rbf', /linear and rbf both given/],
    ['knn:k5:k6', /'k' given twice/],
    ['knn:mutual:cycle', /mutual and cycle both given/],
    ['pwcca:var0.9', /'var0.9' is not a parameter of pwcca/],
    ['svcca:varx', /var needs a number/],
  ] as const) {
    assert.throws(() => parsePairMeasure(id), (e: unknown) => e instanceof RangeError && why.test(e.message), id);
  }
});

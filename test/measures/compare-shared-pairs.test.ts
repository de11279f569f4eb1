// compareRdmsOnSharedPairs against scipy on the pairs both RDMs have (test/fixtures/byo/make_byo.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readRdmFile } from '../../src/benchmarks/rdm-input.ts';
import { compareRdmsOnSharedPairs, sharedPairs } from '../../src/measures/compare-shared-pairs.ts';
import { compareRdms, COMPARE_METHODS } from '../../src/measures/compare.ts';
import { InvalidRdmError } from '../../src/measures/errors.ts';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/byo/${name}`, import.meta.url));
const byo = JSON.parse(readFileSync(fixture('byo_expected.json'), 'utf8')) as { behaviour_vs_model_euclidean: Record<string, number> };

test('every method on the 59 of 66 pairs both RDMs have equals scipy/numpy on those pairs', async () => {
  const behaviour = await readRdmFile(fixture('behaviour_nan.csv'), { missing: 'nan' });
  const model = await readRdmFile(fixture('model_euclidean.csv'));
  const expected = byo.behaviour_vs_model_euclidean;
  for (const method of COMPARE_METHODS) {
    const s = compareRdmsOnSharedPairs(behaviour.vector, model.vector, method);
    const want = method === 'rho-a' ? expected.spearman : expected[method];
    assert.ok(Math.abs(s.value - want) <= 1e-12, `${method}: ${s.value} vs ${want}`);
    assert.equal(s.n, 59);
    assert.deepEqual([s.details?.pairs_used, s.details?.pairs_total, s.details?.stimuli], [59, 66, 12]);
  }
});

test('complete RDMs give compareRdms exactly; too few shared pairs or a constant shared part are refused', () => {
  const a = [1, 2, 3, 4, 5, 6];
  const b = [2, 1, 4, 3, 6, 5];
  assert.equal(compareRdmsOnSharedPairs(a, b, 'spearman').value, compareRdms(a, b, 'spearman').value);
  assert.deepEqual(sharedPairs([1, NaN, 3], [NaN, 2, 3]), { a: Float64Array.of(3), b: Float64Array.of(3), used: 1, total: 3 });
  assert.throws(() => compareRdmsOnSharedPairs([1, NaN, NaN, 4, 5, 6], [1, 2, 3, NaN, NaN, 6], 'spearman'), InvalidRdmError);
  assert.throws(() => compareRdmsOnSharedPairs([1, NaN, 1, 1, 1, 1], b, 'corr'), /first RDM is constant on the 5 pairs both RDMs have/);
});

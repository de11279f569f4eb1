import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fitPowerLaw } from '../../src/cli/bench/power-law.ts';

interface Fixture { sizes: number[]; values: number[]; exponent: number; coefficient: number }
const fixtures = JSON.parse(readFileSync(new URL('../fixtures/bench/power_law_expected.json', import.meta.url), 'utf8')) as Fixture[];

test('fitPowerLaw gives numpy polyfit(log n, log v, 1) on noisy power laws and irregular sizes', () => {
  assert.equal(fixtures.length, 5);
  for (const f of fixtures) {
    const fit = fitPowerLaw(f.sizes, f.values);
    assert.ok(fit);
    assert.ok(Math.abs(fit.exponent - f.exponent) < 1e-12, `${fit.exponent} vs ${f.exponent}`);
    assert.ok(Math.abs(fit.coefficient / f.coefficient - 1) < 1e-10, `${fit.coefficient} vs ${f.coefficient}`);
    assert.equal(fit.points, f.sizes.length);
  }
});

test('fitPowerLaw recovers an exact power law (exponent and coefficient)', () => {
  const sizes = [250, 500, 1000, 2000, 4000, 8000];
  for (const [exponent, coefficient] of [[2, 1e-9], [1, 3], [1.5, 0.25], [0, 7]]) {
    const fit = fitPowerLaw(sizes, sizes.map((n) => coefficient * n ** exponent));
    assert.ok(fit);
    assert.ok(Math.abs(fit.exponent - exponent) < 1e-12);
    assert.ok(Math.abs(fit.coefficient / coefficient - 1) < 1e-10);
  }
});

test('fitPowerLaw leaves out zero and non-finite values, and needs two distinct sizes', () => {
  // n² except a zero and a NaN that must be ignored.
  const fit = fitPowerLaw([100, 200, 400, 800], [0, 4e4, NaN, 64e4]);
  assert.ok(fit);
  assert.equal(fit.points, 2);
  assert.ok(Math.abs(fit.exponent - 2) < 1e-12);
  assert.equal(fitPowerLaw([100, 200], [0, 5]), null);
  assert.equal(fitPowerLaw([100, 100], [1, 2]), null);
  assert.throws(() => fitPowerLaw([100, 200], [1]), RangeError);
  assert.throws(() => fitPowerLaw([0, 200], [1, 2]), RangeError);
});

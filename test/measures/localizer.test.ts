import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromRows } from '../../src/core/matrix.ts';
import { topUnits, welchT } from '../../src/measures/localizer.ts';

const expected = JSON.parse(readFileSync(new URL('../fixtures/localizer/welch_expected.json', import.meta.url), 'utf8')) as {
  a: number[][]; b: number[][]; t: (number | null)[];
};

test("welchT equals scipy's ttest_ind(equal_var=False) per unit; a constant unit gives NaN", () => {
  const t = welchT(fromRows(expected.a), fromRows(expected.b));
  expected.t.forEach((want, j) => {
    if (want === null) assert.ok(Number.isNaN(t[j]), `unit ${j}`);
    else assert.ok(Math.abs(t[j] - want) <= 1e-12 * Math.max(1, Math.abs(want)), `unit ${j}: ${t[j]} vs ${want}`);
  });
});

test('topUnits: the largest t first, NaN never before a number, at least one unit, ascending indices', () => {
  assert.deepEqual(topUnits([0.5, 3, NaN, 2, -1, 2], 0.5), [1, 3, 5]);
  assert.deepEqual(topUnits([NaN, 1], 0.01), [1]);
  assert.throws(() => topUnits([1], 0), /fraction/);
});

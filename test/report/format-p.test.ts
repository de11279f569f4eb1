import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatP } from '../../src/report/format-p.ts';

test('p-values for people: below 0.0001 as a bound, else three significant digits', () => {
  assert.equal(formatP(0.00001), 'p < 0.0001');
  assert.equal(formatP(0.0001), 'p = 0.0001');
  assert.equal(formatP(0.0312456), 'p = 0.0312');
  assert.equal(formatP(0.5), 'p = 0.5');
  assert.equal(formatP(1 / 1001), 'p = 0.000999');
  assert.equal(formatP(1), 'p = 1');
  assert.equal(formatP(undefined), '-');
  assert.equal(formatP(Number.NaN), '-');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matrix } from '../../src/core/matrix.ts';
import { rowCosines } from '../../src/measures/row-cosines.ts';

test('row cosines by hand, a zero row gives NaN, row subsets', () => {
  const a = matrix(3, 2, Float32Array.from([1, 0, 3, 4, 0, 0]));
  const b = matrix(3, 2, Float32Array.from([0, 1, 4, 3, 1, 1]));
  const c = rowCosines(a, b);
  assert.equal(c[0], 0);
  assert.equal(c[1], 24 / 25);
  assert.ok(Number.isNaN(c[2]));
  assert.deepEqual(Array.from(rowCosines(a, b, [1])), [24 / 25]);
});

// Column copies of a row-major matrix: a range of columns and selected columns equal entry-by-entry indexing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, columnRange, matrix, selectColumns } from '../../src/core/matrix.ts';

const m = matrix(3, 5, Float64Array.from({ length: 15 }, (_, k) => k * 1.5 - 4));

test('columnRange copies columns [j0, j1) row by row; the whole range is the matrix itself', () => {
  const part = columnRange(m, 1, 4);
  assert.deepEqual([part.rows, part.cols], [3, 3]);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) assert.equal(at(part, i, j), at(m, i, j + 1));
  assert.equal(columnRange(m, 0, 5), m);
  assert.equal(columnRange(m, 2, 2).data.length, 0);
});

test('selectColumns takes the columns in the order given', () => {
  const picked = selectColumns(m, [4, 0, 4]);
  for (let i = 0; i < 3; i++) assert.deepEqual([at(picked, i, 0), at(picked, i, 1), at(picked, i, 2)], [at(m, i, 4), at(m, i, 0), at(m, i, 4)]);
});

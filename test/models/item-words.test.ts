import { test } from 'node:test';
import assert from 'node:assert/strict';
import { itemWords, meanVectors } from '../../src/models/item-words.ts';

const vocab = new Map<string, number[]>([
  ['ice', [1, 2, 3]],
  ['cream', [3, 4, 5]],
  ['t-shirt', [1, 1, 1]],
  ['sea', [0, 0, 2]],
  ['lion', [1, 0.1, 0]],
  ['address', [7, 8, 9]],
]);
const lookup = (w: string): number[] | undefined => vocab.get(w);
const known = (w: string): boolean => vocab.has(w);

test('itemWords: sense suffix dropped, spaces split, hyphens kept when known else split', () => {
  assert.deepEqual(itemWords('address (postal)'), ['address']);
  assert.deepEqual(itemWords('address (speak to)'), ['address']);
  assert.deepEqual(itemWords('  ice   cream '), ['ice', 'cream']);
  assert.deepEqual(itemWords('t-shirt', known), ['t-shirt']);
  assert.deepEqual(itemWords('sea-lion', known), ['sea', 'lion']);
  assert.deepEqual(itemWords('sea-lion'), ['sea-lion']); // no vocabulary: hyphens kept
  assert.deepEqual(itemWords('(aside)'), ['(aside)']); // nothing but a parenthesis: kept as is
  assert.deepEqual(itemWords(''), []);
});

test('meanVectors: float32 mean of the words, covered only when all words are known', () => {
  const items = ['ice cream', 'address (postal)', 'sea-lion', 'ice unknownword', 'nothing', '', 't-shirt'];
  const v = meanVectors(items, lookup, 3);
  assert.equal(v.matrix.rows, 7);
  assert.equal(v.matrix.cols, 3);
  assert.ok(v.matrix.data instanceof Float32Array);
  assert.deepEqual(v.covered, [true, true, true, false, false, false, true]);
  // (1+3)/2, (2+4)/2, (3+5)/2
  assert.deepEqual(Array.from(v.matrix.data.subarray(0, 3)), [2, 3, 4]);
  assert.deepEqual(Array.from(v.matrix.data.subarray(3, 6)), [7, 8, 9]);
  // (0+1)/2, (0+0.1)/2 = 0.05 rounded to float32, (2+0)/2
  assert.deepEqual(Array.from(v.matrix.data.subarray(6, 9)), [0.5, Math.fround(0.05), 1]);
  assert.deepEqual(Array.from(v.matrix.data.subarray(9, 18)), new Array(9).fill(0));
  assert.deepEqual(Array.from(v.matrix.data.subarray(18, 21)), [1, 1, 1]);
  assert.equal(v.multiWord, 2); // 'ice cream', 'ice unknownword' ('sea-lion' and 'address (postal)' are one word)
  assert.deepEqual(v.missingWords, ['unknownword', 'nothing']);
});

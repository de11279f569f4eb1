import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatShare, insufficientCoverage, MIN_COVERED_ITEMS, MIN_COVERED_SHARE } from '../../src/run/coverage-floor.ts';

test('coverage shares never round a partial coverage up to 100% nor a non-zero one down to 0%', () => {
  assert.equal(formatShare(4680, 4682), '99.96%');
  assert.equal(formatShare(999, 999), '100.0%');
  assert.equal(formatShare(987, 999), '98.8%');
  assert.equal(formatShare(199999, 200000), '99.999%');
  assert.equal(formatShare(1, 100000), '0.001%');
  assert.equal(formatShare(0, 10), '0.0%');
  assert.equal(formatShare(0, 0), '-');
});

test('the floor: at least 20 covered items and half the data set; below it the row says why', () => {
  assert.deepEqual([MIN_COVERED_ITEMS, MIN_COVERED_SHARE], [20, 0.5]);
  assert.equal(insufficientCoverage({ n_items: 353, n_covered: 353 }), undefined);
  assert.equal(insufficientCoverage({ n_items: 30, n_covered: 20 }), undefined);
  assert.equal(insufficientCoverage({ n_items: 353, n_covered: 3 }), 'insufficient coverage: 3 of 353 items (0.8%); the floor is 20 items and 50% of the data set');
  assert.match(insufficientCoverage({ n_items: 31124, n_covered: 10 })!, /10 of 31124 items \(0\.03%\)/);
  assert.match(insufficientCoverage({ n_items: 1000, n_covered: 400 })!, /400 of 1000 items \(40\.0%\)/, 'enough items, too small a share');
  assert.match(insufficientCoverage({ n_items: 12, n_covered: 12 })!, /12 of 12 items/, 'all items, too few of them');
});

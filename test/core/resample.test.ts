import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/random.ts';
import { atLeastAsExtreme, bootstrap, bootstrapIndices, percentileInterval, percentiles, permutationPValue } from '../../src/core/resample.ts';

test('percentileInterval: numpy linear interpolation, hand-computed', () => {
  // n = 5: virtual index (n−1)·q = 0.1 and 3.9.
  //   2.5%: 1 + (2 − 1)·0.1 = 1.1;  97.5%: t = 0.9 ≥ 0.5, so numpy takes 5 − (5 − 4)·(1 − 0.9) = 4.9.
  assert.deepEqual(percentileInterval([1, 2, 3, 4, 5]), [1.1, 4.9]);
  // Unsorted input, n = 3: indexes 0.05 and 1.95 → 1.05 and 3 − 0.05 = 2.95.
  assert.deepEqual(percentileInterval([3, 1, 2]), [1.05, 2.95]);
  // One value: both ends are that value.
  assert.deepEqual(percentileInterval([10]), [10, 10]);
  // Sorted: −1.25, −0.5, 0.1, 0.3, 0.7, 0.9, 1.75, 2.5, 3.3, 4.0 (n = 10: indexes 0.225 and 8.775):
  //   −1.25 + 0.75·0.225 = −1.08125;  4.0 − 0.7·(1 − 0.775) = 3.8425 (3.8425000000000002 in float64).
  const v = [0.3, -1.25, 2.5, 0.7, 0.1, 4.0, -0.5, 1.75, 0.9, 3.3];
  assert.deepEqual(percentileInterval(v), [-1.08125, 3.8425000000000002]);
  // The same numbers np.percentile(v, [5, 95]) and [0, 50, 100] give.
  assert.deepEqual(percentileInterval(v, 0.9), [-0.9125, 3.684999999999999]);
  assert.deepEqual(percentiles(v, [0, 50, 100]), [-1.25, 0.8, 4.0]);
  // Indexes that land on whole numbers (40·0.025 = 1, 40·0.975 = 39) take the element itself.
  const x = Array.from({ length: 41 }, (_, i) => i * 0.1);
  assert.deepEqual(percentileInterval(x), [x[1], x[39]]);
});

test('percentiles: NaN propagates as in numpy; bad arguments throw', () => {
  const [lo, hi] = percentileInterval([1, NaN, 3]);
  assert.ok(Number.isNaN(lo) && Number.isNaN(hi));
  assert.throws(() => percentileInterval([]), RangeError);
  assert.throws(() => percentileInterval([1, 2], 1), RangeError);
  assert.throws(() => percentiles([1, 2], [101]), RangeError);
});

test('bootstrapIndices: n draws in [0, n), reproducible', () => {
  const a = bootstrapIndices(50, createRng(1));
  const b = bootstrapIndices(50, createRng(1));
  assert.equal(a.length, 50);
  assert.ok(a.every((i) => i < 50));
  assert.deepEqual(a, b);
  // With replacement: 50 draws from 50 repeat some index (all distinct has probability 50!/50^50).
  assert.ok(new Set(a).size < 50);
});

test('bootstrap: reproducible replicates, interval from the percentiles of the replicates', () => {
  const data = Array.from({ length: 40 }, (_, i) => Math.sin(i) * 3 + i / 10);
  const meanOf = (idx: Uint32Array) => {
    let s = 0;
    for (const i of idx) s += data[i];
    return s / idx.length;
  };
  const r1 = bootstrap(data.length, meanOf, { reps: 500, seed: 7 });
  const r2 = bootstrap(data.length, meanOf, { reps: 500, seed: 7 });
  assert.deepEqual(r1.values, r2.values);
  assert.equal(r1.values.length, 500);
  assert.equal(r1.nonFinite, 0);
  assert.deepEqual(r1.ci95, percentileInterval(r1.values));
  // The replicates are means of resamples drawn from the stream of seed 7, in order.
  const rng = createRng(7);
  assert.equal(r1.values[0], meanOf(bootstrapIndices(40, rng)));
  assert.equal(r1.values[1], meanOf(bootstrapIndices(40, rng)));
  const sampleMean = data.reduce((s, v) => s + v, 0) / data.length;
  assert.ok(r1.ci95[0] < sampleMean && sampleMean < r1.ci95[1]);
  assert.equal(bootstrap(5, () => 1).reps, 1000);
});

test('bootstrap: non-finite replicates are counted and left out of the interval', () => {
  let call = 0;
  const r = bootstrap(10, () => (call++ % 4 === 0 ? NaN : call % 7 === 0 ? Infinity : call), { reps: 100, seed: 3 });
  const finite = Array.from(r.values).filter(Number.isFinite);
  assert.equal(r.nonFinite, 100 - finite.length);
  assert.ok(r.nonFinite >= 25);
  assert.deepEqual(r.ci95, percentileInterval(finite));
  const none = bootstrap(10, () => NaN, { reps: 20 });
  assert.equal(none.nonFinite, 20);
  assert.ok(Number.isNaN(none.ci95[0]) && Number.isNaN(none.ci95[1]));
});

test('permutationPValue: (count + 1) / (reps + 1), by alternative', () => {
  const nulls = [0.1, 0.6, 0.5, -0.7];
  assert.equal(permutationPValue(0.5, nulls), 3 / 5); // 0.6 and 0.5 are ≥ 0.5
  assert.equal(permutationPValue(0.5, nulls, 'less'), 4 / 5); // 0.1, 0.5, −0.7
  assert.equal(permutationPValue(0.5, nulls, 'two-sided'), 4 / 5); // |0.6|, |0.5|, |−0.7|
  assert.equal(permutationPValue(10, nulls), 1 / 5);
  assert.ok(Number.isNaN(permutationPValue(NaN, nulls)));
  assert.throws(() => permutationPValue(0.5, [0.1, NaN]), RangeError);
});

test('one tie rule: null values within 1e-12·max(1, |observed|) of the observed one count as at least as extreme', () => {
  // A relabelling summed in another order can miss the observed value by a few ulps: it is a tie.
  const observed = 0.3;
  const tie = 0.3 - 4 * 2 ** -54;
  assert.ok(atLeastAsExtreme(tie, observed));
  assert.ok(atLeastAsExtreme(observed - 0.9e-12, observed));
  assert.ok(!atLeastAsExtreme(observed - 1.1e-12, observed));
  assert.ok(atLeastAsExtreme(observed + 0.9e-12, observed, 'less'));
  assert.ok(!atLeastAsExtreme(observed + 1.1e-12, observed, 'less'));
  assert.ok(atLeastAsExtreme(-observed + 0.9e-12, observed, 'two-sided'));
  // relative beyond |observed| = 1
  assert.ok(atLeastAsExtreme(1000 - 0.9e-9, 1000));
  assert.ok(!atLeastAsExtreme(1000 - 1.1e-9, 1000));
  // permutationPValue counts by the same rule
  assert.equal(permutationPValue(observed, [tie, 0.1, observed - 1e-6]), 2 / 4);
  assert.equal(permutationPValue(observed, [observed + 1e-13], 'less'), 2 / 2);
});

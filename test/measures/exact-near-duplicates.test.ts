// Near-duplicate rows (one perturbed by 1e-6, one by 1e-9, an exact copy, an exact multiple): no dissimilarity is
// negative, and every one is exact to 1e-10 relative — the pairs the inner-product route cannot resolve are
// recomputed from the rows' differences (measures/near-pairs.ts) — while the exact zeros (the copy; the multiple
// under 1 − r and 1 − cos) read 0 or within the route's absolute resolution (≤ 1e-15 here).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rdmVector } from '../../src/measures/rdm.ts';
import { pairIndex } from '../../src/measures/rdm-vector.ts';
import { exact, features, maxAbsErr, maxRelErr } from '../../test-support/exact-fixture.ts';

const { x, correlation, cosine, euclidean } = exact.near_duplicates;
const RESOLUTION = 1e-15;

/** Entries whose exact value is at least `floor`. */
function above(values: number[], floor: number): number[] {
  return values.flatMap((v, k) => (v >= floor ? [k] : []));
}

test('correlation and cosine RDMs with near-duplicate rows: in [0, 2], exact above the resolution, within it below', async () => {
  for (const [method, want] of [['correlation', correlation], ['cosine', cosine]] as const) {
    for (const backend of ['ts', 'ort'] as const) {
      const v = await rdmVector(features(x), method, { backend });
      const label = `${method} ${backend}`;
      assert.ok(v.every((d) => d >= 0 && d <= 2), `${label}: ${Math.min(...v)}`);
      const nonzero = above(want, Number.MIN_VALUE);
      assert.ok(nonzero.some((k) => want[k] < 1e-12), `${label}: the fixture has pairs below the inner-product route's resolution`);
      assert.ok(maxRelErr(nonzero.map((k) => v[k]), nonzero.map((k) => want[k])) <= 1e-10, `${label}: rel err ${maxRelErr(nonzero.map((k) => v[k]), nonzero.map((k) => want[k]))}`);
      assert.ok(maxAbsErr(v, want) <= RESOLUTION, `${label}: abs err ${maxAbsErr(v, want)}`);
    }
  }
});

test('an exact copy and an exact multiple of a row read 0 (1 − r and 1 − cos), never −ε', async () => {
  const copy = pairIndex(2, 7, x.length);
  const multiple = pairIndex(3, 8, x.length);
  for (const method of ['correlation', 'cosine'] as const) {
    for (const backend of ['ts', 'ort'] as const) {
      const v = await rdmVector(features(x), method, { backend });
      assert.ok(v[copy] >= 0 && v[copy] <= RESOLUTION, `${method} ${backend} copy: ${v[copy]}`);
      assert.ok(v[multiple] >= 0 && v[multiple] <= RESOLUTION, `${method} ${backend} multiple: ${v[multiple]}`);
    }
  }
});

test('euclidean RDM with near-duplicate rows is ≥ 0 and exact to 1e-10 relative, the copy exactly 0', async () => {
  for (const backend of ['ts', 'ort'] as const) {
    const v = await rdmVector(features(x), 'euclidean', { backend });
    assert.ok(v.every((d) => d >= 0), `${backend}: ${Math.min(...v)}`);
    const nonzero = above(euclidean, Number.MIN_VALUE);
    assert.ok(maxRelErr(nonzero.map((k) => v[k]), nonzero.map((k) => euclidean[k])) <= 1e-10, backend);
    assert.equal(v[pairIndex(2, 7, x.length)], 0);
  }
});

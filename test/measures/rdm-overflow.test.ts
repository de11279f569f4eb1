// Features near the ends of float64: a power-of-two rescale avoids overflow where the result exists; a result that
// does not fit float64 is an InvalidInputError naming the pair, never an Infinity or NaN in the RDM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows, matrix, type Matrix } from '../../src/core/matrix.ts';
import { rdmVector } from '../../src/measures/rdm.ts';
import { crossnobisRdm } from '../../src/measures/crossnobis.ts';
import { InvalidInputError } from '../../src/measures/errors.ts';
import { exact, features, maxRelErr } from '../../test-support/exact-fixture.ts';

const scaled = (m: Matrix, factor: number) => matrix(m.rows, m.cols, m.data.map((v) => v * factor));
const X = features(exact.near_duplicates.x);

/** X with row i scaled by 2^exponents[i mod length]. */
function rowsScaled(m: Matrix, exponents: number[]): Matrix {
  return matrix(m.rows, m.cols, m.data.map((v, k) => v * 2 ** exponents[Math.floor(k / m.cols) % exponents.length]));
}

test('cosine and correlation do not change under row scales however extreme (2^±1000): to the bit, but for the near-duplicate pairs recomputed from differences', async () => {
  for (const method of ['cosine', 'correlation'] as const) {
    for (const backend of ['ts', 'ort'] as const) {
      const plain = await rdmVector(X, method, { backend });
      for (const exponents of [[1000], [-1000], [1000, 0, -1000]]) {
        const got = await rdmVector(rowsScaled(X, exponents), method, { backend });
        got.forEach((v, k) => {
          const label = `${method} ${backend} 2^${exponents} pair ${k}`;
          // Pairs above the near-pair threshold (1e-5) take the Gram route, which does not see a row's scale; the
          // recomputed ones (near-duplicates) take the rows' difference, which does: they agree to 1e-10 relative,
          // and the exact zeros (a copy, a multiple) stay within 1e-15.
          if (plain[k] >= 1e-5) assert.equal(v, plain[k], label);
          else assert.ok(Math.abs(v - plain[k]) <= Math.max(1e-15, 1e-10 * plain[k]), `${label}: ${v} vs ${plain[k]}`);
        });
      }
    }
  }
});

test('euclidean of features whose squares overflow is rescaled, exact when the distances fit float64', async () => {
  const { x, rdm } = exact.euclidean['1e4'];
  // Values ≈ 1e4·2^1010 ≈ 1e308: every square overflows, the distances (spread 2^1010) are ≈ 2^2020/p: too large.
  await assert.rejects(rdmVector(scaled(features(x), 2 ** 1010), 'euclidean'), (e: Error) => {
    assert.ok(e instanceof InvalidInputError);
    assert.match(e.message, /euclidean dissimilarity of rows \d+ and \d+ is Infinity: it overflows float64/);
    return true;
  });
  // Spread 2^500: squares of the values (≈ 2^1013) overflow their sums, the distances (≈ 2^1000) do not.
  const v = await rdmVector(scaled(features(x), 2 ** 500), 'euclidean');
  assert.ok(v.every(Number.isFinite));
  assert.ok(maxRelErr(v, rdm.map((d) => d * 2 ** 1000)) <= 1e-10);
});

test('values near 1e308 whose distance overflows are an InvalidInputError, not inf or nan cells', async () => {
  const big = fromRows([[1e308, 1e308], [-1e308, -1e308], [0, 1]]);
  for (const backend of ['ts', 'ort'] as const) {
    await assert.rejects(rdmVector(big, 'euclidean', { backend }), /rows 0 and 1 is Infinity: it overflows float64/);
  }
  const noise = fromRows([[1e308, 0], [0, 1e308]]);
  await assert.rejects(rdmVector(fromRows([[1, 2], [3, 5], [4, 4]]), 'mahalanobis', { noise }), /mahalanobis dissimilarity .* overflows/);
  await assert.rejects(crossnobisRdm(fromRows([[1e308, 0], [-1e308, 0], [1e308, 1], [-1e308, 1]]), [0, 1, 0, 1], [0, 0, 1, 1]), /crossnobis dissimilarity .* overflows/);
  // the bad-entry error of non-finite input is unchanged
  await assert.rejects(rdmVector(fromRows([[1, Infinity], [1, 2]]), 'euclidean'), /entry \(0, 1\) is Infinity/);
});

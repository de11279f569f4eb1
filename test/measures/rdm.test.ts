import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromRows, matrix, type Matrix } from '../../src/core/matrix.ts';
import { averageByCondition, rdmVector } from '../../src/measures/rdm.ts';
import { InvalidInputError } from '../../src/measures/errors.ts';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url);
const readCsv = (name: string): Matrix =>
  fromRows(readFileSync(fixture(name), 'utf8').trim().split(/\r?\n/).map((line) => line.split(',').map(Number)));
const expected = JSON.parse(readFileSync(fixture('rsa_expected.json'), 'utf8')) as {
  rdms: Record<string, { vector: number[]; n_cond: number }>;
};

/** Largest |a − b| / max(|b|, 1e-300) over the entries (relative error against the reference). */
function maxRelErr(actual: ArrayLike<number>, reference: ArrayLike<number>): number {
  assert.equal(actual.length, reference.length);
  let worst = 0;
  for (let k = 0; k < actual.length; k++) {
    worst = Math.max(worst, Math.abs(actual[k] - reference[k]) / Math.max(Math.abs(reference[k]), 1e-300));
  }
  return worst;
}

const X = readCsv('X_20x50.csv');
const Y = readCsv('Y_20x50.csv');
const Xrep = readCsv('Xrep_80x50.csv');
const condRun = fromRows(
  readFileSync(fixture('Xrep_labels.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(',').map(Number)),
);
const noiseDiag = Array.from({ length: 50 }, (_, j) => j * (1 / 49) + 0.5); // np.linspace(0.5, 1.5, 50): arange·step + start

test('euclidean and correlation RDMs match rsatoolbox (both GEMM backends)', async () => {
  for (const backend of ['ts', 'ort'] as const) {
    for (const [data, name] of [[X, 'X'], [Y, 'Y']] as const) {
      for (const method of ['euclidean', 'correlation'] as const) {
        const v = await rdmVector(data, method, { backend });
        const err = maxRelErr(v, expected.rdms[`${name}_${method}`].vector);
        assert.ok(err <= 1e-10, `${name} ${method} ${backend}: rel err ${err}`);
      }
    }
  }
});

test('correlation RDMs on ORT match rsatoolbox whether the rows are shifted a little (Gram path) or a lot (centred copy)', async () => {
  // Adding a constant to a row leaves its correlations alone. A shift of half the row's standard
  // deviation keeps p·m² ≤ centred sum of squares (centred from the Gram matrix); 10⁶ of them does not.
  for (const factor of [0.5, 1e6]) {
    const shifted = matrix(X.rows, X.cols, Float64Array.from(X.data));
    for (let i = 0; i < X.rows; i++) {
      const row = Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols));
      const mean = row.reduce((a, b) => a + b, 0) / X.cols;
      const sd = Math.sqrt(row.reduce((a, b) => a + (b - mean) ** 2, 0) / X.cols);
      for (let j = 0; j < X.cols; j++) shifted.data[i * X.cols + j] += factor * sd - mean;
    }
    const v = await rdmVector(shifted, 'correlation', { backend: 'ort' });
    const err = maxRelErr(v, expected.rdms.X_correlation.vector);
    assert.ok(err <= (factor > 1 ? 1e-9 : 1e-12), `shift ${factor}·sd: rel err ${err}`);
  }
});

test('correlation RDMs of small float64 inputs equal rsatoolbox bit for bit (numpy summation order)', async () => {
  for (const [data, name] of [[X, 'X'], [Y, 'Y']] as const) {
    const v = await rdmVector(data, 'correlation', { backend: 'ts' });
    const want = expected.rdms[`${name}_correlation`].vector;
    assert.equal(v.length, 190);
    for (let k = 0; k < v.length; k++) assert.equal(v[k], want[k], `${name}_correlation entry ${k}`);
    // without a forced backend, size picks the same exact path
    assert.deepEqual(await rdmVector(data, 'correlation'), v);
  }
  // a constant row is still an error on this path, even when its numpy mean does not subtract to zeros
  // (python3 -c "import numpy as np; print(np.full(10, 0.3).mean() == 0.3)" prints False)
  const constant = fromRows([Array(10).fill(0.3), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]);
  await assert.rejects(rdmVector(constant, 'correlation'), /row 0 is constant/);
});

test('mahalanobis RDM with a diagonal precision matches rsatoolbox, as a vector or a full matrix', async () => {
  const full = matrix(50, 50);
  noiseDiag.forEach((d, j) => (full.data[j * 50 + j] = d));
  for (const noise of [noiseDiag, full]) {
    const v = await rdmVector(X, 'mahalanobis', { noise });
    const err = maxRelErr(v, expected.rdms.X_mahalanobis_noise.vector);
    assert.ok(err <= 1e-10, `mahalanobis rel err ${err}`);
  }
});

test("averageByCondition then euclidean matches rsatoolbox's descriptor='cond' RDM", async () => {
  const conds = Array.from({ length: condRun.rows }, (_, i) => condRun.data[i * 2]);
  const { means, conditions } = averageByCondition(Xrep, conds);
  assert.deepEqual(conditions, Array.from({ length: 20 }, (_, i) => i));
  const err = maxRelErr(await rdmVector(means, 'euclidean'), expected.rdms.Xrep_euclidean_avg.vector);
  assert.ok(err <= 1e-10, `rel err ${err}`);
});

test('cosine RDM is 1 − cosine similarity (hand values)', async () => {
  const f = fromRows([[1, 0], [0, 2], [3, 3], [-1, 0]]);
  const v = await rdmVector(f, 'cosine');
  const r = Math.SQRT1_2;
  const want = [1, 1 - r, 2, 1 - r, 1, 1 + r];
  assert.ok(maxRelErr(v, want) <= 1e-15, `${Array.from(v)}`);
  for (const backend of ['ts', 'ort'] as const) {
    await assert.rejects(rdmVector(fromRows([[1, 0], [0, 0], [3, 3]]), 'cosine', { backend }), /row 1 is all zeros/);
  }
});

test('euclidean hand case and float32 input', async () => {
  const rows = [[0, 0, 0], [1, 2, 2], [3, 0, 4]];
  const want = [9 / 3, 25 / 3, (4 + 4 + 4) / 3];
  assert.ok(maxRelErr(await rdmVector(fromRows(rows), 'euclidean'), want) <= 1e-15);
  const f32 = matrix(3, 3, Float32Array.from(rows.flat()));
  assert.ok(maxRelErr(await rdmVector(f32, 'euclidean'), want) <= 1e-6);
  const x32 = matrix(X.rows, X.cols, Float32Array.from(X.data));
  assert.ok(maxRelErr(await rdmVector(x32, 'correlation'), expected.rdms.X_correlation.vector) <= 1e-5);
  assert.ok(maxRelErr(await rdmVector(x32, 'euclidean'), expected.rdms.X_euclidean.vector) <= 1e-5);
});

test('bad input throws InvalidInputError', async () => {
  await assert.rejects(rdmVector(fromRows([[1, 2]]), 'euclidean'), InvalidInputError);
  await assert.rejects(rdmVector(fromRows([[1, NaN], [1, 2]]), 'euclidean'), /entry \(0, 1\) is NaN/);
  await assert.rejects(rdmVector(fromRows([[1, 1], [1, 2]]), 'correlation'), /row 0 is constant/);
  await assert.rejects(rdmVector(fromRows([[0, 0], [1, 2]]), 'cosine'), /row 0 is all zeros/);
  await assert.rejects(rdmVector(X, 'mahalanobis'), /noise precision/);
  await assert.rejects(rdmVector(X, 'mahalanobis', { noise: [1, 2] }), /needs 50 values/);
  assert.throws(() => averageByCondition(X, [1, 2]), InvalidInputError);
});

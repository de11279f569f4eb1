import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { fromRows, matrix, type Matrix } from '../../src/core/matrix.ts';
import { linearCka, linearCkaDebiased, rbfCka } from '../../src/measures/cka.ts';
import { InvalidInputError } from '../../src/measures/errors.ts';
import { mul, orthonormalizeColumns } from '../../test-support/naive-linear-algebra.ts';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url);
const readCsv = (name: string): Matrix =>
  fromRows(readFileSync(fixture(name), 'utf8').trim().split(/\r?\n/).map((line) => line.split(',').map(Number)));
const expected = JSON.parse(readFileSync(fixture('cka_ridge_expected.json'), 'utf8')).cka as {
  numpy_linear_cka: number;
  numpy_linear_cka_unbiased: number;
  platonic_rep: { cka: number; unbiased_cka: number };
};
const X = readCsv('X_20x50.csv');
const Y = readCsv('Y_20x50.csv');

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

/** Q of the QR factorisation (modified Gram–Schmidt, twice) of a square matrix: an orthogonal matrix. */
function orthogonalFrom(g: number[], n: number): Matrix {
  const q = Float64Array.from(g.slice(0, n * n));
  if (!orthonormalizeColumns(q, n, n)) return matrix(n, n, Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0)));
  return matrix(n, n, q);
}

/** numpy-style reference implementations, written out with explicit loops on n×n kernels. */
function referenceCka(k: number[][], l: number[][], debiased: boolean): number {
  const n = k.length;
  const center = (m: number[][]): number[][] => {
    if (!debiased) {
      const rowMean = m.map((r) => r.reduce((a, b) => a + b, 0) / n);
      const grand = rowMean.reduce((a, b) => a + b, 0) / n;
      return m.map((r, i) => r.map((v, j) => v - rowMean[i] - rowMean[j] + grand));
    }
    // Kornblith's center_gram(unbiased=True): U-centring.
    const g = m.map((r, i) => r.map((v, j) => (i === j ? 0 : v)));
    const means = g.map((r) => r.reduce((a, b) => a + b, 0) / (n - 2));
    const shift = means.reduce((a, b) => a + b, 0) / (2 * (n - 1));
    return g.map((r, i) => r.map((v, j) => (i === j ? 0 : v - (means[i] - shift) - (means[j] - shift))));
  };
  const kc = center(k);
  const lc = center(l);
  let kl = 0, kk = 0, ll = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      kl += kc[i][j] * lc[i][j];
      kk += kc[i][j] * kc[i][j];
      ll += lc[i][j] * lc[i][j];
    }
  }
  return kl / Math.sqrt(kk * ll);
}

function linearKernel(m: Matrix): number[][] {
  const rows = Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return rows.map((a) => rows.map((b) => a.reduce((s, v, t) => s + v * b[t], 0)));
}

/** Kornblith's gram_rbf: exp(−d²/(2·threshold²·median(d²))), median over all n² entries (numpy median). */
function rbfKernel(m: Matrix, threshold: number): number[][] {
  const g = linearKernel(m);
  const n = g.length;
  const d2 = g.map((r, i) => r.map((v, j) => -2 * v + g[i][i] + g[j][j]));
  const all = d2.flat().sort((a, b) => a - b);
  const median = all.length % 2 ? all[(all.length - 1) / 2] : (all[all.length / 2 - 1] + all[all.length / 2]) / 2;
  return d2.map((r) => r.map((v) => Math.exp(-v / (2 * threshold * threshold * median)))).slice(0, n);
}

test('linear CKA matches numpy (1e-10) and platonic-rep (1e-6) on the 20×50 fixture, both routes', async () => {
  for (const route of ['gram', 'features'] as const) {
    for (const backend of ['ts', 'ort'] as const) {
      const biased = await linearCka(X, Y, { route, backend });
      const debiased = await linearCkaDebiased(X, Y, { route, backend });
      assert.equal(biased.measure, 'cka:linear');
      assert.equal(debiased.measure, 'cka:linear:debiased');
      assert.equal(biased.n, 20);
      assert.ok(rel(biased.value, expected.numpy_linear_cka) <= 1e-10, `${route}/${backend} biased ${biased.value}`);
      assert.ok(rel(debiased.value, expected.numpy_linear_cka_unbiased) <= 1e-10, `${route}/${backend} debiased ${debiased.value}`);
      // platonic-rep adds 1e-6 to the denominator: agreement to about 1e-6 relative only.
      assert.ok(rel(biased.value, expected.platonic_rep.cka) <= 1e-6);
      assert.ok(rel(debiased.value, expected.platonic_rep.unbiased_cka) <= 1e-6);
    }
  }
  assert.equal((await linearCka(X, Y, { debiased: true })).value, (await linearCkaDebiased(X, Y)).value);
  // The default route for 20×50 is the Gram route.
  assert.equal((await linearCka(X, Y)).details?.route, 'gram');
});

test('linear CKA agrees with loop implementations of Kornblith’s formulas on tall data (feature route)', async () => {
  const tallX = matrix(40, 3, Float64Array.from({ length: 120 }, (_, k) => Math.sin(k * 1.3) + (k % 7) * 0.1));
  const tallY = matrix(40, 4, Float64Array.from({ length: 160 }, (_, k) => Math.cos(k * 0.7) * (1 + (k % 5))));
  const kx = linearKernel(tallX);
  const ly = linearKernel(tallY);
  const biased = await linearCka(tallX, tallY);
  const debiased = await linearCkaDebiased(tallX, tallY);
  assert.equal(biased.details?.route, 'features');
  assert.ok(rel(biased.value, referenceCka(kx, ly, false)) <= 1e-12);
  assert.ok(rel(debiased.value, referenceCka(kx, ly, true)) <= 1e-12);
});

test('linear CKA over several Gram panels equals the feature route (600 stimuli: panels of 256 rows)', async () => {
  const n = 600;
  const x = matrix(n, 40, Float64Array.from({ length: n * 40 }, (_, k) => Math.sin(k * 0.37) + (k % 11) * 0.05));
  const y = matrix(n, 30, Float64Array.from({ length: n * 30 }, (_, k) => Math.cos(k * 0.53) * (1 + (k % 3)) + 2));
  for (const debiased of [false, true]) {
    const viaGram = await linearCka(x, y, { debiased, route: 'gram' });
    const viaFeatures = await linearCka(x, y, { debiased, route: 'features' });
    assert.equal(viaGram.details?.route, 'gram');
    assert.ok(rel(viaGram.value, viaFeatures.value) <= 1e-12, `debiased=${debiased}: ${viaGram.value} vs ${viaFeatures.value}`);
  }
});

test('both routes rescale extreme magnitudes exactly (2^±600 gives the bit-identical value)', async () => {
  for (const route of ['gram', 'features'] as const) {
    for (const debiased of [false, true]) {
      const plain = (await linearCka(X, Y, { debiased, route })).value;
      for (const f of [2 ** 600, 2 ** -600]) {
        const scaled = matrix(X.rows, X.cols, Float64Array.from(X.data, (v) => v * f));
        assert.equal((await linearCka(scaled, Y, { debiased, route })).value, plain, `${route}, debiased=${debiased}, factor 2^${Math.log2(f)}`);
      }
    }
  }
});

test('float32 inputs give the float64 value to float32 precision', async () => {
  const x32 = matrix(20, 50, Float32Array.from(X.data));
  const y32 = matrix(20, 50, Float32Array.from(Y.data));
  assert.ok(rel((await linearCka(x32, y32)).value, expected.numpy_linear_cka) <= 1e-5);
  assert.ok(rel((await linearCkaDebiased(x32, y32)).value, expected.numpy_linear_cka_unbiased) <= 1e-5);
});

test('RBF CKA matches a loop implementation of Kornblith’s gram_rbf + cka (biased and debiased)', async () => {
  for (const threshold of [0.8, 0.5, 1]) {
    const kx = rbfKernel(X, threshold);
    const ly = rbfKernel(Y, threshold);
    const biased = await rbfCka(X, Y, { threshold });
    const debiased = await rbfCka(X, Y, { threshold, debiased: true });
    assert.ok(rel(biased.value, referenceCka(kx, ly, false)) <= 1e-10, `threshold ${threshold}: ${biased.value}`);
    assert.ok(rel(debiased.value, referenceCka(kx, ly, true)) <= 1e-10, `threshold ${threshold} debiased`);
    assert.equal(biased.measure, `cka:rbf:sigma${threshold}`);
    assert.equal(debiased.measure, `cka:rbf:sigma${threshold}:debiased`);
  }
  // Odd n (a single middle entry of the n² distances) and the default id.
  const x = matrix(5, 2, Float64Array.from([0, 0, 1, 0, 0, 2, 3, 1, 1, 1]));
  const y = matrix(5, 1, Float64Array.from([0, 1, 4, 2, 3]));
  const score = await rbfCka(x, y);
  assert.equal(score.measure, 'cka:rbf:sigma0.8');
  assert.ok(rel(score.value, referenceCka(rbfKernel(x, 0.8), rbfKernel(y, 0.8), false)) <= 1e-12);
});

test('CKA of a representation with itself is 1', async () => {
  assert.ok(Math.abs((await linearCka(X, X)).value - 1) <= 1e-15);
  assert.ok(Math.abs((await linearCkaDebiased(X, X)).value - 1) <= 1e-15);
  assert.ok(Math.abs((await rbfCka(X, X)).value - 1) <= 1e-15);
});

test('property: CKA is invariant to orthogonal transforms, isotropic scaling and translation', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 60, maxLength: 60 }),
      fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 48, maxLength: 48 }),
      fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 25, maxLength: 25 }),
      fc.double({ min: 0.01, max: 100, noNaN: true }),
      fc.double({ min: -5, max: 5, noNaN: true }),
      async (xs, ys, g, scale, shift) => {
        // A fixed well-spread base plus the generated perturbation keeps the data well conditioned
        // (near-degenerate data make CKA itself ill-conditioned, and invariance holds only to rounding).
        const x = matrix(12, 5, Float64Array.from(xs, (v, k) => v + 4 * Math.sin(k * 2.1)));
        const y = matrix(12, 4, Float64Array.from(ys, (v, k) => v + 4 * Math.cos(k * 1.7)));
        const q = orthogonalFrom(g, 5);
        const xq = mul(x, q);
        for (let i = 0; i < xq.data.length; i++) xq.data[i] = xq.data[i] * scale + shift;
        for (const f of [linearCka, linearCkaDebiased, rbfCka]) {
          let a: number;
          try {
            a = (await f(x, y)).value;
          } catch (e) {
            if (e instanceof InvalidInputError) continue; // constant data (or HSIC_u(K,K) ≤ 0) has no CKA
            throw e;
          }
          const b = (await f(xq, y)).value;
          if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a))) return false;
        }
        return true;
      },
    ),
    { numRuns: 60 },
  );
});

test('bad input is rejected with InvalidInputError', async () => {
  await assert.rejects(linearCka(X, matrix(19, 50)), InvalidInputError);
  await assert.rejects(linearCkaDebiased(matrix(3, 2), matrix(3, 2)), InvalidInputError);
  const withNaN = matrix(20, 50, Float64Array.from(X.data));
  withNaN.data[57] = NaN;
  await assert.rejects(linearCka(withNaN, Y), /row 1, column 7/);
  await assert.rejects(rbfCka(X, Y, { threshold: 0 }), InvalidInputError);
  await assert.rejects(rbfCka(matrix(4, 2), matrix(4, 2)), /median pairwise distance is zero/);
  await assert.rejects(linearCka(matrix(4, 2), Y.rows === 20 ? matrix(4, 1, Float64Array.from([1, 2, 3, 4])) : Y), /constant/);
  await assert.rejects(linearCkaDebiased(matrix(5, 2, new Float64Array(10).fill(3)), matrix(5, 1, Float64Array.from([1, 2, 3, 4, 0]))), /not positive/);
});

test('linear CKA names the representation and the cell of a non-finite value', async () => {
  const { linearCka: cka } = await import('../../src/measures/cka.ts');
  const { matrix: mat } = await import('../../src/core/matrix.ts');
  const x = mat(4, 2, Float64Array.from([1, 2, 3, 4, 5, 6, 7, 9]));
  const y = mat(4, 2, Float64Array.from([1, 2, 3, 4, 5, NaN, 7, 9]));
  await assert.rejects(cka(x, y), /Y has a non-finite value at row 2, column 1/);
  await assert.rejects(cka(y, x), /X has a non-finite value at row 2, column 1/);
});

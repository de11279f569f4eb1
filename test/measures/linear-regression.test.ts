// OLS, ΔR² and partial correlation against numpy.linalg.lstsq on a badly scaled fixture
// (test/fixtures/natural-stories/reading_times_expected.py), a hand example, and pooled group statistics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deltaRSquared, moments, ols, olsFit, partialCorrelation, poolMoments } from '../../src/measures/linear-regression.ts';

interface OlsExpected {
  columns: number[][];
  y: number[];
  groups: number[];
  intercept: number;
  coefficients: number[];
  r2_full: number;
  r2_base: number;
  delta_r2: number;
  partial_r_c_given_ab: number;
  partial_r_d_given_abc: number;
  resampled_groups: number[];
  resampled_intercept: number;
  resampled_coefficients: number[];
  resampled_delta_r2: number;
  resampled_partial_r_c_given_ab: number;
}

const expected = (JSON.parse(readFileSync(new URL('../fixtures/natural-stories/reading_times_expected.json', import.meta.url), 'utf8')) as { ols: OlsExpected }).ols;
const columns = [...expected.columns, expected.y];

function close(actual: number, wanted: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - wanted) <= tol * Math.max(1, Math.abs(wanted)), `${what}: ${actual} vs ${wanted}`);
}

test('OLS with intercept by hand: y = 1 + 2x exactly, then a known residual', () => {
  const exact = ols([[0, 1, 2, 3]], [1, 3, 5, 7]);
  close(exact.intercept, 1, 1e-15, 'intercept');
  close(exact.coefficients[0], 2, 1e-15, 'slope');
  close(exact.rSquared, 1, 1e-15, 'R²');
  // y = [0, 1, 1, 3] on x = [0, 1, 2, 3]: slope = Sxy/Sxx = 4.5/5 = 0.9, intercept = 1.25 − 0.9·1.5 = −0.1,
  // R² = Sxy²/(Sxx·Syy) = 20.25/(5·4.75)
  const fit = ols([[0, 1, 2, 3]], [0, 1, 1, 3]);
  close(fit.coefficients[0], 0.9, 1e-15, 'slope');
  close(fit.intercept, -0.1, 1e-15, 'intercept');
  close(fit.rSquared, 20.25 / 23.75, 1e-15, 'R²');
  assert.equal(fit.n, 4);
});

test('OLS coefficients, R² and ΔR² equal numpy lstsq on the fixture (offset 1000 and scale 1e-3 columns) to 1e-10', () => {
  const fit = ols(expected.columns, expected.y);
  close(fit.intercept, expected.intercept, 1e-10, 'intercept');
  expected.coefficients.forEach((b, j) => close(fit.coefficients[j], b, 1e-10, `coefficient ${j}`));
  close(fit.rSquared, expected.r2_full, 1e-10, 'R² full');
  const m = moments(columns);
  const d = deltaRSquared(m, [0, 1], [2, 3], 4);
  close(d.base, expected.r2_base, 1e-10, 'R² base');
  close(d.full, expected.r2_full, 1e-10, 'R² full');
  close(d.delta, expected.delta_r2, 1e-10, 'ΔR²');
});

test('partial correlations equal the correlation of numpy lstsq residuals to 1e-10', () => {
  const m = moments(columns);
  close(partialCorrelation(m, 2, 4, [0, 1]), expected.partial_r_c_given_ab, 1e-10, 'r(c, y | a, b)');
  close(partialCorrelation(m, 3, 4, [0, 1, 2]), expected.partial_r_d_given_abc, 1e-10, 'r(d, y | a, b, c)');
  // With no controls it is Pearson's r; symmetric in x and y.
  const r = partialCorrelation(m, 0, 4, []);
  const fit = ols([expected.columns[0]], expected.y);
  close(r * r, fit.rSquared, 1e-12, 'r² = R² of a simple regression');
  close(partialCorrelation(m, 4, 2, [0, 1]), expected.partial_r_c_given_ab, 1e-10, 'symmetric');
});

test('pooled group moments equal the moments of the rows; multiplicities equal duplicated rows (numpy on groups 0, 0, 2)', () => {
  const byGroup = [0, 1, 2, 3].map((g) => moments(columns, expected.groups.flatMap((h, i) => (h === g ? [i] : []))));
  const all = moments(columns);
  const pooled = poolMoments(byGroup);
  assert.equal(pooled.n, all.n);
  pooled.scatter.forEach((v, i) => close(v, all.scatter[i], 1e-11, `scatter ${i}`));
  pooled.mean.forEach((v, i) => close(v, all.mean[i], 1e-12, `mean ${i}`));

  const resampled = poolMoments(byGroup, [2, 0, 1, 0]);
  assert.equal(resampled.n, 180);
  const fit = olsFit(resampled, [0, 1, 2, 3], 4);
  close(fit.intercept, expected.resampled_intercept, 1e-10, 'intercept');
  expected.resampled_coefficients.forEach((b, j) => close(fit.coefficients[j], b, 1e-10, `coefficient ${j}`));
  close(deltaRSquared(resampled, [0, 1], [2, 3], 4).delta, expected.resampled_delta_r2, 1e-10, 'ΔR²');
  close(partialCorrelation(resampled, 2, 4, [0, 1]), expected.resampled_partial_r_c_given_ab, 1e-10, 'partial r');
});

test('a constant predictor is an error, not a silent NaN', () => {
  assert.throws(() => ols([[1, 1, 1, 1]], [1, 2, 3, 4]), /no variance/);
  assert.throws(() => ols([[0, 1, 2, 3], [0, 2, 4, 6]], [1, 2, 3, 5]), /positive definite/);
});

// Ordinary least squares with an intercept, from centred cross-products: R², ΔR² of nested models and
// partial correlations. Columns are centred (two passes) and standardised to a correlation matrix before
// a Cholesky solve, so offsets and scales of the predictors do not cost precision. Statistics of groups
// of rows pool exactly (with multiplicities), which makes a bootstrap over groups cost O(groups·k²).
import { cholesky, choleskySolve } from '../core/cholesky.ts';
import { matrix } from '../core/matrix.ts';

/** Sufficient statistics of rows over k columns: count, column means and the centred scatter Σ(x−x̄)(x−x̄)ᵀ (k×k, row-major). */
export interface Moments {
  n: number;
  k: number;
  mean: Float64Array;
  scatter: Float64Array;
}

/** A fitted OLS model: intercept, one coefficient per predictor, R². */
export interface OlsFit {
  intercept: number;
  coefficients: Float64Array;
  rSquared: number;
  n: number;
}

/** Moments of the given columns (equal lengths) over `rows` (default: every row), in two passes. */
export function moments(columns: readonly ArrayLike<number>[], rows?: ArrayLike<number>): Moments {
  const k = columns.length;
  const n = rows ? rows.length : k > 0 ? columns[0].length : 0;
  for (const c of columns) if (!rows && c.length !== n) throw new RangeError(`moments: columns have ${n} and ${c.length} values`);
  const at = (r: number): number => (rows ? rows[r] : r);
  const mean = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let r = 0; r < n; r++) s += columns[j][at(r)];
    mean[j] = n > 0 ? s / n : NaN;
  }
  const scatter = new Float64Array(k * k);
  const centred = columns.map((c, j) => Float64Array.from({ length: n }, (_, r) => c[at(r)] - mean[j]));
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let s = 0;
      const x = centred[a], y = centred[b];
      for (let r = 0; r < n; r++) s += x[r] * y[r];
      scatter[a * k + b] = s;
      scatter[b * k + a] = s;
    }
  }
  return { n, k, mean, scatter };
}

/** The moments of the union of groups of rows, group g counted `counts[g]` times (default once each). */
export function poolMoments(parts: readonly Moments[], counts?: ArrayLike<number>): Moments {
  if (parts.length === 0) throw new RangeError('poolMoments: no groups');
  const k = parts[0].k;
  const w = (g: number): number => (counts ? counts[g] : 1);
  let n = 0;
  const mean = new Float64Array(k);
  parts.forEach((p, g) => {
    if (p.k !== k) throw new RangeError(`poolMoments: groups have ${k} and ${p.k} columns`);
    n += w(g) * p.n;
    for (let j = 0; j < k; j++) mean[j] += w(g) * p.n * p.mean[j];
  });
  for (let j = 0; j < k; j++) mean[j] /= n;
  const scatter = new Float64Array(k * k);
  const d = new Float64Array(k);
  parts.forEach((p, g) => {
    const c = w(g);
    if (c === 0) return;
    for (let j = 0; j < k; j++) d[j] = p.mean[j] - mean[j];
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) scatter[a * k + b] += c * (p.scatter[a * k + b] + p.n * d[a] * d[b]);
  });
  return { n, k, mean, scatter };
}

/** Standard deviations (unscaled: √scatter diagonal) and the correlation sub-matrix of the listed columns. */
function standardised(m: Moments, cols: readonly number[]): { sd: Float64Array; corr: Float64Array } {
  const p = cols.length;
  const sd = Float64Array.from(cols, (c) => Math.sqrt(m.scatter[c * m.k + c]));
  sd.forEach((s, i) => {
    if (!(s > 0)) throw new RangeError(`column ${cols[i]} has no variance`);
  });
  const corr = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) corr[a * p + b] = m.scatter[cols[a] * m.k + cols[b]] / (sd[a] * sd[b]);
  return { sd, corr };
}

/** Solve R·X = B for the correlation matrix R of `controls` and right-hand sides: correlations of the controls with each of `targets`. */
function solveOnControls(m: Moments, controls: readonly number[], targets: readonly number[]): { rhs: Float64Array; x: Float64Array } {
  const p = controls.length;
  const q = targets.length;
  const { sd, corr } = standardised(m, controls);
  const rhs = new Float64Array(p * q);
  targets.forEach((t, j) => {
    const st = Math.sqrt(m.scatter[t * m.k + t]);
    if (!(st > 0)) throw new RangeError(`column ${t} has no variance`);
    for (let i = 0; i < p; i++) rhs[i * q + j] = m.scatter[controls[i] * m.k + t] / (sd[i] * st);
  });
  if (p === 0) return { rhs, x: rhs };
  const x = choleskySolve(cholesky(matrix(p, p, corr)), matrix(p, q, rhs)).data as Float64Array;
  return { rhs, x };
}

/** OLS of column `outcome` on the `predictors` columns with an intercept (Cholesky of the predictors' correlation matrix). */
export function olsFit(m: Moments, predictors: readonly number[], outcome: number): OlsFit {
  const p = predictors.length;
  const { rhs, x } = solveOnControls(m, predictors, [outcome]);
  const sy = Math.sqrt(m.scatter[outcome * m.k + outcome]);
  const coefficients = new Float64Array(p);
  let rSquared = 0;
  let intercept = m.mean[outcome];
  for (let i = 0; i < p; i++) {
    const c = predictors[i];
    rSquared += rhs[i] * x[i];
    coefficients[i] = (x[i] * sy) / Math.sqrt(m.scatter[c * m.k + c]);
    intercept -= coefficients[i] * m.mean[c];
  }
  return { intercept, coefficients, rSquared, n: m.n };
}

/** OLS of y on the predictor columns, with an intercept. */
export function ols(predictors: readonly ArrayLike<number>[], y: ArrayLike<number>): OlsFit {
  const m = moments([...predictors, y]);
  return olsFit(m, predictors.map((_, j) => j), predictors.length);
}

/** R² of the baseline model, of the baseline plus `added`, and their difference ΔR². */
export function deltaRSquared(m: Moments, baseline: readonly number[], added: readonly number[], outcome: number): { base: number; full: number; delta: number } {
  const base = olsFit(m, baseline, outcome).rSquared;
  const full = olsFit(m, [...baseline, ...added], outcome).rSquared;
  return { base, full, delta: full - base };
}

/** Partial correlation of columns x and y controlling for `controls` (the correlation of their OLS residuals on the controls). */
export function partialCorrelation(m: Moments, x: number, y: number, controls: readonly number[]): number {
  const { rhs, x: sol } = solveOnControls(m, controls, [x, y]);
  const rxy = m.scatter[x * m.k + y] / Math.sqrt(m.scatter[x * m.k + x] * m.scatter[y * m.k + y]);
  let xx = 0, yy = 0, xy = 0;
  for (let i = 0; i < controls.length; i++) {
    xx += rhs[i * 2] * sol[i * 2];
    yy += rhs[i * 2 + 1] * sol[i * 2 + 1];
    xy += rhs[i * 2] * sol[i * 2 + 1];
  }
  return (rxy - xy) / Math.sqrt((1 - xx) * (1 - yy));
}

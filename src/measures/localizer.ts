// A functional localizer over model units: Welch's t of each unit's activation for one condition
// (sentences) against another (lists of non-words), and the units with the highest t (top k%).
import type { Matrix } from '../core/matrix.ts';

/** Welch's t per column of `a` (items × units) against `b` (items × units): (mean_a − mean_b) / sqrt(var_a/n_a + var_b/n_b), sample variances; NaN when both variances are 0. */
export function welchT(a: Matrix, b: Matrix): Float64Array {
  if (a.cols !== b.cols) throw new RangeError(`welchT: ${a.cols} units against ${b.cols}`);
  if (a.rows < 2 || b.rows < 2) throw new RangeError('welchT: each condition needs at least 2 items');
  const [ma, va] = columnMoments(a);
  const [mb, vb] = columnMoments(b);
  const t = new Float64Array(a.cols);
  for (let j = 0; j < a.cols; j++) {
    const se = Math.sqrt(va[j] / a.rows + vb[j] / b.rows);
    t[j] = se === 0 ? NaN : (ma[j] - mb[j]) / se;
  }
  return t;
}

/** Indices of the `fraction` (0–1] of units with the largest t (NaN last; ties by index), at least one, in ascending order. */
export function topUnits(t: ArrayLike<number>, fraction: number): number[] {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`topUnits: the fraction must be in (0, 1], got ${fraction}`);
  const order = Array.from({ length: t.length }, (_, j) => j).sort((x, y) => {
    const a = Number.isNaN(t[x]) ? -Infinity : t[x];
    const b = Number.isNaN(t[y]) ? -Infinity : t[y];
    return b - a || x - y;
  });
  const k = Math.max(1, Math.round(fraction * t.length));
  return order.slice(0, k).sort((x, y) => x - y);
}

function columnMoments(m: Matrix): [Float64Array, Float64Array] {
  const mean = new Float64Array(m.cols);
  const variance = new Float64Array(m.cols);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) mean[j] += m.data[i * m.cols + j];
  for (let j = 0; j < m.cols; j++) mean[j] /= m.rows;
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const d = m.data[i * m.cols + j] - mean[j];
      variance[j] += d * d;
    }
  }
  for (let j = 0; j < m.cols; j++) variance[j] /= m.rows - 1;
  return [mean, variance];
}

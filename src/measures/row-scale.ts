// Rows rescaled by powers of two for measures that do not depend on the scale of a row (cosine, correlation):
// squares and row norms then neither overflow nor underflow, and the result is the one the stored rows give.
import { matrix, type Matrix } from '../core/matrix.ts';
import { exponentOf, nonFinite } from './feature-offset.ts';

/** A row whose largest |value| lies inside [2^-L, 2^L] (float64: L = 400, float32: L = 40) needs no rescale. */
const SAFE_MAX_LOG2 = { float64: 400, float32: 40 };

/**
 * Validate features (every entry finite, else InvalidInputError naming `label` and the cell) and, only when some
 * row's largest |value| is extreme, a copy with each row scaled by a power of two (exact) that brings its largest
 * |value| to [1, 2): for measures that do not depend on the scale of a row (cosine, correlation), so that squares
 * and row norms neither overflow nor underflow, and the result is the one the unscaled rows would give.
 */
export function rescaledRows(features: Matrix, label = 'features'): Matrix {
  const { rows, cols, data } = features;
  const limit = data instanceof Float32Array ? SAFE_MAX_LOG2.float32 : SAFE_MAX_LOG2.float64;
  const exponents = new Int32Array(rows);
  let extreme = false;
  for (let i = 0; i < rows; i++) {
    const m = rowMaxAbs(data, i * cols, (i + 1) * cols);
    if (m < 0) throw nonFinite(features, -1 - m, label);
    exponents[i] = m === 0 ? 0 : exponentOf(m);
    if (exponents[i] > limit || exponents[i] < -limit) extreme = true;
  }
  if (!extreme) return features;
  const out = data instanceof Float32Array ? new Float32Array(data.length) : new Float64Array(data.length);
  for (let i = 0; i < rows; i++) {
    const scale = 2 ** -exponents[i];
    for (let k = i * cols; k < (i + 1) * cols; k++) out[k] = data[k] * scale;
  }
  return matrix(rows, cols, out);
}

/** Largest |value| of data[start..end), or −1 − k at the first non-finite value data[k] (a call per row: hot early). */
function rowMaxAbs(data: ArrayLike<number>, start: number, end: number): number {
  let m = 0;
  for (let k = start; k < end; k++) {
    const a = Math.abs(data[k]);
    if (!(a <= m)) {
      if (!(a < Infinity)) return -1 - k;
      m = a;
    }
  }
  return m;
}

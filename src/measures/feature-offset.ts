// Features made safe for Gram-based distances (‖a‖² + ‖b‖² − 2a·b): the common offset of the columns removed
// exactly, and a power-of-two rescale where squares would overflow or underflow. Neither changes a distance
// beyond the known power-of-two factor. (Scale-free measures rescale rows instead: row-scale.ts.)
import { firstNonFinite, matrix, type Matrix } from '../core/matrix.ts';
import { InvalidInputError } from './errors.ts';

/** How to shift and scale features before a Gram product: x·2^exponent − shift (shift per column, or none). */
export interface ShiftPlan {
  /** The column means of x·2^exponent rounded to the element type, or undefined: no shift. */
  shift?: Float64Array;
  /** Squared distances of the shifted features are those of the features times 4^exponent. */
  exponent: number;
}

/** Sums of squares kept inside [2^-L, 2^L] (float64: L = 900, float32: L = 100) need no rescale. */
const SAFE_LOG2 = { float64: 900, float32: 100 };

/**
 * Validate features (every entry finite, else InvalidInputError naming `label` and the cell) and plan their shift for
 * a Gram product. `centre`: 'always', or 'when-offset' = when the offset outweighs the spread, n·‖μ‖² > Σᵢ‖xᵢ − μ‖²
 * (the Gram identity then loses more than a factor 2 to cancellation), and whenever a copy is made anyway
 * (float32 input, or a power-of-two rescale where squares would overflow or underflow). Centring is exact where a
 * value lies within a factor 2 of its column mean (Sterbenz), so the differences of centred rows are the exact
 * differences of the stored rows.
 */
export function planShift(features: Matrix, centre: 'always' | 'when-offset', label = 'features'): ShiftPlan {
  const float32 = features.data instanceof Float32Array;
  let moments = columnMoments(features, 1);
  let exponent = 0;
  if (!Number.isFinite(moments.sumSquares)) {
    const bad = firstNonFinite(features);
    if (bad >= 0) throw nonFinite(features, bad, label);
    // Finite values whose squares overflow: bring the largest |value| to [1, 2).
    exponent = -exponentOf(maxAbs(features));
    moments = columnMoments(features, 2 ** exponent);
  }
  const rescale = rescaleExponent(moments.sumSquares, float32 ? SAFE_LOG2.float32 : SAFE_LOG2.float64);
  if (rescale !== 0) {
    exponent += rescale;
    moments = columnMoments(features, 2 ** exponent);
  }
  // The offset outweighs the spread: n·‖μ‖² > Σᵢ‖xᵢ − μ‖², i.e. 2n·‖μ‖² > Σᵢ‖xᵢ‖².
  const offset = 2 * features.rows * moments.meanSquare > moments.sumSquares;
  const shift = centre === 'always' || float32 || exponent !== 0 || offset;
  if (!shift) return { exponent: 0 };
  return { shift: float32 ? Float64Array.from(moments.means, Math.fround) : moments.means, exponent };
}

/** planShift, then the shifted copy of the whole matrix (the features themselves when there is nothing to do). */
export function prepareForGram(features: Matrix, centre: 'always' | 'when-offset', label = 'features'): { x: Matrix; exponent: number } {
  const plan = planShift(features, centre, label);
  if (plan.shift === undefined && plan.exponent === 0) return { x: features, exponent: 0 };
  const { rows, cols, data } = features;
  const out = data instanceof Float32Array ? new Float32Array(data.length) : new Float64Array(data.length);
  shiftColumns(features, plan, 0, cols, out);
  return { x: matrix(rows, cols, out), exponent: plan.exponent };
}

/**
 * Columns c0..c1 of the shifted features, x·2^e − shift, written row-major (rows × (c1 − c0)) into `out` in its
 * element type: the shift is rounded to that type, so a value within a factor 2 of it is shifted exactly (Sterbenz)
 * and no difference overflows.
 */
export function shiftColumns(x: Matrix, plan: ShiftPlan, c0: number, c1: number, out: Float64Array | Float32Array): void {
  const { cols, data } = x;
  const w = c1 - c0;
  const scale = 2 ** plan.exponent;
  const shift = plan.shift ?? new Float64Array(cols);
  for (let i = 0; i < x.rows; i++) {
    const o = i * cols, d = i * w - c0;
    for (let j = c0; j < c1; j++) out[d + j] = data[o + j] * scale - shift[j];
  }
}

/** Column means, their sum of squares ‖μ‖² and the total sum of squares of features·scale (one pass, float64). */
function columnMoments(x: Matrix, scale: number): { means: Float64Array; meanSquare: number; sumSquares: number } {
  const { rows, cols, data } = x;
  const sums = new Float64Array(cols);
  let sumSquares = 0;
  for (let i = 0; i < rows; i++) sumSquares += addRowMoments(data, i * cols, cols, scale, sums);
  // The means and ‖μ‖² are the moments of the one row of sums, scaled by 1/n.
  const means = new Float64Array(cols);
  const meanSquare = addRowMoments(sums, 0, cols, 1 / rows, means);
  return { means, meanSquare, sumSquares };
}

/**
 * Add one row of data·scale (cols values from `start`) into the column sums and return its sum of squares. A call
 * per row: the function is hot (and optimised) after a few small inputs, rather than only its loop.
 */
function addRowMoments(data: ArrayLike<number>, start: number, cols: number, scale: number, sums: Float64Array): number {
  let s0 = 0, s1 = 0;
  let j = 0;
  for (; j + 1 < cols; j += 2) {
    const a = data[start + j] * scale, b = data[start + j + 1] * scale;
    sums[j] += a;
    sums[j + 1] += b;
    s0 += a * a;
    s1 += b * b;
  }
  if (j < cols) {
    const a = data[start + j] * scale;
    sums[j] += a;
    s0 += a * a;
  }
  return s0 + s1;
}

/** The power-of-two exponent that brings a sum of squares outside [2^-L, 2^L] to [1, 4); 0 inside (or for 0). */
function rescaleExponent(sumSquares: number, limit: number): number {
  if (sumSquares === 0) return 0;
  const e = exponentOf(sumSquares);
  return e > limit || e < -limit ? -Math.floor(e / 2) : 0;
}

/** floor(log2 |v|) for a finite v ≠ 0 (exact, subnormals included). */
export function exponentOf(v: number): number {
  let e = Math.floor(Math.log2(Math.abs(v)));
  // Math.log2 may round across a power of two; settle on the exact exponent.
  while (2 ** e > Math.abs(v)) e--;
  while (2 ** (e + 1) <= Math.abs(v)) e++;
  return e;
}

function maxAbs(x: Matrix): number {
  let m = 0;
  for (let k = 0; k < x.data.length; k++) m = Math.max(m, Math.abs(x.data[k]));
  return m;
}

/** Multiply squared distances computed on features·2^exponent back by 4^-exponent, in place (two exact steps). */
export function unscaleSquared(values: Float64Array, exponent: number): Float64Array {
  if (exponent === 0) return values;
  const back = 2 ** -exponent;
  for (let k = 0; k < values.length; k++) values[k] = values[k] * back * back;
  return values;
}

/** The InvalidInputError of a non-finite entry k of features `label`. */
export function nonFinite(x: Matrix, k: number, label: string): InvalidInputError {
  return new InvalidInputError(`${label}: entry (${Math.floor(k / x.cols)}, ${k % x.cols}) is ${x.data[k]}, not a finite number`);
}

// Cosine similarity of matching rows of two matrices (word pairs: row i of A with row i of B), in float64.
import type { Matrix } from '../core/matrix.ts';
import { InvalidInputError } from './errors.ts';

/**
 * cos(A[i], B[i]) for each i in rows (all rows when omitted), summed in float64; a zero row gives NaN
 * (the caller reports it, never a made-up number).
 */
export function rowCosines(a: Matrix, b: Matrix, rows?: ArrayLike<number>): Float64Array {
  if (a.cols !== b.cols || a.rows !== b.rows) {
    throw new InvalidInputError(`row cosines: shapes differ (${a.rows}×${a.cols} vs ${b.rows}×${b.cols})`);
  }
  const d = a.cols;
  const count = rows === undefined ? a.rows : rows.length;
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const i = rows === undefined ? k : rows[k];
    let ab = 0, aa = 0, bb = 0;
    for (let j = i * d, end = j + d; j < end; j++) {
      const x = a.data[j], y = b.data[j];
      ab += x * y;
      aa += x * x;
      bb += y * y;
    }
    out[k] = aa === 0 || bb === 0 ? NaN : ab / Math.sqrt(aa * bb);
  }
  return out;
}

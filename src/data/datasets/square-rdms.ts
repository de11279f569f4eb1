// Square RDMs stored in data files (one n×n block of a larger row-major array), checked and condensed to their
// strict upper triangle (row-major), with errors that name the file and the variable.
import { InputError } from '../../core/input-error.ts';
import { matrix, type Matrix } from '../../core/matrix.ts';

/** Symmetry and zero diagonal are checked within this many times the block's largest |entry| (files hold 2e-16 asymmetries). */
const TOLERANCE = 1e-12;

/** The condensed RDM of the n×n block at `offset` of `data`; InputError (file, `label`) when not finite, symmetric, zero-diagonal. */
export function condenseBlock(data: ArrayLike<number>, offset: number, n: number, file: string, label: string): Float64Array {
  let maxAbs = 0;
  for (let k = 0; k < n * n; k++) {
    const v = data[offset + k];
    if (!Number.isFinite(v)) throw new InputError(`${label}: entry (${Math.floor(k / n) + 1}, ${(k % n) + 1}) is ${v}, not a finite number`, { file });
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  const tol = TOLERANCE * maxAbs;
  const out = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (Math.abs(data[offset + i * n + i]) > tol) throw new InputError(`${label}: diagonal entry (${i + 1}, ${i + 1}) is ${data[offset + i * n + i]}, not 0`, { file });
    for (let j = i + 1; j < n; j++) {
      const upper = data[offset + i * n + j];
      const lower = data[offset + j * n + i];
      if (Math.abs(upper - lower) > tol) throw new InputError(`${label}: not symmetric, (${i + 1}, ${j + 1}) is ${upper} but (${j + 1}, ${i + 1}) is ${lower}`, { file });
      out[k++] = upper;
    }
  }
  return out;
}

/** A stack of `count` square n×n RDMs (row-major, block after block) as a count × n(n−1)/2 matrix of condensed rows. */
export function condenseStack(data: ArrayLike<number>, count: number, n: number, file: string, variable: string): Matrix {
  const pairs = (n * (n - 1)) / 2;
  const out = new Float64Array(count * pairs);
  for (let s = 0; s < count; s++) out.set(condenseBlock(data, s * n * n, n, file, `${variable}(${s + 1}, :, :)`), s * pairs);
  return matrix(count, pairs, out);
}

// RDM vectors: the strict upper triangle, row-major (scipy's condensed order), and their square forms.
import { matrix, type Matrix } from '../core/matrix.ts';
import { InvalidRdmError } from './errors.ts';

/** Relative tolerance for symmetry and the zero diagonal in `condense` (× the largest |entry|). */
export const SQUARE_RDM_TOLERANCE = 1e-12;

/** Number of stimulus pairs, n(n−1)/2. */
export function pairCount(n: number): number {
  return (n * (n - 1)) / 2;
}

/** Stimulus count n of a condensed vector of length n(n−1)/2; throws InvalidRdmError for other lengths. */
export function stimulusCount(vectorLength: number): number {
  if (!Number.isInteger(vectorLength) || vectorLength < 1) {
    throw new InvalidRdmError(`an RDM vector needs n(n−1)/2 ≥ 1 entries, got length ${vectorLength}`);
  }
  const n = Math.floor((1 + Math.sqrt(1 + 8 * vectorLength)) / 2 + 1e-9);
  if (pairCount(n) !== vectorLength) {
    throw new InvalidRdmError(
      `an RDM vector of length ${vectorLength} is not n(n−1)/2 for any stimulus count n ` +
        `(nearest: n=${n} → ${pairCount(n)}, n=${n + 1} → ${pairCount(n + 1)})`,
    );
  }
  return n;
}

/** Condensed index of pair (i, j), i ≠ j, among n stimuli (order of i and j does not matter). */
export function pairIndex(i: number, j: number, n: number): number {
  if (i > j) [i, j] = [j, i];
  return n * i - (i * (i + 1)) / 2 + (j - i - 1);
}

/** The stimulus count of an RDM vector, after checking its length and that every entry is finite. */
export function validateRdmVector(vector: ArrayLike<number>, label = 'RDM'): number {
  const n = stimulusCount(vector.length);
  for (let k = 0; k < vector.length; k++) {
    if (!Number.isFinite(vector[k])) {
      const [i, j] = pairOf(k, n);
      throw new InvalidRdmError(`${label}: entry ${k} (stimuli ${i}, ${j}) is ${vector[k]}, not a finite number`);
    }
  }
  return n;
}

/** Stimulus pair (i, j), i < j, of condensed index k among n stimuli. */
export function pairOf(k: number, n: number): [number, number] {
  let i = 0;
  let rowStart = 0;
  while (k >= rowStart + (n - 1 - i)) {
    rowStart += n - 1 - i;
    i++;
  }
  return [i, i + 1 + (k - rowStart)];
}

/**
 * The condensed vector of a square RDM; checks it is square, finite, symmetric and has a zero diagonal,
 * each within SQUARE_RDM_TOLERANCE × its largest |entry|. The upper triangle is kept.
 */
export function condense(square: Matrix): Float64Array {
  const { rows: n, cols, data } = square;
  if (n !== cols) throw new InvalidRdmError(`a square RDM must be n×n, got ${n}×${cols}`);
  if (n < 2) throw new InvalidRdmError(`a square RDM needs at least 2 stimuli, got ${n}`);
  let maxAbs = 0;
  for (let k = 0; k < data.length; k++) {
    const v = data[k];
    if (!Number.isFinite(v)) {
      throw new InvalidRdmError(`square RDM: entry (${Math.floor(k / n)}, ${k % n}) is ${v}, not a finite number`);
    }
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  const tol = SQUARE_RDM_TOLERANCE * maxAbs;
  const out = new Float64Array(pairCount(n));
  let k = 0;
  for (let i = 0; i < n; i++) {
    const d = data[i * n + i];
    if (Math.abs(d) > tol) throw new InvalidRdmError(`square RDM: diagonal entry (${i}, ${i}) is ${d}, not 0`);
    for (let j = i + 1; j < n; j++) {
      const upper = data[i * n + j];
      const lower = data[j * n + i];
      if (Math.abs(upper - lower) > tol) {
        throw new InvalidRdmError(`square RDM is not symmetric: (${i}, ${j}) = ${upper} but (${j}, ${i}) = ${lower}`);
      }
      out[k++] = upper;
    }
  }
  return out;
}

/** The square (n×n, float64, zero diagonal) form of a condensed RDM vector. */
export function squareform(vector: ArrayLike<number>): Matrix {
  const n = stimulusCount(vector.length);
  const out = new Float64Array(n * n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = vector[k++];
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return matrix(n, n, out);
}

/** The condensed RDM among a subset of the stimuli (`indices`, ascending, distinct), from the condensed RDM of all of them. */
export function subsetRdm(vector: ArrayLike<number>, indices: readonly number[]): Float64Array {
  const n = stimulusCount(vector.length);
  const out = new Float64Array(pairCount(indices.length));
  let k = 0;
  for (let a = 0; a < indices.length; a++) {
    for (let b = a + 1; b < indices.length; b++) out[k++] = vector[pairIndex(indices[a], indices[b], n)];
  }
  return out;
}

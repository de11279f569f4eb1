// The last check of a computed RDM: a dissimilarity that is not finite is an input error, never a result.
import { InvalidInputError } from './errors.ts';
import { pairOf, stimulusCount } from './rdm-vector.ts';

/**
 * The condensed RDM itself when every entry is finite; otherwise InvalidInputError naming the first bad pair and
 * the overflow (finite features whose dissimilarity exceeds float64, ≈ 1.8e308).
 */
export function checkFiniteRdm(vector: Float64Array, method: string): Float64Array {
  const n = stimulusCount(vector.length);
  // Row by row: a short hot function, optimised after the first few RDMs, rather than one long loop.
  for (let i = 0, start = 0; i < n - 1; start += n - 1 - i, i++) {
    const k = firstNonFiniteIn(vector, start, start + n - 1 - i);
    if (k >= 0) {
      const [a, b] = pairOf(k, n);
      throw new InvalidInputError(
        `the ${method} dissimilarity of rows ${a} and ${b} is ${vector[k]}: it overflows float64 (the values are too large for this measure; rescale the features)`,
      );
    }
  }
  return vector;
}

function firstNonFiniteIn(v: Float64Array, start: number, end: number): number {
  for (let k = start; k < end; k++) if (v[k] - v[k] !== 0) return k;
  return -1;
}

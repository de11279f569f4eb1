// Shape checks between two input files whose rows are the same stimuli (cka, encode), located in the files.
import { cellError, type ReadMatrixResult } from './read-matrix.ts';

/**
 * Throws InputError unless `a` has at least `minimum` rows and `b` the same number of rows. A count mismatch
 * points at b's first extra row (b longer) or its last row (b shorter).
 */
export function assertSameRows(a: ReadMatrixResult, b: ReadMatrixResult, nameA: string, nameB: string, minimum: number, what: string): void {
  const n = a.matrix.rows;
  if (n < minimum) {
    throw cellError(a.source, n - 1, 0, `only ${n} stimul${n === 1 ? 'us' : 'i'} (rows); ${what} needs at least ${minimum}`);
  }
  const m = b.matrix.rows;
  if (m !== n) {
    const detail =
      `${nameB} has ${m} rows but ${nameA} (${a.source.file}) has ${n}; ` +
      `rows are stimuli and must match one to one`;
    throw cellError(b.source, m > n ? n : m - 1, 0, detail);
  }
}

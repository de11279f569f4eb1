// An RDM read from a user's file (attune compare, --model-rdm, the dashboard's analysis): a square matrix (checked square, symmetric, zero diagonal) or a condensed vector,
// with errors that point at the offending cell (file:line:column).
import type { Matrix } from '../core/matrix.ts';
import { InputError } from '../core/input-error.ts';
import { readMatrix, cellError, type MatrixSource, type ReadMatrixOptions } from '../data/read-matrix.ts';
import { pairCount, pairOf, SQUARE_RDM_TOLERANCE } from '../measures/rdm-vector.ts';
import { MIN_STIMULI } from '../measures/compare.ts';

/** An RDM from a file: its condensed vector (strict upper triangle, row-major), stimulus count and origin. */
export interface RdmInput {
  vector: Float64Array;
  stimuli: number;
  form: 'square' | 'condensed';
  source: MatrixSource;
  /** Stimulus labels, when the file carries them (header/label column, or a labels array in .npz). */
  labels?: string[];
  /** The file position (0-based row, column of the matrix as read) of condensed entry k. */
  cellOf(k: number): [number, number];
}

/**
 * Read an RDM file: a single row or column is a condensed vector of length n(n−1)/2; otherwise it must be a
 * square, symmetric matrix with a zero diagonal (within 1e-12 × its largest |entry|). Needs ≥ 3 stimuli.
 * Labels come from a label column, else from a text header over a square matrix, else from an .npz `labels` array.
 * With `missing: 'nan'`, pairs not measured (empty or NaN cells, symmetric) are kept as NaN.
 */
export async function readRdmFile(file: string, options: ReadMatrixOptions = {}): Promise<RdmInput> {
  let { matrix: m, source, labels } = await readMatrix(file, options);
  if (source.headerReason === 'integers' && (m.rows + 1 === m.cols || (m.rows !== m.cols && m.rows !== 1))) {
    // A first row 0,1,…,n−1 that is row 1 of a square RDM (e.g. of |i − j|), or leaves no RDM below it, is data, not pandas' header.
    ({ matrix: m, source, labels } = await readMatrix(file, { ...options, header: false }));
  }
  const rdm = rdmFromMatrix(m, source);
  const names = labels ?? (source.headerReason === 'text' && rdm.form === 'square' ? source.columnNames : undefined);
  if (names !== undefined && rdm.form === 'square') {
    if (labels !== undefined && source.columnNames !== undefined && source.headerReason === 'text') checkHeaderAgrees(labels, source.columnNames, source);
    rdm.labels = names;
  } else if (labels !== undefined && rdm.form === 'condensed' && source.format === 'npz') {
    if (labels.length !== rdm.stimuli) {
      throw new InputError(`${labels.length} labels for a condensed RDM of ${rdm.stimuli} stimuli (${rdm.vector.length} pairs)`, { file });
    }
    rdm.labels = labels;
  }
  return rdm;
}

/** Number of NaN entries (pairs not measured) of a condensed RDM. */
export function missingPairs(rdm: RdmInput): number {
  let missing = 0;
  for (let k = 0; k < rdm.vector.length; k++) if (Number.isNaN(rdm.vector[k])) missing++;
  return missing;
}

/** A square RDM's column names must be its row labels, in the same order (pandas writes both from one index). */
function checkHeaderAgrees(rowLabels: string[], columnNames: string[], source: MatrixSource): void {
  const at = rowLabels.findIndex((label, i) => label !== columnNames[i]);
  if (at < 0) return;
  throw new InputError(
    `the row labels and the column names of this square RDM differ: row ${at + 1} is '${rowLabels[at]}' but column ${at + 1} is '${columnNames[at]}' (both must list the stimuli in one order)`,
    { file: source.file, line: source.headerLine ?? source.rowLines?.[0], column: at + 1 + (source.labelColumn === 0 ? 1 : 0) },
  );
}

/** The RDM a matrix read from `source` holds (the checks of readRdmFile), located in that file on error. */
function rdmFromMatrix(m: Matrix, source: MatrixSource): RdmInput {
  const { rows, cols, data } = m;
  if (rows === 1 || cols === 1) {
    const length = rows * cols;
    const cellOf = (k: number): [number, number] => (rows === 1 ? [0, k] : [k, 0]);
    const n = Math.round((1 + Math.sqrt(1 + 8 * length)) / 2);
    if (pairCount(n) !== length) {
      const [i, j] = cellOf(length - 1);
      throw cellError(
        source,
        i,
        j,
        `a condensed RDM needs n(n−1)/2 values (3, 6, 10, 15, …), this ${rows === 1 ? 'row' : 'column'} has ${length}` +
          ` (nearest: ${pairCount(n - 1)} for ${n - 1} stimuli, ${pairCount(n)} for ${n})`,
      );
    }
    if (n < MIN_STIMULI) {
      throw cellError(source, 0, 0, `an RDM of ${n} stimuli (${length} dissimilarit${length === 1 ? 'y' : 'ies'}); comparing RDMs needs at least ${MIN_STIMULI} stimuli`);
    }
    return { vector: Float64Array.from(data), stimuli: n, form: 'condensed', source, cellOf };
  }
  if (rows !== cols) {
    const [i, j] = rows < cols ? [0, rows] : [cols, 0];
    throw cellError(
      source,
      i,
      j,
      `not an RDM: ${rows} rows × ${cols} columns is neither square nor a single row/column (condensed vector)`,
    );
  }
  const n = rows;
  if (n < MIN_STIMULI) {
    throw cellError(source, 0, 0, `an RDM of ${n} stimuli; comparing RDMs needs at least ${MIN_STIMULI} stimuli`);
  }
  let maxAbs = 0;
  for (let k = 0; k < data.length; k++) if (!Number.isNaN(data[k])) maxAbs = Math.max(maxAbs, Math.abs(data[k]));
  const tol = SQUARE_RDM_TOLERANCE * maxAbs;
  if (!squareLooksValid(data, n, tol)) throw firstSquareProblem(data, n, tol, source);
  const vector = new Float64Array(pairCount(n));
  let k = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) vector[k++] = data[i * n + j];
  return { vector, stimuli: n, form: 'square', source, cellOf: (q) => pairOf(q, n) };
}

/** Throws InputError when every dissimilarity (NaN left out) is the same (rank and correlation comparisons are then undefined). */
export function assertNotConstant(rdm: RdmInput): void {
  const v = rdm.vector;
  let first = 0;
  while (first < v.length && Number.isNaN(v[first])) first++;
  if (first === v.length) {
    const [i, j] = rdm.cellOf(0);
    throw cellError(rdm.source, i, j, `every one of the ${v.length} dissimilarities is missing (NaN)`);
  }
  for (let k = first + 1; k < v.length; k++) if (!Number.isNaN(v[k]) && v[k] !== v[first]) return;
  const [i, j] = rdm.cellOf(first);
  throw cellError(
    rdm.source,
    i,
    j,
    `constant RDM: all ${v.length - missingPairs(rdm)} dissimilarities equal ${v[first]}, so comparisons (ranks, correlations) are undefined`,
  );
}

/** Throws InputError (naming `b`'s file) unless the two RDMs cover the same number of stimuli. */
export function assertSameSize(a: RdmInput, b: RdmInput): void {
  if (a.stimuli === b.stimuli) return;
  const [i, j] = b.cellOf(0);
  throw cellError(
    b.source,
    i,
    j,
    `RDM size mismatch: ${b.stimuli} stimuli (${b.vector.length} pairs) here but ${a.stimuli} stimuli ` +
      `(${a.vector.length} pairs) in ${a.source.file}`,
  );
}

/** "line L, column C" of a text cell, "row R, column C" of a binary one (0-based i, j in, 1-based out). */
function mirrorWhere(source: MatrixSource, i: number, j: number): string {
  const line = source.rowLines?.[i];
  return line === undefined ? `row ${i + 1}, column ${j + 1}` : `line ${line}, column ${j + 1}`;
}

/** Fast check (tiled, cache-friendly) that a square matrix is symmetric with a zero diagonal, within tol. */
function squareLooksValid(data: ArrayLike<number>, n: number, tol: number): boolean {
  for (let i = 0; i < n; i++) if (Math.abs(data[i * n + i]) > tol) return false; // a NaN diagonal passes: it is no pair
  const B = 64;
  for (let i0 = 0; i0 < n; i0 += B) {
    const i1 = Math.min(n, i0 + B);
    for (let j0 = i0; j0 < n; j0 += B) {
      const j1 = Math.min(n, j0 + B);
      for (let i = i0; i < i1; i++) {
        for (let j = Math.max(j0, i + 1); j < j1; j++) if (!sameDissimilarity(data[i * n + j], data[j * n + i], tol)) return false;
      }
    }
  }
  return true;
}

/** Whether a cell and its mirror agree: both missing (NaN), or both numbers within tol. */
function sameDissimilarity(a: number, b: number, tol: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= tol;
}

/** The InputError for the first offending cell in reading (row-major) order: a nonzero diagonal or an asymmetric pair. */
function firstSquareProblem(data: ArrayLike<number>, n: number, tol: number, source: MatrixSource): Error {
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = data[i * n + j];
      if (i === j) {
        if (Math.abs(v) > tol) return cellError(source, i, j, `not an RDM: diagonal value ${v} should be 0`);
        continue;
      }
      const mirror = data[j * n + i];
      if (!sameDissimilarity(v, mirror, tol)) {
        return cellError(source, i, j, `not an RDM: not symmetric, ${v} here but ${mirror} at ${mirrorWhere(source, j, i)}`);
      }
    }
  }
  return new Error('firstSquareProblem: no problem found');
}

// Dense row-major matrices over typed arrays: the one data structure every layer above shares.

/** Element storage of a matrix: float64 for exact work, float32 for large activations. */
export type FloatArray = Float64Array | Float32Array;

/** A row-major matrix: element (i, j) lives at data[i * cols + j]. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: FloatArray;
}

/** Wrap (or allocate, zero-filled, float64) storage as a rows × cols matrix. */
export function matrix(rows: number, cols: number, data?: FloatArray): Matrix {
  const storage = data ?? new Float64Array(rows * cols);
  if (storage.length !== rows * cols) {
    throw new RangeError(`matrix: ${rows}×${cols} needs ${rows * cols} elements, got ${storage.length}`);
  }
  return { rows, cols, data: storage };
}

/** Build a float64 matrix from an array of equal-length rows. */
export function fromRows(rows: ArrayLike<number>[]): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0].length;
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    if (rows[i].length !== c) throw new RangeError(`fromRows: row ${i} has ${rows[i].length} values, expected ${c}`);
    out.set(rows[i] as ArrayLike<number>, i * c);
  }
  return matrix(r, c, out);
}

/** Plain nested arrays of a matrix (for JSON and tests). */
export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

/** Element (i, j). */
export function at(m: Matrix, i: number, j: number): number {
  return m.data[i * m.cols + j];
}

/** A view of row i (shares storage). */
export function row(m: Matrix, i: number): FloatArray {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** Column j copied into a new float64 array. */
export function column(m: Matrix, j: number): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.data[i * m.cols + j];
  return out;
}

/** The transpose, as a new float64 matrix. */
export function transpose(m: Matrix): Matrix {
  const { rows, cols, data } = m;
  const out = new Float64Array(rows * cols);
  const B = 32;
  for (let i0 = 0; i0 < rows; i0 += B) {
    const i1 = Math.min(rows, i0 + B);
    for (let j0 = 0; j0 < cols; j0 += B) {
      const j1 = Math.min(cols, j0 + B);
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) out[j * rows + i] = data[i * cols + j];
    }
  }
  return matrix(cols, rows, out);
}

/** A float64 copy of a matrix (whatever its storage). */
export function toFloat64(m: Matrix): Matrix {
  return matrix(m.rows, m.cols, Float64Array.from(m.data));
}

/** The n × n identity, optionally scaled. */
export function identity(n: number, scale = 1): Matrix {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = scale;
  return matrix(n, n, out);
}

/** Rows selected by index, in the given order, as a new matrix of the same element type. */
export function selectRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  const Ctor = m.data instanceof Float32Array ? Float32Array : Float64Array;
  const out = new Ctor(indices.length * m.cols);
  for (let k = 0; k < indices.length; k++) out.set(row(m, indices[k]), k * m.cols);
  return matrix(indices.length, m.cols, out);
}

/** Columns selected by index, as a new float64 matrix. */
export function selectColumns(m: Matrix, indices: ArrayLike<number>): Matrix {
  const out = new Float64Array(m.rows * indices.length);
  for (let i = 0; i < m.rows; i++) {
    const base = i * m.cols;
    for (let k = 0; k < indices.length; k++) out[i * indices.length + k] = m.data[base + indices[k]];
  }
  return matrix(m.rows, indices.length, out);
}

/** Columns [j0, j1) of a float64 matrix, copied row by row (the matrix itself when that is all of it). */
export function columnRange(m: Matrix, j0: number, j1: number): Matrix {
  if (j0 === 0 && j1 === m.cols) return m;
  const w = j1 - j0;
  const out = new Float64Array(m.rows * w);
  for (let i = 0; i < m.rows; i++) out.set(m.data.subarray(i * m.cols + j0, i * m.cols + j1), i * w);
  return matrix(m.rows, w, out);
}

/** Column means (float64). */
export function columnMeans(m: Matrix): Float64Array {
  const means = new Float64Array(m.cols);
  for (let i = 0; i < m.rows; i++) {
    const base = i * m.cols;
    for (let j = 0; j < m.cols; j++) means[j] += m.data[base + j];
  }
  for (let j = 0; j < m.cols; j++) means[j] /= m.rows;
  return means;
}

/** A copy with every column centred to mean zero (keeps the element type). */
export function centerColumns(m: Matrix): Matrix {
  const means = columnMeans(m);
  const Ctor = m.data instanceof Float32Array ? Float32Array : Float64Array;
  const out = new Ctor(m.data.length);
  for (let i = 0; i < m.rows; i++) {
    const base = i * m.cols;
    for (let j = 0; j < m.cols; j++) out[base + j] = m.data[base + j] - means[j];
  }
  return matrix(m.rows, m.cols, out);
}

/** Frobenius norm. */
export function frobeniusNorm(m: Matrix): number {
  let s = 0;
  for (let i = 0; i < m.data.length; i++) s += m.data[i] * m.data[i];
  return Math.sqrt(s);
}

/** Index of the first non-finite element, or -1 when all are finite. */
export function firstNonFinite(m: Matrix): number {
  for (let i = 0; i < m.data.length; i++) if (!Number.isFinite(m.data[i])) return i;
  return -1;
}

// N-dimensional arrays stored column-major (Fortran, MATLAB, HDF5 files written by MATLAB) turned into row-major
// (C) order, as every matrix in Attune is.

/** `values` laid out column-major over `dims`, copied into `out` (same length) in row-major order over `dims`. */
export function columnToRowMajor<T extends { length: number; [k: number]: number }>(values: ArrayLike<number | bigint>, dims: readonly number[], out: T): T {
  const n = dims.length;
  const strides = new Array<number>(n);
  let stride = 1;
  for (let a = 0; a < n; a++) {
    strides[a] = stride;
    stride *= dims[a];
  }
  const index = new Array<number>(n).fill(0);
  let source = 0; // the column-major offset of the current row-major index
  for (let k = 0; k < out.length; k++) {
    out[k] = Number(values[source]);
    // Advance the row-major index (last axis fastest), keeping the column-major offset in step.
    for (let a = n - 1; a >= 0; a--) {
      index[a]++;
      source += strides[a];
      if (index[a] < dims[a]) break;
      source -= strides[a] * dims[a];
      index[a] = 0;
    }
  }
  return out;
}

// The values a MATLAB v5 .mat file holds, as the reader returns them. Every array is column-major, as MATLAB stores it.

/** A numeric array (double, single or an integer class), converted to float64; `imag` only when complex. */
export interface MatNumeric {
  type: 'numeric';
  /** The MATLAB class: 'double', 'single', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'. */
  class: string;
  dims: number[];
  /** Column-major values (int64/uint64 beyond 2^53 lose precision). */
  data: Float64Array;
  imag?: Float64Array;
}

/** A logical array (0 or 1 per element), column-major. */
export interface MatLogical {
  type: 'logical';
  dims: number[];
  data: Uint8Array;
}

/** A char array. `rows` are the rows of the 2-D char matrix (row-major text); `text` is rows joined by '\n'. */
export interface MatChar {
  type: 'char';
  dims: number[];
  rows: string[];
  text: string;
}

/** A cell array: one value per element, column-major. */
export interface MatCell {
  type: 'cell';
  dims: number[];
  items: MatValue[];
}

/** A struct array (or an object, with its class name): one record of fields per element, column-major. */
export interface MatStruct {
  type: 'struct';
  dims: number[];
  fields: string[];
  items: Record<string, MatValue>[];
  /** Set for MATLAB objects (mxOBJECT_CLASS), which are read like structs. */
  className?: string;
}

/** A sparse matrix in compressed-column form (MATLAB's own): column j holds entries colStarts[j] .. colStarts[j+1]-1. */
export interface MatSparse {
  type: 'sparse';
  dims: number[];
  rowIndices: Int32Array;
  colStarts: Int32Array;
  /** Non-zero values (1 for a logical sparse matrix). */
  data: Float64Array;
  imag?: Float64Array;
  logical: boolean;
}

/** An element this reader does not decode (function handles, opaque objects such as string/table/datetime). */
export interface MatUnsupported {
  type: 'unsupported';
  class: string;
}

/** Any value read from a .mat file. */
export type MatValue = MatNumeric | MatLogical | MatChar | MatCell | MatStruct | MatSparse | MatUnsupported;

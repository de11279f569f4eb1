// One miMATRIX element of a MATLAB v5 file: array flags, dimensions, name, then the class's own payload.
import { MI, expectTag, matFail, readCodeUnits, readInts, readName, readNumbers, readTag, type MatBuffer, type MatTag } from './mat-elements.ts';
import type { MatChar, MatValue } from './mat-types.ts';

/** MATLAB array classes (mxCLASS codes) of numeric arrays, by code. */
const NUMERIC_CLASSES: Record<number, string> = {
  6: 'double', 7: 'single', 8: 'int8', 9: 'uint8', 10: 'int16', 11: 'uint16',
  12: 'int32', 13: 'uint32', 14: 'int64', 15: 'uint64',
};
const CELL = 1, STRUCT = 2, OBJECT = 3, CHAR = 4, SPARSE = 5, FUNCTION = 16, OPAQUE = 17;

const COMPLEX_FLAG = 0x0800;
const LOGICAL_FLAG = 0x0200;

/** Product of dimensions (the element count). */
export function dimsCount(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** Parse the miMATRIX element `tag` of `buf` into its variable name and value. */
export function parseArray(buf: MatBuffer, tag: MatTag): { name: string; value: MatValue } {
  const end = tag.start + tag.size;
  // An empty miMATRIX (no sub-elements) is MATLAB's [] (a 0×0 double).
  if (tag.size === 0) return { name: '', value: { type: 'numeric', class: 'double', dims: [0, 0], data: new Float64Array(0) } };

  const flagsTag = expectTag(buf, tag.start, end, [MI.UINT32], 'array flags');
  if (flagsTag.size < 4) matFail(buf, flagsTag.start, `array flags: ${flagsTag.size} bytes, expected 8`);
  const flags = buf.view.getUint32(flagsTag.start, buf.littleEndian);
  const cls = flags & 0xff;
  const complex = (flags & COMPLEX_FLAG) !== 0;
  const logical = (flags & LOGICAL_FLAG) !== 0;
  let pos = flagsTag.next;

  if (cls === OPAQUE) {
    // Opaque objects (string, table, datetime, classdef objects) have no dimensions; only their name is read.
    const nameTag = expectTag(buf, pos, end, [MI.INT8, MI.UINT8], 'array name');
    return { name: readName(buf, nameTag), value: { type: 'unsupported', class: 'opaque' } };
  }

  const dimsTag = expectTag(buf, pos, end, [MI.INT32, MI.UINT32, MI.INT16, MI.UINT16, MI.INT8, MI.UINT8], 'dimensions');
  const dims = Array.from(readInts(buf, dimsTag));
  if (dims.length < 2 || dims.some((d) => d < 0)) matFail(buf, dimsTag.start, `bad dimensions [${dims.join(', ')}]`);
  pos = dimsTag.next;
  const nameTag = expectTag(buf, pos, end, [MI.INT8, MI.UINT8], 'array name');
  const name = readName(buf, nameTag);
  pos = nameTag.next;
  const count = dimsCount(dims);

  const numeric = NUMERIC_CLASSES[cls];
  if (numeric !== undefined) {
    const realTag = readTag(buf, pos, end);
    const data = checkedNumbers(buf, realTag, count, 'real part');
    if (logical) {
      const bits = new Uint8Array(count);
      for (let i = 0; i < count; i++) bits[i] = data[i] !== 0 ? 1 : 0;
      return { name, value: { type: 'logical', dims, data: bits } };
    }
    if (!complex) return { name, value: { type: 'numeric', class: numeric, dims, data } };
    const imag = checkedNumbers(buf, readTag(buf, realTag.next, end), count, 'imaginary part');
    return { name, value: { type: 'numeric', class: numeric, dims, data, imag } };
  }

  switch (cls) {
    case CHAR:
      return { name, value: parseChar(buf, pos, end, dims) };
    case CELL: {
      const items: MatValue[] = [];
      for (let i = 0; i < count; i++) {
        const sub = expectTag(buf, pos, end, [MI.MATRIX], `cell element ${i + 1}`);
        items.push(parseArray(buf, sub).value);
        pos = sub.next;
      }
      return { name, value: { type: 'cell', dims, items } };
    }
    case STRUCT:
    case OBJECT: {
      let className: string | undefined;
      if (cls === OBJECT) {
        const classTag = expectTag(buf, pos, end, [MI.INT8, MI.UINT8], 'object class name');
        className = readName(buf, classTag);
        pos = classTag.next;
      }
      const lengthTag = expectTag(buf, pos, end, [MI.INT32, MI.UINT32], 'field name length');
      const fieldLength = readInts(buf, lengthTag)[0];
      pos = lengthTag.next;
      const namesTag = expectTag(buf, pos, end, [MI.INT8, MI.UINT8], 'field names');
      pos = namesTag.next;
      if (!(fieldLength > 0) || namesTag.size % fieldLength !== 0) {
        matFail(buf, namesTag.start, `field names take ${namesTag.size} bytes, not a multiple of the field name length ${fieldLength}`);
      }
      const fields: string[] = [];
      for (let k = 0; k < namesTag.size / fieldLength; k++) {
        fields.push(readName(buf, { ...namesTag, start: namesTag.start + k * fieldLength, size: fieldLength }));
      }
      const items: Record<string, MatValue>[] = [];
      for (let i = 0; i < count; i++) {
        const record: Record<string, MatValue> = {};
        for (const field of fields) {
          const sub = expectTag(buf, pos, end, [MI.MATRIX], `field ${field} of element ${i + 1}`);
          record[field] = parseArray(buf, sub).value;
          pos = sub.next;
        }
        items.push(record);
      }
      return { name, value: className === undefined ? { type: 'struct', dims, fields, items } : { type: 'struct', dims, fields, items, className } };
    }
    case SPARSE:
      return { name, value: parseSparse(buf, pos, end, dims, complex, logical) };
    case FUNCTION:
      return { name, value: { type: 'unsupported', class: 'function_handle' } };
    default:
      return matFail(buf, flagsTag.start, `unknown array class ${cls}`);
  }
}

/** Numbers of a payload that must hold exactly `count` values. */
function checkedNumbers(buf: MatBuffer, tag: MatTag, count: number, what: string): Float64Array {
  const data = readNumbers(buf, tag);
  if (data.length !== count) matFail(buf, tag.start, `${what}: ${data.length} values for ${count} elements`);
  return data;
}

/** A char array: column-major code units arranged into rows of the 2-D (first dim × the rest) char matrix. */
function parseChar(buf: MatBuffer, pos: number, end: number, dims: number[]): MatChar {
  const count = dimsCount(dims);
  const units = count === 0 && pos >= end ? [] : readCodeUnits(buf, readTag(buf, pos, end));
  if (units.length !== count) matFail(buf, pos, `char array: ${units.length} characters for ${count} elements`);
  const m = dims[0];
  const n = m === 0 ? 0 : count / m;
  const rows: string[] = [];
  for (let i = 0; i < m; i++) {
    let s = '';
    for (let j = 0; j < n; j++) s += String.fromCharCode(units[i + m * j]);
    rows.push(s);
  }
  return { type: 'char', dims, rows, text: rows.join('\n') };
}

/** A sparse matrix: row indices (ir), column starts (jc), then the non-zero values (and imaginary parts). */
function parseSparse(buf: MatBuffer, pos: number, end: number, dims: number[], complex: boolean, logical: boolean): MatValue {
  if (dims.length !== 2) matFail(buf, pos, `sparse array with ${dims.length} dimensions`);
  const irTag = readTag(buf, pos, end);
  const jcTag = readTag(buf, irTag.next, end);
  const ir = readInts(buf, irTag);
  const jc = readInts(buf, jcTag);
  if (jc.length !== dims[1] + 1) matFail(buf, jcTag.start, `sparse column starts: ${jc.length} values for ${dims[1]} columns`);
  const nnz = jc[dims[1]];
  if (nnz > ir.length) matFail(buf, irTag.start, `sparse row indices: ${ir.length} values for ${nnz} non-zeros`);
  for (let k = 0; k < nnz; k++) if (ir[k] < 0 || ir[k] >= dims[0]) matFail(buf, irTag.start, `sparse row index ${ir[k]} out of range`);
  for (let j = 0; j < dims[1]; j++) if (jc[j] > jc[j + 1] || jc[j] < 0) matFail(buf, jcTag.start, 'sparse column starts are not ascending');
  let next = jcTag.next;
  let data: Float64Array = new Float64Array(nnz).fill(1);
  let imag: Float64Array | undefined;
  if (next < end) {
    const prTag = readTag(buf, next, end);
    data = readNumbers(buf, prTag);
    next = prTag.next;
    if (data.length < nnz) matFail(buf, prTag.start, `sparse values: ${data.length} for ${nnz} non-zeros`);
    data = data.slice(0, nnz);
    if (complex) {
      const piTag = readTag(buf, next, end);
      imag = readNumbers(buf, piTag);
      if (imag.length < nnz) matFail(buf, piTag.start, `sparse imaginary values: ${imag.length} for ${nnz} non-zeros`);
      imag = imag.slice(0, nnz);
    }
  } else if (!logical && nnz > 0) {
    matFail(buf, next, 'sparse values missing');
  }
  if (logical) for (let k = 0; k < nnz; k++) data[k] = data[k] !== 0 ? 1 : 0;
  const value: MatValue = { type: 'sparse', dims, rowIndices: ir.slice(0, nnz), colStarts: jc, data, logical };
  if (imag) value.imag = imag;
  return value;
}

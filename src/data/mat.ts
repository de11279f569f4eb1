// MATLAB v5 .mat files (the format of MATLAB 5 to 7, `save -v6`/`-v7`, scipy.io.savemat): reading and value helpers.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { InputError } from '../core/input-error.ts';
import { matrix, type Matrix } from '../core/matrix.ts';
import { MI, matBuffer, matFail, readTag } from './mat-elements.ts';
import { dimsCount, parseArray } from './mat-array.ts';
import type { MatValue } from './mat-types.ts';

export type { MatCell, MatChar, MatLogical, MatNumeric, MatSparse, MatStruct, MatUnsupported, MatValue } from './mat-types.ts';

const HEADER_BYTES = 128;

/** Read a MATLAB v5 .mat file: its variables by name. Throws InputError for unreadable files and v4 or v7.3 (HDF5) files. */
export function readMat(path: string): Record<string, MatValue> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(`cannot read .mat file: ${(e as Error).message}`, { file: path });
  }
  return parseMat(bytes, { file: path });
}

/** Parse the bytes of a MATLAB v5 .mat file (see readMat); `file` names it in errors. */
export function parseMat(bytes: Uint8Array, options: { file?: string } = {}): Record<string, MatValue> {
  const file = options.file ?? '<input>';
  const fail = (detail: string): never => {
    throw new InputError(detail, { file });
  };
  if (bytes.length === 0) fail('empty file');
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(116, bytes.length)));
  if (text.startsWith('MATLAB 7.3') || hasHdf5Signature(bytes)) {
    fail('MATLAB v7.3 (HDF5) .mat file: this reader takes MATLAB v5; v7.3 files are read by the HDF5 reader');
  }
  const notMat = 'not a MATLAB v5 .mat file (no "MATLAB" header text; MATLAB v4 files are not supported)';
  if (bytes.length < HEADER_BYTES && !text.startsWith('MATLAB')) fail(notMat);
  if (bytes.length < HEADER_BYTES) fail(`truncated .mat header: ${bytes.length} bytes, the header needs ${HEADER_BYTES}`);
  const indicator = String.fromCharCode(bytes[126], bytes[127]);
  if (indicator !== 'IM' && indicator !== 'MI') {
    if (!text.startsWith('MATLAB')) fail(notMat);
    fail(`bad .mat header: endian indicator at byte 126 is ${JSON.stringify(indicator)}, expected "IM" or "MI"`);
  }
  const littleEndian = indicator === 'IM';
  const buf = matBuffer(bytes, littleEndian, file);
  const version = buf.view.getUint16(124, littleEndian);
  if (version === 0x0200) fail('MATLAB v7.3 (HDF5) .mat file: this reader takes MATLAB v5; v7.3 files are read by the HDF5 reader');
  if (version !== 0x0100) fail(`unsupported .mat version 0x${version.toString(16).padStart(4, '0')} at byte 124 (0x0100 is read)`);

  const out: Record<string, MatValue> = {};
  let pos = HEADER_BYTES;
  while (pos < bytes.length) {
    if (bytes.length - pos < 8 && bytes.subarray(pos).every((b) => b === 0)) break; // trailing zero padding
    const tag = readTag(buf, pos, bytes.length, true);
    let variable: { name: string; value: MatValue };
    if (tag.type === MI.COMPRESSED) {
      let inflated: Uint8Array;
      try {
        inflated = inflateSync(bytes.subarray(tag.start, tag.start + tag.size));
      } catch (e) {
        return matFail(buf, pos, `cannot decompress variable: ${(e as Error).message}`);
      }
      const inner = matBuffer(inflated, littleEndian, file, `the variable compressed at byte ${pos}`);
      const innerTag = readTag(inner, 0, inflated.length);
      if (innerTag.type !== MI.MATRIX) matFail(inner, 0, `compressed element holds data type ${innerTag.type}, expected miMATRIX (14)`);
      variable = parseArray(inner, innerTag);
      pos = tag.next;
    } else if (tag.type === MI.MATRIX) {
      variable = parseArray(buf, tag);
      pos = Math.min(bytes.length, tag.start + Math.ceil(tag.size / 8) * 8);
    } else {
      return matFail(buf, pos, `unexpected top-level data type ${tag.type} (expected miMATRIX 14 or miCOMPRESSED 15)`);
    }
    out[variable.name] = variable.value;
  }
  return out;
}

/** Whether bytes carry the HDF5 signature at offset 512 (where MATLAB v7.3 files put it). */
function hasHdf5Signature(bytes: Uint8Array): boolean {
  const sig = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
  return bytes.length >= 520 && sig.every((b, i) => bytes[512 + i] === b);
}

/** The column-major linear index of 0-based subscripts `subs` in an array of dimensions `dims`. */
export function matIndex(dims: readonly number[], subs: readonly number[]): number {
  let index = 0;
  let stride = 1;
  for (let k = 0; k < dims.length; k++) {
    const s = subs[k] ?? 0;
    if (!Number.isInteger(s) || s < 0 || s >= dims[k]) throw new RangeError(`matIndex: subscript ${s} out of range for dimension ${k + 1} of size ${dims[k]}`);
    index += s * stride;
    stride *= dims[k];
  }
  for (let k = dims.length; k < subs.length; k++) if (subs[k] !== 0) throw new RangeError(`matIndex: subscript ${subs[k]} beyond the ${dims.length} dimensions`);
  return index;
}

/** The dimensions of a value ([] for unsupported ones). */
export function matDims(v: MatValue): number[] {
  return v.type === 'unsupported' ? [] : v.dims;
}

/** A 2-D numeric, logical or sparse value (trailing singleton dimensions allowed) as a row-major float64 Matrix. Complex values are refused. */
export function matToMatrix(v: MatValue): Matrix {
  if (v.type !== 'numeric' && v.type !== 'logical' && v.type !== 'sparse') throw new TypeError(`matToMatrix: expected a numeric array, got ${matDescribe(v)}`);
  if ((v.type === 'numeric' || v.type === 'sparse') && v.imag) throw new TypeError('matToMatrix: complex arrays are not converted');
  const [rows, cols, ...rest] = v.dims;
  if (rest.some((d) => d !== 1)) throw new TypeError(`matToMatrix: expected a 2-D array, got dimensions ${v.dims.join('×')}`);
  const out = new Float64Array(rows * cols);
  if (v.type === 'sparse') {
    for (let j = 0; j < cols; j++) for (let k = v.colStarts[j]; k < v.colStarts[j + 1]; k++) out[v.rowIndices[k] * cols + j] += v.data[k];
  } else {
    for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) out[i * cols + j] = v.data[i + j * rows];
  }
  return matrix(rows, cols, out);
}

/** Field `name` of element `index` (0-based, column-major) of a struct array. */
export function matField(v: MatValue, name: string, index = 0): MatValue {
  if (v.type !== 'struct') throw new TypeError(`matField: expected a struct, got ${matDescribe(v)}`);
  if (!v.fields.includes(name)) throw new TypeError(`matField: no field ${JSON.stringify(name)} (fields: ${v.fields.join(', ')})`);
  if (!Number.isInteger(index) || index < 0 || index >= v.items.length) throw new RangeError(`matField: element ${index} out of range (${v.items.length} elements)`);
  return v.items[index][name];
}

/** The text of a char array (rows joined by '\n'); a 1×1 cell holding one is unwrapped. */
export function matString(v: MatValue): string {
  if (v.type === 'cell' && v.items.length === 1) return matString(v.items[0]);
  if (v.type !== 'char') throw new TypeError(`matString: expected a char array, got ${matDescribe(v)}`);
  return v.text;
}

/** The strings of a cell array of char arrays, column-major. */
export function matStrings(v: MatValue): string[] {
  if (v.type !== 'cell') throw new TypeError(`matStrings: expected a cell array, got ${matDescribe(v)}`);
  return v.items.map(matString);
}

/** The element count of a value. */
export function matCount(v: MatValue): number {
  return dimsCount(matDims(v));
}

/** A short description of a value for messages, e.g. "double 92×92" or "struct 1×8". */
export function matDescribe(v: MatValue): string {
  if (v.type === 'unsupported') return `unsupported ${v.class}`;
  const kind = v.type === 'numeric' ? v.class : v.type;
  return `${kind} ${v.dims.join('×')}`;
}

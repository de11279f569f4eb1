// The NumPy .npy format as bytes, with no file access: parsing versions 1, 2 and 3 (float64, float32, float16, int32
// and int64 arrays, C or Fortran order; text arrays of labels) and encoding float and text arrays (version 1.0,
// C order). Shared by the data readers and by the models that read their own files (features folders).
import { matrix, type FloatArray, type Matrix } from './matrix.ts';
import { columnToRowMajor } from './array-order.ts';
import { InputError } from './input-error.ts';

/** A parsed .npy array as a matrix: rows = shape[0], columns = the product of the other axes (1 for a 1-D array). */
export interface NpyArray {
  matrix: Matrix;
  /** The dtype as stored, e.g. '<f8'. */
  dtype: string;
  shape: number[];
  fortranOrder: boolean;
  version: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Element kinds this reader understands, by the dtype's kind and size (e.g. 'f8'). */
const KINDS: Record<string, { bytes: number; name: string }> = {
  f8: { bytes: 8, name: 'float64' },
  f4: { bytes: 4, name: 'float32' },
  f2: { bytes: 2, name: 'float16' },
  i4: { bytes: 4, name: 'int32' },
  i8: { bytes: 8, name: 'int64' },
};

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Whether bytes start with the .npy magic string. */
export function isNpy(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

/** What parseNpy accepts besides the bytes. */
export interface ParseNpyOptions {
  /** File name for error messages (default '<input>'). */
  file?: string;
  /** Keep NaN values (RDMs with pairs not measured); infinities are still refused. Default: NaN is refused. */
  allowNaN?: boolean;
}

/** The parsed header of a .npy file: where the data starts and how it is laid out. */
interface NpyHeader {
  version: number;
  dtype: string;
  fortranOrder: boolean;
  shape: number[];
  dataStart: number;
}

/**
 * Parse a .npy file. float32 stays float32; every other dtype (float16, int32, int64) becomes float64, exactly.
 * Fortran-ordered arrays are reordered to row-major. An N-D array comes back as shape[0] rows × the rest (the
 * shape says what it was; readers that need a matrix refuse ndim > 2). Throws InputError for other dtypes,
 * truncated data or non-finite values (NaN is kept with `allowNaN`).
 */
export function parseNpy(bytes: Uint8Array, options: ParseNpyOptions = {}): NpyArray {
  const file = options.file ?? '<input>';
  function fail(detail: string): never {
    throw new InputError(detail, { file });
  }
  const { version, dtype, fortranOrder, shape, dataStart } = readNpyHeader(bytes, fail);
  const order = dtype[0];
  const kind = KINDS[dtype.slice(1)];
  if (kind === undefined || (order !== '<' && order !== '>' && order !== '|' && order !== '=')) {
    const text = /^[<>|=][US]\d+$/.test(dtype) ? ' (a text array: labels are read from an .npz member named \'labels\')' : '';
    fail(`unsupported dtype '${dtype}'${text}: this reader takes float64 ('<f8'), float32 ('<f4'), float16 ('<f2'), int32 ('<i4') and int64 ('<i8')`);
  }
  const littleEndian = order === '<' || (order === '=' && LITTLE_ENDIAN_HOST);
  const count = shape.reduce((a, b) => a * b, 1);
  const needed = count * kind.bytes;
  if (bytes.length - dataStart < needed) {
    fail(`truncated data: shape (${shape.join(', ')}) of ${dtype} needs ${needed} bytes, the file has ${bytes.length - dataStart}`);
  }

  let values = decode(bytes.subarray(dataStart, dataStart + needed), dtype.slice(1), count, littleEndian);
  if (fortranOrder && shape.length > 1) values = columnToRowMajor(values, shape, new (values instanceof Float32Array ? Float32Array : Float64Array)(values.length));
  const rows = shape.length === 0 ? 1 : shape[0];
  const cols = shape.length <= 1 ? 1 : count / Math.max(rows, 1);
  if (rows === 0 || cols === 0) fail(`empty array of shape (${shape.join(', ')})`);

  const allowNaN = options.allowNaN === true;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!Number.isFinite(v) && !(allowNaN && Number.isNaN(v))) {
      const i = Math.floor(k / cols);
      const j = k % cols;
      fail(`non-finite value ${v} at row ${i + 1}, column ${j + 1} (${allowNaN ? 'infinities are' : 'NaN and infinities are'} not allowed)`);
    }
  }
  return { matrix: matrix(rows, cols, values), dtype, shape, fortranOrder, version };
}

/** A parsed .npy text array (numpy's unicode '<U…' or bytes '|S…' dtype), flattened in C order. */
export interface NpyText {
  strings: string[];
  dtype: string;
  shape: number[];
}

/** Whether a .npy header's dtype is text (unicode or bytes strings). */
export function isNpyText(bytes: Uint8Array): boolean {
  try {
    return /^[<>|=]?[US]\d+$/.test(readNpyHeader(bytes, (d) => { throw new Error(d); }).dtype);
  } catch {
    return false;
  }
}

/**
 * Parse a .npy array of strings: unicode ('<U5', UTF-32 code points) or bytes ('|S5', one byte a character), as
 * np.array(labels) or np.array(labels, dtype='S') store them; trailing NULs are stripped, as numpy does.
 */
export function parseNpyText(bytes: Uint8Array, options: { file?: string } = {}): NpyText {
  const file = options.file ?? '<input>';
  function fail(detail: string): never {
    throw new InputError(detail, { file });
  }
  const { dtype, fortranOrder, shape, dataStart } = readNpyHeader(bytes, fail);
  const m = /^([<>|=]?)([US])(\d+)$/.exec(dtype);
  if (m === null) fail(`not a text array: dtype '${dtype}' (labels need numpy's str dtype, e.g. np.array(labels, dtype=str))`);
  const unicode = m![2] === 'U';
  const width = Number(m![3]);
  const bigEndian = m![1] === '>' || (m![1] === '=' && !LITTLE_ENDIAN_HOST);
  const size = unicode ? 4 * width : width;
  const count = shape.reduce((a, b) => a * b, 1);
  if (bytes.length - dataStart < count * size) {
    fail(`truncated data: shape (${shape.join(', ')}) of ${dtype} needs ${count * size} bytes, the file has ${bytes.length - dataStart}`);
  }
  if (fortranOrder && shape.filter((d) => d > 1).length > 1) fail('a Fortran-ordered text array of more than one axis is not read; save a 1-D array of labels');
  const view = new DataView(bytes.buffer, bytes.byteOffset + dataStart, count * size);
  const strings: string[] = new Array(count);
  for (let k = 0; k < count; k++) {
    const codes: number[] = [];
    for (let c = 0; c < width; c++) {
      const code = unicode ? view.getUint32(k * size + 4 * c, !bigEndian) : view.getUint8(k * size + c);
      codes.push(code);
    }
    while (codes.length > 0 && codes[codes.length - 1] === 0) codes.pop();
    if (unicode && codes.some((c) => c > 0x10ffff)) fail(`element ${k + 1} holds an invalid code point`);
    strings[k] = unicode ? String.fromCodePoint(...codes) : String.fromCharCode(...codes);
  }
  return { strings, dtype, shape };
}

/** The header of a .npy file (magic, version, dict); `fail` reports what is wrong with it. */
function readNpyHeader(bytes: Uint8Array, fail: (detail: string) => never): NpyHeader {
  if (bytes.length === 0) fail('empty file');
  if (!isNpy(bytes)) fail('not a NumPy .npy file (the magic string \\x93NUMPY is missing)');
  if (bytes.length < 10) fail('truncated .npy header');
  const version = bytes[6];
  if (version < 1 || version > 3) fail(`unsupported .npy format version ${version}.${bytes[7]} (1, 2 and 3 are read)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerStart = version === 1 ? 10 : 12;
  if (bytes.length < headerStart) fail('truncated .npy header');
  const headerLength = version === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = headerStart + headerLength;
  if (bytes.length < dataStart) fail(`truncated .npy header: ${headerLength} bytes announced, ${bytes.length - headerStart} present`);
  const headerBytes = bytes.subarray(headerStart, dataStart);
  const header = new TextDecoder(version === 3 ? 'utf-8' : 'latin1').decode(headerBytes);

  const descrMatch = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(header);
  if (!descrMatch) fail(`unsupported dtype: structured or unreadable descr in header ${JSON.stringify(header.trim())}`);
  const dtype = descrMatch![1];
  const fortranMatch = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(header);
  if (!fortranMatch) fail(`unreadable fortran_order in header ${JSON.stringify(header.trim())}`);
  const fortranOrder = fortranMatch![1] === 'True';
  const shapeMatch = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header);
  if (!shapeMatch) fail(`unreadable shape in header ${JSON.stringify(header.trim())}`);
  const shape = shapeMatch![1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => Number(s));
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0)) fail(`unreadable shape (${shapeMatch![1]})`);
  return { version, dtype, fortranOrder, shape, dataStart };
}

/** Decode raw little/big-endian elements into float64 (float32 for 'f4'). */
function decode(raw: Uint8Array, kind: string, count: number, littleEndian: boolean): FloatArray {
  if (littleEndian === LITTLE_ENDIAN_HOST) {
    const copy = new Uint8Array(raw).buffer; // a copy: aligned, owned (Buffer.slice would share the pool)
    switch (kind) {
      case 'f8':
        return new Float64Array(copy, 0, count);
      case 'f4':
        return new Float32Array(copy, 0, count);
      case 'i4':
        return Float64Array.from(new Int32Array(copy, 0, count));
      case 'f2': {
        const half = new Uint16Array(copy, 0, count);
        const out = new Float64Array(count);
        for (let k = 0; k < count; k++) out[k] = halfToDouble(half[k]);
        return out;
      }
      default: {
        const big = new BigInt64Array(copy, 0, count);
        const out = new Float64Array(count);
        for (let k = 0; k < count; k++) out[k] = Number(big[k]);
        return out;
      }
    }
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out = kind === 'f4' ? new Float32Array(count) : new Float64Array(count);
  for (let k = 0; k < count; k++) {
    if (kind === 'f8') out[k] = view.getFloat64(k * 8, littleEndian);
    else if (kind === 'f4') out[k] = view.getFloat32(k * 4, littleEndian);
    else if (kind === 'i4') out[k] = view.getInt32(k * 4, littleEndian);
    else if (kind === 'f2') out[k] = halfToDouble(view.getUint16(k * 2, littleEndian));
    else out[k] = Number(view.getBigInt64(k * 8, littleEndian));
  }
  return out;
}

/**
 * The IEEE 754 binary16 value of 16 bits, exactly (every half is a float64): written out because Node 20 has no
 * Float16Array or DataView.getFloat16.
 */
export function halfToDouble(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24; // zero and subnormals
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1024 + fraction) * 2 ** (exponent - 25);
}

/**
 * Encode a float array of `shape` (C order) as a version 1.0 .npy file, as numpy.save writes it: dtype '<f4'
 * for a Float32Array, '<f8' for a Float64Array, the header padded with spaces so the data starts on a 64-byte boundary.
 */
export function encodeNpy(values: FloatArray, shape: readonly number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0) || count !== values.length) {
    throw new RangeError(`encodeNpy: shape (${shape.join(', ')}) does not hold ${values.length} values`);
  }
  const float32 = values instanceof Float32Array;
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  const dict = `{'descr': '${float32 ? '<f4' : '<f8'}', 'fortran_order': False, 'shape': (${dims}), }`;
  const headerStart = 10;
  const padded = Math.ceil((headerStart + dict.length + 1) / 64) * 64 - headerStart; // dict, spaces, '\n'
  if (padded > 0xffff) throw new RangeError(`encodeNpy: a header of ${padded} bytes needs format version 2`);
  const out = new Uint8Array(headerStart + padded + values.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, padded, true);
  const header = dict.padEnd(padded - 1, ' ') + '\n';
  for (let k = 0; k < header.length; k++) out[headerStart + k] = header.charCodeAt(k);
  const body = new DataView(out.buffer, headerStart + padded);
  if (LITTLE_ENDIAN_HOST) out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), headerStart + padded);
  else if (float32) values.forEach((v, k) => body.setFloat32(k * 4, v, true));
  else values.forEach((v, k) => body.setFloat64(k * 8, v, true));
  return out;
}

/**
 * Encode strings as a 1-D numpy unicode array ('<U{longest}', UTF-32LE code points padded with NULs), what
 * np.array(labels) holds and np.load(allow_pickle=False) reads. A string may not end in NUL (numpy strips those).
 */
export function encodeNpyText(strings: readonly string[]): Uint8Array {
  const points = strings.map((s) => Array.from(s, (ch) => ch.codePointAt(0) as number));
  const width = Math.max(1, ...points.map((p) => p.length));
  const dict = `{'descr': '<U${width}', 'fortran_order': False, 'shape': (${strings.length},), }`;
  const headerStart = 10;
  const padded = Math.ceil((headerStart + dict.length + 1) / 64) * 64 - headerStart;
  const out = new Uint8Array(headerStart + padded + strings.length * width * 4);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  const view = new DataView(out.buffer);
  view.setUint16(8, padded, true);
  const header = dict.padEnd(padded - 1, ' ') + '\n';
  for (let k = 0; k < header.length; k++) out[headerStart + k] = header.charCodeAt(k);
  let at = headerStart + padded;
  for (const p of points) {
    for (let c = 0; c < width; c++) view.setUint32(at + 4 * c, c < p.length ? p[c] : 0, true);
    at += 4 * width;
  }
  return out;
}

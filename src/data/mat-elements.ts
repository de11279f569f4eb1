// Low-level MATLAB v5 data elements: tags (regular and small 4-byte form), numeric payloads, char payloads.
import { InputError } from '../core/input-error.ts';

/** MAT data types (the "mi" codes of the Level 5 format). */
export const MI = {
  INT8: 1, UINT8: 2, INT16: 3, UINT16: 4, INT32: 5, UINT32: 6, SINGLE: 7, DOUBLE: 9,
  INT64: 12, UINT64: 13, MATRIX: 14, COMPRESSED: 15, UTF8: 16, UTF16: 17, UTF32: 18,
} as const;

/** Bytes per element of each numeric mi type. */
const SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 2, 5: 4, 6: 4, 7: 4, 9: 8, 12: 8, 13: 8 };

/** A byte buffer being read, its endianness, and how to name a position in it for error messages. */
export interface MatBuffer {
  bytes: Uint8Array;
  view: DataView;
  littleEndian: boolean;
  file: string;
  /** Describes position `pos` of this buffer, e.g. "byte 1234" or "byte 56 of the variable compressed at byte 1234". */
  where(pos: number): string;
}

/** One data element: its mi type, payload range, and where the next element starts. */
export interface MatTag {
  type: number;
  start: number;
  size: number;
  next: number;
}

/** A MatBuffer over `bytes`; `context` names the buffer for positions inside decompressed data. */
export function matBuffer(bytes: Uint8Array, littleEndian: boolean, file: string, context?: string): MatBuffer {
  return {
    bytes,
    view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    littleEndian,
    file,
    where: (pos) => (context ? `byte ${pos} of ${context}` : `byte ${pos}`),
  };
}

/** Throw the InputError for a malformed .mat file, naming the file and position. */
export function matFail(buf: MatBuffer, pos: number, detail: string): never {
  throw new InputError(`${detail} (at ${buf.where(pos)})`, { file: buf.file });
}

/** Read the tag at `pos` (elements end by `end`); small elements pack type and size into one word. Padding is 8 bytes unless `unpadded`. */
export function readTag(buf: MatBuffer, pos: number, end: number, unpadded = false): MatTag {
  if (pos + 8 > end) matFail(buf, pos, `truncated .mat file: a data element tag needs 8 bytes, ${Math.max(0, end - pos)} left`);
  const first = buf.view.getUint32(pos, buf.littleEndian);
  const small = first >>> 16;
  if (small !== 0) {
    if (small > 4) matFail(buf, pos, `bad small data element: ${small} bytes announced, at most 4 fit`);
    return { type: first & 0xffff, start: pos + 4, size: small, next: pos + 8 };
  }
  const size = buf.view.getUint32(pos + 4, buf.littleEndian);
  const start = pos + 8;
  if (start + size > end) {
    matFail(buf, pos, `truncated .mat file: data element of type ${first} announces ${size} bytes, ${end - start} left`);
  }
  const next = unpadded ? start + size : Math.min(end, start + Math.ceil(size / 8) * 8);
  return { type: first, start, size, next };
}

/** Read a tag and check its type is one of `types`. */
export function expectTag(buf: MatBuffer, pos: number, end: number, types: number[], what: string): MatTag {
  const tag = readTag(buf, pos, end);
  if (!types.includes(tag.type)) matFail(buf, pos, `${what}: unexpected data type ${tag.type} (expected ${types.join(' or ')})`);
  return tag;
}

/** The payload of a numeric element (any numeric mi type), converted to float64. */
export function readNumbers(buf: MatBuffer, tag: MatTag): Float64Array {
  const width = SIZES[tag.type];
  if (width === undefined) matFail(buf, tag.start, `unknown or non-numeric data type ${tag.type} where numbers were expected`);
  if (tag.size % width !== 0) matFail(buf, tag.start, `${tag.size} bytes is not a whole number of ${width}-byte values`);
  const n = tag.size / width;
  const out = new Float64Array(n);
  const { view, littleEndian: le, bytes } = buf;
  const p = tag.start;
  switch (tag.type) {
    case MI.INT8: for (let i = 0; i < n; i++) out[i] = view.getInt8(p + i); break;
    case MI.UINT8: for (let i = 0; i < n; i++) out[i] = bytes[p + i]; break;
    case MI.INT16: for (let i = 0; i < n; i++) out[i] = view.getInt16(p + 2 * i, le); break;
    case MI.UINT16: for (let i = 0; i < n; i++) out[i] = view.getUint16(p + 2 * i, le); break;
    case MI.INT32: for (let i = 0; i < n; i++) out[i] = view.getInt32(p + 4 * i, le); break;
    case MI.UINT32: for (let i = 0; i < n; i++) out[i] = view.getUint32(p + 4 * i, le); break;
    case MI.SINGLE: for (let i = 0; i < n; i++) out[i] = view.getFloat32(p + 4 * i, le); break;
    case MI.DOUBLE: for (let i = 0; i < n; i++) out[i] = view.getFloat64(p + 8 * i, le); break;
    case MI.INT64: for (let i = 0; i < n; i++) out[i] = Number(view.getBigInt64(p + 8 * i, le)); break;
    case MI.UINT64: for (let i = 0; i < n; i++) out[i] = Number(view.getBigUint64(p + 8 * i, le)); break;
  }
  return out;
}

/** The payload of an integer element as int32 values (dimensions, sparse indices). */
export function readInts(buf: MatBuffer, tag: MatTag): Int32Array {
  const values = readNumbers(buf, tag);
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isInteger(values[i]) || values[i] < -0x80000000 || values[i] > 0x7fffffff) {
      matFail(buf, tag.start, `expected 32-bit integers, found ${values[i]}`);
    }
    out[i] = values[i];
  }
  return out;
}

/** The payload of a text element (names, char arrays) as UTF-16 code units. */
export function readCodeUnits(buf: MatBuffer, tag: MatTag): number[] {
  const slice = buf.bytes.subarray(tag.start, tag.start + tag.size);
  switch (tag.type) {
    case MI.UTF8: {
      const s = new TextDecoder('utf-8').decode(slice);
      const out: number[] = new Array(s.length);
      for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
      return out;
    }
    case MI.UTF32: {
      const out: number[] = [];
      for (const cp of readNumbers(buf, { ...tag, type: MI.UINT32 })) {
        if (cp > 0x10ffff) matFail(buf, tag.start, `invalid UTF-32 code point ${cp}`);
        if (cp < 0x10000) out.push(cp);
        else out.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
      }
      return out;
    }
    case MI.UTF16:
      return Array.from(readNumbers(buf, { ...tag, type: MI.UINT16 }));
    case MI.INT8: case MI.UINT8: case MI.INT16: case MI.UINT16: case MI.INT32: case MI.UINT32: case MI.DOUBLE:
      return Array.from(readNumbers(buf, tag));
    default:
      return matFail(buf, tag.start, `unknown data type ${tag.type} for text`);
  }
}

/** An ASCII name (variable, field or class name) from an miINT8 element, up to the first NUL. */
export function readName(buf: MatBuffer, tag: MatTag): string {
  let s = '';
  for (let i = tag.start; i < tag.start + tag.size && buf.bytes[i] !== 0; i++) s += String.fromCharCode(buf.bytes[i]);
  return s;
}

// Cache keys: the sha256 of a canonical text of what a result depends on (parameters, data hashes, versions).
//
// The canonical text is JSON with these rules, so equal inputs give equal keys and different ones differ:
// - object keys sorted (by UTF-16 code units, JS's default sort) at every depth; fields whose value is
//   undefined are dropped (undefined in an array becomes null, as in JSON);
// - a number is the string "#f64:" + the 16 hex digits of its float64 bits (big-endian), so 0.1+0.2 and
//   0.3 differ and so do 0 and -0; every NaN is written as the one quiet NaN 7ff8000000000000;
// - a bigint is "#bigint:" + its decimal digits; a Date is "#date:" + its ISO text;
// - a typed array, DataView or ArrayBuffer is "#" + its type name + ":" + its length + ":" + the sha256 hex
//   of its bytes (in this machine's byte order: little-endian on every platform Node supports); a Buffer
//   counts as a Uint8Array;
// - a string that itself starts with "#" gets one more "#" in front, so no string collides with the tags.
// Functions, symbols, Maps, Sets and circular structures throw a TypeError.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InputError } from '../core/input-error.ts';

/** The cache key of `parts`: the sha256 hex of their canonical JSON (see canonicalJson). */
export function cacheKey(parts: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(parts), 'utf8').digest('hex');
}

/** The canonical JSON text of a value: sorted keys, exact float64 bits, typed arrays by the hash of their bytes. */
export function canonicalJson(value: unknown): string {
  return encode(value, new Set());
}

/** The sha256 hex of bytes (a typed array or DataView is hashed by the bytes it views). */
export function sha256Bytes(bytes: ArrayBufferView | ArrayBuffer): string {
  const view = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return createHash('sha256').update(view).digest('hex');
}

/** The sha256 hex of a file's bytes, read whole (meant for files under 1 GB); a missing file is an InputError. */
export function sha256File(path: string): string {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('no such file', { file: path });
    if (code === 'EISDIR') throw new InputError('is a folder, not a file', { file: path });
    if (code === 'EACCES' || code === 'EPERM') throw new InputError('cannot read: permission denied', { file: path });
    throw error;
  }
  return sha256Bytes(data);
}

/** The 16 hex digits of a float64's bits (big-endian); NaN is always the quiet NaN 7ff8000000000000. */
function float64Bits(x: number): string {
  if (Number.isNaN(x)) return '7ff8000000000000';
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x, false);
  return view.getBigUint64(0, false).toString(16).padStart(16, '0');
}

/** One value's canonical text; `seen` holds the objects on the current path (to refuse cycles). */
function encode(value: unknown, seen: Set<object>): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return `"#f64:${float64Bits(value)}"`;
    case 'bigint':
      return `"#bigint:${value.toString(10)}"`;
    case 'string':
      return JSON.stringify(value.startsWith('#') ? `#${value}` : value);
    case 'function':
    case 'symbol':
      throw new TypeError(`cacheKey: cannot hash a ${typeof value}`);
  }
  const object = value as object;
  if (object instanceof ArrayBuffer) return `"#ArrayBuffer:${object.byteLength}:${sha256Bytes(object)}"`;
  if (ArrayBuffer.isView(object)) {
    const length = object instanceof DataView ? object.byteLength : (object as unknown as ArrayLike<unknown>).length;
    const type = Buffer.isBuffer(object) ? 'Uint8Array' : object.constructor.name;
    return `"#${type}:${length}:${sha256Bytes(object)}"`;
  }
  if (object instanceof Date) return `"#date:${object.toISOString()}"`;
  if (object instanceof Map || object instanceof Set) throw new TypeError(`cacheKey: cannot hash a ${object.constructor.name}; use an object or an array`);
  if (seen.has(object)) throw new TypeError('cacheKey: cannot hash a circular structure');
  seen.add(object);
  let text: string;
  if (Array.isArray(object)) {
    text = `[${Array.from(object, (v: unknown) => encode(v, seen)).join(',')}]`;
  } else {
    const record = object as Record<string, unknown>;
    const fields = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${encode(record[k], seen)}`);
    text = `{${fields.join(',')}}`;
  }
  seen.delete(object);
  return text;
}

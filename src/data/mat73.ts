// MATLAB v7.3 .mat files (HDF5 behind a 512-byte user block): numeric variables, read through h5wasm on a worker
// thread (mat73-thread.mjs), which describes the dataset and hands back its values; MATLAB's conventions are applied here.
import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { columnToRowMajor } from '../core/array-order.ts';
import { InputError } from '../core/input-error.ts';

/** What the worker thread says of a file and one of its datasets. */
interface ThreadReport {
  error?: string;
  keys?: string[];
  missing?: boolean;
  group?: boolean;
  other?: boolean;
  matlabClass?: string;
  type?: { type: number; size: number; signed: boolean };
  shape?: number[];
  empty?: boolean;
  values?: ArrayLike<number | bigint>;
}

/** A numeric MATLAB variable: its class, MATLAB's dims, and float64 values in row-major (C) order over those dims. */
export interface Mat73Array {
  name: string;
  /** MATLAB's class, e.g. 'double', 'single', 'uint8'. */
  class: string;
  /** MATLAB's dimensions (at least two), e.g. [15, 92, 92]; the HDF5 dataset's shape reversed. */
  dims: number[];
  /** data[((s * d1) + i) * d2 + j] = A(s+1, i+1, j+1) for dims [d0, d1, d2]. NaN and infinities are kept. */
  data: Float64Array;
}

const HEADER_TEXT = 'MATLAB 7.3 MAT-file';
const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const USER_BLOCK = 512;
const NUMERIC_CLASSES = new Set(['double', 'single', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64']);
/** HDF5 datatype classes (H5T_class_t) that hold plain numbers. */
const H5T_INTEGER = 0;
const H5T_FLOAT = 1;
const H5T_COMPOUND = 6;

/** Whether bytes look like a MATLAB v7.3 file: MATLAB's "MATLAB 7.3 MAT-file" header, or HDF5's signature at byte 512. */
export function isMat73(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, HEADER_TEXT.length));
  return head === HEADER_TEXT || hasSignatureAt(bytes, USER_BLOCK);
}

/** The names of the variables in a MATLAB v7.3 file (MATLAB's internal `#refs#` and `#subsystem#` left out). */
export async function listMat73Variables(path: string): Promise<string[]> {
  return variableNames(await askThread(path, undefined));
}

/**
 * Read numeric variable `name` of a MATLAB v7.3 file as float64 in row-major order over MATLAB's dims.
 * Non-finite values are returned as they are (callers check); structs, cells, chars, logicals and complex arrays are refused.
 */
export async function readMat73Variable(path: string, name: string): Promise<Mat73Array> {
  const fail = (detail: string): never => {
    throw new InputError(detail, { file: path });
  };
  const report = await askThread(path, name);
  const names = variableNames(report);
  if (report.missing || !names.includes(name)) fail(`no variable '${name}' in this MATLAB v7.3 file; it holds: ${names.length ? names.join(', ') : '(no variables)'}`);
  if (report.group) fail(`variable '${name}' is ${report.matlabClass ? `a MATLAB ${report.matlabClass} (an HDF5 group)` : 'an HDF5 group'}, not a numeric array`);
  if (report.other || !report.type) fail(`variable '${name}' is not an HDF5 dataset, not a numeric array`);
  const type = report.type!;
  const cls = report.matlabClass ?? classOfType(type);
  if (type.type === H5T_COMPOUND) fail(`variable '${name}' is complex; only real numeric arrays are read`);
  if (cls === undefined || !NUMERIC_CLASSES.has(cls) || (type.type !== H5T_INTEGER && type.type !== H5T_FLOAT)) {
    fail(`variable '${name}' is ${cls ? `of class '${cls}'` : 'not numeric'}; numeric classes are read (double, single, int8 … uint64)`);
  }
  const numbers = report.values;
  if (!numbers || !ArrayBuffer.isView(numbers)) return fail(`variable '${name}' could not be read as numbers`);
  // MATLAB stores an empty array as the list of its dims.
  if (report.empty) return { name, class: cls!, dims: Array.from(numbers, Number), data: new Float64Array(0) };
  const dims = matlabDims(report.shape ?? []);
  return { name, class: cls!, dims, data: columnToRowMajor(numbers, dims, new Float64Array(numbers.length)) };
}

/** Check the signature, then let the worker thread open `path` and describe dataset `name` (undefined: list the names only). */
async function askThread(path: string, name: string | undefined): Promise<ThreadReport> {
  await checkHdf5Signature(path);
  const worker = new Worker(new URL('./mat73-thread.mjs', import.meta.url), { workerData: { path, name } });
  try {
    const report = await new Promise<ThreadReport>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the HDF5 reader thread stopped (exit code ${code}) reading ${path}`)));
    });
    if (report.error) throw new InputError(report.error, { file: path });
    return report;
  } finally {
    await worker.terminate();
  }
}

/** Read the file's first bytes and require HDF5's signature at byte 0 or 512 (MATLAB's user block). */
async function checkHdf5Signature(path: string): Promise<void> {
  const head = new Uint8Array(USER_BLOCK + HDF5_SIGNATURE.length);
  let length: number;
  try {
    const handle = await open(path, 'r');
    try {
      length = (await handle.read(head, 0, head.length, 0)).bytesRead;
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('file not found', { file: path });
    if (code === 'EISDIR') throw new InputError('is a directory, not a file', { file: path });
    throw new InputError(`cannot read file: ${(error as Error).message}`, { file: path });
  }
  const bytes = head.subarray(0, length);
  if (hasSignatureAt(bytes, 0) || hasSignatureAt(bytes, USER_BLOCK)) return;
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 10));
  const hint = text.startsWith('MATLAB') ? ' (it looks like an older MATLAB v5 .mat file, which is not HDF5)' : '';
  throw new InputError(`not an HDF5 file: no HDF5 signature at byte 0 or ${USER_BLOCK}; MATLAB v7.3 .mat files are HDF5${hint}`, { file: path });
}

/** Whether the 8-byte HDF5 signature sits at `offset`. */
function hasSignatureAt(bytes: Uint8Array, offset: number): boolean {
  return bytes.length >= offset + HDF5_SIGNATURE.length && HDF5_SIGNATURE.every((b, i) => bytes[offset + i] === b);
}

/** Top-level names, without MATLAB's internal groups (their names start with '#'). */
function variableNames(report: ThreadReport): string[] {
  return (report.keys ?? []).filter((key) => !key.startsWith('#'));
}

/** The MATLAB class matching an HDF5 numeric type, for datasets written without a MATLAB_class attribute. */
function classOfType(meta: { type: number; size: number; signed: boolean }): string | undefined {
  if (meta.type === H5T_FLOAT) return meta.size === 8 ? 'double' : meta.size === 4 ? 'single' : undefined;
  if (meta.type === H5T_INTEGER) return `${meta.signed ? 'int' : 'uint'}${meta.size * 8}`;
  return undefined;
}

/** MATLAB's dims from an HDF5 shape: the axes reversed, padded to at least two (a scalar is 1×1, a vector n×1). */
function matlabDims(shape: number[]): number[] {
  const dims = [...shape].reverse();
  while (dims.length < 2) dims.push(1);
  return dims;
}

// Read a numeric matrix from a file, choosing the reader by extension (.npy, .npz, else delimited text).
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Matrix } from '../core/matrix.ts';
import { InputError, type InputLocation } from '../core/input-error.ts';
import { isNpy, parseNpy, type NpyArray } from './npy.ts';
import { parseNpz } from './npz.ts';
import { parseNumericTable, type Separator } from './numeric-table.ts';

/** Where a matrix came from, enough to point at any of its cells in an error message. */
export interface MatrixSource {
  /** The path as the caller gave it. */
  file: string;
  format: 'text' | 'npy' | 'npz';
  /** Text only: the separator found, the header (if any) and the line of each row. */
  separator?: Separator;
  header?: string[];
  rowLines?: Uint32Array;
  /** .npy and .npz only: the stored dtype and shape. */
  dtype?: string;
  shape?: number[];
  /** .npz only: the name of the array read (e.g. 'arr_0'). */
  member?: string;
}

/** A matrix and its source. */
export interface ReadMatrixResult {
  matrix: Matrix;
  source: MatrixSource;
  /** Stimulus labels, when the file carries them (header/label column, or a labels array in .npz). */
  labels?: string[];
}

/** Options of readMatrix. */
export interface ReadMatrixOptions {
  /** Text files: 'auto' (default) detects a header row. */
  header?: 'auto' | boolean;
}

const UNSUPPORTED = new Set(['.mat', '.h5', '.hdf5', '.pt', '.pth', '.pkl', '.pickle', '.parquet', '.xlsx', '.xls']);

/**
 * Read a matrix from `.npy`, a one-array `.npz` or delimited text (.csv, .tsv, .txt, …); every failure is an
 * InputError naming the file.
 */
export async function readMatrix(file: string, options: ReadMatrixOptions = {}): Promise<ReadMatrixResult> {
  const ext = extname(file).toLowerCase();
  if (UNSUPPORTED.has(ext)) {
    throw new InputError(`unsupported file type '${ext}': give delimited text (.csv, .tsv, .txt) or a NumPy .npy or .npz file`, { file });
  }
  const bytes = await readBytes(file);
  if (ext === '.npz') {
    const [member, npy] = onlyArray(parseNpz(bytes, { file }), file);
    return { matrix: npy.matrix, source: { file, format: 'npz', dtype: npy.dtype, shape: npy.shape, member } };
  }
  if (ext === '.npy' || isNpy(bytes)) {
    const npy = parseNpy(bytes, { file });
    return { matrix: npy.matrix, source: { file, format: 'npy', dtype: npy.dtype, shape: npy.shape } };
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  const table = parseNumericTable(text, { file, header: options.header ?? 'auto' });
  return {
    matrix: table.matrix,
    source: { file, format: 'text', separator: table.separator, header: table.header, rowLines: table.rowLines },
  };
}

/** The location of cell (i, j) (0-based) of a matrix read from `source`: line and field for text, none for .npy. */
export function cellLocation(source: MatrixSource, i: number, j: number): InputLocation {
  if (source.format === 'text' && source.rowLines !== undefined && i < source.rowLines.length) {
    return { file: source.file, line: source.rowLines[i], column: j + 1 };
  }
  return { file: source.file };
}

/** An InputError about cell (i, j) (0-based): `file:line:column: …` for text, `file: … at row R, column C` for .npy. */
export function cellError(source: MatrixSource, i: number, j: number, detail: string): InputError {
  const where = cellLocation(source, i, j);
  if (where.line === undefined) return new InputError(`${detail} (at row ${i + 1}, column ${j + 1})`, where);
  return new InputError(detail, where);
}

/** The one array of an .npz archive, with its name; an InputError listing the names when there are several. */
function onlyArray(arrays: Record<string, NpyArray>, file: string): [string, NpyArray] {
  const entries = Object.entries(arrays);
  if (entries.length !== 1) {
    const names = entries.map(([name]) => name).join(', ');
    throw new InputError(`.npz archive holds ${entries.length} arrays (${names}); one array is needed (save the matrix alone, e.g. with np.save)`, { file });
  }
  return entries[0];
}

/** Read a file's bytes, turning a missing file, a folder or a permission problem into an InputError. */
async function readBytes(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('file not found', { file });
    if (code === 'EISDIR') throw new InputError('is a directory, not a file', { file });
    if (code === 'EACCES' || code === 'EPERM') throw new InputError('permission denied', { file });
    throw error;
  }
}

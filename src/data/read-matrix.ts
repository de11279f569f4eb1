// Read a numeric matrix from a file, choosing the reader by extension (.npy, .npz, else delimited text).
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Matrix } from '../core/matrix.ts';
import { InputError, type InputLocation } from '../core/input-error.ts';
import { isNpy, parseNpy, type NpyArray } from './npy.ts';
import { parseNpzMembers } from '../core/npz-format.ts';
import { parseNumericTable, type HeaderReason, type NumericTableOptions, type Separator } from './numeric-table.ts';

/** Where a matrix came from, enough to point at any of its cells in an error message. */
export interface MatrixSource {
  /** The path as the caller gave it. */
  file: string;
  format: 'text' | 'npy' | 'npz';
  /** Text only: the separator found, the header (if any) and the line of each row. */
  separator?: Separator;
  header?: string[];
  headerLine?: number;
  rowLines?: Uint32Array;
  /** .npy and .npz only: the stored dtype and shape. */
  dtype?: string;
  shape?: number[];
  /** .npz only: the name of the array read (e.g. 'arr_0'), and of the labels array when there is one. */
  member?: string;
  labelsMember?: string;
  /** Text only: why the first row was read as a header, and the label column (0-based), when there are. */
  headerReason?: HeaderReason;
  labelColumn?: number;
  /** Text only: the header names of the matrix's columns (the label column left out). */
  columnNames?: string[];
  /** Cells read as NaN (only with `missing: 'nan'`). */
  missingCells?: number;
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
  /** Text files: 'auto' (default) detects a header row (see NumericTableOptions.header). */
  header?: 'auto' | boolean;
  /** Text files: the stimulus-label column, 'auto' (default) detects one (see NumericTableOptions.labels). */
  labels?: NumericTableOptions['labels'];
  /** 'error' (default): every cell must be finite; 'nan': missing and NaN cells read as NaN (RDMs with holes). */
  missing?: 'error' | 'nan';
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
  const bytes = await readInputBytes(file);
  const allowNaN = options.missing === 'nan';
  if (ext === '.npz') {
    const { arrays, texts } = parseNpzMembers(bytes, { file, allowNaN });
    const [member, npy] = onlyArray(arrays, file);
    assertMatrixShape(npy, file, member);
    const source: MatrixSource = { file, format: 'npz', dtype: npy.dtype, shape: npy.shape, member };
    const labelled = npzLabels(texts, npy.matrix.rows, npy.matrix.cols, file);
    if (labelled === undefined) return { matrix: npy.matrix, source };
    return { matrix: npy.matrix, source: { ...source, labelsMember: labelled[0] }, labels: labelled[1] };
  }
  if (ext === '.npy' || isNpy(bytes)) {
    const npy = parseNpy(bytes, { file, allowNaN });
    assertMatrixShape(npy, file);
    return { matrix: npy.matrix, source: { file, format: 'npy', dtype: npy.dtype, shape: npy.shape } };
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  const table = parseNumericTable(text, { file, header: options.header ?? 'auto', labels: options.labels ?? 'auto', missing: options.missing ?? 'error' });
  const source: MatrixSource = { file, format: 'text', separator: table.separator, header: table.header, headerLine: table.headerLine, rowLines: table.rowLines };
  if (table.headerReason !== undefined) source.headerReason = table.headerReason;
  if (table.labelColumn !== undefined) source.labelColumn = table.labelColumn;
  if (table.columnNames !== undefined) source.columnNames = table.columnNames;
  if (allowNaN) source.missingCells = table.missingCells;
  return table.labels === undefined ? { matrix: table.matrix, source } : { matrix: table.matrix, source, labels: table.labels };
}

/** Refuses an array of more than two axes (a matrix reader would flatten it): InputError naming the file and the shape. */
function assertMatrixShape(npy: NpyArray, file: string, member?: string): void {
  if (npy.shape.length <= 2) return;
  const what = member === undefined ? 'the array' : `array '${member}'`;
  throw new InputError(
    `${what} has ${npy.shape.length} axes, shape (${npy.shape.join(', ')}); a matrix (stimuli × channels, or a square RDM) needs 2: ` +
      'save one 2-D slice, or reshape it (e.g. x.reshape(len(x), -1))',
    { file },
  );
}

/**
 * The stimulus labels of an .npz (a text array named 'labels', or the only text array): one a row, or any number
 * for a single row or column (a condensed RDM: its reader checks them against the stimuli).
 */
function npzLabels(texts: Record<string, { strings: string[]; shape: number[] }>, rows: number, cols: number, file: string): [string, string[]] | undefined {
  const names = Object.keys(texts);
  if (names.length === 0) return undefined;
  const name = names.includes('labels') ? 'labels' : names.length === 1 ? names[0] : undefined;
  if (name === undefined) {
    throw new InputError(`.npz archive holds ${names.length} text arrays (${names.join(', ')}); name the stimulus labels 'labels'`, { file });
  }
  const { strings, shape } = texts[name];
  if (shape.length !== 1 || (strings.length !== rows && rows !== 1 && cols !== 1)) {
    throw new InputError(`text array '${name}' has shape (${shape.join(', ')}), but the matrix has ${rows} rows: it needs one label per row`, { file });
  }
  return [name, strings];
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
export async function readInputBytes(file: string): Promise<Uint8Array> {
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

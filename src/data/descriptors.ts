// Observation descriptors (one row per feature row, as rsatoolbox's obs_descriptors): a condition and a run column
// read from a table with a header, coded as numbers in sorted order of their values.
import { InputError } from '../core/input-error.ts';
import { columnIndex, numericValue, readTable } from './table.ts';

/** One descriptor column: each row's code (0, 1, … in sorted order of the values) and the distinct values in that order. */
export interface DescriptorColumn {
  codes: Float64Array;
  values: string[];
  /** The header name of the column read. */
  name: string;
}

/**
 * Read the `condition` and `run` columns (header name or number counted from 1; defaults: the first of `defaults`
 * found in the header) of a descriptors table. Values sort numerically when all are numbers, else as text.
 */
export function readDescriptors(
  file: string,
  columns: { name: string | undefined; defaults: readonly string[]; what: string }[],
): DescriptorColumn[] {
  const table = readTable(file, { header: true });
  if (table.header === null) throw new InputError('a descriptors table needs a header row naming its columns', { file, line: 1 });
  const header = table.header;
  return columns.map(({ name, defaults, what }) => {
    let chosen = name;
    if (chosen === undefined) {
      chosen = header.find((h) => defaults.includes(h.toLowerCase()));
      if (chosen === undefined) {
        throw new InputError(`no ${what} column: the header has ${header.map((h) => `'${h}'`).join(', ')} (looked for ${defaults.map((d) => `'${d}'`).join(', ')}; name one with --${what}-column)`, { file, line: table.lines[0] - 1 || 1 });
      }
    }
    const j = /^\d+$/.test(chosen) ? columnNumber(Number(chosen), header, what, file) : columnIndex(table, chosen, what);
    const cells = table.rows.map((row) => row[j]);
    cells.forEach((cell, i) => {
      if (cell === '') throw new InputError(`empty ${what} value`, { file, line: table.lines[i], column: j + 1 });
    });
    const numeric = cells.every((c) => numericValue(c) !== undefined);
    const distinct = [...new Set(cells)];
    distinct.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const code = new Map(distinct.map((v, k) => [v, k]));
    return { codes: Float64Array.from(cells, (c) => code.get(c)!), values: distinct, name: header[j] };
  });
}


/** The 0-based index of a column given by its number counted from 1; InputError listing the columns otherwise. */
function columnNumber(n: number, header: string[], what: string, file: string): number {
  if (n >= 1 && n <= header.length) return n - 1;
  const listed = header.map((h, i) => `${i + 1} '${h}'`).join(', ');
  throw new InputError(`no ${what} column ${n}${n === 0 ? ' (columns are counted from 1)' : ''}; the columns are ${listed}`, { file });
}

// Norms files: one word per row and a numeric rating column; empty / NA cells are missing values, not errors.
import { InputError } from '../core/input-error.ts';
import { columnIndex, columnName, numericValue, readTable } from './table.ts';

/** The words of a norms file with one rating column (NaN where missing) and the 1-based line of each word. */
export interface NormsTable {
  file: string;
  column: string;
  words: string[];
  values: Float64Array;
  lines: number[];
  /** How many values are missing (empty, NA, N/A or NaN cells): they are NaN in `values`. */
  missing: number;
}

const MISSING = /^(?:na|n\/a|nan)$/i;

/** Read a word column and a rating column (header name, column number from 1 as text, or 0-based index); rows with every cell empty are skipped. */
export function readNorms(path: string, wordColumn: string | number, column: string | number): NormsTable {
  const byName = [wordColumn, column].some((c) => typeof c === 'string' && !/^\d+$/.test(c));
  const table = readTable(path, { header: byName ? true : 'auto' });
  const iw = columnIndex(table, wordColumn, 'word');
  const iv = columnIndex(table, column, 'rating');
  const words: string[] = [];
  const values: number[] = [];
  const lines: number[] = [];
  let missing = 0;
  for (let k = 0; k < table.rows.length; k++) {
    const row = table.rows[k];
    const line = table.lines[k];
    if (row.every((cell) => cell === '')) continue;
    if (row[iw] === '') throw new InputError('empty word', { file: path, line, column: iw + 1 });
    const cell = row[iv];
    let value = numericValue(cell, table.delimiter === ';');
    if (value === undefined) {
      if (cell !== '' && !MISSING.test(cell)) {
        throw new InputError(`non-numeric rating ${JSON.stringify(cell)}`, { file: path, line, column: iv + 1 });
      }
      value = Number.NaN;
      missing++;
    }
    words.push(row[iw]);
    values.push(value);
    lines.push(line);
  }
  if (words.length === 0) throw new InputError('no rows with a word', { file: path, line: 1, column: 1 });
  return { file: path, column: columnName(table, iv), words, values: Float64Array.from(values), lines, missing };
}

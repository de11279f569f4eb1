// Word-pair files: word1, word2, human score (header optional; TSV / CSV / `;` / space-separated).
import { InputError } from '../core/input-error.ts';
import { columnIndex, columnName, numericValue, readTable } from './table.ts';

/** One rated word pair and the 1-based line it came from. */
export interface WordPair {
  word1: string;
  word2: string;
  score: number;
  line: number;
}

/** The pairs of a file and the name of the score column they were read from. */
export interface WordPairs {
  file: string;
  column: string;
  pairs: WordPair[];
}

/** Which columns hold the words and the score: a header name, a column number from 1 as text ('4'), or a 0-based index (defaults: the first three columns). */
export interface WordPairColumns {
  word1?: string | number;
  word2?: string | number;
  score?: string | number;
}

/** Read word pairs with human scores; InputError (file, line, column) for a missing, empty or malformed file or a non-numeric score. */
export function readWordPairs(path: string, options: WordPairColumns = {}): WordPairs {
  const names = [options.word1, options.word2, options.score];
  const byName = names.some((c) => typeof c === 'string' && !/^\d+$/.test(c));
  let table = readTable(path, { header: byName ? true : 'auto' });
  const i1 = columnIndex(table, options.word1 ?? 0, 'word1');
  const i2 = columnIndex(table, options.word2 ?? 1, 'word2');
  const is = columnIndex(table, options.score ?? 2, 'score');
  const first = table.rows[0];
  if (table.header === null && first[is] !== '' && numericValue(first[is], table.delimiter === ';') === undefined) {
    // Text where the first score should be: a header the column rule could not see (e.g. a header-only file).
    table = { ...table, header: first, rows: table.rows.slice(1), lines: table.lines.slice(1) };
  }
  if (table.rows.length === 0) {
    throw new InputError('no word pairs after the header', { file: path, line: 2, column: 1 });
  }
  const pairs: WordPair[] = [];
  for (let k = 0; k < table.rows.length; k++) {
    const row = table.rows[k];
    const line = table.lines[k];
    for (const i of [i1, i2]) {
      if (row[i] === '') throw new InputError('empty word', { file: path, line, column: i + 1 });
    }
    const cell = row[is];
    const score = numericValue(cell, table.delimiter === ';');
    if (score === undefined) {
      const detail = cell === '' ? 'empty score' : `non-numeric score ${JSON.stringify(cell)}`;
      throw new InputError(detail, { file: path, line, column: is + 1 });
    }
    pairs.push({ word1: row[i1], word2: row[i2], score, line });
  }
  return { file: path, column: columnName(table, is), pairs };
}

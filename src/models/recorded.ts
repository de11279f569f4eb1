// `recorded:<file>`: a model's earlier answers in a CSV / TSV file, looked up by item or by pair.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseDelimited } from '../core/delimited.ts';
import { InputError } from '../core/input-error.ts';
import type { RecordedModel } from './word-model.ts';

/** A recorded model with how its file is keyed. */
export interface RecordedFileModel extends RecordedModel {
  /** The key column(s): one name for items, two for pairs. */
  readonly keyColumns: readonly string[];
  /** Number of data rows read. */
  readonly size: number;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const PAIR_KEYS: readonly (readonly [string, string])[] = [
  ['word1', 'word2'],
  ['sentence1', 'sentence2'],
];
const SEP = '\u0000';

/**
 * Read `path` (the text after 'recorded:'): a header row, then one answer per row; comma-separated,
 * or tab-separated when the header has a tab. Keys: columns word1 + word2 (pairs), else sentence1 +
 * sentence2 (pairs of sentences), else `word`, else `item`, else the first column (header names matched
 * case-insensitively). Every other column is a rating column. Keys are trimmed and matched exactly, then
 * case-insensitively; pairs in either order; the first row of a repeated key wins. revision = sha256 of the file.
 */
export function loadRecorded(path: string, id = `recorded:${path}`): RecordedFileModel {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'file not found' : `cannot read: ${(error as Error).message}`, { file: path });
  }
  const revision = createHash('sha256').update(buf).digest('hex');
  const records = parseDelimited(buf.toString('utf8'));
  if (records.length === 0) throw new InputError('empty file: no header row', { file: path, line: 1, column: 1 });
  const header = records[0].fields.map((h) => h.trim());
  const lower = header.map((h) => h.toLowerCase());
  if (records.length === 1) throw new InputError('no data rows after the header', { file: path, line: records[0].line + 1, column: 1 });

  let keys: number[] | undefined;
  for (const [a, b] of PAIR_KEYS) {
    const i = lower.indexOf(a);
    const j = lower.indexOf(b);
    if (i >= 0 && j >= 0) {
      keys = [i, j];
      break;
    }
  }
  if (keys === undefined) {
    const named = ['word', 'item'].map((k) => lower.indexOf(k)).find((i) => i >= 0);
    keys = [named ?? 0];
  }
  if (header[keys[0]] === '') throw new InputError('no key column: the first column has no name', { file: path, line: records[0].line, column: 1 });
  const keyColumns = keys.map((k) => header[k]);
  const columnIndex = new Map<string, number>();
  header.forEach((name, j) => {
    if (!keys.includes(j) && name !== '' && !columnIndex.has(name)) columnIndex.set(name, j);
  });

  const exact = new Map<string, string[]>();
  const folded = new Map<string, string[]>();
  const add = (key: string, fields: string[]): void => {
    if (!exact.has(key)) exact.set(key, fields);
    const f = key.toLowerCase();
    if (!folded.has(f)) folded.set(f, fields);
  };
  for (let r = 1; r < records.length; r++) {
    const { fields, line } = records[r];
    for (const k of keys) {
      if (k >= fields.length) throw new InputError(`missing key column '${header[k]}'`, { file: path, line, column: fields.length + 1 });
    }
    if (keys.length === 1) add(fields[keys[0]].trim(), fields);
    else {
      const a = fields[keys[0]].trim();
      const b = fields[keys[1]].trim();
      add(a + SEP + b, fields);
      add(b + SEP + a, fields);
    }
  }

  const cell = (key: string, column: string): number | undefined => {
    const j = columnIndex.get(column);
    if (j === undefined) return undefined;
    const fields = exact.get(key) ?? folded.get(key.toLowerCase());
    if (fields === undefined) return undefined;
    const text = (fields[j] ?? '').trim();
    const v = Number(text);
    return DECIMAL.test(text) && Number.isFinite(v) ? v : NaN;
  };
  return {
    kind: 'recorded',
    id,
    revision,
    columns: [...columnIndex.keys()],
    keyColumns,
    size: records.length - 1,
    rating: (item: string, column: string) => (keys.length === 1 ? cell(item.trim(), column) : undefined),
    pairRating: (a: string, b: string, column: string) =>
      keys.length === 2 ? cell(a.trim() + SEP + b.trim(), column) : undefined,
  };
}

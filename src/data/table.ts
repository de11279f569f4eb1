// Text tables: CSV / TSV / `;` / space-aligned, any line ending, quoted fields, optional header; cells stay strings.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { InputError } from '../core/input-error.ts';
import { closestMatches } from '../core/suggest.ts';

/** A table of text cells read from a file, with the 1-based source line of each row. */
export interface TextTable {
  file: string;
  header: string[] | null;
  rows: string[][];
  lines: number[];
  /** The separator found: tab, `,`, `;`, or ' ' for runs of spaces. */
  delimiter: Delimiter;
}

/** How to read a text table. */
export interface TableOptions {
  /** true: the first row is a header; false: it is data; 'auto' (default): decided from the columns. */
  header?: boolean | 'auto';
}

/** The field separator; ' ' stands for runs of spaces and tabs. */
export type Delimiter = '\t' | ',' | ';' | ' ';

/** One parsed record: its fields, and the 1-based line it starts on. */
interface RawRecord {
  fields: string[];
  line: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$/;
const MISSING = /^(?:na|n\/a|nan|null|none|#n\/a)$/i;

/** Read a delimited text file into string cells; throws InputError for a missing or empty file, a ragged row or an unterminated quote. */
export function readTable(path: string, options: TableOptions = {}): TextTable {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new InputError('file does not exist', { file: path });
  }
  return parseTable(readFileSync(path, 'utf8'), path, options);
}

/** Parse delimited text (see readTable); `file` names the source in error messages. */
export function parseTable(text: string, file: string, options: TableOptions = {}): TextTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = detectDelimiter(text);
  const records = tokenize(text, delimiter, file);
  if (records.length === 0) throw new InputError('empty file: no rows', { file, line: 1, column: 1 });
  const width = records[0].fields.length;
  for (const r of records) {
    if (r.fields.length !== width) {
      const what = r.fields.length > width ? 'too many' : 'too few';
      throw new InputError(
        `ragged row: ${what} fields, ${r.fields.length} where line ${records[0].line} has ${width}`,
        { file, line: r.line, column: Math.min(r.fields.length, width) + 1 },
      );
    }
  }
  const mode = options.header ?? 'auto';
  const hasHeader = mode === 'auto' ? looksLikeHeader(records, delimiter === ';') : mode;
  const body = hasHeader ? records.slice(1) : records;
  return {
    file,
    header: hasHeader ? records[0].fields : null,
    rows: body.map((r) => r.fields),
    lines: body.map((r) => r.line),
    delimiter,
  };
}

/**
 * The 0-based index of a column given by header name, by its number counted from 1 written as text ('3', as a user
 * types it), or by a 0-based index (a number, from code). InputError listing the columns, numbered from 1, when absent.
 */
export function columnIndex(table: TextTable, nameOrIndex: string | number, what: string): number {
  const width = table.header?.length ?? table.rows[0]?.length ?? 0;
  const available = table.header
    ? `available columns: ${table.header.map((h, i) => `${i + 1} "${h}"`).join(', ')}`
    : `the file has no header; available columns: 1 to ${width}`;
  if (typeof nameOrIndex === 'number') {
    if (Number.isInteger(nameOrIndex) && nameOrIndex >= 0 && nameOrIndex < width) return nameOrIndex;
    throw new InputError(`no ${what} column ${nameOrIndex + 1}; ${available}`, { file: table.file });
  }
  if (/^\d+$/.test(nameOrIndex)) {
    const n = Number(nameOrIndex);
    if (n >= 1 && n <= width) return n - 1;
    const why = n === 0 ? ' (columns are counted from 1)' : '';
    throw new InputError(`no ${what} column ${nameOrIndex}${why}; ${available}`, { file: table.file });
  }
  if (table.header) {
    const i = table.header.indexOf(nameOrIndex);
    if (i >= 0) return i;
  }
  const close = closestMatches(nameOrIndex, table.header ?? []);
  const hint = close.length > 0 ? ` (did you mean ${close.map((c) => `"${c}"`).join(' or ')}?)` : '';
  throw new InputError(`no ${what} column "${nameOrIndex}"${hint}; ${available}`, { file: table.file });
}

/** A column's header name, or `column N` (1-based) in a file without a header. */
export function columnName(table: TextTable, index: number): string {
  return table.header ? table.header[index] : `column ${index + 1}`;
}

/** Whether a cell reads as a finite decimal number (with a decimal comma too, when `decimalComma`). */
export function isNumericCell(cell: string, decimalComma = false): boolean {
  return NUMERIC.test(cell) || (decimalComma && DECIMAL_COMMA.test(cell));
}

/** The number in a cell, or undefined when it is not a decimal number; `decimalComma` accepts `1,5` (for `;`-separated files). */
export function numericValue(cell: string, decimalComma = false): number | undefined {
  if (NUMERIC.test(cell)) return Number(cell);
  if (decimalComma && DECIMAL_COMMA.test(cell)) return Number(cell.replace(',', '.'));
  return undefined;
}

/** Whether a cell marks a missing value: empty, NA, N/A, NaN, null, none, #N/A (case-insensitive). */
export function isMissingCell(cell: string): boolean {
  return cell === '' || MISSING.test(cell);
}

/** Header rule: some field of the first row is text while its column holds only numbers (or missing values) below. */
function looksLikeHeader(records: RawRecord[], decimalComma: boolean): boolean {
  if (records.length < 2) return false;
  const first = records[0].fields;
  const sample = records.slice(1, 201);
  for (let j = 0; j < first.length; j++) {
    const cell = first[j];
    if (isNumericCell(cell, decimalComma) || isMissingCell(cell)) continue;
    let numbers = 0;
    let numeric = true;
    for (const r of sample) {
      const c = r.fields[j];
      if (isNumericCell(c, decimalComma)) numbers++;
      else if (!isMissingCell(c)) {
        numeric = false;
        break;
      }
    }
    if (numeric && numbers > 0) return true;
  }
  return false;
}

/** Choose the delimiter from the first 20 lines (outside quotes): tab when every line has the same number of tabs, else the more frequent of `;` and `,` that is equally frequent on every line; runs of spaces when none occurs. */
export function detectDelimiter(text: string): Delimiter {
  const candidates: Delimiter[] = ['\t', ';', ','];
  const counts: number[][] = [];
  let current = [0, 0, 0];
  let quoted = false;
  let blank = true;
  const n = text.length;
  for (let p = 0; p < n && counts.length < 20; p++) {
    const c = text.charCodeAt(p);
    if (c === QUOTE) {
      quoted = !quoted;
      blank = false;
    } else if (quoted) continue;
    else if (c === LF || c === CR) {
      if (!blank) counts.push(current);
      current = [0, 0, 0];
      blank = true;
    } else if (c === TAB) current[0]++;
    else if (c === 59) current[1]++;
    else if (c === 44) current[2]++;
    if (c !== SPACE && c !== TAB && c !== LF && c !== CR) blank = false;
  }
  if (!blank && counts.length < 20) counts.push(current);
  if (counts.length === 0) return ',';
  const consistent = (k: number): boolean => counts[0][k] > 0 && counts.every((row) => row[k] === counts[0][k]);
  if (consistent(0)) return '\t';
  let best = -1;
  for (const k of [1, 2]) if (consistent(k) && (best < 0 || counts[0][k] > counts[0][best])) best = k;
  if (best >= 0) return candidates[best];
  // Nothing consistent (a ragged file): the most frequent on the first line, so the ragged row is reported.
  for (let k = 0; k < 3; k++) if (counts[0][k] > 0 && (best < 0 || counts[0][k] > counts[0][best])) best = k;
  return best >= 0 ? candidates[best] : ' ';
}

/** Split text into records of trimmed fields; skips blank lines; InputError on an unterminated quote. */
function tokenize(text: string, delimiter: Delimiter, file: string): RawRecord[] {
  const records: RawRecord[] = [];
  const sep = delimiter.charCodeAt(0);
  const runs = delimiter === ' ';
  const n = text.length;
  let p = 0;
  let line = 1;
  /** Step over one line break at q (CRLF, CR or LF) and count it. */
  const newline = (q: number): number => {
    line++;
    return text.charCodeAt(q) === CR && text.charCodeAt(q + 1) === LF ? q + 2 : q + 1;
  };
  const isBlank = (c: number): boolean => c === SPACE || c === TAB;
  while (p < n) {
    // Skip blank lines.
    let q = p;
    while (q < n && isBlank(text.charCodeAt(q))) q++;
    if (q >= n) break;
    const c0 = text.charCodeAt(q);
    if (c0 === LF || c0 === CR) {
      p = newline(q);
      continue;
    }
    const recordLine = line;
    const fields: string[] = [];
    for (;;) {
      while (p < n && text.charCodeAt(p) !== sep && isBlank(text.charCodeAt(p))) p++;
      let field: string;
      if (p < n && text.charCodeAt(p) === QUOTE) {
        const openLine = line;
        let out = '';
        let start = ++p;
        for (;;) {
          if (p >= n) {
            throw new InputError('unterminated quote', { file, line: openLine, column: fields.length + 1 });
          }
          const c = text.charCodeAt(p);
          if (c === QUOTE) {
            if (text.charCodeAt(p + 1) === QUOTE) {
              out += text.slice(start, p + 1);
              p += 2;
              start = p;
              continue;
            }
            out += text.slice(start, p);
            p++;
            break;
          }
          if (c === LF || c === CR) {
            out += text.slice(start, p) + '\n';
            p = newline(p);
            start = p;
            continue;
          }
          p++;
        }
        // Text between the closing quote and the delimiter is kept.
        const rest = p;
        while (p < n) {
          const c = text.charCodeAt(p);
          if (c === sep || c === LF || c === CR || (runs && c === TAB)) break;
          p++;
        }
        field = out + text.slice(rest, p).trimEnd();
      } else {
        const start = p;
        while (p < n) {
          const c = text.charCodeAt(p);
          if (c === sep || c === LF || c === CR || (runs && c === TAB)) break;
          p++;
        }
        field = text.slice(start, p).trim();
      }
      fields.push(field);
      if (p >= n) break;
      const c = text.charCodeAt(p);
      if (c === LF || c === CR) {
        p = newline(p);
        break;
      }
      p++; // the delimiter
      if (runs) {
        while (p < n && isBlank(text.charCodeAt(p))) p++;
        if (p >= n) break;
        const d = text.charCodeAt(p);
        if (d === LF || d === CR) {
          p = newline(p);
          break;
        }
      }
    }
    records.push({ fields, line: recordLine });
  }
  return records;
}

// Numeric tables from text: CSV / TSV / `;` / whitespace-separated, optional header row, any line ending, quoted fields.
import { matrix, type Matrix } from '../core/matrix.ts';
import { InputError } from '../core/input-error.ts';

/** Field separator of a table; ' ' means runs of spaces and tabs. */
export type Separator = ',' | '\t' | ';' | ' ';

/** How to read a numeric table. */
export interface NumericTableOptions {
  /** File name used in error messages (default '<input>'). */
  file?: string;
  /** 'auto' (default): the first row is a header when none of its fields is a number. */
  header?: 'auto' | boolean;
  /** 'auto' (default): tab, else `;`, else `,`, else whitespace, judged on the first data line. */
  separator?: Separator | 'auto';
}

/** A parsed numeric table: the values (float64) and where each row came from. */
export interface NumericTable {
  matrix: Matrix;
  separator: Separator;
  /** Header fields, when the first row was a header. */
  header?: string[];
  /** Line (1-based) of the header row, when there is one. */
  headerLine?: number;
  /** Line (1-based) on which each data row starts. */
  rowLines: Uint32Array;
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const HASH = 35; // #

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;
const MISSING = /^(?:na|n\/a|null|none|nil)$/i;

/** What a field holds: a finite number, a non-finite or missing token, nothing, or text. */
type FieldKind = 'number' | 'non-finite' | 'missing' | 'empty' | 'text';

/** Parse numeric text into a float64 matrix; throws InputError naming file, line and column of the first bad cell. */
export function parseNumericTable(text: string, options: NumericTableOptions = {}): NumericTable {
  const file = options.file ?? '<input>';
  const headerMode = options.header ?? 'auto';
  const tokenizer = new Tokenizer(text, options.separator ?? 'auto');
  const separator = tokenizer.separator;
  const decimalComma = separator === ';';

  let header: string[] | undefined;
  let headerLine: number | undefined;
  let cols = -1;
  let colsLine = 0;
  let values = new Float64Array(1024);
  let count = 0;
  let lines = new Uint32Array(64);
  let rows = 0;

  for (let record = tokenizer.next(); record !== undefined; record = tokenizer.next()) {
    const { fields, fieldLines, line } = record;
    if (rows === 0 && header === undefined && cols < 0 && isHeader(fields, headerMode, decimalComma)) {
      header = fields.slice();
      headerLine = line;
      cols = fields.length;
      colsLine = line;
      continue;
    }
    if (cols < 0) {
      cols = fields.length;
      colsLine = line;
    } else if (fields.length !== cols) {
      const column = Math.min(fields.length, cols) + 1;
      const what = fields.length > cols ? 'too many values' : 'too few values';
      throw new InputError(
        `ragged row: ${what}, ${fields.length} where line ${colsLine} has ${cols}`,
        { file, line: fieldLines[column - 1] ?? line, column },
      );
    }
    if (count + cols > values.length) {
      const grown = new Float64Array(Math.max(values.length * 2, count + cols));
      grown.set(values.subarray(0, count));
      values = grown;
    }
    for (let j = 0; j < cols; j++) {
      const field = fields[j];
      const v = parseField(field, decimalComma);
      if (v === undefined) {
        throw new InputError(describeBadField(field, decimalComma), { file, line: fieldLines[j], column: j + 1 });
      }
      values[count++] = v;
    }
    if (rows === lines.length) {
      const grown = new Uint32Array(lines.length * 2);
      grown.set(lines);
      lines = grown;
    }
    lines[rows++] = line;
  }

  if (rows === 0) {
    if (header !== undefined) {
      throw new InputError('no data rows after the header', { file, line: (headerLine ?? 1) + 1, column: 1 });
    }
    throw new InputError('empty file: no numeric rows', { file, line: 1, column: 1 });
  }
  return {
    matrix: matrix(rows, cols, values.slice(0, count)),
    separator,
    header,
    headerLine,
    rowLines: lines.slice(0, rows),
  };
}

/** The value of a finite numeric field, or undefined when the field is anything else. */
function parseField(field: string, decimalComma: boolean): number | undefined {
  const v = Number(field);
  if (Number.isFinite(v) && field.length > 0 && !isRadixLiteral(field)) return v;
  if (decimalComma && DECIMAL_COMMA.test(field)) {
    const w = Number(field.replace(',', '.'));
    if (Number.isFinite(w)) return w;
  }
  return undefined;
}

/** Whether Number() would read the field as hex, binary or octal ("0x1f", "0b1", "0o7"): not decimal data. */
function isRadixLiteral(field: string): boolean {
  if (field.length < 2 || field.charCodeAt(0) !== 48) return false;
  const c = field.charCodeAt(1) | 32;
  return c === 120 || c === 98 || c === 111;
}

/** Classify a field for header detection and error messages. */
function kindOf(field: string, decimalComma: boolean): FieldKind {
  if (field === '') return 'empty';
  if (parseField(field, decimalComma) !== undefined) return 'number';
  if (NON_FINITE.test(field)) return 'non-finite';
  if (NUMBER.test(field) || (decimalComma && DECIMAL_COMMA.test(field))) return 'non-finite'; // overflow, e.g. 1e999
  if (MISSING.test(field)) return 'missing';
  return 'text';
}

/** The message for a field that is not a finite number. */
function describeBadField(field: string, decimalComma: boolean): string {
  const shown = JSON.stringify(field.length > 40 ? `${field.slice(0, 37)}...` : field);
  switch (kindOf(field, decimalComma)) {
    case 'empty':
      return 'empty value where a number is expected';
    case 'non-finite':
      return `non-finite value ${shown} (NaN and infinities are not allowed)`;
    case 'missing':
      return `missing value ${shown} (every cell must be a finite number)`;
    default:
      return `non-numeric value ${shown}`;
  }
}

/** Whether the first record is a header: forced by the option, or (auto) it has text and no number-like field. */
function isHeader(fields: string[], mode: 'auto' | boolean, decimalComma: boolean): boolean {
  if (mode !== 'auto') return mode;
  let text = false;
  for (const f of fields) {
    const kind = kindOf(f, decimalComma);
    if (kind === 'number' || kind === 'non-finite') return false;
    if (kind === 'text') text = true;
  }
  return text;
}

/** One logical record: its fields, the line each field starts on, and the line the record starts on. */
interface TableRecord {
  fields: string[];
  fieldLines: number[];
  line: number;
}

/** Splits text into records of fields; skips blank lines and lines starting with '#'. */
class Tokenizer {
  readonly separator: Separator;
  private readonly text: string;
  private readonly sep: number;
  private pos: number;
  private line = 1;
  private readonly fields: string[] = [];
  private readonly fieldLines: number[] = [];

  constructor(text: string, separator: Separator | 'auto') {
    this.text = text;
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.separator = separator === 'auto' ? this.detectSeparator() : separator;
    this.sep = this.separator.charCodeAt(0);
  }

  /** The next non-blank, non-comment record, or undefined at the end of the text. */
  next(): TableRecord | undefined {
    const { text } = this;
    const n = text.length;
    for (;;) {
      // Skip blank lines and comment lines.
      let p = this.pos;
      while (p < n) {
        const c = text.charCodeAt(p);
        if (c === SPACE || c === TAB) p++;
        else if (c === LF || c === CR) {
          p = this.newline(p);
        } else if (c === HASH) {
          while (p < n && text.charCodeAt(p) !== LF && text.charCodeAt(p) !== CR) p++;
        } else break;
      }
      this.pos = p;
      if (p >= n) return undefined;
      return this.readRecord();
    }
  }

  /** Consume one line break at p (CRLF, CR or LF), count the line, return the position after it. */
  private newline(p: number): number {
    const c = this.text.charCodeAt(p);
    p++;
    if (c === CR && this.text.charCodeAt(p) === LF) p++;
    this.line++;
    return p;
  }

  /** Read the record starting at this.pos (which is at a non-blank character). */
  private readRecord(): TableRecord {
    const { text, sep } = this;
    const n = text.length;
    const whitespace = sep === SPACE;
    const fields = this.fields;
    const fieldLines = this.fieldLines;
    fields.length = 0;
    fieldLines.length = 0;
    const recordLine = this.line;
    let p = this.pos;
    for (;;) {
      // Leading blanks of a field.
      while (p < n) {
        const c = text.charCodeAt(p);
        if ((c === SPACE || c === TAB) && c !== sep) p++;
        else break;
      }
      const fieldLine = this.line;
      let field: string;
      if (p < n && text.charCodeAt(p) === QUOTE) {
        let start = ++p;
        let parts = '';
        for (;;) {
          if (p >= n) break; // unterminated quote: take the rest
          const c = text.charCodeAt(p);
          if (c === QUOTE) {
            if (text.charCodeAt(p + 1) === QUOTE) {
              parts += text.slice(start, p + 1);
              p += 2;
              start = p;
              continue;
            }
            break;
          }
          if (c === LF || c === CR) {
            const q = p;
            p = this.newline(p);
            parts += text.slice(start, q) + '\n';
            start = p;
            continue;
          }
          p++;
        }
        field = (parts + text.slice(start, p)).trim();
        if (p < n) p++; // closing quote
        while (p < n) {
          const c = text.charCodeAt(p);
          if ((c === SPACE || c === TAB) && c !== sep) p++;
          else break;
        }
      } else {
        const start = p;
        while (p < n) {
          const c = text.charCodeAt(p);
          if (c === sep || c === LF || c === CR || (whitespace && c === TAB)) break;
          p++;
        }
        let end = p;
        while (end > start) {
          const c = text.charCodeAt(end - 1);
          if (c === SPACE || c === TAB) end--;
          else break;
        }
        field = text.slice(start, end);
      }
      fields.push(field);
      fieldLines.push(fieldLine);
      if (p >= n) break;
      const c = text.charCodeAt(p);
      if (c === LF || c === CR) {
        p = this.newline(p);
        break;
      }
      if (whitespace) {
        // A run of blanks separates fields; blanks before the line end do not start a new field.
        while (p < n && (text.charCodeAt(p) === SPACE || text.charCodeAt(p) === TAB)) p++;
        if (p >= n) break;
        const d = text.charCodeAt(p);
        if (d === LF || d === CR) {
          p = this.newline(p);
          break;
        }
        continue;
      }
      if (c === sep) {
        p++;
        continue;
      }
      // Text right after a closing quote: keep it in the same field.
      const start = p;
      while (p < n) {
        const d = text.charCodeAt(p);
        if (d === sep || d === LF || d === CR) break;
        p++;
      }
      fields[fields.length - 1] = (field + text.slice(start, p)).trim();
      if (p >= n) break;
      if (text.charCodeAt(p) === sep) {
        p++;
        continue;
      }
      p = this.newline(p);
      break;
    }
    this.pos = p;
    return { fields, fieldLines, line: recordLine };
  }

  /** Separator judged on the first non-blank, non-comment line, outside quotes: tab, `;`, `,`, else whitespace. */
  private detectSeparator(): Separator {
    const { text } = this;
    const n = text.length;
    let p = this.pos;
    // Find the first content line.
    for (;;) {
      while (p < n && (text.charCodeAt(p) === SPACE || text.charCodeAt(p) === TAB)) p++;
      if (p >= n) return ',';
      const c = text.charCodeAt(p);
      if (c === LF || c === CR) {
        p++;
        continue;
      }
      if (c === HASH) {
        while (p < n && text.charCodeAt(p) !== LF && text.charCodeAt(p) !== CR) p++;
        continue;
      }
      break;
    }
    const start = p;
    let end = p;
    let quoted = false;
    for (; end < n; end++) {
      const c = text.charCodeAt(end);
      if (c === QUOTE) quoted = !quoted;
      else if (!quoted && (c === LF || c === CR)) break;
    }
    while (end > p && (text.charCodeAt(end - 1) === SPACE || text.charCodeAt(end - 1) === TAB)) end--;
    let tabs = 0;
    let semicolons = 0;
    let commas = 0;
    quoted = false;
    for (; p < end; p++) {
      const c = text.charCodeAt(p);
      if (c === QUOTE) quoted = !quoted;
      else if (quoted) continue;
      else if (c === TAB) tabs++;
      else if (c === 59) semicolons++;
      else if (c === 44) commas++;
    }
    // Trailing blanks do not count; a tab makes a TSV unless `;` or `,` also appear (then they separate).
    if (tabs > 0 && semicolons === 0 && commas === 0) return spaceAligned(text.slice(start, end)) ? ' ' : '\t';
    if (semicolons > 0) return ';';
    if (commas > 0) return ',';
    return ' ';
  }
}

/** Whether a line with tabs is really blank-aligned numbers (e.g. "1  2\t3"): some tab field holds blanks and every blank-separated token is a number. */
function spaceAligned(line: string): boolean {
  if (!line.split('\t').some((f) => /[ ]/.test(f.trim()))) return false;
  return line
    .trim()
    .split(/[ \t]+/)
    .every((f) => NUMBER.test(f) || NON_FINITE.test(f) || MISSING.test(f));
}

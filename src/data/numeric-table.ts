// Numeric tables from text: CSV / TSV / `;` / whitespace-separated, optional header row and stimulus-label column,
// any line ending, quoted fields, missing cells as NaN where asked (RDMs with pairs not measured).
import { matrix, type Matrix } from '../core/matrix.ts';
import { InputError } from '../core/input-error.ts';

/** Field separator of a table; ' ' means runs of spaces and tabs. */
export type Separator = ',' | '\t' | ';' | ' ';

/** How to read a numeric table. */
export interface NumericTableOptions {
  /** File name used in error messages (default '<input>'). */
  file?: string;
  /**
   * 'auto' (default): the first row is a header when it has text and no number (e.g. `name,x,y` or `,a,b,c`), when
   * it is pandas' index header (`,0,1,2,…` or `stim,0,1,…`), or when it is exactly the integers 0,1,…,p−1
   * (pandas' `to_csv(index=False)` column names; a file of that one row stays data).
   */
  header?: 'auto' | boolean;
  /**
   * The stimulus-label column: 'auto' (default) takes the first column when the header names no first column
   * (pandas' index, `,a,b,…`), when the header is pandas' index header, or when the first data row's first field is
   * text; a 1-based column number or a header name picks one; false reads every column as numbers.
   */
  labels?: 'auto' | false | number | string;
  /** 'error' (default): every cell must be a finite number. 'nan': empty, NaN and NA-like cells read as NaN. */
  missing?: 'error' | 'nan';
  /** 'auto' (default): tab, else `;`, else `,`, else whitespace, judged on the first data line. */
  separator?: Separator | 'auto';
}

/** Why the first row was read as a header. */
export type HeaderReason = 'option' | 'text' | 'pandas-index' | 'integers';

/** A parsed numeric table: the values (float64) and where each row came from. */
export interface NumericTable {
  matrix: Matrix;
  separator: Separator;
  /** Header fields, when the first row was a header (every field, the label column's included). */
  header?: string[];
  /** Line (1-based) of the header row, when there is one. */
  headerLine?: number;
  /** Why the first row was taken as a header. */
  headerReason?: HeaderReason;
  /** Line (1-based) on which each data row starts. */
  rowLines: Uint32Array;
  /** The label column (0-based position among the file's fields), when there is one. */
  labelColumn?: number;
  /** Each row's label (the label column's field), when there is a label column. */
  labels?: string[];
  /** Header names of the matrix's columns (the header without the label column), when there is a header. */
  columnNames?: string[];
  /** Cells read as NaN (missing: 'nan' only). */
  missingCells: number;
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
const NAN_TOKEN = /^[+-]?nan$/i;
const MISSING = /^(?:na|n\/a|null|none|nil)$/i;
const PLAIN_INTEGER = /^\d+$/;

/** What a field holds: a finite number, a non-finite or missing token, nothing, or text. */
type FieldKind = 'number' | 'non-finite' | 'missing' | 'empty' | 'text';

/**
 * Parse numeric text into a float64 matrix, with an optional header row and stimulus-label column (see the options);
 * throws InputError naming file, line and column of the first bad cell.
 */
export function parseNumericTable(text: string, options: NumericTableOptions = {}): NumericTable {
  const file = options.file ?? '<input>';
  const headerMode = options.header ?? 'auto';
  const labelOption = options.labels ?? 'auto';
  const missingAsNaN = options.missing === 'nan';
  const tokenizer = new Tokenizer(text, options.separator ?? 'auto');
  const separator = tokenizer.separator;
  const decimalComma = separator === ';';
  if (typeof labelOption === 'string' && labelOption !== 'auto' && headerMode === false) {
    throw new InputError(`a label column named '${labelOption}' needs a header row, but the header was turned off`, { file });
  }

  let header: string[] | undefined;
  let headerLine: number | undefined;
  let headerReason: HeaderReason | undefined;
  let labelColumn: number | undefined;
  const labels: string[] = [];
  let cols = -1;
  let colsLine = 0;
  let values = new Float64Array(1024);
  let count = 0;
  let lines = new Uint32Array(64);
  let rows = 0;
  let missingCells = 0;
  let first = true;

  for (let record = tokenizer.next(); record !== undefined; record = tokenizer.next()) {
    const { fields, fieldLines, line } = record;
    if (first) {
      first = false;
      headerReason = headerReasonOf(fields, headerMode, labelOption, decimalComma);
      if (headerReason !== undefined) {
        header = fields.slice();
        headerLine = line;
        cols = fields.length;
        colsLine = line;
        continue;
      }
    }
    if (rows === 0) {
      // R's write.table and pandas' to_csv(sep=' ') leave the label column's header field out: one field short.
      if (header !== undefined && fields.length === header.length + 1 && labelOption !== false) {
        header.unshift('');
        cols = fields.length;
      }
      labelColumn = labelColumnOf(labelOption, header, headerReason, fields, decimalComma, file, headerLine ?? line);
      if (cols < 0) {
        cols = fields.length;
        colsLine = line;
      }
    }
    if (fields.length !== cols) {
      const column = Math.min(fields.length, cols) + 1;
      const what = fields.length > cols ? 'too many values' : 'too few values';
      throw new InputError(
        `ragged row: ${what}, ${fields.length} where line ${colsLine} has ${cols}`,
        { file, line: fieldLines[column - 1] ?? line, column },
      );
    }
    if (labelColumn !== undefined && labelColumn >= cols) {
      throw new InputError(`label column ${labelColumn + 1} does not exist: the table has ${cols} columns`, { file, line, column: cols });
    }
    if (count + cols > values.length) {
      const grown = new Float64Array(Math.max(values.length * 2, count + cols));
      grown.set(values.subarray(0, count));
      values = grown;
    }
    for (let j = 0; j < cols; j++) {
      const field = fields[j];
      if (j === labelColumn) {
        labels.push(field);
        continue;
      }
      let v = parseField(field, decimalComma);
      if (v === undefined && missingAsNaN && isMissing(field, decimalComma)) {
        v = NaN;
        missingCells++;
      }
      if (v === undefined) {
        const hint = rows === 0 && labelColumn === undefined && labelOption === 'auto' && kindOf(field, decimalComma) === 'text' && !isRadixLiteral(field)
          ? ` (if column ${j + 1} holds stimulus labels, choose it as the label column: --labels ${j + 1})`
          : '';
        throw new InputError(describeBadField(field, decimalComma, missingAsNaN) + hint, { file, line: fieldLines[j], column: j + 1 });
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
    if (headerReason === 'integers') return parseNumericTable(text, { ...options, header: false });
    if (header !== undefined) {
      throw new InputError('no data rows after the header', { file, line: (headerLine ?? 1) + 1, column: 1 });
    }
    throw new InputError('empty file: no numeric rows', { file, line: 1, column: 1 });
  }
  const matrixCols = labelColumn === undefined ? cols : cols - 1;
  if (matrixCols === 0) {
    throw new InputError('no numeric columns: the only column holds the labels', { file, line: lines[0], column: 1 });
  }
  const out: NumericTable = {
    matrix: matrix(rows, matrixCols, values.slice(0, count)),
    separator,
    header,
    headerLine,
    rowLines: lines.slice(0, rows),
    missingCells,
  };
  if (headerReason !== undefined) out.headerReason = headerReason;
  if (header !== undefined) out.columnNames = header.filter((_, j) => j !== labelColumn);
  if (labelColumn !== undefined) {
    out.labelColumn = labelColumn;
    out.labels = labels;
  }
  return out;
}

/** Why the first record is a header (undefined: it is data), under the header and label options. */
function headerReasonOf(fields: string[], mode: 'auto' | boolean, labels: NumericTableOptions['labels'], decimalComma: boolean): HeaderReason | undefined {
  if (mode === true) return 'option';
  if (mode === false) return undefined;
  if (typeof labels === 'string' && labels !== 'auto') return 'option'; // a column named by the user: there is a header
  const skip = typeof labels === 'number' ? labels - 1 : -1;
  const rest = skip >= 0 ? fields.filter((_, j) => j !== skip) : fields;
  if (isTextHeader(rest, decimalComma)) return 'text';
  if (skip < 0 && fields.length >= 2) {
    const head = kindOf(fields[0], decimalComma);
    if ((head === 'empty' || head === 'text') && isIntegerRange(fields, 1)) return 'pandas-index';
  }
  if (rest.length >= 2 && isIntegerRange(rest, 0)) return 'integers';
  return undefined;
}

/** Whether fields[from..] are exactly the plain integers 0, 1, 2, … in order. */
function isIntegerRange(fields: string[], from: number): boolean {
  for (let j = from; j < fields.length; j++) {
    if (!PLAIN_INTEGER.test(fields[j]) || Number(fields[j]) !== j - from) return false;
  }
  return fields.length > from;
}

/** The label column (0-based) for the first data record, or undefined: by option, or detected (see NumericTableOptions.labels). */
function labelColumnOf(
  option: NumericTableOptions['labels'],
  header: string[] | undefined,
  reason: HeaderReason | undefined,
  fields: string[],
  decimalComma: boolean,
  file: string,
  line: number,
): number | undefined {
  if (option === false) return undefined;
  if (typeof option === 'number') {
    if (!Number.isSafeInteger(option) || option < 1 || option > fields.length) {
      throw new InputError(`label column ${option} does not exist: the table has ${fields.length} columns (counted from 1)`, { file, line });
    }
    return option - 1;
  }
  if (option !== undefined && option !== 'auto') {
    const name = option;
    const names = header ?? [];
    let at = names.indexOf(name);
    if (at < 0) at = names.findIndex((field) => field.toLowerCase() === name.toLowerCase());
    if (at < 0) {
      const listed = names.map((name, j) => `${j + 1} '${name}'`).join(', ');
      throw new InputError(`no column named '${name}' for the labels; the header has ${listed}`, { file, line });
    }
    return at;
  }
  if (header !== undefined && header[0] === '') return 0;
  if (reason === 'pandas-index') return 0;
  if (fields.length >= 2 && kindOf(fields[0], decimalComma) === 'text') return 0;
  return undefined;
}

/** Whether a field that is not a finite number stands for a missing value (empty, NaN, NA-like). */
function isMissing(field: string, decimalComma: boolean): boolean {
  const kind = kindOf(field, decimalComma);
  return kind === 'empty' || kind === 'missing' || NAN_TOKEN.test(field);
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

/** The message for a field that is not a finite number (nor, when NaN is allowed, a missing one). */
function describeBadField(field: string, decimalComma: boolean, nanAllowed = false): string {
  const shown = JSON.stringify(field.length > 40 ? `${field.slice(0, 37)}...` : field);
  switch (kindOf(field, decimalComma)) {
    case 'empty':
      return 'empty value where a number is expected';
    case 'non-finite':
      return `non-finite value ${shown} (${nanAllowed ? 'infinities are' : 'NaN and infinities are'} not allowed)`;
    case 'missing':
      return `missing value ${shown} (every cell must be a finite number)`;
    default:
      return `non-numeric value ${shown}`;
  }
}

/** Whether fields look like column names: some text and no number-like field (empty fields count as neither). */
function isTextHeader(fields: string[], decimalComma: boolean): boolean {
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

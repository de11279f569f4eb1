// `vectors:<file>`: word vectors from a word2vec / GloVe text file, checked line by line.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InputError } from '../core/input-error.ts';
import { meanVectors } from './item-words.ts';
import { SINGLE_LAYER, textsOnly, type EmbeddingModel, type ItemVectors } from './word-model.ts';

/** A model read from a vectors file, with what was odd about the file (zero vectors, duplicate words). */
export interface VectorsFileModel extends EmbeddingModel {
  readonly vocabularySize: number;
  /** Zero vectors and duplicate words (the first occurrence wins), at most a dozen lines then a count. */
  readonly warnings: readonly string[];
  /** A word's float32 vector: the exact word, else its lower-case form; undefined when unknown. */
  vector(word: string): Float32Array | undefined;
}

const MAX_WARNINGS = 12;
const LF = 10;

/**
 * Read `path` (the text after 'vectors:'): an optional first line `count dims` (two integers), then one
 * line per word, `word v1 … vd`, fields separated by spaces or tabs (runs allowed, trailing blanks and CR
 * ignored, blank lines skipped). Every line must have the same number of values, each a finite decimal.
 * Throws InputError (file, line, column = 1-based field) for a missing or empty file, a ragged row, a
 * non-numeric, NaN or infinite value, and a header whose count or dimension disagrees with the rows.
 * `id` defaults to 'vectors:<path>'; revision is the sha256 of the file.
 */
export function loadVectorsFile(path: string, id = `vectors:${path}`): VectorsFileModel {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a vectors file' : `cannot read: ${(error as Error).message}`;
    throw new InputError(why, { file: path });
  }
  const revision = createHash('sha256').update(buf).digest('hex');

  let dims = -1;
  let dimsLine = 0;
  let headerCount = -1;
  let headerLine = 0;
  let values = new Float32Array(0);
  let rows = 0;
  const wordLines: number[] = [];
  let vectorLines = 0;
  const index = new Map<string, number>();
  const warnings: string[] = [];
  let warningCount = 0;
  const warn = (text: string): void => {
    if (warningCount++ < MAX_WARNINGS) warnings.push(text);
  };

  let pos = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  for (let line = 1; pos < buf.length; line++) {
    let end = buf.indexOf(LF, pos);
    if (end < 0) end = buf.length;
    const text = buf.toString('utf8', pos, end).replace(/[\s]+$/, '');
    pos = end + 1;
    if (text.trim() === '') continue;
    const fields = text.replace(/^[ \t]+/, '').split(/[ \t]+/);

    if (dims < 0 && headerCount < 0 && rows === 0 && fields.length === 2 && /^\d+$/.test(fields[0]) && /^\d+$/.test(fields[1])) {
      headerCount = Number(fields[0]);
      dims = Number(fields[1]);
      dimsLine = headerLine = line;
      if (dims === 0) throw new InputError('header gives 0 dimensions', { file: path, line, column: 2 });
      values = new Float32Array(Math.min(headerCount, 1 << 20) * dims);
      continue;
    }
    const n = fields.length - 1;
    if (dims < 0) {
      if (n === 0) throw new InputError(`a word with no values: ${JSON.stringify(fields[0])}`, { file: path, line, column: 2 });
      dims = n;
      dimsLine = line;
      values = new Float32Array(1024 * dims);
    } else if (n !== dims) {
      const where = headerLine === dimsLine ? `the header (line ${headerLine}) gives ${dims}` : `line ${dimsLine} has ${dims}`;
      throw new InputError(`ragged row: ${n} values after the word where ${where}`, { file: path, line, column: Math.min(n, dims) + 2 });
    }
    if ((rows + 1) * dims > values.length) {
      const grown = new Float32Array(Math.max(values.length * 2, (rows + 1) * dims));
      grown.set(values);
      values = grown;
    }
    const base = rows * dims;
    let zero = true;
    for (let j = 1; j <= dims; j++) {
      const v = parseValue(fields[j], path, line, j + 1);
      values[base + j - 1] = v;
      if (v !== 0) zero = false;
    }
    vectorLines++;
    const word = fields[0];
    if (index.has(word)) {
      warn(`line ${line}: duplicate word ${JSON.stringify(word)} ignored (first on line ${wordLines[index.get(word) ?? 0]})`);
      continue; // the row written above is overwritten by the next one
    }
    if (zero) warn(`line ${line}: ${JSON.stringify(word)} has a zero vector`);
    index.set(word, rows);
    wordLines.push(line);
    rows++;
  }

  if (rows === 0) {
    if (headerLine > 0) throw new InputError('no vectors after the header', { file: path, line: headerLine + 1, column: 1 });
    throw new InputError('empty file: no vectors', { file: path, line: 1, column: 1 });
  }
  if (headerCount >= 0 && headerCount !== vectorLines) {
    throw new InputError(`header says ${headerCount} vectors, the file has ${vectorLines}`, { file: path, line: headerLine, column: 1 });
  }
  if (warningCount > MAX_WARNINGS) warnings.push(`… and ${warningCount - MAX_WARNINGS} more`);

  const data = values.slice(0, rows * dims);
  const lookupExact = (word: string): Float32Array | undefined => {
    const r = index.get(word);
    return r === undefined ? undefined : data.subarray(r * dims, (r + 1) * dims);
  };
  const lookup = (word: string): Float32Array | undefined => lookupExact(word) ?? lookupExact(word.toLowerCase());
  return {
    kind: 'embedding',
    id,
    revision,
    dimensions: dims,
    vocabularySize: rows,
    warnings,
    vector: lookup,
    layers: SINGLE_LAYER,
    defaultLayer: 0,
    modalities: ['text'],
    vectors: async (items): Promise<ItemVectors> => meanVectors(textsOnly(items, id), lookup, dims),
  };
}

/** A field as a finite number; InputError naming the field otherwise. */
function parseValue(field: string, file: string, line: number, column: number): number {
  const v = Number(field);
  if (Number.isFinite(v) && field.length > 0 && !isRadixLiteral(field)) return v;
  const shown = JSON.stringify(field.length > 40 ? `${field.slice(0, 37)}...` : field);
  const nonFinite = /^[+-]?(?:nan|inf|infinity)$/i.test(field) || /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(field);
  throw new InputError(nonFinite ? `non-finite value ${shown} (NaN and infinities are not allowed)` : `non-numeric value ${shown}`, {
    file,
    line,
    column,
  });
}

/** Whether Number() would read the field as hex, binary or octal ("0x1f"): not decimal data. */
function isRadixLiteral(field: string): boolean {
  const f = field.charCodeAt(0) === 43 || field.charCodeAt(0) === 45 ? field.slice(1) : field;
  return f.length > 1 && f.charCodeAt(0) === 48 && /[xXbBoO]/.test(f[1]);
}

// JSON files: parsed with JSON.parse; syntax errors located by line and column.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { InputError } from '../core/input-error.ts';

/** Parse a JSON file; InputError for a missing or empty file, and at the line and column of a syntax error. */
export function readJson(path: string): unknown {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new InputError('file does not exist', { file: path });
  }
  let text = readFileSync(path, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parseJsonText(text, path);
}

/** Parse JSON text (see readJson); `file` names the source in error messages. */
export function parseJsonText(text: string, file: string): unknown {
  if (text.trim() === '') throw new InputError('empty file: no JSON value', { file, line: 1, column: 1 });
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = errorOffset(text, message);
    const { line, column } = lineAndColumn(text, offset);
    throw new InputError(`invalid JSON: ${shortMessage(message)}`, { file, line, column });
  }
}

/** 1-based line and column of a character offset (CRLF, CR and LF each end a line). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  const end = Math.min(offset, text.length);
  for (let p = 0; p < end; p++) {
    const c = text.charCodeAt(p);
    if (c === 10 || (c === 13 && text.charCodeAt(p + 1) !== 10)) {
      line++;
      start = p + 1;
    }
  }
  return { line, column: end - start + 1 };
}

/** Offset of the error: V8's "at position N" when given, else the end for a truncated text, else found by scanning. */
function errorOffset(text: string, message: string): number {
  const m = /at position (\d+)/.exec(message);
  if (m) return Number(m[1]);
  if (/Unexpected end of JSON input/.test(message)) return text.trimEnd().length;
  return scanForError(text);
}

/** V8's message without the quoted copy of the input it sometimes appends. */
function shortMessage(message: string): string {
  return message.replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '').replace(/ (?:in JSON )?at position \d+.*$/s, '');
}

/** Offset of the first syntax error in JSON text, found with a small recursive-descent scanner. */
function scanForError(text: string): number {
  const n = text.length;
  let p = 0;
  class Stop extends Error {}
  const fail = (): never => {
    throw new Stop();
  };
  const ws = (): void => {
    while (p < n && ' \t\n\r'.includes(text[p])) p++;
  };
  const literal = (word: string): void => {
    for (const ch of word) if (text[p] === ch) p++;
    else fail();
  };
  const string = (): void => {
    p++;
    for (;;) {
      if (p >= n) fail();
      const c = text.charCodeAt(p);
      if (c === 34) {
        p++;
        return;
      }
      if (c < 32) fail();
      if (c === 92) {
        p++;
        if (p >= n) fail();
        if (text[p] === 'u') {
          p++;
          for (let k = 0; k < 4; k++, p++) if (!/[0-9a-fA-F]/.test(text[p] ?? '')) fail();
        } else if ('"\\/bfnrt'.includes(text[p])) p++;
        else fail();
      } else p++;
    }
  };
  const number = (): void => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(p, p + 400));
    if (!m) fail();
    p += (m as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    ws();
    const c = text[p];
    if (c === '{') {
      p++;
      ws();
      if (text[p] === '}') return void p++;
      for (;;) {
        ws();
        if (text[p] !== '"') fail();
        string();
        ws();
        if (text[p] !== ':') fail();
        p++;
        value();
        ws();
        if (text[p] === ',') p++;
        else if (text[p] === '}') return void p++;
        else fail();
      }
    }
    if (c === '[') {
      p++;
      ws();
      if (text[p] === ']') return void p++;
      for (;;) {
        value();
        ws();
        if (text[p] === ',') p++;
        else if (text[p] === ']') return void p++;
        else fail();
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail();
  };
  try {
    value();
    ws();
    return p < n ? p : n;
  } catch (error) {
    if (error instanceof Stop) return p;
    throw error;
  }
}

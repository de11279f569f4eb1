import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseNumericTable } from '../../src/data/numeric-table.ts';
import { InputError } from '../../src/core/input-error.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

/** The InputError thrown by parsing `text` (fails the test when nothing is thrown). */
function errorOf(text: string): InputError {
  try {
    parseNumericTable(text, { file: 'data/x.csv' });
  } catch (error) {
    assert.ok(error instanceof InputError, `expected InputError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected an InputError');
}

test('reads the reference CSV exactly (17 significant digits round trip)', () => {
  const text = fixture('X_20x50.csv');
  const t = parseNumericTable(text, { file: 'X_20x50.csv' });
  assert.equal(t.matrix.rows, 20);
  assert.equal(t.matrix.cols, 50);
  assert.equal(t.separator, ',');
  assert.equal(t.header, undefined);
  // Independent check: every field through Number() gives the same float64.
  const expected = text.trim().split('\n').flatMap((line) => line.split(',').map(Number));
  assert.deepEqual(Array.from(t.matrix.data), expected);
  assert.equal(t.matrix.data[0], 0.1257302210933933);
  assert.deepEqual(Array.from(t.rowLines), Array.from({ length: 20 }, (_, i) => i + 1));
});

test('line endings: LF, CRLF and CR give the same table and line numbers', () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    const t = parseNumericTable(['a,b', '1,2', '', '3,4.5', ''].join(eol));
    assert.deepEqual(t.header, ['a', 'b']);
    assert.equal(t.headerLine, 1);
    assert.deepEqual(Array.from(t.matrix.data), [1, 2, 3, 4.5]);
    assert.deepEqual(Array.from(t.rowLines), [2, 4]);
  }
});

test('separators: tab, semicolon (with decimal commas), whitespace runs, comma with blanks', () => {
  const tsv = parseNumericTable('x\ty\n1\t-2e-3\n');
  assert.equal(tsv.separator, '\t');
  assert.deepEqual(Array.from(tsv.matrix.data), [1, -0.002]);
  const semi = parseNumericTable('1;2,5\r\n3,25;-4\r\n');
  assert.equal(semi.separator, ';');
  assert.deepEqual(Array.from(semi.matrix.data), [1, 2.5, 3.25, -4]);
  const ws = parseNumericTable('  1   2\t3  \n# comment\n\n4 5 6\n');
  assert.equal(ws.separator, ' ');
  assert.deepEqual(Array.from(ws.matrix.data), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(Array.from(ws.rowLines), [1, 4]);
  const padded = parseNumericTable('1 , 2\n 3,4 \n');
  assert.deepEqual(Array.from(padded.matrix.data), [1, 2, 3, 4]);
});

test('quoted fields: numbers in quotes, separators and doubled quotes inside header fields', () => {
  const t = parseNumericTable('"a,1","say ""hi"""\n"1.5","2"\n3,"4"\n');
  assert.deepEqual(t.header, ['a,1', 'say "hi"']);
  assert.deepEqual(Array.from(t.matrix.data), [1.5, 2, 3, 4]);
});

test('header auto-detection: numeric first row is data; forced header or none', () => {
  assert.equal(parseNumericTable('1,2\n3,4\n').header, undefined);
  assert.deepEqual(parseNumericTable('1,2\n3,4\n', { header: true }).header, ['1', '2']);
  assert.deepEqual(parseNumericTable('x1,x2\n3,4\n').header, ['x1', 'x2']);
  // A mixed first row is data, so its text cell is reported rather than silently dropped.
  assert.match(errorOf('1,abc\n3,4\n').message, /^data\/x\.csv:1:2: non-numeric value "abc"/);
  // UTF-8 byte-order mark is ignored.
  assert.deepEqual(parseNumericTable('\ufeffa,b\n1,2\n').header, ['a', 'b']);
});

test('number syntax: exponents, signs, leading dots; hex is not a number', () => {
  const t = parseNumericTable('1e3,-.5,+2.,1E-2,0\n');
  assert.deepEqual(Array.from(t.matrix.data), [1000, -0.5, 2, 0.01, 0]);
  assert.match(errorOf('1,0x10\n').message, /non-numeric value "0x10" \(line 1, column 2\)/);
});

test('non-finite cells name file, line and column', () => {
  for (const token of ['nan', 'NaN', 'inf', '-inf', 'Infinity', '-Infinity', '1e999']) {
    const e = errorOf(`1,2,3\n4,5,6\n7,8,${token}\n`);
    assert.equal(e.file, 'data/x.csv');
    assert.equal(e.line, 3);
    assert.equal(e.column, 3);
    assert.equal(e.message, `data/x.csv:3:3: non-finite value "${token}" (NaN and infinities are not allowed) (line 3, column 3)`);
  }
});

test('non-numeric, missing and empty cells', () => {
  assert.equal(errorOf('1,2,3\n4,5,6\n7,8,9\n1,2,abc\n').message, 'data/x.csv:4:3: non-numeric value "abc" (line 4, column 3)');
  assert.equal(errorOf('1,NA\n').message, 'data/x.csv:1:2: missing value "NA" (every cell must be a finite number) (line 1, column 2)');
  const e = errorOf('1,2\n3,\n');
  assert.equal(e.line, 2);
  assert.equal(e.column, 2);
  assert.match(e.message, /empty value/);
});

test('ragged rows: the first missing or extra field is named', () => {
  const short = errorOf('1,2,3\n4,5\n');
  assert.equal(short.message, 'data/x.csv:2:3: ragged row: too few values, 2 where line 1 has 3 (line 2, column 3)');
  const long = errorOf('a,b\n1,2\n\n3,4,5\n');
  assert.equal(long.line, 4);
  assert.equal(long.column, 3);
  assert.match(long.message, /too many values, 3 where line 1 has 2/);
});

test('line numbers count CR-only and CRLF line ends and skipped lines', () => {
  assert.equal(errorOf('1,2\r\r# note\r3,x\r').message, 'data/x.csv:4:2: non-numeric value "x" (line 4, column 2)');
  assert.equal(errorOf('1,2\r\n\r\n3,x\r\n').line, 3);
});

test('empty input and header-only input', () => {
  assert.equal(errorOf('').message, 'data/x.csv:1:1: empty file: no numeric rows (line 1, column 1)');
  assert.equal(errorOf('\n  \n# only a comment\n').line, 1);
  assert.equal(errorOf('a,b\n').message, 'data/x.csv:2:1: no data rows after the header (line 2, column 1)');
});

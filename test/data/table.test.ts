import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { columnIndex, readTable } from '../../src/data/table.ts';
import { InputError } from '../../src/core/input-error.ts';

const dir = mkdtempSync(join(tmpdir(), 'attune-table-'));
let n = 0;
/** Write text to a fresh temp file and return its path. */
function file(text: string): string {
  const path = join(dir, `t${n++}.txt`);
  writeFileSync(path, text);
  return path;
}

/** Assert that fn throws an InputError at this line and column. */
function throwsAt(fn: () => unknown, line: number | undefined, column: number | undefined, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.equal(e.line, line);
    assert.equal(e.column, column);
    assert.match(e.detail, pattern);
    return true;
  });
}

test('comma, LF, header auto-detected from a numeric column', () => {
  const t = readTable(file('word,score\napple,1.5\npear,2\n'));
  assert.deepEqual(t.header, ['word', 'score']);
  assert.deepEqual(t.rows, [['apple', '1.5'], ['pear', '2']]);
  assert.deepEqual(t.lines, [2, 3]);
});

test('tab separated with CRLF endings, no header', () => {
  const t = readTable(file('a\tb\t1\r\nc\td\t2\r\n'));
  assert.equal(t.header, null);
  assert.deepEqual(t.rows, [['a', 'b', '1'], ['c', 'd', '2']]);
  assert.deepEqual(t.lines, [1, 2]);
});

test('old-Mac CR endings count lines', () => {
  const t = readTable(file('w,v\rx,1\ry,2\r'));
  assert.deepEqual(t.rows, [['x', '1'], ['y', '2']]);
  assert.deepEqual(t.lines, [2, 3]);
});

test('semicolon separated: commas inside cells, decimal commas count as numbers for the header rule', () => {
  const t = readTable(file('word;size;note\ncat;1,5;x, y\ndog;2;z\n'));
  assert.equal(t.delimiter, ';');
  assert.deepEqual(t.header, ['word', 'size', 'note']);
  assert.deepEqual(t.rows[0], ['cat', '1,5', 'x, y']);
  const h = readTable(file('word;size\ncat;1.5\ndog;2\n'));
  assert.deepEqual(h.header, ['word', 'size']);
});

test('runs of spaces separate fields; blank lines skipped; BOM stripped', () => {
  const t = readTable(file('\uFEFFa   b  1\n\n   \nc d    2   \n'));
  assert.equal(t.header, null);
  assert.deepEqual(t.rows, [['a', 'b', '1'], ['c', 'd', '2']]);
  assert.deepEqual(t.lines, [1, 4]);
  const h = readTable(file('\uFEFFword,score\nx,1\n'));
  assert.deepEqual(h.header, ['word', 'score']);
});

test('quoted fields: delimiter, "" escape and line break inside quotes', () => {
  const t = readTable(file('id,text,n\r\n1,"a, ""b""",3\r\n2,"two\r\nlines",4\r\n3,plain,5\r\n'));
  assert.deepEqual(t.header, ['id', 'text', 'n']);
  assert.deepEqual(t.rows, [['1', 'a, "b"', '3'], ['2', 'two\nlines', '4'], ['3', 'plain', '5']]);
  assert.deepEqual(t.lines, [2, 3, 5]);
});

test('header option forces or suppresses the header', () => {
  assert.deepEqual(readTable(file('a,b\nc,d\n'), { header: true }).header, ['a', 'b']);
  const t = readTable(file('word,score\napple,1\n'), { header: false });
  assert.equal(t.header, null);
  assert.equal(t.rows.length, 2);
  // All-text table: no numeric column, so auto keeps the first row as data.
  assert.equal(readTable(file('a,b\nc,d\n')).header, null);
  // NA below the header does not make a column non-numeric.
  assert.deepEqual(readTable(file('w,v\nx,NA\ny,3\n')).header, ['w', 'v']);
});

test('errors: missing file, empty file, ragged row, unterminated quote', () => {
  throwsAt(() => readTable(join(dir, 'nope.csv')), undefined, undefined, /does not exist/);
  throwsAt(() => readTable(file('')), 1, 1, /empty/);
  throwsAt(() => readTable(file('\n  \r\n')), 1, 1, /empty/);
  throwsAt(() => readTable(file('a,b,c\nd,e,f\ng,h\n')), 3, 3, /ragged.*too few/);
  throwsAt(() => readTable(file('a,b\r\nc,d,e\r\n')), 2, 3, /ragged.*too many/);
  throwsAt(() => readTable(file('a,b\nc,"d\ne,f\n')), 2, 2, /unterminated quote/);
  const e = (() => {
    try {
      readTable(file('a,b\nc\n'));
    } catch (error) {
      return error as Error;
    }
  })();
  assert.match(String(e?.message), /t\d+\.txt:2:2: /);
});

test('columnIndex by name, by index, and the error listing columns counted from 1', () => {
  const t = readTable(file('word,score\napple,1\n'));
  assert.equal(columnIndex(t, 'score', 'rating'), 1);
  assert.equal(columnIndex(t, 0, 'word'), 0);
  assert.equal(columnIndex(t, '2', 'rating'), 1); // a number written as text counts from 1, as users type it
  assert.throws(() => columnIndex(t, 'Score', 'rating'), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.equal(e.file, t.file);
    assert.match(e.message, /no rating column "Score" \(did you mean "score"\?\); available columns: 1 "word", 2 "score"/);
    return true;
  });
  assert.throws(() => columnIndex(t, '0', 'word'), /no word column 0 \(columns are counted from 1\)/);
  assert.throws(() => columnIndex(t, '3', 'word'), /no word column 3; available columns: 1 "word", 2 "score"/);
  const bare = readTable(file('a\t1\n'));
  // The 0-based index 2 from code is the third column, and the message counts it from 1 like the options do.
  assert.throws(() => columnIndex(bare, 2, 'score'), /no score column 3; the file has no header; available columns: 1 to 2/);
});

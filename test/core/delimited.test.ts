import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectSeparator, parseDelimited } from '../../src/core/delimited.ts';

test('parseDelimited: quotes, doubled quotes, separators and line breaks inside quotes, CRLF, blank lines, BOM', () => {
  const text = '\ufeffa,b,c\r\n"x, y","say ""hi""",3\r\n\r\n"two\r\nlines",,last\nend,"q"tail,\n';
  assert.deepEqual(parseDelimited(text), [
    { fields: ['a', 'b', 'c'], line: 1 },
    { fields: ['x, y', 'say "hi"', '3'], line: 2 },
    { fields: ['two\r\nlines', '', 'last'], line: 4 },
    { fields: ['end', 'qtail', ''], line: 6 },
  ]);
});

test('detectSeparator: tab outside quotes on the first line, else comma', () => {
  assert.equal(detectSeparator('a\tb\n1\t2'), '\t');
  assert.equal(detectSeparator('"a\tb",c\n'), ',');
  assert.equal(detectSeparator('a,b\nc\td'), ',');
  assert.deepEqual(parseDelimited('a\tb, c\n'), [{ fields: ['a', 'b, c'], line: 1 }]);
});

test('detectSeparator: tab first, then semicolons when they outnumber commas on the first line', () => {
  assert.equal(detectSeparator('a;b;c\n1;2;3'), ';');
  assert.equal(detectSeparator('a,b;c\n'), ',');
  assert.equal(detectSeparator('"x;y",b\n'), ',');
  assert.equal(detectSeparator('a\tb;c;d\n'), '\t');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJson } from '../../src/data/json.ts';
import { InputError } from '../../src/core/input-error.ts';

const dir = mkdtempSync(join(tmpdir(), 'attune-json-'));
let n = 0;
/** Write text to a fresh temp file and return its path. */
function file(text: string): string {
  const path = join(dir, `j${n++}.json`);
  writeFileSync(path, text);
  return path;
}

/** The InputError fn throws (fails when it throws anything else or nothing). */
function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof InputError, String(e));
    return e;
  }
  assert.fail('no error thrown');
}

test('parses a valid file, BOM included', () => {
  assert.deepEqual(readJson(file('\uFEFF[{"instruction": "x", "category": null}]')), [{ instruction: 'x', category: null }]);
});

test('missing and empty files', () => {
  assert.match(inputError(() => readJson(join(dir, 'none.json'))).detail, /does not exist/);
  const e = inputError(() => readJson(file('  \n')));
  assert.match(e.detail, /empty/);
  assert.equal(e.line, 1);
});

test('syntax errors located by line and column (counted by hand)', () => {
  // V8 gives a position: "Expected ',' or '}' after property value ... at position 6" → line 1, column 7.
  let e = inputError(() => readJson(file('{"a":1')));
  assert.deepEqual([e.line, e.column], [1, 7]);
  // No position from V8 ("Unexpected token"): the x on line 3 is at column 8.
  e = inputError(() => readJson(file('{\n  "a": 1,\n  "b": x\n}')));
  assert.deepEqual([e.line, e.column], [3, 8]);
  assert.match(e.message, /:3:8: invalid JSON/);
  // CRLF line ends; the second comma of ",," is line 3, column 4.
  e = inputError(() => readJson(file('{\r\n"a": [1,\r\n 2,, 3]}')));
  assert.deepEqual([e.line, e.column], [3, 4]);
  // Trailing comma in an array: the ] at column 6.
  e = inputError(() => readJson(file('[1,2,]')));
  assert.deepEqual([e.line, e.column], [1, 6]);
  // Truncated input: the end, after "tru" → column 4.
  e = inputError(() => readJson(file('tru')));
  assert.deepEqual([e.line, e.column], [1, 4]);
  // Text after the value on line 2, column 1.
  e = inputError(() => readJson(file('[1]\nx')));
  assert.deepEqual([e.line, e.column], [2, 1]);
});

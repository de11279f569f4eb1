import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/core/input-error.ts';
import { loadVectorsFile } from '../../src/models/vectors-file.ts';

const tiny = fileURLToPath(new URL('../fixtures/models/tiny.vec', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'attune-vectors-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(text: string): string {
  const path = join(dir, `v${n++}.txt`);
  writeFileSync(path, text);
  return path;
}

test('tiny fixture: header, vectors, case fallback, mean of multi-word items, zero vector warned', async () => {
  const m = loadVectorsFile(tiny);
  assert.equal(m.kind, 'embedding');
  assert.equal(m.id, `vectors:${tiny}`);
  assert.equal(m.dimensions, 3);
  assert.equal(m.vocabularySize, 4);
  // `sha256sum test/fixtures/models/tiny.vec`
  assert.equal(m.revision, 'd061ef5539bb9e410cb5c76da348919932b970caca5456b7f1b1ac7a318b0f47');
  assert.deepEqual(Array.from(m.vector('The') ?? []), [0.5, -1, 2]); // lower-case fallback
  assert.deepEqual(Array.from(m.vector('Zero') ?? []), [0, 0, 0]); // exact
  assert.equal(m.vector('zero'), undefined); // only 'Zero' is in the file
  const v = await m.vectors(['ice cream', 'THE', 'ice sugar']);
  assert.deepEqual(v.covered, [true, true, false]);
  assert.deepEqual(Array.from(v.matrix.data), [2, 3, 4, 0.5, -1, 2, 0, 0, 0]);
  assert.equal(v.multiWord, 2);
  assert.deepEqual(v.missingWords, ['sugar']);
  assert.equal(m.warnings.length, 1);
  assert.match(m.warnings[0], /line 5: "Zero" has a zero vector/);
});

test('no header, tabs and runs of blanks, CRLF, trailing blanks; duplicates: first wins, warned', () => {
  const m = loadVectorsFile(file('a\t1 2\r\nb  3\t4 \r\n\r\na 5 6\r\n'), 'mine');
  assert.equal(m.id, 'mine');
  assert.equal(m.dimensions, 2);
  assert.equal(m.vocabularySize, 2);
  assert.deepEqual(Array.from(m.vector('a') ?? []), [1, 2]);
  assert.deepEqual(Array.from(m.vector('b') ?? []), [3, 4]);
  assert.deepEqual(m.warnings, ['line 4: duplicate word "a" ignored (first on line 1)']);
});

test('values are stored as float32', () => {
  const m = loadVectorsFile(file('w 0.1 1e-3\n'));
  assert.deepEqual(Array.from(m.vector('w') ?? []), [Math.fround(0.1), Math.fround(0.001)]);
});

/** The InputError thrown by fn, with its location checked. */
function inputError(fn: () => unknown, line: number | undefined, column: number | undefined, detail: RegExp): InputError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof InputError, `expected InputError, got ${String(error)}`);
    assert.equal(error.line, line);
    assert.equal(error.column, column);
    assert.match(error.detail, detail);
    if (line !== undefined && column !== undefined) assert.ok(error.message.startsWith(`${error.file}:${line}:${column}: `), error.message);
    return error;
  }
  assert.fail('no error thrown');
}

test('errors name file, line and column', () => {
  const ragged = file('a 1 2 3\nb 1 2\n');
  const e = inputError(() => loadVectorsFile(ragged), 2, 4, /ragged row: 2 values after the word where line 1 has 3/);
  assert.equal(e.file, ragged);
  inputError(() => loadVectorsFile(file('a 1 2\nb 1 2 3\n')), 2, 4, /ragged row: 3 values/);
  inputError(() => loadVectorsFile(file('2 2\na 1 2\nb 1\n')), 3, 3, /the header \(line 1\) gives 2/);
  inputError(() => loadVectorsFile(file('a 1 2\nb 1 x2\n')), 2, 3, /non-numeric value "x2"/);
  inputError(() => loadVectorsFile(file('a 1 0x10\n')), 1, 3, /non-numeric value "0x10"/);
  inputError(() => loadVectorsFile(file('a 1 2\nb NaN 2\n')), 2, 2, /non-finite value "NaN"/);
  inputError(() => loadVectorsFile(file('a 1 -inf\n')), 1, 3, /non-finite value "-inf"/);
  inputError(() => loadVectorsFile(file('a 1 1e999\n')), 1, 3, /non-finite value "1e999"/);
  inputError(() => loadVectorsFile(file('')), 1, 1, /empty file/);
  inputError(() => loadVectorsFile(file('\n  \n')), 1, 1, /empty file/);
  inputError(() => loadVectorsFile(file('3 2\n')), 2, 1, /no vectors after the header/);
  inputError(() => loadVectorsFile(file('3 2\na 1 2\nb 3 4\n')), 1, 1, /header says 3 vectors, the file has 2/);
  inputError(() => loadVectorsFile(file('lonely\n')), 1, 2, /a word with no values/);
  const missing = join(dir, 'nope.vec');
  const m = inputError(() => loadVectorsFile(missing), undefined, undefined, /file not found/);
  assert.equal(m.message, `${missing}: file not found`);
});

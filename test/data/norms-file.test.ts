import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readNorms } from '../../src/data/norms-file.ts';
import { InputError } from '../../src/core/input-error.ts';

const dir = mkdtempSync(join(tmpdir(), 'attune-norms-'));
let n = 0;
/** Write text to a fresh temp file and return its path. */
function file(text: string): string {
  const path = join(dir, `n${n++}.csv`);
  writeFileSync(path, text);
  return path;
}

test('named columns; empty, NA, N/A and NaN cells are missing (NaN), blank rows skipped', () => {
  const t = readNorms(file('Word,Freq,Rating.Mean\r\na,10,2.89\r\nb,3,NA\r\nc,1,\r\nd,1,n/a\r\ne,2,nan\r\nf,5,4e0\r\n,,\r\n,,\r\n'), 'Word', 'Rating.Mean');
  assert.equal(t.column, 'Rating.Mean');
  assert.deepEqual(t.words, ['a', 'b', 'c', 'd', 'e', 'f']);
  assert.deepEqual(Array.from(t.values), [2.89, NaN, NaN, NaN, NaN, 4]);
  assert.equal(t.missing, 4);
  assert.deepEqual(t.lines, [2, 3, 4, 5, 6, 7]);
});

test('columns by index in a headerless TSV; `;` with decimal comma', () => {
  const t = readNorms(file('x\t0.5\t9\ny\t1.5\t8\n'), 0, 2);
  assert.equal(t.column, 'column 3');
  assert.deepEqual(Array.from(t.values), [9, 8]);
  const s = readNorms(file('word;val\nx;1,25\n'), 'word', 'val');
  assert.deepEqual(Array.from(s.values), [1.25]);
});

test('bad input: other text in the rating column, missing column, empty word, empty and missing files', () => {
  assert.throws(() => readNorms(file('w,v\nx,1\ny,high\n'), 'w', 'v'), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.deepEqual([e.line, e.column], [3, 2]);
    assert.match(e.detail, /non-numeric rating "high"/);
    return true;
  });
  assert.throws(() => readNorms(file('w,v\nx,1\n'), 'w', 'V'), /no rating column "V" \(did you mean "v"\?\); available columns: 1 "w", 2 "v"/);
  assert.throws(() => readNorms(file('w,v\nx,1\n,2\n'), 'w', 'v'), (e: unknown) => e instanceof InputError && e.line === 3 && e.column === 1);
  assert.throws(() => readNorms(file(''), 0, 1), (e: unknown) => e instanceof InputError && /empty/.test(e.detail));
  assert.throws(() => readNorms(join(dir, 'none.csv'), 0, 1), (e: unknown) => e instanceof InputError && /does not exist/.test(e.detail));
});

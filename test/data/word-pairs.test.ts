import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWordPairs } from '../../src/data/word-pairs.ts';
import { InputError } from '../../src/core/input-error.ts';

const dir = mkdtempSync(join(tmpdir(), 'attune-pairs-'));
let n = 0;
/** Write text to a fresh temp file and return its path. */
function file(text: string): string {
  const path = join(dir, `p${n++}.txt`);
  writeFileSync(path, text);
  return path;
}

/** Assert that fn throws an InputError at this line and column whose detail matches. */
function throwsAt(fn: () => unknown, line: number | undefined, column: number | undefined, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.deepEqual([e.line, e.column], [line, column]);
    assert.match(e.detail, pattern);
    return true;
  });
}

test('headerless TSV: first two columns and the third', () => {
  const w = readWordPairs(file('cat\tdog\t7.5\ncar\ttrain\t3\n'));
  assert.equal(w.column, 'column 3');
  assert.deepEqual(w.pairs, [
    { word1: 'cat', word2: 'dog', score: 7.5, line: 1 },
    { word1: 'car', word2: 'train', score: 3, line: 2 },
  ]);
});

test('CSV with a header, CRLF; named columns', () => {
  const w = readWordPairs(file('a,b,sim,rel\r\ncat,dog,7.5,9\r\ncar,train,3,4\r\n'), { word1: 'a', word2: 'b', score: 'rel' });
  assert.equal(w.column, 'rel');
  assert.deepEqual(w.pairs.map((p) => [p.word1, p.word2, p.score, p.line]), [['cat', 'dog', 9, 2], ['car', 'train', 4, 3]]);
  const d = readWordPairs(file('word1,word2,score\ncat,dog,7.5\n'));
  assert.equal(d.column, 'score');
  assert.equal(d.pairs[0].score, 7.5);
});

test("SimLex-999's own layout: the score column picked by name, by number from 1 as text, or by 0-based index", () => {
  const path = file('word1\tword2\tPOS\tSimLex999\tconc(w1)\nold\tnew\tA\t1.58\t2.72\nsmart\tintelligent\tA\t9.2\t1.75\n');
  for (const score of ['SimLex999', '4', 3] as const) {
    const w = readWordPairs(path, { score });
    assert.equal(w.column, 'SimLex999');
    assert.deepEqual(w.pairs.map((p) => [p.word1, p.word2, p.score, p.line]), [['old', 'new', 1.58, 2], ['smart', 'intelligent', 9.2, 3]]);
  }
  // Without a score column the third column (POS) is text: located at the first data row.
  throwsAt(() => readWordPairs(path), 2, 3, /non-numeric score "A"/);
});

test('space-separated, CR endings, `;` with decimal commas, quoted words', () => {
  assert.deepEqual(readWordPairs(file('cat  dog  1\rhot cold 0.5\r')).pairs.map((p) => [p.score, p.line]), [[1, 1], [0.5, 2]]);
  const s = readWordPairs(file('w1;w2;score\ncat;dog;7,5\n'));
  assert.equal(s.pairs[0].score, 7.5);
  const q = readWordPairs(file('"new, york",city,6\n"say ""hi""",greet,5\n'));
  assert.deepEqual([q.pairs[0].word1, q.pairs[1].word1], ['new, york', 'say "hi"']);
});

test('bad input: non-numeric or empty score, missing column, empty and missing files, ragged rows', () => {
  throwsAt(() => readWordPairs(file('cat\tdog\t7\ncar\ttrain\thigh\n')), 2, 3, /non-numeric score "high"/);
  throwsAt(() => readWordPairs(file('cat,dog,7\ncar,train,\n')), 2, 3, /empty score/);
  throwsAt(() => readWordPairs(file('a,b,sim\ncat,dog,7\n'), { score: 'rel' }), undefined, undefined, /no score column "rel"/);
  throwsAt(() => readWordPairs(file('cat,dog\n')), undefined, undefined, /no score column 3; the file has no header; available columns: 1 to 2/);
  throwsAt(() => readWordPairs(file('')), 1, 1, /empty/);
  throwsAt(() => readWordPairs(join(dir, 'missing.tsv')), undefined, undefined, /does not exist/);
  throwsAt(() => readWordPairs(file('cat\tdog\t7\ncar\ttrain\n')), 2, 3, /ragged/);
  throwsAt(() => readWordPairs(file('word1,word2,score\n')), 2, 1, /no word pairs/);
});

test('a text score in the first row is taken as a header, so errors point at the data', () => {
  throwsAt(() => readWordPairs(file('w1,w2,score\ncat,dog,high\n')), 2, 3, /non-numeric score "high"/);
});

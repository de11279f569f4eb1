import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { WORD_SIMILARITY_SETS, loadWordSimilarity } from '../../../src/data/datasets/word-similarity.ts';

// Row counts from `tr '\r' '\n' < FILE | grep -c .` (SimLex minus its header line); first and last rows read from the files.
const EXPECTED: Record<string, { n: number; first: [string, string, number, number]; last: [string, string, number, number] }> = {
  simlex999: { n: 999, first: ['old', 'new', 1.58, 2], last: ['attend', 'arrive', 6.08, 1000] },
  men3000: { n: 3000, first: ['sun', 'sunlight', 50, 1], last: ['bakery', 'zebra', 0, 3000] },
  ws353: { n: 353, first: ['love', 'sex', 6.77, 1], last: ['architecture', 'century', 3.78, 353] },
  'ws353-sim': { n: 203, first: ['tiger', 'cat', 7.35, 1], last: ['king', 'cabbage', 0.23, 203] },
  'ws353-rel': { n: 252, first: ['computer', 'keyboard', 7.62, 1], last: ['king', 'cabbage', 0.23, 252] },
  rg65: { n: 65, first: ['gem', 'jewel', 3.94, 1], last: ['chord', 'smile', 0.02, 65] },
  mturk771: { n: 771, first: ['access', 'gateway', 3.791666667, 1], last: ['workplace', 'workshop', 4.04, 771] },
  mc30: { n: 30, first: ['car', 'automobile', 3.92, 1], last: ['noon', 'string', 0.08, 30] },
  mturk287: { n: 287, first: ['episcopal', 'russia', 2.75, 1], last: ['marriage', 'anniversary', 4.333333333, 287] },
  rw: { n: 2034, first: ['squishing', 'squirt', 5.88, 1], last: ['snickering', 'laugh', 7.71, 2034] },
  verb143: { n: 144, first: ['happen', 'say', 0.19, 1], last: ['employ', 'using', 0.33, 144] },
  yp130: { n: 130, first: ['brag', 'boast', 4, 1], last: ['refer', 'lean', 0, 130] },
};

test('every shipped set loads with the right size, first and last rows', () => {
  assert.deepEqual(WORD_SIMILARITY_SETS.map((s) => s.id).sort(), Object.keys(EXPECTED).sort());
  for (const set of WORD_SIMILARITY_SETS) {
    const w = loadWordSimilarity(set.id);
    const e = EXPECTED[set.id];
    assert.equal(w.pairs.length, e.n, set.id);
    const row = (i: number): [string, string, number, number] => [w.pairs[i].word1, w.pairs[i].word2, w.pairs[i].score, w.pairs[i].line];
    assert.deepEqual(row(0), e.first, set.id);
    assert.deepEqual(row(e.n - 1), e.last, set.id);
    assert.equal(w.dataset, set.dataset);
  }
});

test('SimLex reads its SimLex999 column; WS-353 keeps case; checksum is the dataset checksum', () => {
  const s = loadWordSimilarity('simlex999');
  assert.equal(s.column, 'SimLex999');
  const ws = loadWordSimilarity('ws353-rel');
  assert.deepEqual([ws.pairs[1].word1, ws.pairs[1].word2, ws.pairs[1].score], ['Jerusalem', 'Israel', 8.46]);
  const rg = loadWordSimilarity('rg65');
  const expected = createHash('sha256').update('EN-RG-65.txt:c243f3a91c3f5d8cf67f21a67f6fb80bde8b6bb060851a6a48e6f2d68ec98c9f\n').digest('hex');
  assert.equal(rg.checksum, expected);
  assert.throws(() => loadWordSimilarity('simlex'), /unknown word-similarity set "simlex"; known: simlex999/);
});

// `attune norms` on the user's own norms: coverage (unknown words, NA cells) and every bad input → exit 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attune, scratch } from '../../test-support/run-cli.ts';

test('norms --method rate with recorded:<file>: Spearman by hand; NA and unknown words not covered', async () => {
  const { dir, cleanup } = scratch(['byo-norms.csv']);
  try {
    // The recorded answers are the file's own rating column, so the two sides agree exactly.
    const r = await attune(['norms', 'byo-norms.csv', '--word-column', 'word', '--column', 'rating', '--method', 'rate',
      '--model', 'recorded:byo-norms.csv', '--rating-column', 'rating', '--json', '--bootstrap', '0'], dir);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { value: number; measure: string; spearman: number; n_words: number; n_covered: number };
    assert.ok(Math.abs(out.spearman - 1) < 1e-15); // the same numbers on both sides
    assert.equal(out.value, out.spearman); // the headline value every --json carries
    assert.equal(out.measure, 'recorded:rating:spearman');
    assert.equal(out.n_words, 6);
    assert.equal(out.n_covered, 5); // c has NA
    // The same columns by number, counted from 1 (word = 1, rating = 2).
    const byNumber = await attune(['norms', 'byo-norms.csv', '--word-column', '1', '--column', '2', '--method', 'rate',
      '--model', 'recorded:byo-norms.csv', '--rating-column', 'rating', '--json', '--bootstrap', '0'], dir);
    assert.equal(byNumber.code, 0, byNumber.stderr);
    assert.deepEqual(JSON.parse(byNumber.stdout), out);
  } finally {
    cleanup();
  }
});

test('norms bad input: non-numeric rating, missing column, missing option → exit 2', async () => {
  const { dir, cleanup } = scratch(['byo-norms-bad.csv', 'byo-norms.csv']);
  try {
    const bad = await attune(['norms', 'byo-norms-bad.csv', '--word-column', 'word', '--column', 'rating'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /byo-norms-bad\.csv:3:2/);
    const col = await attune(['norms', 'byo-norms.csv', '--word-column', 'word', '--column', 'valence'], dir);
    assert.equal(col.code, 2);
    assert.match(col.stderr, /byo-norms\.csv.*valence/);
    const opt = await attune(['norms', 'byo-norms.csv', '--word-column', 'word'], dir);
    assert.equal(opt.code, 2);
    assert.match(opt.stderr, /--column/);
  } finally {
    cleanup();
  }
});

test('norms column numbers count from 1 in options and messages; --rating-column outside recorded: is refused → exit 2', async () => {
  const { dir, cleanup } = scratch(['byo-norms.csv']);
  try {
    const zero = await attune(['norms', 'byo-norms.csv', '--word-column', '0', '--column', '2'], dir);
    assert.equal(zero.code, 2);
    assert.match(zero.stderr, /--word-column 0: columns are counted from 1/);
    assert.doesNotMatch(zero.stderr, /-1/);
    const far = await attune(['norms', 'byo-norms.csv', '--word-column', '1', '--column', '4'], dir);
    assert.equal(far.code, 2);
    assert.match(far.stderr, /no rating column 4; available columns: 1 "word", 2 "rating", 3 "other"/);
    const rating = await attune(['norms', 'byo-norms.csv', '--word-column', 'word', '--column', 'rating', '--rating-column', 'rating'], dir);
    assert.equal(rating.code, 2);
    assert.match(rating.stderr, /--rating-column picks the column of a recorded:<file> model; glove is not one/);
  } finally {
    cleanup();
  }
});

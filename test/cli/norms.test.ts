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
    const out = JSON.parse(r.stdout) as { spearman: number; n_words: number; n_covered: number };
    assert.ok(Math.abs(out.spearman - 1) < 1e-15); // the same numbers on both sides
    assert.equal(out.n_words, 6);
    assert.equal(out.n_covered, 5); // c has NA
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

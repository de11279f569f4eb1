// `attune wordsim` on the user's own pairs and vectors: values by hand, coverage, and every bad input → exit 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { attune, scratch } from '../../test-support/run-cli.ts';

test('wordsim with vectors:<file>: Spearman by hand, the unknown word counted as not covered', async () => {
  const { dir, cleanup } = scratch(['byo-tiny-vectors.txt', 'byo-pairs.csv']);
  try {
    const r = await attune(['wordsim', 'byo-pairs.csv', '--model', 'vectors:byo-tiny-vectors.txt', '--json', '--bootstrap', '0'], dir);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { spearman: number; pearson: number; n_pairs: number; n_covered: number; ci95: unknown };
    // cosines ab 0, ac 1/√2, cd 3/√10, ad 2/√5 → ranks 1,2,4,3 against 1,2,3,4: ρ = 1 − 6·2/(4·15) = 0.8
    assert.ok(Math.abs(out.spearman - 0.8) < 1e-15);
    assert.equal(out.n_pairs, 5);
    assert.equal(out.n_covered, 4);
    assert.equal(out.ci95, null);
  } finally {
    cleanup();
  }
});

test('wordsim bad input: non-numeric score, empty file, missing file, unknown model → exit 2 naming the place', async () => {
  const { dir, cleanup } = scratch(['byo-pairs-bad-score.tsv', 'byo-pairs.csv']);
  try {
    writeFileSync(join(dir, 'empty.txt'), '');
    const bad = await attune(['wordsim', 'byo-pairs-bad-score.tsv', '--model', 'vectors:nowhere.txt'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /byo-pairs-bad-score\.tsv:2:3/);
    const empty = await attune(['wordsim', 'empty.txt'], dir);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /empty\.txt/);
    const missing = await attune(['wordsim', 'nope.csv'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.csv/);
    const model = await attune(['wordsim', 'byo-pairs.csv', '--model', 'word2vec-of-my-dreams'], dir);
    assert.equal(model.code, 2);
    assert.match(model.stderr, /unknown model id 'word2vec-of-my-dreams'/);
    const vectors = await attune(['wordsim', 'byo-pairs.csv', '--model', 'vectors:absent.txt'], dir);
    assert.equal(vectors.code, 2);
    assert.match(vectors.stderr, /absent\.txt/);
  } finally {
    cleanup();
  }
});

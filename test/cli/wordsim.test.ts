// `attune wordsim` on the user's own pairs and vectors: values by hand, coverage, and every bad input → exit 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** scipy's Spearman and Pearson of GloVe cosines with SimLex-999's own column (fixture script beside the JSON). */
const SCIPY = JSON.parse(readFileSync(new URL('../fixtures/simlex/simlex_glove_scipy.json', import.meta.url), 'utf8')) as { spearman: number; pearson: number; n_covered: number };

test("wordsim on SimLex-999's own file: --score-column by name or number gives the core suite's SimLex row and scipy's value", async () => {
  const { SUITES } = await import('../../src/benchmarks/suites.ts');
  const { loadGlove } = await import('../../src/models/glove.ts');
  const simlex = fileURLToPath(new URL('../../data/simlex999/SimLex-999.txt', import.meta.url));
  const { dir, cleanup } = scratch();
  try {
    // The core suite's row, computed in this process by the suite's own benchmark with the default model.
    const row = SUITES.find((s) => s.id === 'core')!.benchmarks().find((b) => b.id === 'wordsim:simlex999')!;
    const suite = await row.run(loadGlove({ log: () => {} }), { seed: 0, bootstrap: 50 });
    for (const column of ['SimLex999', '4']) {
      const r = await attune(['wordsim', simlex, '--score-column', column, '--bootstrap', '50', '--json'], dir);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { value: number; measure: string; spearman: number; ci95: number[]; n_pairs: number; n_covered: number; score_column: string };
      assert.equal(out.value, suite.score.value);
      assert.equal(out.spearman, out.value);
      assert.equal(out.measure, suite.score.measure);
      assert.deepEqual(out.ci95, suite.score.ci95);
      assert.equal(out.n_pairs, 999);
      assert.equal(out.n_covered, suite.coverage.n_covered);
      assert.equal(out.score_column, 'SimLex999');
      // And the value scipy gives on the same file and vectors (test/fixtures/simlex/simlex_glove_scipy.py).
      assert.ok(Math.abs(out.spearman - SCIPY.spearman) < 1e-12, `${out.spearman} vs scipy ${SCIPY.spearman}`);
      assert.ok(Math.abs((out as unknown as { pearson: number }).pearson - SCIPY.pearson) < 1e-9);
      assert.equal(out.n_covered, SCIPY.n_covered);
    }
    // Without --score-column the third column (POS) is text: exit 2 at its first data cell, naming the option.
    const bare = await attune(['wordsim', simlex], dir);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /SimLex-999\.txt:2:3: .*--score-column/);
  } finally {
    cleanup();
  }
});

test('wordsim column and model options: columns count from 1; --rating-column outside recorded: and --pooling outside hf: are refused → exit 2', async () => {
  const { dir, cleanup } = scratch(['byo-pairs.csv']);
  try {
    const zero = await attune(['wordsim', 'byo-pairs.csv', '--score-column', '0'], dir);
    assert.equal(zero.code, 2);
    assert.match(zero.stderr, /--score-column 0: columns are counted from 1/);
    const words = await attune(['wordsim', 'byo-pairs.csv', '--word-columns', '0,2'], dir);
    assert.equal(words.code, 2);
    assert.match(words.stderr, /--word-columns 0: columns are counted from 1/);
    const far = await attune(['wordsim', 'byo-pairs.csv', '--score-column', '9'], dir);
    assert.equal(far.code, 2);
    assert.match(far.stderr, /no score column 9; .*available columns: 1 /);
    const rating = await attune(['wordsim', 'byo-pairs.csv', '--rating-column', 'gpt4'], dir);
    assert.equal(rating.code, 2);
    assert.match(rating.stderr, /--rating-column picks the column of a recorded:<file> model; glove is not one/);
    const pooling = await attune(['wordsim', 'byo-pairs.csv', '--pooling', 'last'], dir);
    assert.equal(pooling.code, 2);
    assert.match(pooling.stderr, /--pooling applies to hf: models; glove has nothing to pool/);
  } finally {
    cleanup();
  }
});

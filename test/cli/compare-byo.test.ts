// attune compare on labelled and NaN-holed RDMs as pandas and numpy write them (test/fixtures/byo/make_byo.py):
// matched by label, compared on the pairs both have with the values scipy gives on those pairs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attune, scratch } from '../../test-support/run-cli.ts';

const byo = JSON.parse(readFileSync(new URL('../fixtures/byo/byo_expected.json', import.meta.url), 'utf8')) as {
  labels: string[];
  behaviour_vs_model_euclidean: Record<string, number>;
};
const FILES = ['rdm_labelled.csv', 'rdm_labelled_shuffled.csv', 'rdm_labelled_renamed.csv', 'rdm_labelled.npz', 'behaviour_nan.csv', 'behaviour_nan.npy', 'model_euclidean.csv'];

function byoScratch(): { dir: string; cleanup: () => void } {
  const made = scratch();
  for (const name of FILES) copyFileSync(fileURLToPath(new URL(`../fixtures/byo/${name}`, import.meta.url)), join(made.dir, name));
  return made;
}

interface ScoreDoc {
  value: number;
  measure: string;
  n: number;
  details: { pairs_used: number; pairs_total: number; labels: string[] | null; stimuli: number };
}

test('a NaN-holed behavioural RDM is compared on the pairs both RDMs have: every method equals scipy on those pairs', async (t) => {
  const { dir, cleanup } = byoScratch();
  t.after(cleanup);
  const expected = byo.behaviour_vs_model_euclidean;
  const [csv, npy, text] = await Promise.all([
    attune(['compare', 'behaviour_nan.csv', 'model_euclidean.csv', '--method', 'all', '--json'], dir),
    attune(['compare', 'model_euclidean.csv', 'behaviour_nan.npy', '--method', 'all', '--json'], dir),
    attune(['compare', 'behaviour_nan.csv', 'model_euclidean.csv'], dir),
  ]);
  for (const run of [csv, npy]) {
    assert.equal(run.code, 0, run.stderr);
    const scores = JSON.parse(run.stdout) as ScoreDoc[];
    for (const s of scores) {
      const method = s.measure.replace('compare:', '');
      const want = method === 'rho-a' ? expected.spearman : expected[method]; // no ties: rho-a is spearman
      assert.ok(Math.abs(s.value - want) <= 1e-12, `${method}: ${s.value} vs scipy ${want}`);
      assert.equal(s.n, expected.pairs_used);
      assert.equal(s.details.pairs_used, expected.pairs_used);
      assert.equal(s.details.pairs_total, expected.pairs_total);
      assert.deepEqual(s.details.labels, byo.labels);
    }
  }
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stderr, /12 stimuli, labelled, 59 of 66 pairs \(7 missing in either RDM, left out\)/);
  assert.match(text.stderr, /behaviour_nan\.csv: a header row of names, labels in column 1, 14 missing cells; 12 rows × 12 columns/);
  const inference = await attune(['compare', 'behaviour_nan.csv', 'model_euclidean.csv', '--permutations', '10'], dir);
  assert.equal(inference.code, 2);
  assert.match(inference.stderr, /need complete RDMs; pairs are missing in behaviour_nan\.csv \(7\)/);
});

test('labelled square RDMs are matched by label (another order gives the same RDM), different labels exit 2 naming both files', async (t) => {
  const { dir, cleanup } = byoScratch();
  t.after(cleanup);
  const [shuffled, npz, renamed] = await Promise.all([
    attune(['compare', 'rdm_labelled.csv', 'rdm_labelled_shuffled.csv', '--method', 'corr', '--json'], dir),
    attune(['compare', 'rdm_labelled_shuffled.csv', 'rdm_labelled.npz', '--json'], dir),
    attune(['compare', 'rdm_labelled.csv', 'rdm_labelled_renamed.csv'], dir),
  ]);
  for (const run of [shuffled, npz]) {
    assert.equal(run.code, 0, run.stderr);
    const doc = JSON.parse(run.stdout) as ScoreDoc;
    assert.equal(doc.value, 1);
    assert.equal(doc.details.pairs_used, 66);
  }
  assert.deepEqual((JSON.parse(shuffled.stdout) as ScoreDoc).details.labels, byo.labels);
  assert.equal(renamed.code, 2);
  assert.match(renamed.stderr, /^rdm_labelled_renamed\.csv: the stimulus labels differ from those of rdm_labelled\.csv: missing here 'face_4'; not in rdm_labelled\.csv 'face_x'/m);
  // by position, the shuffled RDM is another RDM
  const positional = await attune(['compare', 'rdm_labelled.csv', 'rdm_labelled_shuffled.csv', '--no-labels', '--no-header', '--json'], dir);
  assert.equal(positional.code, 2); // the label column is text: without labels it is no number
});

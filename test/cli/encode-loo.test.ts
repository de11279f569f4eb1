// `attune encode --cv loo`: the leave-one-out encoding score through the CLI, against scikit-learn (test/fixtures/
// ridge-loo/make_ridge_loo.py: RidgeCV(fit_intercept=True) picks the alphas, its stored LOO predictions at those
// alphas give each target's Pearson r with numpy's corrcoef, and their mean is the score).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attune, scratch } from '../../test-support/run-cli.ts';

interface Expected { alpha: number[]; pearson: number[]; mean_pearson: number }
const expected = JSON.parse(readFileSync(new URL('../fixtures/ridge-loo/cli.json', import.meta.url), 'utf8')) as {
  n: number; t: number; per_target: Expected; shared: Expected;
};

/** A scratch folder holding the fixture's x.csv and y.csv. */
function withFiles(): { dir: string; cleanup: () => void } {
  const made = scratch();
  for (const name of ['x.csv', 'y.csv']) copyFileSync(new URL(`../fixtures/ridge-loo/${name}`, import.meta.url), join(made.dir, name));
  return made;
}

interface LooScore {
  value: number;
  measure: string;
  n: number;
  details: { perTarget: number[]; alphas: number[]; perTargetAlpha: boolean; fitIntercept: boolean; cv: string };
}

for (const [flag, key, measure] of [['--alpha-per-target', 'per_target', 'encode:ridge:loo'], ['--shared-alpha', 'shared', 'encode:ridge:loo:shared']] as const) {
  test(`encode --cv loo ${flag}: scikit-learn's alphas, per-target r and mean r (1e-10)`, async (t) => {
    const { dir, cleanup } = withFiles();
    t.after(cleanup);
    const run = await attune(['encode', 'x.csv', 'y.csv', '--cv', 'loo', flag, '--json'], dir);
    assert.equal(run.code, 0, run.stderr);
    const score = JSON.parse(run.stdout) as LooScore;
    const ex = expected[key];
    assert.equal(score.measure, measure);
    assert.equal(score.n, expected.n);
    assert.equal(score.details.cv, 'leave-one-out');
    assert.equal(score.details.fitIntercept, true);
    assert.equal(score.details.perTargetAlpha, key === 'per_target');
    assert.deepEqual(score.details.alphas, ex.alpha);
    for (let j = 0; j < expected.t; j++) assert.ok(Math.abs(score.details.perTarget[j] - ex.pearson[j]) < 1e-10, `target ${j}: ${score.details.perTarget[j]} vs ${ex.pearson[j]}`);
    assert.ok(Math.abs(score.value - ex.mean_pearson) < 1e-10, `${score.value} vs ${ex.mean_pearson}`);
  });
}

test('encode --cv loo without a flag chooses alpha per target; the text output names the measure', async (t) => {
  const { dir, cleanup } = withFiles();
  t.after(cleanup);
  const run = await attune(['encode', 'x.csv', 'y.csv', '--cv', 'loo'], dir);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^encode:ridge:loo {2}0\.1107112558857/);
  assert.equal(run.stdout.trim().split('\n').length, 1 + expected.t);
});

test('encode --cv: fold options with loo, both alpha flags, or an unknown scheme are usage errors (exit 2)', async (t) => {
  const { dir, cleanup } = withFiles();
  t.after(cleanup);
  const cwd = dir;
  for (const [args, message] of [
    [['--cv', 'loo', '--folds', '3'], /--folds applies to --cv kfold only/],
    [['--cv', 'loo', '--seed', '1'], /--seed applies to --cv kfold only/],
    [['--cv', 'loo', '--alpha-per-target', '--shared-alpha'], /exclude each other/],
    [['--cv', 'leave-one-out'], /--cv must be one of kfold, loo/],
  ] as const) {
    const run = await attune(['encode', 'x.csv', 'y.csv', ...args], cwd);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, message);
    assert.equal(run.stdout, '');
  }
});

// attune evaluate: candidate RDMs against several subjects. Point values and the ceiling against numpy/scipy
// (test/fixtures/ceiling/ceiling_expected.py); the adjusted p-values against statsmodels' multipletests applied to
// Attune's raw bootstrap p-values (evaluate_corrections.py on evaluate_attune.json), which the same seed reproduces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attune, scratch } from '../../test-support/run-cli.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/ceiling/', import.meta.url));
const read = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
const expected = read('ceiling_expected.json') as { ceilings: Record<string, { lower: number; upper: number }>; values: Record<string, Record<string, number>> };
const recorded = read('evaluate_attune.json');
const corrections = read('evaluate_corrections.json') as { pairs: Record<string, number[]>; pZero: number[]; pBelowCeiling: number[] };
const CANDIDATES = ['good.csv', 'noisy.npy', 'unrelated.csv'];
const close = (a: number, b: number, what: string, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

async function evaluate(args: string[]) {
  const r = await attune(['evaluate', ...args, '--json'], FIXTURES);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('point values (mean over subjects), normalized values and the ceiling match numpy/scipy for every method', async () => {
  for (const method of ['spearman', 'rho-a', 'tau-a', 'kendall', 'corr', 'cosine']) {
    const json = await evaluate(['--subjects', 'stack.npy', ...CANDIDATES, '--method', method, '--bootstrap', '0']);
    const want = expected.values[method];
    assert.deepEqual(json.candidates.map((c: { name: string }) => c.name), ['good', 'noisy', 'unrelated']);
    json.candidates.forEach((c: { name: string; value: number; normalized: number; ci95?: unknown; pZero?: unknown }, i: number) => {
      close(c.value, want[c.name], `${method} ${c.name}`);
      close(json.value[i], want[c.name], `${method} value[${i}]`);
      close(c.normalized, want[c.name] / expected.ceilings[method].lower, `${method} ${c.name} normalized`);
      assert.equal(c.ci95, undefined);
      assert.equal(c.pZero, undefined);
    });
    close(json.ceiling.lower, expected.ceilings[method].lower, `${method} lower`);
    close(json.ceiling.upper, expected.ceilings[method].upper, `${method} upper`);
    assert.equal(json.pairs.length, 3);
    close(json.pairs[0].difference, want.good - want.noisy, `${method} good − noisy`);
    assert.equal(json.measure, `evaluate:compare:${method}:subject-mean`);
  }
});

test('the same seed gives the same p-values; FDR and Bonferroni adjust them as statsmodels multipletests does', async () => {
  const base = ['--subjects', 'stack.npy', ...CANDIDATES, '--bootstrap', '200', '--seed', '5'];
  const raw = await evaluate([...base, '--correction', 'none']);
  assert.deepEqual(raw, recorded, 'seed 5 reproduces the recorded run (evaluate_attune.json)');
  for (const correction of ['fdr', 'bonferroni'] as const) {
    const json = await evaluate([...base, '--correction', correction]);
    json.pairs.forEach((p: { p: number; pAdjusted: number }, i: number) => {
      assert.equal(p.p, recorded.pairs[i].p);
      close(p.pAdjusted, corrections.pairs[correction][i], `${correction} pair ${i}`, 1e-15);
    });
    json.candidates.forEach((c: { pZero: number; pZeroAdjusted: number; pBelowCeiling: number; pBelowCeilingAdjusted: number }, i: number) => {
      assert.equal(c.pZero, recorded.candidates[i].pZero);
      close(c.pZeroAdjusted, corrections.pZero[i], `above 0, candidate ${i}`, 1e-15);
      close(c.pBelowCeilingAdjusted, corrections.pBelowCeiling[i], `below ceiling, candidate ${i}`, 1e-15);
    });
    assert.deepEqual(json.corrections, { pairs: correction, zero: 'bonferroni', ceiling: 'bonferroni' });
  }
  // The good candidate is above 0 and not below the ceiling; the noisy one the other way round.
  assert.ok(recorded.candidates[0].pZero < 0.05 && recorded.candidates[0].pBelowCeiling > 0.05);
  assert.ok(recorded.candidates[1].pZero > 0.05);
  const other = await evaluate([...base.slice(0, -1), '6', '--correction', 'none']);
  assert.notDeepEqual(other.pairs.map((p: { p: number }) => p.p), recorded.pairs.map((p: { p: number }) => p.p), 'another seed, other draws');
});

test('subjects as separate files (repeated or comma-separated --subjects) give the values of the 3-D array; human output', async () => {
  const files = ['s1.csv', 's2.csv', 's3.csv', 's4.csv', 's5.csv'];
  const json = await evaluate(['--subjects', files.slice(0, 2).join(','), ...files.slice(2).flatMap((f) => ['--subjects', f]), ...CANDIDATES, '--bootstrap', '200', '--seed', '5', '--correction', 'none']);
  assert.deepEqual(json.value, recorded.value);
  assert.deepEqual(json.pairs, recorded.pairs);
  assert.deepEqual(json.subjects, files);
  const text = await attune(['evaluate', '--subjects', 'stack.npy', ...CANDIDATES, '--bootstrap', '50'], FIXTURES);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^noise ceiling {2}lower 0\.70357031007068\d* {2}upper 0\.81488577923464\d*$/m);
  assert.match(text.stdout, /^good +0\.69587637077790\d* +\[/m);
  assert.match(text.stdout, /^pairs \(two-sided; adjusted by fdr\)$/m);
  assert.match(text.stdout, /^good − noisy +0\.68825864666976\d* +\[/m);
  assert.match(text.stderr, /3 candidates against 5 subjects .* 50 bootstrap resamples over stimuli and subjects, seed 0; pairs adjusted by fdr/);
});

test('bad input and usage: exit 2 naming the file or option, nothing on stdout', async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  writeFileSync(join(dir, 'small.csv'), '0,2,5\n2,0,3\n5,3,0\n');
  writeFileSync(join(dir, 'flat.csv'), Array.from({ length: 28 }, () => '1').join(',') + '\n');
  const stack = join(FIXTURES, 'stack.npy');
  const cases: [string[], RegExp][] = [
    [['good.csv'], /missing --subjects/],
    [['--subjects', stack], /missing <candidate-rdm>/],
    [['--subjects', stack, 'small.csv'], /small\.csv.*an RDM of 3 stimuli, but the subjects' RDMs have 8/],
    [['--subjects', stack, 'flat.csv'], /flat\.csv.*'spearman' comparison is undefined/],
    [['--subjects', stack, 'small.csv', '--correction', 'holm'], /--correction must be one of fdr, bonferroni, none/],
    [['--subjects', stack, 'small.csv', '--bootstrap=-1'], /--bootstrap must be an integer ≥ 0/],
    [['--subjects', 'nothere.npy', 'small.csv'], /nothere\.npy.*file not found/],
  ];
  for (const [args, message] of cases) {
    const r = await attune(['evaluate', ...args], dir);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  }
});

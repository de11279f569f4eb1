// Model-comparison tests from bootstrap draws (rsatoolbox's bootstrap_pair_tests, zero_tests and nc_tests with
// test_type='bootstrap') against numpy on a fixed draws matrix (test/fixtures/ceiling/ceiling_expected.py), and
// evaluateRdmCandidates against the draws scoreRdmCandidates keeps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { matrix } from '../../src/core/matrix.ts';
import { parseNpy } from '../../src/core/npy-format.ts';
import { pairTest } from '../../src/benchmarks/rdm92-bootstrap.ts';
import { bootstrapCeilingTest, bootstrapZeroTest, evaluateRdmCandidates } from '../../src/benchmarks/rdm-candidate-tests.ts';
import { scoreRdmCandidates } from '../../src/benchmarks/rdm-candidates.ts';
import { adjustPValues } from '../../src/measures/multiple-comparisons.ts';

const fixture = (name: string) => new URL(`../fixtures/ceiling/${name}`, import.meta.url);
const want = JSON.parse(readFileSync(fixture('draws_expected.json'), 'utf8')) as Record<string, number[]> & { draws: number[][]; lower: number };
const draws = want.draws.map((d) => Float64Array.from(d));
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-15, `${what}: ${a} vs ${b}`);

test('tests against 0 and below the ceiling, and pair tests, equal rsatoolbox’s formulas computed by numpy', () => {
  for (let c = 0; c < 3; c++) {
    close(bootstrapZeroTest(draws, c), want.pZero[c], `above 0, candidate ${c}`);
    close(bootstrapCeilingTest(draws, c, want.lower), want.pBelowCeiling[c], `below ceiling, candidate ${c}`);
  }
  const pairs = [[0, 1], [0, 2], [1, 2]].map(([a, b]) => pairTest(draws, a, b).p);
  pairs.forEach((p, i) => close(p, want.pairs[i], `pair ${i}`));
  adjustPValues(pairs, 'fdr').forEach((p, i) => close(p, want.pairsFdr[i], `fdr ${i}`));
  adjustPValues(pairs, 'bonferroni').forEach((p, i) => close(p, want.pairsBonferroni[i], `bonferroni ${i}`));
  // Every draw ≤ 0 caps at 1 (rsatoolbox's (B + 1)/B is not a probability); no defined draw is NaN.
  assert.equal(bootstrapZeroTest([Float64Array.of(0), Float64Array.of(-1)], 0), 1);
  assert.ok(Number.isNaN(bootstrapZeroTest([Float64Array.of(NaN)], 0)));
});

test('evaluateRdmCandidates: the tests are those of the kept draws, adjusted per family; none without a bootstrap', async () => {
  const stack = parseNpy(readFileSync(fixture('stack.npy')));
  const [s, n] = stack.shape;
  const m = (n * (n - 1)) / 2;
  const rows = new Float64Array(s * m);
  for (let k = 0, q = 0; k < s; k++) for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) rows[q++] = stack.matrix.data[k * n * n + i * n + j];
  const subjects = matrix(s, m, rows);
  const candidates = [0, 1, 2].map((k) => ({ name: `s${k}`, rdm: rows.slice(k * m, (k + 1) * m) }));
  const options = { method: 'spearman' as const, bootstrap: 60, seed: 11 };
  const kept = await scoreRdmCandidates(candidates, subjects, 'stack', { ...options, keepDraws: true });
  const result = await evaluateRdmCandidates(candidates, subjects, 'stack', { ...options, correction: 'fdr' });
  assert.equal(kept.draws?.length, 60);
  assert.deepEqual(result.scores, kept.scores);
  const zero = candidates.map((_, c) => bootstrapZeroTest(kept.draws!, c));
  const below = candidates.map((_, c) => bootstrapCeilingTest(kept.draws!, c, kept.ceiling.lower));
  assert.deepEqual(result.tests.map((t) => t.pZero), zero);
  assert.deepEqual(result.tests.map((t) => t.pZeroAdjusted), adjustPValues(zero, 'bonferroni'));
  assert.deepEqual(result.tests.map((t) => t.pBelowCeilingAdjusted), adjustPValues(below, 'bonferroni'));
  assert.deepEqual(result.pairs.map((p) => p.pAdjusted), adjustPValues(kept.pairs.map((p) => p.p!), 'fdr'));
  assert.equal('draws' in result, false);
  const plain = await evaluateRdmCandidates(candidates, subjects, 'stack', { ...options, bootstrap: 0, correction: 'bonferroni' });
  assert.deepEqual(plain.tests, [{ name: 's0' }, { name: 's1' }, { name: 's2' }]);
  assert.equal(plain.pairs[0].p, undefined);
  const none = await evaluateRdmCandidates(candidates, subjects, 'stack', { ...options, correction: 'none' });
  assert.deepEqual(none.corrections, { pairs: 'none', zero: 'none', ceiling: 'none' });
  assert.deepEqual(none.tests.map((t) => t.pZeroAdjusted), zero);
});

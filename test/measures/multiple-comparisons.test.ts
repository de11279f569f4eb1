import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { adjustPValues, benjaminiHochberg, bonferroni } from '../../src/measures/multiple-comparisons.ts';
import { InvalidInputError } from '../../src/measures/errors.ts';

// Expected values: test/fixtures/multiple-comparisons/multipletests_expected.py (statsmodels' multipletests).
const families = JSON.parse(readFileSync(new URL('../fixtures/multiple-comparisons/multipletests_expected.json', import.meta.url), 'utf8')) as Record<
  string,
  { p: number[]; bonferroni: number[]; fdr: number[] }
>;

test("Bonferroni and Benjamini–Hochberg equal statsmodels' multipletests (bonferroni, fdr_bh) to 1e-15", () => {
  assert.ok(Object.keys(families).length >= 8);
  for (const [name, f] of Object.entries(families)) {
    const b = bonferroni(f.p);
    const q = benjaminiHochberg(f.p);
    f.p.forEach((_, i) => {
      assert.ok(Math.abs(b[i] - f.bonferroni[i]) <= 1e-15, `${name} bonferroni[${i}]: ${b[i]} vs ${f.bonferroni[i]}`);
      assert.ok(Math.abs(q[i] - f.fdr[i]) <= 1e-15, `${name} fdr[${i}]: ${q[i]} vs ${f.fdr[i]}`);
    });
    assert.deepEqual(adjustPValues(f.p, 'bonferroni'), b);
    assert.deepEqual(adjustPValues(f.p, 'fdr'), q);
    assert.deepEqual(adjustPValues(f.p, 'none'), f.p);
  }
});

test('adjusted p-values are ≥ the raw ones, ≤ 1, in the raw order (monotone), and FDR ≤ Bonferroni', () => {
  for (const [name, f] of Object.entries(families)) {
    const b = bonferroni(f.p);
    const q = benjaminiHochberg(f.p);
    const order = f.p.map((_, i) => i).sort((x, y) => f.p[x] - f.p[y]);
    for (let r = 0; r < order.length; r++) {
      const i = order[r];
      assert.ok(q[i] >= f.p[i] && q[i] <= 1 && b[i] >= f.p[i] && b[i] <= 1, `${name}[${i}]`);
      assert.ok(q[i] <= b[i] + 1e-15, `${name}[${i}]: fdr ${q[i]} > bonferroni ${b[i]}`);
      if (r > 0) {
        const prev = order[r - 1];
        assert.ok(q[prev] <= q[i] && b[prev] <= b[i], `${name}: not monotone at ${prev}, ${i}`);
        if (f.p[prev] === f.p[i]) assert.equal(q[prev], q[i], `${name}: tied p-values adjusted differently`);
      }
    }
  }
});

test('edge cases: p = 1 stays 1, p = 0 stays 0, one p-value is unchanged, an empty family is empty', () => {
  assert.deepEqual(benjaminiHochberg([1, 1, 1]), [1, 1, 1]);
  assert.deepEqual(bonferroni([0, 1]), [0, 1]);
  assert.deepEqual(benjaminiHochberg([0, 1]), [0, 1]);
  assert.deepEqual(benjaminiHochberg([0.03]), [0.03]);
  assert.deepEqual(bonferroni([0.03]), [0.03]);
  assert.deepEqual(benjaminiHochberg([]), []);
});

test('NaN (an undefined test) stays NaN and is not counted in the family size', () => {
  const withNaN = [0.01, NaN, 0.04, 0.03];
  const finite = [0.01, 0.04, 0.03];
  const q = benjaminiHochberg(withNaN);
  const b = bonferroni(withNaN);
  assert.ok(Number.isNaN(q[1]) && Number.isNaN(b[1]));
  assert.deepEqual([q[0], q[2], q[3]], benjaminiHochberg(finite));
  assert.deepEqual([b[0], b[2], b[3]], bonferroni(finite));
});

test('a p-value outside [0, 1] or an unknown correction is an InvalidInputError', () => {
  assert.throws(() => bonferroni([0.5, 1.5]), (e: unknown) => e instanceof InvalidInputError && /p-value 2 is 1.5/.test(e.message));
  assert.throws(() => benjaminiHochberg([-0.1]), InvalidInputError);
  assert.throws(() => adjustPValues([0.1], 'holm' as never), (e: unknown) => e instanceof InvalidInputError && /unknown correction 'holm'/.test(e.message));
});

// Chance-corrected normalisation by hand: 0 at chance, 1 at the ceiling, undefined when the ceiling is not above chance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHANCE_NORMALIZATION, withChanceCeiling } from '../../src/benchmarks/chance-normalized.ts';
import type { Score } from '../../src/measures/score.ts';

const score = (value: number): Score => ({ value, measure: 'test:accuracy', n: 10, details: { ties: 2 } });
const ceiling = { value: 0.8, method: 'test:ceiling' };

test('withChanceCeiling: (value - chance) / (ceiling - chance), chance and formula on the score', () => {
  const s = withChanceCeiling(score(0.6), ceiling, 1 / 3);
  assert.equal(s.normalized, (0.6 - 1 / 3) / (0.8 - 1 / 3)); // 0.5714285714285714
  assert.ok(Math.abs(s.normalized! - 4 / 7) < 1e-15);
  assert.deepEqual(s.ceiling, ceiling);
  assert.deepEqual(s.details, { ties: 2, chance: 1 / 3, normalization: CHANCE_NORMALIZATION });
  assert.equal(withChanceCeiling(score(1 / 3), ceiling, 1 / 3).normalized, 0);
  assert.equal(withChanceCeiling(score(0.8), ceiling, 1 / 3).normalized, 1);
  assert.ok(withChanceCeiling(score(0.2), ceiling, 1 / 3).normalized! < 0); // below chance
  assert.equal(withChanceCeiling(score(0.5), { value: 1 / 3, method: 'flat' }, 1 / 3).normalized, undefined);
  assert.equal(withChanceCeiling(score(0.5), { value: 0.2, method: 'low' }, 1 / 3).normalized, undefined);
});

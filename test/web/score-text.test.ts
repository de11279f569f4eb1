// The dashboard's words for a score: a ceiling's two bounds and what normalised divides by, the reference ceiling it
// shows (read from score.referenceCeiling or details.reference_ceiling, never the noise ceiling), and who was scored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { referenceCeilingOf } from '../../src/report/reference-ceiling.ts';
import { ceilingBounds, ceilingDivisor, ceilingSentence } from '../../src/web/ceiling-text.ts';
import { formatP } from '../../src/web/format.ts';
import { subjectKindText, subjectSource } from '../../src/web/subject-text.ts';

test('a two-bound ceiling shows both bounds and names the one normalised divides by', () => {
  const loo = { value: 0.2418605, lower: 0.2418605, upper: 0.3917450, method: 'rdm:loo-subjects:spearman' };
  assert.equal(ceilingBounds(loo), '[0.2419, 0.3917]');
  assert.equal(ceilingDivisor(loo), '0.2419 (the lower bound)');
  assert.equal(ceilingSentence(loo), 'lower 0.2419, upper 0.3917; normalised divides by 0.2419 (the lower bound) — rdm:loo-subjects:spearman');
  assert.equal(ceilingDivisor({ ...loo, value: loo.upper }), '0.3917 (the upper bound)');
  // A value that is neither bound is shown with them.
  assert.equal(ceilingBounds({ value: 0.78, lower: 0.7, upper: 0.85, method: 'x' }), '0.7800 [0.7000, 0.8500]');
  assert.equal(ceilingDivisor({ value: 0.78, lower: 0.7, upper: 0.85, method: 'x' }), '0.7800');
  assert.equal(ceilingBounds({ value: 0.6, method: 'split-half' }), '0.6000');
  assert.equal(ceilingSentence({ value: 0.6, method: 'split-half' }), '0.6000; normalised divides by 0.6000 — split-half');
});

test('a reference ceiling is read from either place, and only when well formed', () => {
  const ref = { value: 0.78, kind: 'one-vs-rest', source: 'Hill et al. 2015' };
  const score = { value: 0.3, measure: 'm', n: 999 };
  assert.deepEqual(referenceCeilingOf({ ...score, details: { reference_ceiling: ref } }), ref);
  assert.deepEqual(referenceCeilingOf({ ...score, referenceCeiling: ref } as typeof score), ref);
  assert.equal(referenceCeilingOf(score), undefined);
  assert.equal(referenceCeilingOf({ ...score, details: { reference_ceiling: { value: '0.78' } } }), undefined);
});

test('who was scored, in words; p-values for people', () => {
  assert.equal(subjectKindText('run-model'), "the run's model");
  assert.equal(subjectKindText('recorded'), 'recorded answers');
  assert.match(subjectKindText('fixed'), /^fixed candidate \(not the run's model\)$/);
  assert.equal(subjectSource({ kind: 'recorded', label: 'GPT-4 (Trott 2024)', source: 'llm_norms_gpt4/glasgow_gpt-4.csv' }), 'data/llm_norms_gpt4/glasgow_gpt-4.csv');
  assert.equal(subjectSource({ kind: 'fixed', label: 'pixels' }), undefined);
  assert.deepEqual([formatP(0.02), formatP(0.000012), formatP(0.123456), formatP(undefined)], ['p = 0.02', 'p < 0.0001', 'p = 0.123', '-']);
});

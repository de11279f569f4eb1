import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairedCorrelations } from '../../src/measures/paired-correlation.ts';
import { InvalidInputError } from '../../src/measures/errors.ts';
import { createRng } from '../../src/core/random.ts';

test('spearman value by hand (tied human values averaged)', () => {
  // ranks model [1,2,3,4,5], human [1,2,3.5,5,3.5]: r = 8 / sqrt(10 · 9.5)
  const s = pairedCorrelations([1, 2, 3, 4, 5], [5, 6, 7, 8, 7], { bootstrap: 0 }).spearman;
  assert.ok(Math.abs(s.value - 8 / Math.sqrt(95)) < 1e-15);
  assert.equal(s.measure, 'corr:spearman');
  assert.equal(s.n, 5);
  assert.equal(s.ci95, undefined);
});

test('pearson by hand and its bootstrap interval, recomputed naively from the same resamples', () => {
  const model = [0.1, 0.5, 0.2, 0.9, 0.4, 0.7, 0.3, 0.8];
  const human = [1, 4, 3, 9, 2, 6, 5, 7];
  const s = pairedCorrelations(model, human, { bootstrap: 200, seed: 7 }).pearson;
  const r = (a: number[], b: number[]) => {
    const ma = a.reduce((x, y) => x + y) / a.length, mb = b.reduce((x, y) => x + y) / b.length;
    let ab = 0, aa = 0, bb = 0;
    a.forEach((v, i) => { ab += (v - ma) * (b[i] - mb); aa += (v - ma) ** 2; bb += (b[i] - mb) ** 2; });
    return ab / Math.sqrt(aa * bb);
  };
  assert.ok(Math.abs(s.value - r(model, human)) < 1e-14);
  const rng = createRng(7);
  const reps: number[] = [];
  for (let k = 0; k < 200; k++) {
    const idx = Array.from({ length: 8 }, () => rng.int(8));
    const v = r(idx.map((i) => model[i]), idx.map((i) => human[i]));
    if (Number.isFinite(v)) reps.push(v);
  }
  reps.sort((a, b) => a - b);
  const at = (q: number) => { const x = (reps.length - 1) * q, lo = Math.floor(x); return reps[lo] + (reps[Math.min(lo + 1, reps.length - 1)] - reps[lo]) * (x - lo); };
  assert.ok(s.ci95);
  assert.ok(Math.abs(s.ci95[0] - at(0.025)) < 1e-12 && Math.abs(s.ci95[1] - at(0.975)) < 1e-12);
});

test('constant side: NaN with a warning, never a number; bad input throws', () => {
  const s = pairedCorrelations([1, 1, 1, 1], [1, 2, 3, 4]).spearman;
  assert.ok(Number.isNaN(s.value));
  assert.match(s.warnings?.[0] ?? '', /constant/);
  assert.throws(() => pairedCorrelations([1, 2], [1, 2]), InvalidInputError);
  assert.throws(() => pairedCorrelations([1, 2, NaN], [1, 2, 3]), InvalidInputError);
  assert.throws(() => pairedCorrelations([1, 2, 3], [1, 2]), InvalidInputError);
});

test('spearman bootstrap replicates equal spearman() of each resample, ties and repeated draws included', async () => {
  const { spearman } = await import('../../src/core/correlation.ts');
  const { bootstrapIndices } = await import('../../src/core/resample.ts');
  const model = [0.3, 0.1, 0.3, 0.9, 0.5, 0.5, 0.2, 0.8, 0.3, 0.7];
  const human = [2, 1, 2, 5, 4, 3, 1, 5, 2, 4];
  const s = pairedCorrelations(model, human, { bootstrap: 300, seed: 11 }).spearman;
  const rng = createRng(11);
  const reps: number[] = [];
  for (let k = 0; k < 300; k++) {
    const idx = bootstrapIndices(10, rng);
    const v = spearman(Array.from(idx, (i) => model[i]), Array.from(idx, (i) => human[i]));
    if (Number.isFinite(v)) reps.push(v);
  }
  reps.sort((a, b) => a - b);
  const at = (q: number) => { const x = (reps.length - 1) * q, lo = Math.floor(x); return reps[lo] + (reps[Math.min(lo + 1, reps.length - 1)] - reps[lo]) * (x - lo); };
  assert.ok(s.ci95);
  assert.ok(Math.abs(s.ci95[0] - at(0.025)) < 1e-15 && Math.abs(s.ci95[1] - at(0.975)) < 1e-15);
});

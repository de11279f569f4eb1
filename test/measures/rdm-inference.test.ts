import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRng } from '../../src/core/random.ts';
import { bootstrapIndices, percentileInterval } from '../../src/core/resample.ts';
import { at, matrix } from '../../src/core/matrix.ts';
import { COMPARE_METHODS, compareRdms } from '../../src/measures/compare.ts';
import { bootstrapOverStimuli, compareRdmsWithInference, permutationTest } from '../../src/measures/rdm-inference.ts';
import { squareform } from '../../src/measures/rdm-vector.ts';
import { InvalidRdmError } from '../../src/measures/errors.ts';
import { bootstrapSubjectMeans, columnDropped } from '../../src/benchmarks/rdm92-bootstrap.ts';

const expected = JSON.parse(readFileSync(new URL('../fixtures/rsa_expected.json', import.meta.url), 'utf8')) as {
  rdms: Record<string, { vector: number[] }>;
  model_rdms: Record<string, number[]>;
};
const X = expected.rdms.X_correlation.vector;
const Y = expected.rdms.Y_correlation.vector;
const graded = expected.model_rdms.model_graded;
const categorical = expected.model_rdms.model_categorical;

test('perfect match: permutation p is 1/(reps + 1) for every method', () => {
  for (const method of COMPARE_METHODS) {
    const reps = 199;
    const r = permutationTest(X, X, method, reps, createRng(3));
    assert.equal(r.count, 0, method);
    assert.ok(r.p <= 1 / (reps + 1) + 1e-15, `${method}: p = ${r.p}`);
  }
});

test('permutation counts equal a brute-force relabelling of the square RDM', () => {
  const n = 20;
  const reps = 60;
  for (const method of COMPARE_METHODS) {
    for (const [a, b] of [[X, Y], [X, graded], [Y, categorical]]) {
      const observed = compareRdms(a, b, method).value;
      const rng = createRng(11);
      const sq = squareform(b);
      let count = 0;
      for (let r = 0; r < reps; r++) {
        const perm = rng.permutation(n);
        const permuted: number[] = [];
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) permuted.push(at(sq, perm[i], perm[j]));
        if (compareRdms(a, permuted, method).value >= observed - 1e-12) count++;
      }
      const fast = permutationTest(a, b, method, reps, createRng(11));
      assert.equal(fast.count, count, method);
      assert.equal(fast.p, (count + 1) / (reps + 1));
    }
  }
});

test('bootstrap equals resampling the square RDMs and dropping same-stimulus pairs', () => {
  const n = 20;
  const reps = 40;
  const rng = createRng(5);
  const sa = squareform(X);
  const sb = squareform(Y);
  const values: number[] = [];
  for (let r = 0; r < reps; r++) {
    const draw = Array.from(bootstrapIndices(n, rng)).sort((p, q) => p - q);
    const va: number[] = [];
    const vb: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        if (draw[i] === draw[j]) continue; // rsatoolbox: the diagonal of a repeated stimulus is NaN, then dropped
        va.push(at(sa, draw[i], draw[j]));
        vb.push(at(sb, draw[i], draw[j]));
      }
    }
    values.push(pearsonOf(va, vb));
  }
  const boot = bootstrapOverStimuli(X, Y, 'corr', reps, createRng(5));
  assert.equal(boot.dropped, 0);
  assert.equal(boot.values.length, reps);
  boot.values.forEach((v, k) => assert.ok(Math.abs(v - values[k]) <= 1e-12, `${k}: ${v} vs ${values[k]}`));
  const ci = percentileInterval(values, 0.95);
  assert.ok(boot.ci95 !== undefined);
  boot.ci95.forEach((v, k) => assert.ok(Math.abs(v - ci[k]) <= 1e-12, `ci ${k}: ${v} vs ${ci[k]}`));
});

test('compareRdmsWithInference: value, p, ci95 and seed; reproducible', () => {
  const s = compareRdmsWithInference(X, Y, { method: 'spearman', permutations: 200, bootstrap: 100, seed: 42 });
  assert.equal(s.value, compareRdms(X, Y, 'spearman').value);
  assert.equal(s.measure, 'compare:spearman');
  assert.equal(s.seed, 42);
  assert.ok(s.p !== undefined && s.p > 0 && s.p <= 1);
  assert.ok(s.ci95 !== undefined && s.ci95[0] < s.value && s.value < s.ci95[1], `${s.ci95}`);
  assert.deepEqual(compareRdmsWithInference(X, Y, { method: 'spearman', permutations: 200, bootstrap: 100, seed: 42 }), s);
  // X and Y share structure (Y = X + noise): the relation is significant
  assert.ok((s.p as number) <= 0.01, `p = ${s.p}`);
  const plain = compareRdmsWithInference(X, Y, { method: 'tau-a', seed: 1 });
  assert.equal(plain.p, undefined);
  assert.equal(plain.ci95, undefined);
});

test('degenerate bootstrap resamples are dropped and reported', () => {
  // 4 stimuli; stimulus 0 is far from the rest, others equidistant: many resamples give a constant RDM
  const model = [1, 1, 1, 0.5, 0.5, 0.5];
  const data = [0.9, 1.1, 1.3, 0.2, 0.7, 0.4];
  const s = compareRdmsWithInference(data, model, { method: 'corr', bootstrap: 200, seed: 9 });
  const dropped = (s.details as Record<string, number>).bootstrapDropped;
  assert.ok(dropped > 0);
  assert.ok(s.warnings?.some((w) => w.includes(`${dropped} of 200`)));
});

test('a constant resampled RDM counts as 0 under tau-a and rho-a (their definitions), and is counted', () => {
  // 4 stimuli in two categories: a draw of stimuli from {0, 2} only (say) gives a constant model RDM.
  const model = [0, 1, 1, 1, 1, 0];
  const data = [0.2, 0.9, 1.1, 1.3, 0.7, 0.4];
  for (const method of ['tau-a', 'rho-a'] as const) {
    const boot = bootstrapOverStimuli(data, model, method, 300, createRng(4));
    assert.ok(boot.degenerate > 0, method);
    assert.ok(boot.dropped < boot.degenerate, `${method}: ${boot.dropped} dropped of ${boot.degenerate} degenerate`);
    // the draws of a single distinct pair (k < 2) are the only ones left out
    assert.equal(boot.values.length + boot.dropped, 300);
    assert.ok(Array.from(boot.values).filter((v) => v === 0).length >= boot.degenerate - boot.dropped);
    const s = compareRdmsWithInference(data, model, { method, bootstrap: 300, seed: 3 });
    const details = s.details as Record<string, number>;
    assert.ok(details.bootstrapDegenerate > 0);
    assert.ok(details.bootstrapDegenerate > details.bootstrapDropped);
  }
  // spearman is undefined there: the same draws are left out, and counted in both
  const spearman = bootstrapOverStimuli(data, model, 'spearman', 300, createRng(4));
  const tauA = bootstrapOverStimuli(data, model, 'tau-a', 300, createRng(4));
  assert.equal(spearman.degenerate, tauA.degenerate);
  assert.equal(spearman.dropped, spearman.degenerate);
  const s = compareRdmsWithInference(data, model, { method: 'spearman', bootstrap: 300, seed: 3 });
  const details = s.details as Record<string, number>;
  assert.equal(details.bootstrapDropped, details.bootstrapDegenerate);
  assert.ok(s.warnings?.some((w) => w.includes(`${details.bootstrapDropped} of 300`) && w.includes('left out')));
});

test('the stimulus bootstrap of the benchmarks gives tau-a = 0 on constant resamples and counts spearman\'s undefined ones', () => {
  const model = [0, 1, 1, 1, 1, 0];
  const subjects = matrix(1, 6, Float64Array.from([0.2, 0.9, 1.1, 1.3, 0.7, 0.4]));
  const tauA = bootstrapSubjectMeans([model], subjects, 'tau-a', 300, 4);
  const spearman = bootstrapSubjectMeans([model], subjects, 'spearman', 300, 4);
  const undefinedDraws = columnDropped(spearman, 0);
  assert.ok(undefinedDraws > 0);
  // tau-a leaves out only the draws with fewer than two distinct pairs
  assert.ok(columnDropped(tauA, 0) < undefinedDraws);
  const zeros = tauA.filter((d, r) => d[0] === 0 && !Number.isFinite(spearman[r][0])).length;
  assert.equal(zeros + columnDropped(tauA, 0), undefinedDraws);
});

test('bad inference options are rejected', () => {
  assert.throws(() => compareRdmsWithInference(X, Y, { method: 'corr', permutations: -1, seed: 1 }), /whole number/);
  assert.throws(() => permutationTest(X, X.map(() => 1), 'spearman', 10, createRng(1)), InvalidRdmError);
});

function pearsonOf(a: number[], b: number[]): number {
  const ma = a.reduce((s, v) => s + v, 0) / a.length;
  const mb = b.reduce((s, v) => s + v, 0) / b.length;
  let sab = 0, saa = 0, sbb = 0;
  for (let k = 0; k < a.length; k++) {
    sab += (a[k] - ma) * (b[k] - mb);
    saa += (a[k] - ma) ** 2;
    sbb += (b[k] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

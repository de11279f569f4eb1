import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRdm92 } from '../../src/data/datasets/rdm92.ts';
import { rdm92ModelCandidates, readRdm92ModelFile, scoreRdm92 } from '../../src/benchmarks/rdm92.ts';
import { bootstrapSubjectMeans } from '../../src/benchmarks/rdm92-bootstrap.ts';
import { bootstrapOverStimuli } from '../../src/measures/rdm-inference.ts';
import { InputError } from '../../src/core/input-error.ts';
import { matrix } from '../../src/core/matrix.ts';
import { createRng } from '../../src/core/random.ts';
import { bootstrapSubjectMeansParallel } from '../../src/benchmarks/rdm92-parallel.ts';

// Expected values: test/fixtures/rdm92/rdm92_expected.py (numpy/scipy; tau-a and the ceilings written by hand).
const expected = JSON.parse(readFileSync(new URL('../fixtures/rdm92/rdm92_expected.json', import.meta.url), 'utf8'));
const data = loadRdm92();
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-10, `${what}: ${a} vs ${b}`);

test('values (mean over subjects) and noise ceilings match numpy/scipy to 1e-10', async () => {
  for (const target of ['human-it', 'judgments'] as const) {
    for (const method of ['tau-a', 'spearman'] as const) {
      const key = `${target}/${method}`;
      const want = expected.values[key] as Record<string, number>;
      const candidates = rdm92ModelCandidates(data).filter((c) => c.name in want);
      const r = await scoreRdm92(candidates, target, { method, bootstrap: 0, seed: 1 }, data);
      assert.equal(r.scores.length, 4);
      for (const { name, score } of r.scores) {
        close(score.value, want[name], `${key} ${name}`);
        assert.equal(score.ci95, undefined);
        close(score.normalized!, want[name] / expected.ceilings[key].lower, `${key} ${name} normalized`);
      }
      close(r.ceiling.lower, expected.ceilings[key].lower, `${key} lower ceiling`);
      close(r.ceiling.upper, expected.ceilings[key].upper, `${key} upper ceiling`);
      assert.equal(r.subjects.length, target === 'human-it' ? 4 : 16);
      assert.equal(r.pairs.length, 6);
      const [a, b] = [r.pairs[0].a, r.pairs[0].b];
      close(r.pairs[0].difference, want[a] - want[b], `${key} ${a} − ${b}`);
    }
  }
});

test('the stimulus bootstrap of one subject equals measures/bootstrapOverStimuli with the same seed', () => {
  const monkey = data.models[2].rdm;
  const subject = data.humanITSubjects.data.slice(0, 4186);
  const draws = bootstrapSubjectMeans([monkey], matrix(1, 4186, subject), 'spearman', 6, 7);
  const ref = bootstrapOverStimuli(monkey, subject, 'spearman', 6, createRng(7));
  assert.deepEqual(draws.map((d) => d[0]), Array.from(ref.values));
});

test('bootstrap: intervals around the value, identical candidates differ by 0 with p = 1, reproducible by seed', async () => {
  const models = rdm92ModelCandidates(data);
  const candidates = [models[2], { name: 'copy', rdm: models[2].rdm }, models[0]];
  const opts = { method: 'spearman' as const, bootstrap: 12, seed: 3 };
  const r = await scoreRdm92(candidates, 'human-it', opts, data);
  for (const { score } of r.scores) {
    assert.ok(score.ci95 && score.ci95[0] < score.value && score.value < score.ci95[1]);
    assert.equal(score.seed, 3);
  }
  assert.deepEqual(r.pairs[0], { a: 'monkeyIT', b: 'copy', difference: 0, p: 1, ci95: [0, 0] });
  // With B draws the smallest p is 1/B (rsatoolbox's shrinkage): 2·0·(B−1)/B + 1/B when every draw agrees.
  assert.ok(r.pairs[1].p! >= 1 / 12);
  assert.deepEqual(await scoreRdm92(candidates, 'human-it', opts, data), r);
});

test('--model-rdm: a 92×92 square or 4186 values; other sizes are an InputError naming the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-rdm92-'));
  try {
    const monkey = data.models[2].rdm;
    const sq: number[][] = Array.from({ length: 92 }, () => new Array(92).fill(0));
    let k = 0;
    for (let i = 0; i < 92; i++) for (let j = i + 1; j < 92; j++) sq[i][j] = sq[j][i] = monkey[k++];
    const square = join(dir, 'mine.csv');
    writeFileSync(square, sq.map((r) => r.join(',')).join('\n') + '\n');
    const got = await readRdm92ModelFile(square);
    assert.equal(got.name, 'mine');
    assert.deepEqual(Array.from(got.rdm), Array.from(monkey));
    const column = join(dir, 'col.txt');
    writeFileSync(column, Array.from(monkey).join('\n') + '\n');
    assert.deepEqual(Array.from((await readRdm92ModelFile(column)).rdm), Array.from(monkey));
    const small = join(dir, 'small.csv');
    writeFileSync(small, sq.slice(0, 91).map((r) => r.slice(0, 91).join(',')).join('\n') + '\n');
    await assert.rejects(readRdm92ModelFile(small), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.file, small);
      assert.equal(e.detail, 'expected a 92×92 RDM or 4186 values, got 91×91');
      return true;
    });
    const short = join(dir, 'short.txt');
    writeFileSync(short, Array.from(monkey.subarray(0, 100)).join('\n') + '\n');
    await assert.rejects(readRdm92ModelFile(short), /short\.txt: expected a 92×92 RDM or 4186 values, got 100 values/);
    sq[3][5] += 1;
    writeFileSync(square, sq.map((r) => r.join(',')).join('\n') + '\n');
    await assert.rejects(readRdm92ModelFile(square), /mine\.csv:6:4: not symmetric/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the two-thread bootstrap gives the one-thread draws, value for value', async () => {
  const data = loadRdm92();
  const candidates = data.models.slice(0, 3).map((m) => m.rdm);
  const one = bootstrapSubjectMeans(candidates, data.humanITSubjects, 'tau-a', 60, 5);
  const two = await bootstrapSubjectMeansParallel(candidates, data.humanITSubjects, 'tau-a', 60, 5);
  assert.deepEqual(two, one);
});

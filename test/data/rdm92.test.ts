import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRdm92, readRdm92Folder, RDM92_PAIRS } from '../../src/data/datasets/rdm92.ts';
import { InputError } from '../../src/core/input-error.ts';
import { row } from '../../src/core/matrix.ts';

// Expected values: test/fixtures/rdm92/rdm92_expected.py (scipy.io.loadmat of the same files).
const expected = JSON.parse(readFileSync(new URL('../fixtures/rdm92/rdm92_expected.json', import.meta.url), 'utf8'));
const dataDir = fileURLToPath(new URL('../../data/rdm92_kriegeskorte/', import.meta.url));
const sum = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0);
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

test('loadRdm92 reads every RDM as scipy does', () => {
  const d = loadRdm92();
  const e = expected.loader;
  assert.equal(d.stimuli, 92);
  assert.equal(d.dataset.id, 'rdm92_kriegeskorte');
  assert.match(d.dataset.checksum, /^[0-9a-f]{64}$/);
  assert.deepEqual([d.humanIT.rows, d.humanIT.cols, d.humanITSubjects.rows, d.judgments.rows], [8, RDM92_PAIRS, 4, 16]);
  assert.deepEqual(d.humanITNames, ['BE', 'KO', 'SN', 'TI'].flatMap((s) => [1, 2].map((t) => `hIT | ${s} | Session: ${t}`)));
  assert.deepEqual(d.humanITSubjectNames, ['BE', 'KO', 'SN', 'TI']);
  assert.equal(d.judgmentNames[15], 'simJudge | subject16');
  e.humanITSessionSums.forEach((x: number, i: number) => close(sum(row(d.humanIT, i)), x, `session RDM ${i}`));
  e.humanITSubjectSums.forEach((x: number, i: number) => close(sum(row(d.humanITSubjects, i)), x, `subject RDM ${i}`));
  e.judgmentSums.forEach((x: number, i: number) => close(sum(row(d.judgments, i)), x, `judgment RDM ${i}`));
  assert.deepEqual(Array.from(d.humanITSubjects.data.subarray(0, 5)), e.humanITFirst);
  assert.deepEqual(d.models.map((m) => m.name), e.modelNames);
  e.modelSums.forEach((x: number, i: number) => close(sum(d.models[i].rdm), x, `model ${e.modelNames[i]}`));
  assert.deepEqual(Array.from(d.models[2].rdm.subarray(0, 5)), e.monkeyITFirst);
  assert.equal(d.categories.labels.length, 12);
  assert.equal(d.categories.labels[5], 'face');
  assert.deepEqual([d.categories.vectors.rows, d.categories.vectors.cols], [92, 12]);
  // 48 animate then 44 inanimate stimuli (SOURCE.md: 12+12+12+12 animate, 23+21 inanimate).
  assert.equal(sum(Array.from({ length: 92 }, (_, i) => d.categories.vectors.data[i * 12])), 48);
});

test('a .mat file without the expected variable is an InputError naming the file and variable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-rdm92-'));
  try {
    for (const f of ['92_brainRDMs.mat', '92_behavRDMs.mat', 'Kriegeskorte_Neuron2008_supplementalData.mat']) copyFileSync(join(dataDir, f), join(dir, f));
    // A small unrelated v5 file stands in for the model RDMs.
    copyFileSync(fileURLToPath(new URL('../fixtures/mat/small_v5.mat', import.meta.url)), join(dir, '92_modelRDMs.mat'));
    assert.throws(() => readRdm92Folder(dir), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.file, join(dir, '92_modelRDMs.mat'));
      assert.match(e.detail, /no variable 'Models'/);
      return true;
    });
    // The behavioural file in place of the brain file: wrong variable there.
    copyFileSync(join(dataDir, '92_behavRDMs.mat'), join(dir, '92_brainRDMs.mat'));
    assert.throws(() => readRdm92Folder(dir), /92_brainRDMs\.mat: no variable 'RDMs'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

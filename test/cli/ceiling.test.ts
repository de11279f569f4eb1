// attune ceiling: the noise ceiling of several subjects' RDMs, against numpy/scipy on a small random stack
// (test/fixtures/ceiling/ceiling_expected.py) and against the ceiling the literature suite reports for the
// 92-image human-IT subjects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attune, scratch } from '../../test-support/run-cli.ts';
import { encodeNpy } from '../../src/core/npy-format.ts';
import { loadRdm92 } from '../../src/data/datasets/rdm92.ts';
import { scoreRdm92 } from '../../src/benchmarks/rdm92.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/ceiling/', import.meta.url));
const fixture = (name: string) => join(FIXTURES, name);
interface Ceiling {
  lower: number;
  upper: number;
  lowerPerSubject: number[];
  upperPerSubject: number[];
}
const expected = JSON.parse(readFileSync(fixture('ceiling_expected.json'), 'utf8')) as { ceilings: Record<string, Ceiling> };
const METHODS = ['spearman', 'rho-a', 'tau-a', 'kendall', 'corr', 'cosine'];
const close = (a: number, b: number, what: string, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

function checkCeiling(got: Ceiling, want: Ceiling, what: string): void {
  close(got.lower, want.lower, `${what} lower`);
  close(got.upper, want.upper, `${what} upper`);
  want.lowerPerSubject.forEach((v, s) => close(got.lowerPerSubject[s], v, `${what} lower, subject ${s}`));
  want.upperPerSubject.forEach((v, s) => close(got.upperPerSubject[s], v, `${what} upper, subject ${s}`));
}

test('every method on a 3-D .npy stack matches numpy/scipy (rsatoolbox pool_rdm, leave one subject out) to 1e-12', async () => {
  for (const method of METHODS) {
    const r = await attune(['ceiling', fixture('stack.npy'), '--method', method, '--json'], FIXTURES);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    checkCeiling(json, expected.ceilings[method], method);
    assert.equal(json.value, json.lower);
    assert.equal(json.measure, `ceiling:rdm:${method}`);
    assert.equal(json.n, 8);
    assert.equal(json.pairs, 28);
    assert.equal(json.subjects.length, 5);
  }
});

test('the same subjects as five square CSV files, as condensed rows, or in an .npz give the same ceiling', async () => {
  const layouts = [
    [['s1.csv', 's2.csv', 's3.csv', 's4.csv', 's5.csv'].map(fixture), 'one file per subject'],
    [[fixture('rows.csv')], 'condensed RDMs as rows (5 × 28)'],
    [[fixture('stack.npz')], 'a 3-D array (5 × 8 × 8)'],
  ] as const;
  for (const [files, layout] of layouts) {
    const r = await attune(['ceiling', ...files, '--method', 'tau-a', '--json'], FIXTURES);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    checkCeiling(json, expected.ceilings['tau-a'], layout);
    assert.equal(json.layout, layout);
  }
  // Human output: both bounds and one line per subject, in full precision.
  const text = await attune(['ceiling', fixture('stack.npy')], FIXTURES);
  assert.equal(text.code, 0, text.stderr);
  const want = expected.ceilings.spearman;
  assert.match(text.stdout, new RegExp(`^lower  ${want.lower.toPrecision(12).slice(0, 12)}`, 'm'));
  assert.match(text.stdout, /^upper  0\.81488577923464/m);
  assert.match(text.stderr, /5 subjects \(a 3-D array \(5 × 8 × 8\)\), 8 stimuli, 28 pairs; method spearman/);
});

test('92-image human-IT subjects: exactly the ceiling the literature suite reports (tau-a and spearman)', async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  const data = loadRdm92();
  const subjects = data.humanITSubjects;
  // The subjects as a user would have them: a 3-D array (4 × 92 × 92) of square RDMs.
  const n = 92;
  const cube = new Float64Array(subjects.rows * n * n);
  for (let s = 0; s < subjects.rows; s++) {
    let k = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const v = subjects.data[s * subjects.cols + k++];
        cube[s * n * n + i * n + j] = v;
        cube[s * n * n + j * n + i] = v;
      }
    }
  }
  writeFileSync(join(dir, 'human-it.npy'), encodeNpy(cube, [subjects.rows, n, n]));
  const numpy = JSON.parse(readFileSync(new URL('../fixtures/rdm92/rdm92_expected.json', import.meta.url), 'utf8')) as { ceilings: Record<string, Ceiling> };
  for (const method of ['tau-a', 'spearman'] as const) {
    const suite = await scoreRdm92([], 'human-it', { method, bootstrap: 0, seed: 0 }, data);
    const r = await attune(['ceiling', 'human-it.npy', '--method', method, '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.lower, suite.ceiling.lower, `${method}: lower as the suite`);
    assert.equal(json.upper, suite.ceiling.upper, `${method}: upper as the suite`);
    assert.deepEqual(json.lowerPerSubject, suite.ceiling.lowerPerSubject);
    checkCeiling(json, numpy.ceilings[`human-it/${method}`], `human-it ${method} vs numpy`);
  }
});

test('bad input: exit 2 with the file named, nothing on stdout', async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  const cube = new Float64Array(2 * 4 * 4);
  cube.set([0, 1, 2, 3, 1, 0, 4, 5, 2, 4, 0, 6, 3, 5, 6, 0]);
  cube.set([0, 1, 2, 3, 1, 0, 4, 5, 2, 9, 0, 6, 3, 5, 6, 0], 16); // subject 2: not symmetric at (3, 2)
  writeFileSync(join(dir, 'asym.npy'), encodeNpy(cube, [2, 4, 4]));
  // (first rows that are not 0,1,2,…: that reads as pandas' header of column numbers)
  writeFileSync(join(dir, 'one.csv'), '0,2,5\n2,0,3\n5,3,0\n');
  writeFileSync(join(dir, 'four.csv'), '0,2,2,3\n2,0,4,5\n2,4,0,6\n3,5,6,0\n');
  writeFileSync(join(dir, 'flat.csv'), '0,1,1\n1,0,1\n1,1,0\n');
  const cases: [string[], RegExp][] = [
    [['asym.npy'], /asym\.npy: subject 2 of 2 \(index 1 on the first axis\): not an RDM: not symmetric/],
    [['one.csv'], /one\.csv.*holds one square RDM \(3 × 3\); a noise ceiling needs several subjects/],
    [['one.csv', 'four.csv'], /four\.csv.*4 stimuli here but 3 in one\.csv/],
    [['one.csv', 'flat.csv'], /flat\.csv.*the RDM .*'spearman' comparison is undefined/],
    [['missing.npy', 'one.csv'], /missing\.npy.*file not found/],
    [[], /missing <subject-rdm>/],
    [['one.csv', 'one.csv', '--method', 'euclid'], /--method must be one of spearman/],
  ];
  for (const [args, message] of cases) {
    const r = await attune(['ceiling', ...args], dir);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  }
});

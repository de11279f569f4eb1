// Reading several subjects' RDMs in every layout people have them: the values against the fixture's own rows
// (test/fixtures/ceiling/ceiling_expected.py wrote the same subjects as .npy, .npz, condensed rows and one file each).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/core/input-error.ts';
import { encodeNpy } from '../../src/core/npy-format.ts';
import { readSubjectRdms } from '../../src/benchmarks/subject-rdms-input.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/ceiling/${name}`, import.meta.url));

test('a 3-D .npy, an .npz, condensed rows and one file per subject give the same subjects × pairs matrix', async () => {
  const rows = await readSubjectRdms([fixture('rows.csv')]);
  assert.equal(rows.rdms.rows, 5);
  assert.equal(rows.rdms.cols, 28);
  assert.equal(rows.stimuli, 8);
  for (const files of [[fixture('stack.npy')], [fixture('stack.npz')], [1, 2, 3, 4, 5].map((s) => fixture(`s${s}.csv`))]) {
    const got = await readSubjectRdms(files);
    assert.deepEqual(Array.from(got.rdms.data), Array.from(rows.rdms.data), files[0]);
    assert.equal(got.stimuli, 8);
    assert.equal(got.names.length, 5);
  }
  assert.deepEqual((await readSubjectRdms([fixture('stack.npy')])).names.slice(0, 2), [`${fixture('stack.npy')}[0]`, `${fixture('stack.npy')}[1]`]);
});

test('arrays that are not a stack of RDMs are InputErrors naming the file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-subjects-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, values: number[], shape: number[]) => {
    writeFileSync(join(dir, name), encodeNpy(Float64Array.from(values), shape));
    return join(dir, name);
  };
  const square = [0, 1, 2, 1, 0, 3, 2, 3, 0];
  const cases: [string, RegExp][] = [
    [write('flat.npy', [1, 2, 3], [3]), /a 1-D array holds one condensed RDM/],
    [write('oblong.npy', new Array(2 * 3 * 4).fill(0), [2, 3, 4]), /each subject's RDM must be square/],
    [write('single.npy', square, [1, 3, 3]), /a 3-D array of 1 subject/],
    [write('diag.npy', [...square, 0, 1, 2, 1, 5, 3, 2, 3, 0], [2, 3, 3]), /subject 2 of 2 \(index 1 on the first axis\): not an RDM: diagonal value 5 should be 0 \(at row 2, column 2\)/],
    [write('rows.npy', [1, 2, 3, 4, 5], [1, 5]), /one condensed RDM per row needs n\(n−1\)\/2 values per row/],
    [write('nan.npy', [1, 2, 3, 4, NaN, 6], [2, 3]), /NaN.*row 2, column 2|NaN is not a finite number \(stimuli 1 and 3\)/],
  ];
  for (const [file, message] of cases) {
    await assert.rejects(readSubjectRdms([file]), (error: unknown) => error instanceof InputError && message.test(error.message) && error.message.includes(file));
  }
});

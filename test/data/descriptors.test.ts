// Descriptor tables for crossnobis: condition and run columns coded in sorted order, by name, default or number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDescriptors } from '../../src/data/descriptors.ts';

const CONDITION = { name: undefined, defaults: ['cond', 'condition'], what: 'condition' };
const RUN = { name: undefined, defaults: ['run', 'session'], what: 'run' };

test('conditions sort numerically when all are numbers (9 before 10), else as text; columns by default name or number', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-desc-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const numeric = join(dir, 'numeric.csv');
  writeFileSync(numeric, 'Condition,Session\n10,1\n9,1\n10,2\n9,2\n');
  const [cond, run] = readDescriptors(numeric, [CONDITION, RUN]);
  assert.deepEqual(cond.values, ['9', '10']);
  assert.deepEqual(Array.from(cond.codes), [1, 0, 1, 0]);
  assert.deepEqual(Array.from(run.codes), [0, 0, 1, 1]);
  assert.equal(cond.name, 'Condition');
  const text = join(dir, 'text.tsv');
  writeFileSync(text, 'stim\tblock\ntool\t1\nface\t1\ntool\t2\nface\t2\n');
  const [byNumber, byName] = readDescriptors(text, [
    { name: '1', defaults: [], what: 'condition' },
    { name: 'block', defaults: [], what: 'run' },
  ]);
  assert.deepEqual(byNumber.values, ['face', 'tool']);
  assert.deepEqual(Array.from(byNumber.codes), [1, 0, 1, 0]);
  assert.deepEqual(byName.values, ['1', '2']);
  assert.throws(() => readDescriptors(text, [CONDITION]), /no condition column: the header has 'stim', 'block'/);
  assert.throws(() => readDescriptors(text, [{ name: '0', defaults: [], what: 'run' }]), /no run column 0 \(columns are counted from 1\)/);
});

// Matching a labelled RDM to a reference's labels: the reordered condensed vector equals the square matrix
// permuted by label and read back (computed here from the square form, not the condensed indices).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/core/input-error.ts';
import { reorderToLabels } from '../../src/benchmarks/rdm-label-order.ts';

const condensed = (square: number[][]) => Float64Array.from(square.flatMap((row, i) => row.slice(i + 1)));

test('same labels in another order: the RDM is reordered to the reference; same order: returned as is', () => {
  const own = ['dog', 'cat', 'car', 'bus'];
  const ref = ['bus', 'car', 'cat', 'dog'];
  const square = [
    [0, 1, 2, 3],
    [1, 0, 4, 5],
    [2, 4, 0, 6],
    [3, 5, 6, 0],
  ];
  const at = (label: string) => own.indexOf(label);
  const permuted = ref.map((a) => ref.map((b) => square[at(a)][at(b)]));
  const v = condensed(square);
  assert.deepEqual(Array.from(reorderToLabels(v, { labels: own, file: 'a.csv' }, { labels: ref, file: 'ref.csv' })), Array.from(condensed(permuted)));
  assert.equal(reorderToLabels(v, { labels: own, file: 'a.csv' }, { labels: [...own], file: 'ref.csv' }), v);
});

test('different or repeated labels are InputErrors naming the file and the reference', () => {
  const v = Float64Array.of(1, 2, 3);
  const fails = (own: string[], ref: string[], message: RegExp) =>
    assert.throws(() => reorderToLabels(v, { labels: own, file: 'a.csv' }, { labels: ref, file: 'ref.csv' }), (e: unknown) => e instanceof InputError && /a\.csv/.test(e.message) && message.test(e.message));
  fails(['x', 'y', 'z'], ['x', 'y', 'w'], /labels differ from those of ref\.csv: missing here 'w'; not in ref\.csv 'z'/);
  fails(['x', 'x', 'y'], ['x', 'y', 'x'], /the label 'x' repeats/);
  fails(['x', 'y'], ['x', 'y', 'z'], /2 stimulus labels here but 3 in ref\.csv/);
});

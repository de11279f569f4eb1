// RDM outputs by extension: labelled text as pandas writes it (quoted where needed), square float64 arrays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rdmOutputFormat, rdmText, squareFromCondensed } from '../../src/cli/rdm-output.ts';
import { parseNumericTable } from '../../src/data/numeric-table.ts';
import { tableReadOptions } from '../../src/cli/table-options.ts';

test('rdmText: header row with an empty first field and a label column; labels with separators or quotes are quoted; it reads back', () => {
  const text = rdmText([1, 2, 3], 3, ['a', 'b,c', 'say "hi"'], ',');
  assert.equal(text, ',a,"b,c","say ""hi"""\na,0,1,2\n"b,c",1,0,3\n"say ""hi""",2,3,0\n');
  const back = parseNumericTable(text);
  assert.deepEqual(back.labels, ['a', 'b,c', 'say "hi"']);
  assert.deepEqual(Array.from(back.matrix.data), [0, 1, 2, 1, 0, 3, 2, 3, 0]);
  assert.equal(rdmText([1, 2, 3], 3, undefined, '\t'), '0\t1\t2\n1\t0\t3\n2\t3\t0\n');
  assert.equal(rdmText([NaN, 2, 3], 3, undefined, ','), '0,nan,2\nnan,0,3\n2,3,0\n');
});

test('squareFromCondensed and the format by extension', () => {
  assert.deepEqual(Array.from(squareFromCondensed([1, 2, 3], 3)), [0, 1, 2, 1, 0, 3, 2, 3, 0]);
  assert.deepEqual(['x.npy', 'x.NPZ', 'x.tsv', 'x.csv', 'x.txt', 'x'].map(rdmOutputFormat), ['npy', 'npz', 'tsv', 'csv', 'csv', 'csv']);
});

test('table options: --labels by number (from 1) or name, --no-labels, --header/--no-header; contradictions are usage errors', () => {
  assert.deepEqual(tableReadOptions('rdm', {}), { header: 'auto', labels: 'auto' });
  assert.deepEqual(tableReadOptions('rdm', { labels: '2', 'no-header': true }), { header: false, labels: 2 });
  assert.deepEqual(tableReadOptions('rdm', { labels: 'stimulus', header: true }), { header: true, labels: 'stimulus' });
  assert.deepEqual(tableReadOptions('rdm', { 'no-labels': true }), { header: 'auto', labels: false });
  assert.throws(() => tableReadOptions('rdm', { labels: '0' }), /--labels 0: columns are counted from 1/);
  assert.throws(() => tableReadOptions('rdm', { header: true, 'no-header': true }), /contradict/);
});

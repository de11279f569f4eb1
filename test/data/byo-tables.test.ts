// Files as pandas and numpy write them (test/fixtures/byo/make_byo.py): header and label detection, the options that
// override it, .npz labels, float16 and 3-D .npy, NaN-holed RDMs. Values are those numpy wrote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMatrix } from '../../src/data/read-matrix.ts';
import { readRdmFile, missingPairs } from '../../src/benchmarks/rdm-input.ts';
import { parseNumericTable } from '../../src/data/numeric-table.ts';
import { InputError } from '../../src/core/input-error.ts';
import { encodeNpz } from '../../src/core/npz-format.ts';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/byo/${name}`, import.meta.url));
const expected = JSON.parse(readFileSync(fixture('byo_expected.json'), 'utf8')) as {
  labels: string[];
  unicode_labels: string[];
  shuffled_labels: string[];
  n: number;
  p: number;
};
/** The features numpy saved, row-major, as the reference for every text export. */
const features = async (): Promise<number[]> => Array.from((await readMatrix(fixture('features_f8.npy'))).matrix.data);

test("pandas to_csv with its index: header ',0,1,…' and the index column are detected; values are numpy's", async () => {
  const r = await readMatrix(fixture('features_pandas_index.csv'));
  assert.equal(r.source.headerReason, 'pandas-index');
  assert.equal(r.source.labelColumn, 0);
  assert.deepEqual(r.labels, expected.labels);
  assert.equal(r.matrix.rows, expected.n);
  assert.equal(r.matrix.cols, expected.p);
  assert.deepEqual(Array.from(r.matrix.data), await features());
});

test("pandas to_csv(index=False): header '0,1,…,p−1' is a header, not one more stimulus (12 rows, not 13)", async () => {
  const r = await readMatrix(fixture('features_pandas_noindex.csv'));
  assert.equal(r.source.headerReason, 'integers');
  assert.equal(r.labels, undefined);
  assert.equal(r.matrix.rows, expected.n);
  assert.deepEqual(Array.from(r.matrix.data), await features());
  // --no-header reads the integers as data
  const forced = await readMatrix(fixture('features_pandas_noindex.csv'), { header: false });
  assert.equal(forced.matrix.rows, expected.n + 1);
  assert.deepEqual(Array.from(forced.matrix.data.subarray(0, expected.p)), [0, 1, 2, 3, 4]);
});

test('a stimulus-name column with named units (TSV): detected, or chosen by name or number, or refused with --no-labels', async () => {
  const r = await readMatrix(fixture('features_named.tsv'));
  assert.equal(r.source.headerReason, 'text');
  assert.equal(r.source.labelColumn, 0);
  assert.deepEqual(r.labels, expected.labels);
  assert.deepEqual(r.source.columnNames, ['unit1', 'unit2', 'unit3', 'unit4', 'unit5']);
  assert.deepEqual(Array.from(r.matrix.data), await features());
  for (const labels of ['stimulus', 1] as const) assert.deepEqual((await readMatrix(fixture('features_named.tsv'), { labels })).labels, expected.labels);
  await assert.rejects(readMatrix(fixture('features_named.tsv'), { labels: false }), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.match(e.message, /features_named\.tsv:2:1: non-numeric value "face_1"/);
    return true;
  });
  await assert.rejects(readMatrix(fixture('features_named.tsv'), { labels: 'name' }), /no column named 'name' for the labels; the header has 1 'stimulus', 2 'unit1'/);
});

test('label column elsewhere and headerless label columns', () => {
  const t = parseNumericTable('1,a,2\n3,b,4\n5,c,6\n', { labels: 2 });
  assert.deepEqual(t.labels, ['a', 'b', 'c']);
  assert.deepEqual(Array.from(t.matrix.data), [1, 2, 3, 4, 5, 6]);
  const plain = parseNumericTable('x,1,2\ny,3,4\n');
  assert.equal(plain.header, undefined);
  assert.deepEqual(plain.labels, ['x', 'y']);
  // R's write.table: the header has no field over the label column
  const r = parseNumericTable('a b\nx 1 2\ny 3 4\n');
  assert.deepEqual(r.labels, ['x', 'y']);
  assert.deepEqual(r.columnNames, ['a', 'b']);
  // a single row '0,1,2' stays data
  assert.deepEqual(Array.from(parseNumericTable('0,1,2\n').matrix.data), [0, 1, 2]);
  assert.throws(() => parseNumericTable('1,a,2\n', { labels: 'x', header: false }), /needs a header row/);
});

test('missing cells in a features table are refused at file:line:column; RDMs may keep them as NaN', () => {
  assert.throws(() => parseNumericTable('a,b\n1,\n2,3\n', { file: 'f.csv' }), /^InputError: f\.csv:2:2: empty value where a number is expected/);
  assert.throws(() => parseNumericTable('1,2\n3,NaN\n', { file: 'f.csv' }), (e: unknown) => e instanceof InputError && /f\.csv:2:2: non-finite value "NaN"/.test(e.message));
  const t = parseNumericTable('0,,NaN\n,0,1\nnan,1,0\n', { missing: 'nan' });
  assert.equal(t.missingCells, 4);
  assert.ok(Number.isNaN(t.matrix.data[1]) && Number.isNaN(t.matrix.data[2]) && Number.isNaN(t.matrix.data[6]));
});

test('a labelled square RDM (pandas index and header): labels read; the NaN-holed one keeps its holes', async () => {
  const rdm = await readRdmFile(fixture('rdm_labelled.csv'));
  assert.equal(rdm.form, 'square');
  assert.deepEqual(rdm.labels, expected.labels);
  const shuffled = await readRdmFile(fixture('rdm_labelled_shuffled.csv'));
  assert.deepEqual(shuffled.labels, expected.shuffled_labels);
  await assert.rejects(readRdmFile(fixture('behaviour_nan.csv')), /behaviour_nan\.csv:2:7: empty value/);
  for (const name of ['behaviour_nan.csv', 'behaviour_nan.npy']) {
    const holed = await readRdmFile(fixture(name), { missing: 'nan' });
    assert.equal(missingPairs(holed), 7);
    assert.equal(holed.stimuli, expected.n);
  }
  assert.deepEqual((await readRdmFile(fixture('behaviour_nan.csv'), { missing: 'nan' })).labels, expected.labels);
});

test('a NaN cell whose mirror is a number is not an RDM', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-byo-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'half.csv');
  writeFileSync(file, '0,1,\n1,0,2\n3,2,0\n');
  await assert.rejects(readRdmFile(file, { missing: 'nan' }), /half\.csv:1:3: not an RDM: not symmetric, NaN here but 3 at line 3, column 1/);
  // |i − j|: its first row 0,1,2,3 is data, not pandas' integer header
  const ordinal = join(dir, 'ordinal.csv');
  writeFileSync(ordinal, '0,1,2,3\n1,0,1,2\n2,1,0,1\n3,2,1,0\n');
  const rdm = await readRdmFile(ordinal);
  assert.equal(rdm.stimuli, 4);
  assert.deepEqual(Array.from(rdm.vector), [1, 2, 3, 1, 2, 1]);
  // a condensed RDM in an .npz with the labels of its stimuli
  const condensed = join(dir, 'condensed.npz');
  writeFileSync(condensed, encodeNpz({ rdm: { values: Float64Array.of(1, 2, 3), shape: [3] }, labels: ['x', 'y', 'z'] }));
  assert.deepEqual((await readRdmFile(condensed)).labels, ['x', 'y', 'z']);
  writeFileSync(condensed, encodeNpz({ rdm: { values: Float64Array.of(1, 2, 3), shape: [3] }, labels: ['x', 'y'] }));
  await assert.rejects(readRdmFile(condensed), /2 labels for a condensed RDM of 3 stimuli/);
});

test('.npz with arrays rdm and labels; float16 .npy read exactly; a 3-D .npy is an error naming its shape', async () => {
  const z = await readRdmFile(fixture('rdm_labelled.npz'));
  assert.deepEqual(z.labels, expected.labels);
  assert.deepEqual(Array.from(z.vector), Array.from((await readRdmFile(fixture('rdm_labelled.csv'))).vector));
  const half = await readMatrix(fixture('features_f2.npy'));
  assert.equal(half.source.dtype, '<f2');
  const full = await features();
  // every float16 is the float64 nearest... within half precision of numpy's float64 values
  half.matrix.data.forEach((v, k) => assert.ok(Math.abs(v - full[k]) <= 2 ** -10 * Math.max(Math.abs(full[k]), 2 ** -14), `${v} vs ${full[k]}`));
  await assert.rejects(readMatrix(fixture('stack_3d.npy')), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.match(e.message, /stack_3d\.npy: the array has 3 axes, shape \(2, 3, 4\)/);
    return true;
  });
});

test("numpy's text arrays as labels: unicode '<U' (a character outside the BMP too) and bytes '|S'", async () => {
  assert.deepEqual((await readRdmFile(fixture('labels_text.npz'))).labels, expected.unicode_labels);
  const bytes = await readMatrix(fixture('labels_bytes.npz'));
  assert.deepEqual(bytes.labels, ['a', 'bb', 'ccc']);
  assert.equal(bytes.source.labelsMember, 'labels');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cellError, readMatrix } from '../../src/data/read-matrix.ts';
import { InputError } from '../../src/core/input-error.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

test('dispatch by extension and by content: .csv, .tsv, .txt, .npy, and an .npy under another name', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-read-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'a.tsv'), 'x\ty\n1\t2\n3\t4\n');
  writeFileSync(join(dir, 'a.txt'), '1 2\n3 4\n');
  copyFileSync(fixture('npy_f8_3x4.npy'), join(dir, 'array.bin'));
  const tsv = await readMatrix(join(dir, 'a.tsv'));
  assert.equal(tsv.source.format, 'text');
  assert.equal(tsv.source.separator, '\t');
  assert.deepEqual(tsv.source.header, ['x', 'y']);
  assert.deepEqual(Array.from(tsv.matrix.data), [1, 2, 3, 4]);
  const txt = await readMatrix(join(dir, 'a.txt'));
  assert.deepEqual(Array.from(txt.matrix.data), [1, 2, 3, 4]);
  const npy = await readMatrix(fixture('npy_f8_3x4.npy'));
  assert.equal(npy.source.format, 'npy');
  assert.equal(npy.source.dtype, '<f8');
  assert.deepEqual(npy.source.shape, [3, 4]);
  const sniffed = await readMatrix(join(dir, 'array.bin'));
  assert.equal(sniffed.source.format, 'npy');
  assert.equal(sniffed.matrix.data[11], 11.5);
  const csv = await readMatrix(fixture('X_20x50.csv'));
  assert.equal(csv.matrix.rows, 20);
  assert.equal(csv.source.rowLines?.[19], 20);
});

test('missing file, folder, unsupported extension: InputError naming the path as given', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-read-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'folder.csv'));
  const missing = join(dir, 'nope.csv');
  await assert.rejects(readMatrix(missing), (e: unknown) => e instanceof InputError && e.message === `${missing}: file not found`);
  await assert.rejects(readMatrix(join(dir, 'folder.csv')), /is a directory/);
  await assert.rejects(readMatrix('x.mat'), /x\.mat: unsupported file type '\.mat'/);
});

test('cellError points at the line and field of a text cell, the row and column of an .npy cell', async () => {
  const csv = await readMatrix(fixture('X_20x50.csv'));
  assert.equal(cellError(csv.source, 3, 2, 'bad').message, `${csv.source.file}:4:3: bad (line 4, column 3)`);
  const npy = await readMatrix(fixture('npy_f8_3x4.npy'));
  assert.equal(cellError(npy.source, 1, 2, 'bad').message, `${npy.source.file}: bad (at row 2, column 3)`);
});

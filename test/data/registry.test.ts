import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { datasetFile, getDataset, listDatasets, verifyDataset, verifyFiles } from '../../src/data/registry.ts';

const dataRoot = fileURLToPath(new URL('../../data/', import.meta.url));

/** Every file under a folder, as paths relative to it. */
function walk(folder: string, base = folder): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? walk(path, base) : [relative(base, path).split('\\').join('/')];
  });
}

test('one card per folder of data/, listing every file except our notes (SOURCE.md, ALIGNMENT.md)', () => {
  const folders = readdirSync(dataRoot).filter((f) => statSync(join(dataRoot, f)).isDirectory()).sort();
  assert.equal(folders.length, 20);
  assert.deepEqual(listDatasets().map((c) => c.folder).sort(), folders);
  for (const card of listDatasets()) {
    const files = walk(join(dataRoot, card.folder)).filter((f) => f !== 'SOURCE.md' && f !== 'ALIGNMENT.md').sort();
    assert.deepEqual(card.files.map((f) => f.name).sort(), files, card.id);
    assert.ok(card.citation.length > 20 && card.licence.length > 2 && Object.keys(card.columns).length > 0, card.id);
    assert.ok(existsSync(join(dataRoot, card.folder, 'SOURCE.md')), card.id);
  }
});

test('every sha256 on the cards matches the file (recomputed here)', () => {
  for (const card of listDatasets()) {
    for (const f of card.files) {
      const hash = createHash('sha256').update(readFileSync(join(dataRoot, card.folder, f.name))).digest('hex');
      assert.equal(hash, f.sha256, `${card.folder}/${f.name}`);
    }
  }
  // Pinned from `sha256sum data/simlex999/SimLex-999.txt`.
  assert.equal(
    getDataset('simlex999').files.find((f) => f.name === 'SimLex-999.txt')?.sha256,
    'ca00ff8515a36cde32d13c2b83def23f5a167b67db93ebfcfb7dae039ba22c0b',
  );
});

test('verifyDataset returns the sha256 of the name:sha256 lines', () => {
  const card = getDataset('rg65');
  const expected = createHash('sha256')
    .update('EN-RG-65.txt:c243f3a91c3f5d8cf67f21a67f6fb80bde8b6bb060851a6a48e6f2d68ec98c9f\n')
    .digest('hex');
  assert.equal(card.files.length, 1);
  assert.equal(verifyDataset('rg65'), expected);
  assert.equal(verifyDataset('rg65'), expected); // memoised
});

test('a changed or missing file is reported by name', () => {
  const card = getDataset('rg65');
  const dir = mkdtempSync(join(tmpdir(), 'attune-registry-'));
  assert.throws(() => verifyFiles(card, dir), /file .*EN-RG-65\.txt is missing/);
  copyFileSync(join(dataRoot, 'rg65', 'EN-RG-65.txt'), join(dir, 'EN-RG-65.txt'));
  assert.equal(typeof verifyFiles(card, dir), 'string');
  writeFileSync(join(dir, 'EN-RG-65.txt'), 'gem\tjewel\t4.00\n');
  assert.throws(() => verifyFiles(card, dir), /checksum mismatch for .*EN-RG-65\.txt/);
});

test('unknown ids list the known ones; datasetFile gives an existing absolute path', () => {
  assert.throws(() => getDataset('simlex'), /unknown dataset "simlex"; known datasets: simlex999, men3000/);
  const path = datasetFile('harmful_harmless_instructions', 'splits/harmful_test.json');
  assert.ok(existsSync(path));
  assert.equal(path, join(dataRoot, 'harmful_harmless_instructions', 'splits', 'harmful_test.json'));
  assert.throws(() => datasetFile('rg65', 'nope.txt'), /has no file "nope.txt"/);
});

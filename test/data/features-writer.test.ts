import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/core/input-error.ts';
import { matrix } from '../../src/core/matrix.ts';
import { parseNpy } from '../../src/core/npy-format.ts';
import { layerFileNames, writeFeaturesFolder } from '../../src/data/features-writer.ts';
import { loadFeaturesFolder } from '../../src/models/features-folder.ts';

function scratch(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'attune-writer-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const values = (rows: number, cols: number, seed: number) => Float64Array.from({ length: rows * cols }, (_, k) => Math.sin(k * 0.37 + seed) * 10);

test('round trip through features:<dir>: same names, same layer order, same values (as float32)', async (t) => {
  const root = scratch(t);
  const out = join(root, 'nested', 'out'); // created when needed
  const names = ['image_01.jpg', 'cat/cat_01.jpg', 'the cat sat'];
  const layers = [
    { name: 'embeddings', matrix: matrix(3, 4, values(3, 4, 1)) },
    { name: 'layer 2', matrix: matrix(3, 2, Float32Array.from(values(3, 2, 2))) },
    { name: 'layer 10', matrix: matrix(3, 5, values(3, 5, 3)) },
  ];
  const written = await writeFeaturesFolder(out, names, layers);
  assert.deepEqual(written, ['embeddings.npy', 'layer_2.npy', 'layer_10.npy', 'file_names.txt'].map((f) => join(out, f)));
  assert.equal(readFileSync(join(out, 'file_names.txt'), 'utf8'), 'image_01.jpg\ncat/cat_01.jpg\nthe cat sat\n');
  const npy = parseNpy(readFileSync(join(out, 'layer_10.npy')));
  assert.deepEqual([npy.dtype, npy.shape, npy.version, npy.fortranOrder], ['<f4', [3, 5], 1, false]);

  const model = await loadFeaturesFolder(out);
  assert.deepEqual(model.layers, ['embeddings', 'layer_2', 'layer_10']);
  assert.deepEqual(model.names, names);
  for (let l = 0; l < layers.length; l++) {
    const v = await model.vectors(names, l);
    assert.deepEqual(Array.from(v.matrix.data), Array.from(layers[l].matrix.data, Math.fround));
  }
  // nothing but the target folder is left beside it (the temporary folder is gone)
  assert.deepEqual(readdirSync(join(root, 'nested')), ['out']);
});

test('file names: file-safe, unique, and index-prefixed only when natural order would change the layer order', () => {
  assert.deepEqual(layerFileNames(['layer 3', 'layer 3', 'layer/4']), ['layer_3', 'layer_3_2', 'layer_4']);
  assert.deepEqual(layerFileNames(['..x', '']), ['_x', 'layer']);
  assert.deepEqual(layerFileNames(['conv1', 'conv2', 'conv10']), ['conv1', 'conv2', 'conv10']);
  assert.deepEqual(layerFileNames(['stage 1', 'stage 2', 'pooler']), ['1_stage_1', '2_stage_2', '3_pooler']);
  const many = layerFileNames(Array.from({ length: 12 }, (_, k) => (k === 11 ? 'avgpool' : `block ${k}`)));
  assert.equal(many[0], '01_block_0');
  assert.equal(many[11], '12_avgpool');
});

test('refused: layer files of another extraction in the folder, repeated or multi-line names; nothing is written', async (t) => {
  const root = scratch(t);
  const out = join(root, 'out');
  mkdirSync(out);
  writeFileSync(join(out, 'conv1.npy'), 'old');
  const layer = [{ name: 'fc', matrix: matrix(2, 2, values(2, 2, 0)) }];
  await assert.rejects(writeFeaturesFolder(out, ['a', 'b'], layer), (e: unknown) => e instanceof InputError && e.file === out && /already holds conv1\.npy/.test(e.message));
  await assert.rejects(writeFeaturesFolder(join(root, 'x'), ['a', 'a'], layer), (e: unknown) => e instanceof InputError && /'a' appears twice/.test(e.message));
  await assert.rejects(writeFeaturesFolder(join(root, 'y'), ['a', 'b\nc'], layer), (e: unknown) => e instanceof InputError && /cannot be one line/.test(e.message));
  assert.deepEqual(readdirSync(root), ['out']);
  assert.deepEqual(readdirSync(out), ['conv1.npy']);
  // rewriting the same layers over an earlier extraction is allowed
  await writeFeaturesFolder(join(root, 'again'), ['a', 'b'], layer);
  await writeFeaturesFolder(join(root, 'again'), ['b', 'a'], layer);
  assert.equal(readFileSync(join(root, 'again', 'file_names.txt'), 'utf8'), 'b\na\n');
});

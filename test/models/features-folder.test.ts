import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { InputError } from '../../src/core/input-error.ts';
import { encodeNpy } from '../../src/core/npy-format.ts';
import type { ImageStimulus } from '../../src/core/stimulus.ts';
import { matToMatrix, readMat } from '../../src/data/mat.ts';
import { rdmVector } from '../../src/measures/rdm.ts';
import { toFloat64 } from '../../src/core/matrix.ts';
import { loadFeaturesFolder } from '../../src/models/features-folder.ts';
import { resolveModel } from '../../src/models/resolve-model.ts';

/** A scratch folder holding `files` (name → bytes or text), removed after the test. */
function folder(t: { after: (fn: () => void) => void }, files: Record<string, Uint8Array | string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'attune-features-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** A float32 .npy of shape [rows, cols] whose value (i, j) is i * 100 + j + offset. */
function npy(rows: number, cols: number, offset = 0): Uint8Array {
  return encodeNpy(Float32Array.from({ length: rows * cols }, (_, k) => Math.floor(k / cols) * 100 + (k % cols) + offset), [rows, cols]);
}

/** A picture stimulus the features model must never decode. */
function picture(name: string, source = `/pictures/${name}`): ImageStimulus {
  return { kind: 'image', name, sha256: name, source, load: () => Promise.reject(new Error(`${name} was loaded`)) };
}

const rejectsInput = (file: string, pattern: RegExp) => (e: unknown) => e instanceof InputError && e.file === file && pattern.test(e.message);

test('layers: every .npy / .npz in natural order (layer2 < layer10), named by file; the last is the default', async (t) => {
  const dir = folder(t, {
    'file_names.txt': 'a\r\nb\r\nc\r\n\r\n', // CRLF and trailing blank lines
    'layer10.npy': npy(3, 5),
    'layer2.npy': npy(3, 2),
    'layer1.npz': zipSync({ 'arr_0.npy': npy(3, 4) }),
    'notes.txt': 'not a layer',
    '._layer3.npy': 'AppleDouble junk is skipped',
  });
  const model = await loadFeaturesFolder(dir, 'features:x');
  assert.equal(model.id, 'features:x');
  assert.deepEqual(model.layers, ['layer1', 'layer2', 'layer10']);
  assert.equal(model.defaultLayer, 2);
  assert.equal(model.dimensions, 5);
  assert.deepEqual(model.names, ['a', 'b', 'c']);
  assert.deepEqual(model.modalities, ['image', 'text']);
  assert.deepEqual(model.preprocessing, { source: 'features folder', layers: ['layer1.npz', 'layer2.npy', 'layer10.npy'] });
  const v = await model.vectors(['c', 'a'], 0); // the .npz layer
  assert.ok(v.matrix.data instanceof Float32Array);
  assert.deepEqual([v.matrix.rows, v.matrix.cols], [2, 4]);
  assert.deepEqual(Array.from(v.matrix.data), [200, 201, 202, 203, 0, 1, 2, 3]);
  assert.deepEqual(v.covered, [true, true]);
  assert.equal((await model.vectors(['b'])).matrix.cols, 5); // default layer
});

test('stimuli match rows by their exact name only (no base-name guessing); the model never loads a picture', async (t) => {
  const dir = folder(t, {
    'file_names.txt': 'cat/cat_01.jpg\ndog/dog_01.jpg\nimage_01.jpg\nb/x.jpg\napple\n',
    'fc.npy': npy(5, 3),
  });
  const model = await loadFeaturesFolder(dir);
  assert.equal(model.id, `features:${dir}`);
  const v = await model.vectors([picture('dog/dog_01.jpg'), picture('cat/cat_01.jpg'), 'apple']);
  assert.deepEqual(Array.from(v.matrix.data), [100, 101, 102, 0, 1, 2, 400, 401, 402]);
  assert.deepEqual(v.covered, [true, true, true]);
  // Neither direction of a base name matches: images/image_01.jpg (algonauts78) is not image_01.jpg (cichy92).
  await assert.rejects(model.vectors([picture('x.jpg', '/pics/x.jpg')]), rejectsInput(join(dir, 'file_names.txt'), /has no row for x\.jpg \(\/pics\/x\.jpg\)/));
  await assert.rejects(model.vectors([picture('images/image_01.jpg')]), rejectsInput(join(dir, 'file_names.txt'), /has no row for images\/image_01\.jpg/));
  const text = await model.vectors(['cat_01.jpg']);
  assert.deepEqual(text.covered, [false]);
  assert.equal(model.covers!(['nothing', 'images/image_01.jpg', 'dog_01.jpg']), false);
  assert.equal(model.covers!(['nothing', 'dog/dog_01.jpg']), true);
});

test('a missing picture is an InputError naming file_names.txt and the picture; a missing word is not covered', async (t) => {
  const dir = folder(t, { 'file_names.txt': 'image_01.jpg\nimage_02.jpg\nthe cat\n', 'conv5.npy': npy(3, 2) });
  const model = await loadFeaturesFolder(dir);
  const names = join(dir, 'file_names.txt');
  await assert.rejects(
    model.vectors([picture('image_01.jpg'), picture('image_93.jpg', '/data/images/image_93.jpg'), picture('image_94.jpg')]),
    (e: unknown) => e instanceof InputError && e.message === `${names}: has no row for image_93.jpg (/data/images/image_93.jpg) and 1 other picture(s)`,
  );
  const v = await model.vectors(['the cat', 'a dog', 'zebra', 'a dog']);
  assert.deepEqual(v.covered, [true, false, false, false]);
  assert.deepEqual(v.missingWords, ['a dog', 'zebra']);
  assert.equal(v.multiWord, 3);
  assert.deepEqual(Array.from(v.matrix.data), [200, 201, 0, 0, 0, 0, 0, 0]);
});

test('row counts must match file_names.txt: the default layer at load, the others on first use; both files named', async (t) => {
  const dir = folder(t, { 'file_names.txt': 'a\nb\nc\n', 'conv5.npy': npy(2, 4), 'fc6.npy': npy(3, 4) });
  const names = join(dir, 'file_names.txt');
  const model = await loadFeaturesFolder(dir); // fc6 (the default) is right
  await assert.rejects(model.vectors(['a'], 0), (e: unknown) =>
    e instanceof InputError && e.file === join(dir, 'conv5.npy') && e.message.includes(`has 2 rows (shape 2×4) but ${names} lists 3 stimuli`));
  const bad = folder(t, { 'file_names.txt': 'a\nb\nc\n', 'fc6.npy': npy(4, 4) });
  await assert.rejects(loadFeaturesFolder(bad), rejectsInput(join(bad, 'fc6.npy'), /has 4 rows .* lists 3 stimuli/));
});

test('a 3-D layer is flattened per row (C order); a float64 layer is read as float32', async (t) => {
  const cube = Float64Array.from({ length: 2 * 3 * 2 }, (_, k) => k + 0.1);
  const dir = folder(t, { 'file_names.txt': 'p\nq\n', 'maps.npy': encodeNpy(cube, [2, 3, 2]) });
  const model = await loadFeaturesFolder(dir);
  assert.equal(model.dimensions, 6);
  const v = await model.vectors(['q', 'p']);
  assert.ok(v.matrix.data instanceof Float32Array);
  assert.deepEqual(Array.from(v.matrix.data), [...cube.slice(6), ...cube.slice(0, 6)].map(Math.fround));
});

test('bad folders: no file_names.txt, no layer file, a repeated or blank name, a many-array .npz, not a folder', async (t) => {
  const noNames = folder(t, { 'fc7.npy': npy(2, 2) });
  await assert.rejects(loadFeaturesFolder(noNames), rejectsInput(join(noNames, 'file_names.txt'), /file not found: a features folder names the stimulus of each row/));
  const noLayers = folder(t, { 'file_names.txt': 'a\nb\n' });
  await assert.rejects(loadFeaturesFolder(noLayers), rejectsInput(noLayers, /no layer files/));
  const repeated = folder(t, { 'file_names.txt': 'a\nb\na\n', 'fc7.npy': npy(3, 2) });
  await assert.rejects(loadFeaturesFolder(repeated), (e: unknown) => e instanceof InputError && e.line === 3 && /'a' is listed twice \(first on line 1\)/.test(e.message));
  const blank = folder(t, { 'file_names.txt': 'a\n\nb\n', 'fc7.npy': npy(3, 2) });
  await assert.rejects(loadFeaturesFolder(blank), (e: unknown) => e instanceof InputError && e.line === 2);
  const many = folder(t, { 'file_names.txt': 'a\nb\n', 'fc7.npz': zipSync({ 'x.npy': npy(2, 2), 'y.npy': npy(2, 2) }) });
  await assert.rejects(loadFeaturesFolder(many), rejectsInput(join(many, 'fc7.npz'), /holds 2 arrays \(x, y\)/));
  const twice = folder(t, { 'file_names.txt': 'a\nb\n', 'fc7.npy': npy(2, 2), 'fc7.npz': zipSync({ 'arr_0.npy': npy(2, 2) }) });
  await assert.rejects(loadFeaturesFolder(twice), rejectsInput(twice, /fc7\.npy and fc7\.npz are both layer 'fc7'/));
  await assert.rejects(loadFeaturesFolder(join(noNames, 'fc7.npy')), rejectsInput(join(noNames, 'fc7.npy'), /not a folder/));
  await assert.rejects(resolveModel('features:'), rejectsInput('--model', /needs a folder/));
});

test('revision: stable across loads, changes when any file changes; resolveModel opens features:<dir>', async (t) => {
  const dir = folder(t, { 'file_names.txt': 'a\nb\n', 'l1.npy': npy(2, 2), 'l2.npy': npy(2, 3) });
  const first = await loadFeaturesFolder(dir);
  const again = await resolveModel(`features:${dir}`);
  assert.equal(again.revision, first.revision);
  assert.match(first.revision, /^[0-9a-f]{64}$/);
  writeFileSync(join(dir, 'l1.npy'), npy(2, 2, 1));
  assert.notEqual((await loadFeaturesFolder(dir)).revision, first.revision);
  writeFileSync(join(dir, 'l1.npy'), npy(2, 2));
  writeFileSync(join(dir, 'file_names.txt'), 'b\na\n');
  assert.notEqual((await loadFeaturesFolder(dir)).revision, first.revision);
  mkdirSync(join(dir, 'sub.npy')); // a folder with a layer-like name is not a layer
  assert.deepEqual((await loadFeaturesFolder(dir)).layers, ['l1', 'l2']);
});

test('the shipped AlexNet activations: the correlation RDM of fc7 equals the recorded fc7 RDM (EVC_RDMs) to 1e-12', async () => {
  const dir = fileURLToPath(new URL('../../data/cnn_92images/alexnet_features', import.meta.url));
  const model = await loadFeaturesFolder(dir);
  assert.deepEqual(model.layers, ['conv5', 'fc6', 'fc7', 'fc8']);
  assert.equal(model.names.length, 92);
  const pictures = Array.from({ length: 92 }, (_, i) => picture(`image_${String(i + 1).padStart(2, '0')}.jpg`));
  const v = await model.vectors(pictures, model.layers.indexOf('fc7'));
  assert.deepEqual([v.matrix.rows, v.matrix.cols], [92, 4096]);
  assert.ok(v.covered.every(Boolean));
  // The RDM of the float32 activations computed in float64 (the values are exact in float64). rdmVector on the
  // float32 matrix itself takes the float32 ORT Gram path and differs by up to ≈1.7e-7 (see the report).
  const rdm = await rdmVector(toFloat64(v.matrix), 'correlation');
  const ref = matToMatrix(readMat(fileURLToPath(new URL('../../data/cnn_92images/rdms/alexnet/fc7.mat', import.meta.url))).EVC_RDMs);
  let k = 0;
  let worst = 0;
  for (let i = 0; i < 92; i++) for (let j = i + 1; j < 92; j++) worst = Math.max(worst, Math.abs(rdm[k++] - ref.data[i * 92 + j]));
  assert.ok(worst <= 1e-12, `largest difference ${worst}`);
});

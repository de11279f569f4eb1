// The real hf: picture path (transformers.js image processors and model classes on onnxruntime-node) on the tiny
// ViT and ResNet built by the test: preprocessing against Pillow (Hugging Face's Python processors), every layer
// against a direct onnxruntime-node session of the declared-hidden-states twin on the same pixels, the four
// poolings, the activation cache, and the errors of a picture model asked for texts or a wrong pooling.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import { InputError } from '../../../src/core/input-error.ts';
import type { ImageStimulus, RgbImage } from '../../../src/core/stimulus.ts';
import { memoryStore } from '../../../src/models/answer-store.ts';
import { loadImageRuntime } from '../../../src/models/hf/hf-image-runtime.ts';
import { locateHfModel } from '../../../src/models/hf/hf-locate.ts';
import { resolveModel } from '../../../src/models/resolve-model.ts';
import type { EmbeddingModel } from '../../../src/models/word-model.ts';
import { buildTinyResNet } from '../../../test-support/tiny-models/tiny-resnet.ts';
import { buildTinyVit } from '../../../test-support/tiny-models/tiny-vit.ts';

// Expected preprocessing: test/fixtures/vision/preprocess_expected.py (Pillow, as Hugging Face's Python processors).
const preprocessed = JSON.parse(readFileSync(new URL('../../fixtures/vision/preprocess_expected.json', import.meta.url), 'utf8'));

let root = '';
let vitDir = '';
let resnetDir = '';
let vitDeclared: ort.InferenceSession;
let resnetDeclared: ort.InferenceSession;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'attune-hf-vision-'));
  vitDir = buildTinyVit(join(root, 'vit')).dir;
  resnetDir = buildTinyResNet(join(root, 'resnet')).dir;
  vitDeclared = await ort.InferenceSession.create(join(buildTinyVit(join(root, 'vit-declared'), { declareHiddenStates: true }).dir, 'onnx', 'model.onnx'));
  resnetDeclared = await ort.InferenceSession.create(join(buildTinyResNet(join(root, 'resnet-declared'), { declareHiddenStates: true }).dir, 'onnx', 'model.onnx'));
});

after(() => rmSync(root, { recursive: true, force: true }));

/** The fixture's picture: 40 × 48, pixel (x, y) = ((37x + 11y) % 256, (x² + 3y) % 256, (5xy + 17) % 256). */
function fixturePicture(): RgbImage {
  const [w, h] = [40, 48];
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([(37 * x + 11 * y) % 256, (x * x + 3 * y) % 256, (5 * x * y + 17) % 256], (y * w + x) * 3);
  return { width: w, height: h, data };
}

/** A seeded picture of any size, counting its loads. */
function stimulus(name: string, w: number, h: number, loads: { count: number }): ImageStimulus {
  const data = new Uint8Array(w * h * 3);
  for (let k = 0; k < data.length; k++) data[k] = (k * 7919 + name.length * 31) % 256;
  return { kind: 'image', name, sha256: `${name}-${w}x${h}`, source: `test:${name}`, load: async () => (loads.count++, { width: w, height: h, data }) };
}

async function open(dir: string, options: { pooling?: string; store?: ReturnType<typeof memoryStore> } = {}): Promise<EmbeddingModel> {
  const model = await resolveModel(`hf:${dir}`, { cacheDir: join(root, 'cache'), store: options.store ?? memoryStore(), pooling: options.pooling as never });
  assert.equal(model.kind, 'embedding');
  return model as EmbeddingModel;
}

test('preprocessing follows preprocessor_config.json and equals Pillow-based Python preprocessing within 1e-5', async () => {
  for (const [dir, key] of [[vitDir, 'vit'], [resnetDir, 'resnet']] as const) {
    const located = await locateHfModel(dir, { cacheDir: join(root, 'cache') });
    const runtime = await loadImageRuntime(located.folder, located.prepared, located.kind.file);
    const pixels = await runtime.preprocess([fixturePicture()]);
    const want = preprocessed[key] as { dims: number[]; values: number[] };
    assert.deepEqual(pixels.dims, [1, ...want.dims]);
    let worst = 0;
    want.values.forEach((v, i) => (worst = Math.max(worst, Math.abs(pixels.data[i] - v))));
    assert.ok(worst <= 1e-5, `${key}: largest difference ${worst}`);
    await runtime.model.dispose();
  }
});

test('ViT: every layer (embeddings, 2 blocks) equals a direct session on the same pixels; mean of patch tokens by default, cls on request', async () => {
  const loads = { count: 0 };
  const pictures = [stimulus('a.png', 40, 48, loads), stimulus('b.png', 64, 32, loads), stimulus('c.png', 32, 32, loads)];
  const mean = await open(vitDir);
  assert.deepEqual(mean.layers, ['embeddings', 'layer 1', 'layer 2']);
  assert.deepEqual(mean.modalities, ['image']);
  assert.equal((mean.preprocessing as { image_processor: string }).image_processor, 'ViTImageProcessor');
  const cls = await open(vitDir, { pooling: 'cls' });
  const located = await locateHfModel(vitDir, { cacheDir: join(root, 'cache') });
  const runtime = await loadImageRuntime(located.folder, located.prepared, located.kind.file);
  const pixels = await runtime.preprocess(await Promise.all(pictures.map((p) => p.load())));
  const direct = await vitDeclared.run({ pixel_values: new ort.Tensor('float32', pixels.data, pixels.dims) });
  for (let layer = 0; layer < 3; layer++) {
    const states = direct[`hidden_states.${layer}`];
    assert.deepEqual(states.dims, [3, 17, 16]);
    const data = states.data as Float32Array;
    const [byMean, byCls] = [await mean.vectors(pictures, layer), await cls.vectors(pictures, layer)];
    for (let p = 0; p < 3; p++) {
      const patch = Array.from({ length: 16 }, (_, j) => {
        let sum = 0;
        for (let t = 1; t < 17; t++) sum += data[(p * 17 + t) * 16 + j];
        return Math.fround(sum / 16);
      });
      assert.deepEqual(Array.from(byMean.matrix.data.subarray(p * 16, (p + 1) * 16)), patch, `layer ${layer}, picture ${p}, mean`);
      assert.deepEqual(Array.from(byCls.matrix.data.subarray(p * 16, (p + 1) * 16)), Array.from(data.subarray(p * 17 * 16, (p * 17 + 1) * 16)), `layer ${layer}, picture ${p}, cls`);
    }
  }
  await runtime.model.dispose();
});

test('ResNet: stem and both stages equal a direct session; flatten (C × H × W) by default, avgpool on request', async () => {
  const loads = { count: 0 };
  const pictures = [stimulus('a.png', 40, 48, loads), stimulus('b.png', 175, 175, loads)];
  const flat = await open(resnetDir);
  assert.deepEqual(flat.layers, ['stem', 'stage 1', 'stage 2']);
  const pooled = await open(resnetDir, { pooling: 'avgpool' });
  const located = await locateHfModel(resnetDir, { cacheDir: join(root, 'cache') });
  const runtime = await loadImageRuntime(located.folder, located.prepared, located.kind.file);
  const pixels = await runtime.preprocess(await Promise.all(pictures.map((p) => p.load())));
  assert.deepEqual(pixels.dims, [2, 3, 28, 28]);
  const direct = await resnetDeclared.run({ pixel_values: new ort.Tensor('float32', pixels.data, pixels.dims) });
  for (let layer = 0; layer < 3; layer++) {
    const states = direct[`hidden_states.${layer}`];
    const [, c, h, w] = states.dims;
    const size = c * h * w;
    const data = states.data as Float32Array;
    const [byFlat, byAvg] = [await flat.vectors(pictures, layer), await pooled.vectors(pictures, layer)];
    assert.equal(byFlat.matrix.cols, size);
    assert.equal(byAvg.matrix.cols, c);
    for (let p = 0; p < 2; p++) {
      assert.deepEqual(Array.from(byFlat.matrix.data.subarray(p * size, (p + 1) * size)), Array.from(data.subarray(p * size, (p + 1) * size)), `layer ${layer}, flatten`);
      const averages = Array.from({ length: c }, (_, k) => {
        let sum = 0;
        for (let q = 0; q < h * w; q++) sum += data[p * size + k * h * w + q];
        return Math.fround(sum / (h * w));
      });
      assert.deepEqual(Array.from(byAvg.matrix.data.subarray(p * c, (p + 1) * c)), averages, `layer ${layer}, avgpool`);
    }
  }
  await runtime.model.dispose();
});

test('the activation cache: a second model on the same store loads no picture and computes nothing', async () => {
  const store = memoryStore();
  const loads = { count: 0 };
  const pictures = [stimulus('a.png', 40, 48, loads), stimulus('b.png', 50, 30, loads), stimulus('a.png', 40, 48, loads)];
  const first = await open(vitDir, { store });
  const v1 = await first.vectors(pictures, 2);
  assert.equal(loads.count, 2, 'the repeated picture is computed once');
  assert.equal(store.puts, 2 * 3, 'one entry per picture and layer');
  const second = await open(vitDir, { store });
  for (let layer = 0; layer < 3; layer++) await second.vectors(pictures, layer);
  assert.deepEqual(Array.from((await second.vectors(pictures, 2)).matrix.data), Array.from(v1.matrix.data));
  assert.equal(loads.count, 2);
  assert.equal(store.puts, 6);
  await (await open(vitDir, { store, pooling: 'cls' })).vectors(pictures, 0);
  assert.equal(store.puts, 12, 'another pooling is another key');
});

test('a picture model asked for texts, or given a pooling of the other kind, is bad input naming the option', async () => {
  const vit = await open(vitDir);
  await assert.rejects(vit.vectors(['cat']), (e: unknown) => e instanceof InputError && e.file === '--model' && /sees only pictures, not texts such as 'cat'/.test(e.message));
  await assert.rejects(open(vitDir, { pooling: 'first' }), (e: unknown) => e instanceof InputError && e.file === '--pooling' && /is for text models/.test(e.message));
  const loads = { count: 0 };
  await assert.rejects((await open(resnetDir, { pooling: 'cls' })).vectors([stimulus('a.png', 30, 30, loads)]), (e: unknown) => e instanceof InputError && e.file === '--pooling' && /does not apply to layer 0, whose output is feature maps/.test(e.message));
  await assert.rejects((await open(vitDir, { pooling: 'flatten' })).vectors([stimulus('a.png', 30, 30, loads)]), (e: unknown) => e instanceof InputError && /use cls or mean/.test(e.message));
  await assert.rejects(resolveModel(`hf:${vitDir}`, { cacheDir: join(root, 'cache'), tower: 'text' }), (e: unknown) => e instanceof InputError && e.file === '--tower' && /has one tower/.test(e.message));
  await assert.rejects(resolveModel('gabor', { tower: 'image' }), (e: unknown) => e instanceof InputError && e.file === '--tower');
});

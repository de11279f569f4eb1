// The tiny ViT and ResNet fixtures: reproducible bytes, Optimum-style names, onnxruntime agreeing with
// plain float64 forward passes, and transformers.js loading each folder, preprocessing an image and
// running the model offline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import { AutoImageProcessor, AutoModel, RawImage, env, type Tensor } from '@huggingface/transformers';
import { createRng } from '../../../src/core/random.ts';
import { buildTinyVit } from '../../../test-support/tiny-models/tiny-vit.ts';
import { buildTinyResNet } from '../../../test-support/tiny-models/tiny-resnet.ts';
import { referenceResNet, referenceVit, type Pixels } from '../../../test-support/tiny-models/vision-reference.ts';
import { maxRelDiff } from '../../../test-support/tiny-models/max-rel-diff.ts';

env.allowRemoteModels = false;
env.allowLocalModels = true;

const { onnx } = onnxProto;
type Graph = ReturnType<typeof onnx.GraphProto.decode>;
const root = mkdtempSync(join(tmpdir(), 'attune-tiny-vision-'));
test.after(() => rmSync(root, { recursive: true, force: true }));

const modelBytes = (dir: string) => new Uint8Array(readFileSync(join(dir, 'onnx', 'model.onnx')));
const graphOf = (bytes: Uint8Array) => onnx.ModelProto.decode(bytes).graph as Graph;

/** Seeded pixels [batch, 3, height, width], roughly what a normalising processor hands a model. */
function randomPixels(seed: number, dims: number[]): Pixels & { data: Float32Array } {
  const rng = createRng(seed);
  const data = new Float32Array(dims.reduce((a, d) => a * d, 1));
  for (let i = 0; i < data.length; i++) data[i] = rng.next() * 4 - 2;
  return { dims, data };
}

const models = [
  { kind: 'vit', build: buildTinyVit, reference: (bytes: Uint8Array, px: Pixels) => referenceVit(bytes, px) },
  { kind: 'resnet', build: buildTinyResNet, reference: (bytes: Uint8Array, px: Pixels) => referenceResNet(bytes, px) },
];

test('same seed gives a byte-identical model.onnx, another seed a different one; declaring hidden states keeps the weights', () => {
  for (const { kind, build } of models) {
    const a = modelBytes(build(join(root, `${kind}-a`), { seed: 7 }).dir);
    const b = modelBytes(build(join(root, `${kind}-b`), { seed: 7 }).dir);
    const c = modelBytes(build(join(root, `${kind}-c`), { seed: 8 }).dir);
    assert.ok(Buffer.from(a).equals(Buffer.from(b)), `${kind}: same seed, different bytes`);
    assert.ok(!Buffer.from(a).equals(Buffer.from(c)), `${kind}: different seeds, same bytes`);
    const d = modelBytes(build(join(root, `${kind}-d`), { seed: 7, declareHiddenStates: true }).dir);
    const inits = (bytes: Uint8Array) => graphOf(bytes).initializer.map((t) => onnx.TensorProto.encode(t).finish());
    assert.deepEqual(inits(d), inits(a));
  }
});

test('the graphs carry Optimum-style node scopes and PyTorch parameter names', () => {
  const vit = buildTinyVit(join(root, 'vit-names'));
  const resnet = buildTinyResNet(join(root, 'resnet-names'));
  const vg = graphOf(modelBytes(vit.dir));
  const vNodes = new Set(vg.node.map((n) => n.name));
  for (const name of [
    '/vit/embeddings/patch_embeddings/projection/Conv', '/vit/embeddings/Concat', '/vit/embeddings/Add',
    '/vit/encoder/layer.0/layernorm_before/LayerNormalization', '/vit/encoder/layer.1/attention/attention/query/MatMul',
    '/vit/encoder/layer.0/attention/output/dense/MatMul', '/vit/encoder/layer.0/Add', '/vit/encoder/layer.1/layernorm_after/LayerNormalization',
    '/vit/encoder/layer.0/intermediate/intermediate_act_fn/Erf', '/vit/encoder/layer.1/output/Add', '/vit/layernorm/LayerNormalization',
    '/vit/pooler/dense/MatMul', '/vit/pooler/activation/Tanh',
  ]) assert.ok(vNodes.has(name), `ViT lacks node ${name}`);
  assert.ok(vg.initializer.some((t) => t.name === 'vit.encoder.layer.0.attention.attention.query.weight'));
  assert.ok(vg.initializer.some((t) => t.name === 'vit.embeddings.cls_token'));
  assert.deepEqual(vit.internalHiddenStateNames, ['/vit/embeddings/Add_output_0', '/vit/encoder/layer.0/output/Add_output_0', '/vit/encoder/layer.1/output/Add_output_0']);
  assert.deepEqual({ ...vit, dir: '', internalHiddenStateNames: [] },
    { dir: '', layers: 2, hidden: 16, imageSize: 32, numChannels: 3, patchSize: 8, sequenceLength: 17, internalHiddenStateNames: [] });

  const rg = graphOf(modelBytes(resnet.dir));
  const rNodes = new Set(rg.node.map((n) => n.name));
  for (const name of [
    '/resnet/embedder/embedder/convolution/Conv', '/resnet/embedder/embedder/normalization/BatchNormalization',
    '/resnet/embedder/embedder/activation/Relu', '/resnet/embedder/pooler/MaxPool',
    '/resnet/encoder/stages.0/layers.0/layer/layer.0/convolution/Conv', '/resnet/encoder/stages.0/layers.0/layer/layer.0/activation/Relu',
    '/resnet/encoder/stages.1/layers.0/layer/layer.1/normalization/BatchNormalization',
    '/resnet/encoder/stages.1/layers.0/shortcut/convolution/Conv', '/resnet/encoder/stages.1/layers.0/shortcut/normalization/BatchNormalization',
    '/resnet/encoder/stages.0/layers.0/Add', '/resnet/encoder/stages.1/layers.0/activation/Relu', '/resnet/pooler/GlobalAveragePool',
  ]) assert.ok(rNodes.has(name), `ResNet lacks node ${name}`);
  assert.ok(!rNodes.has('/resnet/encoder/stages.0/layers.0/shortcut/convolution/Conv'), 'stage 0 keeps its input as the shortcut');
  assert.ok(!rNodes.has('/resnet/encoder/stages.1/layers.0/layer/layer.1/activation/Relu'), 'the second conv unit has no activation');
  assert.ok(rg.initializer.some((t) => t.name === 'resnet.encoder.stages.1.layers.0.shortcut.normalization.running_var'));
  assert.deepEqual(resnet.internalHiddenStateNames, [
    '/resnet/embedder/pooler/MaxPool_output_0', '/resnet/encoder/stages.0/layers.0/activation/Relu_output_0', 'last_hidden_state',
  ]);
  assert.deepEqual({ ...resnet, dir: '', internalHiddenStateNames: [] },
    { dir: '', layers: 2, hidden: 16, imageSize: 28, numChannels: 3, embeddingSize: 8, hiddenSizes: [8, 16], internalHiddenStateNames: [] });
});

const cases = [
  { kind: 'vit', dims: [2, 3, 32, 32], shapes: [[2, 17, 16], [2, 17, 16], [2, 17, 16]], last: [2, 17, 16], pooled: [2, 16] },
  { kind: 'resnet', dims: [2, 3, 28, 28], shapes: [[2, 8, 7, 7], [2, 8, 7, 7], [2, 16, 4, 4]], last: [2, 16, 4, 4], pooled: [2, 16, 1, 1] },
  { kind: 'resnet', dims: [2, 3, 28, 36], shapes: [[2, 8, 7, 9], [2, 8, 7, 9], [2, 16, 4, 5]], last: [2, 16, 4, 5], pooled: [2, 16, 1, 1] },
];

for (const c of cases) {
  test(`onnxruntime on the ${c.kind} graph agrees with the float64 reference on ${c.dims.join('×')} pixels, hidden states included`, async () => {
    const { build, reference } = models.find((m) => m.kind === c.kind)!;
    const info = build(join(root, `${c.kind}-ort-${c.dims.join('x')}`), { seed: 5, declareHiddenStates: true });
    const bytes = modelBytes(info.dir);
    const session = await ort.InferenceSession.create(bytes);
    assert.deepEqual([...session.outputNames], ['last_hidden_state', 'pooler_output', 'hidden_states.0', 'hidden_states.1', 'hidden_states.2']);
    const pixels = randomPixels(21, c.dims);
    const out = await session.run({ pixel_values: new ort.Tensor('float32', pixels.data, c.dims) });
    const ref = reference(bytes, pixels);
    assert.deepEqual(ref.hiddenStates.map((h) => h.dims), c.shapes);
    assert.deepEqual(ref.lastHiddenState.dims, c.last);
    assert.deepEqual(ref.poolerOutput.dims, c.pooled);
    const diffs = {
      last_hidden_state: maxRelDiff(out.last_hidden_state, ref.lastHiddenState),
      pooler_output: maxRelDiff(out.pooler_output, ref.poolerOutput),
      ...Object.fromEntries(ref.hiddenStates.map((h, i) => [`hidden_states.${i}`, maxRelDiff(out[`hidden_states.${i}`], h)])),
    };
    for (const [name, diff] of Object.entries(diffs)) assert.ok(diff < 1e-5, `${c.kind} ${name} differs from the reference by ${diff}`);
    // The two images differ, and so do their features (no batch mixing by accident).
    const lhs = out.last_hidden_state.data as Float32Array;
    const half = lhs.length / 2;
    assert.ok(lhs.subarray(0, half).some((v, i) => Math.abs(v - lhs[half + i]) > 1e-3));
    await session.release();
  });
}

/** A seeded RGB image, 48 wide and 40 high. */
function randomImage(seed: number): RawImage {
  const rng = createRng(seed);
  const width = 48;
  const height = 40;
  const data = new Uint8ClampedArray(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = rng.int(256);
  return new RawImage(data, width, height, 3);
}

const pipelines = [
  { kind: 'vit', build: buildTinyVit, pixelDims: [1, 3, 32, 32], lastDims: [1, 17, 16], reference: referenceVit },
  { kind: 'resnet', build: buildTinyResNet, pixelDims: [1, 3, 28, 28], lastDims: [1, 16, 4, 4], reference: referenceResNet },
];

for (const p of pipelines) {
  test(`transformers.js loads the tiny ${p.kind} offline, preprocesses an image and runs it like the reference`, async () => {
    const info = p.build(join(root, `${p.kind}-tjs`), { seed: 3 });
    const processor = await AutoImageProcessor.from_pretrained(info.dir);
    const model = await AutoModel.from_pretrained(info.dir, { dtype: 'fp32', device: 'cpu' });
    const { pixel_values } = await processor(randomImage(9));
    const pixels = pixel_values as Tensor;
    assert.deepEqual(pixels.dims, p.pixelDims);
    const data = pixels.data as Float32Array;
    assert.ok(data.every(Number.isFinite));
    const out = await model({ pixel_values: pixels });
    const last = out.last_hidden_state as Tensor;
    assert.deepEqual(last.dims, p.lastDims);
    const diff = maxRelDiff(last, p.reference(modelBytes(info.dir), { dims: pixels.dims, data }).lastHiddenState);
    assert.ok(diff < 1e-5, `${p.kind}: transformers.js differs from the reference by ${diff}`);
    assert.ok('pooler_output' in out);
    await model.dispose();
  });
}

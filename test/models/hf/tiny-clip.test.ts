// The tiny CLIP fixture (reproducible towers, Optimum-style names, onnxruntime against float64 forward passes,
// causality and padding of the text tower) and the real hf: two-tower path on it: the image tower by default and
// the text tower with --tower text, every layer against a direct onnxruntime-node session of the
// declared-hidden-states twin, and the errors of a tower asked for the other modality or of a model without towers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import { AutoTokenizer, type PreTrainedTokenizer } from '@huggingface/transformers';
import { createRng } from '../../../src/core/random.ts';
import { InputError } from '../../../src/core/input-error.ts';
import type { ImageStimulus } from '../../../src/core/stimulus.ts';
import { memoryStore } from '../../../src/models/answer-store.ts';
import { loadImageRuntime } from '../../../src/models/hf/hf-image-runtime.ts';
import { locateHfModel } from '../../../src/models/hf/hf-locate.ts';
import { findHiddenStates } from '../../../src/models/hf/hidden-states.ts';
import { resolveModel, type ResolveModelOptions } from '../../../src/models/resolve-model.ts';
import type { EmbeddingModel } from '../../../src/models/word-model.ts';
import { referenceClipText, referenceClipVision } from '../../../test-support/tiny-models/clip-reference.ts';
import { buildTinyClip, type TinyClipInfo } from '../../../test-support/tiny-models/tiny-clip.ts';
import { buildTinyVit } from '../../../test-support/tiny-models/tiny-vit.ts';
import { maxRelDiff } from '../../../test-support/tiny-models/max-rel-diff.ts';

const { onnx } = onnxProto;
type Tower = 'vision_model' | 'text_model';
const graphOf = (bytes: Uint8Array) => onnx.ModelProto.decode(bytes).graph as ReturnType<typeof onnx.GraphProto.decode>;

let root = '';
let clip: TinyClipInfo;
let declaredDir = '';
let vision: ort.InferenceSession;
let text: ort.InferenceSession;
let tokenizer: PreTrainedTokenizer;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'attune-tiny-clip-'));
  clip = buildTinyClip(join(root, 'clip'));
  declaredDir = buildTinyClip(join(root, 'clip-declared'), { declareHiddenStates: true }).dir;
  vision = await ort.InferenceSession.create(join(declaredDir, 'onnx', 'vision_model.onnx'));
  text = await ort.InferenceSession.create(join(declaredDir, 'onnx', 'text_model.onnx'));
  tokenizer = await AutoTokenizer.from_pretrained(clip.dir);
});

after(() => rmSync(root, { recursive: true, force: true }));

const towerBytes = (dir: string, tower: Tower) => new Uint8Array(readFileSync(join(dir, 'onnx', `${tower}.onnx`)));
const int64 = (rows: number[][]) => new ort.Tensor('int64', BigInt64Array.from(rows.flat().map(BigInt)), [rows.length, rows[0].length]);
const HIDDEN = 16;

/** The declared text tower run directly on one sequence of ids (no padding). */
async function textDirect(ids: number[]): Promise<ort.InferenceSession.OnnxValueMapType> {
  return text.run({ input_ids: int64([ids]), attention_mask: int64([ids.map(() => 1)]) });
}

/** Token `t` of layer `layer` from a direct text run: [unit]. */
const tokenState = (out: ort.InferenceSession.OnnxValueMapType, layer: number, t: number) => (out[`hidden_states.${layer}`].data as Float32Array).subarray(t * HIDDEN, (t + 1) * HIDDEN);

/** A seeded picture, counted as a stimulus named `name`. */
function picture(name: string, w: number, h: number): ImageStimulus {
  const rng = createRng(name.length * 101 + w);
  const data = new Uint8Array(w * h * 3);
  for (let k = 0; k < data.length; k++) data[k] = rng.int(256);
  return { kind: 'image', name, sha256: `${name}-${w}x${h}`, source: `test:${name}`, load: async () => ({ width: w, height: h, data }) };
}

async function open(dir: string, options: ResolveModelOptions = {}): Promise<EmbeddingModel> {
  const model = await resolveModel(`hf:${dir}`, { cacheDir: join(root, 'cache'), store: memoryStore(), ...options });
  assert.equal(model.kind, 'embedding');
  return model as EmbeddingModel;
}

test('same seed gives byte-identical towers, another seed different ones; declaring hidden states keeps the weights', () => {
  const a = buildTinyClip(join(root, 'seed-a'), { seed: 7 }).dir;
  const b = buildTinyClip(join(root, 'seed-b'), { seed: 7 }).dir;
  const c = buildTinyClip(join(root, 'seed-c'), { seed: 8 }).dir;
  const d = buildTinyClip(join(root, 'seed-d'), { seed: 7, declareHiddenStates: true }).dir;
  const inits = (bytes: Uint8Array) => graphOf(bytes).initializer.map((t) => onnx.TensorProto.encode(t).finish());
  for (const tower of ['vision_model', 'text_model'] as const) {
    assert.ok(Buffer.from(towerBytes(a, tower)).equals(Buffer.from(towerBytes(b, tower))), `${tower}: same seed, different bytes`);
    assert.ok(!Buffer.from(towerBytes(a, tower)).equals(Buffer.from(towerBytes(c, tower))), `${tower}: different seeds, same bytes`);
    assert.deepEqual(inits(towerBytes(d, tower)), inits(towerBytes(a, tower)));
  }
  assert.deepEqual(readdirSync(join(a, 'onnx')).sort(), ['text_model.onnx', 'vision_model.onnx']);
});

test('the towers carry Optimum-style names, and the hidden states found from them are the internal ones', () => {
  const names = (tower: Tower) => new Set(graphOf(towerBytes(clip.dir, tower)).node.map((n) => n.name));
  const v = names('vision_model');
  for (const name of [
    '/vision_model/embeddings/patch_embedding/Conv', '/vision_model/embeddings/Concat', '/vision_model/embeddings/position_embedding/Gather',
    '/vision_model/embeddings/Add', '/vision_model/pre_layrnorm/LayerNormalization', '/vision_model/encoder/layers.0/layer_norm1/LayerNormalization',
    '/vision_model/encoder/layers.1/self_attn/k_proj/MatMul', '/vision_model/encoder/layers.0/self_attn/out_proj/Add', '/vision_model/encoder/layers.0/Add',
    '/vision_model/encoder/layers.1/mlp/activation_fn/Sigmoid', '/vision_model/encoder/layers.1/mlp/fc2/MatMul', '/vision_model/encoder/layers.1/Add_1',
    '/vision_model/post_layernorm/LayerNormalization', '/visual_projection/MatMul',
  ]) assert.ok(v.has(name), `vision tower lacks node ${name}`);
  const t = names('text_model');
  for (const name of [
    '/text_model/embeddings/token_embedding/Gather', '/text_model/embeddings/position_embedding/Gather', '/text_model/embeddings/Add',
    '/text_model/encoder/layers.0/self_attn/q_proj/MatMul', '/text_model/encoder/layers.1/mlp/fc1/Add', '/text_model/encoder/layers.0/Add_1',
    '/text_model/final_layer_norm/LayerNormalization', '/text_model/ArgMax', '/text_projection/MatMul',
  ]) assert.ok(t.has(name), `text tower lacks node ${name}`);
  assert.deepEqual(clip.internalHiddenStateNames, {
    vision: ['/vision_model/pre_layrnorm/LayerNormalization_output_0', '/vision_model/encoder/layers.0/Add_1_output_0', 'last_hidden_state'],
    text: ['/text_model/embeddings/Add_output_0', '/text_model/encoder/layers.0/Add_1_output_0', '/text_model/encoder/layers.1/Add_1_output_0'],
  });
  assert.deepEqual(findHiddenStates(towerBytes(clip.dir, 'vision_model')).names, clip.internalHiddenStateNames.vision);
  assert.deepEqual(findHiddenStates(towerBytes(clip.dir, 'text_model')).names, clip.internalHiddenStateNames.text);
  const config = JSON.parse(readFileSync(join(clip.dir, 'config.json'), 'utf8'));
  assert.equal(config.model_type, 'clip');
  assert.equal(config.text_config.vocab_size, clip.vocabSize);
  assert.equal(tokenizer.constructor.name, 'CLIPTokenizer');
  assert.deepEqual(tokenizer.encode('The  cat'), [clip.startId, tokenizer.encode('the', { add_special_tokens: false })[0], ...tokenizer.encode(' cat', { add_special_tokens: false }), clip.endId]);
});

test('onnxruntime on both towers agrees with the float64 reference: hidden states, last_hidden_state and embeddings', async () => {
  const rng = createRng(21);
  const dims = [2, 3, 32, 32];
  const pixels = Float32Array.from({ length: 2 * 3 * 32 * 32 }, () => rng.next() * 4 - 2);
  const vOut = await vision.run({ pixel_values: new ort.Tensor('float32', pixels, dims) });
  assert.deepEqual([...vision.outputNames], ['image_embeds', 'last_hidden_state', 'hidden_states.0', 'hidden_states.1', 'hidden_states.2']);
  const vRef = referenceClipVision(towerBytes(clip.dir, 'vision_model'), { dims, data: pixels });
  const ids = [tokenizer.encode('the dog ran in the park'), tokenizer.encode('cat')];
  const padded = ids.map((row) => [...row, ...Array<number>(8 - row.length).fill(clip.endId)]);
  const mask = ids.map((row) => Array.from({ length: 8 }, (_, t) => (t < row.length ? 1 : 0)));
  const tOut = await text.run({ input_ids: int64(padded), attention_mask: int64(mask) });
  const tRef = referenceClipText(towerBytes(clip.dir, 'text_model'), padded, mask);
  for (const [tower, out, ref, embeds] of [['vision', vOut, vRef, 'image_embeds'], ['text', tOut, tRef, 'text_embeds']] as const) {
    const diffs: Record<string, number> = { last_hidden_state: maxRelDiff(out.last_hidden_state, ref.lastHiddenState), [embeds]: maxRelDiff(out[embeds], ref.embeds) };
    ref.hiddenStates.forEach((h, i) => (diffs[`hidden_states.${i}`] = maxRelDiff(out[`hidden_states.${i}`], h)));
    for (const [name, diff] of Object.entries(diffs)) assert.ok(diff < 1e-5, `${tower} ${name} differs from the reference by ${diff}`);
  }
  assert.deepEqual(vOut.last_hidden_state.dims, [2, 17, 16]);
  assert.deepEqual(tOut.text_embeds.dims, [2, 8]);
});

test('the text tower is causal, ignores padding, and pools at <|endoftext|>', async () => {
  const [a, b] = [tokenizer.encode('the dog ran'), tokenizer.encode('the dog sat')];
  assert.equal(a.length, b.length);
  const [outA, outB] = [await textDirect(a), await textDirect(b)];
  const changed = a.findIndex((id, t) => id !== b[t]);
  for (let layer = 0; layer < 3; layer++) {
    for (let t = 0; t < changed; t++) assert.deepEqual(tokenState(outA, layer, t), tokenState(outB, layer, t), `layer ${layer}, token ${t} sees a later token`);
    assert.notDeepEqual(tokenState(outA, layer, changed), tokenState(outB, layer, changed));
  }
  for (const pad of [0, clip.endId]) {
    const padded = await text.run({ input_ids: int64([[...a, pad, pad]]), attention_mask: int64([[...a.map(() => 1), 0, 0]]) });
    const close = (x: Float32Array, y: Float32Array) => x.every((v, i) => Math.abs(v - y[i]) <= 1e-6);
    for (let t = 0; t < a.length; t++) assert.ok(close(tokenState(padded, 2, t), tokenState(outA, 2, t)), `pad ${pad}, token ${t}`);
    assert.ok(close(padded.text_embeds.data as Float32Array, outA.text_embeds.data as Float32Array), `pad ${pad}: text_embeds`);
  }
});

test('hf: a CLIP folder opens its image tower by default: every layer equals the declared twin on the same pixels; texts point to --tower text', async () => {
  const pictures = [picture('a.png', 40, 48), picture('b.png', 64, 32), picture('c.png', 32, 32)];
  const model = await open(clip.dir);
  assert.deepEqual(model.modalities, ['image']);
  assert.deepEqual(model.layers, ['embeddings', 'layer 1', 'layer 2']);
  const provenance = model.preprocessing as Record<string, unknown>;
  assert.equal(provenance.image_processor, 'CLIPImageProcessor');
  assert.equal(provenance.tower, 'image');
  assert.equal(provenance.hidden_states, 'exposed by Attune');
  const located = await locateHfModel(clip.dir, { cacheDir: join(root, 'cache') });
  assert.deepEqual(located.kind, { modality: 'image', file: 'vision_model', tower: 'image' });
  const runtime = await loadImageRuntime(located.folder, located.prepared, located.kind.file);
  const pixels = await runtime.preprocess(await Promise.all(pictures.map((p) => p.load())));
  assert.deepEqual(pixels.dims, [3, 3, 32, 32]);
  const direct = await vision.run({ pixel_values: new ort.Tensor('float32', pixels.data, pixels.dims) });
  for (let layer = 0; layer < 3; layer++) {
    const states = direct[`hidden_states.${layer}`];
    assert.deepEqual(states.dims, [3, 17, 16]);
    const data = states.data as Float32Array;
    const got = await model.vectors(pictures, layer);
    for (let p = 0; p < 3; p++) {
      const patchMean = Array.from({ length: HIDDEN }, (_, j) => {
        let sum = 0;
        for (let t = 1; t < 17; t++) sum += data[(p * 17 + t) * HIDDEN + j];
        return Math.fround(sum / 16);
      });
      assert.deepEqual(Array.from(got.matrix.data.subarray(p * HIDDEN, (p + 1) * HIDDEN)), patchMean, `layer ${layer}, picture ${p}`);
    }
  }
  await runtime.model.dispose();
  // The twin, whose export declares its hidden states, is read as it is and gives the same vectors.
  const twin = await open(declaredDir);
  assert.equal((twin.preprocessing as Record<string, unknown>).hidden_states, 'declared by the export');
  assert.deepEqual(Array.from((await twin.vectors(pictures, 2)).matrix.data), Array.from((await model.vectors(pictures, 2)).matrix.data));
  await assert.rejects(model.vectors(['cat']), (e: unknown) => e instanceof InputError && e.file === '--tower' && /--tower text/.test(e.message) && /sees only pictures/.test(e.message));
});

test('hf: --tower text opens the text tower: texts only; first and last pooling give the <|startoftext|> and <|endoftext|> states of the declared twin', async () => {
  const items = ['cat', 'the dog ran in the park', 'a catapult'];
  for (const pooling of ['first', 'last'] as const) {
    const model = await open(clip.dir, { tower: 'text', pooling });
    assert.deepEqual(model.modalities, ['text']);
    assert.deepEqual(model.layers, ['embeddings', 'layer 1', 'layer 2']);
    assert.equal((model.preprocessing as Record<string, unknown>).tower, 'text');
    for (const item of items) {
      const ids = tokenizer.encode(item);
      assert.equal(ids[0], clip.startId);
      assert.equal(ids.at(-1), clip.endId);
      const out = await textDirect(ids);
      // One text per call: a batch of one, unpadded, as the direct run.
      for (let layer = 0; layer < 3; layer++) {
        const got = await model.vectors([item], layer);
        assert.deepEqual(Array.from(got.matrix.data), Array.from(tokenState(out, layer, pooling === 'first' ? 0 : ids.length - 1)), `${pooling}: ${item}, layer ${layer}`);
      }
    }
    // All three in one right-padded batch: the padding is masked out.
    const batched = await (await open(clip.dir, { tower: 'text', pooling })).vectors(items, 2);
    const alone = await model.vectors(items, 2);
    batched.matrix.data.forEach((v, k) => assert.ok(Math.abs(v - alone.matrix.data[k]) <= 1e-6, `${pooling}: batched element ${k}`));
  }
  const model = await open(clip.dir, { tower: 'text' });
  await assert.rejects(model.vectors([picture('a.png', 30, 30)]), (e: unknown) => e instanceof InputError && /sees only texts, not pictures such as a\.png/.test(e.message));
  // The two towers were prepared separately, each with its hidden states exposed.
  const copies = readdirSync(join(root, 'cache', 'models', 'hf')).flatMap((d) => readdirSync(join(root, 'cache', 'models', 'hf', d, 'onnx')));
  assert.deepEqual(copies.sort(), ['text_model.onnx', 'vision_model.onnx']);
});

// CLIP's unknown token is <|endoftext|>, and hf-runtime.ts keeps the unknown token out of the special tokens (it
// stands for a word), so the mean takes in the <|endoftext|> state too.

test('hf: --tower text with mean pooling averages the text\'s own tokens, without <|startoftext|> and <|endoftext|>', async () => {
  const items = ['cat', 'the dog ran in the park', 'a catapult'];
  const model = await open(clip.dir, { tower: 'text' });
  for (const item of items) {
    const ids = tokenizer.encode(item);
    const out = await textDirect(ids);
    for (let layer = 0; layer < 3; layer++) {
      const own = ids.slice(1, -1).map((_, k) => tokenState(out, layer, k + 1));
      const mean = Array.from({ length: HIDDEN }, (_, j) => Math.fround(own.reduce((s, v) => s + v[j], 0) / own.length));
      assert.deepEqual(Array.from((await model.vectors([item], layer)).matrix.data), mean, `${item}, layer ${layer}`);
    }
  }
});

test('hf: --tower on a one-tower model, a missing tower, and a CLIP exported as one graph are bad input', async () => {
  const vit = buildTinyVit(join(root, 'vit')).dir;
  for (const tower of ['image', 'text'] as const) {
    await assert.rejects(open(vit, { tower }), (e: unknown) => e instanceof InputError && e.file === '--tower' && /has one tower/.test(e.message));
  }
  const visionOnly = buildTinyClip(join(root, 'vision-only')).dir;
  rmSync(join(visionOnly, 'onnx', 'text_model.onnx'));
  assert.deepEqual((await open(visionOnly)).modalities, ['image']);
  await assert.rejects(open(visionOnly, { tower: 'text' }), (e: unknown) => e instanceof InputError && e.file === '--tower' && /no onnx\/text_model\.onnx/.test(e.message));
  const oneGraph = buildTinyClip(join(root, 'one-graph')).dir;
  renameSync(join(oneGraph, 'onnx', 'vision_model.onnx'), join(oneGraph, 'onnx', 'model.onnx'));
  rmSync(join(oneGraph, 'onnx', 'text_model.onnx'));
  await assert.rejects(open(oneGraph), (e: unknown) => e instanceof InputError && e.file === '--model' && /exported as one graph/.test(e.message) && /onnx\/vision_model\.onnx and onnx\/text_model\.onnx/.test(e.message));
});

// A tiny ViT encoder (32×32 images, 8×8 patches, 2 pre-LayerNorm blocks, hidden 16, 2 heads,
// intermediate 32, tanh pooler) with seeded random weights, exported the way Optimum names things,
// and written as a Hugging Face model folder with a ViTImageProcessor preprocessor config.
import { createRng } from '../../src/core/random.ts';
import { GraphBuilder } from './onnx-build.ts';
import { attention, geluErf, i64, layerNorm, linear, randn } from './layers.ts';
import { patchEmbeddings, type TinyVisionModelInfo } from './vision-layers.ts';
import { writeModelFolder, type TinyModelOptions } from './folder.ts';

const IMAGE = 32;
const PATCH = 8;
const CHANNELS = 3;
const LAYERS = 2;
const HIDDEN = 16;
const HEADS = 2;
const INTERMEDIATE = 32;
const EPS = 1e-12;
const TOKENS = (IMAGE / PATCH) ** 2 + 1;

/** What `buildTinyVit` produced. */
export interface TinyVitInfo extends TinyVisionModelInfo {
  /** Side of a square patch (the patch Conv's kernel and stride). */
  patchSize: number;
  /** Tokens per image: the patches plus the CLS token (17). */
  sequenceLength: number;
}

/** The ViT graph's bytes and its hidden-state tensor names (embeddings output, then each block's output). */
export function tinyVitGraph(options: TinyModelOptions = {}): { model: Uint8Array; hiddenNames: string[] } {
  const rng = createRng(options.seed ?? 1);
  const b = new GraphBuilder();
  const pixels = b.input('pixel_values', 'float32', ['batch_size', 'num_channels', 'height', 'width']);

  // Embeddings: patches as tokens, the CLS token (expanded over the batch) in front, position embeddings added.
  const e = '/vit/embeddings';
  const patches = patchEmbeddings(b, rng, `${e}/patch_embeddings`, 'vit.embeddings.patch_embeddings', pixels, CHANNELS, HIDDEN, PATCH);
  const cls = b.init('vit.embeddings.cls_token', randn(rng, HIDDEN, 1), [1, 1, HIDDEN]);
  const pos = b.init('vit.embeddings.position_embeddings', randn(rng, TOKENS * HIDDEN, 0.5), [1, TOKENS, HIDDEN]);
  const first = b.node(e, 'Slice', [patches, i64(b, e, [0]), i64(b, e, [1]), i64(b, e, [1])]);
  const clsTokens = b.node(e, 'Expand', [cls, b.node(e, 'Shape', [first])]);
  const tokens = b.node(e, 'Concat', [clsTokens, patches], { axis: { int: 1 } });
  let x = b.node(e, 'Add', [tokens, pos]);
  const hiddenNames = [x];

  for (let l = 0; l < LAYERS; l++) {
    const s = `/vit/encoder/layer.${l}`;
    const p = `vit.encoder.layer.${l}`;
    const a = layerNorm(b, rng, `${s}/layernorm_before`, `${p}.layernorm_before`, x, HIDDEN, EPS);
    const q = linear(b, rng, `${s}/attention/attention/query`, `${p}.attention.attention.query`, a, HIDDEN, HIDDEN);
    const k = linear(b, rng, `${s}/attention/attention/key`, `${p}.attention.attention.key`, a, HIDDEN, HIDDEN);
    const v = linear(b, rng, `${s}/attention/attention/value`, `${p}.attention.attention.value`, a, HIDDEN, HIDDEN);
    const ctx = attention(b, `${s}/attention/attention`, q, k, v, undefined, HEADS, HIDDEN);
    const attnOut = linear(b, rng, `${s}/attention/output/dense`, `${p}.attention.output.dense`, ctx, HIDDEN, HIDDEN);
    const r = b.node(s, 'Add', [attnOut, x]);
    const m = layerNorm(b, rng, `${s}/layernorm_after`, `${p}.layernorm_after`, r, HIDDEN, EPS);
    const inter = linear(b, rng, `${s}/intermediate/dense`, `${p}.intermediate.dense`, m, HIDDEN, INTERMEDIATE);
    const act = geluErf(b, `${s}/intermediate/intermediate_act_fn`, inter);
    const out = linear(b, rng, `${s}/output/dense`, `${p}.output.dense`, act, INTERMEDIATE, HIDDEN);
    x = b.node(`${s}/output`, 'Add', [out, r]);
    hiddenNames.push(x);
  }

  // Final LayerNorm, then the pooler: dense + tanh on the CLS token.
  const last = layerNorm(b, rng, '/vit/layernorm', 'vit.layernorm', x, HIDDEN, EPS, 'last_hidden_state');
  const clsOut = b.node('/vit/pooler', 'Gather', [last, i64(b, '/vit/pooler', [0], true)], { axis: { int: 1 } });
  const dense = linear(b, rng, '/vit/pooler/dense', 'vit.pooler.dense', clsOut, HIDDEN, HIDDEN);
  b.node('/vit/pooler/activation', 'Tanh', [dense], {}, 'pooler_output');

  const shape = ['batch_size', 'sequence_length', HIDDEN];
  b.output('last_hidden_state', 'float32', shape);
  b.output('pooler_output', 'float32', ['batch_size', HIDDEN]);
  if (options.declareHiddenStates) {
    hiddenNames.forEach((t, i) => b.output(b.node('', 'Identity', [t], {}, `hidden_states.${i}`), 'float32', shape));
  }
  return { model: b.toBytes('main_graph'), hiddenNames };
}

/** Build the tiny ViT folder in `dir` (config, preprocessor config, onnx/model.onnx) and describe it. */
export function buildTinyVit(dir: string, options: TinyModelOptions = {}): TinyVitInfo {
  const { model, hiddenNames } = tinyVitGraph(options);
  const config = {
    architectures: ['ViTModel'], model_type: 'vit', image_size: IMAGE, patch_size: PATCH, num_channels: CHANNELS,
    hidden_size: HIDDEN, num_hidden_layers: LAYERS, num_attention_heads: HEADS, intermediate_size: INTERMEDIATE,
    hidden_act: 'gelu', layer_norm_eps: EPS, qkv_bias: true, encoder_stride: PATCH, pooler_act: 'tanh',
    hidden_dropout_prob: 0, attention_probs_dropout_prob: 0, initializer_range: 0.02,
  };
  const preprocessor = {
    image_processor_type: 'ViTImageProcessor', do_resize: true, size: { height: IMAGE, width: IMAGE }, resample: 2,
    do_rescale: true, rescale_factor: 0.00392156862745098, do_normalize: true,
    image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0.5, 0.5],
  };
  writeModelFolder(dir, { 'config.json': config, 'preprocessor_config.json': preprocessor }, model);
  return {
    dir, layers: LAYERS, hidden: HIDDEN, imageSize: IMAGE, numChannels: CHANNELS, patchSize: PATCH,
    sequenceLength: TOKENS, internalHiddenStateNames: hiddenNames,
  };
}

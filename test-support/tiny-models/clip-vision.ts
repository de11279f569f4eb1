// The tiny CLIP's vision tower (CLIPVisionModelWithProjection as Optimum exports it to onnx/vision_model.onnx):
// 8×8 patches of a 32×32 image, the class embedding in front, position embeddings, pre_layrnorm, 2 encoder
// layers, post_layernorm on the CLS token and the visual projection.
import type { Rng } from '../../src/core/random.ts';
import { GraphBuilder } from './onnx-build.ts';
import { i64, layerNorm, randn } from './layers.ts';
import { conv2d } from './vision-layers.ts';
import { CLIP, clipEncoderLayer, declareHiddenStates, projection } from './clip-layers.ts';

/** The vision tower's image side, patch side and channels. */
export const CLIP_VISION = { imageSize: 32, patchSize: 8, channels: 3, tokens: (32 / 8) ** 2 + 1 } as const;

/**
 * The vision tower's bytes and its hidden-state tensors (Hugging Face's hidden_states: the embeddings after
 * pre_layrnorm, then each layer's output; the last is `last_hidden_state`, before post_layernorm).
 */
export function clipVisionGraph(rng: Rng, declare = false): { model: Uint8Array; hiddenNames: string[] } {
  const { hidden, layers, projection: projectionDim, eps } = CLIP;
  const { patchSize, channels, tokens } = CLIP_VISION;
  const b = new GraphBuilder();
  const pixels = b.input('pixel_values', 'float32', ['batch_size', 'num_channels', 'height', 'width']);

  // Embeddings: the class embedding (expanded over the batch), then the patches, plus position embeddings.
  const e = '/vision_model/embeddings';
  const cls = b.init('vision_model.embeddings.class_embedding', randn(rng, hidden, 1), [hidden]);
  const conv = conv2d(b, rng, `${e}/patch_embedding`, 'vision_model.embeddings.patch_embedding', pixels,
    { inC: channels, outC: hidden, kernel: patchSize, stride: patchSize, pad: 0, bias: false });
  const patches = b.node(e, 'Transpose', [b.node(e, 'Reshape', [conv, i64(b, e, [0, hidden, -1])])], { perm: { ints: [0, 2, 1] } });
  const posTable = b.init('vision_model.embeddings.position_embedding.weight', randn(rng, tokens * hidden, 0.5), [tokens, hidden]);
  const posIds = b.init('vision_model.embeddings.position_ids', BigInt64Array.from({ length: tokens }, (_, i) => BigInt(i)), [1, tokens]);
  const first = b.node(e, 'Slice', [patches, i64(b, e, [0]), i64(b, e, [1]), i64(b, e, [1])]);
  const clsTokens = b.node(e, 'Expand', [cls, b.node(e, 'Shape', [first])]);
  const embedded = b.node(e, 'Concat', [clsTokens, patches], { axis: { int: 1 } });
  const positioned = b.node(e, 'Add', [embedded, b.node(`${e}/position_embedding`, 'Gather', [posTable, posIds])]);
  let x = layerNorm(b, rng, '/vision_model/pre_layrnorm', 'vision_model.pre_layrnorm', positioned, hidden, eps);
  const hiddenNames = [x];

  for (let l = 0; l < layers; l++) {
    x = clipEncoderLayer(b, rng, 'vision_model', l, x, undefined, l === layers - 1 ? 'last_hidden_state' : undefined);
    hiddenNames.push(x);
  }

  // Pooled output: post_layernorm of the CLS token; then the visual projection (no bias).
  const clsOut = b.node('/vision_model', 'Gather', [x, i64(b, '/vision_model', [0], true)], { axis: { int: 1 } });
  const pooled = layerNorm(b, rng, '/vision_model/post_layernorm', 'vision_model.post_layernorm', clsOut, hidden, eps);
  projection(b, rng, '/visual_projection', 'visual_projection', pooled, hidden, projectionDim, 'image_embeds');

  b.output('image_embeds', 'float32', ['batch_size', projectionDim]);
  b.output('last_hidden_state', 'float32', ['batch_size', 'sequence_length', hidden]);
  if (declare) declareHiddenStates(b, hiddenNames);
  return { model: b.toBytes('main_graph'), hiddenNames };
}

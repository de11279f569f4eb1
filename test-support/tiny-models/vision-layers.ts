// Pieces shared by the tiny vision builders (ViT, ResNet): seeded convolutions, eval-mode BatchNorm,
// ResNet's conv → norm → activation unit, ViT's patch embedding, and unmasked multi-head attention;
// plus the description both builders return.
import type { Rng } from '../../src/core/random.ts';
import type { GraphBuilder } from './onnx-build.ts';
import { f32, i64, randn } from './layers.ts';

/** What a tiny vision-model builder produced. */
export interface TinyVisionModelInfo {
  /** The model folder (loadable by transformers.js as a local model). */
  dir: string;
  /** Transformer blocks (ViT) or stages (ResNet); there are `layers + 1` hidden states. */
  layers: number;
  /** Width of `last_hidden_state`: the hidden size (ViT) or the last stage's channel count (ResNet). */
  hidden: number;
  /** Side of the square image the preprocessor hands the model (32 for ViT, 28 for ResNet). */
  imageSize: number;
  /** Input channels (3, RGB). */
  numChannels: number;
  /** The hidden-state tensors inside the graph, in order: embeddings output, then each block's (stage's) output. */
  internalHiddenStateNames: string[];
}

/** PyTorch's BatchNorm2d default epsilon. */
export const BN_EPS = 1e-5;

/**
 * A Conv node `${scope}/Conv` with seeded weights `${param}.weight` [out, in, k, k] (standard deviation
 * 1/√(in·k·k)) and, when `bias` is set, `${param}.bias` [out] (0.1); square kernel, stride and padding.
 */
export function conv2d(
  b: GraphBuilder, rng: Rng, scope: string, param: string, x: string,
  conv: { inC: number; outC: number; kernel: number; stride: number; pad: number; bias: boolean },
): string {
  const { inC, outC, kernel: k, stride, pad } = conv;
  const w = b.init(`${param}.weight`, randn(rng, outC * inC * k * k, 1 / Math.sqrt(inC * k * k)), [outC, inC, k, k]);
  const inputs = [x, w];
  if (conv.bias) inputs.push(b.init(`${param}.bias`, randn(rng, outC, 0.1), [outC]));
  return b.node(scope, 'Conv', inputs, {
    dilations: { ints: [1, 1] }, group: { int: 1 }, kernel_shape: { ints: [k, k] },
    pads: { ints: [pad, pad, pad, pad] }, strides: { ints: [stride, stride] },
  });
}

/**
 * Eval-mode BatchNormalization `${scope}/BatchNormalization` over the channel axis, with seeded
 * `${param}.weight` (1 ± 0.1), `.bias` (0.1), `.running_mean` (0.1) and `.running_var` (e^(0.1·n)).
 */
export function batchNorm(b: GraphBuilder, rng: Rng, scope: string, param: string, x: string, channels: number): string {
  const scale = b.init(`${param}.weight`, randn(rng, channels, 0.1).map((v) => 1 + v), [channels]);
  const bias = b.init(`${param}.bias`, randn(rng, channels, 0.1), [channels]);
  const mean = b.init(`${param}.running_mean`, randn(rng, channels, 0.1), [channels]);
  const variance = b.init(`${param}.running_var`, randn(rng, channels, 0.1).map(Math.exp), [channels]);
  return b.node(scope, 'BatchNormalization', [x, scale, bias, mean, variance], { epsilon: { float: BN_EPS }, momentum: { float: 0.9 } });
}

/**
 * Hugging Face's ResNetConvLayer: `${scope}/convolution/Conv` (no bias, padding k/2), then
 * `${scope}/normalization/BatchNormalization`, then, if `relu`, `${scope}/activation/Relu`
 * (whose output may be renamed `outName`).
 */
export function resNetConvLayer(
  b: GraphBuilder, rng: Rng, scope: string, param: string, x: string,
  conv: { inC: number; outC: number; kernel: number; stride: number }, relu: boolean, outName?: string,
): string {
  const c = conv2d(b, rng, `${scope}/convolution`, `${param}.convolution`, x, { ...conv, pad: Math.floor(conv.kernel / 2), bias: false });
  const n = batchNorm(b, rng, `${scope}/normalization`, `${param}.normalization`, c, conv.outC);
  return relu ? b.node(`${scope}/activation`, 'Relu', [n], {}, outName) : n;
}

/**
 * ViT's patch embedding: `${scope}/projection/Conv` (kernel = stride = patch, with bias), then
 * `${scope}/Reshape` to [batch, hidden, patches] and `${scope}/Transpose` to tokens [batch, patches, hidden].
 */
export function patchEmbeddings(b: GraphBuilder, rng: Rng, scope: string, param: string, pixels: string, channels: number, hidden: number, patch: number): string {
  const c = conv2d(b, rng, `${scope}/projection`, `${param}.projection`, pixels, { inC: channels, outC: hidden, kernel: patch, stride: patch, pad: 0, bias: true });
  const flat = b.node(scope, 'Reshape', [c, i64(b, scope, [0, hidden, -1])]);
  return b.node(scope, 'Transpose', [flat], { perm: { ints: [0, 2, 1] } });
}


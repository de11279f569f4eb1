// A tiny ResNet (embedder 7×7/2 conv + BatchNorm + ReLU + 3×3/2 max-pool to 8 channels, then two
// stages of one basic block each, 8 and 16 channels, the second downsampling by 2; global average
// pool) with seeded random weights, exported the way Optimum names things, and written as a Hugging
// Face model folder with a ConvNextImageProcessor preprocessor config (as microsoft/resnet-50 has).
import { createRng } from '../../src/core/random.ts';
import { GraphBuilder } from './onnx-build.ts';
import { resNetConvLayer, type TinyVisionModelInfo } from './vision-layers.ts';
import { writeModelFolder, type TinyModelOptions } from './folder.ts';

const CHANNELS = 3;
const EMBEDDING = 8;
const HIDDEN_SIZES = [8, 16];
const DEPTHS = [1, 1];
/** Hugging Face's ResNetEmbeddings always uses a 7×7 stride-2 convolution. */
const EMBED_KERNEL = 7;
/** The preprocessor's centre crop (`size.shortest_edge`). */
const CROP = 28;

/** What `buildTinyResNet` produced. */
export interface TinyResNetInfo extends TinyVisionModelInfo {
  /** Channels after the embedder. */
  embeddingSize: number;
  /** Channels of each stage's output. */
  hiddenSizes: number[];
}

/** The ResNet graph's bytes and its hidden-state tensor names (embedder output, then each stage's output). */
export function tinyResNetGraph(options: TinyModelOptions = {}): { model: Uint8Array; hiddenNames: string[] } {
  const rng = createRng(options.seed ?? 1);
  const b = new GraphBuilder();
  const pixels = b.input('pixel_values', 'float32', ['batch_size', 'num_channels', 'height', 'width']);

  // Embedder: conv → BatchNorm → ReLU, then max-pool: a quarter of the resolution.
  const stem = resNetConvLayer(b, rng, '/resnet/embedder/embedder', 'resnet.embedder.embedder', pixels,
    { inC: CHANNELS, outC: EMBEDDING, kernel: EMBED_KERNEL, stride: 2 }, true);
  let x = b.node('/resnet/embedder/pooler', 'MaxPool', [stem], {
    ceil_mode: { int: 0 }, dilations: { ints: [1, 1] }, kernel_shape: { ints: [3, 3] }, pads: { ints: [1, 1, 1, 1] }, strides: { ints: [2, 2] },
  });
  const hiddenNames = [x];

  // Stages of basic layers: conv → BN → ReLU → conv → BN, plus the (projected) input, then ReLU.
  let inC = EMBEDDING;
  for (let s = 0; s < HIDDEN_SIZES.length; s++) {
    const outC = HIDDEN_SIZES[s];
    for (let l = 0; l < DEPTHS[s]; l++) {
      const stride = s > 0 && l === 0 ? 2 : 1;
      const scope = `/resnet/encoder/stages.${s}/layers.${l}`;
      const param = `resnet.encoder.stages.${s}.layers.${l}`;
      const h0 = resNetConvLayer(b, rng, `${scope}/layer/layer.0`, `${param}.layer.0`, x, { inC, outC, kernel: 3, stride }, true);
      const h1 = resNetConvLayer(b, rng, `${scope}/layer/layer.1`, `${param}.layer.1`, h0, { inC: outC, outC, kernel: 3, stride: 1 }, false);
      const shortcut = inC !== outC || stride !== 1
        ? resNetConvLayer(b, rng, `${scope}/shortcut`, `${param}.shortcut`, x, { inC, outC, kernel: 1, stride }, false)
        : x;
      const sum = b.node(scope, 'Add', [h1, shortcut]);
      const isLast = s === HIDDEN_SIZES.length - 1 && l === DEPTHS[s] - 1;
      x = b.node(`${scope}/activation`, 'Relu', [sum], {}, isLast ? 'last_hidden_state' : undefined);
      inC = outC;
    }
    hiddenNames.push(x);
  }
  b.node('/resnet/pooler', 'GlobalAveragePool', [x], {}, 'pooler_output');

  // Each stride-2 step (padding k/2) takes a side n to ⌈n/2⌉: the embedder halves twice, each later stage once.
  const spatial = (i: number) => {
    const f = 4 * 2 ** Math.max(0, i - 1);
    return [`ceil(height/${f})`, `ceil(width/${f})`];
  };
  const last = HIDDEN_SIZES.length;
  b.output('last_hidden_state', 'float32', ['batch_size', HIDDEN_SIZES[last - 1], ...spatial(last)]);
  b.output('pooler_output', 'float32', ['batch_size', HIDDEN_SIZES[last - 1], 1, 1]);
  if (options.declareHiddenStates) {
    const channels = [EMBEDDING, ...HIDDEN_SIZES];
    hiddenNames.forEach((t, i) => b.output(b.node('', 'Identity', [t], {}, `hidden_states.${i}`), 'float32', ['batch_size', channels[i], ...spatial(i)]));
  }
  return { model: b.toBytes('main_graph'), hiddenNames };
}

/** Build the tiny ResNet folder in `dir` (config, preprocessor config, onnx/model.onnx) and describe it. */
export function buildTinyResNet(dir: string, options: TinyModelOptions = {}): TinyResNetInfo {
  const { model, hiddenNames } = tinyResNetGraph(options);
  const config = {
    architectures: ['ResNetModel'], model_type: 'resnet', num_channels: CHANNELS, embedding_size: EMBEDDING,
    hidden_sizes: HIDDEN_SIZES, depths: DEPTHS, layer_type: 'basic', hidden_act: 'relu',
    downsample_in_first_stage: false, downsample_in_bottleneck: false,
    stage_names: ['stem', ...HIDDEN_SIZES.map((_, i) => `stage${i + 1}`)],
  };
  const preprocessor = {
    image_processor_type: 'ConvNextImageProcessor', crop_pct: 0.875, do_resize: true, size: { shortest_edge: CROP },
    resample: 3, do_rescale: true, rescale_factor: 0.00392156862745098, do_normalize: true,
    image_mean: [0.485, 0.456, 0.406], image_std: [0.229, 0.224, 0.225],
  };
  writeModelFolder(dir, { 'config.json': config, 'preprocessor_config.json': preprocessor }, model);
  return {
    dir, layers: HIDDEN_SIZES.length, hidden: HIDDEN_SIZES[HIDDEN_SIZES.length - 1], imageSize: CROP, numChannels: CHANNELS,
    embeddingSize: EMBEDDING, hiddenSizes: [...HIDDEN_SIZES], internalHiddenStateNames: hiddenNames,
  };
}

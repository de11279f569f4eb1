// `hf:` picture models (ViT, DeiT, BEiT, DINOv2, CLIP and SigLIP image towers, ResNet, ConvNeXt) as an
// EmbeddingModel: every block's (transformers) or stage's (CNNs) output, pooled per picture, preprocessed by the
// model's own image processor; the preprocessing and pooling travel in the model's provenance.
import { InputError } from '../../core/input-error.ts';
import { matrix } from '../../core/matrix.ts';
import type { Stimulus } from '../../core/stimulus.ts';
import type { AnswerStore } from '../answer-store.ts';
import { imagesOnly, type EmbeddingModel, type ItemVectors } from '../word-model.ts';
import { pictureLayerVectors } from './hf-image-activations.ts';
import { loadImageRuntime } from './hf-image-runtime.ts';
import type { HfKind } from './hf-kind.ts';
import type { PreparedModel } from './hf-prepare.ts';
import type { ImagePooling } from './image-pooling.ts';

/** An `hf:` picture model: the EmbeddingModel plus the release of its ONNX session. */
export interface HfImageModel extends EmbeddingModel {
  dispose(): Promise<void>;
}

/** Options of a picture model: the store of activations, the pooling asked for, progress. */
export interface HfImageOptions {
  store: AnswerStore;
  pooling?: ImagePooling;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

const CNN_TYPES = new Set(['resnet', 'convnext', 'convnextv2', 'regnet', 'bit', 'efficientnet', 'mobilenet_v1', 'mobilenet_v2', 'dinov3_convnext']);

/** Load the picture model `id` from `folder` (already prepared: its hidden states exposed). */
export async function loadHfImageModel(folder: string, id: string, prepared: PreparedModel, kind: HfKind, modelType: string | undefined, options: HfImageOptions): Promise<HfImageModel> {
  const runtime = await loadImageRuntime(folder, prepared, kind.file);
  const cnn = (modelType !== undefined && CNN_TYPES.has(modelType)) || prepared.hiddenStates.some((n) => /stages?[./]\d/.test(n));
  const layers = prepared.hiddenStates.map((_, i) => (i === 0 ? (cnn ? 'stem' : 'embeddings') : `${cnn ? 'stage' : 'layer'} ${i}`));
  const pooling = options.pooling;
  const hint = kind.tower === 'image' ? ' (its text tower: --tower text)' : '';
  const vectors = async (items: readonly Stimulus[], layer = layers.length - 1): Promise<ItemVectors> => {
    if (!Number.isInteger(layer) || layer < 0 || layer >= layers.length) throw new RangeError(`layer ${layer} is out of range (the model has layers 0…${layers.length - 1})`);
    const pictures = imagesOnly(items, `${id}${hint}`, kind.tower ? '--tower' : '--model');
    const rows = await pictureLayerVectors(runtime, pictures, layer, { pooling, store: options.store, batchSize: options.batchSize, onProgress: options.onProgress });
    const width = rows[0]?.length ?? 0;
    const data = new Float32Array(rows.length * width);
    rows.forEach((r, i) => data.set(r, i * width));
    return { matrix: matrix(rows.length, width, data), covered: rows.map(() => true), multiWord: 0, missingWords: [] };
  };
  if (pooling !== undefined && !['cls', 'mean', 'flatten', 'avgpool'].includes(pooling)) throw new InputError(`--pooling ${pooling as string} is for text models; picture models take cls, mean, flatten or avgpool`, { file: '--pooling' });
  return {
    kind: 'embedding', id,
    revision: `${prepared.sha256.slice(0, 16)}:${runtime.preprocessorSha256.slice(0, 8)}:${pooling ?? 'default'}`,
    dimensions: 0,
    layers, defaultLayer: layers.length - 1, modalities: ['image'],
    preprocessing: {
      image_processor: runtime.processorClass, preprocessor_config: runtime.preprocessorConfig, decoder: 'sharp (8-bit sRGB, alpha dropped)',
      pooling: pooling ?? (cnn ? 'flatten (feature maps: channels × height × width)' : 'mean of the patch tokens'),
      ...(kind.tower ? { tower: kind.tower } : {}), hidden_states: prepared.declared ? 'declared by the export' : 'exposed by Attune',
    },
    vectors,
    dispose: async () => {
      await runtime.model.dispose();
    },
  };
}

// Pooled activations of pictures at every layer of an `hf:` picture model, computed in batches of a few pictures
// and kept in the AnswerStore per picture and layer (keyed by the ONNX file's sha256, the preprocessor config's
// sha256, the pooling and the picture's sha256), so a rerun computes nothing it has seen.
import { createHash } from 'node:crypto';
import { InputError } from '../../core/input-error.ts';
import type { ImageStimulus } from '../../core/stimulus.ts';
import type { AnswerStore } from '../answer-store.ts';
import type { HfImageRuntime } from './hf-image-runtime.ts';
import { MAP_POOLINGS, poolPicture, pooledWidth, TOKEN_POOLINGS, type ImagePooling, type LayerOutput } from './image-pooling.ts';

/** Options of the picture activations. */
export interface ImageActivationOptions {
  /** The pooling asked for; undefined: the mean of the patch tokens for token layers, flatten for feature maps. */
  pooling?: ImagePooling;
  store: AnswerStore;
  /** Pictures per forward batch (default 8). */
  batchSize?: number;
  /** Called after each batch with pictures done and total pictures to compute. */
  onProgress?: (done: number, total: number) => void;
}

/** The cache key of a picture's pooled activations at one layer. */
export function imageActivationKey(runtime: HfImageRuntime, pooling: ImagePooling | undefined, pictureSha256: string, layer: number): string {
  const identity = JSON.stringify({
    kind: 'hf-image-activations', version: 1, model: runtime.prepared.sha256, preprocessor: runtime.preprocessorSha256, pooling: pooling ?? 'default', picture: pictureSha256, layer,
  });
  return createHash('sha256').update(identity).digest('hex');
}

/** Each picture's pooled vector at `layer`; pictures not in the store are run through the model (every layer kept). */
export async function pictureLayerVectors(runtime: HfImageRuntime, pictures: readonly ImageStimulus[], layer: number, options: ImageActivationOptions): Promise<Float32Array[]> {
  const result: (Float32Array | undefined)[] = new Array(pictures.length);
  const todo = new Map<string, number[]>();
  pictures.forEach((picture, i) => {
    const cached = options.store.get(imageActivationKey(runtime, options.pooling, picture.sha256, layer));
    if (cached) result[i] = new Float32Array(cached.buffer.slice(cached.byteOffset, cached.byteOffset + cached.byteLength));
    else todo.set(picture.sha256, [...(todo.get(picture.sha256) ?? []), i]);
  });
  const pending = [...todo.values()].map((slots) => pictures[slots[0]]);
  const batchSize = options.batchSize ?? 8;
  for (let start = 0; start < pending.length; start += batchSize) {
    const batch = pending.slice(start, start + batchSize);
    const pixels = await runtime.preprocess(await Promise.all(batch.map((p) => p.load())));
    const out = await runtime.forward(pixels);
    const poolings = out.states.map((state, l) => layerPooling(state, runtime, options.pooling, l, out.inputSize));
    batch.forEach((picture, row) => {
      out.states.forEach((state, l) => {
        const pooling = poolings[l];
        const vector = new Float32Array(pooledWidth(state.dims, pooling));
        poolPicture(state, row, pooling, patchTokens(state.dims, out.inputSize, runtime.patchSize), vector);
        options.store.put(imageActivationKey(runtime, options.pooling, picture.sha256, l), 'hf:image-activations', new Uint8Array(vector.buffer));
        if (l === layer) for (const slot of todo.get(picture.sha256)!) result[slot] = vector;
      });
    });
    options.onProgress?.(Math.min(start + batchSize, pending.length), pending.length);
  }
  return result as Float32Array[];
}

/** Patch tokens of a token layer: (height / patch) × (width / patch) of the preprocessed input, the rest being CLS, distillation or register tokens. */
export function patchTokens(dims: readonly number[], inputSize: readonly [number, number], patchSize: number | undefined): number {
  if (dims.length !== 3) return 0;
  const tokens = dims[1];
  if (patchSize === undefined) return tokens;
  const patches = Math.floor(inputSize[0] / patchSize) * Math.floor(inputSize[1] / patchSize);
  return patches > 0 && patches <= tokens ? patches : tokens;
}

/** The pooling a layer gets: the one asked for (checked against the layer's kind) or the layer's default. */
export function layerPooling(state: LayerOutput, runtime: HfImageRuntime, asked: ImagePooling | undefined, layer: number, inputSize: readonly [number, number]): ImagePooling {
  const rank = state.dims.length;
  const hasCls = rank === 3 && patchTokens(state.dims, inputSize, runtime.patchSize) < state.dims[1];
  // Default for tokens: the patch mean, defined at every layer (the CLS token is the same for every picture at the embeddings).
  if (asked === undefined) return rank === 4 ? 'flatten' : 'mean';
  if (rank === 2) return asked;
  const allowed = rank === 4 ? MAP_POOLINGS : TOKEN_POOLINGS;
  const what = rank === 4 ? `feature maps [${state.dims.join(', ')}]` : `tokens [${state.dims.join(', ')}]`;
  if (!allowed.includes(asked)) throw new InputError(`--pooling ${asked} does not apply to layer ${layer}, whose output is ${what}; use ${allowed.join(' or ')}`, { file: '--pooling' });
  if (asked === 'cls' && !hasCls) throw new InputError(`--pooling cls: layer ${layer} has no CLS token (${state.dims[1]} tokens, all patches); use mean`, { file: '--pooling' });
  return asked;
}

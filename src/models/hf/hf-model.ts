// `hf:<model-id-or-folder>` text models: a transformer (transformers.js v4 on onnxruntime-node) as an
// EmbeddingModel with every layer (embeddings, then each block), pooled over the item's tokens; causal models
// also give per-word surprisal. Picture models are in hf-image-model.ts; openHfModel picks between them.
import { InputError } from '../../core/input-error.ts';
import { matrix } from '../../core/matrix.ts';
import { memoryStore, type AnswerStore } from '../answer-store.ts';
import { itemWords } from '../item-words.ts';
import { textsOnly, type EmbeddingModel, type ItemVectors } from '../word-model.ts';
import { pooledActivations } from './hf-activations.ts';
import type { Tower } from './hf-kind.ts';
import { locateHfModel, type LocatedHfModel } from './hf-locate.ts';
import { loadRuntime, type HfRuntime } from './hf-runtime.ts';
import type { Pooling } from './pooling.ts';
import { wordSurprisals, type WordSurprisals } from './surprisal.ts';

/** How to load and run an `hf:` model. */
export interface HfModelOptions {
  /** Attune's cache folder (default cacheDirectory()): hub downloads and exposed-layer copies go there. */
  cacheDir?: string;
  /** Forbid the network (default: ATTUNE_OFFLINE=1). */
  offline?: boolean;
  /** Where pooled activations are kept (default: in memory for this process). */
  store?: AnswerStore;
  pooling?: Pooling;
  /** A two-tower model's tower (CLIP, SigLIP): image (default) or text. */
  tower?: Tower;
  /** Tokens per forward batch (default: a 256 MiB budget for all layers' states). */
  batchTokens?: number;
  onProgress?: (done: number, total: number) => void;
  log?: (line: string) => void;
}

/** A transformer model: every layer's pooled vectors, plus surprisal when it is causal. */
export interface HfModel extends EmbeddingModel {
  readonly pooling: Pooling;
  readonly causal: boolean;
  /** Longest input in tokens. */
  readonly maxTokens: number;
  /** Whether the export declared its hidden states (else Attune exposed them). */
  readonly declaredHiddenStates: boolean;
  /** Pooled vectors of every layer for each item (layers × hidden, float32, layer-major). */
  allLayers(items: readonly string[]): Promise<Float32Array[]>;
  /** Per-word surprisal in bits of a text given as words (causal models only). */
  surprisals(words: readonly string[]): Promise<WordSurprisals>;
  /** Release the ONNX session. */
  dispose(): Promise<void>;
}

/** Load the text model `hf:<spec>` (spec: a hub id or a folder) as model `id`; a picture model is an InputError (see openHfModel). */
export async function loadHfModel(spec: string, id: string, options: HfModelOptions = {}): Promise<HfModel> {
  const located = await locateHfModel(spec, options);
  if (located.kind.modality !== 'text') throw new InputError(`hf:${spec} is a picture model; it cannot be read as a text model`, { file: '--model' });
  return hfTextModel(located, id, options);
}

/** A located text model (or a two-tower model's text tower) as an HfModel. */
export async function hfTextModel(located: LocatedHfModel, id: string, options: HfModelOptions = {}): Promise<HfModel> {
  const { folder, prepared, kind } = located;
  const runtime = await loadRuntime(folder, prepared, kind.file);
  const pooling = options.pooling ?? 'mean';
  const store = options.store ?? memoryStore();
  const layers = prepared.hiddenStates.map((_, i) => (i === 0 ? 'embeddings' : `layer ${i}`));
  const activations = (items: readonly string[]) =>
    pooledActivations(runtime, items.map(itemText), { pooling, store, batchTokens: options.batchTokens, onProgress: options.onProgress, log: options.log });
  return {
    kind: 'embedding',
    id,
    revision: `${prepared.sha256.slice(0, 16)}:${pooling}`,
    dimensions: runtime.hidden,
    layers,
    defaultLayer: layers.length - 1,
    modalities: ['text'],
    preprocessing: { tokenizer: 'the model\'s own (tokenizer.json)', pooling, ...(kind.tower ? { tower: kind.tower } : {}) },
    pooling,
    causal: runtime.causal,
    maxTokens: runtime.maxTokens,
    declaredHiddenStates: prepared.declared,
    allLayers: activations,
    vectors: async (items, layer = layers.length - 1) => {
      const texts = kind.tower ? textsOnly(items, `${id} (its image tower: --tower image)`, '--tower') : textsOnly(items, id);
      return layerVectors(runtime, texts, await activations(texts), layer);
    },
    surprisals: (words) => wordSurprisals(runtime, words),
    dispose: async () => {
      await runtime.model.dispose();
    },
  };
}

/** The text a transformer sees for an item: a sense label such as ' (postal)' dropped, whitespace single. */
export function itemText(item: string): string {
  return itemWords(item).join(' ');
}

function layerVectors(runtime: HfRuntime, items: readonly string[], all: Float32Array[], layer: number): ItemVectors {
  const count = runtime.prepared.hiddenStates.length;
  if (!Number.isInteger(layer) || layer < 0 || layer >= count) throw new RangeError(`layer ${layer} is out of range (the model has layers 0…${count - 1})`);
  const h = runtime.hidden;
  const data = new Float32Array(items.length * h);
  const covered = items.map((item, i) => {
    if (itemText(item) === '') return false;
    data.set(all[i].subarray(layer * h, (layer + 1) * h), i * h);
    return true;
  });
  return { matrix: matrix(items.length, h, data), covered, multiWord: items.filter((it) => itemWords(it).length > 1).length, missingWords: [] };
}

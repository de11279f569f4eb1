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

/** A model that maps words to vectors (GloVe, a vectors file, later transformer layers). */
export interface EmbeddingModel {
  readonly kind: 'embedding';
  /** The model id as the user gave it, e.g. 'glove' or 'vectors:my.txt'. */
  readonly id: string;
  /** Content identity: a sha256 (hex) of the weights or file, part of every cache key. */
  readonly revision: string;
  readonly dimensions: number;
  /** Vectors for items (lower-cased before look-up when the vocabulary is lower-case). */
  vectors(items: readonly string[]): ItemVectors;
}

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

/** Any model the runner can score. */
export type WordModel = EmbeddingModel | RecordedModel;

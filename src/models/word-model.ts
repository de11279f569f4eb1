// The one model interface: a model maps stimuli (texts or pictures) to activations per layer, or answers as
// a participant (recorded ratings, a rater model).
import { InputError } from '../core/input-error.ts';
import type { Matrix } from '../core/matrix.ts';
import { isImage, type ImageStimulus, type Modality, type Stimulus } from '../core/stimulus.ts';

/** Vectors for a list of items (stimuli), one row per item, with what was and was not covered. */
export interface ItemVectors {
  /** items.length × the layer's width, float32; rows of uncovered items are all zeros. */
  matrix: Matrix;
  /** covered[i]: every word of item i is in the vocabulary (multi-word items: the mean of their words). */
  covered: boolean[];
  /** Items made of several words (split on spaces, hyphens kept), covered or not. */
  multiWord: number;
  /** Words looked up and not found (distinct, in first-seen order). */
  missingWords: string[];
}

/**
 * A model that maps stimuli to vectors at each of its layers: word vectors (texts, one layer), a transformer
 * (texts or pictures, every layer), recorded activations (features files), or a weight-free picture baseline.
 */
export interface EmbeddingModel {
  readonly kind: 'embedding';
  /** The model id as the user gave it, e.g. 'glove', 'vectors:my.txt', 'hf:./bert' or 'gabor'. */
  readonly id: string;
  /** Content identity: a sha256 (hex) of the weights or file, or the parameters of a fixed model; part of every cache key. */
  readonly revision: string;
  /** Width of the default layer (layers of picture models differ in width: see ItemVectors.matrix). */
  readonly dimensions: number;
  /** Names of the layers in order (word-vector models have one, 'vectors'; transformers: embeddings, layer 1, …). */
  readonly layers: readonly string[];
  /** The layer used when none is chosen (the last). */
  readonly defaultLayer: number;
  /** What it can be shown: texts, pictures, or both (a features folder, a CLIP tower of the user's choice). */
  readonly modalities: readonly Modality[];
  /** How stimuli become vectors (image preprocessing, pooling, baseline parameters), for the provenance of every score. */
  readonly preprocessing?: Record<string, unknown>;
  /** Whether it has vectors for any of the stimuli with these names (a features folder); absent means every stimulus of its modalities. */
  covers?(names: readonly string[]): boolean;
  /** Vectors of items at a layer (default: defaultLayer); word vectors lower-case first when the vocabulary is lower-case. */
  vectors(items: readonly Stimulus[], layer?: number): Promise<ItemVectors>;
}

/** Whether a model can be shown texts (word vectors, text transformers, a features folder of texts). */
export function seesTexts(model: WordModel): model is EmbeddingModel {
  return model.kind === 'embedding' && model.modalities.includes('text');
}

/** Whether a model can be shown pictures. */
export function seesImages(model: WordModel): model is EmbeddingModel {
  return model.kind === 'embedding' && model.modalities.includes('image');
}

/** The stimuli as texts, for a model that sees only texts; InputError (on `option`, default `--model`) at the first picture. */
export function textsOnly(items: readonly Stimulus[], modelId: string, option = '--model'): string[] {
  return items.map((item) => {
    if (isImage(item)) throw new InputError(`${modelId} sees only texts, not pictures such as ${item.name} (${item.source})`, { file: option });
    return item;
  });
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

/** The stimuli as pictures, for a model that sees only pictures; InputError (on `option`, default `--model`) at the first text. */
export function imagesOnly(items: readonly Stimulus[], modelId: string, option = '--model'): ImageStimulus[] {
  return items.map((item) => {
    if (!isImage(item)) throw new InputError(`${modelId} sees only pictures, not texts such as '${item}'`, { file: option });
    return item;
  });
}

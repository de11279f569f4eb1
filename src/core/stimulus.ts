// What a model is shown: a text (a word, a phrase, a sentence) or a picture. Shared by the data layer, which
// reads stimulus sets, and the models, which turn stimuli into activations.

/** A decoded picture: 8-bit sRGB, 3 channels, row-major (height × width × 3 bytes). */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A picture stimulus: its name (a file name, e.g. 'image_01.jpg'), a hash of its content, and how to decode it. */
export interface ImageStimulus {
  readonly kind: 'image';
  readonly name: string;
  /** sha256 (hex) of the encoded file (or of the raw pixels when the set stores no file): part of every cache key. */
  readonly sha256: string;
  /** Where it comes from, for messages: a file path or `<dataset>:<name>`. */
  readonly source: string;
  load(): Promise<RgbImage>;
}

/** A stimulus: a text, or a picture. */
export type Stimulus = string | ImageStimulus;

/** What a model can be shown. */
export type Modality = 'text' | 'image';

/** Whether a stimulus is a picture. */
export function isImage(stimulus: Stimulus): stimulus is ImageStimulus {
  return typeof stimulus !== 'string';
}

/** The name a stimulus goes by in files and messages: the text itself, or the picture's name. */
export function stimulusName(stimulus: Stimulus): string {
  return typeof stimulus === 'string' ? stimulus : stimulus.name;
}

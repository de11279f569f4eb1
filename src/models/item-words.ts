// Items as words for embedding models: sense suffixes dropped, multi-word items split, one mean vector per item.
import { matrix } from '../core/matrix.ts';
import type { ItemVectors } from './word-model.ts';

/** A trailing parenthesised sense label, e.g. ' (postal)' in 'address (postal)' (Glasgow norms). */
const SENSE_SUFFIX = /\s*\([^()]*\)\s*$/;

/**
 * The words of an item. A trailing parenthesised sense label is dropped ('address (postal)' → ['address']:
 * a word model has one vector per word form, not per sense); the rest is split on runs of whitespace
 * ('ice cream' → ['ice', 'cream']). A hyphenated word stays whole when `known` says the vocabulary has it
 * ('t-shirt'), else it is split on its hyphens ('sea-lion' → ['sea', 'lion']); without `known`, hyphens are kept.
 */
export function itemWords(item: string, known?: (word: string) => boolean): string[] {
  const stripped = item.replace(SENSE_SUFFIX, '');
  const base = stripped.trim() === '' ? item : stripped; // an item that is only '(…)' keeps its text
  const words: string[] = [];
  for (const word of base.trim().split(/\s+/)) {
    if (word === '') continue;
    if (known === undefined || !word.includes('-') || known(word)) {
      words.push(word);
      continue;
    }
    for (const part of word.split('-')) if (part !== '') words.push(part);
  }
  return words;
}

/** Whether an item has several words when split on whitespace (after dropping a sense label), hyphens kept. */
export function isMultiWord(item: string): boolean {
  return itemWords(item).length > 1;
}

/**
 * Vectors of items from a word → vector look-up: an item is covered when every one of its words
 * (itemWords) is found, and its row is then the mean of those vectors, rounded to float32; rows of
 * uncovered items are zeros. `lookup` gets the words as itemWords gives them (lower-case them there if needed).
 */
export function meanVectors(
  items: readonly string[],
  lookup: (word: string) => ArrayLike<number> | undefined,
  dimensions: number,
): ItemVectors {
  const data = new Float32Array(items.length * dimensions);
  const covered: boolean[] = new Array<boolean>(items.length).fill(false);
  const missing = new Set<string>();
  const sum = new Float64Array(dimensions);
  const known = (word: string): boolean => lookup(word) !== undefined;
  let multiWord = 0;
  for (let i = 0; i < items.length; i++) {
    if (isMultiWord(items[i])) multiWord++;
    const words = itemWords(items[i], known);
    sum.fill(0);
    let found = 0;
    for (const word of words) {
      const v = lookup(word);
      if (v === undefined) {
        missing.add(word);
        continue;
      }
      found++;
      for (let d = 0; d < dimensions; d++) sum[d] += v[d];
    }
    if (words.length === 0 || found < words.length) continue;
    const out = i * dimensions;
    for (let d = 0; d < dimensions; d++) data[out + d] = sum[d] / found;
    covered[i] = true;
  }
  return { matrix: matrix(items.length, dimensions, data), covered, multiWord, missingWords: [...missing] };
}

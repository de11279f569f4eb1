// Word vectors files for tests that run the core suite on `vectors:<file>` models: the words of the shipped
// word-similarity sets (and optionally of the Glasgow, Brysbaert and Kuperman norms), each with a seeded random vector.
import { writeFileSync } from 'node:fs';
import { createRng } from '../src/core/random.ts';
import { loadNormsSet } from '../src/data/datasets/norms.ts';
import { loadWordSimilarity, WORD_SIMILARITY_SETS } from '../src/data/datasets/word-similarity.ts';

/** The distinct words of the word-similarity sets named (default all), then those of the norms sets named, in first-seen order. */
export function coreWords(options: { sets?: readonly string[]; norms?: readonly string[] } = {}): string[] {
  const words = new Set<string>();
  for (const id of options.sets ?? WORD_SIMILARITY_SETS.map((s) => s.id)) {
    for (const pair of loadWordSimilarity(id).pairs) {
      words.add(pair.word1);
      words.add(pair.word2);
    }
  }
  for (const id of options.norms ?? []) for (const word of loadNormsSet(id).words) words.add(word);
  return [...words].filter((w) => w !== '' && !/\s/.test(w));
}

/** Write a vectors file (`count dims` header, then `word v1 … vd`) with a seeded standard-normal vector per word; returns its path. */
export function writeWordVectors(path: string, words: readonly string[], dims: number, seed: number): string {
  const rng = createRng(seed);
  const lines = [`${words.length} ${dims}`];
  for (const word of words) lines.push(`${word} ${Array.from({ length: dims }, () => rng.normal().toFixed(5)).join(' ')}`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** The CLI tests' 20 common words with 8 fixed values each (from their letters), written to `path` in word2vec text format (returns it). */
export function writeTwentyWordVectors(path: string): string {
  const words = ['cat', 'dog', 'car', 'money', 'bank', 'king', 'queen', 'water', 'food', 'house', 'love', 'man', 'woman', 'computer', 'book', 'tiger', 'bird', 'tree', 'city', 'sun'];
  const vector = (w: string) => Array.from({ length: 8 }, (_, k) => ((w.charCodeAt(k % w.length) * (k + 3)) % 17) / 17 - 0.4);
  writeFileSync(path, words.map((w) => `${w} ${vector(w).join(' ')}`).join('\n') + '\n');
  return path;
}

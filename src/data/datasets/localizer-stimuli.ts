// Stimuli of the language localizer: real sentences (from the Natural Stories texts) against lists of
// pronounceable non-words of the same lengths. Fedorenko et al.'s (2010) original materials are not
// shipped, so this is the same contrast (sentences > non-word lists) on stimuli we can distribute.
import { createRng } from '../../core/random.ts';
import { datasetFile, verifyDataset } from '../registry.ts';
import { readTable } from '../table.ts';

/** The two conditions, one text per item, matched in number of words item by item. */
export interface LocalizerStimuli {
  sentences: string[];
  nonWordLists: string[];
  dataset: { id: string; checksum: string };
}

const ONSETS = ['b', 'bl', 'br', 'd', 'dr', 'f', 'fl', 'g', 'gl', 'gr', 'k', 'kl', 'l', 'm', 'n', 'p', 'pl', 'pr', 'r', 's', 'sk', 'sl', 'sp', 't', 'tr', 'v', 'z'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ee', 'oo', 'ou'];
const CODAS = ['', 'b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'rk', 'sp', 'st', 't', 'nd', 'mp'];

/**
 * Up to `count` sentences of 8–16 words from the Natural Stories texts (in story order, split after '.', '!'
 * or '?'), each paired with a list of as many non-words (one or two CV(C) syllables, seeded by `seed`).
 */
export function localizerStimuli(count = 120, seed = 0): LocalizerStimuli {
  const table = readTable(datasetFile('natural_stories', 'all_stories.tok'), { header: true });
  const sentences: string[] = [];
  let current: string[] = [];
  let story = '';
  for (const row of table.rows) {
    const [word, , item] = row;
    if (item !== story) {
      current = [];
      story = item;
    }
    current.push(word);
    if (/[.!?]["')]*$/.test(word)) {
      if (current.length >= 8 && current.length <= 16 && sentences.length < count) sentences.push(current.join(' '));
      current = [];
    }
  }
  const rng = createRng(seed);
  const pick = (list: readonly string[]) => list[rng.int(list.length)];
  const nonWord = () => Array.from({ length: 1 + rng.int(2) }, () => pick(ONSETS) + pick(VOWELS) + pick(CODAS)).join('');
  const nonWordLists = sentences.map((s) => Array.from({ length: s.split(' ').length }, nonWord).join(' '));
  return { sentences, nonWordLists, dataset: { id: 'natural_stories', checksum: verifyDataset('natural_stories') } };
}

// The shipped word-similarity / relatedness sets: which file and column each one reads, and their loader.
import { datasetFile, verifyDataset } from '../registry.ts';
import { readWordPairs, type WordPairs } from '../word-pairs.ts';

/** One word-similarity benchmark: its id, the registry dataset and file, the score column and its scale. */
export interface WordSimilaritySet {
  id: string;
  title: string;
  dataset: string;
  file: string;
  column: string | number;
  scale: string;
}

/** Every shipped word-pair set (all tab-separated; only SimLex-999 has a header). */
export const WORD_SIMILARITY_SETS: readonly WordSimilaritySet[] = [
  { id: 'simlex999', title: 'SimLex-999', dataset: 'simlex999', file: 'SimLex-999.txt', column: 'SimLex999', scale: 'similarity 0-10' },
  { id: 'men3000', title: 'MEN', dataset: 'men3000', file: 'EN-MEN-TR-3k.txt', column: 2, scale: 'relatedness 0-50' },
  { id: 'ws353', title: 'WordSim-353 (all)', dataset: 'wordsim353', file: 'EN-WS-353-ALL.txt', column: 2, scale: 'similarity/relatedness 0-10' },
  { id: 'ws353-sim', title: 'WordSim-353 similarity subset', dataset: 'wordsim353', file: 'EN-WS-353-SIM.txt', column: 2, scale: 'similarity 0-10' },
  { id: 'ws353-rel', title: 'WordSim-353 relatedness subset', dataset: 'wordsim353', file: 'EN-WS-353-REL.txt', column: 2, scale: 'relatedness 0-10' },
  { id: 'rg65', title: 'RG-65', dataset: 'rg65', file: 'EN-RG-65.txt', column: 2, scale: 'similarity 0-4' },
  { id: 'mturk771', title: 'MTurk-771', dataset: 'mturk771', file: 'EN-MTurk-771.txt', column: 2, scale: 'relatedness 1-5' },
  { id: 'mc30', title: 'MC-30', dataset: 'word_similarity_other', file: 'EN-MC-30.txt', column: 2, scale: 'similarity 0-4' },
  { id: 'mturk287', title: 'MTurk-287', dataset: 'word_similarity_other', file: 'EN-MTurk-287.txt', column: 2, scale: 'relatedness 1-5' },
  { id: 'rw', title: 'Stanford Rare Words', dataset: 'word_similarity_other', file: 'EN-RW-STANFORD.txt', column: 2, scale: 'similarity 0-10' },
  { id: 'verb143', title: 'Verb-143', dataset: 'word_similarity_other', file: 'EN-VERB-143.txt', column: 2, scale: 'similarity 0-1' },
  { id: 'yp130', title: 'YP-130', dataset: 'word_similarity_other', file: 'EN-YP-130.txt', column: 2, scale: 'similarity 0-4' },
];

/** The set with this id; an Error listing the known ids otherwise. */
export function getWordSimilaritySet(id: string): WordSimilaritySet {
  const set = WORD_SIMILARITY_SETS.find((s) => s.id === id);
  if (!set) throw new Error(`unknown word-similarity set "${id}"; known: ${WORD_SIMILARITY_SETS.map((s) => s.id).join(', ')}`);
  return set;
}

/** Verify the dataset's checksums, then read the set's pairs; carries the dataset id and checksum. */
export function loadWordSimilarity(id: string): WordPairs & { dataset: string; checksum: string } {
  const set = getWordSimilaritySet(id);
  const checksum = verifyDataset(set.dataset);
  const columns = typeof set.column === 'string' ? { word1: 'word1', word2: 'word2', score: set.column } : { score: set.column };
  const pairs = readWordPairs(datasetFile(set.dataset, set.file), columns);
  return { ...pairs, dataset: set.dataset, checksum };
}

// The shipped psycholinguistic norms: Glasgow (9 dimensions), Brysbaert concreteness, Kuperman AoA, Glasgow 871 senses.
import { datasetFile, verifyDataset } from '../registry.ts';
import { readNorms, type NormsTable } from '../norms-file.ts';

/** One norms benchmark: id, registry dataset and file, word and rating columns, scale; `senses` says which Glasgow entries to keep. */
export interface NormSet {
  id: string;
  title: string;
  dataset: string;
  file: string;
  wordColumn: string;
  column: string;
  scale: string;
  /** 'exclude': drop sense entries written `word (sense)` (the Glasgow file mixes them with plain words). */
  senses?: 'exclude';
}

/** A Glasgow dimension: its id suffix, its column in the original file (typos kept) and in the 871-senses file, its scale. */
const GLASGOW: readonly { dim: string; original: string; senses: string; scale: string }[] = [
  { dim: 'arousal', original: 'Arousal.M', senses: 'Arousal.M', scale: '1 (calm) - 9 (excited)' },
  { dim: 'valence', original: 'Valence.M', senses: 'Valence.M', scale: '1 (negative) - 9 (positive)' },
  { dim: 'dominance', original: 'Dominance.M', senses: 'Dominance.M', scale: '1 (controlled) - 9 (in control)' },
  { dim: 'concreteness', original: 'Concreteness.M', senses: 'Concreteness.M', scale: '1 (abstract) - 7 (concrete)' },
  { dim: 'imageability', original: 'Imag.M', senses: 'Imageability.M', scale: '1 - 7' },
  { dim: 'familiarity', original: 'Familiarty.M', senses: 'Familiarity.M', scale: '1 - 7' },
  { dim: 'aoa', original: 'AoA.M', senses: 'AoA.M', scale: 'age band 1 (0-2 years) - 7 (13+ years)' },
  { dim: 'size', original: 'Size.M', senses: 'Size.M', scale: '1 (small) - 7 (big)' },
  { dim: 'gender', original: 'Gender.M', senses: 'Gender.M', scale: '1 (feminine) - 7 (masculine)' },
];

const GLASGOW_FILE = '13428_2018_1099_MOESM2_ESM.csv';
const SENSES_FILE = 'glasgow_human_871_senses.csv';

/** Every shipped norms set. */
export const NORM_SETS: readonly NormSet[] = [
  ...GLASGOW.map((g): NormSet => ({
    id: `glasgow:${g.dim}`,
    title: `Glasgow Norms ${g.dim} (single-sense words)`,
    dataset: 'glasgow_norms',
    file: GLASGOW_FILE,
    wordColumn: 'Words',
    column: g.original,
    scale: g.scale,
    senses: 'exclude',
  })),
  {
    id: 'brysbaert:concreteness',
    title: 'Brysbaert concreteness',
    dataset: 'brysbaert_concreteness',
    file: 'brysbaert_norms.csv',
    wordColumn: 'Word',
    column: 'Conc.M',
    scale: '1 (abstract) - 5 (concrete)',
  },
  {
    id: 'kuperman:aoa',
    title: 'Kuperman age of acquisition',
    dataset: 'kuperman_aoa',
    file: 'AoA_ratings_Kuperman_et_al_BRM.csv',
    wordColumn: 'Word',
    column: 'Rating.Mean',
    scale: 'age in years',
  },
  ...GLASGOW.map((g): NormSet => ({
    id: `glasgow871:${g.dim}`,
    title: `Glasgow Norms ${g.dim} (871 sense entries)`,
    dataset: 'llm_norms_gpt4',
    file: SENSES_FILE,
    wordColumn: 'word',
    column: g.senses,
    scale: g.scale,
  })),
];

const SENSE_ENTRY = /\s\(.*\)$/;

/** The norms set with this id; an Error listing the known ids otherwise. */
export function getNormSet(id: string): NormSet {
  const set = NORM_SETS.find((s) => s.id === id);
  if (!set) throw new Error(`unknown norms set "${id}"; known: ${NORM_SETS.map((s) => s.id).join(', ')}`);
  return set;
}

/** Verify the dataset's checksums, then read the set's words and ratings (NaN where missing); carries dataset id and checksum. */
export function loadNormsSet(id: string): NormsTable & { dataset: string; checksum: string } {
  const set = getNormSet(id);
  const checksum = verifyDataset(set.dataset);
  const table = readNorms(datasetFile(set.dataset, set.file), set.wordColumn, set.column);
  const result = set.senses === 'exclude' ? withoutSenses(table) : table;
  return { ...result, dataset: set.dataset, checksum };
}

/** The table without `word (sense)` entries; `missing` recounted. */
function withoutSenses(table: NormsTable): NormsTable {
  const keep: number[] = [];
  table.words.forEach((w, i) => {
    if (!SENSE_ENTRY.test(w)) keep.push(i);
  });
  const values = Float64Array.from(keep, (i) => table.values[i]);
  return {
    file: table.file,
    column: table.column,
    words: keep.map((i) => table.words[i]),
    values,
    lines: keep.map((i) => table.lines[i]),
    missing: values.reduce((n, v) => n + (Number.isNaN(v) ? 1 : 0), 0),
  };
}

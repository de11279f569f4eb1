// THINGS: the 1,854 object concepts (names, ids), their SPoSE 49-d human similarity embedding, and the
// THINGSplus concept ratings (11 object properties on a 1–7 scale, real-world size), aligned by uniqueID.
import { readFileSync } from 'node:fs';
import { InputError } from '../../core/input-error.ts';
import type { Matrix } from '../../core/matrix.ts';
import { parseNumericTable } from '../numeric-table.ts';
import { datasetFile, verifyDataset } from '../registry.ts';
import { columnIndex, numericValue, readTable } from '../table.ts';

/** One THINGS concept: its stable id (e.g. 'bat1', 'hot-air_balloon') and display name (e.g. 'bat', 'hot-air balloon'). */
export interface ThingsConcept {
  id: string;
  word: string;
  /** 1-based line in things_concepts.tsv. */
  line: number;
}

/** The concepts in the file's order (alphabetical by uniqueID: the row order of the SPoSE embeddings). */
export function loadThingsConcepts(): { dataset: string; checksum: string; concepts: ThingsConcept[] } {
  const checksum = verifyDataset('things_concepts');
  const table = readTable(datasetFile('things_concepts', 'things_concepts.tsv'), { header: true });
  const iw = columnIndex(table, 'Word', 'word');
  const ii = columnIndex(table, 'uniqueID', 'uniqueID');
  const concepts = table.rows.map((row, k): ThingsConcept => ({ id: row[ii], word: row[iw].trim(), line: table.lines[k] }));
  return { dataset: 'things_concepts', checksum, concepts };
}

/** The SPoSE embedding: one row of non-negative dimensions per concept, and the concept ids of its rows. */
export interface SposeEmbedding {
  dataset: string;
  checksum: string;
  ids: string[];
  /** concepts × 49, float64. */
  matrix: Matrix;
}

/** The 49-d SPoSE embedding (Hebart et al. 2020), rows named by unique_id.txt; an InputError if the two disagree in length. */
export function loadSposeEmbedding(): SposeEmbedding {
  const checksum = verifyDataset('things_spose_embedding');
  const file = datasetFile('things_spose_embedding', 'spose_embedding_49d_sorted.txt');
  const table = parseNumericTable(readFileSync(file, 'utf8'), { file, header: false, separator: ' ' });
  const ids = readFileSync(datasetFile('things_spose_embedding', 'unique_id.txt'), 'utf8').split(/\r?\n/).filter((l) => l !== '');
  if (ids.length !== table.matrix.rows) {
    throw new InputError(`${table.matrix.rows} embedding rows but ${ids.length} ids in unique_id.txt`, { file });
  }
  return { dataset: 'things_spose_embedding', checksum, ids, matrix: table.matrix };
}

/** A THINGSplus rating: its name (the benchmark id suffix), file, column and scale. */
export interface ThingsProperty {
  name: string;
  file: 'animacy.csv' | 'size_fixed.csv';
  column: string;
  scale: string;
}

const ANIMACY = ['manmade', 'precious', 'lives', 'heavy', 'natural', 'moves', 'grasp', 'hold', 'be.moved', 'pleasant', 'arousing'];

/** The 11 property means of animacy.csv and the mean real-world size of size_fixed.csv. */
export const THINGS_PROPERTIES: readonly ThingsProperty[] = [
  ...ANIMACY.map((name): ThingsProperty => ({ name, file: 'animacy.csv', column: `${name}_mean`, scale: '1 - 7 (mean of 30-40 raters)' })),
  { name: 'size', file: 'size_fixed.csv', column: 'meanSize', scale: 'slider position, larger = bigger (observed 100 - 423)' },
];

/** One property's human means aligned to `ids` (NaN where a concept has no trustworthy value), and the ids left out. */
export interface ThingsPropertyValues {
  dataset: string;
  checksum: string;
  property: ThingsProperty;
  values: Float64Array;
  /** Concept ids whose row was dropped as ambiguous (size_fixed.csv: `word` disagrees with the concept of `uniqueID`). */
  ambiguous: string[];
}

/**
 * The mean ratings of a property for concepts `ids`, matched by uniqueID (animacy.csv is not in concept order;
 * size_fixed.csv writes ids with spaces for underscores). In size_fixed.csv seven rows name a different concept
 * in `word` than in `uniqueID` (the baseball, basketball and crystal rows): which one was rated is unknowable, so
 * those concepts get NaN (pass `words`, the concepts' names, to check it). InputError for unknown or repeated ids.
 */
export function loadThingsProperty(name: string, ids: readonly string[], words: readonly string[]): ThingsPropertyValues {
  const property = THINGS_PROPERTIES.find((p) => p.name === name);
  if (!property) throw new Error(`unknown THINGS property '${name}'; known: ${THINGS_PROPERTIES.map((p) => p.name).join(', ')}`);
  const checksum = verifyDataset('things_property_ratings');
  const file = datasetFile('things_property_ratings', property.file);
  const table = readTable(file, { header: true });
  const iid = columnIndex(table, 'uniqueID', 'uniqueID');
  const iv = columnIndex(table, property.column, 'rating');
  const iw = property.file === 'size_fixed.csv' ? columnIndex(table, 'word', 'word') : -1;
  const position = new Map(ids.map((id, i) => [id, i]));
  const values = new Float64Array(ids.length).fill(NaN);
  const seen = new Set<number>();
  const ambiguous: string[] = [];
  table.rows.forEach((row, k) => {
    const line = table.lines[k];
    const id = row[iid].trim().replace(/ /g, '_');
    const i = position.get(id);
    if (i === undefined) throw new InputError(`unknown THINGS uniqueID ${JSON.stringify(row[iid])}`, { file, line, column: iid + 1 });
    if (seen.has(i)) throw new InputError(`uniqueID ${JSON.stringify(id)} appears twice`, { file, line, column: iid + 1 });
    seen.add(i);
    const value = numericValue(row[iv].trim());
    if (value === undefined) throw new InputError(`non-numeric ${property.column} ${JSON.stringify(row[iv])}`, { file, line, column: iv + 1 });
    if (iw >= 0 && row[iw].trim() !== words[i]) ambiguous.push(id);
    else values[i] = value;
  });
  return { dataset: 'things_property_ratings', checksum, property, values, ambiguous };
}

// The dataset registry: id → card (files with sha256, citation, licence, columns), file paths and checksum verification.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATASET_CARDS } from './datasets/cards.ts';

/** What Attune knows about one vendored data set (one folder of data/). */
export interface DatasetCard {
  id: string;
  title: string;
  folder: string;
  files: { name: string; sha256: string }[];
  citation: string;
  licence: string;
  url?: string;
  /** Column (or `file: column`) → meaning. */
  columns: Record<string, string>;
  description: string;
}

/** The repository's data/ folder: two levels up from this file (src/data), then data. */
export const DATA_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');

const verified = new Map<string, string>();

/** Every registered data set, in registry order. */
export function listDatasets(): DatasetCard[] {
  return DATASET_CARDS.slice();
}

/** The card of a data set; an Error listing the known ids when the id is unknown. */
export function getDataset(id: string): DatasetCard {
  const card = DATASET_CARDS.find((c) => c.id === id);
  if (!card) {
    throw new Error(`unknown dataset "${id}"; known datasets: ${DATASET_CARDS.map((c) => c.id).join(', ')}`);
  }
  return card;
}

/** Absolute path of a file of a data set (the name as listed on its card, e.g. `splits/harmful_test.json`). */
export function datasetFile(id: string, name: string): string {
  const card = getDataset(id);
  if (!card.files.some((f) => f.name === name)) {
    throw new Error(`dataset "${id}" has no file "${name}"; its files: ${card.files.map((f) => f.name).join(', ')}`);
  }
  return join(DATA_ROOT, card.folder, name);
}

/** Check every file of a data set against the sha256 on its card; returns the dataset checksum (memoised per process). */
export function verifyDataset(id: string): string {
  const known = verified.get(id);
  if (known !== undefined) return known;
  const card = getDataset(id);
  const checksum = verifyFiles(card, join(DATA_ROOT, card.folder));
  verified.set(id, checksum);
  return checksum;
}

/** Check the files of a card found in `folder` against their sha256 (no memo); returns the dataset checksum or throws naming the file. */
export function verifyFiles(card: DatasetCard, folder: string): string {
  for (const { name, sha256 } of card.files) {
    const path = join(folder, name);
    if (!existsSync(path)) throw new Error(`dataset "${card.id}": file ${path} is missing`);
    const actual = sha256Hex(readFileSync(path));
    if (actual !== sha256) {
      throw new Error(
        `dataset "${card.id}": checksum mismatch for ${path} (sha256 ${actual}, expected ${sha256}); the file was changed or corrupted`,
      );
    }
  }
  return datasetChecksum(card.files);
}

/** The checksum of a data set: sha256 over its `name:sha256\n` lines, in card order. */
export function datasetChecksum(files: readonly { name: string; sha256: string }[]): string {
  return sha256Hex(files.map((f) => `${f.name}:${f.sha256}\n`).join(''));
}

/** Lower-case hex sha256 of bytes or text. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

// RAW-C: human relatedness of an ambiguous word's two uses in sentence context.
import { InputError } from '../../core/input-error.ts';
import { datasetFile, verifyDataset } from '../registry.ts';
import { columnIndex, numericValue, readTable } from '../table.ts';

/** One RAW-C item: the ambiguous word, its two sentences, the mean human relatedness (0-4) and the source line. */
export interface RawCPair {
  word: string;
  sentence1: string;
  sentence2: string;
  score: number;
  line: number;
}

/** Verify the raw_c dataset, then read its 672 sentence pairs with `mean_relatedness` as the score. */
export function loadRawC(): { dataset: string; checksum: string; file: string; pairs: RawCPair[] } {
  const checksum = verifyDataset('raw_c');
  const file = datasetFile('raw_c', 'raw-c.csv');
  const table = readTable(file, { header: true });
  const iw = columnIndex(table, 'word', 'word');
  const i1 = columnIndex(table, 'sentence1', 'sentence1');
  const i2 = columnIndex(table, 'sentence2', 'sentence2');
  const is = columnIndex(table, 'mean_relatedness', 'score');
  const pairs = table.rows.map((row, k): RawCPair => {
    const line = table.lines[k];
    const score = numericValue(row[is]);
    if (score === undefined) {
      throw new InputError(`non-numeric mean_relatedness ${JSON.stringify(row[is])}`, { file, line, column: is + 1 });
    }
    return { word: row[iw], sentence1: row[i1], sentence2: row[i2], score, line };
  });
  return { dataset: 'raw_c', checksum, file, pairs };
}

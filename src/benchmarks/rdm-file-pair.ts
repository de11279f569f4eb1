// Two RDM files made comparable, the one way `attune compare` and the dashboard's Compare read them: missing cells
// allowed (NaN, symmetric holes), the same number of stimuli, the second reordered to the first's labels when both
// are labelled, neither constant, and the pairs both have counted.
import type { ReadMatrixOptions } from '../data/read-matrix.ts';
import { sharedPairs } from '../measures/compare-shared-pairs.ts';
import { assertNotConstant, assertSameSize, missingPairs, readRdmFile, type RdmInput } from './rdm-input.ts';
import { reorderToLabels } from './rdm-label-order.ts';

/** Two RDMs ready to compare: b in a's stimulus order, the labels they share, and how many pairs both have. */
export interface RdmFilePair {
  a: RdmInput;
  b: RdmInput;
  /** The stimulus labels of the comparison (a's; b's when only b is labelled); undefined when neither is labelled. */
  labels?: string[];
  /** b's stimuli were put in a's label order. */
  reordered: boolean;
  /** The one file that is labelled when the other is not (its stimuli are then matched by position). */
  onlyLabelled?: string;
  pairsUsed: number;
  pairsTotal: number;
}

/** Read and align two RDM files (table options as `readRdmFile` takes them); every problem is an InputError naming a file. */
export async function readRdmFilePair(fileA: string, fileB: string, options: Pick<ReadMatrixOptions, 'header' | 'labels'> = {}): Promise<RdmFilePair> {
  const readOptions = { ...options, missing: 'nan' as const };
  const a = await readRdmFile(fileA, readOptions);
  const b = await readRdmFile(fileB, readOptions);
  assertSameSize(a, b);
  let labels: string[] | undefined;
  let reordered = false;
  let onlyLabelled: string | undefined;
  if (a.labels !== undefined && b.labels !== undefined) {
    reordered = a.labels.some((label, i) => label !== b.labels![i]);
    b.vector = reorderToLabels(b.vector, { labels: b.labels, file: b.source.file }, { labels: a.labels, file: a.source.file });
    labels = a.labels;
  } else if (a.labels !== undefined || b.labels !== undefined) {
    const only = a.labels !== undefined ? a : b;
    labels = only.labels;
    onlyLabelled = only.source.file;
  }
  assertNotConstant(a);
  assertNotConstant(b);
  const shared = sharedPairs(a.vector, b.vector);
  return { a, b, labels, reordered, onlyLabelled, pairsUsed: shared.used, pairsTotal: shared.total };
}

/** The files with missing pairs and how many each lacks ("x.csv (7)"), for refusing what needs complete RDMs; '' when none. */
export function describeHoles(pair: RdmFilePair): string {
  return [pair.a, pair.b].filter((r) => missingPairs(r) > 0).map((r) => `${r.source.file} (${missingPairs(r)})`).join(', ');
}

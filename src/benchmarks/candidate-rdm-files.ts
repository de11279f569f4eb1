// Candidate RDM files for `attune evaluate`: each file one model's RDM over the subjects' stimuli, named by its base
// name, checked (same size, finite) and, when both it and the subjects carry stimulus labels, put in the subjects' order.
import { basename, extname } from 'node:path';
import { InputError } from '../core/input-error.ts';
import { cellError } from '../data/read-matrix.ts';
import { degenerate, type CompareMethod } from '../measures/compare.ts';
import type { RdmCandidate } from './rdm-candidates.ts';
import { readRdmFile } from './rdm-input.ts';
import type { ReadMatrixOptions } from '../data/read-matrix.ts';
import { reorderToLabels } from './rdm-label-order.ts';
import type { SubjectRdms } from './subject-rdms-input.ts';

/** A candidate read from a file: its name (base name, made unique), its condensed RDM and the file. */
export interface CandidateFile extends RdmCandidate {
  file: string;
  rdm: Float64Array;
}

/**
 * Read candidate RDM files (square or condensed, as readRdmFile) against the subjects: a different stimulus count or
 * a non-finite value is an InputError at the cell, an RDM `method` cannot compare (constant) one naming the file; labelled candidates are matched to labelled subjects by label.
 * Names are base names without extension, suffixed #2, #3… when two files share one.
 */
export async function readCandidateFiles(files: readonly string[], subjects: SubjectRdms, method: CompareMethod, options: Pick<ReadMatrixOptions, 'header' | 'labels'> = {}): Promise<CandidateFile[]> {
  const out: CandidateFile[] = [];
  const used = new Map<string, number>();
  for (const file of files) {
    const rdm = await readRdmFile(file, options);
    if (rdm.stimuli !== subjects.stimuli) {
      const [i, j] = rdm.cellOf(rdm.vector.length - 1);
      throw cellError(rdm.source, i, j, `an RDM of ${rdm.stimuli} stimuli, but the subjects' RDMs have ${subjects.stimuli}: a candidate must cover the subjects' stimuli`);
    }
    for (let k = 0; k < rdm.vector.length; k++) {
      if (!Number.isFinite(rdm.vector[k])) {
        const [i, j] = rdm.cellOf(k);
        throw cellError(rdm.source, i, j, `${rdm.vector[k]} is not a finite number: a candidate RDM needs every pair`);
      }
    }
    const why = degenerate(rdm.vector, method);
    if (why) throw new InputError(`the RDM ${why}, so '${method}' comparison is undefined`, { file });
    const vector =
      subjects.labels && rdm.labels ? reorderToLabels(rdm.vector, { labels: rdm.labels, file }, { labels: subjects.labels, file: subjects.names[0] }) : rdm.vector;
    const base = basename(file, extname(file));
    const seen = (used.get(base) ?? 0) + 1;
    used.set(base, seen);
    out.push({ name: seen === 1 ? base : `${base}#${seen}`, rdm: vector, file });
  }
  return out;
}

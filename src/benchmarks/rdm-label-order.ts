// Matching labelled RDMs by stimulus label: an RDM whose stimuli carry the same labels as a reference, in another
// order, is reordered to the reference's order; different labels are an input error naming both files.
import { InputError } from '../core/input-error.ts';
import { pairCount, pairIndex } from '../measures/rdm-vector.ts';

/** An RDM's stimulus labels and the file (or array) they came from, for messages. */
export interface LabelledOrigin {
  labels: readonly string[];
  file: string;
}

/**
 * The condensed RDM `vector` (stimuli in the order of `own.labels`) in the order of `reference.labels`: the same
 * vector when the orders agree, reordered when only the order differs. InputError naming `own.file` when the
 * labels differ, or when a label repeats and the orders are not identical (repeated labels cannot be matched).
 */
export function reorderToLabels(vector: Float64Array, own: LabelledOrigin, reference: LabelledOrigin): Float64Array {
  const a = own.labels;
  const ref = reference.labels;
  if (a.length === ref.length && a.every((label, i) => label === ref[i])) return vector;
  if (a.length !== ref.length) {
    throw new InputError(`${a.length} stimulus labels here but ${ref.length} in ${reference.file}`, { file: own.file });
  }
  const position = new Map<string, number>();
  a.forEach((label, i) => position.set(label, i));
  const repeated = firstRepeat(a) ?? firstRepeat(ref);
  const missing = ref.filter((label) => !position.has(label));
  const refSet = new Set(ref);
  const extra = a.filter((label) => !refSet.has(label));
  if (missing.length > 0 || extra.length > 0) {
    throw new InputError(
      `the stimulus labels differ from those of ${reference.file}: ` +
        [missing.length > 0 ? `missing here ${sample(missing)}` : '', extra.length > 0 ? `not in ${reference.file} ${sample(extra)}` : '']
          .filter(Boolean)
          .join('; '),
      { file: own.file },
    );
  }
  if (repeated !== undefined) {
    throw new InputError(
      `the label '${repeated}' repeats, so the stimuli cannot be matched by label, and their order differs from ${reference.file}'s: give the stimuli in the same order`,
      { file: own.file },
    );
  }
  const n = ref.length;
  const order = ref.map((label) => position.get(label)!);
  const out = new Float64Array(pairCount(n));
  let k = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[k++] = vector[pairIndex(order[i], order[j], n)];
  return out;
}

function firstRepeat(labels: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const label of labels) {
    if (seen.has(label)) return label;
    seen.add(label);
  }
  return undefined;
}

function sample(labels: readonly string[]): string {
  const shown = labels.slice(0, 5).map((l) => `'${l}'`).join(', ');
  return labels.length > 5 ? `${shown} and ${labels.length - 5} more` : shown;
}

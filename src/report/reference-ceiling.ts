// A score's reference ceiling: a data set's published human agreement (value, what was correlated, source), carried
// as details.reference_ceiling (or a referenceCeiling field). The report prints it as text, never as a noise-ceiling band.
import type { Score } from '../measures/score.ts';

/** A published human-agreement figure: its value, what it correlates, and where it is stated. */
export interface ReferenceCeilingText {
  value: number;
  kind: string;
  source: string;
}

function isReference(x: unknown): x is ReferenceCeilingText {
  const r = x as Partial<ReferenceCeilingText> | null;
  return typeof r === 'object' && r !== null && typeof r.value === 'number' && typeof r.kind === 'string' && typeof r.source === 'string';
}

/** The score's reference ceiling when it carries a well-formed one, else undefined. */
export function referenceCeilingOf(score: Score): ReferenceCeilingText | undefined {
  const found = (score as Score & { referenceCeiling?: unknown }).referenceCeiling ?? score.details?.reference_ceiling;
  return isReference(found) ? found : undefined;
}

// Comparing RDMs with pairs not measured (NaN), as rsatoolbox does: the pairs missing in either RDM are dropped
// and the comparison runs on the pairs both have; the number used travels with the score.
import { InvalidRdmError } from './errors.ts';
import { checkMethod, compareRdms, compareVectors, degenerate, MIN_STIMULI, type CompareMethod } from './compare.ts';
import { stimulusCount } from './rdm-vector.ts';
import type { Score } from './score.ts';

/** The entries of two equal-length RDM vectors where neither is NaN, and how many there were of how many. */
export function sharedPairs(a: ArrayLike<number>, b: ArrayLike<number>): { a: Float64Array; b: Float64Array; used: number; total: number } {
  if (a.length !== b.length) throw new InvalidRdmError(`RDM vectors differ in length (${a.length} vs ${b.length} pairs); both must cover the same stimuli`);
  let used = 0;
  for (let k = 0; k < a.length; k++) if (!Number.isNaN(a[k]) && !Number.isNaN(b[k])) used++;
  const outA = new Float64Array(used);
  const outB = new Float64Array(used);
  let q = 0;
  for (let k = 0; k < a.length; k++) {
    if (Number.isNaN(a[k]) || Number.isNaN(b[k])) continue;
    outA[q] = a[k];
    outB[q++] = b[k];
  }
  return { a: outA, b: outB, used, total: a.length };
}

/**
 * compareRdms on the pairs both RDMs have (NaN in either drops the pair, as rsatoolbox's compare does); `n` is the
 * number of pairs used and details carry `pairs_used` and `pairs_total`. InvalidRdmError for infinities, fewer
 * than 3 shared pairs, or a shared part that is constant (all zeros for cosine).
 */
export function compareRdmsOnSharedPairs(a: ArrayLike<number>, b: ArrayLike<number>, method: CompareMethod): Score {
  checkMethod(method);
  const shared = sharedPairs(a, b);
  if (shared.used === shared.total) {
    const score = compareRdms(a, b, method);
    return { ...score, details: { ...score.details, pairs_used: shared.used, pairs_total: shared.total } };
  }
  const stimuli = stimulusCount(shared.total);
  if (stimuli < MIN_STIMULI) throw new InvalidRdmError(`comparing RDMs needs at least ${MIN_STIMULI} stimuli, got ${stimuli}`);
  if (shared.used < 3) throw new InvalidRdmError(`only ${shared.used} of ${shared.total} pairs are measured in both RDMs; a comparison needs at least 3`);
  for (const [v, label] of [[shared.a, 'first RDM'], [shared.b, 'second RDM']] as const) {
    for (let k = 0; k < v.length; k++) if (!Number.isFinite(v[k])) throw new InvalidRdmError(`${label} holds a non-finite dissimilarity ${v[k]}`);
    const why = degenerate(v, method);
    if (why) throw new InvalidRdmError(`${label} ${why} on the ${shared.used} pairs both RDMs have, so '${method}' comparison is undefined`);
  }
  return {
    value: compareVectors(shared.a, shared.b, method),
    measure: `compare:${method}`,
    n: shared.used,
    details: { stimuli, pairs_used: shared.used, pairs_total: shared.total },
  };
}

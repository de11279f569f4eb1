// Comparing two RDMs with rsatoolbox's methods: spearman, rho-a, tau-a, kendall (tau-b), corr, cosine.
import { kendallTauA, kendallTauB, rhoA, spearman } from '../core/correlation.ts';
import { einsumCentredDots, numpyMean } from '../core/numpy-order.ts';
import { InvalidRdmError } from './errors.ts';
import { stimulusCount } from './rdm-vector.ts';
import type { Score } from './score.ts';

/** rsatoolbox's RDM comparison ids; 'corr' is Pearson r and 'cosine' the cosine of the raw (uncentred) vectors. */
export type CompareMethod = 'spearman' | 'rho-a' | 'tau-a' | 'kendall' | 'corr' | 'cosine';

/** Every comparison method, in documentation order. */
export const COMPARE_METHODS: readonly CompareMethod[] = ['spearman', 'rho-a', 'tau-a', 'kendall', 'corr', 'cosine'];

/** Smallest stimulus count an RDM comparison accepts. */
export const MIN_STIMULI = 3;

/**
 * Similarity of two RDM vectors (strict upper triangles, row-major) as a Score with measure `compare:<method>`
 * and n = number of pairs. Throws InvalidRdmError for unequal or invalid lengths, fewer than 3 stimuli,
 * non-finite entries, or a degenerate RDM (constant; all zeros for 'cosine').
 */
export function compareRdms(a: ArrayLike<number>, b: ArrayLike<number>, method: CompareMethod): Score {
  const n = checkComparable(a, b);
  checkMethod(method);
  for (const [v, label] of [[a, 'first RDM'], [b, 'second RDM']] as const) {
    const why = degenerate(v, method);
    if (why) throw new InvalidRdmError(`${label} ${why}, so '${method}' comparison is undefined`);
  }
  return { value: compareVectors(a, b, method), measure: `compare:${method}`, n: a.length, details: { stimuli: n } };
}

/**
 * The comparison value of two equal-length vectors without any validation (any length ≥ 2, e.g. bootstrap
 * subsets with repeated pairs); NaN when either vector is degenerate for the method.
 */
export function compareVectors(a: ArrayLike<number>, b: ArrayLike<number>, method: CompareMethod): number {
  if (degenerate(a, method) || degenerate(b, method)) return NaN;
  switch (method) {
    case 'spearman':
      return spearman(a, b);
    case 'rho-a':
      return rhoA(a, b);
    case 'tau-a':
      return kendallTauA(a, b);
    case 'kendall':
      return kendallTauB(a, b);
    case 'corr':
      return rsaCosine(a, b, numpyMean(a), numpyMean(b));
    case 'cosine':
      return rsaCosine(a, b, 0, 0);
    default:
      throw new InvalidRdmError(`unknown comparison method '${method as string}' (${COMPARE_METHODS.join(', ')})`);
  }
}

/**
 * compareVectors for a resampled pair of RDM vectors (a bootstrap draw): where a vector is degenerate, tau-a and
 * rho-a take the value 0 their definitions give (no concordant or discordant pairs; every rank at the mean), while
 * spearman, kendall (tau-b), corr and cosine stay NaN (0/0, undefined).
 */
export function compareResampled(a: ArrayLike<number>, b: ArrayLike<number>, method: CompareMethod): number {
  if ((method === 'tau-a' || method === 'rho-a') && (degenerate(a, method) !== '' || degenerate(b, method) !== '')) return 0;
  return compareVectors(a, b, method);
}

/**
 * rsatoolbox's _cosine of a − ca and b − cb in numpy's summation order (bit for bit):
 * einsum('ij,kj->ik', v1, v2) / sqrt(einsum('ij,ij->i', v1, v1)) / sqrt(einsum('ij,ij->i', v2, v2)).
 */
function rsaCosine(a: ArrayLike<number>, b: ArrayLike<number>, ca: number, cb: number): number {
  const [ab, aa, bb] = einsumCentredDots(a, b, ca, cb);
  return ab / Math.sqrt(aa) / Math.sqrt(bb);
}

/** Stimulus count of two comparable RDM vectors: equal valid lengths, ≥ 3 stimuli, finite entries. */
export function checkComparable(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new InvalidRdmError(`RDM vectors differ in length (${a.length} vs ${b.length} pairs); both must cover the same stimuli`);
  }
  const n = stimulusCount(a.length);
  if (n < MIN_STIMULI) throw new InvalidRdmError(`comparing RDMs needs at least ${MIN_STIMULI} stimuli, got ${n}`);
  checkFiniteVector(a, 'first RDM');
  checkFiniteVector(b, 'second RDM');
  return n;
}

/** Throws InvalidRdmError unless `method` is one of COMPARE_METHODS. */
export function checkMethod(method: string): asserts method is CompareMethod {
  if (!(COMPARE_METHODS as readonly string[]).includes(method)) {
    throw new InvalidRdmError(`unknown comparison method '${method}' (${COMPARE_METHODS.join(', ')})`);
  }
}

/** Why a vector cannot be compared by `method` ('is constant', 'is all zeros'), or '' when it can. */
export function degenerate(v: ArrayLike<number>, method: CompareMethod): string {
  if (method === 'cosine') {
    for (let k = 0; k < v.length; k++) if (v[k] !== 0) return '';
    return 'is all zeros';
  }
  const first = v[0];
  for (let k = 1; k < v.length; k++) if (v[k] !== first) return '';
  return 'is constant';
}

function checkFiniteVector(v: ArrayLike<number>, label: string): void {
  for (let k = 0; k < v.length; k++) {
    if (!Number.isFinite(v[k])) throw new InvalidRdmError(`${label}: entry ${k} is ${v[k]}, not a finite number`);
  }
}

// Multiple-comparison adjustments of a family of p-values: Bonferroni (family-wise error) and Benjamini–Hochberg
// (false discovery rate), as adjusted p-values the way statsmodels' multipletests returns them, so an adjusted
// p ≤ α is exactly a rejection at level α. rsatoolbox offers the same two for its pairwise model comparisons.
import { InvalidInputError } from './errors.ts';

/** How a family of p-values is adjusted: 'bonferroni', 'fdr' (Benjamini–Hochberg) or 'none'. */
export type Correction = 'bonferroni' | 'fdr' | 'none';

/** Every correction, in documentation order. */
export const CORRECTIONS: readonly Correction[] = ['fdr', 'bonferroni', 'none'];

/**
 * Bonferroni-adjusted p-values: min(1, m·p), m = the number of p-values in the family (statsmodels
 * multipletests(method='bonferroni')). NaN entries stay NaN and are not counted in m (as R's p.adjust).
 */
export function bonferroni(p: readonly number[]): number[] {
  checkPValues(p);
  const m = p.filter((x) => !Number.isNaN(x)).length;
  return p.map((x) => (Number.isNaN(x) ? NaN : Math.min(1, m * x)));
}

/**
 * Benjamini–Hochberg adjusted p-values (statsmodels multipletests(method='fdr_bh')): with the p-values sorted
 * ascending, p_(i)/(i/m), then the running minimum from the largest down, capped at 1, returned in input order.
 * Ties get equal adjusted values. NaN entries stay NaN and are not counted in m.
 */
export function benjaminiHochberg(p: readonly number[]): number[] {
  checkPValues(p);
  const order = p.map((_, i) => i).filter((i) => !Number.isNaN(p[i]));
  order.sort((a, b) => p[a] - p[b] || a - b);
  const m = order.length;
  const out = p.map(() => NaN);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const i = order[rank - 1];
    running = Math.min(running, p[i] / (rank / m));
    out[i] = running;
  }
  return out;
}

/** The p-values of one family adjusted by `correction` ('none' returns a copy). */
export function adjustPValues(p: readonly number[], correction: Correction): number[] {
  if (correction === 'bonferroni') return bonferroni(p);
  if (correction === 'fdr') return benjaminiHochberg(p);
  if (correction === 'none') {
    checkPValues(p);
    return [...p];
  }
  throw new InvalidInputError(`unknown correction '${correction as string}' (${CORRECTIONS.join(', ')})`);
}

/** Throws InvalidInputError for a p-value outside [0, 1] (NaN is allowed: an undefined test). */
function checkPValues(p: readonly number[]): void {
  p.forEach((x, i) => {
    if (!Number.isNaN(x) && !(x >= 0 && x <= 1)) throw new InvalidInputError(`p-value ${i + 1} is ${x}, not in [0, 1]`);
  });
}

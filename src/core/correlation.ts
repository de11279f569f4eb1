// Correlation coefficients on typed arrays, matching rsatoolbox and scipy. All take two equal-length
// ArrayLike<number> and return a number; constant input (zero variance) gives NaN, never a throw.
import { doubledRanks } from './ranks.ts';

export { kendallTauA, kendallTauB, kendallCounts } from './kendall.ts';
export type { KendallCounts } from './kendall.ts';

/** Throw unless a and b have the same length. */
function sameLength(a: ArrayLike<number>, b: ArrayLike<number>, what: string): number {
  if (a.length !== b.length) throw new RangeError(`${what}: vectors differ in length (${a.length} vs ${b.length})`);
  return a.length;
}

/** Mean of a, summed with four accumulators (less rounding error, faster). */
export function mean(a: ArrayLike<number>): number {
  const n = a.length;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[i];
    s1 += a[i + 1];
    s2 += a[i + 2];
    s3 += a[i + 3];
  }
  for (; i < n; i++) s0 += a[i];
  return (s0 + s1 + (s2 + s3)) / n;
}

/** Σ(a−ma)(b−mb), Σ(a−ma)², Σ(b−mb)² about the given centres. */
function centredSums(a: ArrayLike<number>, b: ArrayLike<number>, ma: number, mb: number): [number, number, number] {
  const n = a.length;
  let ab0 = 0, ab1 = 0, aa0 = 0, aa1 = 0, bb0 = 0, bb1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const x0 = a[i] - ma, y0 = b[i] - mb;
    const x1 = a[i + 1] - ma, y1 = b[i + 1] - mb;
    ab0 += x0 * y0;
    aa0 += x0 * x0;
    bb0 += y0 * y0;
    ab1 += x1 * y1;
    aa1 += x1 * x1;
    bb1 += y1 * y1;
  }
  if (i < n) {
    const x0 = a[i] - ma, y0 = b[i] - mb;
    ab0 += x0 * y0;
    aa0 += x0 * x0;
    bb0 += y0 * y0;
  }
  return [ab0 + ab1, aa0 + aa1, bb0 + bb1];
}

/** Pearson's r as rsatoolbox 'corr' (centre, then cosine); NaN for n < 2 or a constant vector. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = sameLength(a, b, 'pearson');
  if (n < 2) return NaN;
  const [ab, aa, bb] = centredSums(a, b, mean(a), mean(b));
  if (aa === 0 || bb === 0) return NaN;
  return ab / (Math.sqrt(aa) * Math.sqrt(bb));
}

/** Cosine similarity a·b / (|a||b|) (rsatoolbox 'cosine'); NaN when either vector is all zeros. */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = sameLength(a, b, 'cosine');
  const [ab, aa, bb] = centredSums(a, b, 0, 0);
  if (n === 0 || aa === 0 || bb === 0) return NaN;
  return ab / (Math.sqrt(aa) * Math.sqrt(bb));
}

/** Spearman's rho: Pearson's r of tie-averaged ranks (scipy.stats.spearmanr, rsatoolbox 'spearman'). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = sameLength(a, b, 'spearman');
  if (n < 2) return NaN;
  // Twice the ranks (exact integers, half the memory); they average exactly n + 1. The factor 2
  // scales every sum by 4 exactly, which cancels: the result is that of the ranks themselves.
  // Both on this thread: ranking b on a helper meanwhile is faster but needs a shared copy of b and
  // a second sort workspace, beyond the memory budget `attune bench` holds each case to.
  const ra = doubledRanks(a), rb = doubledRanks(b);
  return spearmanOfDoubledRanks(ra, rb);
}

/** Spearman's rho from twice the tie-averaged ranks of both vectors (as spearman() computes it, bit for bit). */
export function spearmanOfDoubledRanks(ra: ArrayLike<number>, rb: ArrayLike<number>): number {
  const n = ra.length;
  const [ab, aa, bb] = centredSums(ra, rb, n + 1, n + 1);
  if (aa === 0 || bb === 0) return NaN;
  return ab / (Math.sqrt(aa) * Math.sqrt(bb));
}

/**
 * rsatoolbox's rho-a: 12·Σ(r1−m)(r2−m) / (n³−n) with tie-averaged ranks r and m = (n+1)/2 (no
 * correction for ties); NaN for n < 2 or a constant vector.
 */
export function rhoA(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = sameLength(a, b, 'rhoA');
  if (n < 2) return NaN;
  const ra = doubledRanks(a), rb = doubledRanks(b);
  const [ab4, aa, bb] = centredSums(ra, rb, n + 1, n + 1);
  if (aa === 0 || bb === 0) return NaN;
  const ab = ab4 / 4; // exact: the doubled ranks scale the sum by 4
  // rsatoolbox's order of operations; n(n−1) is exact, so n³−n is rounded once, as numpy does.
  return (ab / (n * (n - 1) * (n + 1))) * 12;
}

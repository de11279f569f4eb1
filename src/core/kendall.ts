// Kendall's tau in O(n log n) (Knight, 1966): order the pairs by (x, y), count the ties, then count
// the discordant pairs as the inversions of y's dense ranks in that order (with a Fenwick tree).
// Both sorts are plain radix sorts; runs of tied x are then put in y order on their own. On large
// inputs a helper thread ranks y while x is sorted (up to MAX_RANKING_ASIDE values) and counts the
// inversions among the upper half of the y ranks.

import { denseRanksAside, inversionsAside, rankArray } from './rank-helper.ts';
import { borrowSortScratch, denseRanksInto, sortInWorkspace, tiedPairs, type SortResult } from './ranks.ts';

/** Pair counts behind Kendall's tau; every count is an exact integer (below 2^53 for n < 1.3·10^8). */
export interface KendallCounts {
  /** Number of paired observations. */
  n: number;
  /** All pairs: n(n−1)/2. */
  total: number;
  /** Pairs tied in x (Σ t(t−1)/2 over groups of equal x), in y, and in both. */
  xTies: number;
  yTies: number;
  jointTies: number;
  /** Discordant pairs: strictly opposite order in x and y. */
  discordant: number;
  /** Concordant minus discordant pairs: total − xTies − yTies + jointTies − 2·discordant. */
  concordantMinusDiscordant: number;
}

/** Count concordant, discordant and tied pairs of (x, y) in O(n log n); NaN throws a RangeError. */
export function kendallCounts(x: ArrayLike<number>, y: ArrayLike<number>): KendallCounts {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`kendall: x has ${n} values, y has ${y.length}`);
  const { denseY, yTies, levels, sx } = rankYSortX(x, y);
  // List the y ranks in x order, then put each run of equal x in y order.
  const gx = sx.group;
  const xTies = tiedPairs(gx);
  const ry = rankArray(n);
  for (let j = 0; j < n; j++) ry[j] = denseY[sx.pos[j]];
  let jointTies = 0;
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && gx[j] === gx[i]) j++;
    if (j - i > 1) {
      const run = ry.subarray(i, j);
      sortUint32(run);
      jointTies += tiedPairs(run);
    }
    i = j;
  }
  // The sort results are used up: their scratch memory holds the inversion count's working arrays.
  const discordant = discordantPairs(ry, levels, borrowSortScratch(n)); // dense ranks: valid by construction
  const total = (n * (n - 1)) / 2;
  const concordantMinusDiscordant = total - xTies - yTies + jointTies - 2 * discordant;
  return { n, total, xTies, yTies, jointTies, discordant, concordantMinusDiscordant };
}

/**
 * The dense ranks of y by index, with its tied pairs and levels, and x sorted. Up to MAX_RANKING_ASIDE
 * values the helper thread ranks y while this one sorts x; above, its copy of y and second sort
 * workspace would cost more memory than attune bench's budget allows.
 */
function rankYSortX(x: ArrayLike<number>, y: ArrayLike<number>): { denseY: Uint32Array; yTies: number; levels: number; sx: SortResult } {
  const aside = denseRanksAside(y);
  if (aside !== null) {
    const sx = sortInWorkspace(x);
    try {
      const [yTies, levels] = aside.wait();
      return { denseY: aside.ranks, yTies, levels, sx };
    } catch {
      // The helper could not rank y (NaN in it): rank here, for the error that names the index.
    }
  }
  // Here y is ranked first: the sort of x reuses the workspace, so the ranks are copied out before it.
  const denseY = new Uint32Array(y.length);
  const [yTies, levels] = denseRanksInto(y, denseY);
  return { denseY, yTies, levels, sx: sortInWorkspace(x) };
}

/** Sort uint32 values ascending in place (insertion for short runs, the engine's numeric sort otherwise). */
function sortUint32(a: Uint32Array): void {
  const n = a.length;
  if (n > 32) {
    a.sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

/**
 * Number of pairs i < j with a[i] > a[j] (strictly) for integers in [0, levels). Values split into a
 * high and a low part: pairs whose high parts differ are counted with a Fenwick tree over the high
 * parts; pairs with equal high parts, bucket by bucket (a stable counting sort keeps their order) with
 * a small tree over the low parts. Both trees stay in cache, where one tree over all levels would not.
 * O(n log levels); exact in float64 (at most n(n−1)/2 < 2^53 for n < 1.3·10^8).
 */
export function countInversions(a: ArrayLike<number>, levels: number): number {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (!(v >= 0 && v < levels && v === Math.floor(v))) {
      throw new RangeError(`countInversions: a[${i}] = ${v} is not an integer in [0, ${levels})`);
    }
  }
  return rankInversions(Uint32Array.from(a), levels);
}

/**
 * Inversions of ranks (integers in [0, levels)), split by value when the helper thread takes a share:
 * it counts the pairs among values ≥ levels/2, this thread the pairs among the smaller values and
 * the pairs of a large value before a small one (in the same pass that picks the small values out).
 * `scratch`: four arrays of ranks.length (shared memory for the helper's two), free to overwrite.
 */
function discordantPairs(ranks: Uint32Array, levels: number, scratch: Uint32Array[]): number {
  const threshold = levels >>> 1;
  const aside = threshold > 0 ? inversionsAside(ranks, levels, threshold, scratch[2], scratch[3]) : null;
  if (aside === null) return rankInversions(ranks, levels, scratch[0]);
  const n = ranks.length;
  const low = scratch[0];
  let k = 0, largeSeen = 0, across = 0;
  for (let i = 0; i < n; i++) {
    const v = ranks[i];
    const isLow = v < threshold ? 1 : 0;
    low[k] = v; // k ≤ i: in range; a large value is overwritten by the next small one
    k += isLow;
    across += isLow * largeSeen;
    largeSeen += 1 - isLow;
  }
  return rankInversions(low.subarray(0, k), threshold, scratch[1]) + across + aside();
}

/** The values of ranks from `threshold` on, in their order and shifted down by it, written into `into` (ranks.length long). */
export function upperRanks(ranks: Uint32Array, threshold: number, into: Uint32Array): Uint32Array {
  const n = ranks.length;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = ranks[i];
    into[k] = v - threshold; // k ≤ i: in range; a small value is overwritten by the next large one
    k += v >= threshold ? 1 : 0;
  }
  return into.subarray(0, k);
}

/** countInversions for values already known to be integers in [0, levels) (no checks); `work`, if given, is scratch of a's length or more. */
export function rankInversions(a: Uint32Array, levels: number, work?: Uint32Array): number {
  const n = a.length;
  const bits = Math.max(1, Math.ceil(Math.log2(levels + 1)));
  const lowBits = bits >> 1;
  const highLevels = ((levels - 1) >>> lowBits) + 1;
  const lowLevels = 1 << lowBits;
  // Pairs whose high parts differ, and the bucket sizes for the counting sort.
  const highTree = new Uint32Array(highLevels + 1);
  const start = new Uint32Array(highLevels + 1);
  let inversions = 0;
  for (let i = 0; i < n; i++) {
    const h = (a[i] >>> lowBits) + 1;
    let atMost = 0;
    for (let t = h; t > 0; t &= t - 1) atMost += highTree[t];
    inversions += i - atMost;
    for (let t = h; t <= highLevels; t += t & -t) highTree[t]++;
    start[h]++;
  }
  for (let h = 1; h <= highLevels; h++) start[h] += start[h - 1];
  // Stable counting sort of the low parts by high part: each bucket keeps its original order.
  const low = work === undefined ? new Uint32Array(n) : work.subarray(0, n);
  const fill = start.slice(0, highLevels);
  const mask = lowLevels - 1;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    low[fill[v >>> lowBits]++] = v & mask;
  }
  // Pairs with equal high parts: inversions of the low parts inside each bucket.
  const lowTree = new Uint32Array(lowLevels + 1);
  for (let h = 0; h < highLevels; h++) {
    const s = start[h], e = start[h + 1];
    if (e - s < 2) continue;
    for (let i = s; i < e; i++) {
      const v = low[i] + 1;
      let atMost = 0;
      for (let t = v; t > 0; t &= t - 1) atMost += lowTree[t];
      inversions += i - s - atMost;
      for (let t = v; t <= lowLevels; t += t & -t) lowTree[t]++;
    }
    // Clear the tree: wholesale when the bucket touched much of it, else only the paths it touched.
    if ((e - s) * lowBits > lowLevels) lowTree.fill(0);
    else for (let i = s; i < e; i++) for (let t = low[i] + 1; t <= lowLevels; t += t & -t) lowTree[t] = 0;
  }
  return inversions;
}

/** Kendall's tau-a as rsatoolbox computes it: (concordant − discordant) / (n(n−1)/2); NaN if n < 2 or x or y is constant. */
export function kendallTauA(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const c = kendallCounts(x, y);
  if (c.n < 2 || c.xTies === c.total || c.yTies === c.total) return NaN;
  const tau = c.concordantMinusDiscordant / c.total;
  return Math.min(1, Math.max(-1, tau));
}

/** Kendall's tau-b as scipy.stats.kendalltau (variant 'b'); NaN if n < 2 or x or y is constant. */
export function kendallTauB(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const c = kendallCounts(x, y);
  if (c.n < 2 || c.xTies === c.total || c.yTies === c.total) return NaN;
  // scipy's order of operations; dividing by each root keeps the products of counts out of it.
  const tau = c.concordantMinusDiscordant / Math.sqrt(c.total - c.xTies) / Math.sqrt(c.total - c.yTies);
  return Math.min(1, Math.max(-1, tau));
}

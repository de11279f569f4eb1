// How many points a scatter shows of how many: benchmarks thin a scatter to at most SCATTER_MAX points (every k-th
// item), so its point count is not the score's n. The report says "showing 1,000 of 3,000 pairs" instead.
import { SCATTER_MAX } from '../benchmarks/benchmark.ts';
import type { BenchmarkResult } from '../run/results.ts';

/** A count with thousands separators, e.g. '3,000'. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** What one point of a row's scatter is, by benchmark family (pairs, words, concepts), else 'items'. */
function noun(benchmark: string, pairsOfItems: boolean): string {
  if (pairsOfItems) return benchmark.startsWith('things:') ? 'concept pairs' : 'pairs';
  if (/^(wordsim:|turing:)|simlex|men3000|raw-c/.test(benchmark)) return 'pairs';
  if (/^(norms:|reading:)|glasgow/.test(benchmark)) return 'words';
  if (benchmark.startsWith('things:')) return 'concepts';
  return 'items';
}

/** Whether thinning `total` items to SCATTER_MAX (every ⌈total/SCATTER_MAX⌉-th) leaves `kept` points. */
function thinsTo(total: number, kept: number): boolean {
  return Math.ceil(total / Math.max(1, Math.ceil(total / SCATTER_MAX))) === kept;
}

/**
 * The scatter's count as text: 'all 999 pairs', 'showing 1,000 of 3,000 pairs' (the total is the score's n, or the
 * pairs of its n items, whichever the thinning rule gives), or '1,000 points (a sample)' when neither fits.
 * `plotted` is the number of finite points drawn.
 */
export function scatterCountText(result: BenchmarkResult, plotted: number): string {
  const kept = Math.min(result.scatter?.model.length ?? 0, result.scatter?.human.length ?? 0);
  const n = result.score.n;
  const pairs = (n * (n - 1)) / 2;
  const total = kept === n || plotted === n || thinsTo(n, kept) ? n : thinsTo(pairs, kept) ? pairs : undefined;
  const unit = noun(result.benchmark, total === pairs && total !== n);
  if (total === undefined) return `${formatCount(plotted)} points (a sample)`;
  if (plotted === total) return `all ${formatCount(total)} ${unit}`;
  return `showing ${formatCount(plotted)} of ${formatCount(total)} ${unit}`;
}

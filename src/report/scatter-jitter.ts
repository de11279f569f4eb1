// Discrete values (integer ratings, a 1–7 scale) pile up on a few lines in a scatter; the report spreads them by a
// small, deterministic jitter, less than half the gap between neighbouring values, so no point leaves its value's band.

/** Most distinct values a variable may take to count as discrete. */
const MAX_LEVELS = 60;
/** Share of the gap between neighbouring values that a point may move either way. */
export const JITTER_SHARE = 0.35;

/** The smallest gap between distinct values when `values` are discrete (at most 60 levels, three points per level on average), else undefined. */
export function discreteGap(values: readonly number[]): number | undefined {
  const levels = [...new Set(values)].sort((a, b) => a - b);
  if (levels.length < 2 || levels.length > MAX_LEVELS || values.length < 3 * levels.length) return undefined;
  let gap = Infinity;
  for (let k = 1; k < levels.length; k++) gap = Math.min(gap, levels[k] - levels[k - 1]);
  return gap;
}

/** `values` each moved by up to ±JITTER_SHARE·gap, spread evenly (golden-ratio sequence over the index): the same every run. */
export function jitter(values: readonly number[], gap: number): number[] {
  const golden = 0.6180339887498949;
  return values.map((v, i) => v + ((((i + 1) * golden) % 1) - 0.5) * 2 * JITTER_SHARE * gap);
}

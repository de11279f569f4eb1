// Ranks of a bootstrap resample in O(n), from the dense ranks of the whole sample: a counting sort over
// the dense ranks replaces a sort per resample (repeated draws are ties, as are equal values).

/** Reusable buffers for resampleDoubledRanks over a sample with `levels` distinct values. */
export interface ResampleRankWork {
  counts: Uint32Array;
  below: Float64Array;
}

/** Buffers for a sample of `levels` distinct values. */
export function resampleRankWork(levels: number): ResampleRankWork {
  return { counts: new Uint32Array(levels), below: new Float64Array(levels) };
}

/**
 * Twice the tie-averaged 1-based ranks of x[idx[0]], x[idx[1]], … given dense[i] = the 0-based dense rank
 * of x[i] (see denseRanksInto): 2·(number drawn with a smaller value) + (number drawn with this value) + 1.
 */
export function resampleDoubledRanks(dense: Uint32Array, idx: ArrayLike<number>, out: Float64Array, work: ResampleRankWork): void {
  const { counts, below } = work;
  const m = idx.length;
  counts.fill(0);
  for (let i = 0; i < m; i++) counts[dense[idx[i]]]++;
  let acc = 0;
  for (let g = 0; g < counts.length; g++) {
    below[g] = 2 * acc + counts[g] + 1;
    acc += counts[g];
  }
  for (let i = 0; i < m; i++) out[i] = below[dense[idx[i]]];
}

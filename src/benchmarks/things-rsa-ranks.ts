// Kernels of the THINGS RSA bootstrap: weighted tie-averaged ranks of one bootstrap resample, in one sequential
// pass over the pairs sorted by one side (runs of one pair, the usual case, take the straight path).

/** Pairs of one side in ascending order: endpoints, and where each run of equal values ends. */
export interface SortedSide {
  u: Uint16Array;
  v: Uint16Array;
  /** runEnd[k] = 1 when position k is the last of its run of equal values. */
  runEnd: Uint8Array;
}

/**
 * The y side (counts[u]: draws of stimulus u; a pair weighs c_u·c_v): each run of equal values gets twice its
 * weighted tie-averaged rank, centred (2·weight below + weight of the run + 1 − centre), written at the x-sorted
 * place of its pairs (the x side reads a rank only with its weight). Returns Σ weight·centredRank².
 */
export function ranksOfY(side: SortedSide, counts: Float64Array, centre: number, yToX: Uint32Array, ryAtX: Int32Array): number {
  const { u, v, runEnd } = side;
  const p = u.length;
  let below = 0;
  let sum = 0;
  for (let start = 0; start < p; ) {
    const w0 = counts[u[start]] * counts[v[start]];
    if (runEnd[start] === 1) {
      // No branch on w0 = 0 (faster): such a pair adds nothing, and its rank is never read with a weight.
      const rank = 2 * below + w0 + 1 - centre;
      sum += w0 * rank * rank;
      ryAtX[yToX[start]] = rank;
      below += w0;
      start++;
      continue;
    }
    let end = start;
    let run = w0;
    while (runEnd[end] === 0) {
      end++;
      run += counts[u[end]] * counts[v[end]];
    }
    if (run > 0) {
      const rank = 2 * below + run + 1 - centre;
      sum += run * rank * rank;
      for (let k = start; k <= end; k++) ryAtX[yToX[k]] = rank;
      below += run;
    }
    start = end + 1;
  }
  return sum;
}

/** The x side, ranked as ranksOfY; returns [Σ weight·rank², Σ weight·rank·(y's rank)]. */
export function ranksOfX(side: SortedSide, counts: Float64Array, centre: number, ryAtX: Int32Array): [number, number] {
  const { u, v, runEnd } = side;
  const p = u.length;
  let below = 0;
  let sum = 0;
  let cross = 0;
  for (let start = 0; start < p; ) {
    const w0 = counts[u[start]] * counts[v[start]];
    if (runEnd[start] === 1) {
      const rank = 2 * below + w0 + 1 - centre;
      sum += w0 * rank * rank;
      cross += w0 * rank * ryAtX[start];
      below += w0;
      start++;
      continue;
    }
    let end = start;
    let run = w0;
    while (runEnd[end] === 0) {
      end++;
      run += counts[u[end]] * counts[v[end]];
    }
    if (run > 0) {
      const rank = 2 * below + run + 1 - centre;
      sum += run * rank * rank;
      for (let k = start; k <= end; k++) cross += counts[u[k]] * counts[v[k]] * rank * ryAtX[k];
      below += run;
    }
    start = end + 1;
  }
  return [sum, cross];
}

// Browser stand-in for src/core/rank-helper.ts: both vectors ranked on this thread (the node version may rank
// the second on a helper thread; ranking is deterministic, so the ranks are the same). Aliasing the module
// also keeps Vite from bundling the node helper thread (it would see `new Worker(new URL(…))`).
import { doubledRanks } from '../../core/ranks.ts';

/** Twice the tie-averaged ranks of a and of b. */
export function doubledRanksPair(a: ArrayLike<number>, b: ArrayLike<number>): [Uint32Array, Uint32Array] {
  return [doubledRanks(a), doubledRanks(b)];
}

// Browser stand-in for src/core/rank-helper.ts: Kendall's tau ranks y and counts every inversion on this thread (the
// node version may rank y and count the upper ranks on a helper thread; the result is exact either way). Aliasing the
// module also keeps Vite from bundling the node helper thread (it would see `new Worker(new URL(…))`).

/** A plain uint32 array: the browser has no helper thread to share it with. */
export function rankArray(n: number): Uint32Array {
  return new Uint32Array(n);
}

/** No helper thread here: the caller counts every inversion itself. */
export function inversionsAside(): null {
  return null;
}

/** No helper thread here: the caller ranks y itself. */
export function denseRanksAside(): null {
  return null;
}

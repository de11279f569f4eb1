// A helper thread for Kendall's tau: it counts the inversions among the upper values of a rank
// sequence while the caller counts the rest. It is used once it
// is up (until then everything runs here); every task is deterministic, so the result is the same
// whichever thread computed it. ATTUNE_THREADS=1 keeps everything on this thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { threadEntry } from './module-path.ts';
import type { HelperTask } from './rank-helper-thread.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Below this many values a second thread costs more than it saves. */
export const MIN_PARALLEL = 100_000;

/**
 * Up to this many values the helper also ranks y while the caller sorts x: its copy of y and its sort
 * workspace (24 bytes a value) stay small next to the inputs; above it, memory comes first.
 */
export const MAX_RANKING_ASIDE = 1 << 19;

/** Give up on a helper that took a task and never answered (it died mid-task). */
const STALL_MS = 120_000;

let helper: Worker | null | undefined;
/** Set to 1 by the helper thread once it listens for tasks. */
const ready = new Int32Array(new SharedArrayBuffer(4));

function getHelper(): Worker | null {
  if (helper !== undefined) return helper;
  const threads = Number(process.env.ATTUNE_THREADS);
  const wanted = Number.isInteger(threads) && threads > 0 ? threads : availableParallelism();
  if (wanted < 2) return (helper = null);
  try {
    helper = new Worker(threadEntry('./rank-helper-thread', import.meta.url), { workerData: { ready } });
    helper.unref();
    helper.on('error', () => {
      helper = null;
      Atomics.store(ready, 0, 0);
    });
  } catch {
    helper = null;
  }
  return helper;
}

/** The helper when it is up and the task is large enough to share; null means: do it here. */
function readyHelper(n: number): Worker | null {
  const worker = n >= MIN_PARALLEL ? getHelper() : null;
  return worker !== null && Atomics.load(ready, 0) === 1 ? worker : null;
}

/** Post a task; the returned function waits for the helper's answer (its numbers). */
function post(worker: Worker, task: DistributiveOmit<HelperTask, 'ctl' | 'info'>): () => Float64Array {
  const ctl = new Int32Array(new SharedArrayBuffer(8)); // [done, failed]
  const info = new Float64Array(new SharedArrayBuffer(16));
  worker.postMessage({ ...task, ctl, info });
  return () => {
    const deadline = Date.now() + STALL_MS;
    while (Atomics.load(ctl, 0) === 0) {
      if (Date.now() > deadline) throw new Error(`rank helper thread gave no answer within ${STALL_MS / 1000} s`);
      Atomics.wait(ctl, 0, 0, 1000);
    }
    if (Atomics.load(ctl, 1) === 1) throw new Error('rank helper thread failed to count its inversions');
    return info;
  };
}

/** A zeroed uint32 array that the helper thread can read and write (plain memory when no helper will). */
export function rankArray(n: number): Uint32Array {
  return readyHelper(n) === null ? new Uint32Array(n) : new Uint32Array(new SharedArrayBuffer(n * 4));
}

/**
 * Start counting, on the helper thread, the inversions among the values ≥ threshold of ranks (integers
 * in [0, levels)); the result waits for the count. ranks and the two work arrays (as long as ranks) must
 * be shared memory. Null when there is no helper or they are not shared.
 */
export function inversionsAside(ranks: Uint32Array, levels: number, threshold: number, upper: Uint32Array, work: Uint32Array): (() => number) | null {
  const worker = readyHelper(ranks.length);
  const shared = [ranks, upper, work].every((a) => a.buffer instanceof SharedArrayBuffer);
  if (worker === null || !shared) return null;
  const wait = post(worker, { kind: 'inversions', ranks, levels, threshold, upper, work });
  return () => wait()[0];
}

/** Shared memory for the copy of y the helper ranks, kept between calls (fresh memory costs page faults). */
let sharedValues: Float64Array | null = null;

/**
 * Start ranking values densely on the helper thread (into a shared array it returns); wait() gives
 * [tied pairs, levels], as denseRanksInto, and throws if the helper failed (e.g. on NaN: rank here
 * then, for the error that names the index). Null when there is no helper or values are too many.
 */
export function denseRanksAside(values: ArrayLike<number>): { ranks: Uint32Array; wait: () => [number, number] } | null {
  const n = values.length;
  const worker = n <= MAX_RANKING_ASIDE ? readyHelper(n) : null;
  if (worker === null) return null;
  if (sharedValues === null || sharedValues.length < n) sharedValues = new Float64Array(new SharedArrayBuffer(8 * n));
  const copy = sharedValues.subarray(0, n);
  copy.set(values);
  const ranks = new Uint32Array(new SharedArrayBuffer(4 * n));
  const wait = post(worker, { kind: 'dense-ranks', values: copy, ranks });
  return {
    ranks,
    wait: () => {
      const info = wait();
      return [info[0], info[1]];
    },
  };
}

/** Start the helper thread if it is wanted and resolve once it takes tasks (false: there is none, or it did not start in 30 s). */
export async function rankHelperReady(): Promise<boolean> {
  const worker = getHelper();
  const deadline = Date.now() + 30_000;
  while (worker !== null && helper !== null && Atomics.load(ready, 0) !== 1 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return helper !== null && Atomics.load(ready, 0) === 1;
}

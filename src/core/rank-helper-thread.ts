// The helper thread's side of rank-helper.ts: do each posted task into shared memory and signal.
import { parentPort, workerData } from 'node:worker_threads';
import { rankInversions, upperRanks } from './kendall.ts';
import { denseRanksInto } from './ranks.ts';

/** One task: the inversions among the ranks (integers in [0, levels)) from threshold on. */
export interface InversionsTask {
  kind: 'inversions';
  ranks: Uint32Array;
  levels: number;
  threshold: number;
  /** Working memory, each as long as ranks: the upper ranks, and the count's scratch. */
  upper: Uint32Array;
  work: Uint32Array;
  /** [done, failed] */
  ctl: Int32Array;
  /** Numbers back: [inversions]. */
  info: Float64Array;
}

/** The other task: the dense ranks of values into ranks (as long as values). */
export interface DenseRanksTask {
  kind: 'dense-ranks';
  values: Float64Array;
  ranks: Uint32Array;
  /** [done, failed] */
  ctl: Int32Array;
  /** Numbers back: [tied pairs, levels]. */
  info: Float64Array;
}

/** What the helper takes. */
export type HelperTask = InversionsTask | DenseRanksTask;

function perform(task: HelperTask): void {
  if (task.kind === 'dense-ranks') {
    const [ties, levels] = denseRanksInto(task.values, task.ranks);
    task.info[0] = ties;
    task.info[1] = levels;
    return;
  }
  const upper = upperRanks(task.ranks, task.threshold, task.upper);
  task.info[0] = rankInversions(upper, task.levels - task.threshold, task.work);
}

parentPort?.on('message', (task: HelperTask) => {
  try {
    perform(task);
  } catch {
    Atomics.store(task.ctl, 1, 1);
  }
  Atomics.store(task.ctl, 0, 1);
  Atomics.notify(task.ctl, 0);
});

// Tell the caller this thread now takes tasks (it waits on them only from then on).
Atomics.store((workerData as { ready: Int32Array }).ready, 0, 1);

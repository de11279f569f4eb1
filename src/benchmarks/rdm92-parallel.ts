// The 92-image bootstrap on two threads: every draw is made here from the seed first, then a worker
// evaluates the second half of the draws while this thread evaluates the first, so the result is the same
// draw for draw as on one thread. ATTUNE_THREADS=1 (or one core) keeps it all on this thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Matrix } from '../core/matrix.ts';
import { threadEntry } from '../core/module-path.ts';
import type { CompareMethod } from '../measures/compare.ts';
import { stimulusCount } from '../measures/rdm-vector.ts';
import { bootstrapDraws, evaluateDraws, type BootstrapDraws } from './rdm92-bootstrap.ts';

/** Below this many draws a second thread costs more than it saves. */
const MIN_PARALLEL = 50;

/** bootstrapSubjectMeans, with half of the draws evaluated on a worker thread when one is worth it. */
export async function bootstrapSubjectMeansParallel(
  candidates: readonly ArrayLike<number>[],
  subjects: Matrix,
  method: CompareMethod,
  resamples: number,
  seed: number,
): Promise<Float64Array[]> {
  const draws = bootstrapDraws(stimulusCount(subjects.cols), subjects.rows, resamples, seed);
  const threads = Number(process.env.ATTUNE_THREADS);
  const wanted = Number.isInteger(threads) && threads > 0 ? threads : availableParallelism();
  if (wanted < 2 || resamples < MIN_PARALLEL) return evaluateDraws(candidates, subjects, method, draws);
  const half = Math.floor(resamples / 2);
  const part = (from: number, to: number): BootstrapDraws => ({ stimuli: draws.stimuli.slice(from, to), times: draws.times.slice(from, to) });
  const worker = new Worker(threadEntry('./rdm92-bootstrap-thread', import.meta.url), {
    workerData: { candidates: candidates.map((c) => Float64Array.from(c)), rows: subjects.rows, cols: subjects.cols, subjects: Float64Array.from(subjects.data), method, draws: part(half, resamples) },
  });
  const second = new Promise<Float64Array[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => (code !== 0 ? reject(new Error(`the bootstrap thread stopped (exit code ${code})`)) : undefined));
  });
  // let the worker start before this thread is busy
  await new Promise((resolve) => setImmediate(resolve));
  const first = evaluateDraws(candidates, subjects, method, part(0, half));
  const rest = await second;
  await worker.terminate();
  return [...first, ...rest];
}

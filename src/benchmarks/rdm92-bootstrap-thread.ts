// Worker thread: evaluates a share of the 92-image bootstrap draws (see rdm92-parallel.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { matrix } from '../core/matrix.ts';
import type { CompareMethod } from '../measures/compare.ts';
import { evaluateDraws, type BootstrapDraws } from './rdm92-bootstrap.ts';

const job = workerData as { candidates: Float64Array[]; rows: number; cols: number; subjects: Float64Array; method: CompareMethod; draws: BootstrapDraws };
const values = evaluateDraws(job.candidates, matrix(job.rows, job.cols, job.subjects), job.method, job.draws);
parentPort!.postMessage(values);

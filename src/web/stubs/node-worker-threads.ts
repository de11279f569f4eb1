// Browser stand-in for node:worker_threads: helper threads are never started in the browser (one thread).

/** Constructing one fails; the shared code only tries when more than one thread is available. */
export class Worker {
  constructor() {
    throw new Error('node:worker_threads is not available in the browser');
  }
}

export const parentPort = null;
export const workerData = undefined;

// The page's side of the analysis worker: one module worker, started on first use; replies matched by id.
import type { AnalysisReply, AnalysisRequest, AnalysisResult } from './protocol.ts';

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (r: AnalysisResult) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./analysis-worker.ts', import.meta.url), { type: 'module', name: 'attune-analysis' });
  worker.onmessage = (event: MessageEvent<AnalysisReply>) => {
    const reply = event.data;
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (!waiter) return;
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(reply.error));
  };
  worker.onerror = (event) => {
    for (const w of pending.values()) w.reject(new Error(`the analysis worker failed: ${event.message}`));
    pending.clear();
    worker = undefined;
  };
  return worker;
}

/** Run an analysis in the worker (the files' bytes are copied to it; nothing leaves the browser). */
export function analyse(request: AnalysisRequest): Promise<AnalysisResult> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    getWorker().postMessage({ id, request });
  });
}

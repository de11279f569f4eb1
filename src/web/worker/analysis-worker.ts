// The Web Worker of "Analyse your data": puts the dropped files into the in-memory file system of the
// browser build, runs the analysis, and replies. Nothing leaves the browser.
import { clearFiles, putFile } from '../stubs/node-fs-promises.ts';
import { analyseCka, analyseCompare, analyseRdm } from './analysis.ts';
import type { AnalysisReply, AnalysisRequest, AnalysisResult, InputFile } from './protocol.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<{ id: number; request: AnalysisRequest }>) => void | Promise<void>) | null;
  postMessage(message: AnalysisReply, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

/** Distinct names for the request's files: a second file with the first one's name gets a 'second/' folder. */
function register(files: InputFile[]): string[] {
  clearFiles();
  const names: string[] = [];
  for (const f of files) {
    const name = names.includes(f.name) ? `second/${f.name}` : f.name;
    putFile(name, f.bytes);
    names.push(name);
  }
  return names;
}

async function run(request: AnalysisRequest): Promise<AnalysisResult> {
  const names = register(request.files);
  switch (request.op) {
    case 'rdm':
      return analyseRdm(names[0], request.method);
    case 'compare':
      return analyseCompare(names[0], names[1], request.method, request);
    case 'cka':
      return analyseCka(names[0], names[1], request.debiased);
  }
}

scope.onmessage = async (event) => {
  const { id, request } = event.data;
  try {
    const result = await run(request);
    scope.postMessage({ id, ok: true, result }, result.rdm ? [result.rdm.buffer] : []);
  } catch (error) {
    scope.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  } finally {
    clearFiles();
  }
};

// The models a worker has open: each sweep model (id, pooling, tower, offline) is opened once, on its first job,
// and kept for every later job that names it; recorded answers shipped with the data likewise.
import type { Subject } from '../../benchmarks/benchmark.ts';
import type { WordModel } from '../../models/word-model.ts';
import { subjectFor } from '../job-subject.ts';
import type { ModelSpec } from '../sweep-spec.ts';
import { openSubject, type SubjectOptions } from '../subjects.ts';

/** A worker's open models. */
export interface WorkerModels {
  /** The model answering `subject` for a job of sweep model `spec` (opened on first use, then kept). */
  subject(subject: Subject, spec: ModelSpec, offline: boolean | undefined): Promise<WordModel>;
  /** How many run models are open. */
  readonly size: number;
}

/** Open models with `options` (cache folder, answer store, log) as a sweep would on this machine. */
export function workerModels(options: SubjectOptions): WorkerModels {
  const runModels = new Map<string, Promise<WordModel>>();
  const recorded = new Map<string, WordModel>();
  const open = (spec: ModelSpec, offline: boolean | undefined): Promise<WordModel> => {
    const key = JSON.stringify([spec.id, spec.pooling ?? null, spec.tower ?? null, offline ?? null]);
    let model = runModels.get(key);
    if (!model) {
      model = openSubject({ kind: 'run-model' }, spec.id, { ...options, pooling: spec.pooling, tower: spec.tower, ...(offline !== undefined ? { offline } : {}) });
      // a model that failed to open (a download cut off, a file not there yet) is tried again by the next job
      model.catch(() => runModels.delete(key));
      runModels.set(key, model);
    }
    return model;
  };
  return {
    async subject(subject, spec, offline) {
      return subjectFor(subject, await open(spec, offline), recorded, options);
    },
    get size() {
      return runModels.size;
    },
  };
}

// The model that answers a benchmark in a run: the run's model, or a recorded file shipped with the data
// (opened once per run or worker and kept).
import type { Subject } from '../benchmarks/benchmark.ts';
import type { WordModel } from '../models/word-model.ts';
import { openSubject, type SubjectOptions } from './subjects.ts';

/** The subject model of a benchmark: `runModel` for the run's model and fixed candidates, else the recorded file from `opened` (opened on first use). */
export async function subjectFor(subject: Subject, runModel: WordModel, opened: Map<string, WordModel>, modelOptions: SubjectOptions): Promise<WordModel> {
  if (subject.kind === 'run-model' || subject.kind === 'fixed') return runModel;
  const key = `${subject.dataset}/${subject.file}`;
  let model = opened.get(key);
  if (!model) {
    model = await openSubject(subject, '', modelOptions);
    opened.set(key, model);
  }
  return model;
}

// Opening the model that answers a benchmark: the run's model by id, or a recorded file shipped in data/.
import type { Subject } from '../benchmarks/benchmark.ts';
import { datasetFile } from '../data/registry.ts';
import { resolveModel, type ResolveModelOptions } from '../models/resolve-model.ts';
import type { RecordedModel, WordModel } from '../models/word-model.ts';

/** How to open models: the cache folder (false: none) and the resolveModel options. */
export type SubjectOptions = Omit<ResolveModelOptions, 'cacheDir'> & { cacheDir?: string | false };

/** The model for a subject; recorded files shipped with the data get the id `recorded:data/<folder>/<file>`. */
export async function openSubject(subject: Subject, modelId: string, subjectOptions: SubjectOptions = {}): Promise<WordModel> {
  const { cacheDir, ...rest } = subjectOptions;
  const options: ResolveModelOptions = typeof cacheDir === 'string' ? { ...rest, cacheDir } : rest;
  if (subject.kind === 'run-model' || subject.kind === 'fixed') return resolveModel(modelId, options);
  const { tower: _tower, pooling: _pooling, ...recordedOptions } = options;
  const model = await resolveModel(`recorded:${datasetFile(subject.dataset, subject.file)}`, recordedOptions);
  if (model.kind !== 'recorded') throw new Error(`${subject.file} did not open as recorded answers`);
  return renamed(model, `recorded:data/${subject.dataset}/${subject.file}`);
}

/** The same recorded answers under another id (the repo-relative one, so no machine path leaks into results). */
function renamed(model: RecordedModel, id: string): RecordedModel {
  return {
    kind: 'recorded', id, revision: model.revision, columns: model.columns,
    rating: (item, column) => model.rating(item, column),
    pairRating: (a, b, column) => model.pairRating(a, b, column),
  };
}

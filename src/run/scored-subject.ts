// Who a row of the results scores, from the benchmark's subject and what its outcome says it scored: the run's
// model, a model's recorded answers shipped with the data, or a fixed candidate.
import type { BenchmarkOutcome, Subject } from '../benchmarks/benchmark.ts';
import type { WordModel } from '../models/word-model.ts';
import type { ScoredModel, ScoredSubject } from './results.ts';

/** The scored model (id, revision, preprocessing) and subject of a row. */
export function scoredOf(subject: Subject, model: WordModel, scored: BenchmarkOutcome['scored']): { model: ScoredModel; subject: ScoredSubject } {
  if (scored) {
    const { recorded, label, source, ...rest } = scored;
    return { model: rest, subject: { kind: recorded ? 'recorded' : 'fixed', label: label ?? scored.id, ...(source ? { source } : {}) } };
  }
  const preprocessing = model.kind === 'embedding' ? model.preprocessing : undefined;
  const provenance: ScoredModel = { id: model.id, revision: model.revision, ...(preprocessing ? { preprocessing } : {}) };
  if (subject.kind === 'recorded') return { model: provenance, subject: { kind: 'recorded', label: subject.label, source: `${subject.dataset}/${subject.file}` } };
  return { model: provenance, subject: { kind: subject.kind === 'fixed' ? 'fixed' : 'run-model', label: model.id } };
}

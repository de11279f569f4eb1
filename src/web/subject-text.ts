// Who a result scored, in words: the run's model, a model's recorded answers (with their source), or a fixed candidate.
import type { ScoredSubject } from '../run/results.ts';

/** The kind of subject for people: "the run's model", 'recorded answers', 'fixed candidate'. */
export function subjectKindText(kind: ScoredSubject['kind']): string {
  return kind === 'run-model' ? "the run's model" : kind === 'recorded' ? 'recorded answers' : "fixed candidate (not the run's model)";
}

/** Where a recorded subject's answers come from ('data/<source>'), or undefined without a source. */
export function subjectSource(subject: ScoredSubject): string | undefined {
  return subject.source ? `data/${subject.source}` : undefined;
}

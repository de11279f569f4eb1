// Results grouped by who was scored — the run's model first, then each model's recorded answers, then the fixed
// candidates — so that no other subject's number ever appears under the run's model's heading.
import type { BenchmarkResult, ScoredSubject } from '../run/results.ts';

/** The rows of one subject group, with its heading. */
export interface SubjectGroup {
  kind: ScoredSubject['kind'];
  /** e.g. 'Model glove (the run's model)', 'Recorded answers: GPT-4, recorded answers (Trott 2024)'. */
  heading: string;
  results: BenchmarkResult[];
}

const ORDER: readonly ScoredSubject['kind'][] = ['run-model', 'recorded', 'fixed'];

/** Group rows by subject: the run's model, each recorded subject (by label, in first-seen order), then every fixed candidate together. */
export function groupBySubject(results: readonly BenchmarkResult[]): SubjectGroup[] {
  const groups = new Map<string, SubjectGroup>();
  for (const kind of ORDER) {
    for (const r of results) {
      const subject = subjectOf(r);
      if (subject.kind !== kind) continue;
      const key = kind === 'recorded' ? `recorded\u0000${subject.label}` : kind;
      let group = groups.get(key);
      if (!group) {
        group = { kind, heading: headingOf(subject, r), results: [] };
        groups.set(key, group);
      }
      group.results.push(r);
    }
  }
  return [...groups.values()];
}

/** A row's subject (rows of results written before subjects were recorded count as the run's model's). */
export function subjectOf(r: BenchmarkResult): ScoredSubject {
  return r.subject ?? { kind: 'run-model', label: r.model.id };
}

function headingOf(subject: ScoredSubject, r: BenchmarkResult): string {
  if (subject.kind === 'run-model') return `Model ${r.model.id} (the run's model)`;
  if (subject.kind === 'recorded') return `Recorded answers of ${subject.label}${subject.source ? ` (data/${subject.source})` : ''}`;
  return "Fixed candidates (the data sets' own model RDMs, recorded networks, baselines; not the run's model)";
}

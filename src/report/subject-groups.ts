// Results grouped by who was scored — the run's model first (a sweep's models each in a group of its own), then each
// recorded subject's answers, then the fixed candidates — so that no other subject's number ever appears under a
// model's heading.
import type { BenchmarkResult, ScoredModel, ScoredSubject } from '../run/results.ts';

/** The rows of one subject group, with its heading. */
export interface SubjectGroup {
  kind: ScoredSubject['kind'];
  /** e.g. 'Model glove (the run's model)', 'Model glove (model 1 of 2 in this sweep)', 'Recorded answers of GPT-4 (Trott 2024) (…)'. */
  heading: string;
  results: BenchmarkResult[];
}

const ORDER: readonly ScoredSubject['kind'][] = ['run-model', 'recorded', 'fixed'];

/**
 * Group rows by subject: the run's model — or, in a sweep of several `models` (results.models), each model by id in
 * that order, headings numbering them — then each recorded subject (by label, first-seen order), then every fixed
 * candidate together.
 */
export function groupBySubject(results: readonly BenchmarkResult[], models: readonly ScoredModel[] = []): SubjectGroup[] {
  const groups = new Map<string, SubjectGroup>();
  const own = results.filter((r) => subjectOf(r).kind === 'run-model');
  if (models.length > 1) {
    const ids = models.map((m) => m.id);
    for (const r of own) if (!ids.includes(r.model.id)) ids.push(r.model.id);
    for (const [k, id] of ids.entries()) {
      const members = own.filter((r) => r.model.id === id);
      if (members.length > 0) groups.set(`run-model\u0000${id}`, { kind: 'run-model', heading: `Model ${id} (model ${k + 1} of ${ids.length} in this sweep)`, results: members });
    }
  } else if (own.length > 0) {
    groups.set('run-model', { kind: 'run-model', heading: `Model ${own[0].model.id} (the run's model)`, results: own });
  }
  for (const kind of ORDER.filter((k) => k !== 'run-model')) {
    for (const r of results) {
      const subject = subjectOf(r);
      if (subject.kind !== kind) continue;
      const key = kind === 'recorded' ? `recorded\u0000${subject.label}` : kind;
      let group = groups.get(key);
      if (!group) {
        group = { kind, heading: headingOf(subject), results: [] };
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

function headingOf(subject: ScoredSubject): string {
  if (subject.kind === 'recorded') return `Recorded answers of ${subject.label}${subject.source ? ` (data/${subject.source})` : ''}`;
  return "Fixed candidates (the data sets' own model RDMs, recorded networks, baselines; not the run's model)";
}

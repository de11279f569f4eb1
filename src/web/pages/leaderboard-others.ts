// The leaderboard's second table, collapsible and closed at first: recorded answers and fixed candidates (the
// 92-image model RDMs, recorded networks, baselines), one row per benchmark and subject, so they never take columns
// beside the runs' own models.
import { h } from '../dom.ts';
import { benchmarkHref } from '../routes.ts';
import { subjectKindText, subjectSource } from '../subject-text.ts';
import { OTHER_VALUE, sortRows, type Row } from './leaderboard-data.ts';
import { sortHeader, valueCell, type SortSlot } from './leaderboard-cells.ts';

/** What the other subjects' group shows and how: its rows already filtered, the sort, and whether it is open. */
export interface OthersView {
  normalized: boolean;
  perRun: boolean;
  slot: SortSlot;
  open: boolean;
}

/** The heading of the group. */
export const OTHERS_SUMMARY = "Recorded answers and fixed candidates (not the runs' models)";

/** The collapsible group of `rows` (null when there are none), sortable by benchmark, suite, subject and value. */
export function othersGroup(rows: Row[], view: OthersView, rerender: () => void): HTMLElement | null {
  if (rows.length === 0) return null;
  const sorted = view.slot.sort ? sortRows(rows, view.slot.sort, view.normalized) : rows;
  const header = (key: string, label: string, numeric: boolean, cls?: string) => sortHeader('other-subjects', key, label, view.slot, rerender, numeric, cls);
  const table = h('table', { class: 'leaderboard others', id: 'other-subjects' },
    h('caption', {}, 'Each row: who was scored on the benchmark, and its value (with 95% CI and ceiling)'),
    h('thead', {}, h('tr', {}, header('benchmark', 'Benchmark', false, 'bench'), header('suite', 'Suite', false, 'suite'),
      header('subject', 'Who was scored', false, 'subject'), header(OTHER_VALUE, view.normalized ? 'Normalised' : 'Value', true))),
    h('tbody', {}, sorted.map((r) => {
      const cell = r.cells.get(OTHER_VALUE);
      return h('tr', { 'data-benchmark': r.benchmark, 'data-subject': r.subject?.label },
        h('th', { scope: 'row', class: 'bench' }, h('a', { href: benchmarkHref(r.benchmark, cell?.run.id) }, r.title), h('small', { class: 'id' }, r.benchmark)),
        h('td', { class: 'suite' }, r.suite),
        h('td', { class: 'subject' }, r.subject?.label, r.subject ? h('small', {}, subjectKindText(r.subject.kind)) : null,
          r.subject && subjectSource(r.subject) ? h('small', { class: 'source' }, subjectSource(r.subject)) : null,
          view.perRun && cell ? h('small', {}, `run ${cell.run.label || cell.run.id}`) : null),
        valueCell(cell, view.normalized));
    })));
  const details = h('details', { class: 'others', id: 'others-group', open: view.open },
    h('summary', {}, `${OTHERS_SUMMARY}: ${rows.length} result${rows.length === 1 ? '' : 's'}`),
    h('p', { class: 'hint' }, "Scores of a model's answers recorded with the data and of the data sets' own candidates (model RDMs, recorded networks, baselines): for reference beside the runs' models, not results of them."),
    h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Recorded answers and fixed candidates' }, table));
  details.addEventListener('toggle', () => (view.open = details.open));
  return details;
}

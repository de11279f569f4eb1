// Page 1, the leaderboard: benchmarks × the runs' own models with value, 95% CI and ceiling; raw or normalised
// (value / ceiling); sortable by any column (the headers are buttons); filterable by name. Recorded answers and
// fixed candidates sit below in their own collapsible table, so they never push the runs' models off screen.
import { loadRuns, type LoadedRun } from '../api.ts';
import { h } from '../dom.ts';
import { buildBoard, sortRows, type Board, type Column, type Row } from './leaderboard-data.ts';
import { sortHeader, valueCell, type SortSlot } from './leaderboard-cells.ts';
import { othersGroup, type OthersView } from './leaderboard-others.ts';
import { benchmarkHref } from '../routes.ts';

interface View {
  normalized: boolean;
  perRun: boolean;
  filter: string;
  main: SortSlot;
  others: OthersView;
}

/** Render the leaderboard into `main`. */
export async function leaderboardPage(main: HTMLElement): Promise<void> {
  const runs = await loadRuns();
  main.append(h('h2', { tabindex: -1 }, 'Leaderboard'));
  if (runs.length === 0) {
    main.append(h('p', {}, 'No results yet: run ', h('code', {}, 'attune run'), ' (it writes attune-results/results.json), then reload.'));
    return;
  }
  // The other subjects' group starts closed, unless the runs' own models have no result at all.
  const open = buildBoard(runs, false).rows.length === 0;
  const view: View = { normalized: false, perRun: false, filter: '', main: { sort: null }, others: { normalized: false, perRun: false, slot: { sort: null }, open } };
  const holder = h('div', { class: 'board' });
  const rerender = () => {
    const board = buildBoard(runs, view.perRun);
    Object.assign(view.others, { normalized: view.normalized, perRun: view.perRun });
    holder.replaceChildren(boardTable(board, view, rerender), othersGroup(matching(board.others, view.filter), view.others, rerender) ?? '');
  };
  main.append(intro(runs), controls(view, rerender), holder);
  rerender();
}

function intro(runs: LoadedRun[]): HTMLElement {
  const n = runs.reduce((s, r) => s + r.results.results.length, 0);
  const failures = runs.reduce((s, r) => s + r.results.failures.length, 0);
  return h('p', { class: 'hint' }, `${runs.length} run${runs.length === 1 ? '' : 's'}, ${n} results` +
    (failures ? `, ${failures} benchmark${failures === 1 ? '' : 's'} without a result` : '') +
    ". Each cell: value, 95% CI and (where one exists) the noise ceiling, both bounds where it has two; select a benchmark for its details. " +
    "Columns are the runs' own models; recorded answers and fixed candidates are listed apart, below.");
}

function controls(view: View, rerender: () => void): HTMLElement {
  const radio = (value: 'raw' | 'normalized', text: string) =>
    h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'view', value, checked: (value === 'normalized') === view.normalized,
      onchange: () => { view.normalized = value === 'normalized'; rerender(); } }), text);
  const filter = h('input', { type: 'search', id: 'board-filter', placeholder: 'e.g. simlex', autocomplete: 'off' });
  filter.addEventListener('input', () => { view.filter = filter.value.trim().toLowerCase(); rerender(); });
  const perRun = h('input', { type: 'checkbox', id: 'per-run', onchange: (e: Event) => {
    view.perRun = (e.target as HTMLInputElement).checked;
    view.main.sort = null;
    view.others.slot.sort = null;
    rerender();
  } });
  return h('div', { class: 'controls' },
    h('fieldset', { class: 'toggle' }, h('legend', {}, 'Values'), radio('raw', 'raw'), radio('normalized', 'normalised (value / ceiling)')),
    h('div', { class: 'field' }, h('label', { for: 'board-filter' }, 'Filter benchmarks'), filter),
    h('div', { class: 'field check' }, perRun, h('label', { for: 'per-run' }, 'one column per run')));
}

/** The rows whose title, id or subject contains the filter text (already lower case). */
function matching(rows: Row[], filter: string): Row[] {
  return filter ? rows.filter((r) => `${r.title} ${r.benchmark} ${r.subject?.label ?? ''}`.toLowerCase().includes(filter)) : rows;
}

function boardTable(board: Board, view: View, rerender: () => void): HTMLElement {
  let rows = matching(board.rows, view.filter);
  if (view.main.sort) rows = sortRows(rows, view.main.sort, view.normalized);
  const header = (key: string, label: Node | string, numeric: boolean, cls?: string) => sortHeader('leaderboard', key, label, view.main, rerender, numeric, cls);
  const colHead = (c: Column) => h('span', { class: 'col-label', title: c.label }, h('span', {}, shortModel(c.label)), h('small', {}, c.sub));
  const table = h('table', { class: 'leaderboard', id: 'leaderboard' },
    h('caption', {}, view.normalized
      ? 'Normalised values (value / noise ceiling; each cell names what it divides by; empty where no ceiling exists)'
      : 'Raw values with 95% CI and noise ceiling ([lower, upper] where it has two bounds)'),
    h('thead', {}, h('tr', {}, header('benchmark', 'Benchmark', false, 'bench'), header('suite', 'Suite', false, 'suite'),
      board.columns.map((c) => header(c.key, colHead(c), true)))),
    h('tbody', {}, rows.map((r) => h('tr', { 'data-benchmark': r.benchmark },
      h('th', { scope: 'row', class: 'bench' }, h('a', { href: benchmarkHref(r.benchmark, r.cells.values().next().value?.run.id) }, r.title), h('small', { class: 'id' }, r.benchmark)),
      h('td', { class: 'suite' }, r.suite),
      board.columns.map((c) => valueCell(r.cells.get(c.key), view.normalized))))));
  const empty = board.rows.length === 0 ? h('p', {}, "No result of the runs' own models; see the recorded answers and fixed candidates below.")
    : rows.length === 0 ? h('p', {}, 'No benchmark matches the filter.') : null;
  return h('div', {}, h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Leaderboard table' }, table), empty);
}

/** A long model id shortened for a column header: 'recorded:data/x/simlex_gpt-4.csv' → 'recorded:…/simlex_gpt-4.csv'. */
export function shortModel(id: string): string {
  if (id.length <= 28 || !id.includes('/')) return id;
  const colon = id.indexOf(':');
  return `${colon > 0 ? id.slice(0, colon + 1) : ''}…/${id.slice(id.lastIndexOf('/') + 1)}`;
}

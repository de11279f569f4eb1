// Page 1, the leaderboard: benchmarks × models with value, 95% CI and ceiling; raw or normalised (value / ceiling);
// sortable by any column (the headers are buttons); filterable by name.
import { loadRuns, type LoadedRun } from '../api.ts';
import { h } from '../dom.ts';
import { formatCi, formatValue } from '../format.ts';
import { benchmarkHref } from '../routes.ts';
import { buildBoard, cellNumber, sortRows, type Board, type Cell, type Column, type SortState } from './leaderboard-data.ts';

interface View {
  normalized: boolean;
  perRun: boolean;
  filter: string;
  sort: SortState | null;
}

/** Render the leaderboard into `main`. */
export async function leaderboardPage(main: HTMLElement): Promise<void> {
  const runs = await loadRuns();
  main.append(h('h2', { tabindex: -1 }, 'Leaderboard'));
  if (runs.length === 0) {
    main.append(h('p', {}, 'No results yet: run ', h('code', {}, 'attune run'), ' (it writes attune-results/results.json), then reload.'));
    return;
  }
  const view: View = { normalized: false, perRun: false, filter: '', sort: null };
  const holder = h('div', { class: 'board' });
  const rerender = () => holder.replaceChildren(boardTable(buildBoard(runs, view.perRun), view, rerender));
  main.append(intro(runs), controls(view, rerender), holder);
  rerender();
}

function intro(runs: LoadedRun[]): HTMLElement {
  const n = runs.reduce((s, r) => s + r.results.results.length, 0);
  const failures = runs.reduce((s, r) => s + r.results.failures.length, 0);
  return h('p', { class: 'hint' }, `${runs.length} run${runs.length === 1 ? '' : 's'}, ${n} results` +
    (failures ? `, ${failures} benchmark${failures === 1 ? '' : 's'} without a result` : '') +
    '. Each cell: value, 95% CI and (where one exists) the noise ceiling; select a benchmark for its details.');
}

function controls(view: View, rerender: () => void): HTMLElement {
  const radio = (value: 'raw' | 'normalized', text: string) =>
    h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'view', value, checked: (value === 'normalized') === view.normalized,
      onchange: () => { view.normalized = value === 'normalized'; rerender(); } }), text);
  const filter = h('input', { type: 'search', id: 'board-filter', placeholder: 'e.g. simlex', autocomplete: 'off' });
  filter.addEventListener('input', () => { view.filter = filter.value.trim().toLowerCase(); rerender(); });
  const perRun = h('input', { type: 'checkbox', id: 'per-run', onchange: (e: Event) => { view.perRun = (e.target as HTMLInputElement).checked; view.sort = null; rerender(); } });
  return h('div', { class: 'controls' },
    h('fieldset', { class: 'toggle' }, h('legend', {}, 'Values'), radio('raw', 'raw'), radio('normalized', 'normalised (value / ceiling)')),
    h('div', { class: 'field' }, h('label', { for: 'board-filter' }, 'Filter benchmarks'), filter),
    h('div', { class: 'field check' }, perRun, h('label', { for: 'per-run' }, 'one column per run')));
}

/** A sortable header cell: a button that cycles the sort of its column. */
function header(key: string, label: Node | string, view: View, rerender: () => void, numeric: boolean, cls?: string): HTMLTableCellElement {
  const active = view.sort?.key === key;
  const dir = active ? view.sort!.dir : undefined;
  const button = h('button', { type: 'button', class: 'sort', 'data-key': key, onclick: () => {
    const first = numeric ? 'desc' : 'asc';
    view.sort = { key, dir: active ? (dir === 'asc' ? 'desc' : 'asc') : first };
    rerender();
    (document.querySelector(`button.sort[data-key="${CSS.escape(key)}"]`) as HTMLButtonElement | null)?.focus();
  } }, label, h('span', { class: 'arrow', 'aria-hidden': 'true' }, dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''));
  return h('th', { scope: 'col', class: numeric ? 'num' : cls, 'aria-sort': dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined }, button);
}

function boardTable(board: Board, view: View, rerender: () => void): HTMLElement {
  let rows = board.rows.filter((r) => !view.filter || `${r.title} ${r.benchmark}`.toLowerCase().includes(view.filter));
  if (view.sort) rows = sortRows(rows, view.sort, view.normalized);
  const colHead = (c: Column) => h('span', { class: 'col-label', title: c.label }, h('span', {}, shortModel(c.label)), h('small', {}, c.sub));
  const table = h('table', { class: 'leaderboard', id: 'leaderboard' },
    h('caption', {}, view.normalized ? 'Normalised values (value / noise ceiling; empty where no ceiling exists)' : 'Raw values with 95% CI and ceiling'),
    h('thead', {}, h('tr', {}, header('benchmark', 'Benchmark', view, rerender, false, 'bench'), header('suite', 'Suite', view, rerender, false, 'suite'),
      board.columns.map((c) => header(c.key, colHead(c), view, rerender, true)))),
    h('tbody', {}, rows.map((r) => h('tr', { 'data-benchmark': r.benchmark },
      h('th', { scope: 'row', class: 'bench' }, h('a', { href: benchmarkHref(r.benchmark, r.cells.values().next().value?.run.id) }, r.title), h('small', { class: 'id' }, r.benchmark)),
      h('td', { class: 'suite' }, r.suite),
      board.columns.map((c) => valueCell(r.cells.get(c.key), view.normalized))))));
  const empty = rows.length === 0 ? h('p', {}, 'No benchmark matches the filter.') : null;
  return h('div', {}, h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Leaderboard table' }, table), empty);
}

function valueCell(cell: Cell | undefined, normalized: boolean): HTMLTableCellElement {
  if (!cell) return h('td', { class: 'num empty' }, h('span', { class: 'sr-only' }, 'no result'));
  const s = cell.result.score;
  const shown = cellNumber(cell, normalized);
  const main = shown === undefined ? h('span', { class: 'value none', title: 'no ceiling' }, 'n/a') : h('span', { class: 'value' }, formatValue(shown));
  const ceiling = s.ceiling ? h('small', { class: 'ceiling' }, `ceiling ${formatValue(s.ceiling.value)}`) : null;
  const ci = !normalized && s.ci95 ? h('small', { class: 'ci' }, formatCi(s.ci95)) : null;
  const raw = normalized && shown !== undefined ? h('small', { class: 'ci' }, `raw ${formatValue(s.value)}`) : null;
  return h('td', { class: 'num', 'data-value': shown === undefined ? '' : String(shown) },
    h('a', { href: benchmarkHref(cell.result.benchmark, cell.run.id), class: 'cell' }, main, ci, raw, ceiling));
}

/** A long model id shortened for a column header: 'recorded:data/x/simlex_gpt-4.csv' → 'recorded:…/simlex_gpt-4.csv'. */
export function shortModel(id: string): string {
  if (id.length <= 28 || !id.includes('/')) return id;
  const colon = id.indexOf(':');
  return `${colon > 0 ? id.slice(0, colon + 1) : ''}…/${id.slice(id.lastIndexOf('/') + 1)}`;
}

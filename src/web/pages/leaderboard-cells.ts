// The leaderboard's shared pieces: a value cell (value, 95% CI, noise ceiling with both bounds; 'insufficient' with
// its reason below the coverage floor) and a sortable column header.
import { h } from '../dom.ts';
import { ceilingBounds, ceilingDivisor } from '../ceiling-text.ts';
import { formatCi, formatValue } from '../format.ts';
import { benchmarkHref } from '../routes.ts';
import { cellNumber, type Cell, type SortState } from './leaderboard-data.ts';

/** A table's sort state, read and changed by its header buttons. */
export interface SortSlot {
  sort: SortState | null;
}

/**
 * A sortable header cell of table `tableId`: a button that cycles the sort of its column (numbers start descending,
 * text ascending) and keeps the focus after the table is drawn again.
 */
export function sortHeader(tableId: string, key: string, label: Node | string, slot: SortSlot, rerender: () => void, numeric: boolean, cls?: string): HTMLTableCellElement {
  const active = slot.sort?.key === key;
  const dir = active ? slot.sort!.dir : undefined;
  const button = h('button', { type: 'button', class: 'sort', 'data-key': key, onclick: () => {
    const first = numeric ? 'desc' : 'asc';
    slot.sort = { key, dir: active ? (dir === 'asc' ? 'desc' : 'asc') : first };
    rerender();
    (document.querySelector(`#${tableId} button.sort[data-key="${CSS.escape(key)}"]`) as HTMLButtonElement | null)?.focus();
  } }, label, h('span', { class: 'arrow', 'aria-hidden': 'true' }, dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''));
  return h('th', { scope: 'col', class: numeric ? 'num' : cls, 'aria-sort': dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined }, button);
}

/** A value cell linking to the result's detail: raw (with CI) or normalised (with the raw value and its divisor), the ceiling; 'insufficient' and why, without a value, below the coverage floor. */
export function valueCell(cell: Cell | undefined, normalized: boolean): HTMLTableCellElement {
  if (!cell) return h('td', { class: 'num empty' }, h('span', { class: 'sr-only' }, 'no result'));
  const href = benchmarkHref(cell.result.benchmark, cell.run.id);
  const insufficient = cell.result.coverage.insufficient;
  if (insufficient) {
    return h('td', { class: 'num insufficient', 'data-value': '' },
      h('a', { href, class: 'cell' }, h('span', { class: 'value none' }, 'insufficient'), h('small', { class: 'reason' }, insufficient)));
  }
  const s = cell.result.score;
  const shown = cellNumber(cell, normalized);
  const main = shown === undefined ? h('span', { class: 'value none', title: 'no ceiling' }, 'n/a') : h('span', { class: 'value' }, formatValue(shown));
  const c = s.ceiling;
  const ceiling = c ? h('small', { class: 'ceiling', title: `normalised divides by ${ceilingDivisor(c)}` }, `ceiling ${ceilingBounds(c)}`) : null;
  const ci = !normalized && s.ci95 ? h('small', { class: 'ci' }, formatCi(s.ci95)) : null;
  const raw = normalized && shown !== undefined ? h('small', { class: 'ci' }, `raw ${formatValue(s.value)}`) : null;
  const divisor = normalized && c && shown !== undefined ? h('small', { class: 'divisor' }, `÷ ${ceilingDivisor(c)}`) : null;
  return h('td', { class: 'num', 'data-value': shown === undefined ? '' : String(shown) },
    h('a', { href, class: 'cell' }, main, ci, raw, ceiling, divisor));
}

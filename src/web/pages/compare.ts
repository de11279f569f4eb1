// Page 3, run comparison: two runs (or two models) side by side per benchmark, the difference (B − A) and
// whether the two 95% intervals overlap.
import { loadRuns } from '../api.ts';
import { h } from '../dom.ts';
import { formatCi, formatValue } from '../format.ts';
import { benchmarkHref } from '../routes.ts';
import { compareSides, sideOptions, sideResults, type ComparedRow } from './compare-data.ts';

/** Render the comparison page into `main`, with the sides from the route (?a=…&b=…) or the first two options. */
export async function comparePage(main: HTMLElement, params: URLSearchParams): Promise<void> {
  const runs = await loadRuns();
  main.append(h('h2', { tabindex: -1 }, 'Compare runs'));
  const options = sideOptions(runs);
  if (options.length === 0) {
    main.append(h('p', {}, 'No results yet.'));
    return;
  }
  const pick = (name: string, fallback: number) => {
    const v = params.get(name);
    return v && options.some((o) => o.value === v) ? v : options[Math.min(fallback, options.length - 1)].value;
  };
  let a = pick('a', 0);
  let b = pick('b', 1);
  const select = (id: string, label: string, value: string, set: (v: string) => void) => {
    const el = h('select', { id }, options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label)));
    el.addEventListener('change', () => {
      set(el.value);
      history.replaceState(null, '', `#/compare?${new URLSearchParams({ a, b })}`);
      render();
    });
    return h('div', { class: 'field' }, h('label', { for: id }, label), el);
  };
  const out = h('div', { 'aria-live': 'polite' });
  const render = () => out.replaceChildren(comparison(compareSides(sideResults(runs, a), sideResults(runs, b))));
  main.append(h('div', { class: 'controls' }, select('side-a', 'A', a, (v) => (a = v)), select('side-b', 'B', b, (v) => (b = v))), out);
  render();
}

function comparison(rows: ComparedRow[]): HTMLElement {
  if (rows.length === 0) return h('p', {}, 'Neither side has results.');
  const both = rows.filter((r) => r.difference !== undefined);
  const apart = both.filter((r) => r.overlap === false).length;
  const cell = (r: ComparedRow, side: 'a' | 'b') => {
    const x = r[side];
    if (!x) return h('td', { class: 'num empty' }, '–');
    const s = x.result.score;
    if (x.result.coverage.insufficient) return h('td', { class: 'num insufficient', title: x.result.coverage.insufficient }, h('a', { href: benchmarkHref(x.result.benchmark, x.run) }, 'insufficient'));
    return h('td', { class: 'num' }, h('a', { href: benchmarkHref(x.result.benchmark, x.run) }, formatValue(s.value)), h('small', { class: 'ci' }, formatCi(s.ci95)));
  };
  const overlapText = (r: ComparedRow) => (r.difference === undefined ? '–' : r.overlap === undefined ? 'no CI' : r.overlap ? 'overlap' : 'apart');
  return h('div', {},
    h('p', { class: 'hint' }, `${both.length} benchmarks on both sides; ${apart} with non-overlapping 95% intervals. Difference = B − A.`),
    h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Comparison table' }, h('table', { id: 'comparison' },
      h('thead', {}, h('tr', {}, ['Benchmark', 'A', 'B', 'B − A', '95% CIs'].map((t, k) => h('th', { scope: 'col', class: k > 0 ? 'num' : undefined }, t)))),
      h('tbody', {}, rows.map((r) => h('tr', {},
        h('th', { scope: 'row' }, r.title, h('small', { class: 'id' }, r.benchmark)),
        cell(r, 'a'), cell(r, 'b'),
        h('td', { class: `num ${r.difference === undefined ? '' : r.difference > 0 ? 'up' : r.difference < 0 ? 'down' : ''}` }, r.difference === undefined ? '–' : signed(r.difference)),
        h('td', { class: `num ${r.overlap === false ? 'apart' : ''}` }, overlapText(r))))))));
}

function signed(x: number): string {
  const t = formatValue(x);
  return x > 0 ? `+${t}` : t;
}

// The model-vs-human scatter of a result, each point's label (the pair, the word, the concept) in its tooltip,
// and the same points as a table for keyboard and screen-reader users.
import type { BenchmarkResult } from '../api.ts';
import { h, table } from '../dom.ts';
import { renderChart } from './chart.ts';

type Scatter = NonNullable<BenchmarkResult['scatter']>;

/** Points of a scatter as records for Vega. */
function points(s: Scatter): { model: number; human: number; label: string }[] {
  return s.model.map((m, i) => ({ model: m, human: s.human[i], label: s.labels?.[i] ?? `item ${i + 1}` }));
}

/** A panel with the scatter chart and a collapsed table of its points. */
export function scatterPanel(result: BenchmarkResult): HTMLElement | null {
  const s = result.scatter;
  if (!s || s.model.length === 0) return null;
  const chart = h('div', { class: 'chart-box', id: 'scatter' });
  const data = points(s);
  void renderChart(chart, {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: 340,
    autosize: { type: 'fit-x', contains: 'padding' },
    data: { values: data },
    mark: { type: 'point', filled: true, opacity: 0.55, size: 36 },
    encoding: {
      x: { field: 'model', type: 'quantitative', title: s.xLabel, scale: { zero: false } },
      y: { field: 'human', type: 'quantitative', title: s.yLabel, scale: { zero: false } },
      tooltip: [
        { field: 'label', type: 'nominal', title: 'item' },
        { field: 'model', type: 'quantitative', title: s.xLabel, format: '.4f' },
        { field: 'human', type: 'quantitative', title: s.yLabel, format: '.4~f' },
      ],
    },
  }, `Scatter of ${s.xLabel} against ${s.yLabel}, ${data.length} points; hover a point for its label`).catch((error: unknown) => {
    chart.replaceChildren(h('p', { class: 'error', role: 'alert' }, `The chart failed: ${String(error)}`));
  });
  const details = h('details', {}, h('summary', {}, `The ${data.length} points as a table`));
  details.addEventListener('toggle', () => {
    if (!details.open || details.querySelector('table')) return;
    details.append(table(['item', s.xLabel, s.yLabel], data.map((p) => [p.label, p.model.toFixed(4), String(p.human)]), (c) => c > 0));
  });
  return h('section', { class: 'panel' }, h('h3', {}, 'Model vs human'), chart, details);
}

// The layer profile of a multi-layer model: the score of every layer with its 95% interval, the layer used marked.
import type { BenchmarkResult } from '../api.ts';
import { h, table } from '../dom.ts';
import { formatCi, formatValue } from '../format.ts';
import { renderChart } from './chart.ts';

/** A panel with the profile chart and its table, or null when the result has no layer profile. */
export function layersPanel(result: BenchmarkResult): HTMLElement | null {
  const layers = result.layers;
  if (!layers || layers.length === 0) return null;
  const used = result.layer?.layer;
  const values = layers.map((l) => ({
    layer: l.layer, name: l.name, value: l.value, lo: l.ci95?.[0] ?? l.value, hi: l.ci95?.[1] ?? l.value, used: l.layer === used ? 'used' : 'other',
  }));
  const chart = h('div', { class: 'chart-box' });
  const x = { field: 'layer', type: 'quantitative' as const, title: 'layer', axis: { tickMinStep: 1 } };
  void renderChart(chart, {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: 240,
    autosize: { type: 'fit-x', contains: 'padding' },
    data: { values },
    layer: [
      { mark: { type: 'errorband', opacity: 0.25 }, encoding: { x, y: { field: 'lo', type: 'quantitative', title: result.score.measure }, y2: { field: 'hi' } } },
      { mark: { type: 'line', point: true }, encoding: {
        x, y: { field: 'value', type: 'quantitative' },
        tooltip: [{ field: 'name', title: 'layer' }, { field: 'value', type: 'quantitative', format: '.4f' }],
      } },
      { transform: [{ filter: "datum.used === 'used'" }], mark: { type: 'point', size: 140, color: '#d62728', filled: true }, encoding: { x, y: { field: 'value', type: 'quantitative' } } },
    ],
  }, `Layer profile: ${result.score.measure} for each of ${layers.length} layers`).catch((error: unknown) => {
    chart.replaceChildren(h('p', { class: 'error', role: 'alert' }, `The chart failed: ${String(error)}`));
  });
  const rows = layers.map((l) => [l.name + (l.layer === used ? ' (used)' : ''), formatValue(l.value), formatCi(l.ci95) || '-', String(l.n)]);
  const chosen = result.layer ? `Layer used: ${result.layer.name} (${result.layer.chosen}${result.layer.selection_items ? `, chosen on ${result.layer.selection_items} items, scored on ${result.layer.evaluation_items}` : ''}).` : '';
  return h('section', { class: 'panel' }, h('h3', {}, 'Layer profile'), h('p', {}, chosen), chart,
    h('details', {}, h('summary', {}, 'Layer scores as a table'), table(['layer', 'value', '95% CI', 'n'], rows, (c) => c > 0)));
}

// The layer profile of a multi-layer model: the score of every layer with its 95% interval, the layer used marked.
// A vision row shows every region of its picture set side by side (the row's, and the other one when the same run has
// it), layers by name, each with the region's noise ceiling as a band.
import type { TopLevelSpec } from 'vega-lite';
import { ceilingBand, hasLayerProfile, isScoredLayer, parseVisionBenchmark, regionTitle, setRegionsOf, unscoredLayerNames } from '../../report/vision-rows.ts';
import type { BenchmarkResult, LoadedRun } from '../api.ts';
import { h, table } from '../dom.ts';
import { formatCi, formatValue } from '../format.ts';
import { benchmarkHref } from '../routes.ts';
import { renderChart } from './chart.ts';

type Layers = NonNullable<BenchmarkResult['layers']>;

/** How a profile is drawn: the x encoding, the layers on the chart, the ceiling band (if any) and the chart's description. */
interface ProfileView {
  x: { field: 'layer'; type: 'quantitative'; title: string; axis: { tickMinStep: number } } | { field: 'name'; type: 'ordinal'; sort: string[]; title: string; axis: { labelAngle: number } };
  layers: Layers;
  band?: { lower: number; upper: number };
  /** A y domain shared with the charts beside it. */
  yDomain?: [number, number];
  description: string;
}

/** A panel with the profile chart and its table, or null when the result has no layer profile (`run`: the run it is from). */
export function layersPanel(result: BenchmarkResult, run: LoadedRun): HTMLElement | null {
  const layers = result.layers;
  if (!layers || layers.length === 0) return null;
  const chosen = result.layer ? `Layer used: ${result.layer.name} (${result.layer.chosen}${result.layer.selection_items ? `, chosen on ${result.layer.selection_items} items, scored on ${result.layer.evaluation_items}` : ''}).` : '';
  const body = parseVisionBenchmark(result.benchmark)
    ? regionProfiles(result, run)
    : [profileChart(result, textView(result, layers)), layerTable(result, layers)];
  return h('section', { class: 'panel' }, h('h3', {}, 'Layer profile'), h('p', {}, chosen), body);
}

/** Every layer by number (0 = embeddings). */
function textView(result: BenchmarkResult, layers: Layers): ProfileView {
  return {
    x: { field: 'layer', type: 'quantitative', title: 'layer', axis: { tickMinStep: 1 } },
    layers,
    description: `Layer profile: ${result.score.measure} for each of ${layers.length} layers`,
  };
}

/** The y range that holds every scored value, interval and ceiling band of `rows`, so that charts side by side compare. */
function sharedDomain(rows: BenchmarkResult[]): [number, number] {
  const ys = rows.flatMap((r) => {
    const band = ceilingBand(r);
    return [...(r.layers ?? []).filter(isScoredLayer).flatMap((l) => [l.value, ...(l.ci95 ?? [])]), ...(band ? [band.lower, band.upper] : [])];
  }).filter(Number.isFinite);
  return [Math.min(0, ...ys), Math.max(0, ...ys)];
}

/** The scored layers by name, in order, with the row's noise ceiling as a band, on the y domain `yDomain`. */
function visionView(row: BenchmarkResult, yDomain: [number, number]): ProfileView {
  const layers = (row.layers ?? []).filter(isScoredLayer);
  const band = ceilingBand(row);
  return {
    x: { field: 'name', type: 'ordinal', sort: layers.map((l) => l.name), title: 'layer', axis: { labelAngle: -40 } },
    layers,
    band,
    yDomain,
    description: `Layer profile of ${regionTitle(row)}: ${row.score.measure} for each of ${layers.length} scored layers (${layers.map((l) => l.name).join(', ')})` +
      (band ? `; shaded band: noise ceiling from ${formatValue(band.lower)} to ${formatValue(band.upper)}` : '; no noise ceiling'),
  };
}

/** The chart of a profile: the ceiling band, the 95% interval as a band, the line of values, the layer used as a red point. */
function profileChart(result: BenchmarkResult, view: ProfileView): HTMLElement {
  const used = result.layer?.layer;
  const values = view.layers.map((l) => ({
    layer: l.layer, name: l.name, value: l.value, lo: l.ci95?.[0] ?? l.value, hi: l.ci95?.[1] ?? l.value, used: l.layer === used ? 'used' : 'other',
  }));
  const { x } = view;
  const title = result.score.measure;
  const chart = h('div', { class: 'chart-box' });
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: view.description, // vega sets the container's aria-label from it (else 'Vega visualization')
    width: 'container',
    height: 240,
    autosize: { type: 'fit-x', contains: 'padding' },
    data: { values },
    layer: [
      ...(view.band
        ? [{ data: { values: [view.band] }, mark: { type: 'rect', color: '#d62728', opacity: 0.15 }, encoding: { y: { field: 'lower', type: 'quantitative', title }, y2: { field: 'upper' } } } as const]
        : []),
      { mark: { type: 'errorband', opacity: 0.25 }, encoding: { x, y: { field: 'lo', type: 'quantitative', title, ...(view.yDomain ? { scale: { domain: view.yDomain } } : {}) }, y2: { field: 'hi' } } },
      { mark: { type: 'line', point: true }, encoding: {
        x, y: { field: 'value', type: 'quantitative' },
        tooltip: [{ field: 'name', title: 'layer' }, { field: 'value', type: 'quantitative', format: '.4f' }],
      } },
      { transform: [{ filter: "datum.used === 'used'" }], mark: { type: 'point', size: 140, color: '#d62728', filled: true }, encoding: { x, y: { field: 'value', type: 'quantitative' } } },
    ],
  };
  void renderChart(chart, spec, view.description).catch((error: unknown) => {
    chart.replaceChildren(h('p', { class: 'error', role: 'alert' }, `The chart failed: ${String(error)}`));
  });
  return chart;
}

/** Every layer (unscored ones too) with its value, 95% CI, n and, where the layers carry them, their extra scores. */
function layerTable(result: BenchmarkResult, layers: Layers): HTMLElement {
  const used = result.layer?.layer;
  const extras = [...new Set(layers.flatMap((l) => Object.keys(l.extra ?? {})))];
  const rows = layers.map((l) => [
    l.name + (l.layer === used ? ' (used)' : ''), isScoredLayer(l) ? formatValue(l.value) : 'not scored', formatCi(l.ci95) || '-', String(l.n),
    ...extras.map((name) => formatValue(l.extra?.[name])),
  ]);
  const caption = extras.length > 0 ? extras.map((name) => `${name}: ${result.extra?.[name]?.measure ?? name}`).join('; ') : undefined;
  return h('details', {}, h('summary', {}, 'Layer scores as a table'), table(['layer', 'value', '95% CI', 'n', ...extras], rows, (c) => c > 0, caption));
}

/** The row's picture set for this model, one region beside the other on one y scale, each titled (the other region links to its page). */
function regionProfiles(result: BenchmarkResult, run: LoadedRun): HTMLElement[] {
  const regions = setRegionsOf(result, run.results.results).filter((r) => r === result || hasLayerProfile(r));
  const yDomain = sharedDomain(regions);
  return [
    h('p', { class: 'hint' }, `Each region of the picture set for ${result.model.id}. Shaded band: the region's noise ceiling, from its lower to its upper bound; red point: the layer the row shows.`),
    h('div', { class: 'region-profiles' }, regions.map((row) => {
      const title = regionTitle(row);
      const unscored = unscoredLayerNames(row);
      return h('div', { class: 'region-profile', 'data-benchmark': row.benchmark },
        h('h4', {}, row === result ? title : h('a', { href: benchmarkHref(row.benchmark, run.summary.id) }, title)),
        profileChart(row, visionView(row, yDomain)),
        unscored.length > 0 ? h('p', { class: 'hint' }, `Not scored, left out of the chart: ${unscored.join(', ')}.`) : null,
        layerTable(row, row.layers ?? []));
    })),
  ];
}

// The vision suite's layer profiles: one figure per scored model and picture set, its regions side by side (EVC | IT,
// human IT | judgments), each the row's measure for every layer by name with 95% CI rules and the noise ceiling as a band.
import type { TopLevelSpec } from 'vega-lite';
import type { BenchmarkResult, RunResults } from '../run/results.ts';
import { CONFIG, finiteOrNull, SCHEMA, slug } from './plot-basics.ts';
import { titleLines } from './plot-text.ts';
import { ceilingBand, hasLayerProfile, isScoredLayer, parseVisionBenchmark, pictureSetTitle, regionTitle, setRegionsKey, unscoredLayerNames } from './vision-rows.ts';

/** One figure: a file-safe id base, its caption, the benchmark ids it shows (one per region) and its spec. */
export interface VisionProfile {
  idBase: string;
  caption: string;
  benchmarks: string[];
  spec: TopLevelSpec;
}

/** One figure per (scored model, picture set) whose rows have a layer profile, in the order of the rows; rows below the coverage floor are left out. */
export function visionProfiles(results: RunResults): VisionProfile[] {
  const groups = new Map<string, BenchmarkResult[]>();
  for (const row of results.results) {
    const key = setRegionsKey(row);
    if (key !== undefined && hasLayerProfile(row) && row.coverage.insufficient === undefined) groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map(visionProfile);
}

/** The figure of one model's regions of one picture set: `rows` (with layer profiles) side by side, in order. */
export function visionProfile(rows: BenchmarkResult[]): VisionProfile {
  const first = rows[0];
  const model = first.model.id;
  const set = pictureSetTitle(first);
  const measure = first.score.measure;
  const regionOf = (r: BenchmarkResult) => parseVisionBenchmark(r.benchmark)?.region ?? r.benchmark;
  const shown = rows.map((r) => `${regionOf(r)}: ${r.layer ? `${r.layer.name} (${r.layer.chosen})` : 'none'}`).join('; ');
  const unscored = rows.flatMap((r) => {
    const names = unscoredLayerNames(r);
    return names.length > 0 ? [`${regionOf(r)}: ${names.join(', ')}`] : [];
  });
  const split = rows.some((r) => r.layer?.chosen === 'best') ? ' Profiles are on the selection half; the row\'s score is its chosen layer on the other half.' : '';
  const banded = rows.filter((r) => ceilingBand(r) !== undefined);
  const band = banded.length === 0 ? '' : `shaded band: the region's noise ceiling, from its lower to its upper bound${banded.length < rows.length ? ` (${banded.map(regionOf).join(', ')} only: the others have none)` : ''}; `;
  const caption = `${model} on ${set}, by layer: ${rows.map(regionTitle).join(' | ')}. Line: ${measure} of each layer, ` +
    `with its 95% CI as rules; ${band}red diamond: the layer the row shows (${shown}).` +
    `${unscored.length > 0 ? ` Not scored, left out: ${unscored.join('; ')}.` : ''}${split}`;
  const width = rows.length * 300;
  return {
    idBase: `vision-layers-${slug(parseVisionBenchmark(first.benchmark)?.set ?? set)}-${slug(model)}`,
    caption,
    benchmarks: rows.map((r) => r.benchmark),
    spec: {
      $schema: SCHEMA,
      title: {
        text: titleLines([`${model}: ${set}`], width, 'title'),
        subtitle: titleLines([`${measure} by layer; rules: 95% CI`, `${banded.length > 0 ? 'band: noise ceiling (lower to upper bound); ' : ''}diamond: the layer the row shows`], width, 'subtitle'),
        anchor: 'start',
      },
      hconcat: rows.map((r) => regionPanel(r, slug(regionOf(r)).replace(/-/g, '_'))),
      resolve: { scale: { y: 'shared' } },
      config: CONFIG,
    },
  };
}

/** A chart of a horizontal concatenation. */
type ConcatMember = Extract<TopLevelSpec, { hconcat: unknown }>['hconcat'][number];

/** One region's panel: ceiling band, CI rules, the line over the scored layers and the layer shown; marks named `<tag>_…`. */
function regionPanel(row: BenchmarkResult, tag: string): ConcatMember {
  const scored = (row.layers ?? []).filter(isScoredLayer);
  const values = scored.map((l) => ({
    layer: l.layer, name: l.name, value: l.value, lo: finiteOrNull(l.ci95?.[0]), hi: finiteOrNull(l.ci95?.[1]), used: l.layer === row.layer?.layer,
  }));
  const x = { field: 'name', type: 'ordinal', sort: scored.map((l) => l.name), title: 'layer', axis: { labelAngle: -45 } } as const;
  const y = { type: 'quantitative', title: row.score.measure } as const;
  const band = ceilingBand(row);
  const unscored = unscoredLayerNames(row);
  return {
    title: { text: titleLines([regionTitle(row)], 280, 'title'), ...(unscored.length > 0 ? { subtitle: titleLines([`not scored, left out: ${unscored.join(', ')}`], 280, 'subtitle') } : {}) },
    width: 240,
    height: 200,
    data: { values },
    layer: [
      ...(band
        ? [{ name: `${tag}_ceiling`, data: { values: [band] }, mark: { type: 'rect', color: '#e45756', opacity: 0.2 }, encoding: { y: { ...y, field: 'lower' }, y2: { field: 'upper' } } } as const]
        : []),
      { name: `${tag}_ci`, transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }], mark: { type: 'rule', color: '#9ecae9' }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' } } },
      { name: `${tag}_line`, mark: { type: 'line', color: '#4c78a8', point: true }, encoding: { x, y: { ...y, field: 'value' } } },
      { name: `${tag}_used`, transform: [{ filter: 'datum.used' }], mark: { type: 'point', shape: 'diamond', size: 120, filled: true, color: '#e45756' }, encoding: { x, y: { ...y, field: 'value' } } },
    ],
  };
}

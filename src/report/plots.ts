// Vega-Lite specs of the report's plots: per section, score bars with CI and ceiling; per benchmark, model vs human scatter;
// and the list of every plot of a run (layer profiles from layer-profile.ts and vision-profiles.ts included).
import type { TopLevelSpec } from 'vega-lite';
import type { BenchmarkResult, RunResults } from '../run/results.ts';
import { layerProfileSpec } from './layer-profile.ts';
import { CONFIG, finiteOrNull, SCHEMA, slug } from './plot-basics.ts';
import { formatValue, groupSections, type Section } from './scorecard.ts';
import { visionProfiles } from './vision-profiles.ts';
import { parseVisionBenchmark } from './vision-rows.ts';

export { slug };

/** One plot of the report: a file-safe id, a caption and its Vega-Lite spec (data inline). */
export interface PlotSpec {
  /** File-safe and unique within a report, e.g. 'bars-core-wordsim' or 'scatter-wordsim-simlex999'. */
  id: string;
  kind: 'bars' | 'scatter' | 'layers' | 'vision-layers';
  title: string;
  /** The section key (bars), benchmark id (scatter, layers) or comma-separated benchmark ids (vision-layers: one per region) the plot shows. */
  subject: string;
  spec: TopLevelSpec;
}

/** Bars of each benchmark's value with its 95% CI as a rule, and the ceiling (band and tick) when present. */
export function sectionBarsSpec(section: Section): TopLevelSpec {
  const seen = new Map<string, number>();
  const values = section.results.map((r) => {
    const k = (seen.get(r.title) ?? 0) + 1;
    seen.set(r.title, k);
    const c = r.score.ceiling;
    return {
      label: k === 1 ? r.title : `${r.title} (${r.benchmark})`,
      benchmark: r.benchmark,
      measure: r.score.measure,
      value: finiteOrNull(r.score.value),
      lo: finiteOrNull(r.score.ci95?.[0]),
      hi: finiteOrNull(r.score.ci95?.[1]),
      ceiling: finiteOrNull(c?.value),
      ceilingLo: finiteOrNull(c?.lower),
      ceilingHi: finiteOrNull(c?.upper),
    };
  });
  const y = { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 260 } } as const;
  const x = { type: 'quantitative', title: 'Score', scale: { zero: true } } as const;
  return {
    $schema: SCHEMA,
    title: {
      text: section.name,
      subtitle: 'bar: score; black line: 95% CI; red tick and band: ceiling',
      anchor: 'start',
    },
    width: 420,
    height: { step: 22 },
    data: { values },
    layer: [
      {
        name: 'bars',
        transform: [{ filter: 'isValid(datum.value)' }],
        mark: { type: 'bar', color: '#4c78a8', height: { band: 0.7 } },
        encoding: { y, x: { ...x, field: 'value' } },
      },
      {
        name: 'ci',
        transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }],
        mark: { type: 'rule', color: 'black', strokeWidth: 1.5 },
        encoding: { y, x: { ...x, field: 'lo' }, x2: { field: 'hi' } },
      },
      {
        name: 'ceiling_band',
        transform: [{ filter: 'isValid(datum.ceilingLo) && isValid(datum.ceilingHi)' }],
        mark: { type: 'rule', color: '#e45756', opacity: 0.35, strokeWidth: 8 },
        encoding: { y, x: { ...x, field: 'ceilingLo' }, x2: { field: 'ceilingHi' } },
      },
      {
        name: 'ceiling',
        transform: [{ filter: 'isValid(datum.ceiling)' }],
        mark: { type: 'tick', color: '#e45756', thickness: 2 },
        encoding: { y, x: { ...x, field: 'ceiling' } },
      },
    ],
    config: CONFIG,
  };
}

/** Scatter of the model's value against the human value per covered item; undefined when the result has no scatter. */
export function scatterSpec(result: BenchmarkResult): TopLevelSpec | undefined {
  const s = result.scatter;
  if (!s) return undefined;
  const n = Math.min(s.model.length, s.human.length);
  const values: { x: number; y: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(s.model[i]) && Number.isFinite(s.human[i])) values.push({ x: s.model[i], y: s.human[i] });
  }
  return {
    $schema: SCHEMA,
    title: {
      text: `${result.title}: ${result.score.measure} = ${formatValue(result.score.value)}`,
      subtitle: `${result.benchmark}, n = ${values.length}`,
      anchor: 'start',
    },
    name: 'points',
    width: 320,
    height: 320,
    data: { values },
    mark: { type: 'point', aria: false, filled: true, size: 18, opacity: 0.5, color: '#4c78a8' },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: s.xLabel, scale: { zero: false } },
      y: { field: 'y', type: 'quantitative', title: s.yLabel, scale: { zero: false } },
    },
    config: CONFIG,
  };
}

/**
 * Every plot of a run: one bar chart per section; per benchmark its scatter and (vision rows excepted) its layer profile;
 * then one vision figure per scored model and picture set with layer profiles.
 */
export function reportPlots(results: RunResults): PlotSpec[] {
  const used = new Set<string>();
  const unique = (base: string): string => {
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
    used.add(id);
    return id;
  };
  const plots: PlotSpec[] = [];
  for (const section of groupSections(results.results)) {
    plots.push({
      id: unique(`bars-${slug(section.suite)}-${section.key}`),
      kind: 'bars',
      title: section.name,
      subject: section.key,
      spec: sectionBarsSpec(section),
    });
  }
  for (const r of results.results) {
    const spec = scatterSpec(r);
    if (spec) plots.push({ id: unique(`scatter-${slug(r.benchmark)}`), kind: 'scatter', title: r.title, subject: r.benchmark, spec });
    const profile = parseVisionBenchmark(r.benchmark) ? undefined : layerProfileSpec(r);
    if (profile) plots.push({ id: unique(`layers-${slug(r.benchmark)}`), kind: 'layers', title: `${r.title} by layer`, subject: r.benchmark, spec: profile });
  }
  for (const v of visionProfiles(results)) {
    plots.push({ id: unique(v.idBase), kind: 'vision-layers', title: v.caption, subject: v.benchmarks.join(', '), spec: v.spec });
  }
  return plots;
}

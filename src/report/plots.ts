// The list of every plot of a run: per section its score bars (bars-spec.ts); per benchmark its model-vs-human scatter
// (scatter-spec.ts) and layer profile (layer-profile.ts); per scored model and picture set its vision profiles.
import type { TopLevelSpec } from 'vega-lite';
import type { RunResults } from '../run/results.ts';
import { sectionBarsSpec } from './bars-spec.ts';
import { layerProfileSpec } from './layer-profile.ts';
import { slug } from './plot-basics.ts';
import { scatterSpec } from './scatter-spec.ts';
import { groupSections, sectionOf } from './scorecard.ts';
import { subjectOf } from './subject-groups.ts';
import { visionProfiles } from './vision-profiles.ts';
import { parseVisionBenchmark } from './vision-rows.ts';

export { scatterSpec, sectionBarsSpec, slug };

/** One plot of the report: a file-safe id, a caption and its Vega-Lite spec (data inline). */
export interface PlotSpec {
  /** File-safe and unique within a report, e.g. 'bars-core-wordsim' or 'scatter-wordsim-simlex999'. */
  id: string;
  kind: 'bars' | 'scatter' | 'layers' | 'vision-layers';
  title: string;
  /** The section key (bars), benchmark id (scatter, layers) or comma-separated benchmark ids (vision-layers: one per region) the plot shows. */
  subject: string;
  /** The heading the report shows the plot under: its section's name (with the suite when a run has several). */
  group: string;
  spec: TopLevelSpec;
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
  const multiSuite = new Set(results.results.map((r) => r.suite)).size > 1;
  const group = (name: string, suite: string) => (multiSuite ? `${name} (suite ${suite})` : name);
  const rowGroup = (benchmark: string) => {
    const r = results.results.find((x) => x.benchmark === benchmark);
    return group(sectionOf(benchmark).name, r?.suite ?? results.suite);
  };
  const plots: PlotSpec[] = [];
  for (const section of groupSections(results.results)) {
    plots.push({
      id: unique(`bars-${slug(section.suite)}-${section.key}`),
      kind: 'bars',
      title: section.name,
      subject: section.key,
      group: group(section.name, section.suite),
      spec: sectionBarsSpec(section),
    });
  }
  // In a sweep of several models, a run model's plots name their model (in the id, the caption and the title).
  const sweep = (results.models?.length ?? 1) > 1;
  for (const r of results.results) {
    const model = sweep && subjectOf(r).kind === 'run-model' ? r.model.id : undefined;
    const [idPart, caption] = model === undefined ? [slug(r.benchmark), r.title] : [`${slug(model)}-${slug(r.benchmark)}`, `${r.title} (${model})`];
    const spec = scatterSpec(r, model);
    if (spec) plots.push({ id: unique(`scatter-${idPart}`), kind: 'scatter', title: caption, subject: r.benchmark, group: rowGroup(r.benchmark), spec });
    const profile = parseVisionBenchmark(r.benchmark) ? undefined : layerProfileSpec(r, model);
    if (profile) plots.push({ id: unique(`layers-${idPart}`), kind: 'layers', title: `${caption} by layer`, subject: r.benchmark, group: rowGroup(r.benchmark), spec: profile });
  }
  for (const v of visionProfiles(results)) {
    plots.push({ id: unique(v.idBase), kind: 'vision-layers', title: v.caption, subject: v.benchmarks.join(', '), group: rowGroup(v.benchmarks[0]), spec: v.spec });
  }
  return plots;
}

// The report's plots: inline SVG (points compacted), grouped under their section's heading, with a note naming the
// rows below the coverage floor, which no plot draws with a value.
import type { RunResults } from '../run/results.ts';
import { escapeHtml } from './escape-html.ts';
import type { Outline } from './outline.ts';
import type { RenderedPlot } from './render-svg.ts';
import { compactPoints } from './svg-points.ts';
import { scopeSvgIds } from './svg-ids.ts';

/** The Plots section: an <h3> per group of plots (in first-seen order), each plot a <figure> with its caption. */
export function plotsSection(results: RunResults, plots: readonly RenderedPlot[], outline: Outline): string {
  if (plots.length === 0) return '';
  const groups = new Map<string, RenderedPlot[]>();
  for (const p of plots) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
  const insufficient = results.results.filter((r) => r.coverage.insufficient !== undefined);
  const note = insufficient.length === 0
    ? []
    : [`<p class="note">Below the coverage floor, so drawn with no value (bars read 'insufficient'; no scatter or layer profile): ${insufficient.map((r) => escapeHtml(r.title)).join('; ')}.</p>`];
  return [
    outline.heading(2, 'Plots'),
    ...note,
    ...[...groups].flatMap(([group, members]) => [
      outline.heading(3, group),
      ...members.map((p) => `<figure id="plot-${escapeHtml(p.id)}">${scopeSvgIds(compactPoints(p.svg), `${p.id}-`)}<figcaption>${escapeHtml(p.title)}</figcaption></figure>`),
    ]),
  ].join('\n');
}

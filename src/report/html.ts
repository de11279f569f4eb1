// The HTML report: one self-contained page (inline CSS and SVG, no scripts, no network) with a table of contents,
// provenance, scorecard, pairwise comparisons, plots, RDM heatmaps and methods.
import type { RunResults } from '../run/results.ts';
import { escapeHtml, tableRow } from './escape-html.ts';
import type { RdmFigure } from './heatmap-figure.ts';
import { comparisonsSection } from './html-comparisons.ts';
import { methodsSection } from './html-methods.ts';
import { plotsSection } from './html-plots.ts';
import { rdmSection } from './html-rdms.ts';
import { createOutline, type Outline } from './outline.ts';
import { rdm92Figures } from './rdm92-figures.ts';
import type { RenderedPlot } from './render-svg.ts';
import { REPORT_CSS } from './report-css.ts';
import { entryName, groupSections, rowNotes, SCORECARD_COLUMNS, scorecardCells, scorecardTitle, skippedHeading } from './scorecard.ts';
import { groupBySubject } from './subject-groups.ts';

export { escapeHtml };
export { scopeSvgIds } from './svg-ids.ts';

/** What a section says when its rows carry no method text (results written before benchmarks described themselves). */
const NO_METHOD = 'See the measure id of each row for the method.';

function provenance(results: RunResults, outline: Outline): string {
  const rows: [string, string][] = [
    ['Tool', `${results.tool.name} ${results.tool.version}`],
    ['Created', results.created],
    (results.models?.length ?? 1) > 1
      ? ['Models', results.models!.map((m) => `${m.id} (revision ${m.revision})`).join('; ')]
      : ['Model', `${results.model.id} (revision ${results.model.revision})`],
    ['Suite', results.suite],
    ['Seed', String(results.seed)],
    ['Results schema', `${results.schema} v${results.schema_version}`],
  ];
  const datasets = new Map<string, string>();
  for (const r of results.results) datasets.set(`${r.dataset.id}\u0000${r.dataset.checksum}`, r.dataset.id);
  const dsRows = [...datasets.keys()].map((k) => k.split('\u0000'));
  return [
    outline.heading(2, 'Provenance'),
    `<table>${rows.map(([k, v]) => tableRow([k, v], 'td')).join('')}</table>`,
    outline.heading(3, 'Data sets'),
    dsRows.length === 0
      ? '<p>None.</p>'
      : `<table>${tableRow(['Data set', 'Checksum'], 'th')}${dsRows.map(([id, sum]) => `<tr><td>${escapeHtml(id)}</td><td><code>${escapeHtml(sum)}</code></td></tr>`).join('')}</table>`,
  ].join('\n');
}

function scorecard(results: RunResults, outline: Outline): string {
  const parts = [outline.heading(2, 'Scorecard')];
  const groups = groupBySubject(results.results, results.models);
  const multiSuite = new Set(results.results.map((r) => r.suite)).size > 1;
  if (groups.length === 0) parts.push('<p>No benchmark results.</p>');
  for (const group of groups) {
    parts.push(outline.heading(3, group.heading, 'subject'));
    for (const s of groupSections(group.results)) {
      const measures = [...new Set(s.results.map((r) => r.score.measure))];
      const how = [...new Set(s.results.map((r) => r.method).filter((m): m is string => m !== undefined))];
      const notes = s.results.flatMap((r) => rowNotes(r).map((w) => `<li>${escapeHtml(r.title)}: ${escapeHtml(w)}</li>`));
      parts.push(
        outline.heading(4, multiSuite ? `${s.name} (suite ${s.suite})` : s.name),
        `<p class="how">How computed: ${escapeHtml(how.length > 0 ? how.join(' ') : NO_METHOD)} Measures: ${measures.map((m) => `<code>${escapeHtml(m)}</code>`).join(', ')}.</p>`,
        `<table>${tableRow([...SCORECARD_COLUMNS], 'th')}${s.results.map((r) => tableRow(scorecardCells(r), 'td', (c) => c >= 2)).join('')}</table>`,
        ...(notes.length > 0 ? [`<ul class="warnings">${notes.join('')}</ul>`] : []),
      );
    }
  }
  const skipped = results.skipped ?? [];
  if (skipped.length > 0) {
    parts.push(
      outline.heading(3, skippedHeading(results, skipped.length)),
      `<ul>${skipped.map((s) => `<li><code>${escapeHtml(entryName(s))}</code>: ${escapeHtml(s.reason)}</li>`).join('')}</ul>`,
    );
  }
  if (results.failures.length > 0) {
    parts.push(
      outline.heading(3, `Failures (${results.failures.length})`, 'fail'),
      `<ul>${results.failures.map((f) => `<li><code>${escapeHtml(entryName(f))}</code>: ${escapeHtml(f.error)}</li>`).join('')}</ul>`,
    );
  }
  return parts.join('\n');
}

/**
 * The report as one self-contained HTML document. `figures` are the RDM heatmaps (writeReport passes the vision
 * targets' too, which load asynchronously); by default the 92-image literature figures.
 */
export function reportHtml(results: RunResults, plots: RenderedPlot[], figures: readonly RdmFigure[] = rdm92Figures(results)): string {
  const outline = createOutline();
  const body = [
    provenance(results, outline),
    scorecard(results, outline),
    comparisonsSection(results, outline),
    plotsSection(results, plots, outline),
    rdmSection(figures, outline),
    methodsSection(results, outline),
  ].filter((part) => part !== '');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`Attune report: ${(results.models ?? [results.model]).map((m) => m.id).join(', ')}`)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<h1>Attune report</h1>',
    `<p class="sub">${escapeHtml(scorecardTitle(results))}</p>`,
    outline.contents(),
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

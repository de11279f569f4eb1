// The HTML report: one self-contained page (inline CSS and SVG, no scripts, no network) with provenance, scorecard, plots and methods.
import type { BenchmarkResult, RunResults } from '../run/results.ts';
import type { RenderedPlot } from './render-svg.ts';
import { rdm92Figures, type RdmFigure } from './rdm92-figures.ts';
import { formatValue, groupSections, SCORECARD_COLUMNS, scorecardCells, scorecardTitle } from './scorecard.ts';
import { groupBySubject } from './subject-groups.ts';

/** What a section says when its rows carry no method text (results written before benchmarks described themselves). */
const NO_METHOD = 'See the measure id of each row for the method.';

/** Escape text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Prefix every id in an SVG (and its url(#…)/href="#…" references) so that several inline SVGs cannot collide. */
export function scopeSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/<\?xml[^>]*\?>\s*/, '')
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${prefix}${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefix}${id})`)
    .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${prefix}${id}"`);
}

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222;line-height:1.4}
h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}h3{margin:1.4rem 0 .3rem}
table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.92rem}
th,td{border-bottom:1px solid #e4e4e4;padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:#f5f5f5}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.88em}
.how{color:#555;margin:.2rem 0}.rdms{display:flex;flex-wrap:wrap;gap:.5rem}.rdms figure{margin:0}.fail{color:#a00}.sub{color:#555;margin-top:0}
figure{display:inline-block;margin:.5rem 1rem 1rem 0;vertical-align:top}figcaption{font-size:.85rem;color:#555}
svg{max-width:100%;height:auto}
`;

/** One <tr> of the given cells; `numeric` cells are right-aligned. */
function tr(cells: string[], tag: 'td' | 'th', numeric: (c: number) => boolean = () => false): string {
  return `<tr>${cells.map((cell, c) => `<${tag}${tag === 'td' && numeric(c) ? ' class="num"' : ''}>${escapeHtml(cell)}</${tag}>`).join('')}</tr>`;
}

function provenance(results: RunResults): string {
  const rows: [string, string][] = [
    ['Tool', `${results.tool.name} ${results.tool.version}`],
    ['Created', results.created],
    ['Model', `${results.model.id} (revision ${results.model.revision})`],
    ['Suite', results.suite],
    ['Seed', String(results.seed)],
    ['Results schema', `${results.schema} v${results.schema_version}`],
  ];
  const datasets = new Map<string, string>();
  for (const r of results.results) datasets.set(`${r.dataset.id}\u0000${r.dataset.checksum}`, r.dataset.id);
  const dsRows = [...datasets.keys()].map((k) => k.split('\u0000'));
  return [
    '<h2>Provenance</h2>',
    `<table>${rows.map(([k, v]) => tr([k, v], 'td')).join('')}</table>`,
    '<h3>Data sets</h3>',
    dsRows.length === 0
      ? '<p>None.</p>'
      : `<table>${tr(['Data set', 'Checksum'], 'th')}${dsRows.map(([id, sum]) => `<tr><td>${escapeHtml(id)}</td><td><code>${escapeHtml(sum)}</code></td></tr>`).join('')}</table>`,
  ].join('\n');
}

function scorecard(results: RunResults): string {
  const parts = ['<h2>Scorecard</h2>'];
  const groups = groupBySubject(results.results);
  const multiSuite = new Set(results.results.map((r) => r.suite)).size > 1;
  if (groups.length === 0) parts.push('<p>No benchmark results.</p>');
  for (const group of groups) {
    parts.push(`<h3 class="subject">${escapeHtml(group.heading)}</h3>`);
    for (const s of groupSections(group.results)) {
      const measures = [...new Set(s.results.map((r) => r.score.measure))];
      const how = [...new Set(s.results.map((r) => r.method).filter((m): m is string => m !== undefined))];
      const notes = s.results.flatMap((r) => [...(r.coverage.insufficient ? [r.coverage.insufficient] : []), ...(r.score.warnings ?? [])].map((w) => `<li>${escapeHtml(r.title)}: ${escapeHtml(w)}</li>`));
      parts.push(
        `<h4>${escapeHtml(multiSuite ? `${s.name} (suite ${s.suite})` : s.name)}</h4>`,
        `<p class="how">How computed: ${escapeHtml(how.length > 0 ? how.join(' ') : NO_METHOD)} Measures: ${measures.map((m) => `<code>${escapeHtml(m)}</code>`).join(', ')}.</p>`,
        `<table>${tr([...SCORECARD_COLUMNS], 'th')}${s.results.map((r) => tr(scorecardCells(r), 'td', (c) => c >= 2)).join('')}</table>`,
        ...(notes.length > 0 ? [`<ul class="warnings">${notes.join('')}</ul>`] : []),
      );
    }
  }
  const skipped = results.skipped ?? [];
  if (skipped.length > 0) {
    parts.push(
      `<h3>Skipped: the model cannot answer these (${skipped.length})</h3>`,
      `<ul>${skipped.map((s) => `<li><code>${escapeHtml(s.benchmark)}</code>: ${escapeHtml(s.reason)}</li>`).join('')}</ul>`,
    );
  }
  if (results.failures.length > 0) {
    parts.push(
      `<h3 class="fail">Failures (${results.failures.length})</h3>`,
      `<ul>${results.failures.map((f) => `<li><code>${escapeHtml(f.benchmark)}</code>: ${escapeHtml(f.error)}</li>`).join('')}</ul>`,
    );
  }
  return parts.join('\n');
}

function methodRow(r: BenchmarkResult): string[] {
  const s = r.score;
  const ceiling = s.ceiling
    ? `${formatValue(s.ceiling.value)}${s.ceiling.lower !== undefined && s.ceiling.upper !== undefined ? ` [${formatValue(s.ceiling.lower)}, ${formatValue(s.ceiling.upper)}]` : ''} (${s.ceiling.method})`
    : '-';
  const extra = Object.entries(r.extra ?? {})
    .map(([name, e]) => `${name}: ${e.measure} = ${formatValue(e.value)}`)
    .join('; ');
  const notes = [...(s.warnings ?? []), r.cached ? 'from cache' : `${r.seconds.toFixed(2)} s`].join('; ');
  return [
    r.benchmark,
    s.measure,
    String(s.n),
    s.seed !== undefined ? String(s.seed) : '-',
    ceiling,
    `${r.model.id} (${r.model.revision})`,
    `${r.dataset.id} ${r.dataset.checksum}`,
    extra || '-',
    notes,
  ];
}

function methods(results: RunResults): string {
  if (results.results.length === 0) return '';
  const head = ['Benchmark id', 'Measure', 'n', 'Seed', 'Ceiling (method)', 'Model', 'Data set', 'Secondary scores', 'Notes'];
  return [
    '<h2>Methods</h2>',
    '<p class="how">The method of each number: the measure id carries its parameters; n is the number of observations the value rests on.</p>',
    `<table>${tr(head, 'th')}${results.results.map((r) => tr(methodRow(r), 'td', (c) => c === 2 || c === 3)).join('')}</table>`,
  ].join('\n');
}

function plotsSection(plots: RenderedPlot[]): string {
  if (plots.length === 0) return '';
  const figures = plots.map(
    (p) => `<figure id="plot-${escapeHtml(p.id)}">${scopeSvgIds(p.svg, `${p.id}-`)}<figcaption>${escapeHtml(p.title)}</figcaption></figure>`,
  );
  return ['<h2>Plots</h2>', ...figures].join('\n');
}

function rdmSection(figures: RdmFigure[]): string {
  if (figures.length === 0) return '';
  const cells = figures.map((f) => `<figure><img alt="RDM: ${escapeHtml(f.title)}" width="276" height="276" src="data:image/png;base64,${f.png.toString('base64')}"><figcaption>${escapeHtml(f.title)}</figcaption></figure>`);
  return `<h2>92-image RDMs</h2>\n<p class="how">Rows and columns in category order (the supplemental category indicators: animate first); colour = percentile of the dissimilarity among the off-diagonal cells (blue similar, yellow dissimilar).</p>\n<div class="rdms">${cells.join('')}</div>`;
}

/** The report as one self-contained HTML document: provenance, scorecard table, plots (inline SVG) and methods. */
export function reportHtml(results: RunResults, plots: RenderedPlot[]): string {
  const title = scorecardTitle(results);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`Attune report: ${results.model.id}`)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<h1>Attune report</h1>',
    `<p class="sub">${escapeHtml(title)}</p>`,
    provenance(results),
    scorecard(results),
    plotsSection(plots),
    rdmSection(rdm92Figures(results)),
    methods(results),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

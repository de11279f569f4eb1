// The report's methods table: for every row, its benchmark and measure ids, n, seed and p, the ceiling with its method
// (and a published reference ceiling, as text), who was scored on which data, secondary scores, warnings and timing.
// Checksums and the run model's revision are in the provenance tables, so rows do not repeat them.
import type { BenchmarkResult, RunResults } from '../run/results.ts';
import { escapeHtml, tableRow } from './escape-html.ts';
import { formatP } from './format-p.ts';
import type { Outline } from './outline.ts';
import { referenceCeilingOf } from './reference-ceiling.ts';
import { formatValue } from './scorecard.ts';

const HEAD = ['Benchmark id and measure', 'n, seed, p', 'Ceiling (method)', 'Model (revision), data set', 'Secondary scores', 'Notes'];
/** Column widths (%) of the fixed-layout table: it never grows past the page, whatever its cells hold. */
const WIDTHS = [21, 10, 21, 17, 18, 13];

/** An id in <code>, with break opportunities after its ':' separators (so a narrow cell breaks between its parts). */
function idCode(id: string): string {
  return `<code>${escapeHtml(id).replace(/:/g, ':<wbr>')}</code>`;
}

/** The ceiling cell: the noise ceiling with its bounds and method, then the reference ceiling (value, kind, source) when the row has one. */
export function ceilingText(r: BenchmarkResult): string {
  const c = r.score.ceiling;
  const ceiling = c
    ? `${formatValue(c.value)}${c.lower !== undefined && c.upper !== undefined ? ` [${formatValue(c.lower)}, ${formatValue(c.upper)}]` : ''} (${c.method})`
    : '-';
  const ref = referenceCeilingOf(r.score);
  return ref ? `${ceiling}; reference ceiling (published human agreement, not a noise ceiling, not used for normalized): ${formatValue(ref.value)}, ${ref.kind}; source: ${ref.source}` : ceiling;
}

/** The secondary scores of a row as text, each with its p when it has one. */
export function secondaryText(r: BenchmarkResult): string {
  const extra = Object.entries(r.extra ?? {}).map(([name, e]) => `${name}: ${e.measure} = ${formatValue(e.value)}${e.p !== undefined ? ` (${formatP(e.p)})` : ''}`);
  return extra.length > 0 ? extra.join('; ') : '-';
}

/** One <tr> of the methods table. */
function methodRow(r: BenchmarkResult, results: RunResults): string {
  const s = r.score;
  const runModels = results.models ?? [results.model];
  const runModel = runModels.some((m) => r.model.id === m.id && r.model.revision === m.revision);
  const model = runModel ? `${r.model.id} (${runModels.length > 1 ? 'a model of this sweep' : "the run's model"})` : `${r.model.id} (${r.model.revision})`;
  const notes = [...(r.coverage.insufficient ? [r.coverage.insufficient] : []), ...(s.warnings ?? []), r.cached ? 'from cache' : `${r.seconds.toFixed(2)} s`].join('; ');
  const counts = [`n ${s.n}`, `seed ${s.seed ?? '-'}`, ...(s.p !== undefined ? [formatP(s.p)] : [])].map((x) => `<span class="nw">${escapeHtml(x)}</span>`).join('<br>');
  const text = (x: string) => `<td>${escapeHtml(x)}</td>`;
  return `<tr><td>${idCode(r.benchmark)}<br>${idCode(s.measure)}</td><td>${counts}</td>${[ceilingText(r), `${model}; data ${r.dataset.id}`, secondaryText(r), notes].map(text).join('')}</tr>`;
}

/** The Methods section (empty without rows). */
export function methodsSection(results: RunResults, outline: Outline): string {
  if (results.results.length === 0) return '';
  return [
    outline.heading(2, 'Methods'),
    '<p class="how">The method of each number: the measure id carries its parameters; n is the number of observations the value rests on; ' +
      'p is printed as p &lt; 0.0001 below that, else to 3 significant digits. Data set checksums and the revision of the run\'s model (of every model, in a sweep) are under Provenance.</p>',
    `<table class="methods"><colgroup>${WIDTHS.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>${tableRow(HEAD, 'th')}${results.results.map((r) => methodRow(r, results)).join('')}</table>`,
  ].join('\n');
}

// The report's pairwise comparisons: per section, each pair of candidates once, with the difference of their values,
// its 95% CI and p (as the benchmark computed them; p printed by formatP).
import type { BenchmarkResult, RunResults } from '../run/results.ts';
import { tableRow } from './escape-html.ts';
import { formatP } from './format-p.ts';
import type { Outline } from './outline.ts';
import { formatValue, groupSections } from './scorecard.ts';

/** A row's name in its section's comparisons: the last part of its benchmark id (what `other` names). */
function nameOf(r: BenchmarkResult): string {
  return r.benchmark.split(':').at(-1) ?? r.benchmark;
}

/** The comparison rows of one section's results: [row, other, difference, CI, p], each unordered pair once. */
export function comparisonRows(results: readonly BenchmarkResult[]): string[][] {
  const seen = new Set<string>();
  const rows: string[][] = [];
  for (const r of results) {
    for (const c of r.comparisons ?? []) {
      const key = [nameOf(r), c.other].sort().join('\u0000');
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push([r.title, c.other, formatValue(c.difference), c.ci95 ? `[${formatValue(c.ci95[0])}, ${formatValue(c.ci95[1])}]` : '-', formatP(c.p)]);
    }
  }
  return rows;
}

/** The Comparisons section: a table per section with comparisons (empty when no row has any). */
export function comparisonsSection(results: RunResults, outline: Outline): string {
  const sections = groupSections(results.results).map((s) => ({ s, rows: comparisonRows(s.results) })).filter((x) => x.rows.length > 0);
  if (sections.length === 0) return '';
  const multiSuite = new Set(results.results.map((r) => r.suite)).size > 1;
  return [
    outline.heading(2, 'Pairwise comparisons'),
    "<p class=\"how\">Each pair of a section's candidates once: the difference of their values (the row's minus the other's), its 95% CI and p, as the benchmark computed them (see its method).</p>",
    ...sections.flatMap(({ s, rows }) => [
      outline.heading(3, `Comparisons: ${multiSuite ? `${s.name} (suite ${s.suite})` : s.name}`),
      `<table>${tableRow(['Row', 'Compared with', 'Difference', '95% CI', 'p'], 'th')}${rows.map((row) => tableRow(row, 'td', (c) => c >= 2)).join('')}</table>`,
    ]),
  ].join('\n');
}

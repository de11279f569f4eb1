// The scorecard: one row per benchmark (value, CI, coverage, ceiling), grouped by section, as aligned plain text.
import { formatShare } from '../run/coverage-floor.ts';
import type { BenchmarkResult, RunResults } from '../run/results.ts';
import { referenceCeilingOf as scoreReferenceCeiling, type ReferenceCeilingText } from './reference-ceiling.ts';
import { groupBySubject } from './subject-groups.ts';

/** A section of the scorecard, derived from the benchmark id prefix. */
export interface Section {
  /** 'wordsim', 'norms', 'recorded' or 'other'. */
  key: string;
  /** Heading, e.g. 'Word similarity'. */
  name: string;
  /** Suite of the benchmarks in this section. */
  suite: string;
  results: BenchmarkResult[];
}

/** The column headings of the scorecard, in order (the HTML report uses the same). */
export const SCORECARD_COLUMNS = ['Benchmark', 'Measure', 'Value', '95% CI', 'Coverage', 'Ceiling [lower, upper]', 'Normalized'] as const;

/** Columns that hold numbers, aligned to the right. */
const NUMERIC = new Set([2, 3, 4, 5, 6]);

const SECTIONS: { key: string; prefix: string; name: string }[] = [
  { key: 'wordsim', prefix: 'wordsim:', name: 'Word similarity' },
  { key: 'norms', prefix: 'norms:', name: 'Norms decoding' },
  { key: 'recorded', prefix: 'recorded:', name: 'Recorded LLM ratings' },
  { key: 'rdm92-it', prefix: 'rdm92:human-it:', name: '92 images: human IT (Kriegeskorte 2008)' },
  { key: 'rdm92-judgments', prefix: 'rdm92:judgments:', name: '92 images: human similarity judgments (Mur 2013)' },
  { key: 'things', prefix: 'things:', name: 'THINGS (1,854 concepts)' },
  { key: 'reading', prefix: 'reading:', name: 'Reading times (Natural Stories)' },
  { key: 'turing', prefix: 'turing:', name: 'Turing RSA' },
  { key: 'safety', prefix: 'safety:', name: 'Latent safety geometry (AQI)' },
  { key: 'vision-cichy92-evc', prefix: 'vision:cichy92:evc', name: 'Vision: Cichy 2014, 92 images, early visual cortex' },
  { key: 'vision-cichy92-it', prefix: 'vision:cichy92:it', name: 'Vision: Cichy 2014, 92 images, IT' },
  { key: 'vision-algonauts78-evc', prefix: 'vision:algonauts78:evc', name: 'Vision: Algonauts 2019, 78 images, early visual cortex' },
  { key: 'vision-algonauts78-it', prefix: 'vision:algonauts78:it', name: 'Vision: Algonauts 2019, 78 images, IT' },
  { key: 'vision-kriegeskorte92-it', prefix: 'vision:kriegeskorte92:human-it', name: 'Vision: Kriegeskorte 2008, 92 images, human IT' },
  { key: 'vision-kriegeskorte92-judgments', prefix: 'vision:kriegeskorte92:judgments', name: 'Vision: Kriegeskorte 2008, 92 images, similarity judgments' },
];

/** The section key and heading of a benchmark id: by its prefix 'wordsim:', 'norms:', 'recorded:', else 'other'. */
export function sectionOf(benchmark: string): { key: string; name: string } {
  const found = SECTIONS.find((s) => benchmark.startsWith(s.prefix));
  return found ? { key: found.key, name: found.name } : { key: 'other', name: 'Other' };
}

/** Group results by suite, then by section (word similarity, norms, recorded, other), keeping their order within a group. */
export function groupSections(results: BenchmarkResult[]): Section[] {
  const suites: string[] = [];
  for (const r of results) if (!suites.includes(r.suite)) suites.push(r.suite);
  const order = [...SECTIONS.map((s) => s.key), 'other'];
  const out: Section[] = [];
  for (const suite of suites) {
    for (const key of order) {
      const members = results.filter((r) => r.suite === suite && sectionOf(r.benchmark).key === key);
      if (members.length > 0) out.push({ key, name: sectionOf(members[0].benchmark).name, suite, results: members });
    }
  }
  return out;
}

/** A number with 4 decimals; 'NaN' (also for null: JSON's NaN) or '±Infinity' spelled out; '-' when absent. */
export function formatValue(x: number | null | undefined): string {
  if (x === undefined) return '-';
  if (x === null) return 'NaN';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  const s = x.toFixed(4);
  return s === '-0.0000' ? '0.0000' : s;
}

/** The cells of one scorecard row, as strings, in the order of SCORECARD_COLUMNS; a row below the coverage floor shows no value. */
export function scorecardCells(r: BenchmarkResult): string[] {
  const s = r.score;
  const { n_covered, n_items } = r.coverage;
  const coverage = `${n_covered}/${n_items} (${formatShare(n_covered, n_items)})`;
  if (r.coverage.insufficient) return [r.title, s.measure, 'insufficient', '-', coverage, '-', '-'];
  const ci = s.ci95 ? `[${formatValue(s.ci95[0])}, ${formatValue(s.ci95[1])}]` : '-';
  const c = s.ceiling;
  const reference = referenceCeilingOf(r);
  const ceiling = c
    ? c.lower !== undefined && c.upper !== undefined ? `[${formatValue(c.lower)}, ${formatValue(c.upper)}]` : formatValue(c.value)
    : reference ? `ref ${formatValue(reference.value)}` : '-';
  const normalized = c ? formatValue(s.normalized) : '-';
  return [r.title, s.measure, formatValue(s.value), ci, coverage, ceiling, normalized];
}

/** The title line: model id and revision (a sweep's model ids), suite, seed and tool version. */
export function scorecardTitle(results: RunResults): string {
  const models = results.models ?? [];
  const who = models.length > 1
    ? `${models.length} models (${models.map((m) => m.id).join(', ')})`
    : `model ${results.model.id} (revision ${results.model.revision})`;
  return `Attune scorecard: ${who}, suite ${results.suite}, seed ${results.seed}, ${results.tool.name} ${results.tool.version}`;
}

/** What a skip or failure names: `model: benchmark` when it carries a sweep's model, else the benchmark. */
export function entryName(entry: { benchmark: string; model?: string }): string {
  return entry.model !== undefined ? `${entry.model}: ${entry.benchmark}` : entry.benchmark;
}

/** The heading of the skipped benchmarks: one model's, or a sweep's models'. */
export function skippedHeading(results: RunResults, count: number): string {
  return `Skipped: ${(results.models?.length ?? 1) > 1 ? 'a model' : 'the model'} cannot answer these (${count})`;
}

const bold = (s: string, on: boolean): string => (on ? `\x1b[1m${s}\x1b[22m` : s);

/** A row's reference ceiling (a published inter-rater figure, details.reference_ceiling), when it has one. */
export function referenceCeilingOf(r: BenchmarkResult): ReferenceCeilingText | undefined {
  return scoreReferenceCeiling(r.score);
}

/** The notes printed under a row's table: why it is insufficient, its score's warnings, and what its 'ref' ceiling is. */
export function rowNotes(r: BenchmarkResult): string[] {
  const reference = referenceCeilingOf(r);
  return [
    ...(r.coverage.insufficient ? [r.coverage.insufficient] : []),
    ...(r.score.warnings ?? []),
    ...(reference && !r.score.ceiling ? [`ref ${formatValue(reference.value)} is the raters' published agreement, not a noise ceiling (not on the value's scale): ${reference.kind}; ${reference.source}`] : []),
  ];
}

/** One '! title: note' line per note of a section's rows (rowNotes), each text once per section. */
function warningLines(results: readonly BenchmarkResult[]): string[] {
  const byText = new Map<string, string[]>();
  for (const r of results) {
    for (const w of rowNotes(r)) byText.set(w, [...(byText.get(w) ?? []), r.title]);
  }
  return [...byText].map(([text, titles]) => `! ${titles.length > 2 ? `${titles[0]} and ${titles.length - 1} more rows` : titles.join('; ')}: ${text}`);
}

/** Cut a cell to `width` characters, ending in '...' when cut. */
function fit(cell: string, width: number): string {
  if (cell.length <= width) return cell;
  return width <= 3 ? cell.slice(0, width) : `${cell.slice(0, width - 3)}...`;
}

/**
 * The scorecard as aligned plain text: a title line, then per subject (the run's model, recorded answers, fixed
 * candidates) its sections, each a heading and the rows with their warnings, then what was skipped and what failed.
 * `width` caps the line length by shortening the benchmark title (and then the measure) column; `color` makes headings bold.
 */
export function formatScorecard(results: RunResults, options: { color?: boolean; width?: number } = {}): string {
  const color = options.color === true;
  const groups = groupBySubject(results.results, results.models).map((g) => ({ ...g, sections: groupSections(g.results) }));
  const sections = groups.flatMap((g) => g.sections);
  const lines: string[] = [bold(scorecardTitle(results), color)];
  const multiSuite = new Set(sections.map((s) => s.suite)).size > 1;
  if (sections.length === 0) {
    lines.push('', 'No benchmark results.');
  } else {
    const rows = sections.map((s) => s.results.map(scorecardCells));
    const widths = SCORECARD_COLUMNS.map((h, c) => Math.max(h.length, ...rows.flat().map((row) => row[c].length)));
    const gap = 2;
    if (options.width !== undefined) {
      let excess = widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1) - options.width;
      for (const c of [0, 1]) {
        if (excess <= 0) break;
        const floor = Math.max(SCORECARD_COLUMNS[c].length, 10);
        const cut = Math.min(excess, Math.max(0, widths[c] - floor));
        widths[c] -= cut;
        excess -= cut;
      }
    }
    const line = (cells: readonly string[]): string =>
      cells
        .map((cell, c) => {
          const text = fit(cell, widths[c]);
          return NUMERIC.has(c) ? text.padStart(widths[c]) : text.padEnd(widths[c]);
        })
        .join(' '.repeat(gap))
        .trimEnd();
    const header = line(SCORECARD_COLUMNS);
    const rule = '-'.repeat(header.length);
    let i = 0;
    for (const group of groups) {
      lines.push('', bold(`== ${group.heading} ==`, color));
      for (const section of group.sections) {
        const heading = multiSuite ? `${section.name} (suite ${section.suite})` : section.name;
        lines.push('', bold(heading, color), bold(header, color), rule);
        for (const row of rows[i++]) lines.push(line(row));
        lines.push(...warningLines(section.results));
      }
    }
  }
  const skipped = results.skipped ?? [];
  if (skipped.length > 0) {
    lines.push('', bold(`${skippedHeading(results, skipped.length)}:`, color));
    for (const s of skipped) lines.push(`  ${entryName(s)}: ${s.reason}`);
  }
  if (results.failures.length > 0) {
    lines.push('', bold(`Failures (${results.failures.length}):`, color));
    for (const f of results.failures) lines.push(`  ${entryName(f)}: ${f.error}`);
  }
  return `${lines.join('\n')}\n`;
}

// A section's bar chart: each row's value with its 95% CI, and its ceiling where the row has one. Labels wrap onto
// several lines instead of being cut; a row below the coverage floor shows the word 'insufficient', not a bar.
import type { TopLevelSpec } from 'vega-lite';
import { CONFIG, finiteOrNull, SCHEMA } from './plot-basics.ts';
import { LABEL_LINE, LABEL_SIZE, titleLines } from './plot-text.ts';
import type { Section } from './scorecard.ts';
import { subjectOf } from './subject-groups.ts';
import { wrapText } from './text-width.ts';

/** Widest a row label may be before it wraps (px), and the width of the bars' area. */
const LABEL_WIDTH = 240;
const PLOT_WIDTH = 420;

/** What a bar chart's subtitle says about the marks it draws: only those that appear. */
function legend(rows: { value: number | null; lo: number | null; ceiling: number | null; ceilingLo: number | null; insufficient: string | null }[]): string {
  const parts = ['bar: score'];
  if (rows.some((r) => r.lo !== null)) parts.push('black line: 95% CI');
  if (rows.some((r) => r.ceiling !== null)) parts.push(rows.some((r) => r.ceilingLo !== null) ? 'red tick and band: ceiling (band: lower to upper bound)' : 'red tick: ceiling');
  if (rows.some((r) => r.insufficient !== null)) parts.push("'insufficient': below the coverage floor, no value");
  return parts.join('; ');
}

/**
 * Bars of each benchmark's value with its 95% CI as a rule, and the ceiling (tick, and band between its bounds) only on
 * rows that have one. A section with several run models' rows (a sweep) puts each benchmark's bars together, each
 * labelled with its model.
 */
export function sectionBarsSpec(section: Section): TopLevelSpec {
  const seen = new Map<string, number>();
  const own = (r: Section['results'][number]) => subjectOf(r).kind === 'run-model';
  const sweep = new Set(section.results.filter(own).map((r) => r.model.id)).size > 1;
  const firstOf = new Map<string, number>();
  section.results.forEach((r, i) => firstOf.set(r.benchmark, firstOf.get(r.benchmark) ?? i));
  const rows = sweep ? [...section.results].sort((a, b) => firstOf.get(a.benchmark)! - firstOf.get(b.benchmark)!) : section.results;
  const values = rows.map((r) => {
    const title = sweep && own(r) ? `${r.title} (${r.model.id})` : r.title;
    const k = (seen.get(title) ?? 0) + 1;
    seen.set(title, k);
    const insufficient = r.coverage.insufficient !== undefined;
    const c = insufficient ? undefined : r.score.ceiling;
    const shown = (x: number | undefined) => (insufficient ? null : finiteOrNull(x));
    return {
      label: wrapText(k === 1 ? title : `${title} (${r.benchmark})`, LABEL_WIDTH, LABEL_SIZE).join('\n'),
      benchmark: r.benchmark,
      measure: r.score.measure,
      value: shown(r.score.value),
      lo: shown(r.score.ci95?.[0]),
      hi: shown(r.score.ci95?.[1]),
      ceiling: finiteOrNull(c?.value),
      ceilingLo: finiteOrNull(c?.lower),
      ceilingHi: finiteOrNull(c?.upper),
      insufficient: insufficient ? 'insufficient' : null,
    };
  });
  const lines = Math.max(1, ...values.map((v) => v.label.split('\n').length));
  const y = {
    field: 'label', type: 'nominal', sort: null, title: null,
    axis: { labelLimit: 0, labelExpr: "split(datum.label, '\\n')", labelOffset: { expr: `${-LABEL_LINE / 2}*(length(split(datum.label, '\\n'))-1)` } },
  } as const;
  const x = { type: 'quantitative', title: 'Score', scale: { zero: true } } as const;
  return {
    $schema: SCHEMA,
    title: { text: titleLines([section.name], PLOT_WIDTH + LABEL_WIDTH, 'title'), subtitle: titleLines([legend(values)], PLOT_WIDTH + LABEL_WIDTH, 'subtitle'), anchor: 'start' },
    width: PLOT_WIDTH,
    height: { step: Math.max(22, lines * LABEL_LINE + 8) },
    data: { values },
    layer: [
      { name: 'bars', transform: [{ filter: 'isValid(datum.value)' }], mark: { type: 'bar', color: '#4c78a8', height: { band: 0.7 } }, encoding: { y, x: { ...x, field: 'value' } } },
      { name: 'ci', transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }], mark: { type: 'rule', color: 'black', strokeWidth: 1.5 }, encoding: { y, x: { ...x, field: 'lo' }, x2: { field: 'hi' } } },
      {
        name: 'ceiling_band',
        transform: [{ filter: 'isValid(datum.ceilingLo) && isValid(datum.ceilingHi)' }],
        mark: { type: 'rule', color: '#e45756', opacity: 0.35, strokeWidth: 8 },
        encoding: { y, x: { ...x, field: 'ceilingLo' }, x2: { field: 'ceilingHi' } },
      },
      { name: 'ceiling', transform: [{ filter: 'isValid(datum.ceiling)' }], mark: { type: 'tick', color: '#e45756', thickness: 2 }, encoding: { y, x: { ...x, field: 'ceiling' } } },
      {
        name: 'insufficient',
        transform: [{ filter: 'datum.insufficient !== null' }],
        mark: { type: 'text', align: 'left', dx: 4, color: '#a00', fontStyle: 'italic', fontSize: LABEL_SIZE },
        encoding: { y, x: { datum: 0, type: 'quantitative' }, text: { field: 'insufficient' } },
      },
    ],
    config: CONFIG,
  };
}

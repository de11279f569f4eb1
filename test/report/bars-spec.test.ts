// The section bar chart: long labels wrap instead of being cut, the chart is as wide as its labels need, rows below
// the coverage floor read 'insufficient' with no bar, and a ceiling is drawn only on rows that have one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sectionBarsSpec } from '../../src/report/bars-spec.ts';
import { renderSvg } from '../../src/report/render-svg.ts';
import { groupSections, type Section } from '../../src/report/scorecard.ts';
import { textWidth } from '../../src/report/text-width.ts';
import type { BenchmarkResult, RunResults } from '../../src/run/results.ts';

const fixture = (): RunResults => JSON.parse(readFileSync(new URL('../fixtures/report/run-results.json', import.meta.url), 'utf8')) as RunResults;

/** The contents of every leaf group of class `cls` ('' for an empty, self-closing one). */
const groups = (svg: string, cls: string): string[] =>
  [...svg.matchAll(new RegExp(`<g class="[^"]*\\b${cls}\\b[^"]*"[^>]*?(?:/>|>(.*?)</g>)`, 'g'))].map((m) => m[1] ?? '');
/** The texts of a class's groups (one string per text element, tspans joined by a space). */
const groupTexts = (svg: string, cls: string): string[] =>
  groups(svg, cls).flatMap((g) => [...g.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((m) => m[1].replace(/<tspan[^>]*>(.*?)<\/tspan>/g, '$1 ').trim()));
/** How many `tag` elements a class's groups hold. */
const count = (svg: string, cls: string, tag: string): number => groups(svg, cls).join('').match(new RegExp(`<${tag}\\b`, 'g'))?.length ?? 0;
/** The title and subtitle of a spec as one line of text. */
const titleText = (spec: unknown): string => {
  const t = (spec as { title: { text: string | string[]; subtitle?: string | string[] } }).title;
  return [t.text, t.subtitle ?? []].flat(2).join(' ');
};

/** A section of `n` rows with long titles; `edit` changes row k. */
function longSection(n: number, edit: (r: BenchmarkResult, k: number) => void = () => {}): Section {
  const base = fixture().results[0];
  const results = Array.from({ length: n }, (_, k) => {
    const r: BenchmarkResult = structuredClone(base);
    r.benchmark = `turing:rdm92:candidate${k}`;
    r.title = `Turing RSA: FaceBodyManmadeNatobj candidate ${k} among the 16 similarity judges (92 images)`;
    r.score = { ...r.score, value: 0.1 * k, ci95: [0.1 * k - 0.05, 0.1 * k + 0.05] };
    edit(r, k);
    return r;
  });
  return { key: 'turing', name: 'Turing RSA', suite: 'literature', results };
}

test('long labels wrap onto lines (no "…"), every word kept, and the chart is only as wide as its labels need', async () => {
  const svg = await renderSvg(sectionBarsSpec(longSection(4)));
  assert.ok(!svg.includes('…'), 'no label truncated');
  const labels = groupTexts(svg, 'role-axis-label').filter((t) => t.startsWith('Turing'));
  assert.equal(labels.length, 4);
  labels.forEach((label, k) => assert.equal(label, `Turing RSA: FaceBodyManmadeNatobj candidate ${k} among the 16 similarity judges (92 images)`));
  assert.ok(/<tspan/.test(svg), 'drawn as several lines');
  const width = Number(/<svg[^>]* width="(\d+(?:\.\d+)?)"/.exec(svg)![1]);
  const oneLine = textWidth(labels[0], 11);
  assert.ok(width < 420 + oneLine, `${width} px: narrower than bars plus one-line labels (${Math.round(420 + oneLine)} px)`);
  assert.ok(width <= 420 + 240 + 60, `${width} px: plot, wrapped labels and axis only`);
});

test('a row below the coverage floor: no bar, no CI, no ceiling, the word "insufficient" instead; the legend says so', async () => {
  const section = longSection(3, (r, k) => {
    r.score.ceiling = { value: 0.8, lower: 0.7, upper: 0.9, method: 'split-half' };
    if (k === 1) r.coverage = { ...r.coverage, n_covered: 5, insufficient: 'only 5 of 999 pairs covered (floor: 20 and half)' };
  });
  const spec = sectionBarsSpec(section);
  const values = (spec as { data: { values: { value: number | null; lo: number | null; ceiling: number | null; ceilingLo: number | null; insufficient: string | null }[] } }).data.values;
  assert.deepEqual([values[1].value, values[1].lo, values[1].ceiling, values[1].ceilingLo, values[1].insufficient], [null, null, null, null, 'insufficient']);
  const svg = await renderSvg(spec);
  assert.equal(count(svg, 'bars_marks', 'path'), 2);
  assert.equal(count(svg, 'ci_marks', 'line'), 2);
  assert.equal(count(svg, 'ceiling_marks', 'path'), 2);
  assert.deepEqual(groupTexts(svg, 'insufficient_marks'), ['insufficient']);
  assert.match(titleText(spec), /'insufficient': below the coverage floor, no value/);
});

test('a ceiling band only on rows with both bounds, a tick only on rows with a ceiling; the legend names only what is drawn', async () => {
  const section = longSection(3, (r, k) => {
    if (k === 0) r.score.ceiling = { value: 0.5, lower: 0.4, upper: 0.6, method: 'rdm:loo-subjects' };
    if (k === 1) r.score.ceiling = { value: 0.5, method: 'split-half' };
  });
  const svg = await renderSvg(sectionBarsSpec(section));
  assert.equal(count(svg, 'ceiling_band_marks', 'line'), 1);
  assert.equal(count(svg, 'ceiling_marks', 'path'), 2);
  const none = sectionBarsSpec(longSection(2));
  const title = titleText(none);
  assert.ok(!/ceiling/.test(title), `no ceiling in the legend when no row has one: ${title}`);
  assert.equal(count(await renderSvg(none), 'ceiling_band_marks', 'line'), 0);
  assert.equal(count(await renderSvg(none), 'ceiling_marks', 'path'), 0);
});

test('sections of the fixture keep their one-line labels', async () => {
  const svg = await renderSvg(sectionBarsSpec(groupSections(fixture().results)[0]));
  assert.deepEqual(groupTexts(svg, 'role-axis-label').filter((t) => /[a-z]/i.test(t)), fixture().results.filter((r) => r.benchmark.startsWith('wordsim:')).map((r) => r.title));
});

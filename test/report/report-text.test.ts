// report.html's text: a table of contents linking every heading, p-values printed by formatP (methods, secondary
// scores, comparisons), a reference ceiling as text in the methods table and never as a plotted ceiling, and the
// methods table not repeating checksums the provenance lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { reportHtml } from '../../src/report/html.ts';
import { comparisonRows } from '../../src/report/html-comparisons.ts';
import { createOutline } from '../../src/report/outline.ts';
import { reportPlots } from '../../src/report/plots.ts';
import { referenceCeilingOf } from '../../src/report/reference-ceiling.ts';
import type { BenchmarkResult, RunResults } from '../../src/run/results.ts';

const fixture = (): RunResults => JSON.parse(readFileSync(new URL('../fixtures/report/run-results.json', import.meta.url), 'utf8')) as RunResults;
const REFERENCE = { value: 0.78, kind: 'one-vs-rest: mean Spearman of a rater with the others', source: 'Hill et al. (2015), SimLex-999' };

test('outline: unique ids from the text, a nested contents list whose links are exactly the headings', () => {
  const o = createOutline();
  const heads = [o.heading(2, 'Scorecard'), o.heading(3, 'Word similarity', 'subject'), o.heading(4, 'MEN & co'), o.heading(2, 'Plots'), o.heading(3, 'Word similarity')];
  assert.equal(heads[1], '<h3 id="s-word-similarity" class="subject">Word similarity</h3>');
  assert.equal(heads[2], '<h4 id="s-men-co">MEN &amp; co</h4>');
  assert.equal(heads[4], '<h3 id="s-word-similarity-2">Word similarity</h3>');
  const nav = o.contents();
  assert.deepEqual([...nav.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]), ['s-scorecard', 's-word-similarity', 's-men-co', 's-plots', 's-word-similarity-2']);
  assert.equal((nav.match(/<ul>/g) ?? []).length, (nav.match(/<\/ul>/g) ?? []).length);
  assert.equal((nav.match(/<li>/g) ?? []).length, (nav.match(/<\/li>/g) ?? []).length);
  assert.match(nav, /^<nav class="toc"[^>]*><h2 id="toc-title">Contents<\/h2><ul><li><a href="#s-scorecard">Scorecard<\/a><ul><li><a href="#s-word-similarity">/);
});

test('report.html: the contents come first and link to every section heading; each link resolves to a heading id', () => {
  const html = reportHtml(fixture(), []);
  assert.ok(html.indexOf('<nav class="toc"') < html.indexOf('id="s-provenance"'));
  const ids = new Set([...html.matchAll(/<h[2-4] id="([^"]+)"/g)].map((m) => m[1]));
  const links = [...html.matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1]);
  for (const name of ['s-provenance', 's-scorecard', 's-methods']) assert.ok(links.includes(name), name);
  for (const link of links) assert.ok(ids.has(link), link);
  assert.equal(links.length, ids.size - 1, 'every heading but the contents\' own title is listed');
});

test('p-values for people everywhere: the methods table, secondary scores and pairwise comparisons', () => {
  const r = fixture();
  r.results[0].score.p = 0.00001234;
  r.results[1].score.p = 0.031234;
  r.results[0].extra!.pearson.p = 0.5;
  const row = r.results[1];
  const other: BenchmarkResult = { ...row, benchmark: 'norms:glasgow:arousal', title: 'Glasgow arousal', comparisons: [{ other: 'valence', difference: -0.1, ci95: [-0.2, 0], p: 0.0049960000000000004 }] };
  row.comparisons = [{ other: 'arousal', difference: 0.1, ci95: [0, 0.2], p: 0.0049960000000000004 }];
  r.results.push(other);
  const html = reportHtml(r, []);
  assert.ok(html.includes('p &lt; 0.0001'));
  assert.ok(html.includes('p = 0.0312'));
  assert.ok(html.includes('pearson: wordsim:cosine:pearson = 0.3900 (p = 0.5)'));
  assert.deepEqual(comparisonRows([row, other]), [['Glasgow valence', 'arousal', '0.1000', '[0.0000, 0.2000]', 'p = 0.005']], 'each pair once');
  assert.match(html, /<h2 id="[^"]+">Pairwise comparisons<\/h2>/);
  assert.ok(!/0\.00499/.test(html) && !/1\.234e-5/.test(html) && !/0\.031234/.test(html), 'no raw p printed');
});

test('a reference ceiling: read from details.reference_ceiling (or referenceCeiling), shown in the methods table as text, never plotted', () => {
  const r = fixture();
  const simlex = r.results[0];
  simlex.score.details = { reference_ceiling: REFERENCE };
  assert.deepEqual(referenceCeilingOf(simlex.score), REFERENCE);
  assert.deepEqual(referenceCeilingOf({ ...simlex.score, details: undefined, referenceCeiling: REFERENCE } as typeof simlex.score), REFERENCE);
  assert.equal(referenceCeilingOf({ ...simlex.score, details: { reference_ceiling: { value: 'x' } } }), undefined);
  const html = reportHtml(r, []);
  const methods = html.slice(html.indexOf('<table class="methods">'));
  assert.ok(methods.includes('reference ceiling (published human agreement, not a noise ceiling, not used for normalized): 0.7800, one-vs-rest: mean Spearman of a rater with the others; source: Hill et al. (2015), SimLex-999'));
  const bars = reportPlots(r).find((p) => p.kind === 'bars' && p.subject === 'wordsim')!;
  const values = (bars.spec as { data: { values: { ceiling: number | null; ceilingLo: number | null }[] } }).data.values;
  assert.deepEqual(values.map((v) => [v.ceiling, v.ceilingLo]), values.map(() => [null, null]), 'no ceiling tick or band from it');
});

test('the methods table: no data-set checksum repeated per row (Provenance lists each once), the run model named, not its revision', () => {
  const html = reportHtml(fixture(), []);
  const methods = html.slice(html.indexOf('<table class="methods">'));
  assert.ok(!methods.includes('sha256:aaaa1111'));
  assert.equal((html.match(/sha256:aaaa1111/g) ?? []).length, 1);
  assert.ok(methods.includes("glove (the run&#39;s model); data simlex999"));
  assert.ok(methods.includes('<col style="width:21%">'));
});

// The scorecard, report and plots of a sweep of several models: one group per model (in the sweep's order, headings
// naming and numbering them), shared rows once under their own subject, skips and failures naming their model; the
// title line lists the models. Built from the one-model report fixture by giving its run-model rows a second model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { reportHtml } from '../../src/report/html.ts';
import { reportPlots } from '../../src/report/plots.ts';
import { formatScorecard, groupSections } from '../../src/report/scorecard.ts';
import { sectionBarsSpec } from '../../src/report/bars-spec.ts';
import { groupBySubject } from '../../src/report/subject-groups.ts';
import type { BenchmarkResult, RunResults } from '../../src/run/results.ts';

const fixture = (): RunResults =>
  JSON.parse(readFileSync(new URL('../fixtures/report/run-results.json', import.meta.url), 'utf8')) as RunResults;

const VEC = { id: 'vectors:mine.vec', revision: 'abc123' };

/** The fixture as a sweep of glove and vectors:mine.vec: the vectors' rows come first (the sweep's first model), each a copy of glove's with another value. */
function sweep(): RunResults {
  const one = fixture();
  const own = one.results.filter((r) => r.subject.kind === 'run-model');
  const vec: BenchmarkResult[] = own.map((r) => ({ ...r, model: VEC, subject: { kind: 'run-model', label: VEC.id }, score: { ...r.score, value: r.score.value / 2 } }));
  return {
    ...one, model: VEC, models: [VEC, one.model],
    results: [...vec, ...one.results],
    skipped: [{ benchmark: 'reading:natural-stories:model', reason: 'gives no surprisal', model: VEC.id }, { ...one.skipped[0], model: 'glove' }],
    failures: [{ benchmark: 'wordsim:rg65', error: 'no covered pairs', model: 'glove' }],
  };
}

test('groupBySubject: one group per model of a sweep, in the sweep\u2019s order, then recorded answers; one model keeps its heading', () => {
  const results = sweep();
  const groups = groupBySubject(results.results, results.models);
  assert.deepEqual(groups.map((g) => [g.kind, g.heading, g.results.map((r) => `${r.model.id} ${r.benchmark}`)]), [
    ['run-model', 'Model vectors:mine.vec (model 1 of 2 in this sweep)', ['vectors:mine.vec wordsim:simlex999', 'vectors:mine.vec norms:glasgow:valence']],
    ['run-model', 'Model glove (model 2 of 2 in this sweep)', ['glove wordsim:simlex999', 'glove norms:glasgow:valence']],
    ['recorded', 'Recorded answers of GPT-4 (Trott 2024) (data/llm_norms_gpt4/glasgow_gpt-4.csv)', ['recorded:gpt4 recorded:gpt4:concreteness']],
  ]);
  // The order is the sweep's, not the rows': glove listed first puts its group first.
  assert.deepEqual(groupBySubject(results.results, [results.models![1], VEC]).map((g) => g.heading.split(' (')[0]), ['Model glove', 'Model vectors:mine.vec', 'Recorded answers of GPT-4']);
  // One model (no `models`): every run-model row under "the run's model", as before sweeps.
  const single = fixture();
  assert.deepEqual(groupBySubject(single.results).map((g) => g.heading), ["Model glove (the run's model)", 'Recorded answers of GPT-4 (Trott 2024) (data/llm_norms_gpt4/glasgow_gpt-4.csv)']);
});

test('scorecard of a sweep: the title lists the models, each model\u2019s heading holds only its rows, skips and failures name their model', () => {
  const text = formatScorecard(sweep());
  const lines = text.split('\n');
  assert.equal(lines[0], 'Attune scorecard: 2 models (vectors:mine.vec, glove), suite core, seed 42, attune 0.1.0');
  const headings = lines.filter((l) => l.startsWith('== '));
  assert.deepEqual(headings, [
    '== Model vectors:mine.vec (model 1 of 2 in this sweep) ==',
    '== Model glove (model 2 of 2 in this sweep) ==',
    '== Recorded answers of GPT-4 (Trott 2024) (data/llm_norms_gpt4/glasgow_gpt-4.csv) ==',
  ]);
  const block = (k: number) => text.slice(text.indexOf(headings[k]), k + 1 < headings.length ? text.indexOf(headings[k + 1]) : undefined);
  // SimLex-999 is 0.37123 for glove and half that, 0.185615, for the vectors (4 decimals: 0.3712 and 0.1856).
  assert.match(block(0), /\nSimLex-999 +wordsim:cosine:spearman +0\.1856 /);
  assert.ok(!block(0).includes('0.3712'));
  assert.match(block(1), /\nSimLex-999 +wordsim:cosine:spearman +0\.3712 /);
  assert.equal((text.match(/GPT-4 concreteness ratings/g) ?? []).length, 1, 'the shared recorded row once');
  assert.ok(text.includes("Skipped: a model cannot answer these (2):\n  vectors:mine.vec: reading:natural-stories:model: gives no surprisal\n  glove: reading:natural-stories:model: model 'glove'"));
  assert.ok(text.includes('Failures (1):\n  glove: wordsim:rg65: no covered pairs\n'));
});

test('report.html of a sweep: models in the provenance, one subject heading per model, plots named by model', () => {
  const results = sweep();
  const html = reportHtml(results, []);
  assert.ok(html.includes('<title>Attune report: vectors:mine.vec, glove</title>'));
  assert.ok(html.includes('<tr><td>Models</td><td>vectors:mine.vec (revision abc123); glove (revision wink-sg-100d@1.1.0)</td></tr>'));
  const first = html.indexOf('class="subject">Model vectors:mine.vec (model 1 of 2 in this sweep)</h3>');
  const second = html.indexOf('class="subject">Model glove (model 2 of 2 in this sweep)</h3>');
  assert.ok(first > 0 && second > first && html.indexOf('class="subject">Recorded answers of GPT-4') > second);
  assert.ok(html.includes('<li><code>glove: wordsim:rg65</code>: no covered pairs</li>'));
  assert.ok(html.includes('vectors:mine.vec (a model of this sweep); data simlex999'));
  // Plots: each model's SimLex-999 scatter, named by its model in id, caption and title; the bars of a section put a
  // benchmark's models side by side, each bar labelled with its model.
  const plots = reportPlots(results);
  const scatters = plots.filter((p) => p.kind === 'scatter');
  assert.deepEqual(scatters.map((p) => [p.id, p.title]), [['scatter-vectors-mine-vec-wordsim-simlex999', 'SimLex-999 (vectors:mine.vec)'], ['scatter-glove-wordsim-simlex999', 'SimLex-999 (glove)']]);
  assert.deepEqual((scatters[0].spec.title as { text: string[] }).text.join(' '), 'vectors:mine.vec: SimLex-999: wordsim:cosine:spearman = 0.1856');
  const wordsim = groupSections(results.results).find((s) => s.key === 'wordsim')!;
  const bars = sectionBarsSpec(wordsim) as unknown as { data: { values: { label: string; value: number }[] } };
  assert.deepEqual(bars.data.values.map((v) => [v.label, v.value]), [['SimLex-999 (vectors:mine.vec)', 0.37123 / 2], ['SimLex-999 (glove)', 0.37123]]);
  // One model: the plots keep their ids and captions.
  assert.deepEqual(reportPlots(fixture()).filter((p) => p.kind === 'scatter').map((p) => [p.id, p.title]), [['scatter-wordsim-simlex999', 'SimLex-999']]);
});

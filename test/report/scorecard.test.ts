import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatScorecard, formatValue, groupSections, sectionOf } from '../../src/report/scorecard.ts';
import type { RunResults } from '../../src/run/results.ts';

const fixture = (): RunResults =>
  JSON.parse(readFileSync(new URL('../fixtures/report/run-results.json', import.meta.url), 'utf8')) as RunResults;

// Written by hand from the fixture: 0.37123 -> 0.3712, 0.42876 -> 0.4288, 987/999 = 98.80%, 4600/4682 = 98.25% -> 98.2%,
// widths: title 26 ('GPT-4 concreteness ratings'), measure 28 ('decode:ridge:kfold5:spearman'), value 7, CI 16, coverage 17,
// ceiling 22 (its header: both bounds of Glasgow valence's split-half ceiling, [0.7800, 0.8200]). Rows are grouped by who
// was scored: GloVe (the run's model), then GPT-4's recorded answers.
const GOLDEN = [
  'Attune scorecard: model glove (revision wink-sg-100d@1.1.0), suite core, seed 42, attune 0.1.0',
  '',
  "== Model glove (the run's model) ==",
  '',
  'Word similarity',
  'Benchmark                   Measure                         Value            95% CI           Coverage  Ceiling [lower, upper]  Normalized',
  '------------------------------------------------------------------------------------------------------------------------------------------',
  'SimLex-999                  wordsim:cosine:spearman        0.3712  [0.3100, 0.4288]    987/999 (98.8%)                       -           -',
  '',
  'Norms decoding',
  'Benchmark                   Measure                         Value            95% CI           Coverage  Ceiling [lower, upper]  Normalized',
  '------------------------------------------------------------------------------------------------------------------------------------------',
  'Glasgow valence             decode:ridge:kfold5:spearman   0.6100  [0.5950, 0.6249]  4600/4682 (98.2%)        [0.7800, 0.8200]      0.7625',
  '',
  '== Recorded answers of GPT-4 (Trott 2024) (data/llm_norms_gpt4/glasgow_gpt-4.csv) ==',
  '',
  'Recorded LLM ratings',
  'Benchmark                   Measure                         Value            95% CI           Coverage  Ceiling [lower, upper]  Normalized',
  '------------------------------------------------------------------------------------------------------------------------------------------',
  'GPT-4 concreteness ratings  compare:spearman              -0.0500                 -       3/3 (100.0%)                       -           -',
  '',
  'Skipped: the model cannot answer these (1):',
  "  reading:natural-stories:model: model 'glove' gives no surprisal (needs a causal language model)",
  '',
  'Failures (1):',
  '  wordsim:rg65: no covered pairs',
  '',
].join('\n');

test('scorecard: the fixture gives exactly the hand-written table', () => {
  assert.equal(formatScorecard(fixture()), GOLDEN);
});

test('scorecard: no ANSI codes by default; color:true makes only the title, headings and header rows bold', () => {
  assert.ok(!formatScorecard(fixture()).includes('\x1b'));
  const colored = formatScorecard(fixture(), { color: true });
  assert.equal(colored.replace(/\x1b\[(1|22)m/g, ''), GOLDEN);
  const boldLines = colored.split('\n').filter((l) => l.includes('\x1b['));
  assert.deepEqual(
    boldLines.map((l) => l.replace(/\x1b\[(1|22)m/g, '').slice(0, 15)),
    ['Attune scorecar', "== Model glove ", 'Word similarity', 'Benchmark      ', 'Norms decoding', 'Benchmark      ', '== Recorded ans', 'Recorded LLM ra', 'Benchmark      ', 'Skipped: the mo', 'Failures (1):'],
  );
  for (const l of boldLines) assert.ok(l.startsWith('\x1b[1m') && l.endsWith('\x1b[22m'));
});

test('scorecard: width shortens the title column, then the measure column, with "..."', () => {
  const lines = formatScorecard(fixture(), { width: 115 }).split('\n');
  // Full width 138: 23 too many; the title column goes 26 -> 10 (16), the measure column 28 -> 21 (7).
  assert.equal(lines[5], 'Benchmark   Measure                  Value            95% CI           Coverage  Ceiling [lower, upper]  Normalized');
  assert.equal(lines[12], 'Glasgow...  decode:ridge:kfold...   0.6100  [0.5950, 0.6249]  4600/4682 (98.2%)        [0.7800, 0.8200]      0.7625');
  assert.equal(lines[5].length, 115);
});

test('scorecard: sections from the id prefix, grouped by suite; empty results', () => {
  assert.deepEqual(sectionOf('wordsim:men'), { key: 'wordsim', name: 'Word similarity' });
  assert.deepEqual(sectionOf('norms:glasgow:aoa'), { key: 'norms', name: 'Norms decoding' });
  assert.deepEqual(sectionOf('recorded:gpt4:aoa'), { key: 'recorded', name: 'Recorded LLM ratings' });
  assert.deepEqual(sectionOf('odd:things'), { key: 'other', name: 'Other' });
  const r = fixture();
  const [simlex, glasgow, recorded] = r.results;
  r.results = [recorded, { ...simlex, suite: 'extra' }, glasgow, { ...simlex, benchmark: 'wordsim:men', title: 'MEN' }];
  assert.deepEqual(
    groupSections(r.results).map((s) => [s.suite, s.key, s.results.map((x) => x.title).join('+')]),
    [
      ['core', 'wordsim', 'MEN'],
      ['core', 'norms', 'Glasgow valence'],
      ['core', 'recorded', 'GPT-4 concreteness ratings'],
      ['extra', 'wordsim', 'SimLex-999'],
    ],
  );
  assert.ok(formatScorecard(r).includes('\nWord similarity (suite extra)\n'));
  const text = formatScorecard(r);
  // Skipped benchmarks are listed with their reason, apart from (and before) the failures.
  assert.match(text, /\nSkipped: the model cannot answer these \(1\):\n  reading:natural-stories:model: model 'glove' gives no surprisal/);
  assert.ok(text.indexOf('Skipped:') < text.indexOf('Failures (1):'));
  assert.ok(!/Failures[^]*reading:natural-stories/.test(text));
  const empty = { ...fixture(), results: [], failures: [], skipped: [] };
  assert.equal(
    formatScorecard(empty),
    'Attune scorecard: model glove (revision wink-sg-100d@1.1.0), suite core, seed 42, attune 0.1.0\n\nNo benchmark results.\n',
  );
});

test('formatValue: 4 decimals, no negative zero, non-finite spelled out', () => {
  assert.equal(formatValue(0.12345), '0.1235');
  assert.equal(formatValue(-0.00001), '0.0000');
  assert.equal(formatValue(1), '1.0000');
  assert.equal(formatValue(Number.NaN), 'NaN');
  assert.equal(formatValue(-Infinity), '-Infinity');
  assert.equal(formatValue(undefined), '-');
});

test('scorecard: each section lists its rows\u2019 warnings under the table, one line per warning text', () => {
  const r = fixture();
  const [simlex] = r.results;
  const warned = (title: string) => ({ ...simlex, title, score: { ...simlex.score, warnings: ['thin noise ceiling: the subjects agree little'] } });
  r.results = [warned('A'), warned('B'), warned('C'), simlex];
  const text = formatScorecard(r);
  assert.ok(text.includes('\n! A and 2 more rows: thin noise ceiling: the subjects agree little\n'), text);
  r.results = [warned('A'), simlex];
  assert.ok(formatScorecard(r).includes('\n! A: thin noise ceiling: the subjects agree little\n'));
});

test('scorecard: a published inter-rater figure shows as "ref" in the ceiling column, with what it is and its source under the table', () => {
  const r = fixture();
  const [simlex] = r.results;
  r.results = [{ ...simlex, score: { ...simlex.score, details: { reference_ceiling: { value: 0.78, kind: 'one-vs-rest Spearman', source: 'Hill et al. (2015)' } } } }];
  const text = formatScorecard(r);
  assert.match(text, /\nSimLex-999 .* ref 0\.7800 +-\n/);
  assert.ok(text.includes("\n! SimLex-999: ref 0.7800 is the raters' published agreement, not a noise ceiling (not on the value's scale): one-vs-rest Spearman; Hill et al. (2015)\n"));
});

// The dashboard's table logic in Node: leaderboard columns per model or per run (the newest result wins),
// recorded answers and fixed candidates kept out of the model columns, sorting with empty and insufficient cells last,
// the normalised number, run comparison (B − A, CI overlap), and hash routes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { RunResults } from '../../src/run/results.ts';
import type { BenchmarkResult, LoadedRun } from '../../src/web/api.ts';
import { buildBoard, cellNumber, OTHER_VALUE, sortRows } from '../../src/web/pages/leaderboard-data.ts';
import { ciOverlap, compareSides, sideResults } from '../../src/web/pages/compare-data.ts';
import { benchmarkHref, parseRoute } from '../../src/web/routes.ts';

function result(benchmark: string, model: string, value: number, extra: Partial<BenchmarkResult['score']> = {}): BenchmarkResult {
  return {
    benchmark, title: benchmark.toUpperCase(), suite: 'core', dataset: { id: 'd', checksum: 'c' }, model: { id: model, revision: 'r' },
    subject: { kind: model.startsWith('rdm:') ? 'fixed' : 'run-model', label: model },
    score: { value, measure: 'm', n: 10, ...extra }, coverage: { n_items: 10, n_covered: 10, missing_examples: [] }, seconds: 0, cached: false,
  };
}

function run(id: string, model: string, results: BenchmarkResult[]): LoadedRun {
  const summary = { id, label: `${model} run`, created: '2025-01-01T00:00:00Z', suite: 'core', model: { id: model, revision: 'r' }, results: results.length };
  return { summary, results: { schema: 'attune-results', schema_version: 2, tool: { name: 'attune', version: '0' }, created: summary.created, suite: 'core', model: summary.model, seed: 0, results, failures: [], skipped: [] } };
}

// Newest first: run 'new' (model m1) has a and b; run 'old' (m1 again, and m2) has a, c.
const runs = [
  run('new', 'm1', [result('a', 'm1', 0.5, { ci95: [0.4, 0.6] }), result('b', 'm1', 0.2)]),
  run('old', 'm1', [result('a', 'm1', 0.9), result('c', 'm1', 0.1), result('a', 'm2', 0.3, { ci95: [0.55, 0.7], ceiling: { value: 0.6, method: 'x' } })]),
];

test('per model the newest run wins; per run every run is a column', () => {
  const board = buildBoard(runs, false);
  assert.deepEqual(board.columns.map((c) => c.key), ['m1', 'm2']);
  assert.equal(board.columns[0].sub, '2 runs, newest result');
  assert.deepEqual(board.rows.map((r) => r.benchmark), ['a', 'b', 'c']);
  assert.equal(board.rows[0].cells.get('m1')!.result.score.value, 0.5);
  assert.equal(board.rows[2].cells.get('m1')!.run.id, 'old');
  const perRun = buildBoard(runs, true);
  assert.equal(perRun.columns.length, 3);
  assert.equal(perRun.rows[0].cells.size, 3);
});

test('sorting: numbers either way with empty cells last; titles alphabetically; normalised = value / ceiling', () => {
  const rows = buildBoard(runs, false).rows;
  assert.deepEqual(sortRows(rows, { key: 'm1', dir: 'desc' }, false).map((r) => r.benchmark), ['a', 'b', 'c']);
  assert.deepEqual(sortRows(rows, { key: 'm1', dir: 'asc' }, false).map((r) => r.benchmark), ['c', 'b', 'a']);
  assert.deepEqual(sortRows(rows, { key: 'm2', dir: 'asc' }, false).map((r) => r.benchmark), ['a', 'b', 'c']);
  assert.deepEqual(sortRows(rows, { key: 'benchmark', dir: 'desc' }, false).map((r) => r.benchmark), ['c', 'b', 'a']);
  assert.equal(cellNumber(rows[0].cells.get('m2'), true), 0.3 / 0.6);
  assert.equal(cellNumber(rows[0].cells.get('m1'), true), undefined);
});

test('comparison: B − A over the union of benchmarks, CI overlap only when both have intervals', () => {
  const rows = compareSides(sideResults(runs, 'run:new'), sideResults(runs, 'model:m2'));
  assert.deepEqual(rows.map((r) => [r.benchmark, r.difference, r.overlap]), [['a', 0.3 - 0.5, true], ['b', undefined, undefined]]);
  assert.equal(rows[0].b!.run, 'old');
  assert.equal(ciOverlap([0, 1], [1, 2]), true);
  assert.equal(ciOverlap([0, 1], [1.01, 2]), false);
  assert.equal(ciOverlap([0, 1], undefined), undefined);
});

test('routes: benchmark ids with colons and slashes survive the round trip', () => {
  const id = 'recorded:gpt4/x:y?z';
  const route = parseRoute(benchmarkHref(id, 'run 1'));
  assert.deepEqual([route.page, route.benchmark, route.params.get('run')], ['benchmark', id, 'run 1']);
  assert.equal(parseRoute('').page, 'leaderboard');
  assert.equal(parseRoute('#/compare?a=run:x').params.get('a'), 'run:x');
  assert.equal(parseRoute('#/benchmark/%E0%A4%A').page, 'unknown');
  assert.equal(parseRoute('#/nope').page, 'unknown');
});

/** A row of another subject than the run's model. */
function other(benchmark: string, kind: 'recorded' | 'fixed', label: string, value: number, modelId = label): BenchmarkResult {
  return { ...result(benchmark, modelId, value), subject: { kind, label, ...(kind === 'recorded' ? { source: 'set/answers.csv' } : {}) } };
}

test('recorded answers and fixed candidates get no column: they are rows of their own table, by benchmark and subject', () => {
  const mixed = [
    run('new', 'm1', [result('a', 'm1', 0.5), other('a', 'recorded', 'GPT-4 (Trott 2024)', 0.7, 'recorded:data/x.csv'), other('a:gabor', 'fixed', 'm1', 0.2), other('a:pix', 'fixed', 'pixels', 0.1)]),
    run('old', 'm1', [other('a', 'recorded', 'GPT-4 (Trott 2024)', 0.6, 'recorded:data/x.csv'), other('a:pix', 'fixed', 'pixels', 0.05)]),
  ];
  const board = buildBoard(mixed, false);
  assert.deepEqual(board.columns.map((c) => c.key), ['m1'], "only the run's model is a column");
  assert.deepEqual(board.rows.map((r) => r.benchmark), ['a']);
  assert.deepEqual(board.others.map((r) => [r.benchmark, r.subject!.kind, r.subject!.label]),
    [['a', 'recorded', 'GPT-4 (Trott 2024)'], ['a:gabor', 'fixed', 'm1'], ['a:pix', 'fixed', 'pixels']]);
  // The newest run wins per benchmark and subject; a fixed candidate named like the run's model stays apart from its column.
  assert.equal(board.others[0].cells.get(OTHER_VALUE)!.result.score.value, 0.7);
  assert.equal(board.rows[0].cells.get('m1')!.result.score.value, 0.5);
  assert.equal(board.others[0].subject!.source, 'set/answers.csv');
  const perRun = buildBoard(mixed, true);
  assert.equal(perRun.others.length, 5, 'per run: each run has its own rows');
  assert.equal(new Set(perRun.others.map((r) => r.key)).size, 5);
  assert.deepEqual(sortRows(board.others, { key: OTHER_VALUE, dir: 'desc' }, false).map((r) => r.benchmark), ['a', 'a:gabor', 'a:pix']);
  assert.deepEqual(sortRows(board.others, { key: 'subject', dir: 'asc' }, false).map((r) => r.subject!.label), ['GPT-4 (Trott 2024)', 'm1', 'pixels']);
});

test('the vision run beside a core run: two model columns; its 24 fixed candidates in the other table', () => {
  const vision = JSON.parse(readFileSync(new URL('../fixtures/report/vision-results.json', import.meta.url), 'utf8')) as RunResults;
  const visionRun: LoadedRun = { summary: { id: 'vision', label: '', created: vision.created, suite: vision.suite, model: vision.model, results: vision.results.length }, results: vision };
  const board = buildBoard([visionRun, runs[0]], false);
  assert.deepEqual(board.columns.map((c) => c.key), ['gabor', 'm1']);
  assert.equal(board.rows.length, 6 + 2);
  assert.equal(board.others.length, 24);
  assert.ok(board.others.every((r) => r.subject!.kind === 'fixed' && r.cells.get(OTHER_VALUE)!.result.model.id === r.subject!.label));
  assert.ok(board.rows.every((r) => [...r.cells.values()].every((c) => c.result.subject.kind === 'run-model')));
});

test('insufficient cells have no number: they sort with the empty ones, and the comparison takes no difference', () => {
  const thin = { ...result('b', 'm1', 0.99), coverage: { n_items: 100, n_covered: 3, missing_examples: [], insufficient: 'insufficient coverage: 3 of 100 items (3.0%)' } };
  const board = buildBoard([run('x', 'm1', [result('a', 'm1', 0.1), thin, result('c', 'm1', 0.5)])], false);
  assert.equal(cellNumber(board.rows[1].cells.get('m1'), false), undefined);
  assert.deepEqual(sortRows(board.rows, { key: 'm1', dir: 'desc' }, false).map((r) => r.benchmark), ['c', 'a', 'b']);
  assert.deepEqual(sortRows(board.rows, { key: 'm1', dir: 'asc' }, false).map((r) => r.benchmark), ['a', 'c', 'b']);
  const rows = compareSides(new Map([['b', { result: thin, run: 'x' }]]), new Map([['b', { result: result('b', 'm2', 0.3, { ci95: [0, 1] }), run: 'y' }]]));
  assert.deepEqual([rows[0].difference, rows[0].overlap], [undefined, undefined]);
});

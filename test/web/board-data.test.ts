// The dashboard's table logic in Node: leaderboard columns per model or per run (the newest result wins),
// sorting with empty cells last, the normalised number, run comparison (B − A, CI overlap), and hash routes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BenchmarkResult, LoadedRun } from '../../src/web/api.ts';
import { buildBoard, cellNumber, sortRows } from '../../src/web/pages/leaderboard-data.ts';
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

// A sweep's results.json (several models in one file) on the dashboard: the run list names every model, and the
// leaderboard makes one column per model, each holding that model's own values; the shared recorded rows stay apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchmarkResult, RunResults } from '../../src/run/results.ts';
import { listRuns, readRun } from '../../src/server/runs-store.ts';
import { buildBoard, OTHER_VALUE } from '../../src/web/pages/leaderboard-data.ts';

const VEC = { id: 'vectors:mine.vec', revision: 'abc123' };

/** The report fixture as a sweep of vectors:mine.vec then glove (the vectors' values: glove's halved). */
function sweepResults(): RunResults {
  const one = JSON.parse(readFileSync(new URL('../fixtures/report/run-results.json', import.meta.url), 'utf8')) as RunResults;
  const own = one.results.filter((r) => r.subject.kind === 'run-model');
  const vec: BenchmarkResult[] = own.map((r) => ({ ...r, model: VEC, subject: { kind: 'run-model', label: VEC.id }, score: { ...r.score, value: r.score.value / 2 } }));
  return { ...one, model: VEC, models: [VEC, one.model], results: [...vec, ...one.results] };
}

test('a sweep\u2019s results.json: the run list names its models; the leaderboard has one column per model with its own values', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-sweep-board-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'results.json'), JSON.stringify(sweepResults()));
  const [summary] = await listRuns(dir);
  assert.deepEqual(summary.models, ['vectors:mine.vec', 'glove']);
  assert.equal(summary.label, 'vectors:mine.vec, glove · core · 2025-01-02 03:04');
  const results = (await readRun(dir, 'latest'))!;
  const board = buildBoard([{ summary, results }], false);
  assert.deepEqual(board.columns.map((c) => [c.key, c.label]), [['vectors:mine.vec', 'vectors:mine.vec'], ['glove', 'glove']]);
  // SimLex-999 is 0.37123 in the fixture (glove) and half that for the vectors; each in its own model's column.
  const simlex = board.rows.find((r) => r.benchmark === 'wordsim:simlex999')!;
  assert.equal(simlex.cells.get('glove')!.result.score.value, 0.37123);
  assert.equal(simlex.cells.get('vectors:mine.vec')!.result.score.value, 0.37123 / 2);
  assert.deepEqual(board.rows.map((r) => [r.benchmark, [...r.cells.keys()]]), [['wordsim:simlex999', ['vectors:mine.vec', 'glove']], ['norms:glasgow:valence', ['vectors:mine.vec', 'glove']]]);
  // GPT-4's recorded ratings: one row among the other subjects, in no model's column.
  assert.deepEqual(board.others.map((r) => [r.benchmark, r.subject?.label, [...r.cells.keys()]]), [['recorded:gpt4:concreteness', 'GPT-4 (Trott 2024)', [OTHER_VALUE]]]);
  // A one-model run keeps its summary as before: no `models`, the label names its model.
  const single = JSON.parse(readFileSync(new URL('../fixtures/report/run-results.json', import.meta.url), 'utf8')) as RunResults;
  writeFileSync(join(dir, 'results.json'), JSON.stringify(single));
  const [one] = await listRuns(dir);
  assert.equal(one.models, undefined);
  assert.equal(one.label, 'glove · core · 2025-01-02 03:04');
});

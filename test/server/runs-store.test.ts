import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRun } from '../../src/server/runs-store.ts';

test('a schema-1 results document is read in today\u2019s shape: its "skipped: …" failures become skipped benchmarks with their reason', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-runs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const v1 = {
    schema: 'attune-results', schema_version: 1, tool: { name: 'attune', version: '0.1.0' }, created: '2025-01-01T00:00:00.000Z',
    suite: 'literature', model: { id: 'glove', revision: 'r' }, seed: 0, results: [],
    failures: [
      { benchmark: 'reading:natural-stories:model', error: "skipped: model 'glove' cannot answer it" },
      { benchmark: 'wordsim:rg65', error: 'no covered pairs' },
    ],
  };
  writeFileSync(join(dir, 'results.json'), JSON.stringify(v1));
  const run = await readRun(dir, 'latest');
  assert.deepEqual(run?.failures, [{ benchmark: 'wordsim:rg65', error: 'no covered pairs' }]);
  assert.deepEqual(run?.skipped, [{ benchmark: 'reading:natural-stories:model', reason: "model 'glove' cannot answer it" }]);
  const row = (benchmark: string, model: string) => ({ benchmark, title: benchmark, suite: 'literature', dataset: { id: 'd', checksum: 'c' }, model: { id: model, revision: 'r' }, score: { value: 0.1, measure: 'm', n: 3 }, coverage: { n_items: 3, n_covered: 3, missing_examples: [] }, seconds: 0, cached: false });
  writeFileSync(join(dir, 'results.json'), JSON.stringify({ ...v1, results: [row('things:rsa', 'glove'), row('rdm92:human-it:EVA', 'rdm:EVA'), row('reading:natural-stories:gpt3', 'recorded:data/natural_stories/all_stories_gpt3.csv')] }));
  assert.deepEqual((await readRun(dir, 'latest'))?.results.map((r) => r.subject.kind), ['run-model', 'fixed', 'recorded']);
  const v2 = { ...v1, schema_version: 2, failures: [], skipped: [{ benchmark: 'x', reason: 'y' }] };
  writeFileSync(join(dir, 'results.json'), JSON.stringify(v2));
  assert.deepEqual(await readRun(dir, 'latest'), v2);
});

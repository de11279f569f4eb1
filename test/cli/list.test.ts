// `attune list`: benchmarks of the core and literature suites, model ids, measure ids, and the vendored data sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { attune, scratch } from '../../test-support/run-cli.ts';

test('attune list benchmarks|models|measures|datasets', async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  const [benchmarks, models, measures, datasets, bad] = await Promise.all([
    attune(['list', 'benchmarks', '--json'], dir),
    attune(['list', 'models'], dir),
    attune(['list', 'measures'], dir),
    attune(['list', 'datasets', '--json'], dir),
    attune(['list', 'spaceships'], dir),
  ]);
  const rows = JSON.parse(benchmarks.stdout) as { id: string; suite: string }[];
  // core: 12 word-similarity sets, 11 decoded norms, 1 + 9 + 1 recorded GPT-4 comparisons;
  // literature: 8 model RDMs × 2 targets, 14 THINGS, 2 + 8 Turing RSA, 2 reading times, 1 AQI.
  assert.equal(rows.filter((r) => r.suite === 'core').length, 34);
  assert.equal(rows.filter((r) => r.suite === 'literature').length, 43);
  assert.ok(rows.some((r) => r.id === 'wordsim:simlex999') && rows.some((r) => r.id === 'recorded:gpt4:raw-c'));
  assert.match(models.stdout, /^glove /m);
  assert.match(models.stdout, /^vectors:<file> /m);
  assert.match(measures.stdout, /compare:spearman\|rho-a\|tau-a/);
  const cards = JSON.parse(datasets.stdout) as { id: string; folder: string }[];
  const folders = readdirSync(fileURLToPath(new URL('../../data', import.meta.url)), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  assert.deepEqual(cards.map((c) => c.folder).sort(), folders.sort());
  assert.equal(bad.code, 2);
});

// Sweeps on one machine, end to end: `attune run --model A --model B` over the core suite writes one results.json whose
// rows are, value for value, the two single-model runs' rows (computed with caches of their own), the shared recorded
// GPT-4 rows once; `attune sweep` with the same sweep as a JSON and as a YAML file gives the same document from the
// cache; bad sweep files and option mixes exit 2 naming file:line:column (or the option) and write nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { attune, scratch, type CliResult } from '../../test-support/run-cli.ts';
import { writeTwentyWordVectors } from '../../test-support/word-vectors-file.ts';
import { comparable } from '../../test-support/comparable-results.ts';

interface Row { benchmark: string; model: { id: string; revision: string }; subject: { kind: string; label: string }; score: { value: number | null }; seconds?: number; cached?: boolean }
interface Results {
  model: { id: string }; models?: { id: string; revision: string }[]; suite: string; created?: string;
  results: Row[]; failures: { benchmark: string; error: string; input?: boolean; model?: string }[]; skipped: { benchmark: string; reason: string; model?: string }[];
}

const glove = JSON.parse(readFileSync(new URL('../fixtures/core-suite/glove_expected.json', import.meta.url), 'utf8')) as Record<string, { spearman: number; n_items: number }>;

/** The results.json a CLI run printed with --json (and wrote to out/results.json: the same document). */
function parsed(run: CliResult, dir: string, out: string): Results {
  const doc = JSON.parse(run.stdout) as Results;
  assert.deepEqual(JSON.parse(readFileSync(join(dir, out, 'results.json'), 'utf8')), doc);
  return doc;
}

test('attune run with two models and attune sweep (JSON, YAML): one results.json equal to the single-model runs; bad sweep files exit 2 at file:line:column', { timeout: 600_000 }, async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  // 20 words, 8 dimensions: most benchmarks thin or uncovered (input failures for the vectors, named with the model).
  writeTwentyWordVectors(join(dir, 'words20.vec'));
  const VEC = 'vectors:words20.vec';
  // Each CLI run gets the cache folder named (the child inherits the environment).
  const before = process.env.ATTUNE_CACHE_DIR;
  t.after(() => {
    if (before === undefined) delete process.env.ATTUNE_CACHE_DIR;
    else process.env.ATTUNE_CACHE_DIR = before;
  });
  const cli = (args: string[], cache: string) => {
    process.env.ATTUNE_CACHE_DIR = join(dir, cache);
    return attune(args, dir);
  };

  const sweepRun = await cli(['run', '--model', VEC, '--model', 'glove', '--bootstrap', '20', '--concurrency', '2', '--no-png', '--json', '--out', 'swept'], 'cache-sweep');
  // The vectors cover too few pairs of some sets: those are input failures, named with the model, so the exit code is 2.
  assert.equal(sweepRun.code, 2, sweepRun.stderr);
  assert.match(sweepRun.stderr, /\nattune run: vectors:words20\.vec: wordsim:mc30: --model: 'vectors:words20\.vec' covers 0 of 30 pairs/);
  const swept = parsed(sweepRun, dir, 'swept');
  const [vecAlone, gloveAlone] = [
    await cli(['run', '--model', VEC, '--bootstrap', '20', '--no-png', '--json', '--out', 'vec'], 'cache-vec'),
    await cli(['run', '--bootstrap', '20', '--no-png', '--json', '--out', 'glove'], 'cache-glove'),
  ];
  assert.equal(vecAlone.code, 2, vecAlone.stderr);
  assert.equal(gloveAlone.code, 0, gloveAlone.stderr);
  const [vec, glv] = [parsed(vecAlone, dir, 'vec'), parsed(gloveAlone, dir, 'glove')];
  assert.ok(vec.results.every((r) => !r.cached) && glv.results.every((r) => !r.cached), 'the single runs computed everything');

  // Both models' rows: the vectors' run as it was (its recorded GPT-4 rows included), then GloVe's own rows; the
  // recorded rows, shared, once.
  const recorded = (r: Row) => r.subject.kind === 'recorded';
  assert.ok(glv.results.filter(recorded).length >= 5);
  assert.deepEqual(swept.results.map(comparable), [...vec.results, ...glv.results.filter((r) => !recorded(r))].map(comparable));
  for (const id of new Set(swept.results.filter(recorded).map((r) => r.benchmark))) {
    assert.equal(swept.results.filter((r) => r.benchmark === id).length, 1, id);
  }
  assert.deepEqual(glv.results.filter(recorded).map(comparable), vec.results.filter(recorded).map(comparable), 'recorded rows do not depend on the run model');
  // GloVe's word-similarity rows are scipy's Spearman (fixtures/core-suite/glove_expected.py).
  for (const [id, e] of Object.entries(glove)) {
    const row = swept.results.find((r) => r.benchmark === id && r.model.id === 'glove');
    assert.ok(row && Math.abs((row.score.value as number) - e.spearman) < 1e-12, id);
  }
  // The document: the first model as `model`, every model in `models`; failures and skips as the single runs', named.
  assert.deepEqual(swept.models, [vec.model, glv.model]);
  assert.deepEqual([swept.model, swept.suite], [vec.model, 'core']);
  assert.ok(vec.failures.length > 0);
  assert.deepEqual(swept.failures, [...vec.failures.map((f) => ({ ...f, model: VEC })), ...glv.failures.map((f) => ({ ...f, model: 'glove' }))]);
  assert.deepEqual(swept.skipped, [...vec.skipped.map((s) => ({ ...s, model: VEC })), ...glv.skipped.map((s) => ({ ...s, model: 'glove' }))]);

  // The scorecard: each model under its heading; the report beside it.
  const text = await cli(['run', '--model', VEC, '--model', 'glove', '--bootstrap', '20', '--no-png', '--out', 'swept'], 'cache-sweep');
  assert.match(text.stdout, /^Attune scorecard: 2 models \(vectors:words20\.vec, glove\), suite core, seed 0, /);
  assert.deepEqual(text.stdout.split('\n').filter((l) => l.startsWith('== Model')), ['== Model vectors:words20.vec (model 1 of 2 in this sweep) ==', '== Model glove (model 2 of 2 in this sweep) ==']);
  assert.ok(existsSync(join(dir, 'swept', 'report.html')));

  // The same sweep as a file, JSON and YAML: the same document, every row from the sweep's cache (the same job keys).
  writeFileSync(join(dir, 'sweep.json'), JSON.stringify({ models: [VEC, { id: 'glove' }], suites: ['core'], bootstrap: 20, concurrency: 2 }, null, 2));
  writeFileSync(join(dir, 'sweep.yaml'), `# the same sweep\nmodels:\n  - ${VEC}\n  - id: glove\nsuites: [core]\nbootstrap: 20\n`);
  for (const file of ['sweep.json', 'sweep.yaml']) {
    const out = `from-${file.replace('.', '-')}`;
    const run = await cli(['sweep', file, '--no-png', '--json', '--out', out], 'cache-sweep');
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /\nattune sweep: vectors:words20\.vec: wordsim:mc30: /);
    const doc = parsed(run, dir, out);
    assert.ok(doc.results.every((r) => r.cached), `${file}: every row from the cache`);
    assert.deepEqual(comparable(doc), comparable(swept), file);
  }

  // Bad sweep files: exit 2, the file, line and column in the message, nothing written.
  const bad: [string, string, RegExp][] = [
    ['unknown-key.yaml', 'models: [glove]\nsuites: [core]\nbootstap: 20\n', /^unknown-key\.yaml:3:1: unknown key 'bootstap' in a sweep file; did you mean bootstrap\?/],
    ['bad-type.json', '{\n  "models": ["glove"],\n  "seed": "zero"\n}\n', /^bad-type\.json:3:11: 'seed' must be an integer ≥ 0; got 'zero' \(a string\)/],
    ['unknown-suite.yml', 'models:\n  - glove\nsuites:\n  - core\n  - cor\n', /^unknown-suite\.yml:5:5: unknown suite 'cor'; did you mean core\?/],
    ['syntax.yaml', 'models: [glove\nsuites: [core]\n', /^syntax\.yaml:2:1: YAML syntax: /],
  ];
  for (const [name, body, message] of bad) {
    writeFileSync(join(dir, name), body);
    const run = await cli(['sweep', name, '--out', `bad-${name}`], 'cache-sweep');
    assert.equal(run.code, 2, name);
    assert.match(run.stderr, message, name);
    assert.equal(run.stdout, '');
    assert.ok(!existsSync(join(dir, `bad-${name}`)), `${name}: nothing written`);
  }
  // Options a sweep of several models cannot take, or given twice: exit 2 before anything runs.
  const twice = await cli(['run', '--model', 'glove', '--model', 'glove', '--out', 'bad-twice'], 'cache-sweep');
  assert.equal(twice.code, 2);
  assert.match(twice.stderr, /attune run: --model glove is given twice/);
  const rdm = await cli(['run', '--model', VEC, '--model', 'glove', '--model-rdm', 'none.csv', '--out', 'bad-rdm'], 'cache-sweep');
  assert.equal(rdm.code, 2);
  assert.match(rdm.stderr, /attune run: --model-rdm goes with a run of one model, not 2 \(vectors:words20\.vec, glove\)/);
  const queue = await cli(['run', '--queue', 'http://localhost:6379', '--out', 'bad-queue'], 'cache-sweep');
  assert.equal(queue.code, 2);
  assert.match(queue.stderr, /--queue: the scheme must be redis: or rediss:, not http:/);
  for (const out of ['bad-twice', 'bad-rdm', 'bad-queue']) assert.ok(!existsSync(join(dir, out)), out);
});

// `attune run` end to end on the embedded defaults: GloVe on the core suite, cold then warm (cached),
// against values computed independently (the GloVe figures; scipy for the recorded GPT-4 rows).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attune, BIN, scratch } from '../../test-support/run-cli.ts';
import { writeTwentyWordVectors } from '../../test-support/word-vectors-file.ts';

interface Row { benchmark: string; title: string; subject: { kind: string; label: string; source?: string }; score: { value: number; ci95?: [number, number]; measure: string }; coverage: { n_items: number; n_covered: number; insufficient?: string }; cached: boolean }

const glove = JSON.parse(readFileSync(new URL('../fixtures/core-suite/glove_expected.json', import.meta.url), 'utf8')) as Record<string, { spearman: number; n_items: number }>;
const gpt4 = JSON.parse(readFileSync(new URL('../fixtures/core-suite/gpt4_expected.json', import.meta.url), 'utf8')) as Record<string, { spearman: number; n_items: number; n_covered: number }>;

/** Start `attune run --out out` and interrupt it (SIGINT, as Ctrl-C) once `step` benchmarks are done. */
function interruptedRun(dir: string, step: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'run', '--out', 'out'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
      if (stderr.includes(`[${step}/`)) child.kill('SIGINT');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
}

test('attune run: interrupted, resumed, GloVe scores on the core suite, recorded GPT-4 rows, a report, then a warm rerun', { timeout: 300_000 }, async () => {
  const { dir, cleanup } = scratch();
  const before = process.env.ATTUNE_CACHE_DIR;
  process.env.ATTUNE_CACHE_DIR = join(dir, 'cache');
  try {
    // Ctrl-C after 14 benchmarks: no output file, half-written or whole.
    const stopped = await interruptedRun(dir, 14);
    assert.notEqual(stopped, 0);
    assert.ok(!existsSync(join(dir, 'out')) || readdirSync(join(dir, 'out')).length === 0);

    const cold = await attune(['run', '--json', '--out', 'out'], dir);
    assert.equal(cold.code, 0, cold.stderr);
    const results = JSON.parse(cold.stdout) as { schema: string; model: { id: string }; results: Row[]; failures: unknown[] };
    // The rerun resumed: what finished before the interruption came from the cache, the rest was computed.
    const cachedCount = results.results.filter((r) => r.cached).length;
    assert.ok(cachedCount >= 13 && cachedCount < results.results.length, `${cachedCount} cached`);
    assert.equal(results.schema, 'attune-results');
    assert.equal(results.model.id, 'glove');
    const by = new Map(results.results.map((r) => [r.benchmark, r]));
    // GloVe 6B 100-d: Spearman of cosine with the human scores, every pair covered, as numpy + scipy compute
    // it from the package's JSON (the 0.2976 / 0.6809 / 0.5327; SimLex is 0.29754985, i.e. 0.2975).
    for (const [id, e] of Object.entries(glove)) {
      const row = by.get(id);
      assert.ok(row, `${id} missing`);
      assert.ok(Math.abs(row.score.value - e.spearman) < 1e-12, `${id}: ${row.score.value} vs scipy ${e.spearman}`);
      assert.equal(row.coverage.n_items, e.n_items);
      assert.ok(row.score.ci95 && row.score.ci95[0] < row.score.value && row.score.value < row.score.ci95[1]);
    }
    // Recorded GPT-4 ratings vs humans: scipy's Spearman on the same rows; non-numeric answers not covered.
    for (const [id, e] of Object.entries(gpt4)) {
      const row = by.get(id);
      assert.ok(row, `${id} missing`);
      assert.ok(Math.abs(row.score.value - e.spearman) < 1e-12, `${id}: ${row.score.value} vs scipy ${e.spearman}`);
      assert.equal(row.coverage.n_items, e.n_items, id);
      assert.equal(row.coverage.n_covered, e.n_covered, id);
    }
    // Who was scored: GloVe on its rows, GPT-4's recorded answers (with their source) on theirs; no row lacks it.
    for (const r of results.results) {
      if (r.benchmark.startsWith('recorded:')) assert.deepEqual([r.subject.kind, r.subject.label], ['recorded', 'GPT-4 (Trott 2024)'], r.benchmark);
      else assert.deepEqual(r.subject, { kind: 'run-model', label: 'glove' }, r.benchmark);
    }
    // Norms decoding: every Glasgow scale, Brysbaert and Kuperman present, with held-out Spearman.
    const norms = results.results.filter((r) => r.benchmark.startsWith('norms:'));
    assert.equal(norms.length, 11);
    // GloVe predicts concreteness well (published decoders reach ρ ≈ 0.8–0.9): a sanity bound, not a reference.
    assert.ok(by.get('norms:brysbaert:concreteness')!.score.value > 0.7);
    assert.ok(existsSync(join(dir, 'out', 'results.json')) && existsSync(join(dir, 'out', 'report.html')));
    assert.deepEqual(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.tmp')), []);

    const warm = await attune(['run', '--json', '--out', 'out'], dir);
    assert.equal(warm.code, 0, warm.stderr);
    const again = JSON.parse(warm.stdout) as { results: Row[] };
    assert.ok(again.results.every((r) => r.cached), 'every benchmark comes from the cache');
    assert.deepEqual(again.results.map((r) => r.score.value), results.results.map((r) => r.score.value));
  } finally {
    if (before === undefined) delete process.env.ATTUNE_CACHE_DIR;
    else process.env.ATTUNE_CACHE_DIR = before;
    cleanup();
  }
});

test('attune run with a 20-word vocabulary: thin rows are marked insufficient with no value printed; GloVe\u2019s heading holds only its own rows', { timeout: 300_000 }, async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  writeTwentyWordVectors(join(dir, 'words20.vec'));
  const before = process.env.ATTUNE_CACHE_DIR;
  process.env.ATTUNE_CACHE_DIR = join(dir, 'cache');
  try {
    const json = await attune(['run', '--model', 'vectors:words20.vec', '--bootstrap', '50', '--no-png', '--json', '--out', 'out'], dir);
    const rows = (JSON.parse(json.stdout) as { results: Row[] }).results;
    const ws353 = rows.find((r) => r.benchmark === 'wordsim:ws353')!;
    assert.match(ws353.coverage.insufficient!, /^insufficient coverage: \d+ of 353 items/);
    const kuperman = rows.find((r) => r.benchmark === 'norms:kuperman:aoa');
    if (kuperman) assert.match(kuperman.coverage.insufficient!, /of 31124 items/);
    assert.equal(rows.find((r) => r.benchmark === 'recorded:gpt4:simlex999')!.coverage.insufficient, undefined, 'GPT-4 answered every pair');
    const text = await attune(['run', '--model', 'vectors:words20.vec', '--bootstrap', '50', '--no-png', '--out', 'out'], dir);
    const line = text.stdout.split('\n').find((l) => l.startsWith('WordSim-353 '))!;
    assert.match(line, /insufficient\s+-\s+\d+\/353 \(\d+\.\d%\)\s+-\s+-$/);
    assert.match(text.stdout, /\n! WordSim-353.*: insufficient coverage: \d+ of 353 items/);
    // Under the run's model's heading, only its own rows: GPT-4's come under their own.
    const own = text.stdout.slice(text.stdout.indexOf('== Model vectors:words20.vec'), text.stdout.indexOf('== Recorded answers of GPT-4'));
    assert.ok(own.length > 0 && !own.includes('GPT-4'), 'no GPT-4 row under the run\u2019s model');
  } finally {
    if (before === undefined) delete process.env.ATTUNE_CACHE_DIR;
    else process.env.ATTUNE_CACHE_DIR = before;
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCases } from '../../src/cli/bench/cases.ts';
import { attune } from '../../test-support/run-cli.ts';

test('bench covers exactly the op ids and sizes of the contract', () => {
  const ids = benchCases().map((c) => `${c.op} ${c.n}x${c.p}`);
  assert.deepEqual(ids, [
    'rdm:correlation 92x512', 'rdm:euclidean 92x512',
    'rdm:correlation 500x4096', 'rdm:euclidean 500x4096',
    'rdm:correlation 2000x4096', 'rdm:euclidean 2000x4096',
    'compare:spearman 500x512', 'compare:tau-a 500x512', 'compare:rho-a 500x512',
    'compare:spearman 2000x512', 'compare:tau-a 2000x512', 'compare:rho-a 2000x512',
    'cka:linear 2000x4096', 'cka:linear:debiased 2000x4096',
    'knn:mutual 2000x4096',
    'encode:ridge 1000x768',
    'encode:ridge:loo 1000x768',
  ]);
  const ridge = benchCases().find((c) => c.op === 'encode:ridge');
  assert.deepEqual(ridge?.params, { targets: 1000, folds: 5, alphas: 8 });
  assert.deepEqual(benchCases().find((c) => c.op === 'encode:ridge:loo')?.params, { targets: 1000, alphas: 8 });
  assert.deepEqual(benchCases().find((c) => c.op === 'knn:mutual')?.params, { k: 10 });
});

test('bench --json prints one {op, n, p, seconds, checksum} line per case, from any working directory', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'attune-bench-'));
  try {
    const { code, stdout } = await attune(['bench', '--json', '--only', 'compare:rho-a'], cwd);
    assert.equal(code, 0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(lines.map((l) => [l.op, l.n, l.p]), [['compare:rho-a', 500, 512], ['compare:rho-a', 2000, 512]]);
    for (const line of lines) {
      assert.ok(typeof line.seconds === 'number' && line.seconds > 0);
      // Y = X + noise of equal variance: correlation-distance RDMs that agree clearly but not perfectly.
      assert.ok(typeof line.checksum === 'number' && line.checksum > 0.3 && line.checksum < 0.7);
      assert.ok(typeof line.extra_mib === 'number' && typeof line.budget_mib === 'number');
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

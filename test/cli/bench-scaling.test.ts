import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from '../../src/cli/bench/child.ts';
import { SCALING_OPS, scalingCase, scalingNeedBytes, scalingSizes } from '../../src/cli/bench/scaling-cases.ts';
import { fitScaling, formatScalingTable, planScaling } from '../../src/cli/bench/scaling.ts';
import { attune } from '../../test-support/run-cli.ts';

test('scaling sizes double from 250 within [min-n, max-n]; the cases are the ops at p = 512', () => {
  assert.deepEqual(scalingSizes(1, 8000), [250, 500, 1000, 2000, 4000, 8000]);
  assert.deepEqual(scalingSizes(600, 4000), [1000, 2000, 4000]);
  assert.deepEqual(scalingSizes(1, 499), [250]);
  assert.deepEqual(scalingSizes(1, 249), []);
  assert.deepEqual(SCALING_OPS.map((op) => { const c = scalingCase(op, 1000); return `${c.op} ${c.n}x${c.p} ${c.primer ? 'primed' : ''}`; }), [
    'rdm:correlation 1000x512 primed', 'compare:spearman 1000x512 primed', 'compare:tau-a 1000x512 primed', 'cka:linear 1000x512 primed',
  ]);
});

test('planScaling skips the sizes whose estimated memory exceeds the limit, and says how much', () => {
  // rdm:correlation at n = 1000: inputs 1000·512·8 twice plus one 1000² float64 = 16 192 000 bytes.
  assert.equal(scalingNeedBytes('rdm:correlation', 1000), 16_192_000);
  // compare at n = 1000: two 499 500-entry float64 vectors twice, two 1000² float64, three 1000×512 float64.
  assert.equal(scalingNeedBytes('compare:tau-a', 1000), 2 * 999_000 * 8 + 2 * 8_000_000 + 3 * 4_096_000);
  const limit = 20_000_000;
  const { runs, skipped } = planScaling(['rdm:correlation', 'compare:tau-a'], [500, 1000, 2000], limit);
  assert.deepEqual(runs, [{ op: 'rdm:correlation', n: 500 }, { op: 'rdm:correlation', n: 1000 }, { op: 'compare:tau-a', n: 500 }]);
  assert.deepEqual(skipped.map((s) => `${s.op} ${s.n}`), ['rdm:correlation 2000', 'compare:tau-a 1000', 'compare:tau-a 2000']);
  assert.equal(skipped[0].limit_mib, 19.1);
  assert.equal(skipped[0].need_mib, 46.1); // (2·2000·512·8 + 2000²·8) / 2^20 = 48 384 000 / 1 048 576 = 46.14
});

function point(op: string, n: number, seconds: number, extra: number, cpu?: number): BenchResult {
  return { op, n, p: 512, seconds, checksum: 0, reps: 3, ...(cpu === undefined ? {} : { cpu_seconds: cpu }), extra_mib: extra, budget_mib: 1 };
}

test('fitScaling recovers exact power laws per op, over all sizes and the three largest', () => {
  const sizes = [250, 500, 1000, 2000, 4000];
  const points = [
    ...sizes.map((n) => point('a', n, 1e-9 * n ** 2, 3e-5 * n ** 2, 4e-7 * n ** 1.25)),
    // Fixed cost at the small sizes only: the largest three follow n^1.5 exactly.
    ...sizes.map((n, i) => point('b', n, i < 2 ? 0.5 : 2e-6 * n ** 1.5, i === 0 ? 0 : n / 100)),
  ];
  const [a, b] = fitScaling(points);
  assert.equal(a.op, 'a');
  assert.deepEqual(a.sizes, sizes);
  assert.ok(Math.abs(a.seconds!.exponent - 2) < 1e-12 && Math.abs(a.extra_mib!.exponent - 2) < 1e-12);
  assert.ok(Math.abs(a.seconds_largest3!.exponent - 2) < 1e-12);
  assert.ok(Math.abs(a.cpu_seconds!.exponent - 1.25) < 1e-12 && Math.abs(a.cpu_seconds_largest3!.exponent - 1.25) < 1e-12);
  // No CPU times recorded (a regular bench line): no CPU fit.
  assert.equal(b.cpu_seconds, null);
  assert.ok(Math.abs(b.seconds_largest3!.exponent - 1.5) < 1e-12);
  assert.ok(b.seconds!.exponent < 1.5);
  // The zero-memory point is left out: four points of n/100.
  assert.equal(b.extra_mib!.points, 4);
  assert.ok(Math.abs(b.extra_mib!.exponent - 1) < 1e-12);
  // Three sizes or fewer: no separate fit over the largest three.
  const [c] = fitScaling([point('c', 250, 1, 1), point('c', 500, 2, 2), point('c', 1000, 4, 4)]);
  assert.equal(c.seconds_largest3, null);
  assert.ok(Math.abs(c.seconds!.exponent - 1) < 1e-12);
});

test('formatScalingTable: wall seconds, CPU seconds and memory blocks, one row per op and a column per size, skipped sizes named', () => {
  const points = [point('rdm:correlation', 250, 0.01, 0, 0.02), point('rdm:correlation', 500, 0.04, 2, 0.16)];
  const skipped = [{ op: 'rdm:correlation' as const, n: 1000, need_mib: 99, limit_mib: 10 }];
  const lines = formatScalingTable(points, fitScaling(points), skipped).trimEnd().split('\n');
  assert.equal(lines.length, 8);
  assert.match(lines[1], /^seconds \(median\)\s+n=250\s+n=500\s+exponent\s+largest 3$/);
  assert.match(lines[2], /^rdm:correlation\s+0\.01\s+0\.04\s+2\.00\s+–$/);
  assert.match(lines[3], /^CPU seconds\s+n=250\s+n=500/);
  assert.match(lines[4], /^rdm:correlation\s+0\.02\s+0\.16\s+3\.00\s+–$/);
  assert.match(lines[5], /^extra peak MiB\s+n=250\s+n=500/);
  assert.match(lines[6], /^rdm:correlation\s+0\s+2\s+–\s+–$/);
  assert.match(lines[7], /skipped rdm:correlation at n=1000: needs about 99 MiB, over the 10 MiB limit/);
});

test('bench --scaling --max-n 500 --json: one document with every point, finite time exponents, and the fits', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'attune-bench-scaling-'));
  try {
    const { code, stdout, stderr } = await attune(['bench', '--scaling', '--max-n', '500', '--json'], cwd);
    assert.equal(code, 0, stderr);
    const doc = JSON.parse(stdout) as {
      measure: string; value: Record<string, number>; p: number; sizes: number[]; skipped: unknown[];
      points: BenchResult[]; fits: { op: string; sizes: number[]; seconds: { exponent: number; points: number }; cpu_seconds: { exponent: number } | null; extra_mib: { exponent: number } | null; seconds_largest3: null }[];
    };
    assert.equal(doc.measure, 'bench:scaling');
    assert.equal(doc.p, 512);
    assert.deepEqual(doc.sizes, [250, 500]);
    assert.deepEqual(doc.skipped, []);
    assert.deepEqual(doc.points.map((p) => `${p.op} ${p.n}x${p.p}`), [
      'rdm:correlation 250x512', 'rdm:correlation 500x512', 'compare:spearman 250x512', 'compare:spearman 500x512',
      'compare:tau-a 250x512', 'compare:tau-a 500x512', 'cka:linear 250x512', 'cka:linear 500x512',
    ]);
    for (const p of doc.points) {
      assert.ok(p.seconds > 0 && p.reps >= 1 && p.extra_mib >= 0 && p.budget_mib > 0);
      assert.ok(typeof p.cpu_seconds === 'number' && p.cpu_seconds >= 0);
      // Y = X/2 + noise (CKA) or X + noise (compare): related but not identical.
      if (p.op !== 'rdm:correlation') assert.ok(p.checksum > 0.1 && p.checksum < 0.9, `${p.op} ${p.checksum}`);
    }
    assert.deepEqual(doc.fits.map((f) => f.op), [...SCALING_OPS]);
    for (const fit of doc.fits) {
      assert.deepEqual(fit.sizes, [250, 500]);
      assert.ok(Number.isFinite(fit.seconds.exponent) && fit.seconds.points === 2);
      assert.equal(doc.value[fit.op], fit.seconds.exponent);
      assert.ok(fit.cpu_seconds === null || Number.isFinite(fit.cpu_seconds.exponent));
      // Small sizes may need no memory beyond what the process holds: then there is no memory fit.
      assert.ok(fit.extra_mib === null || Number.isFinite(fit.extra_mib.exponent));
      assert.equal(fit.seconds_largest3, null);
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

test('bench --scaling prints the table on stderr; --only narrows the ops', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'attune-bench-scaling-'));
  try {
    const { code, stdout, stderr } = await attune(['bench', '--scaling', '--max-n', '250', '--only', 'cka:'], cwd);
    assert.equal(code, 0, stderr);
    assert.equal(stdout, '');
    assert.match(stderr, /^seconds \(median\)\s+n=250\s+exponent\s+largest 3$/m);
    assert.match(stderr, /^cka:linear\s+\d\S*\s+–\s+–$/m); // one size: no exponent
    assert.doesNotMatch(stderr, /^rdm:correlation/m);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

test('bench rejects bad scaling options with exit code 2', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'attune-bench-scaling-'));
  try {
    for (const [args, message] of [
      [['--scaling', '--max-n', 'lots'], /--max-n must be a positive whole number/],
      [['--scaling', '--max-n', '100'], /no scaling size lies in \[250, 100\]/],
      [['--scaling', '--only', 'encode:'], /matches none of the scaling ops/],
      [['--max-n', '500'], /--max-n and --min-n go with --scaling/],
    ] as const) {
      const { code, stderr } = await attune(['bench', ...args], cwd);
      assert.equal(code, 2, stderr);
      assert.match(stderr, message);
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

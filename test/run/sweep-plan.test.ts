import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { memoryStore } from '../../src/models/answer-store.ts';
import { planSweep } from '../../src/run/sweep-plan.ts';

const options = () => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-plan-'));
  return { opts: { cacheDir: dir, store: memoryStore() }, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};

test('a sweep plans the fixed candidates once, whatever layers each model asks for', async () => {
  const { opts, cleanup } = options();
  try {
    const one = await planSweep({ models: [{ id: 'pixels' }], suites: ['vision'] }, opts);
    const two = await planSweep({ models: [{ id: 'pixels', layers: 0 }, { id: 'gabor' }], suites: ['vision'] }, opts);
    const fixed = (plan: typeof one) => plan.jobs.filter((j) => j.benchmark.subject.kind === 'fixed').map((j) => j.benchmark.id);
    assert.ok(fixed(one).length > 0, 'the vision suite has fixed candidates');
    assert.deepEqual(fixed(two), fixed(one), 'each fixed candidate once, in the single run\'s order');
    // they are planned under the first model's settings
    for (const job of two.jobs.filter((j) => j.benchmark.subject.kind === 'fixed')) assert.equal(job.settings.layers, 0);
    // the run model's own rows: one per model
    const own = two.jobs.filter((j) => j.benchmark.subject.kind === 'run-model');
    assert.equal(own.filter((j) => j.spec.id === 'pixels').length, own.filter((j) => j.spec.id === 'gabor').length);
    assert.equal(new Set(two.jobs.map((j) => j.key)).size, two.jobs.length, 'job keys are distinct');
  } finally {
    cleanup();
  }
});

test('a sweep plans recorded answers once and lists every job as a row in plan order', async () => {
  const { opts, cleanup } = options();
  try {
    const one = await planSweep({ models: [{ id: 'glove' }], suites: ['core'] }, opts);
    const two = await planSweep({ models: [{ id: 'glove' }, { id: 'pixels' }], suites: ['core'] }, opts);
    const recorded = (plan: typeof one) => plan.jobs.filter((j) => j.benchmark.subject.kind === 'recorded').map((j) => j.key);
    assert.ok(recorded(one).length > 0);
    assert.deepEqual(recorded(two), recorded(one));
    // pixels sees no texts: its text benchmarks are skips naming it, not jobs
    const skips = two.rows.filter((r) => r.kind === 'skipped');
    assert.ok(skips.length > 0 && skips.every((r) => r.kind === 'skipped' && r.skipped.model === 'pixels'));
    assert.deepEqual(two.rows.filter((r) => r.kind === 'job').map((r) => (r.kind === 'job' ? r.key : '')), two.jobs.map((j) => j.key));
  } finally {
    cleanup();
  }
});

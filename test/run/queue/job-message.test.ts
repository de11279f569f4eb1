// The queue's job payload: a planned job's message survives JSON and is read back as it was (with its benchmark
// rebuilt from the suite); anything that is not exactly Attune's schema is refused with a message saying why.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryStore } from '../../../src/models/answer-store.ts';
import { JOB_SCHEMA, JOB_SCHEMA_VERSION, JobMessageError, jobMessage, parseJobMessage, type JobMessage } from '../../../src/run/queue/job-message.ts';
import { planSweep, type SweepPlan } from '../../../src/run/sweep-plan.ts';
import { coreWords, writeWordVectors } from '../../../test-support/word-vectors-file.ts';

let dir = '';
let plan: SweepPlan;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'attune-job-message-'));
  const vectors = writeWordVectors(join(dir, 'v.txt'), coreWords({ sets: ['simlex999', 'men3000'] }), 4, 1);
  plan = await planSweep(
    { models: [{ id: `vectors:${vectors}`, layers: 'all' }], suites: ['core'], seed: 7, bootstrap: 20, transform: { lower: 0.1, upper: 0.9 } },
    { cacheDir: false, store: memoryStore() },
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A valid message to spoil. */
function valid(): JobMessage {
  return JSON.parse(JSON.stringify(jobMessage(plan.jobs[0]))) as JobMessage;
}

test('every planned job: its message goes through JSON and reads back equal, with the same benchmark', () => {
  assert.ok(plan.jobs.length > 20);
  for (const job of plan.jobs) {
    const sent = jobMessage(job, true);
    assert.equal(sent.schema, JOB_SCHEMA);
    assert.equal(sent.version, JOB_SCHEMA_VERSION);
    assert.equal(sent.key, job.key);
    assert.deepEqual(sent.settings, { seed: 7, bootstrap: 20, layers: 'all', transform: { lower: 0.1, upper: 0.9 } });
    const { message, benchmark } = parseJobMessage(JSON.parse(JSON.stringify(sent)));
    assert.deepEqual(message, sent);
    assert.equal(benchmark.id, job.benchmark.id);
    assert.equal(benchmark.version, job.benchmark.version);
  }
  assert.equal(jobMessage(plan.jobs[0]).offline, undefined, 'offline only when given');
});

test('payloads that are not Attune jobs are refused, saying what is wrong', () => {
  const spoil = (change: (m: Record<string, any>) => void): unknown => {
    const m = valid() as unknown as Record<string, any>;
    change(m);
    return m;
  };
  const cases: [unknown, RegExp][] = [
    [null, /the payload must be a JSON object, got null/],
    ['run this', /the payload must be a JSON object/],
    [[valid()], /the payload must be a JSON object/],
    [spoil((m) => (m.code = 'process.exit()')), /the payload has an unknown field 'code'/],
    [spoil((m) => delete m.key), /the payload has no 'key'/],
    [spoil((m) => (m.schema = 'bull')), /schema must be 'attune-job'/],
    [spoil((m) => (m.version = 2)), /version must be 1, got 2/],
    [spoil((m) => (m.key = 'abc')), /key must be 64 hex digits/],
    [spoil((m) => (m.suite = 'secret')), /unknown suite 'secret'/],
    [spoil((m) => (m.benchmark = 'wordsim:nope')), /suite 'core' has no benchmark 'wordsim:nope'/],
    [spoil((m) => (m.model = 'glove')), /model must be a JSON object/],
    [spoil((m) => (m.model.id = 42)), /model.id must be a non-empty string/],
    [spoil((m) => (m.model.id = '')), /model.id must be a non-empty string/],
    [spoil((m) => (m.model.loader = './evil.js')), /model has an unknown field 'loader'/],
    [spoil((m) => (m.model.layers = 'some')), /model.layers must be default, all, best or a layer number/],
    [spoil((m) => (m.model.layers = -1)), /model.layers must be/],
    [spoil((m) => (m.model.pooling = 'max')), /model.pooling must be one of/],
    [spoil((m) => (m.model.tower = 'audio')), /model.tower must be image or text/],
    [spoil((m) => (m.settings.seed = -1)), /settings.seed must be an integer ≥ 0/],
    [spoil((m) => (m.settings.seed = 1.5)), /settings.seed must be an integer ≥ 0/],
    [spoil((m) => (m.settings.bootstrap = '20')), /settings.bootstrap must be an integer ≥ 0/],
    [spoil((m) => delete m.settings.layers), /settings has no 'layers'/],
    [spoil((m) => (m.settings.transform = { lower: 0.9, upper: 0.1 })), /settings.transform needs quantiles/],
    [spoil((m) => (m.settings.transform = { lower: 0, upper: 1, kind: 'x' })), /settings.transform has an unknown field 'kind'/],
    [spoil((m) => (m.settings.extra = 1)), /settings has an unknown field 'extra'/],
    [spoil((m) => (m.offline = 'yes')), /offline must be true or false/],
  ];
  for (const [payload, message] of cases) {
    assert.throws(() => parseJobMessage(payload), (e: unknown) => e instanceof JobMessageError && /^not an Attune job: /.test(e.message) && message.test(e.message), JSON.stringify(payload)?.slice(0, 120));
  }
});

test('a long value is cut short in the message', () => {
  const m = valid() as unknown as Record<string, any>;
  m.version = 'x'.repeat(500);
  assert.throws(() => parseJobMessage(m), (e: unknown) => e instanceof JobMessageError && e.message.length < 250 && e.message.includes('...'));
});

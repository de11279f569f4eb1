import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/core/input-error.ts';
import { MODEL_IDS, resolveModel } from '../../src/models/resolve-model.ts';

const tiny = fileURLToPath(new URL('../fixtures/models/tiny.vec', import.meta.url));
const simlex = fileURLToPath(new URL('../../data/llm_norms_gpt4/simlex_gpt-4.csv', import.meta.url));

test('vectors:<file> and recorded:<file> keep the id as given', async () => {
  const v = await resolveModel(`vectors:${tiny}`);
  assert.equal(v.kind, 'embedding');
  assert.equal(v.id, `vectors:${tiny}`);
  if (v.kind === 'embedding') assert.equal(v.dimensions, 3);
  const r = await resolveModel(`recorded:${simlex}`);
  assert.equal(r.kind, 'recorded');
  assert.equal(r.id, `recorded:${simlex}`);
  if (r.kind === 'recorded') assert.equal(r.pairRating('new', 'old', 'gpt4_rating'), 1);
});

test('unknown and empty ids, a hub model offline and openai: without a key are InputErrors on --model', async () => {
  await assert.rejects(resolveModel('word2vec'), (e: unknown) =>
    e instanceof InputError && e.file === '--model' &&
    e.message === "--model: unknown model id 'word2vec'; known: glove, vectors:<file>, recorded:<file>, openai:<model>, hf:<hub-id-or-folder>, features:<dir>, gabor, pixels");
  const cacheDir = mkdtempSync(join(tmpdir(), 'attune-resolve-'));
  try {
    await assert.rejects(resolveModel('hf:someone/bert-base-uncased', { offline: true, cacheDir }), (e: unknown) =>
      e instanceof InputError && e.file === '--model' && /not in the cache .* and offline/.test(e.message));
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
  const key = process.env.OPENAI_API_KEY;
  delete process.env.OPENAI_API_KEY;
  try {
    await assert.rejects(resolveModel('openai:gpt-4o-mini'), (e: unknown) => e instanceof InputError && /OPENAI_API_KEY/.test(e.message));
  } finally {
    if (key !== undefined) process.env.OPENAI_API_KEY = key;
  }
  await assert.rejects(resolveModel('openai:'), (e: unknown) => e instanceof InputError && /needs a model name/.test(e.message));
  await assert.rejects(resolveModel('hf:'), (e: unknown) => e instanceof InputError && /needs a model/.test(e.message));
  await assert.rejects(resolveModel('vectors:'), (e: unknown) => e instanceof InputError && e.file === '--model' && /needs a file/.test(e.message));
  await assert.rejects(resolveModel('vectors:/nonexistent/x.vec'), (e: unknown) => e instanceof InputError && e.message === '/nonexistent/x.vec: file not found');
});

test('MODEL_IDS lists the eight kinds of id', () => {
  assert.deepEqual(MODEL_IDS.map((m) => m.pattern), ['glove', 'vectors:<file>', 'recorded:<file>', 'openai:<model>', 'hf:<hub-id-or-folder>', 'features:<dir>', 'gabor', 'pixels']);
  for (const m of MODEL_IDS) assert.ok(m.description.length > 10);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
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

test('unknown, empty and not-yet-available ids are InputErrors on --model', async () => {
  await assert.rejects(resolveModel('word2vec'), (e: unknown) =>
    e instanceof InputError && e.file === '--model' && e.message === "--model: unknown model id 'word2vec'; known: glove, vectors:<file>, recorded:<file>");
  await assert.rejects(resolveModel('hf:bert-base-uncased'), (e: unknown) => e instanceof InputError && e.file === '--model' && /not available yet/.test(e.message));
  await assert.rejects(resolveModel('openai:text-embedding-3-small'), (e: unknown) => e instanceof InputError && /not available yet/.test(e.message));
  await assert.rejects(resolveModel('vectors:'), (e: unknown) => e instanceof InputError && e.file === '--model' && /needs a file/.test(e.message));
  await assert.rejects(resolveModel('vectors:/nonexistent/x.vec'), (e: unknown) => e instanceof InputError && e.message === '/nonexistent/x.vec: file not found');
});

test('MODEL_IDS lists the three ids', () => {
  assert.deepEqual(MODEL_IDS.map((m) => m.pattern), ['glove', 'vectors:<file>', 'recorded:<file>']);
  for (const m of MODEL_IDS) assert.ok(m.description.length > 10);
});

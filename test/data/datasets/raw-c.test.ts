import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRawC } from '../../../src/data/datasets/raw-c.ts';

test('RAW-C: 672 sentence pairs with mean relatedness', () => {
  const r = loadRawC();
  assert.equal(r.pairs.length, 672); // `tr -d '\r' < data/raw_c/raw-c.csv | awk 'NR>1' | wc -l`
  assert.deepEqual(r.pairs[0], { word: 'act', sentence1: 'It was a desperate act.', sentence2: 'It was a magic act.', score: 2.181818182, line: 2 });
  assert.deepEqual(r.pairs.at(-1), { word: 'yard', sentence1: 'They were big yards.', sentence2: 'They were cluttered yards.', score: 3.230769231, line: 673 });
  assert.equal(new Set(r.pairs.map((p) => p.word)).size, 112);
  assert.equal(r.dataset, 'raw_c');
  assert.match(r.checksum, /^[0-9a-f]{64}$/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { giveScratch, takeScratch } from '../../src/core/scratch.ts';

test('a given-back scratch array is handed out again for a request that fits it closely, as a view of the asked length', () => {
  const a = takeScratch('float64', 100_000);
  assert.ok(a instanceof Float64Array);
  assert.equal(a.length, 100_000);
  giveScratch(a);
  const b = takeScratch('float64', 80_000);
  assert.equal(b.buffer, a.buffer, 'reused');
  assert.equal(b.length, 80_000);
  // While b is out, a second request gets its own memory.
  const c = takeScratch('float64', 80_000);
  assert.notEqual(c.buffer, b.buffer);
  giveScratch(b);
  giveScratch(c);
});

test('scratch arrays keep their element type and are not reused for a much smaller request', () => {
  const a = takeScratch('float32', 200_000);
  assert.ok(a instanceof Float32Array);
  giveScratch(a);
  assert.notEqual(takeScratch('float64', 100_000).buffer, a.buffer, 'other type');
  assert.notEqual(takeScratch('float32', 50_000).buffer, a.buffer, 'over twice the request');
  assert.equal(takeScratch('float32', 150_000).buffer, a.buffer);
});

test('small scratch arrays are plain new arrays', () => {
  const a = takeScratch('float64', 10);
  giveScratch(a);
  assert.notEqual(takeScratch('float64', 10).buffer, a.buffer);
});

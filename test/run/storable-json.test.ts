import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromStorable, toStorable } from '../../src/run/storable-json.ts';

test('NaN and infinities survive a JSON round trip; typed arrays become arrays', () => {
  const value = { a: NaN, b: [1, Infinity, -Infinity], c: { d: 0.1 }, e: Float64Array.from([2, NaN]), f: undefined };
  const back = fromStorable(JSON.parse(JSON.stringify(toStorable(value)))) as Record<string, unknown>;
  assert.ok(Number.isNaN(back.a as number));
  assert.deepEqual(back.b, [1, Infinity, -Infinity]);
  assert.deepEqual(back.c, { d: 0.1 });
  assert.equal((back.e as number[])[0], 2);
  assert.ok(Number.isNaN((back.e as number[])[1]));
  assert.equal('f' in back, false);
});

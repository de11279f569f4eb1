import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/core/input-error.ts';
import { cacheKey, canonicalJson, sha256Bytes, sha256File } from '../../src/run/cache-key.ts';

// The sha256 literals below come from the shell, independently of the code:
//   printf '%s' '{"a":"x","b":"#f64:3ff0000000000000","c":[true,null]}' | sha256sum
//   printf '%s' '{"z":{"x":"##tag","y":"#f64:4000000000000000"}}' | sha256sum
//   printf '\x00\x00\x80\x3f\x00\x00\x00\x40' | sha256sum          (Float32Array [1, 2], little-endian)
//   printf '%s' '{"v":"#Float32Array:2:b9c8…1d37"}' | sha256sum    (with the full hash above)
//   printf 'abc' | sha256sum ; printf '' | sha256sum
const SHA_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const SHA_EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SHA_F32_1_2 = 'b9c80b5adeca450753a16950c3cc655d271f7bef7a485bc83f112b72fef21d37';

test('cacheKey is the sha256 of the canonical text, computed independently with sha256sum', () => {
  // float64 bits of 1 are 0x3ff0000000000000 and of 2 are 0x4000000000000000 (IEEE 754).
  assert.equal(canonicalJson({ b: 1, a: 'x', c: [true, null], d: undefined }), '{"a":"x","b":"#f64:3ff0000000000000","c":[true,null]}');
  assert.equal(cacheKey({ b: 1, a: 'x', c: [true, null], d: undefined }), '8f7bbf7cbcd3c35f05d2a5ebab9e8753b6bcd56daead9cfc87d704f81052f442');
  assert.equal(cacheKey({ z: { y: 2, x: '#tag' } }), '7f6e5466cca14e9340a076dc21f4d5807e609d2f06f95ef14194c99e2e335881');
  assert.equal(canonicalJson({ v: new Float32Array([1, 2]) }), `{"v":"#Float32Array:2:${SHA_F32_1_2}"}`);
  assert.equal(cacheKey({ v: new Float32Array([1, 2]) }), '5d5002d80152e0555ca6bb2403fb11c4ba59ece76ddfe3a3cdeb7485016d7d9f');
});

test('key order does not matter, at any depth', () => {
  const a = cacheKey({ model: 'glove', params: { alpha: [1, 10], folds: 5, seed: 0 }, data: { id: 'simlex', sha: 'abc' } });
  const b = cacheKey({ data: { sha: 'abc', id: 'simlex' }, params: { seed: 0, folds: 5, alpha: [1, 10] }, model: 'glove' });
  assert.equal(a, b);
  assert.match(a, /^[0-9a-f]{64}$/);
});

test('different values give different keys', () => {
  const keys = [
    cacheKey({ x: 0.1 + 0.2 }),
    cacheKey({ x: 0.3 }),
    cacheKey({ x: 0 }),
    cacheKey({ x: -0 }),
    cacheKey({ x: '0' }),
    cacheKey({ x: null }),
    cacheKey({ x: false }),
    cacheKey({ x: [1, 2] }),
    cacheKey({ x: [2, 1] }),
    cacheKey({ x: new Float32Array([1, 2]) }),
    cacheKey({ x: new Float64Array([1, 2]) }),
    cacheKey({ x: new Float32Array([1, 3]) }),
    cacheKey({ x: '#f64:3ff0000000000000' }), // a string that looks like the tag of the number 1
    cacheKey({ x: 1 }),
    cacheKey({ x: 1n }),
    cacheKey({ y: 1 }),
    cacheKey({ x: { a: 1 } }),
    cacheKey({ x: Infinity }),
    cacheKey({ x: -Infinity }),
    cacheKey({ x: NaN }),
  ];
  assert.equal(new Set(keys).size, keys.length);
  // 0.1 + 0.2 is 0x3fd3333333333334, 0.3 is 0x3fd3333333333333.
  assert.equal(canonicalJson(0.1 + 0.2), '"#f64:3fd3333333333334"');
  assert.equal(canonicalJson(0.3), '"#f64:3fd3333333333333"');
  assert.equal(canonicalJson(-0), '"#f64:8000000000000000"');
});

test('undefined fields are dropped; NaNs are one value; a Buffer hashes like a Uint8Array', () => {
  assert.equal(cacheKey({ a: 1, b: undefined }), cacheKey({ a: 1 }));
  assert.equal(canonicalJson([undefined, 1]), '[null,"#f64:3ff0000000000000"]');
  const payloadNaN = new Float64Array(new BigUint64Array([0x7ff8000000000001n]).buffer)[0];
  assert.equal(cacheKey({ x: payloadNaN }), cacheKey({ x: NaN }));
  assert.equal(cacheKey({ x: Buffer.from([1, 2, 3]) }), cacheKey({ x: new Uint8Array([1, 2, 3]) }));
  // A typed array is hashed by the bytes it views, not by its whole buffer.
  const big = new Float32Array([9, 1, 2, 9]);
  assert.equal(cacheKey({ v: big.subarray(1, 3) }), cacheKey({ v: new Float32Array([1, 2]) }));
});

test('functions, symbols, maps, sets and cycles are refused', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.throws(() => cacheKey({ f: () => 1 }), TypeError);
  assert.throws(() => cacheKey({ s: Symbol('x') }), TypeError);
  assert.throws(() => cacheKey({ m: new Map() }), TypeError);
  assert.throws(() => cacheKey({ s: new Set() }), TypeError);
  assert.throws(() => cacheKey(cyclic), /circular/);
  // The same object twice (not a cycle) is fine.
  const shared = { a: 1 };
  assert.equal(cacheKey({ p: shared, q: shared }), cacheKey({ p: { a: 1 }, q: { a: 1 } }));
});

test('sha256Bytes and sha256File match sha256sum', () => {
  assert.equal(sha256Bytes(Buffer.from('abc')), SHA_ABC);
  assert.equal(sha256Bytes(new Uint8Array(0)), SHA_EMPTY);
  assert.equal(sha256Bytes(new Float32Array([1, 2])), SHA_F32_1_2);
  assert.equal(sha256Bytes(new Float32Array([1, 2]).buffer), SHA_F32_1_2);
  const dir = mkdtempSync(join(tmpdir(), 'attune-key-'));
  try {
    writeFileSync(join(dir, 'abc.txt'), 'abc');
    assert.equal(sha256File(join(dir, 'abc.txt')), SHA_ABC);
    assert.throws(() => sha256File(join(dir, 'missing.txt')), (e: unknown) => e instanceof InputError && e.file === join(dir, 'missing.txt'));
    assert.throws(() => sha256File(dir), InputError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

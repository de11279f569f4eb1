import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PIL_RESAMPLE, resizeLikePillow } from '../../src/core/image-resample.ts';

// Expected values: test/fixtures/resample/resample_expected.py (Pillow 9.4's Image.resize).
const expected = JSON.parse(readFileSync(new URL('../fixtures/resample/resample_expected.json', import.meta.url), 'utf8')) as {
  cases: { w: number; h: number; ow: number; oh: number; filter: number; seed: number; sha256: string; head: number[] }[];
};

/** The fixture's seeded picture: s ← s·48271 mod (2³¹ − 1), each byte s mod 256. */
function picture(w: number, h: number, seed: number): Uint8Array {
  const out = new Uint8Array(w * h * 3);
  let s = seed;
  for (let k = 0; k < out.length; k++) {
    s = (s * 48271) % 2147483647;
    out[k] = s % 256;
  }
  return out;
}

test('every filter, reducing and enlarging, gives exactly Pillow\u2019s bytes', () => {
  assert.ok(expected.cases.length >= 180);
  const counts = new Map<string, number>();
  for (const c of expected.cases) {
    const filter = PIL_RESAMPLE[c.filter];
    const out = resizeLikePillow({ width: c.w, height: c.h, data: picture(c.w, c.h, c.seed) }, c.ow, c.oh, filter);
    assert.deepEqual([out.width, out.height], [c.ow, c.oh]);
    assert.deepEqual(Array.from(out.data.subarray(0, 6)), c.head.slice(0, Math.min(6, out.data.length)), `${JSON.stringify(c)}`);
    assert.equal(createHash('sha256').update(out.data).digest('hex'), c.sha256, `${c.w}×${c.h} → ${c.ow}×${c.oh} ${filter}`);
    counts.set(filter, (counts.get(filter) ?? 0) + 1);
  }
  assert.deepEqual([...counts.keys()].sort(), [...PIL_RESAMPLE].sort());
});

test('an unchanged size is the same picture; bad sizes are refused', () => {
  const image = { width: 3, height: 2, data: picture(3, 2, 1) };
  assert.equal(resizeLikePillow(image, 3, 2, 'bicubic'), image);
  assert.throws(() => resizeLikePillow(image, 0, 2, 'bilinear'), /sizes must be whole numbers ≥ 1/);
  assert.throws(() => resizeLikePillow(image, 2.5, 2, 'bilinear'), /sizes must be whole numbers ≥ 1/);
});

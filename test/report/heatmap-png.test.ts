import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, inflateSync } from 'node:zlib';
import { heatmapPng } from '../../src/report/heatmap-png.ts';

/** The chunks of a PNG, each CRC checked with node:zlib's crc32. */
function chunks(png: Buffer): Map<string, Buffer> {
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  const out = new Map<string, Buffer>();
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('ascii');
    const data = png.subarray(at + 8, at + 8 + length);
    assert.equal(png.readUInt32BE(at + 8 + length), crc32(png.subarray(at + 4, at + 8 + length)), `CRC of ${type}`);
    out.set(type, data);
    at += 12 + length;
  }
  return out;
}

test('heatmapPng: a valid RGB PNG; diagonal white, off-diagonal by percentile (lowest dark blue, highest yellow), reordered', () => {
  // 3×3 with distances 1 (0–1), 2 (0–2), 3 (1–2); order [2, 0, 1]
  const m = [0, 1, 2, 1, 0, 3, 2, 3, 0];
  const c = chunks(heatmapPng(m, 3, [2, 0, 1], 1));
  const ihdr = c.get('IHDR')!;
  assert.equal(ihdr.readUInt32BE(0), 3);
  assert.equal(ihdr.readUInt32BE(4), 3);
  assert.deepEqual([...ihdr.subarray(8)], [8, 2, 0, 0, 0]);
  const raw = inflateSync(c.get('IDAT')!);
  const pixel = (y: number, x: number) => [...raw.subarray(y * 10 + 1 + x * 3, y * 10 + 4 + x * 3)];
  assert.equal(raw[0], 0);
  assert.deepEqual(pixel(0, 0), [255, 255, 255]); // (2,2)
  assert.deepEqual(pixel(1, 2), [48, 18, 59]); // (0,1) = 1: the smallest of the off-diagonal values
  assert.deepEqual(pixel(0, 2), [250, 230, 40]); // (2,1) = 3: the largest
  assert.ok(c.has('IEND'));
});

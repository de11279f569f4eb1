import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, inflateSync } from 'node:zlib';
import { encodePng } from '../../src/report/png.ts';

test('encodePng: signature, IHDR, CRCs (checked with zlib.crc32), one unfiltered row per scanline', () => {
  // 3 wide, 2 high: red green blue / white black grey.
  const rgb = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 128, 128, 128]);
  const png = encodePng(rgb, 3, 2);
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  const types: string[] = [];
  let idat: Buffer = Buffer.alloc(0);
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('ascii');
    types.push(type);
    assert.equal(png.readUInt32BE(at + 8 + length), crc32(png.subarray(at + 4, at + 8 + length)), type);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') assert.deepEqual([...data], [0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
    if (type === 'IDAT') idat = data;
    at += 12 + length;
  }
  assert.deepEqual(types, ['IHDR', 'IDAT', 'IEND']);
  assert.deepEqual([...inflateSync(idat)], [0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 255, 255, 255, 0, 0, 0, 128, 128, 128]);
});

test('encodePng: a byte count that does not match the size is refused', () => {
  assert.throws(() => encodePng(new Uint8Array(5), 1, 2), /expected 6 bytes for 1×2 RGB, got 5/);
  assert.throws(() => encodePng(new Uint8Array(0), 0, 0), /positive integers/);
});

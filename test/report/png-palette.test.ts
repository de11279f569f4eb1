// The palette PNG the report's heatmaps use: IHDR colour type 3, a PLTE chunk of the colours, one index byte a pixel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, inflateSync } from 'node:zlib';
import { encodePalettePng } from '../../src/report/png.ts';

test('encodePalettePng: IHDR, PLTE, IDAT, IEND with valid CRCs; indices as the pixels', () => {
  const png = encodePalettePng(Uint8Array.from([0, 1, 1, 0]), [[255, 0, 0], [0, 0, 255]], 2, 2);
  const chunks: [string, Buffer][] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('ascii');
    assert.equal(png.readUInt32BE(at + 8 + length), crc32(png.subarray(at + 4, at + 8 + length)), type);
    chunks.push([type, png.subarray(at + 8, at + 8 + length)]);
    at += 12 + length;
  }
  assert.deepEqual(chunks.map(([t]) => t), ['IHDR', 'PLTE', 'IDAT', 'IEND']);
  assert.deepEqual([...chunks[0][1]], [0, 0, 0, 2, 0, 0, 0, 2, 8, 3, 0, 0, 0]);
  assert.deepEqual([...chunks[1][1]], [255, 0, 0, 0, 0, 255]);
  assert.deepEqual([...inflateSync(chunks[2][1])], [0, 0, 1, 0, 1, 0]);
});

test('encodePalettePng: an index outside the palette, a wrong count or an empty palette is refused', () => {
  assert.throws(() => encodePalettePng(Uint8Array.from([0, 2]), [[0, 0, 0], [1, 1, 1]], 2, 1), /index 2 at 1 is outside the 2-colour palette/);
  assert.throws(() => encodePalettePng(Uint8Array.from([0]), [[0, 0, 0]], 2, 1), /expected 2 indices/);
  assert.throws(() => encodePalettePng(Uint8Array.from([0]), [], 1, 1), /1 to 256 colours/);
});

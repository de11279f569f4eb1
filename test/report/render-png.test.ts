import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderPng } from '../../src/report/render-png.ts';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, which the PNG format puts first, right after the signature. */
function ihdr(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  assert.equal(new TextDecoder().decode(png.subarray(12, 16)), 'IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const svg = (text: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">` +
  `<rect x="10" y="10" width="50" height="20" fill="#4c78a8"/>` +
  `<text x="20" y="80" font-family="sans-serif" font-size="20px">${text}</text></svg>`;

test('renderPng: PNG signature, and the SVG size by default', () => {
  const png = renderPng(svg('Score'));
  assert.deepEqual([...png.subarray(0, 8)], SIGNATURE);
  assert.deepEqual(ihdr(png), { width: 200, height: 100 });
});

test('renderPng: scaled to the requested width, keeping the aspect ratio', () => {
  assert.deepEqual(ihdr(renderPng(svg('Score'), { width: 640 })), { width: 640, height: 320 });
  assert.deepEqual(ihdr(renderPng(svg('Score'), { width: 50 })), { width: 50, height: 25 });
});

test('renderPng: text is drawn (a system font serves sans-serif; needs e.g. Debian fonts-dejavu-core)', () => {
  const withText = renderPng(svg('Score'));
  const without = renderPng(svg(''));
  assert.notDeepEqual(withText, without, 'no font found: text would be missing from the PNG plots');
});

// A minimal PNG encoder (no canvas, no dependency): 8-bit RGB or palette rows, zlib from node, the chunks written by hand.
import { deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

function checkSize(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`encodePng: width and height must be positive integers, got ${width}×${height}`);
  }
}

/** PNG bytes of an RGB image: `rgb` holds width·height·3 bytes, row-major, top row first. */
export function encodePng(rgb: Uint8Array, width: number, height: number): Buffer {
  checkSize(width, height);
  if (rgb.length !== width * height * 3) {
    throw new RangeError(`encodePng: expected ${width * height * 3} bytes for ${width}×${height} RGB, got ${rgb.length}`);
  }
  return pngFile(width, height, 2, rgb, 3);
}

/** PNG bytes of a palette image: `indices` holds width·height bytes, each an entry of `palette` (at most 256 RGB colours). */
export function encodePalettePng(indices: Uint8Array, palette: readonly (readonly [number, number, number])[], width: number, height: number): Buffer {
  checkSize(width, height);
  if (palette.length < 1 || palette.length > 256) throw new RangeError(`encodePalettePng: 1 to 256 colours, got ${palette.length}`);
  if (indices.length !== width * height) throw new RangeError(`encodePalettePng: expected ${width * height} indices for ${width}×${height}, got ${indices.length}`);
  const outside = indices.findIndex((k) => k >= palette.length);
  if (outside >= 0) throw new RangeError(`encodePalettePng: index ${indices[outside]} at ${outside} is outside the ${palette.length}-colour palette`);
  return pngFile(width, height, 3, indices, 1, Buffer.from(palette.flat()));
}

/** The file: IHDR (8-bit depth, the colour type), PLTE when given, one IDAT of unfiltered scanlines, IEND. */
function pngFile(width: number, height: number, colourType: 2 | 3, pixels: Uint8Array, bytesPerPixel: number, plte?: Buffer): Buffer {
  const stride = width * bytesPerPixel;
  const raw = Buffer.alloc(height * (1 + stride));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + stride)] = 0; // filter: none
    raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (1 + stride) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, colourType, 0, 0, 0], 8); // 8-bit depth, colour type, deflate, no filter method, no interlace
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    ...(plte ? [chunk('PLTE', plte)] : []),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** One PNG chunk: length, type, data, and the CRC-32 of type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  let crc = 0xffffffff;
  for (const byte of body) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0, 8 + data.length);
  return out;
}

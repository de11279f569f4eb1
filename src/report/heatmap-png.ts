// A square matrix as a small PNG heatmap (no canvas: raw RGB rows, zlib, the PNG chunks by hand), for
// RDMs in the report. Values are shown by their percentile among the upper-triangle cells, as rsatoolbox
// shows RDMs, on a blue (similar) to yellow (dissimilar) scale.
import { deflateSync } from 'node:zlib';

const STOPS: [number, number, number][] = [[48, 18, 59], [50, 101, 204], [26, 184, 158], [158, 218, 58], [250, 230, 40]];

/** PNG bytes of an n×n matrix (row-major) reordered by `order`, each cell `scale`×`scale` pixels. */
export function heatmapPng(values: ArrayLike<number>, n: number, order: readonly number[], scale = 3): Buffer {
  const off: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off.push(values[i * n + j]); // upper triangle (RDMs are symmetric)
  off.sort((a, b) => a - b);
  const percentile = (v: number) => {
    let lo = 0;
    let hi = off.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (off[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return off.length > 1 ? lo / (off.length - 1) : 0;
  };
  const size = n * scale;
  const raw = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const rowStart = y * (1 + size * 3);
    raw[rowStart] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const i = order[Math.floor(y / scale)];
      const j = order[Math.floor(x / scale)];
      const [r, g, b] = i === j ? [255, 255, 255] : colour(percentile(values[i * n + j]));
      raw.set([r, g, b], rowStart + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function colour(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const k = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - k;
  return [0, 1, 2].map((c) => Math.round(STOPS[k][c] + f * (STOPS[k + 1][c] - STOPS[k][c]))) as [number, number, number];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

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

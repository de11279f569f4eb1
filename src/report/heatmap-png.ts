// A square matrix as a small PNG heatmap (RGB pixels, encoded by ./png.ts), for
// RDMs in the report. Values are shown by their percentile among the upper-triangle cells, as rsatoolbox
// shows RDMs, on a blue (similar) to yellow (dissimilar) scale.
import { encodePng } from './png.ts';

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
  const rgb = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = order[Math.floor(y / scale)];
      const j = order[Math.floor(x / scale)];
      rgb.set(i === j ? [255, 255, 255] : colour(percentile(values[i * n + j])), (y * size + x) * 3);
    }
  }
  return encodePng(rgb, size, size);
}

function colour(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const k = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - k;
  return [0, 1, 2].map((c) => Math.round(STOPS[k][c] + f * (STOPS[k + 1][c] - STOPS[k][c]))) as [number, number, number];
}

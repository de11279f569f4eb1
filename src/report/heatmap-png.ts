// A square matrix as a small PNG heatmap (encoded by ./png.ts), for RDMs in the report. Values are shown by their
// percentile among the upper-triangle cells, as rsatoolbox shows RDMs, on a blue (similar) to yellow (dissimilar) scale.
import { encodePalettePng, encodePng } from './png.ts';

const STOPS: [number, number, number][] = [[48, 18, 59], [50, 101, 204], [26, 184, 158], [158, 218, 58], [250, 230, 40]];
const WHITE: [number, number, number] = [255, 255, 255];

/** The upper-triangle values of an n×n matrix (row-major), sorted ascending. */
export function offDiagonalSorted(values: ArrayLike<number>, n: number): number[] {
  const off: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off.push(values[i * n + j]);
  return off.sort((a, b) => a - b);
}

/** The percentile (0…1) of `v` among `sorted`: the share of values below it. */
export function percentileIn(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length > 1 ? lo / (sorted.length - 1) : 0;
}

/** The colour of percentile `t` (0…1): dark blue through green to yellow. */
export function heatmapColour(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const k = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - k;
  return [0, 1, 2].map((c) => Math.round(STOPS[k][c] + f * (STOPS[k + 1][c] - STOPS[k][c]))) as [number, number, number];
}

/** PNG bytes of an n×n matrix (row-major) reordered by `order`, each cell `scale`×`scale` pixels. */
export function heatmapPng(values: ArrayLike<number>, n: number, order: readonly number[], scale = 3): Buffer {
  const off = offDiagonalSorted(values, n);
  const size = n * scale;
  const rgb = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = order[Math.floor(y / scale)];
      const j = order[Math.floor(x / scale)];
      rgb.set(i === j ? WHITE : heatmapColour(percentileIn(off, values[i * n + j])), (y * size + x) * 3);
    }
  }
  return encodePng(rgb, size, size);
}

/**
 * A compact PNG of the same heatmap: one pixel per cell (draw it scaled up, pixelated), the percentile in `levels`
 * steps of a palette (indistinguishable from the full scale, a third of the bytes for a noisy RDM).
 */
export function heatmapPalettePng(values: ArrayLike<number>, n: number, order: readonly number[], levels = 64): Buffer {
  const off = offDiagonalSorted(values, n);
  const palette = [...Array.from({ length: levels }, (_, k) => heatmapColour(k / (levels - 1))), WHITE];
  const indices = new Uint8Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const [i, j] = [order[r], order[c]];
      indices[r * n + c] = i === j ? levels : Math.round(percentileIn(off, values[i * n + j]) * (levels - 1));
    }
  }
  return encodePalettePng(indices, palette, n, n);
}

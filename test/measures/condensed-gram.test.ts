import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matrix } from '../../src/core/matrix.ts';
import { condensedFromGram, condensedGram } from '../../src/measures/condensed-gram.ts';

function seeded(rows: number, cols: number, seed: number) {
  let s = seed >>> 0;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = s / 2 ** 32 - 0.5;
  }
  return matrix(rows, cols, data);
}

/** xᵢ·xⱼ by a plain loop, the independent check. */
function dot(x: ReturnType<typeof seeded>, i: number, j: number): number {
  let s = 0;
  for (let c = 0; c < x.cols; c++) s += x.data[i * x.cols + c] * x.data[j * x.cols + c];
  return s;
}

test('condensedFromGram writes f(xᵢ·xⱼ, ‖xᵢ‖², ‖xⱼ‖²) for every i < j in condensed order, panels in any number', async () => {
  // 600 rows: three panels of 256 on either backend (the ORT one only above its size threshold, so forced here).
  for (const [n, p] of [[600, 40], [9, 3]] as const) {
    const x = seeded(n, p, n);
    for (const backend of ['ts', 'ort'] as const) {
      const diagonal = new Float64Array(n);
      const out = await condensedFromGram(x, (i, panel, from, dst, start, count) => {
        for (let t = 0; t < count; t++) dst[start + t] = diagonal[i] + diagonal[i + 1 + t] - 2 * panel[from + t];
      }, backend, diagonal);
      let k = 0;
      for (let i = 0; i < n; i++) {
        assert.ok(Math.abs(diagonal[i] - dot(x, i, i)) <= 1e-13 * dot(x, i, i), `${backend} diagonal ${i}`);
        for (let j = i + 1; j < n; j++, k++) {
          const want = dot(x, i, i) + dot(x, j, j) - 2 * dot(x, i, j);
          assert.ok(Math.abs(out[k] - want) <= 1e-12 * (dot(x, i, i) + dot(x, j, j)), `${backend} ${n}: ${i},${j}`);
        }
      }
      assert.equal(k, out.length);
      // Without a diagonal the plain products, as condensedGram gives them.
      const plain = await condensedFromGram(x, (_i, panel, from, dst, start, count) => dst.set(panel.subarray(from, from + count), start), backend);
      assert.deepEqual(plain, (await condensedGram(x, backend)).cross);
    }
  }
});

// The strict upper triangle of X·Xᵀ (condensed order) and its diagonal, from gram panels: the whole n×n product
// never exists. For shifted features, accumulated over column chunks, so no shifted copy of the whole input exists.
import { gramPanels, type Backend } from '../core/gemm.ts';
import { matrix, type Matrix } from '../core/matrix.ts';
import { shiftColumns, type ShiftPlan } from './feature-offset.ts';
import { pairCount } from './rdm-vector.ts';

/** X·Xᵀ off the diagonal (strict upper triangle, condensed order) and on it. */
export interface CondensedGram {
  cross: Float64Array;
  diagonal: Float64Array;
}

/** Elements of one column chunk of the shifted features: a quarter of the input, at most 2^21 (16 MiB of float64), at least 2^18. */
function chunkElements(n: number, p: number): number {
  return Math.min(1 << 21, Math.max(1 << 18, Math.ceil((n * p) / 4)));
}

/** X·Xᵀ as a condensed vector and a diagonal; the memory beyond the input is those plus one panel. */
export async function condensedGram(x: Matrix, backend?: Backend): Promise<CondensedGram> {
  const out = { cross: new Float64Array(pairCount(x.rows)), diagonal: new Float64Array(x.rows) };
  await addGram(x, out, false, backend);
  return out;
}

/**
 * The condensed Gram of the shifted features x·2^e − shift (see planShift), summed over chunks of columns: the
 * memory beyond the input is one chunk (a quarter of the input, ≤ 16 MiB, reused), the condensed vector and one panel.
 */
export async function condensedGramShifted(x: Matrix, plan: ShiftPlan, backend?: Backend): Promise<CondensedGram> {
  const { rows: n, cols: p } = x;
  const width = Math.min(p, Math.max(1, Math.floor(chunkElements(n, p) / n)));
  const buffer = x.data instanceof Float32Array ? new Float32Array(n * width) : new Float64Array(n * width);
  const out = { cross: new Float64Array(pairCount(n)), diagonal: new Float64Array(n) };
  for (let c0 = 0; c0 < p; c0 += width) {
    const c1 = Math.min(p, c0 + width);
    const chunk = buffer.subarray(0, n * (c1 - c0));
    shiftColumns(x, plan, c0, c1, chunk);
    await addGram(matrix(n, c1 - c0, chunk), out, c0 > 0, backend);
  }
  return out;
}

/**
 * Row i of the strict upper triangle of X·Xᵀ, panel[from + t] = (X·Xᵀ)ᵢ,ᵢ₊₁₊ₜ for t < count, to be turned into the
 * condensed entries out[start + t] (the panel is reused: read it, never keep it).
 */
export type CondensedRowWriter = (i: number, panel: Float64Array | Float32Array, from: number, out: Float64Array, start: number, count: number) => void;

/**
 * A condensed vector written row by row from the Gram panels as they arrive (`write` maps the products to the
 * entries, e.g. 1 − r), so the raw products are never stored and read back in a second pass over n² memory.
 * With `diagonal` (n values), the panels come last first and the diagonal of X·Xᵀ is filled in before any row
 * is written that reaches it, so `write` may read diagonal[j] for every j > i.
 */
export async function condensedFromGram(x: Matrix, write: CondensedRowWriter, backend?: Backend, diagonal?: Float64Array): Promise<Float64Array> {
  const n = x.rows;
  const out = new Float64Array(pairCount(n));
  await gramPanels(x, (panel, r0, rows, c0, cols) => {
    if (diagonal) for (let r = 0; r < rows; r++) diagonal[r0 + r] = panel[r * cols - c0 + r0 + r];
    for (let r = 0; r < rows; r++) {
      const i = r0 + r;
      if (i + 1 < n) write(i, panel, r * cols - c0 + i + 1, out, i * n - (i * (i + 1)) / 2, n - i - 1);
    }
  }, { backend, bottomUp: diagonal !== undefined });
  return out;
}

/** Write (or, with `accumulate`, add) X·Xᵀ into a condensed Gram, panel by panel. */
async function addGram(x: Matrix, out: CondensedGram, accumulate: boolean, backend?: Backend): Promise<void> {
  const n = x.rows;
  const { cross, diagonal } = out;
  await gramPanels(x, (panel, r0, rows, c0, cols) => {
    for (let r = 0; r < rows; r++) {
      const i = r0 + r;
      const base = r * cols - c0;
      const start = i * n - (i * (i + 1)) / 2;
      if (!accumulate) {
        diagonal[i] = panel[base + i];
        if (i + 1 < n) cross.set(panel.subarray(base + i + 1, base + n), start);
        continue;
      }
      diagonal[i] += panel[base + i];
      for (let j = i + 1; j < n; j++) cross[start + j - i - 1] += panel[base + j];
    }
  }, { backend });
}

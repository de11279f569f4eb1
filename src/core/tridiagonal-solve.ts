// Shifted tridiagonal solves: (T + αI)·x = b by LDLᵀ in O(m) per right-hand side, for many alphas at once.
import type { TridiagonalForm } from './tridiagonal-blocked.ts';

/** LDLᵀ of T + αI as pivots D (m), off-diagonal e, and 1/D; null when T + αI is not numerically positive definite. */
export interface ShiftedFactor {
  pivots: Float64Array;
  inversePivots: Float64Array;
  offDiagonal: Float64Array;
  /** l_i = e_i / D_i. */
  multipliers: Float64Array;
}

/** LDLᵀ factors of T + αI; null when T + αI is not numerically positive definite (alpha too small for T's scale). */
export function shiftedTridiagonalFactor(form: TridiagonalForm, alpha: number): ShiftedFactor | null {
  const { diagonal: dg, offDiagonal: off } = form;
  const m = dg.length;
  const pivots = new Float64Array(m);
  const inversePivots = new Float64Array(m);
  const multipliers = new Float64Array(Math.max(0, m - 1));
  let scale = 0;
  for (let i = 0; i < m; i++) scale = Math.max(scale, Math.abs(dg[i]) + (i > 0 ? Math.abs(off[i - 1]) : 0) + (i < m - 1 ? Math.abs(off[i]) : 0));
  const floor = scale * m * 2 ** -52;
  if (m > 0) pivots[0] = dg[0] + alpha;
  for (let i = 1; i < m; i++) {
    const l = off[i - 1] / pivots[i - 1];
    multipliers[i - 1] = l;
    pivots[i] = dg[i] + alpha - l * off[i - 1];
  }
  for (let i = 0; i < m; i++) {
    if (!(pivots[i] > floor) || !Number.isFinite(pivots[i])) return null;
    inversePivots[i] = 1 / pivots[i];
  }
  return { pivots, inversePivots, offDiagonal: off, multipliers };
}

/**
 * Solve (T + αI)·Z = B on the column block [c0, c0 + cols) of a row-major array with rows of length
 * `stride` (m rows), in two sweeps: v = D⁻¹L⁻¹b forward (v_i = (b_i − e_{i−1}v_{i−1})/D_i, as
 * l_{i−1}·D_{i−1} = e_{i−1}), then x = L⁻ᵀv backward. In place, or from `source` (same layout) into b.
 */
export function solveShiftedTridiagonal(
  factor: ShiftedFactor,
  b: Float64Array,
  stride: number,
  c0 = 0,
  cols = stride,
  source: Float64Array = b,
): void {
  const { inversePivots: inv, offDiagonal: off, multipliers } = factor;
  const m = inv.length;
  if (m === 0) return;
  const end0 = c0 + cols;
  const d0 = inv[0];
  for (let j = c0; j < end0; j++) b[j] = source[j] * d0;
  for (let i = 1; i < m; i++) {
    const e = off[i - 1];
    const di = inv[i];
    const cur = i * stride + c0;
    const prev = cur - stride;
    for (let j = 0; j < cols; j++) b[cur + j] = (source[cur + j] - e * b[prev + j]) * di;
  }
  for (let i = m - 2; i >= 0; i--) {
    const l = multipliers[i];
    const cur = i * stride + c0;
    const next = cur + stride;
    for (let j = 0; j < cols; j++) b[cur + j] -= l * b[next + j];
  }
}

/**
 * G = D^(−1/2)·L⁻¹·B for an m × cols row-major block (in place, or from `source` into b), so that
 * Bᵀ(T + αI)⁻¹B = GᵀG. One forward sweep: g_i = (b_i − (e_{i−1}/√D_{i−1})·g_{i−1})/√D_i.
 */
export function halfSolveShiftedTridiagonal(factor: ShiftedFactor, b: Float64Array, cols: number, source: Float64Array = b): void {
  const { inversePivots: inv, offDiagonal: off } = factor;
  const m = inv.length;
  if (m === 0) return;
  let prevRoot = Math.sqrt(inv[0]);
  for (let j = 0; j < cols; j++) b[j] = source[j] * prevRoot;
  for (let i = 1; i < m; i++) {
    const coupling = off[i - 1] * prevRoot;
    const root = Math.sqrt(inv[i]);
    const cur = i * cols;
    const prev = cur - cols;
    for (let j = 0; j < cols; j++) b[cur + j] = (source[cur + j] - coupling * b[prev + j]) * root;
    prevRoot = root;
  }
}

/**
 * Finish a half solve: from G = D^(−1/2)·L⁻¹·B (halfSolveShiftedTridiagonal, m × cols row-major) write
 * (T + αI)⁻¹·B = L⁻ᵀ·D^(−1/2)·G into out (which may be g itself), in one backward sweep.
 */
export function completeHalfSolve(factor: ShiftedFactor, g: Float64Array, cols: number, out: Float64Array = g): void {
  const { inversePivots: inv, multipliers } = factor;
  const m = inv.length;
  if (m === 0) return;
  const lastRoot = Math.sqrt(inv[m - 1]);
  const last = (m - 1) * cols;
  for (let j = 0; j < cols; j++) out[last + j] = g[last + j] * lastRoot;
  for (let i = m - 2; i >= 0; i--) {
    const root = Math.sqrt(inv[i]);
    const l = multipliers[i];
    const cur = i * cols;
    const next = cur + cols;
    for (let j = 0; j < cols; j++) out[cur + j] = g[cur + j] * root - l * out[next + j];
  }
}

/** Solve (T + αI)·z = b in place for the listed columns of a row-major m × stride array (columns in any order). */
export function solveShiftedTridiagonalColumns(factor: ShiftedFactor, b: Float64Array, stride: number, columns: ArrayLike<number>): void {
  const { inversePivots: inv, offDiagonal: off, multipliers } = factor;
  const m = inv.length;
  const w = columns.length;
  if (m === 0 || w === 0) return;
  for (let k = 0; k < w; k++) b[columns[k]] *= inv[0];
  for (let i = 1; i < m; i++) {
    const e = off[i - 1];
    const di = inv[i];
    const cur = i * stride;
    const prev = cur - stride;
    for (let k = 0; k < w; k++) {
      const j = columns[k];
      b[cur + j] = (b[cur + j] - e * b[prev + j]) * di;
    }
  }
  for (let i = m - 2; i >= 0; i--) {
    const l = multipliers[i];
    const cur = i * stride;
    const next = cur + stride;
    for (let k = 0; k < w; k++) {
      const j = columns[k];
      b[cur + j] -= l * b[next + j];
    }
  }
}

// Matrix products: one entry point, two backends — onnxruntime-node for large products, TypeScript otherwise.
import type { Matrix } from './matrix.ts';
import { gramTs, matmulTs } from './gemm-ts.ts';
import { gramPanelPairsOrt, gramPanelsOrt, matmulOrt, panelStarts, type PanelPairVisitor, type PanelVisitor } from './gemm-ort.ts';
import { matrix } from './matrix.ts';

export type { PanelPairVisitor, PanelVisitor };

/** 'ts' is the cache-blocked TypeScript kernel; 'ort' is onnxruntime-node. */
export type Backend = 'ts' | 'ort';

export interface MatmulOptions {
  transA?: boolean;
  transB?: boolean;
  /** Force a backend for this call (otherwise ATTUNE_BACKEND, then size decides). */
  backend?: Backend;
  /** A pre-allocated float64 array of the product's size that receives it (the caller keeps no new array). */
  out?: Float64Array;
}

/** Below this many multiply-adds the TypeScript kernel wins over a session call. */
const ORT_MIN_WORK = 2e6;

/** The backend a product of `work` multiply-adds runs on: the explicit choice, ATTUNE_BACKEND, or size. */
export function chooseBackend(work: number, explicit?: Backend): Backend {
  if (explicit) return explicit;
  const env = process.env.ATTUNE_BACKEND;
  if (env === 'ts' || env === 'ort') return env;
  if (env) throw new Error(`ATTUNE_BACKEND must be 'ts' or 'ort', got '${env}'`);
  return work >= ORT_MIN_WORK ? 'ort' : 'ts';
}

function shapeOf(m: Matrix, trans: boolean): [number, number] {
  return trans ? [m.cols, m.rows] : [m.rows, m.cols];
}

/** C = op(A)·op(B); float64 inputs give float64 results on either backend; float32 pairs may compute in float32 on ORT. */
export async function matmul(a: Matrix, b: Matrix, options: MatmulOptions = {}): Promise<Matrix> {
  const [m, k] = shapeOf(a, !!options.transA);
  const [k2, n] = shapeOf(b, !!options.transB);
  if (k !== k2) throw new RangeError(`matmul: inner dimensions differ (${m}×${k} · ${k2}×${n})`);
  const backend = chooseBackend(m * n * k, options.backend);
  const { out } = options;
  if (out && out.length !== m * n) throw new RangeError(`matmul: out must hold ${m}×${n} values, has ${out.length}`);
  if (backend === 'ts' || m === 0 || n === 0 || k === 0) {
    const c = matmulTs(a, b, options.transA, options.transB);
    if (!out) return c;
    out.set(c.data);
    return matrix(m, n, out);
  }
  if (out && a.data instanceof Float32Array && b.data instanceof Float32Array) {
    const c = await matmulOrt(a, b, options.transA, options.transB);
    out.set(c.data);
    return matrix(m, n, out);
  }
  return matmulOrt(a, b, options.transA, options.transB, out);
}

/** C = op(A)·op(B) synchronously on the TypeScript kernel (small products, inner loops). */
export function matmulSync(a: Matrix, b: Matrix, options: { transA?: boolean; transB?: boolean } = {}): Matrix {
  return matmulTs(a, b, options.transA, options.transB);
}

/**
 * Rows per panel of a symmetric product: small enough to bound memory and the work spent below the diagonal
 * (each panel's diagonal block is computed whole: with 4 or more panels that is at most 1/8 beyond half the
 * product), large enough for GEMM speed. Measured on 500×4096 float64 (CPU ms, medians of 9): one 500-row panel
 * 41, 256 rows 29, 125 rows 27; on 2000×4096, 256 rows is as fast as 128 or 192.
 */
function panelRowsFor(n: number): number {
  return n <= 128 ? n : Math.min(256, Math.ceil(n / 4));
}

export interface GramPanelOptions {
  backend?: Backend;
  panelRows?: number;
  /**
   * Visit the last panel first: when a panel arrives, the diagonal of every row it reaches (its own and those
   * below) has then been visited, for visitors that need ‖xⱼ‖² beside xᵢ·xⱼ.
   */
  bottomUp?: boolean;
}

/**
 * X·Xᵀ visited as upper panels (rows r0..r1 against columns r0..n), never holding the whole n×n product:
 * the way measures that only need sums or neighbours over the Gram matrix stay within memory.
 */
export async function gramPanels(x: Matrix, visit: PanelVisitor, options: GramPanelOptions = {}): Promise<void> {
  const n = x.rows;
  if (n === 0) return;
  const panelRows = Math.max(1, options.panelRows ?? panelRowsFor(n));
  const backend = chooseBackend(n * n * x.cols * 0.5, options.backend);
  if (backend === 'ort' && x.cols > 0) return gramPanelsOrt(x, panelRows, visit, options.bottomUp);
  const p = x.cols;
  for (const r0 of panelStarts(n, panelRows, options.bottomUp)) {
    const r1 = Math.min(n, r0 + panelRows);
    const left = matrix(r1 - r0, p, x.data.subarray(r0 * p, r1 * p));
    const right = matrix(n - r0, p, x.data.subarray(r0 * p, n * p));
    visit(matmulTs(left, right, false, true).data, r0, r1 - r0, r0, n - r0);
  }
}

/**
 * X·Xᵀ and Y·Yᵀ (same rows) visited as pairs of upper panels over the same rows and columns, never holding
 * either product whole: for measures that combine two Gram matrices entry by entry (linear CKA).
 */
export async function gramPanelPairs(x: Matrix, y: Matrix, visit: PanelPairVisitor, options: { backend?: Backend; panelRows?: number } = {}): Promise<void> {
  const n = x.rows;
  if (y.rows !== n) throw new RangeError(`gramPanelPairs: X has ${n} rows, Y has ${y.rows}`);
  if (n === 0) return;
  const panelRows = Math.max(1, options.panelRows ?? panelRowsFor(n));
  const backend = chooseBackend(n * n * (x.cols + y.cols) * 0.5, options.backend);
  if (backend === 'ort' && x.cols > 0 && y.cols > 0) return gramPanelPairsOrt(x, y, panelRows, visit);
  const upperPanel = (m: Matrix, r0: number, r1: number) =>
    matmulTs(matrix(r1 - r0, m.cols, m.data.subarray(r0 * m.cols, r1 * m.cols)), matrix(n - r0, m.cols, m.data.subarray(r0 * m.cols, n * m.cols)), false, true).data;
  for (let r0 = 0; r0 < n; r0 += panelRows) {
    const r1 = Math.min(n, r0 + panelRows);
    visit(upperPanel(x, r0, r1), upperPanel(y, r0, r1), r0, r1 - r0, r0, n - r0);
  }
}

/** X·Xᵀ with only the upper triangle (diagonal included) filled, float64 n×n: for measures that read i ≤ j only. */
export async function gramUpper(x: Matrix, options: { backend?: Backend } = {}): Promise<Matrix> {
  const n = x.rows;
  const g = new Float64Array(n * n);
  await gramPanels(x, (panel, r0, rows, c0, cols) => {
    for (let t = 0; t < rows; t++) {
      const i = r0 + t;
      g.set(panel.subarray(t * cols + (i - c0), (t + 1) * cols), i * n + i);
    }
  }, options);
  return matrix(n, n, g);
}

/** Copy the upper triangle of a square float64 matrix onto its lower triangle, tile by tile for the cache. */
export function mirrorUpper(g: Float64Array, n: number): void {
  const T = 64;
  for (let i0 = 0; i0 < n; i0 += T) {
    const i1 = Math.min(n, i0 + T);
    for (let j0 = i0; j0 < n; j0 += T) {
      const j1 = Math.min(n, j0 + T);
      for (let i = i0; i < i1; i++) {
        for (let j = Math.max(j0, i + 1); j < j1; j++) g[j * n + i] = g[i * n + j];
      }
    }
  }
}

/** The Gram matrix X·Xᵀ (n×n, symmetric, float64), assembled from the upper panels. */
export async function gram(x: Matrix, options: { backend?: Backend } = {}): Promise<Matrix> {
  const n = x.rows;
  if (n > 0 && x.cols > 0 && chooseBackend(n * n * x.cols * 0.5, options.backend) === 'ts') return gramTs(x);
  const g = await gramUpper(x, options);
  mirrorUpper(g.data as Float64Array, n);
  return g;
}

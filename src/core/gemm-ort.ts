// The onnxruntime-node GEMM backend: Gemm graphs built in process, float64 or float32 end to end.
import { matrix, type Matrix } from './matrix.ts';
import { buildModel, cachedSession, runSession, tensor, type ElementType } from './onnx-graph.ts';
import { giveScratch, takeScratch } from './scratch.ts';

function elementType(m: Matrix): ElementType {
  return m.data instanceof Float32Array ? 'float32' : 'float64';
}

function asFloat64(m: Matrix): Matrix {
  return m.data instanceof Float64Array ? m : matrix(m.rows, m.cols, Float64Array.from(m.data));
}

/**
 * C = op(A)·op(B) on onnxruntime; float32 only when both inputs are float32. `out`, when given, is a
 * pre-allocated array of C's element type and size that receives the product (so the caller holds no new
 * array; onnxruntime-node 1.30 still hands back a transient copy of every output, pre-allocated or not).
 */
export async function matmulOrt(a: Matrix, b: Matrix, transA = false, transB = false, out?: Float64Array | Float32Array): Promise<Matrix> {
  const mixed = elementType(a) !== elementType(b);
  const left = mixed ? asFloat64(a) : a;
  const right = mixed ? asFloat64(b) : b;
  const type = elementType(left);
  const key = `gemm:${type}:${transA ? 1 : 0}${transB ? 1 : 0}`;
  const session = await cachedSession(key, () =>
    buildModel(
      [{ op: 'Gemm', inputs: ['A', 'B'], outputs: ['C'], attributes: { transA: transA ? 1 : 0, transB: transB ? 1 : 0 } }],
      [{ name: 'A', type, rank: 2 }, { name: 'B', type, rank: 2 }],
      [{ name: 'C', type, rank: 2 }],
    ),
  );
  const feeds = { A: tensor(left.data, [left.rows, left.cols]), B: tensor(right.data, [right.rows, right.cols]) };
  if (out !== undefined) {
    const m = transA ? left.cols : left.rows;
    const n = transB ? right.rows : right.cols;
    if (out.length !== m * n || (out instanceof Float32Array ? 'float32' : 'float64') !== type) throw new RangeError(`matmulOrt: out must be a ${type} array of ${m}×${n}`);
    await runSession(session, feeds, { C: tensor(out, [m, n]) });
    return matrix(m, n, out);
  }
  const c = (await runSession(session, feeds)).C;
  const [m, n] = c.dims as number[];
  return matrix(m, n, c.data as Float64Array | Float32Array);
}

/** First rows of the panels of n rows, `panelRows` each, top down or (`bottomUp`) the last panel first. */
export function panelStarts(n: number, panelRows: number, bottomUp = false): number[] {
  const starts: number[] = [];
  for (let r0 = 0; r0 < n; r0 += panelRows) starts.push(r0);
  return bottomUp ? starts.reverse() : starts;
}

/** A panel of a symmetric product: rows [rowStart, rowStart+rows) against columns [rowStart, n). */
export type PanelVisitor = (panel: Float64Array | Float32Array, rowStart: number, rows: number, colStart: number, cols: number) => void;

/**
 * X·Xᵀ as a sequence of upper panels on onnxruntime: rows r0..r1 of X times rows r0..n, so only the
 * upper block triangle is computed. Every panel lands in one buffer of `panelRows`·n products, reused
 * (the visitor must not keep it); only onnxruntime-node's transient copy of each output is left to the
 * garbage collector.
 */
export async function gramPanelsOrt(x: Matrix, panelRows: number, visit: PanelVisitor, bottomUp = false): Promise<void> {
  const n = x.rows, p = x.cols;
  const rowsFirst = Math.min(n, panelRows);
  const buffer = panelBuffer(x, rowsFirst * n);
  try {
    for (const r0 of panelStarts(n, panelRows, bottomUp)) {
      const r1 = Math.min(n, r0 + panelRows);
      const left = matrix(r1 - r0, p, x.data.subarray(r0 * p, r1 * p));
      const right = matrix(n - r0, p, x.data.subarray(r0 * p, n * p));
      const panel = await matmulOrt(left, right, false, true, buffer.subarray(0, (r1 - r0) * (n - r0)));
      visit(panel.data, r0, r1 - r0, r0, n - r0);
    }
  } finally {
    giveScratch(buffer);
  }
}

/** Panels of two symmetric products over the same rows: rows [rowStart, rowStart+rows) of X·Xᵀ and Y·Yᵀ against columns [rowStart, n). */
export type PanelPairVisitor = (
  panelX: Float64Array | Float32Array,
  panelY: Float64Array | Float32Array,
  rowStart: number,
  rows: number,
  colStart: number,
  cols: number,
) => void;

/** Graph of one panel pair: XL·XRᵀ and YL·YRᵀ in one run (each product in its own input's element type). */
function gramPairSession(typeX: ElementType, typeY: ElementType) {
  return cachedSession(`gram-pair:${typeX}:${typeY}`, () =>
    buildModel(
      [
        { op: 'Gemm', inputs: ['XL', 'XR'], outputs: ['KX'], attributes: { transB: 1 } },
        { op: 'Gemm', inputs: ['YL', 'YR'], outputs: ['KY'], attributes: { transB: 1 } },
      ],
      [
        { name: 'XL', type: typeX, rank: 2 },
        { name: 'XR', type: typeX, rank: 2 },
        { name: 'YL', type: typeY, rank: 2 },
        { name: 'YR', type: typeY, rank: 2 },
      ],
      [{ name: 'KX', type: typeX, rank: 2 }, { name: 'KY', type: typeY, rank: 2 }],
    ),
  );
}

/** A panel buffer of X's element type from the scratch pool (given back by the caller). */
function panelBuffer(x: Matrix, size: number): Float64Array | Float32Array {
  return takeScratch(x.data instanceof Float32Array ? 'float32' : 'float64', size);
}

/**
 * X·Xᵀ and Y·Yᵀ (same rows) as a sequence of upper panel pairs on onnxruntime, both products of a panel in
 * one run, into two reused buffers (the visitor must not keep them): measures that combine the two Gram
 * matrices entry by entry never hold either whole.
 */
export async function gramPanelPairsOrt(x: Matrix, y: Matrix, panelRows: number, visit: PanelPairVisitor): Promise<void> {
  const n = x.rows;
  if (y.rows !== n) throw new RangeError(`gramPanelPairs: X has ${n} rows, Y has ${y.rows}`);
  const session = await gramPairSession(elementType(x), elementType(y));
  const rowsFirst = Math.min(n, panelRows);
  const bufferX = panelBuffer(x, rowsFirst * n);
  const bufferY = panelBuffer(y, rowsFirst * n);
  const block = (m: Matrix, r0: number, r1: number) => tensor(m.data.subarray(r0 * m.cols, r1 * m.cols), [r1 - r0, m.cols]);
  try {
    for (let r0 = 0; r0 < n; r0 += panelRows) {
      const r1 = Math.min(n, r0 + panelRows);
      const size = (r1 - r0) * (n - r0);
      const panelX = bufferX.subarray(0, size);
      const panelY = bufferY.subarray(0, size);
      await runSession(
        session,
        { XL: block(x, r0, r1), XR: block(x, r0, n), YL: block(y, r0, r1), YR: block(y, r0, n) },
        { KX: tensor(panelX, [r1 - r0, n - r0]), KY: tensor(panelY, [r1 - r0, n - r0]) },
      );
      visit(panelX, panelY, r0, r1 - r0, r0, n - r0);
    }
  } finally {
    giveScratch(bufferX);
    giveScratch(bufferY);
  }
}

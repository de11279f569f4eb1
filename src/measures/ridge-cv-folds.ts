// The held-out fold scores of ridgeCv's shared path, fold by fold: for each fold S and alpha, the
// held-out residuals e_S = (I − H_SS)⁻¹(y_S − ŷ_S) from the whole-data decomposition (see ridge-cv.ts
// for the algebra), with ŷ_S = B_S(T + αI)⁻¹c (c = Bᵀy) and H_SS = B_S(T + αI)⁻¹B_Sᵀ. Only the fold's
// rows of the basis B are ever formed (primal: B_S = X_S·Q), so memory is O(m·|S|) beyond c.
import { matmul } from '../core/gemm.ts';
import { matrix, type Matrix } from '../core/matrix.ts';
import { buildModel, cachedSession, runSession, tensor } from '../core/onnx-graph.ts';
import { completeHalfSolve, halfSolveShiftedTridiagonal, type ShiftedFactor } from '../core/tridiagonal-solve.ts';
import type { Fold } from './folds.ts';
import type { RidgeBasis } from './ridge-cv.ts';

/** Everything the per-target passes need, computed once from X. */
export interface PreparedRidgeCv {
  sp: RidgeBasis;
  folds: readonly Fold[];
  alphas: Float64Array;
  /** LDLᵀ of T + αI per alpha (null for alphas too small for the data's scale). */
  factors: (ShiftedFactor | null)[];
  /** Largest fold size. */
  s: number;
  xMeans?: Float64Array;
  warnings: string[];
}

/**
 * Graph of one fold and alpha: G [m, s] (G = D^(−1/2)L⁻¹B_Sᵀ, so GᵀG = H_SS up to E and k), P [m, s]
 * (= (T + αI)⁻¹B_Sᵀ), c [m, t], E [s, s], k [1] → Σ over the fold's rows of ((E + k·GᵀG)⁻¹R)², [t];
 * primal: R = y_S − Pᵀc with y_S gathered from Y by idx, E = I (− 11ᵀ/n with intercept), k = −1;
 * dual: R = α·Pᵀc (the residual is α(K + αI)⁻¹y), E = 0, k = α.
 */
function foldSession(dual: boolean) {
  return cachedSession(`ridge-cv:fold:${dual ? 'dual' : 'primal'}`, () =>
    buildModel(
      [
        { op: 'FusedMatMul', domain: 'com.microsoft', inputs: ['G', 'G'], outputs: ['H'], attributes: { transA: 1 } },
        { op: 'Mul', inputs: ['k', 'H'], outputs: ['kH'] },
        { op: 'Add', inputs: ['E', 'kH'], outputs: ['A'] },
        { op: 'Inverse', domain: 'com.microsoft', inputs: ['A'], outputs: ['M'] },
        ...(dual
          ? [
              { op: 'Gemm', inputs: ['P', 'C'], outputs: ['F'], attributes: { transA: 1 } },
              { op: 'Mul', inputs: ['F', 'k'], outputs: ['R'] },
            ]
          : [
              { op: 'Gather', inputs: ['Y', 'idx'], outputs: ['Ys'], attributes: { axis: 0 } },
              { op: 'Gemm', inputs: ['P', 'C', 'Ys'], outputs: ['R'], attributes: { transA: 1, alpha: { float: -1 }, beta: { float: 1 } } },
            ]),
        { op: 'MatMul', inputs: ['M', 'R'], outputs: ['e'] },
        { op: 'ReduceSumSquare', inputs: ['e'], outputs: ['S'], attributes: { axes: [0], keepdims: 0 } },
      ],
      [
        { name: 'G', type: 'float64', rank: 2 },
        { name: 'P', type: 'float64', rank: 2 },
        { name: 'C', type: 'float64', rank: 2 },
        { name: 'E', type: 'float64', rank: 2 },
        { name: 'k', type: 'float64', rank: 1 },
        ...(dual ? [] : [{ name: 'Y', type: 'float64' as const, rank: 2 }, { name: 'idx', type: 'int64' as const, rank: 1 }]),
      ],
      [{ name: 'S', type: 'float64', rank: 1 }],
    ),
  );
}

/** Work arrays of one fold: B_Sᵀ, G and P (m × s each), E (s × s), and X_S (primal, s × p, sharing G's room). */
interface FoldWork {
  bst: Float64Array;
  g: Float64Array;
  p: Float64Array;
  e: Float64Array;
}

/** Carve the fold work arrays out of the basis's idle scratch when it is large enough, else allocate them. */
function foldWork(sp: RidgeBasis, s: number): FoldWork {
  const { m } = sp;
  const gRoom = sp.dual ? m * s : Math.max(m, sp.x.cols) * s;
  const need = gRoom + 2 * m * s + s * s;
  const room = sp.scratch && sp.scratch.length >= need ? sp.scratch : new Float64Array(need);
  return {
    g: room.subarray(0, gRoom),
    bst: room.subarray(gRoom, gRoom + m * s),
    p: room.subarray(gRoom + m * s, gRoom + 2 * m * s),
    e: room.subarray(gRoom + 2 * m * s, need),
  };
}

/** B_Sᵀ (m × |S|) into work.bst: Qᵀ·X_Sᵀ (primal, with X_S gathered into work.g) or the dual basis's rows. */
async function foldBasisT(sp: RidgeBasis, test: Uint32Array, work: FoldWork): Promise<Float64Array> {
  const { m } = sp;
  const size = test.length;
  const bst = work.bst.subarray(0, m * size);
  if (sp.dual) {
    for (let k = 0; k < size; k++) {
      const src = test[k] * m;
      for (let i = 0; i < m; i++) bst[i * size + k] = sp.padded[src + i];
    }
    return bst;
  }
  const p = sp.x.cols;
  const xs = work.g.subarray(0, size * p);
  for (let k = 0; k < size; k++) xs.set(sp.x.data.subarray(test[k] * p, (test[k] + 1) * p), k * p);
  await matmul(sp.form.q, matrix(size, p, xs), { transA: true, transB: true, out: bst });
  return bst;
}

/** E on the fold's block: I − 11ᵀ/n (primal with intercept), I (primal), 0 (dual). */
function fillE(sp: RidgeBasis, e: Float64Array, size: number): void {
  if (sp.dual) {
    e.fill(0);
    return;
  }
  const mean = sp.meanInHat ? 1 / sp.n : 0;
  for (let i = 0; i < size; i++) for (let k = 0; k < size; k++) e[i * size + k] = (i === k ? 1 : 0) - mean;
}

/**
 * Fold scores −SSE/|S| for the targets whose c = Bᵀy (m × t) is given, y (n × t) centred if the model
 * has an intercept: scores[f][a][j] flattened (fold-major), −∞ for unusable alphas.
 */
export async function foldScores(pr: PreparedRidgeCv, c: Float64Array, y: Matrix): Promise<Float64Array> {
  const { sp, folds, alphas, factors, s } = pr;
  const { m } = sp;
  const t = y.cols;
  const na = alphas.length;
  const scores = new Float64Array(folds.length * na * t);
  const work = foldWork(sp, s);
  const session = await foldSession(sp.dual);
  const cTensor = tensor(c, [m, t]);
  const yTensor = sp.dual ? null : tensor(y.data as Float64Array, [y.rows, t]);
  for (let f = 0; f < folds.length; f++) {
    const test = folds[f].test;
    const size = test.length;
    const bst = await foldBasisT(sp, test, work);
    const g = work.g.subarray(0, m * size);
    const p = work.p.subarray(0, m * size);
    const e = work.e.subarray(0, size * size);
    fillE(sp, e, size);
    const idx = tensor(BigInt64Array.from(test, (i) => BigInt(i)), [size]);
    for (let a = 0; a < na; a++) {
      const out = scores.subarray((f * na + a) * t, (f * na + a + 1) * t);
      const fac = factors[a];
      if (!fac) {
        out.fill(-Infinity);
        continue;
      }
      halfSolveShiftedTridiagonal(fac, g, size, bst);
      completeHalfSolve(fac, g, size, p);
      await runSession(
        session,
        {
          G: tensor(g, [m, size]),
          P: tensor(p, [m, size]),
          C: cTensor,
          E: tensor(e, [size, size]),
          k: tensor(Float64Array.of(sp.dual ? alphas[a] : -1), [1]),
          ...(yTensor ? { Y: yTensor, idx } : {}),
        },
        { S: tensor(out, [t]) },
      );
      const scale = -1 / size;
      for (let j = 0; j < t; j++) out[j] *= scale;
    }
  }
  return scores;
}

// Pairwise euclidean distances of labelled points, streamed from Gram blocks: what silhouette and Dunn need.
import { columnMeans, matrix, type Matrix } from '../core/matrix.ts';
import { gram, matmul, type Backend } from '../core/gemm.ts';
import type { Clusters } from './cluster-labels.ts';

/** Up to this many points the whole n × n Gram matrix is formed at once (128 MiB); beyond, row blocks. */
const FULL_GRAM_MAX = 4096;
/** Elements of one streamed row block of the Gram matrix (32 MiB of float64). */
const BLOCK_ELEMENTS = 1 << 22;

/** Points centred on their mean, in float64, with their squared norms (the Gram-identity ingredients). */
export interface CenteredPoints {
  x: Matrix;
  sq: Float64Array;
}

/**
 * Centre the points on their mean (distances do not change; the Gram identity loses less to cancellation)
 * and keep their squared norms. Always float64, whatever the input storage. The subtraction is exact wherever a
 * value lies within a factor 2 of its column mean (Sterbenz), so a large common offset (tested at 1e8 × the
 * spread) costs no accuracy.
 */
export function centerPoints(x: Matrix): CenteredPoints {
  const { rows: n, cols: p, data } = x;
  const means = columnMeans(x);
  const out = new Float64Array(n * p);
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) {
      const v = data[i * p + j] - means[j];
      out[i * p + j] = v;
      s += v * v;
    }
    sq[i] = s;
  }
  return { x: matrix(n, p, out), sq };
}

/** Below this share of ‖xᵢ‖² + ‖xⱼ‖², d² from the Gram identity has lost too many digits and is recomputed. */
const CANCELLATION = 1e-6;

/**
 * ‖xᵢ − xⱼ‖ from the Gram identity d² = ‖xᵢ‖² + ‖xⱼ‖² − 2⟨xᵢ, xⱼ⟩ (gij = ⟨xᵢ, xⱼ⟩ of the centred points).
 * Near-coincident pairs (d² below 1e-6 of ‖xᵢ‖² + ‖xⱼ‖², where the identity's rounding dominates and can even
 * make d² negative) are recomputed from the coordinates rather than clamped to 0, so they never come out as
 * rounding noise. Cost: data whose clusters are 1000× tighter than their spread pay O(p) per such pair.
 */
export function pairDistance(c: CenteredPoints, i: number, j: number, gij: number): number {
  const s = c.sq[i] + c.sq[j];
  const d2 = s - 2 * gij;
  return d2 > CANCELLATION * s ? Math.sqrt(d2) : directDistance(c.x, i, j);
}

/** Per-point distance sums to each cluster, and the extreme inter- and intra-cluster pairs. */
export interface PairwiseSummary {
  /** n × k: Σ_{j in cluster c} ‖xᵢ − xⱼ‖ (row i, column c). */
  sums: Float64Array;
  /** Smallest distance between points of different clusters, recomputed exactly from the points. */
  minInter: number;
  /** Largest distance between points of the same cluster, recomputed exactly from the points. */
  maxIntra: number;
}

/**
 * One pass over all pairs i < j of euclidean distances (Gram blocks via `gram`/`matmul`, upper triangle only,
 * never more than 32 MiB of products at once): per-cluster distance sums of every point and the extreme pairs.
 */
export async function pairwiseSummary(x: Matrix, clusters: Clusters, backend?: Backend): Promise<PairwiseSummary> {
  const n = x.rows;
  const { k, codes } = clusters;
  const centred = centerPoints(x);
  const sums = new Float64Array(n * k);
  let minInter = Infinity, minI = -1, minJ = -1, maxIntra = -Infinity, maxI = -1, maxJ = -1;
  const sq = centred.sq;
  await forEachGramBlock(centred, backend, (r0, r1, c0, block) => {
    const stride = n - c0;
    for (let i = r0; i < r1; i++) {
      const base = (i - r0) * stride - c0;
      const ci = codes[i];
      const sqi = sq[i];
      for (let j = i + 1; j < n; j++) {
        // pairDistance, inlined: this loop runs n²/2 times.
        const s = sqi + sq[j];
        const d2 = s - 2 * block[base + j];
        const d = d2 > CANCELLATION * s ? Math.sqrt(d2) : directDistance(centred.x, i, j);
        const cj = codes[j];
        sums[i * k + cj] += d;
        sums[j * k + ci] += d;
        if (cj === ci) {
          if (d > maxIntra) { maxIntra = d; maxI = i; maxJ = j; }
        } else if (d < minInter) { minInter = d; minI = i; minJ = j; }
      }
    }
  });
  // The Gram identity found the extreme pairs; their distances are recomputed from differences (correctly rounded).
  return { sums, minInter: directDistance(centred.x, minI, minJ), maxIntra: directDistance(centred.x, maxI, maxJ) };
}

/** ‖xᵢ − xⱼ‖ from the coordinates (no Gram identity). */
export function directDistance(x: Matrix, i: number, j: number): number {
  const p = x.cols;
  let s = 0;
  for (let t = 0; t < p; t++) {
    const d = x.data[i * p + t] - x.data[j * p + t];
    s += d * d;
  }
  return Math.sqrt(s);
}

/**
 * Call `fn(r0, r1, c0, block)` over consecutive row blocks [r0, r1) of the Gram matrix of the centred points;
 * `block` holds, row-major, the columns c0..n−1 of those rows (c0 = 0 for the one full Gram, r0 for streamed blocks).
 */
async function forEachGramBlock(
  centred: CenteredPoints,
  backend: Backend | undefined,
  fn: (r0: number, r1: number, c0: number, block: Float64Array) => void,
): Promise<void> {
  const { x } = centred;
  const n = x.rows, p = x.cols;
  if (n <= FULL_GRAM_MAX) {
    fn(0, n, 0, (await gram(x, { backend })).data as Float64Array);
    return;
  }
  const step = Math.max(1, Math.floor(BLOCK_ELEMENTS / n));
  for (let r0 = 0; r0 < n; r0 += step) {
    const r1 = Math.min(n, r0 + step);
    // Copies: a typed-array view with an offset is not a safe tensor input.
    const rows = matrix(r1 - r0, p, x.data.slice(r0 * p, r1 * p));
    const rest = matrix(n - r0, p, x.data.slice(r0 * p));
    fn(r0, r1, r0, (await matmul(rows, rest, { transB: true, backend })).data as Float64Array);
  }
}

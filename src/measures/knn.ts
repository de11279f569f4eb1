// Nearest-neighbour alignment of two representations of the same n stimuli (Huh et al. 2024, "The
// Platonic Representation Hypothesis", platonic-rep metrics.py): mutual k-NN, cycle k-NN and CKNNA.
//
// Neighbours are by inner product (x_i·x_j, the Gram matrix), self excluded; ties go to the lower
// index (torch's argsort/topk leave ties unspecified). platonic-rep averages in float32 and adds
// 1e-6 to CKNNA's denominator; Attune computes in float64 and exactly, so its values agree with
// platonic-rep's to about 1e-7 (k-NN) and 1e-6/√(sim_KK·sim_LL) (CKNNA).
//
// No euclidean distance is formed here (no ‖a‖² + ‖b‖² − 2a·b that a large offset would cancel): neighbours are
// ranked by the inner product or the cosine of the rows as given, neither of which is shift-invariant, so the
// features are deliberately not centred (centring would change which rows are neighbours).
import { chooseBackend, gramPanels, type Backend } from '../core/gemm.ts';
import { gramTopKPanels } from '../core/gram-top-k.ts';
import { firstNonFinite, matrix, type Matrix } from '../core/matrix.ts';
import { InvalidInputError } from './errors.ts';
import { checkPairShapes } from './pair-checks.ts';
import type { Score } from './score.ts';

export interface KnnOptions {
  /** Neighbours per stimulus (default 10); a number passed as the third argument wins. */
  k?: number;
  /**
   * Use inner products of rows divided by their Euclidean norms (cosine similarity; platonic-rep's
   * compute_score normalises so; default false). Computed by rescaling the raw Gram matrix, so the
   * data are not copied.
   */
  normalize?: boolean;
  backend?: Backend;
}

/** The k nearest neighbours of every row by inner product: indices and similarities, n×k row-major, best first. */
export interface Neighbors {
  n: number;
  k: number;
  index: Int32Array;
  similarity: Float64Array;
}

/**
 * Validate a pair of representations and return each one's row norms (one pass serves both: a
 * non-finite value makes its row's sum of squares non-finite, and only then is the cell located).
 */
function checkPair(x: Matrix, y: Matrix, label: string, k: number): [Float64Array, Float64Array] {
  checkPairShapes(x, y, label, 0);
  if (!Number.isInteger(k) || k < 1) throw new InvalidInputError(`${label}: k must be a positive integer, got ${k}`);
  if (k > x.rows - 1) throw new InvalidInputError(`${label}: k = ${k} needs at least ${k + 1} rows, got ${x.rows}`);
  const norms: Float64Array[] = [];
  for (const [name, m] of [['X', x], ['Y', y]] as const) {
    const rowNorms = rowNormsOf(m);
    if (rowNorms === null) {
      const bad = firstNonFinite(m);
      throw new InvalidInputError(`${label}: ${name} has a non-finite value at row ${Math.floor(bad / m.cols)}, column ${bad % m.cols}`);
    }
    norms.push(rowNorms);
  }
  return [norms[0], norms[1]];
}

/** Euclidean norm of every row (float64 accumulation, rescaled where squares overflow); null when a value is not finite. */
function rowNormsOf(m: Matrix): Float64Array | null {
  const { rows: n, cols: p, data } = m;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s0 = 0, s1 = 0;
    const o = i * p, end = o + p;
    let j = o;
    for (; j + 1 < end; j += 2) { s0 += data[j] * data[j]; s1 += data[j + 1] * data[j + 1]; }
    if (j < end) s0 += data[j] * data[j];
    let ss = s0 + s1;
    if (!Number.isFinite(ss)) {
      if (firstNonFinite(matrix(1, p, data.subarray(o, end))) >= 0) return null;
      let maxAbs = 0;
      for (let q = o; q < end; q++) maxAbs = Math.max(maxAbs, Math.abs(data[q]));
      ss = 0;
      for (let q = o; q < end; q++) ss += (data[q] / maxAbs) ** 2;
      out[i] = maxAbs * Math.sqrt(ss);
    } else {
      out[i] = Math.sqrt(ss);
    }
  }
  return out;
}

/** Rows divided by their Euclidean norms (max(‖x‖, 1e-12), as torch's F.normalize); keeps the element type. */
export function normalizeRows(x: Matrix): Matrix {
  const { rows, cols, data } = x;
  const out = data instanceof Float32Array ? new Float32Array(data.length) : new Float64Array(data.length);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let s = 0;
    for (let j = 0; j < cols; j++) s += data[o + j] * data[o + j];
    const inv = 1 / Math.max(Math.sqrt(s), 1e-12);
    for (let j = 0; j < cols; j++) out[o + j] = data[o + j] * inv;
  }
  return matrix(rows, cols, out);
}

/**
 * The k largest entries of every row of a square similarity matrix, the diagonal excluded (partial
 * selection, O(n²)); with `scale`, of the rescaled matrix scale_i·G_ij·scale_j instead (cosine
 * similarities from a raw Gram with scale = 1/‖x‖, without normalising the data first).
 */
export function topKNeighbors(g: Matrix, k: number, scale?: Float64Array): Neighbors {
  const n = g.rows;
  if (g.cols !== n) throw new RangeError(`topKNeighbors: matrix must be square, got ${g.rows}×${g.cols}`);
  if (k > n - 1) throw new RangeError(`topKNeighbors: k = ${k} exceeds n − 1 = ${n - 1}`);
  const G = g.data;
  const index = new Int32Array(n * k);
  const similarity = new Float64Array(n * k);
  const vals = new Float64Array(k);
  const idx = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const r = i * n;
    const si = scale === undefined ? 1 : scale[i];
    let filled = 0;
    let threshold = -Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const v = scale === undefined ? G[r + j] : si * G[r + j] * scale[j];
      if (filled === k && !(v > threshold)) continue;
      // Insert into the descending buffer; equal values keep the earlier (lower) index first.
      let pos = filled < k ? filled++ : k - 1;
      while (pos > 0 && vals[pos - 1] < v) {
        vals[pos] = vals[pos - 1];
        idx[pos] = idx[pos - 1];
        pos--;
      }
      vals[pos] = v;
      idx[pos] = j;
      if (filled === k) threshold = vals[k - 1];
    }
    index.set(idx, i * k);
    similarity.set(vals, i * k);
  }
  return { n, k, index, similarity };
}

/** 1/max(‖x_i‖, 1e-12): the row scaling of F.normalize, applied to the Gram entries. */
function inverseNorms(norms: Float64Array): Float64Array {
  return norms.map((v) => 1 / Math.max(v, 1e-12));
}

/**
 * The k nearest neighbours of every row of X by inner product (or cosine with `normalize`), from the
 * upper Gram panels: each entry (i, j) is offered to row i and to row j, so the n×n matrix never exists.
 * Candidates reach every row in increasing column order, so ties go to the lower index as in topKNeighbors.
 */
async function panelNeighbors(x: Matrix, k: number, norms: Float64Array | undefined, backend?: Backend): Promise<Neighbors> {
  const n = x.rows;
  if (k > n - 1) throw new RangeError(`k = ${k} exceeds n − 1 = ${n - 1}`);
  const scale = norms === undefined ? undefined : inverseNorms(norms);
  const index = new Int32Array(n * k);
  const similarity = new Float64Array(n * k);
  const filled = new Int32Array(n);
  const threshold = new Float64Array(n).fill(-Infinity);
  const offer = (i: number, j: number, v: number): void => {
    const f = filled[i];
    if (f === k && !(v > threshold[i])) return;
    const o = i * k;
    // Insert into row i's descending buffer; equal values keep the earlier (lower) index first.
    let pos = f < k ? f : k - 1;
    if (f < k) filled[i] = f + 1;
    while (pos > 0 && similarity[o + pos - 1] < v) {
      similarity[o + pos] = similarity[o + pos - 1];
      index[o + pos] = index[o + pos - 1];
      pos--;
    }
    similarity[o + pos] = v;
    index[o + pos] = j;
    if (filled[i] === k) threshold[i] = similarity[o + k - 1];
  };
  if (chooseBackend(0.5 * n * n * x.cols, backend) === 'ort') {
    // Large inputs: each panel's top candidates are chosen inside onnxruntime (TopK breaks ties to the
    // lower index), so only (k+1) per row and k per later column reach the offers below.
    await gramTopKPanels(x, k, scale, 256, (c) => {
      const { r0, rows, rowK, colK } = c;
      for (let t = 0; t < rows; t++) {
        const i = r0 + t;
        for (let q = t * rowK, end = q + rowK; q < end; q++) {
          const j = c.rowIndex[q];
          if (j !== i) offer(i, j, c.rowValues[q]);
        }
      }
      const cols = n - r0 - rows;
      for (let col = 0; col < cols; col++) {
        const j = r0 + rows + col;
        for (let q = 0; q < colK; q++) offer(j, c.colIndex[q * cols + col], c.colValues[q * cols + col]);
      }
    });
    return { n, k, index, similarity };
  }
  await gramPanels(x, (panel, r0, rows, c0, cols) => {
    const r1 = r0 + rows;
    for (let t = 0; t < rows; t++) {
      const i = r0 + t;
      const base = t * cols - c0;
      const si = scale === undefined ? 1 : scale[i];
      // Row i's own candidates from column r0 on (the diagonal block holds both triangles).
      let bar = filled[i] < k ? -Infinity : threshold[i];
      for (let j = c0; j < n; j++) {
        if (j === i) continue;
        const v = scale === undefined ? panel[base + j] : panel[base + j] * (si * scale[j]);
        if (v > bar || (bar === -Infinity && filled[i] < k)) {
          offer(i, j, v);
          if (filled[i] === k) bar = threshold[i];
        }
      }
    }
    // Rows below this panel receive the panel's rows as candidates by symmetry, in increasing order.
    for (let t = 0; t < rows; t++) {
      const i = r0 + t;
      const base = t * cols - c0;
      const si = scale === undefined ? 1 : scale[i];
      for (let j = r1; j < n; j++) {
        const v = scale === undefined ? panel[base + j] : panel[base + j] * (scale[j] * si);
        if (v > threshold[j] || filled[j] < k) offer(j, i, v);
      }
    }
  }, { backend });
  return { n, k, index, similarity };
}

/** Neighbours of both representations, one after the other. */
async function bothNeighbors(
  x: Matrix, y: Matrix, k: number, options: KnnOptions, norms: [Float64Array, Float64Array],
): Promise<[Neighbors, Neighbors]> {
  const nx = await panelNeighbors(x, k, options.normalize ? norms[0] : undefined, options.backend);
  return [nx, await panelNeighbors(y, k, options.normalize ? norms[1] : undefined, options.backend)];
}

/** The (k, options) of a call given either `k` or an options object as third argument. */
function resolve(kOrOptions: number | KnnOptions, options: KnnOptions): [number, KnnOptions] {
  const opts = typeof kOrOptions === 'number' ? { ...options, k: kOrOptions } : { ...options, ...kOrOptions };
  return [opts.k ?? 10, opts];
}

function measureId(kind: string, k: number, options: KnnOptions): string {
  return `${kind}:k${k}${options.normalize ? ':l2norm' : ''}`;
}

/** Mean over stimuli of |N_X(i) ∩ N_Y(i)| / k from precomputed neighbours. */
export function mutualKnnFromNeighbors(a: Neighbors, b: Neighbors): number {
  const { n, k } = a;
  const mark = new Int32Array(n).fill(-1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const o = i * k;
    for (let t = 0; t < k; t++) mark[a.index[o + t]] = i;
    let hits = 0;
    for (let t = 0; t < k; t++) if (mark[b.index[o + t]] === i) hits++;
    total += hits / k;
  }
  return total / n;
}

/** Share of stimuli i that are among the X-neighbours of one of their own Y-neighbours (platonic-rep cycle_knn). */
export function cycleKnnFromNeighbors(a: Neighbors, b: Neighbors): number {
  const { n, k } = a;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    let found = false;
    for (let t = 0; t < k && !found; t++) {
      const j = b.index[i * k + t];
      for (let s = 0; s < k; s++) {
        if (a.index[j * k + s] === i) {
          found = true;
          break;
        }
      }
    }
    if (found) hits++;
  }
  return hits / n;
}

/**
 * Mutual k-NN (platonic-rep `mutual_knn`): the mean over stimuli of |N_X(i) ∩ N_Y(i)| / k, with N the
 * k nearest neighbours by inner product, self excluded; id 'knn:mutual:k10' (':l2norm' when normalized).
 * The third argument is k or an options object {k, normalize, backend}.
 */
export async function mutualKnn(x: Matrix, y: Matrix, kOrOptions: number | KnnOptions = 10, more: KnnOptions = {}): Promise<Score> {
  const [k, options] = resolve(kOrOptions, more);
  const norms = checkPair(x, y, 'mutual k-NN', k);
  const [a, b] = await bothNeighbors(x, y, k, options, norms);
  return { value: mutualKnnFromNeighbors(a, b), measure: measureId('knn:mutual', k, options), n: x.rows };
}

/**
 * Cycle k-NN (platonic-rep `cycle_knn(X, Y)`): the share of stimuli i found among the X-neighbours of
 * at least one of i's Y-neighbours; id 'knn:cycle:k10'.
 */
export async function cycleKnn(x: Matrix, y: Matrix, kOrOptions: number | KnnOptions = 10, more: KnnOptions = {}): Promise<Score> {
  const [k, options] = resolve(kOrOptions, more);
  const norms = checkPair(x, y, 'cycle k-NN', k);
  const [a, b] = await bothNeighbors(x, y, k, options, norms);
  return { value: cycleKnnFromNeighbors(a, b), measure: measureId('knn:cycle', k, options), n: x.rows };
}

/**
 * Unbiased HSIC (Song et al. eq. 5, as platonic-rep `hsic_unbiased`) of the masked kernels
 * A = M∘K and B = M∘L, M_ij = [j ∈ N_a(i) ∩ N_b(i)], A and B generally not symmetric:
 * (Σ A_ij·B_ji + ΣA·ΣB/((n−1)(n−2)) − 2·Σ_j colA_j·rowB_j/(n−2)) / (n(n−3)).
 */
function maskedHsic(a: Neighbors, b: Neighbors): number {
  const { n, k } = a;
  // Per row: the common neighbours with K (from a) and L (from b) values, as sparse rows.
  const start = new Int32Array(n + 1);
  const cols: number[] = [];
  const kv: number[] = [];
  const lv: number[] = [];
  const where = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    for (let t = 0; t < k; t++) where[a.index[o + t]] = o + t;
    for (let t = 0; t < k; t++) {
      const j = b.index[o + t];
      const pa = where[j];
      if (pa >= o && pa < o + k && a.index[pa] === j) {
        cols.push(j);
        kv.push(a.similarity[pa]);
        lv.push(b.similarity[o + t]);
      }
    }
    for (let t = 0; t < k; t++) where[a.index[o + t]] = -1;
    start[i + 1] = cols.length;
  }
  let sumA = 0, sumB = 0, cross = 0;
  const colA = new Float64Array(n);
  const rowB = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let e = start[i]; e < start[i + 1]; e++) {
      const j = cols[e];
      sumA += kv[e];
      sumB += lv[e];
      colA[j] += kv[e];
      rowB[i] += lv[e];
      // A_ij·B_ji: needs i among the common neighbours of j.
      for (let f = start[j]; f < start[j + 1]; f++) {
        if (cols[f] === i) {
          cross += kv[e] * lv[f];
          break;
        }
      }
    }
  }
  let cr = 0;
  for (let j = 0; j < n; j++) cr += colA[j] * rowB[j];
  return (cross + (sumA * sumB) / ((n - 1) * (n - 2)) - (2 * cr) / (n - 2)) / (n * (n - 3));
}

/**
 * CKNNA (platonic-rep `cknna`, unbiased): CKA restricted to mutual k-NN pairs,
 * sim(K, L)/√(sim(K, K)·sim(L, L)) with sim the unbiased HSIC of the kernels masked to pairs that are
 * neighbours in both spaces — exact, without platonic-rep's +1e-6; id 'cknna:k10'. Needs k ≥ 2, n ≥ 4.
 */
export async function cknna(x: Matrix, y: Matrix, kOrOptions: number | KnnOptions = 10, more: KnnOptions = {}): Promise<Score> {
  const [k, options] = resolve(kOrOptions, more);
  const norms = checkPair(x, y, 'CKNNA', k);
  if (k < 2) throw new InvalidInputError(`CKNNA: k must be at least 2, got ${k}`);
  if (x.rows < 4) throw new InvalidInputError(`CKNNA: needs at least 4 rows (stimuli), got ${x.rows}`);
  const [a, b] = await bothNeighbors(x, y, k, options, norms);
  const kl = maskedHsic(a, b);
  const kk = maskedHsic(a, a);
  const ll = maskedHsic(b, b);
  const value = kl / Math.sqrt(kk * ll);
  const score: Score = { value, measure: measureId('cknna', k, options), n: x.rows };
  if (!Number.isFinite(value)) score.warnings = [`CKNNA undefined: sim(K,K)·sim(L,L) = ${kk * ll}`];
  return score;
}

// Blocked Householder tridiagonalization S = Q·T·Qᵀ (LAPACK dsytrd's scheme): panels of reflectors in
// TypeScript, trailing updates and the accumulation of Q as GEMMs on onnxruntime.
import { buildModel, cachedSession, runSession, tensor, type NodeSpec, type TensorSpec } from './onnx-graph.ts';
import { matrix, type Matrix } from './matrix.ts';

/** A symmetric tridiagonal T with S = Q·T·Qᵀ: diagonal (m), off-diagonal (m − 1), orthogonal Q (m×m). */
export interface TridiagonalForm {
  diagonal: Float64Array;
  offDiagonal: Float64Array;
  q: Matrix;
}

/** Panel width of the blocked reduction: wider panels move more work into GEMM, narrower ones less into JS. */
const PANEL = 48;

/** One panel's block reflector P = I − V·T·Vᵀ; its reflector j is kept in row k+j of the reduced matrix, from column k+j+1 (a 1) on. */
interface Panel {
  k: number;
  nb: number;
  t: Float64Array;
}

/**
 * Householder tridiagonalization S = Q·T·Qᵀ of a symmetric matrix (its lower triangle is what is read),
 * blocked as LAPACK's dsytrd: each panel of reflectors is built with matrix-vector products (TypeScript),
 * the trailing block's lower triangle is updated by GEMMs, S₂₂ −= V·Wᵀ + W·Vᵀ, and Q is accumulated
 * with GEMMs. The reflectors are kept in the reduced rows and every work buffer is reused, so beyond
 * S's copy (none with `overwrite`, which leaves S's array holding the reflectors) and Q the reduction
 * allocates O(n·PANEL).
 * (The unblocked reduction in core/eigen.ts is several times slower at m = 768; this belongs there in time.)
 */
export async function tridiagonalizeBlocked(s: Matrix, options: { overwrite?: boolean } = {}): Promise<TridiagonalForm> {
  const n = s.rows;
  if (s.cols !== n) throw new RangeError(`tridiagonalize: matrix must be square, got ${s.rows}×${s.cols}`);
  const a = options.overwrite && s.data instanceof Float64Array ? s.data : Float64Array.from(s.data);
  // A power-of-two scale (exact) keeps squares of the entries away from overflow and underflow.
  let maxAbs = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > maxAbs) maxAbs = v;
  }
  const scale = maxAbs > 0 && (maxAbs > 2 ** 400 || maxAbs < 2 ** -400) ? 2 ** -Math.round(Math.log2(maxAbs)) : 1;
  if (scale !== 1) for (let i = 0; i < a.length; i++) a[i] *= scale;
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(0, n - 1));
  const tau = new Float64Array(Math.max(0, n - 1));
  const y = new Float64Array(n);
  const panels: Panel[] = [];
  const w = new Float64Array(Math.min(PANEL, Math.max(0, n - 1)) * n); // the panel's W, reused by every panel
  const update = updateWorkspace(n);
  for (let k = 0; k < n - 1; k += PANEL) {
    const nb = Math.min(PANEL, n - 1 - k);
    // Reflector j of the panel (row i = k+j) is stored in row i itself, columns ≥ i+1 (a[i][i+1] = 1):
    // those entries are not read again once the row is reduced. So V is the view from row k on.
    const v = a.subarray(k * n);
    for (let j = 0; j < nb; j++) {
      const i = k + j;
      mirrorColumn(a, n, i);
      updateRow(a, v, w, n, i, j);
      d[i] = a[i * n + i];
      const t = householder(a, v, n, i, j, e);
      tau[i] = t;
      if (t === 0) {
        w.fill(0, j * n, (j + 1) * n); // an identity reflector: its column of W is zero
        continue;
      }
      symmetricProduct(a, v, y, n, i + 1, j * n);
      panelColumn(v, w, y, n, i + 1, j, t);
    }
    const s0 = k + nb;
    if (s0 < n) await trailingUpdate(a, v, w, n, s0, nb, update);
    panels.push({ k, nb, t: blockReflectorFactor(v, tau, k, nb, n, y) });
  }
  if (n > 0) d[n - 1] = a[n * n - 1];
  const q = await accumulateQ(a, panels, n);
  if (scale !== 1) {
    for (let i = 0; i < n; i++) d[i] /= scale;
    for (let i = 0; i < n - 1; i++) e[i] /= scale;
  }
  return { diagonal: d, offDiagonal: e, q };
}

/** Row i, columns > i, copied from column i: the trailing updates keep only the lower triangle current. */
function mirrorColumn(a: Float64Array, n: number, i: number): void {
  const ri = i * n;
  for (let c = i + 1; c < n; c++) a[ri + c] = a[c * n + i];
}

/** Row i (= column i by symmetry), columns ≥ i, brought up to date with the panel's first j reflectors. */
function updateRow(a: Float64Array, v: Float64Array, w: Float64Array, n: number, i: number, j: number): void {
  const ri = i * n;
  for (let q = 0; q < j; q++) {
    const cq = q * n;
    const wi = w[cq + i];
    const vi = v[cq + i];
    for (let c = i; c < n; c++) a[ri + c] -= v[cq + c] * wi + w[cq + c] * vi;
  }
}

/**
 * Reflector H_i = I − τ·u·uᵀ (u[i+1] = 1, stored as column j of v) mapping a[i][i+1..] to (β, 0, …);
 * writes β to e[i] and returns τ (0 when the row is already reduced).
 */
function householder(a: Float64Array, v: Float64Array, n: number, i: number, j: number, e: Float64Array): number {
  const ri = i * n;
  const cj = j * n;
  const alpha = a[ri + i + 1];
  let tail = 0;
  for (let c = i + 2; c < n; c++) tail += a[ri + c] * a[ri + c];
  v[cj + i + 1] = 1;
  if (tail === 0) {
    e[i] = alpha;
    return 0;
  }
  const norm = Math.sqrt(alpha * alpha + tail);
  const beta = alpha >= 0 ? -norm : norm;
  const inv = 1 / (alpha - beta);
  for (let c = i + 2; c < n; c++) v[cj + c] = a[ri + c] * inv;
  e[i] = beta;
  return (beta - alpha) / beta;
}

/**
 * y = S₂₂·u over rows and columns ≥ i1 (the trailing block, symmetric), reading only its lower triangle:
 * four rows at a time, each element feeds both the row's dot product and the mirrored column's update
 * (half the memory traffic of a full-row product).
 */
function symmetricProduct(a: Float64Array, v: Float64Array, y: Float64Array, n: number, i1: number, vc: number): void {
  y.fill(0, i1, n);
  let r = i1;
  for (; r + 3 < n; r += 4) {
    const b0 = r * n;
    const b1 = b0 + n;
    const b2 = b1 + n;
    const b3 = b2 + n;
    const u0 = v[vc + r];
    const u1 = v[vc + r + 1];
    const u2 = v[vc + r + 2];
    const u3 = v[vc + r + 3];
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let c = i1; c < r; c++) {
      const a0 = a[b0 + c];
      const a1 = a[b1 + c];
      const a2 = a[b2 + c];
      const a3 = a[b3 + c];
      const x = v[vc + c];
      s0 += a0 * x;
      s1 += a1 * x;
      s2 += a2 * x;
      s3 += a3 * x;
      y[c] += a0 * u0 + a1 * u1 + a2 * u2 + a3 * u3;
    }
    // The 4×4 diagonal block, from its lower triangle.
    y[r] += s0 + a[b0 + r] * u0 + a[b1 + r] * u1 + a[b2 + r] * u2 + a[b3 + r] * u3;
    y[r + 1] += s1 + a[b1 + r] * u0 + a[b1 + r + 1] * u1 + a[b2 + r + 1] * u2 + a[b3 + r + 1] * u3;
    y[r + 2] += s2 + a[b2 + r] * u0 + a[b2 + r + 1] * u1 + a[b2 + r + 2] * u2 + a[b3 + r + 2] * u3;
    y[r + 3] += s3 + a[b3 + r] * u0 + a[b3 + r + 1] * u1 + a[b3 + r + 2] * u2 + a[b3 + r + 3] * u3;
  }
  for (; r < n; r++) {
    const b0 = r * n;
    const ur = v[vc + r];
    let s0 = 0;
    for (let c = i1; c < r; c++) {
      const ac = a[b0 + c];
      s0 += ac * v[vc + c];
      y[c] += ac * ur;
    }
    y[r] += s0 + a[b0 + r] * ur;
  }
}

/** Column j of W: y minus the panel's pending update (V·Wᵀ + W·Vᵀ)·u, then w = τ·y − ½τ²(yᵀu)·u. */
function panelColumn(v: Float64Array, w: Float64Array, y: Float64Array, n: number, i1: number, j: number, t: number): void {
  const cj = j * n;
  for (let q = 0; q < j; q++) {
    const cq = q * n;
    let vu = 0, wu = 0;
    for (let c = i1; c < n; c++) {
      const x = v[cj + c];
      vu += v[cq + c] * x;
      wu += w[cq + c] * x;
    }
    for (let c = i1; c < n; c++) y[c] -= w[cq + c] * vu + v[cq + c] * wu;
  }
  let yu = 0;
  for (let c = i1; c < n; c++) yu += y[c] * v[cj + c];
  const shift = -0.5 * t * t * yu;
  for (let c = i1; c < n; c++) w[cj + c] = t * y[c] + shift * v[cj + c];
}

/** Rows of the trailing update computed per GEMM: bounds its product buffer to UPDATE_ROWS × n. */
const UPDATE_ROWS = 128;

/** Buffers the trailing updates share (sized for the first, largest one): [V W], [W V] and one block of their product. */
interface UpdateWorkspace {
  left: Float64Array;
  right: Float64Array;
  product: Float64Array;
}

function updateWorkspace(n: number): UpdateWorkspace {
  const nb = Math.min(PANEL, Math.max(0, n - 1));
  const m = Math.max(0, n - nb);
  return { left: new Float64Array(m * 2 * nb), right: new Float64Array(m * 2 * nb), product: new Float64Array(Math.min(UPDATE_ROWS, m) * m) };
}

/**
 * S₂₂ −= [V W]·[W V]ᵀ over rows and columns ≥ s0, lower triangle only (with the rest of each row block's
 * diagonal square), as GEMMs of UPDATE_ROWS rows into one reused buffer: half the flops and half the output of the full block.
 */
async function trailingUpdate(a: Float64Array, v: Float64Array, w: Float64Array, n: number, s0: number, nb: number, work: UpdateWorkspace): Promise<void> {
  const m = n - s0;
  const w2 = 2 * nb;
  const left = work.left.subarray(0, m * w2);
  const right = work.right.subarray(0, m * w2);
  for (let q = 0; q < nb; q++) {
    const cq = q * n + s0;
    for (let r = 0; r < m; r++) {
      const vr = v[cq + r];
      const wr = w[cq + r];
      left[r * w2 + q] = vr;
      left[r * w2 + nb + q] = wr;
      right[r * w2 + q] = wr;
      right[r * w2 + nb + q] = vr;
    }
  }
  const session = await updateSession();
  for (let r0 = 0; r0 < m; r0 += UPDATE_ROWS) {
    const rows = Math.min(UPDATE_ROWS, m - r0);
    const cols = r0 + rows; // the block's rows up to its diagonal: the lower triangle and a little more
    const feeds = { L: tensor(left.subarray(r0 * w2, cols * w2), [rows, w2]), R: tensor(right.subarray(0, cols * w2), [cols, w2]) };
    const upd = work.product.subarray(0, rows * cols);
    await runSession(session, feeds, { U: tensor(upd, [rows, cols]) });
    for (let r = 0; r < rows; r++) {
      const b = (s0 + r0 + r) * n + s0;
      const u = r * cols;
      for (let c = 0; c < cols; c++) a[b + c] -= upd[u + c];
    }
  }
}

/** Upper-triangular T (nb×nb) with H_k·…·H_{k+nb−1} = I − V·T·Vᵀ (LAPACK dlarft, forward, columnwise). */
function blockReflectorFactor(v: Float64Array, tau: Float64Array, k: number, nb: number, n: number, work: Float64Array): Float64Array {
  const t = new Float64Array(nb * nb);
  for (let j = 0; j < nb; j++) {
    const tj = tau[k + j];
    t[j * nb + j] = tj;
    if (tj === 0) continue;
    const cj = j * n;
    for (let q = 0; q < j; q++) {
      const cq = q * n;
      let dot = 0;
      for (let c = k + j + 1; c < n; c++) dot += v[cq + c] * v[cj + c];
      work[q] = -tj * dot;
    }
    for (let q = 0; q < j; q++) {
      let acc = 0;
      for (let l = q; l < j; l++) acc += t[q * nb + l] * work[l];
      t[q * nb + j] = acc;
    }
  }
  return t;
}

/** U = L·Rᵀ (the symmetric rank-2nb trailing update). */
function updateSession() {
  return cachedSession('tridiagonal:trailing-update', () =>
    buildModel(
      [{ op: 'Gemm', inputs: ['L', 'R'], outputs: ['U'], attributes: { transB: 1 } }],
      [{ name: 'L', type: 'float64', rank: 2 }, { name: 'R', type: 'float64', rank: 2 }],
      [{ name: 'U', type: 'float64', rank: 2 }],
    ),
  );
}

/**
 * Graph of Q = P₀·P₁·…·P_last for one matrix size, all panels in one run (so only Q leaves onnxruntime):
 * A [n, n] holds reflector i in row i (zero up to column i), split into the panels' row blocks Vᵀ_b
 * (sizes S, the last part being the unused row n−1); NF [full·PANEL, PANEL] stacks the full panels'
 * −T_b, split by NS; NL is the last panel's −T when it is narrower. From Q = I (EyeLike), backwards:
 * Q ← Q + V_b·(−T_b·(Vᵀ_b·Q)) = (I − V_b·T_b·Vᵀ_b)·Q.
 */
function accumulateSession(widths: number[]) {
  const full = widths.filter((nb) => nb === PANEL).length;
  const partial = full < widths.length;
  return cachedSession(`tridiagonal:accumulate:${widths.length}:${widths[widths.length - 1]}`, () => {
    const v = widths.map((_, b) => `V${b}`);
    const nodes: NodeSpec[] = [
      { op: 'Split', inputs: ['A', 'S'], outputs: [...v, 'rest'], attributes: { axis: 0 } },
      { op: 'EyeLike', inputs: ['A'], outputs: [`Q${widths.length}`] },
    ];
    const negT = widths.map((_, b) => (partial && b === widths.length - 1 ? 'NL' : `N${b}`));
    if (full === 1) nodes.push({ op: 'Identity', inputs: ['NF'], outputs: ['N0'] });
    else if (full > 1) nodes.push({ op: 'Split', inputs: ['NF', 'NS'], outputs: negT.slice(0, full), attributes: { axis: 0 } });
    for (let b = widths.length - 1; b >= 0; b--) {
      nodes.push(
        { op: 'MatMul', inputs: [v[b], `Q${b + 1}`], outputs: [`VtQ${b}`] },
        { op: 'MatMul', inputs: [negT[b], `VtQ${b}`], outputs: [`NVtQ${b}`] },
        { op: 'Gemm', inputs: [v[b], `NVtQ${b}`, `Q${b + 1}`], outputs: [`Q${b}`], attributes: { transA: 1 } },
      );
    }
    const inputs: TensorSpec[] = [
      { name: 'A', type: 'float64', rank: 2 },
      { name: 'S', type: 'int64', rank: 1 },
    ];
    if (full > 0) inputs.push({ name: 'NF', type: 'float64', rank: 2 }, { name: 'NS', type: 'int64', rank: 1 });
    if (partial) inputs.push({ name: 'NL', type: 'float64', rank: 2 });
    return buildModel(nodes, inputs, [{ name: 'Q0', type: 'float64', rank: 2 }]);
  });
}

/**
 * Q = P₀·P₁·… from the reflectors kept in a's rows, in one onnxruntime run. Zeroes a's lower triangle
 * and diagonal in the reflector rows first (no longer needed), so that each row block is exactly Vᵀ_b.
 */
async function accumulateQ(a: Float64Array, panels: Panel[], n: number): Promise<Matrix> {
  if (panels.length === 0) {
    const q = new Float64Array(n * n);
    for (let i = 0; i < n; i++) q[i * n + i] = 1;
    return matrix(n, n, q);
  }
  for (let i = 0; i < n - 1; i++) a.fill(0, i * n, i * n + i + 1);
  const widths = panels.map((panel) => panel.nb);
  const fullPanels = panels.filter((panel) => panel.nb === PANEL);
  const last = panels[panels.length - 1];
  const feeds: Record<string, ReturnType<typeof tensor>> = {
    A: tensor(a, [n, n]),
    S: tensor(BigInt64Array.from([...widths, 1], (w) => BigInt(w)), [widths.length + 1]),
  };
  if (fullPanels.length > 0) {
    const stacked = new Float64Array(fullPanels.length * PANEL * PANEL);
    fullPanels.forEach((panel, b) => panel.t.forEach((x, i) => (stacked[b * PANEL * PANEL + i] = -x)));
    feeds.NF = tensor(stacked, [fullPanels.length * PANEL, PANEL]);
    feeds.NS = tensor(BigInt64Array.from(fullPanels, () => BigInt(PANEL)), [fullPanels.length]);
  }
  if (last.nb !== PANEL) feeds.NL = tensor(Float64Array.from(last.t, (x) => -x), [last.nb, last.nb]);
  const out = await runSession(await accumulateSession(widths), feeds);
  return matrix(n, n, out.Q0.data as Float64Array);
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gram, gramPanelPairs, gramPanels, matmul, matmulSync } from '../../src/core/gemm.ts';
import { matrix, transpose, type Matrix } from '../../src/core/matrix.ts';

function seeded(rows: number, cols: number, seed: number, Ctor: Float64ArrayConstructor | Float32ArrayConstructor = Float64Array): Matrix {
  let s = seed >>> 0;
  const data = new Ctor(rows * cols);
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = s / 2 ** 32 - 0.5;
  }
  return matrix(rows, cols, data);
}

/** Textbook triple loop, the independent check for both kernels. */
function naive(a: Matrix, b: Matrix): Float64Array {
  const c = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += a.data[i * a.cols + k] * b.data[k * b.cols + j];
      c[i * b.cols + j] = s;
    }
  return c;
}

function maxRelError(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let scale = 0, err = 0;
  for (let i = 0; i < x.length; i++) { scale = Math.max(scale, Math.abs(y[i])); err = Math.max(err, Math.abs(x[i] - y[i])); }
  return err / (scale || 1);
}

test('TypeScript kernel equals the triple loop for every transpose combination', () => {
  const a = seeded(37, 53, 1), b = seeded(53, 29, 2);
  const expected = naive(a, b);
  const at = transpose(a), bt = transpose(b);
  for (const [x, y, transA, transB] of [[a, b, false, false], [at, b, true, false], [a, bt, false, true], [at, bt, true, true]] as const) {
    const c = matmulSync(x, y, { transA, transB });
    assert.equal(c.rows, 37); assert.equal(c.cols, 29);
    assert.ok(maxRelError(c.data, expected) < 1e-14);
  }
});

test('ORT and TypeScript GEMM agree in float64 for all transposes', async () => {
  const a = seeded(120, 300, 3), b = seeded(300, 90, 4);
  const at = transpose(a), bt = transpose(b);
  const expected = naive(a, b);
  for (const [x, y, transA, transB] of [[a, b, false, false], [at, b, true, false], [a, bt, false, true], [at, bt, true, true]] as const) {
    const ortC = await matmul(x, y, { transA, transB, backend: 'ort' });
    const tsC = await matmul(x, y, { transA, transB, backend: 'ts' });
    assert.ok(ortC.data instanceof Float64Array);
    assert.ok(maxRelError(ortC.data, tsC.data) < 1e-13, 'ort vs ts');
    assert.ok(maxRelError(tsC.data, expected) < 1e-13, 'ts vs naive');
  }
});

test('ORT float32 GEMM agrees with the float64 reference to float32 precision', async () => {
  const a = seeded(64, 200, 5, Float32Array), b = seeded(200, 48, 6, Float32Array);
  const c = await matmul(a, b, { backend: 'ort' });
  assert.ok(c.data instanceof Float32Array);
  assert.ok(maxRelError(c.data, naive(a, b)) < 1e-5);
});

test('gram is X·Xᵀ on both backends, with every row-block split', async () => {
  for (const n of [7, 450, 1700]) {
    const x = seeded(n, 33, 7 + n);
    const expected = await matmul(x, x, { transB: true, backend: 'ts' });
    const viaTs = await gram(x, { backend: 'ts' });
    const viaOrt = await gram(x, { backend: 'ort' });
    assert.ok(maxRelError(viaTs.data, expected.data) < 1e-13, `ts n=${n}`);
    assert.ok(maxRelError(viaOrt.data, expected.data) < 1e-13, `ort n=${n}`);
    for (let i = 0; i < n; i += 97) for (let j = 0; j < n; j += 89) assert.equal(viaOrt.data[i * n + j], viaOrt.data[j * n + i]);
  }
});

test('mismatched inner dimensions are rejected', async () => {
  await assert.rejects(matmul(seeded(3, 4, 1), seeded(5, 2, 1)), /inner dimensions/);
});

test('graph builder encodes integral float attributes as FLOAT (Gemm alpha = -1)', async () => {
  const { buildModel, cachedSession, runSession, tensor } = await import('../../src/core/onnx-graph.ts');
  const session = await cachedSession('test:gemm-alpha', () =>
    buildModel(
      [{ op: 'Gemm', inputs: ['A', 'B'], outputs: ['C'], attributes: { alpha: { float: -1 }, transB: 1 } }],
      [{ name: 'A', type: 'float64', rank: 2 }, { name: 'B', type: 'float64', rank: 2 }],
      [{ name: 'C', type: 'float64', rank: 2 }],
    ),
  );
  const out = await runSession(session, {
    A: tensor(Float64Array.from([1, 2, 3, 4]), [2, 2]),
    B: tensor(Float64Array.from([5, 6, 7, 8]), [2, 2]),
  });
  // −A·Bᵀ = −[[1·5+2·6, 1·7+2·8], [3·5+4·6, 3·7+4·8]]
  assert.deepEqual(Array.from(out.C.data as Float64Array), [-17, -23, -39, -53]);
});

test('gramPanelPairs visits the upper panels of X·Xᵀ and Y·Yᵀ together, on both backends (mixed element types too)', async () => {
  const n = 23;
  const x = seeded(n, 9, 3);
  const y = matrix(n, 5, Float32Array.from(seeded(n, 5, 4).data));
  const gx = await gram(x, { backend: 'ts' });
  const gy = await matmul(y, y, { transB: true, backend: 'ts' });
  for (const backend of ['ts', 'ort'] as const) {
    const seen = new Uint8Array(n * n);
    await gramPanelPairs(x, y, (px, py, r0, rows, c0, cols) => {
      assert.equal(c0, r0);
      assert.equal(cols, n - r0);
      for (let t = 0; t < rows; t++) {
        for (let c = 0; c < cols; c++) {
          const i = r0 + t, j = c0 + c;
          seen[i * n + j]++;
          assert.ok(Math.abs(px[t * cols + c] - gx.data[i * n + j]) <= 1e-13 * Math.max(1, Math.abs(gx.data[i * n + j])), `${backend} X ${i},${j}`);
          assert.ok(Math.abs(py[t * cols + c] - gy.data[i * n + j]) <= 1e-5 * Math.max(1, Math.abs(gy.data[i * n + j])), `${backend} Y ${i},${j}`);
        }
      }
    }, { backend, panelRows: 7 });
    // Every upper entry once; a panel's diagonal block is computed whole, so some lower entries too.
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) assert.equal(seen[i * n + j], 1, `${backend} ${i},${j}`);
  }
});

test('gramPanels bottomUp visits the same upper panels last first, so every reached diagonal is known on arrival', async () => {
  const n = 23;
  const x = seeded(n, 11, 5);
  const g = naive(x, transpose(x));
  for (const backend of ['ts', 'ort'] as const) {
    const starts: number[] = [];
    const diagonalSeen = new Uint8Array(n);
    await gramPanels(x, (panel, r0, rows, c0, cols) => {
      starts.push(r0);
      assert.equal(c0, r0);
      assert.equal(cols, n - r0);
      for (let t = 0; t < rows; t++) diagonalSeen[r0 + t] = 1;
      // Every column this panel reaches has had its diagonal visited (in this panel or an earlier one).
      for (let j = c0; j < n; j++) assert.equal(diagonalSeen[j], 1, `${backend} diagonal ${j} before panel ${r0}`);
      for (let t = 0; t < rows; t++) {
        for (let c = 0; c < cols; c++) {
          const want = g[(r0 + t) * n + c0 + c];
          assert.ok(Math.abs(panel[t * cols + c] - want) <= 1e-13 * Math.max(1, Math.abs(want)), `${backend} ${r0 + t},${c0 + c}`);
        }
      }
    }, { backend, panelRows: 7, bottomUp: true });
    assert.deepEqual(starts, [21, 14, 7, 0], backend);
  }
});

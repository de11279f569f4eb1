// The performance cases of `attune bench`: the op ids and sizes the peers were timed on.
import type { Rng } from '../../core/random.ts';
import { matrix, type Matrix } from '../../core/matrix.ts';

/** One timed operation: how to make its inputs and what to run (returning a checksum of the result). */
export interface BenchCase {
  op: string;
  n: number;
  p: number;
  /** Extra size parameters (targets, folds, k…), printed with the result. */
  params?: Record<string, number>;
  prepare(rng: Rng): Promise<unknown>;
  run(inputs: unknown): Promise<number>;
  /** Bytes of the inputs, for the memory budget. */
  inputBytes(inputs: unknown): number;
  /** Bytes of the one n×n float64 matrix the memory budget allows beyond 2× the inputs. */
  squareBytes: number;
  /** The same op on small inputs: run first so libraries, sessions and compiled code exist before memory is measured. */
  primer?: BenchCase;
}

/** A standard-normal matrix (float64 unless asked otherwise) from the seeded generator. */
export function gaussian(rng: Rng, rows: number, cols: number, Ctor: Float64ArrayConstructor | Float32ArrayConstructor = Float64Array): Matrix {
  const data = new Ctor(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return matrix(rows, cols, data);
}

function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

const matrixBytes = (m: Matrix) => m.data.byteLength;

/** An RDM of n standard-normal float64 rows of width p (also used by `attune bench --scaling`). */
export function rdmCase(method: 'correlation' | 'euclidean', n: number, p: number): BenchCase {
  return {
    op: `rdm:${method}`, n, p, squareBytes: n * n * 8,
    prepare: async (rng) => gaussian(rng, n, p),
    run: async (x) => {
      const { rdmVector } = await import('../../measures/rdm.ts');
      return sum(await rdmVector(x as Matrix, method));
    },
    inputBytes: (x) => matrixBytes(x as Matrix),
  };
}

interface RdmPair { a: Float64Array; b: Float64Array }

/** Two n-stimulus correlation RDMs of related data (p = 512), compared (also used by `attune bench --scaling`). */
export function compareCase(method: 'spearman' | 'tau-a' | 'rho-a', n: number): BenchCase {
  return {
    op: `compare:${method}`, n, p: 512, squareBytes: n * n * 8,
    // Two RDMs of related data (Y = X + noise), as the peers' RDM comparisons.
    prepare: async (rng) => {
      const { rdmVector } = await import('../../measures/rdm.ts');
      const x = gaussian(rng, n, 512);
      const noise = gaussian(rng, n, 512);
      const y = matrix(n, 512, x.data.map((v, i) => v + noise.data[i]));
      return { a: await rdmVector(x, 'correlation'), b: await rdmVector(y, 'correlation') } satisfies RdmPair;
    },
    run: async (inputs) => {
      const { compareRdms } = await import('../../measures/compare.ts');
      const { a, b } = inputs as RdmPair;
      return compareRdms(a, b, method).value;
    },
    inputBytes: (inputs) => (inputs as RdmPair).a.byteLength * 2,
  };
}

/**
 * The small tau-a case, which also waits for the helper thread it starts and then gives it its share
 * once: that start-up (the thread, its sort workspace) is not the measured call's memory.
 */
export function tauAPrimer(): BenchCase {
  const small = compareCase('tau-a', 500);
  return {
    ...small,
    run: async (inputs) => {
      await small.run(inputs);
      const { rankHelperReady } = await import('../../core/rank-helper.ts');
      await rankHelperReady();
      return small.run(inputs);
    },
  };
}

interface FeaturePair { x: Matrix; y: Matrix }

/**
 * Y = X/2 + noise: related representations of the same n samples, in float32 as model activations
 * are (the computation then runs in float32, as the peers' float32 paths do).
 */
async function relatedPair(rng: Rng, n: number, p: number): Promise<FeaturePair> {
  // Drawn straight into the final arrays: no freed temporaries to hide the measured call's memory.
  const x = gaussian(rng, n, p, Float32Array);
  const y = matrix(n, p, new Float32Array(n * p));
  for (let i = 0; i < y.data.length; i++) y.data[i] = 0.5 * x.data[i] + rng.normal();
  return { x, y };
}

/** Linear CKA of two related float32 n×p representations (also used by `attune bench --scaling`). */
export function ckaCase(debiased: boolean, n: number, p: number): BenchCase {
  return {
    op: debiased ? 'cka:linear:debiased' : 'cka:linear', n, p, squareBytes: n * n * 8,
    prepare: (rng) => relatedPair(rng, n, p),
    run: async (inputs) => {
      const { linearCka } = await import('../../measures/cka.ts');
      const { x, y } = inputs as FeaturePair;
      return (await linearCka(x, y, { debiased })).value;
    },
    inputBytes: (inputs) => matrixBytes((inputs as FeaturePair).x) * 2,
  };
}

function knnCase(k: number, n: number, p: number): BenchCase {
  return {
    op: 'knn:mutual', n, p, params: { k }, squareBytes: n * n * 8,
    prepare: (rng) => relatedPair(rng, n, p),
    run: async (inputs) => {
      const { mutualKnn } = await import('../../measures/knn.ts');
      const { x, y } = inputs as FeaturePair;
      return (await mutualKnn(x, y, { k, normalize: true })).value;
    },
    inputBytes: (inputs) => matrixBytes((inputs as FeaturePair).x) * 2,
  };
}

/** Features X (n×p) and targets Y (n×targets) that depend on every 16th feature plus noise: the ridge cases' inputs. */
async function ridgeProblem(rng: Rng, n: number, p: number, targets: number): Promise<FeaturePair> {
  const x = gaussian(rng, n, p);
  const weights = gaussian(rng, p, targets);
  const noise = gaussian(rng, n, targets);
  const y = matrix(n, targets, new Float64Array(n * targets));
  for (let i = 0; i < n; i++)
    for (let t = 0; t < targets; t++) {
      let s = 0;
      for (let q = 0; q < p; q += 16) s += x.data[i * p + q] * weights.data[q * targets + t];
      y.data[i * targets + t] = s + 4 * noise.data[i * targets + t];
    }
  return { x, y };
}

function ridgeCase(n: number, p: number, targets: number, folds: number, alphas: number): BenchCase {
  return {
    op: 'encode:ridge', n, p, params: { targets, folds, alphas }, squareBytes: n * n * 8,
    prepare: (rng) => ridgeProblem(rng, n, p, targets),
    run: async (inputs) => {
      const { ridgeCv } = await import('../../measures/ridge-cv.ts');
      const { x, y } = inputs as FeaturePair;
      const grid = Array.from({ length: alphas }, (_, i) => 10 ** (-2 + i));
      const fit = await ridgeCv(x, y, { alphas: grid, folds });
      return sum(fit.cvScores);
    },
    inputBytes: (inputs) => matrixBytes((inputs as FeaturePair).x) + matrixBytes((inputs as FeaturePair).y),
  };
}

/** Leave-one-out ridge over 10⁻²…10^(alphas−3), alpha per target, no intercept: scikit-learn's RidgeCV(alpha_per_target=True). */
function ridgeLooCase(n: number, p: number, targets: number, alphas: number): BenchCase {
  return {
    op: 'encode:ridge:loo', n, p, params: { targets, alphas }, squareBytes: n * n * 8,
    prepare: (rng) => ridgeProblem(rng, n, p, targets),
    run: async (inputs) => {
      const { ridgeLoo } = await import('../../measures/ridge-loo.ts');
      const { x, y } = inputs as FeaturePair;
      const grid = Array.from({ length: alphas }, (_, i) => 10 ** (-2 + i));
      return sum((await ridgeLoo(x, y, { alphas: grid })).bestScore);
    },
    inputBytes: (inputs) => matrixBytes((inputs as FeaturePair).x) + matrixBytes((inputs as FeaturePair).y),
  };
}

function primed(full: BenchCase, small: BenchCase): BenchCase {
  return { ...full, primer: small };
}

/** Every case, in the order `attune bench` runs them. */
export function benchCases(): BenchCase[] {
  const cases: BenchCase[] = [];
  for (const [n, p] of [[92, 512], [500, 4096], [2000, 4096]]) {
    cases.push(primed(rdmCase('correlation', n, p), rdmCase('correlation', 600, 64)));
    cases.push(primed(rdmCase('euclidean', n, p), rdmCase('euclidean', 600, 64)));
  }
  for (const n of [500, 2000]) {
    for (const method of ['spearman', 'tau-a', 'rho-a'] as const) cases.push(primed(compareCase(method, n), method === 'tau-a' ? tauAPrimer() : compareCase(method, 500)));
  }
  cases.push(primed(ckaCase(false, 2000, 4096), ckaCase(false, 600, 64)));
  cases.push(primed(ckaCase(true, 2000, 4096), ckaCase(true, 600, 64)));
  cases.push(primed(knnCase(10, 2000, 4096), knnCase(10, 600, 64)));
  cases.push(primed(ridgeCase(1000, 768, 1000, 5, 8), ridgeCase(200, 64, 100, 5, 8)));
  // The primer is large enough that every product and the fused LOO graph run on onnxruntime, as in the full case.
  cases.push(primed(ridgeLooCase(1000, 768, 1000, 8), ridgeLooCase(300, 128, 200, 8)));
  return cases;
}

/** The seed every bench input is drawn from. */
export const BENCH_SEED = 20261122;

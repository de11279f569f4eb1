// Cluster labels checked and encoded once: the input contract shared by the cluster-separation measures.
import { firstNonFinite, type Matrix } from '../core/matrix.ts';
import { InvalidInputError } from './errors.ts';

/** Labels encoded as cluster indices 0..k−1 (ascending label value, as numpy.unique orders them). */
export interface Clusters {
  /** Number of clusters. */
  k: number;
  /** Cluster index of every point. */
  codes: Int32Array;
  /** Points per cluster. */
  sizes: Int32Array;
  /** The label value each cluster index stands for. */
  values: number[];
  /** Point indices of each cluster, ascending. */
  members: Int32Array[];
}

/**
 * Check points (n × p, finite, not all identical) and integer labels (one per point, ≥ 2 clusters, each with ≥ 2 points)
 * and encode the labels; throws InvalidInputError naming what is wrong (for a one-point cluster: the index `what`,
 * the cluster's label and its point).
 */
export function encodeClusters(x: Matrix, labels: ArrayLike<number>, what = 'cluster measure'): Clusters {
  const n = x.rows;
  if (labels.length !== n) throw new InvalidInputError(`${what}: ${labels.length} labels for ${n} points`);
  if (x.cols < 1) throw new InvalidInputError(`${what}: points have no features (0 columns)`);
  const bad = firstNonFinite(x);
  if (bad >= 0) {
    throw new InvalidInputError(`${what}: non-finite value ${x.data[bad]} at point ${Math.floor(bad / x.cols)}, feature ${bad % x.cols}`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isInteger(labels[i])) throw new InvalidInputError(`${what}: label ${labels[i]} of point ${i} is not an integer`);
  }
  if (n > 0 && allRowsEqual(x)) throw new InvalidInputError(`${what}: all ${n} points are identical, so there is no geometry to measure`);
  const values = Array.from(new Set(Array.from(labels))).sort((a, b) => a - b);
  const k = values.length;
  if (k < 2) throw new InvalidInputError(`${what}: needs at least 2 clusters, got ${k}`);
  const index = new Map(values.map((v, c) => [v, c]));
  const codes = new Int32Array(n);
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = index.get(labels[i]) as number;
    codes[i] = c;
    sizes[c]++;
  }
  const members = Array.from(sizes, (s) => new Int32Array(s));
  const fill = new Int32Array(k);
  for (let i = 0; i < n; i++) members[codes[i]][fill[codes[i]]++] = i;
  for (let c = 0; c < k; c++) {
    if (sizes[c] < 2) {
      throw new InvalidInputError(
        `${what}: cluster ${values[c]} has 1 point (point ${members[c][0]}); every cluster needs at least 2 ` +
          `(Attune refuses one-point clusters rather than give them a conventional value)`,
      );
    }
  }
  return { k, codes, sizes, values, members };
}

function allRowsEqual(x: Matrix): boolean {
  const { rows, cols, data } = x;
  for (let i = 1; i < rows; i++) for (let j = 0; j < cols; j++) if (data[i * cols + j] !== data[j]) return false;
  return true;
}

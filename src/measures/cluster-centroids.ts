// Centroid statistics of labelled points, computed directly in float64 (differences, no Gram identity).
import { columnMeans, type Matrix } from '../core/matrix.ts';
import type { Clusters } from './cluster-labels.ts';

/** What Davies–Bouldin, Calinski–Harabasz and Xie–Beni need from the points. */
export interface CentroidStats {
  /** k × p centroids, row-major, relative to the mean of all points (add it back for the centroids themselves). */
  centroids: Float64Array;
  /** Per cluster: mean euclidean distance of its points to its centroid. */
  meanDistance: Float64Array;
  /** Per cluster: Σ ‖xᵢ − c‖² over its points. */
  withinSS: Float64Array;
  /** Σ_c n_c ‖c − m‖², m the mean of all points. */
  betweenSS: number;
  /** k × k squared euclidean distances between centroids (zero diagonal). */
  centroidDist2: Float64Array;
}

/**
 * Centroids (of the points shifted by their overall mean m), within- and between-cluster sums of squares and
 * centroid distances of labelled points. The shift is exact wherever a value lies within a factor 2 of m (Sterbenz),
 * so a large common offset costs no accuracy; every statistic is shift-invariant except the centroids themselves.
 */
export function centroidStats(x: Matrix, clusters: Clusters): CentroidStats {
  const { rows: n, cols: p, data } = x;
  const { k, codes, sizes } = clusters;
  const shift = columnMeans(x);
  const centroids = new Float64Array(k * p);
  for (let i = 0; i < n; i++) {
    const base = i * p;
    const cb = codes[i] * p;
    for (let j = 0; j < p; j++) centroids[cb + j] += data[base + j] - shift[j];
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < p; j++) centroids[c * p + j] /= sizes[c];

  const meanDistance = new Float64Array(k);
  const withinSS = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const base = i * p;
    const c = codes[i];
    const cb = c * p;
    let s = 0;
    for (let j = 0; j < p; j++) {
      const d = data[base + j] - shift[j] - centroids[cb + j];
      s += d * d;
    }
    withinSS[c] += s;
    meanDistance[c] += Math.sqrt(s);
  }
  for (let c = 0; c < k; c++) meanDistance[c] /= sizes[c];

  const mean = new Float64Array(p);
  for (let c = 0; c < k; c++) for (let j = 0; j < p; j++) mean[j] += sizes[c] * centroids[c * p + j];
  for (let j = 0; j < p; j++) mean[j] /= n;
  let betweenSS = 0;
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let j = 0; j < p; j++) {
      const d = centroids[c * p + j] - mean[j];
      s += d * d;
    }
    betweenSS += sizes[c] * s;
  }

  const centroidDist2 = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      let s = 0;
      for (let j = 0; j < p; j++) {
        const d = centroids[a * p + j] - centroids[b * p + j];
        s += d * d;
      }
      centroidDist2[a * k + b] = s;
      centroidDist2[b * k + a] = s;
    }
  }
  return { centroids, meanDistance, withinSS, betweenSS, centroidDist2 };
}

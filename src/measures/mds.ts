// Classical (Torgerson) multidimensional scaling of an RDM: the dissimilarities taken as distances, squared and
// double-centred (B = −½·J·D²·J), the top eigenvectors scaled by √eigenvalue as coordinates; and Kruskal's stress-1
// of the embedding against the dissimilarities it came from.
import { symmetricEigen } from '../core/eigen.ts';
import { matrix } from '../core/matrix.ts';
import { InvalidInputError } from './errors.ts';
import { pairCount } from './rdm-vector.ts';

/** An embedding: `coordinates` n×dims row-major, the eigenvalues of B used (descending) and the share of B's positive eigenvalues they hold. */
export interface ClassicalMds {
  n: number;
  dims: number;
  coordinates: Float64Array;
  eigenvalues: Float64Array;
  explained: number;
}

/**
 * Classical MDS of a condensed RDM (strict upper triangle, row-major) into `dims` dimensions (default 2). A dimension
 * whose eigenvalue is not positive gets zero coordinates. Each axis's sign is fixed so that its largest |coordinate|
 * is positive (eigenvectors have no sign of their own). Throws InvalidInputError on NaN or infinite dissimilarities.
 */
export function classicalMds(vector: ArrayLike<number>, n: number, dims = 2): ClassicalMds {
  if (vector.length !== pairCount(n)) throw new InvalidInputError(`MDS: ${vector.length} dissimilarities do not form an RDM of ${n} stimuli`);
  const b = new Float64Array(n * n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = vector[k++];
      if (!Number.isFinite(d)) throw new InvalidInputError(`MDS needs every dissimilarity; pair (${i + 1}, ${j + 1}) is ${d}`);
      b[i * n + j] = b[j * n + i] = d * d;
    }
  }
  doubleCentre(b, n);
  const { values, vectors } = symmetricEigen(matrix(n, n, b));
  const kept = Math.min(dims, n);
  const coordinates = new Float64Array(n * dims);
  const eigenvalues = new Float64Array(kept);
  let positive = 0;
  for (let j = 0; j < n; j++) if (values[j] > 0) positive += values[j];
  let used = 0;
  for (let c = 0; c < kept; c++) {
    const col = n - 1 - c; // eigenvalues ascend
    const lambda = values[col];
    eigenvalues[c] = lambda;
    if (!(lambda > 0)) continue;
    used += lambda;
    const scale = Math.sqrt(lambda);
    let big = 0;
    for (let i = 0; i < n; i++) if (Math.abs(vectors.data[i * n + col]) > Math.abs(big)) big = vectors.data[i * n + col];
    const sign = big < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) coordinates[i * dims + c] = sign * scale * vectors.data[i * n + col];
  }
  return { n, dims, coordinates, eigenvalues, explained: positive > 0 ? used / positive : 0 };
}

/** B ← −½·J·B·J with J = I − 11ᵀ/n, in place (B symmetric, n×n). */
function doubleCentre(b: Float64Array, n: number): void {
  const rowMean = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += b[i * n + j];
    rowMean[i] = s / n;
    total += s;
  }
  const mean = total / (n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) b[i * n + j] = -0.5 * (b[i * n + j] - rowMean[i] - rowMean[j] + mean);
  }
}

/**
 * Kruskal's stress-1 of an embedding against the dissimilarities: √(Σ (d_ij − δ_ij)² / Σ δ_ij²) over pairs i < j,
 * d the Euclidean distances between the embedded points, δ the RDM's entries (metric: no monotone fit).
 */
export function kruskalStress(vector: ArrayLike<number>, embedding: ClassicalMds): number {
  const { n, dims, coordinates } = embedding;
  let residual = 0;
  let total = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let c = 0; c < dims; c++) {
        const diff = coordinates[i * dims + c] - coordinates[j * dims + c];
        s += diff * diff;
      }
      const delta = vector[k++];
      residual += (Math.sqrt(s) - delta) ** 2;
      total += delta * delta;
    }
  }
  return total > 0 ? Math.sqrt(residual / total) : 0;
}

// The exact expectations of test/fixtures/exact/exact_expected.py (inputs included), and the error measures the
// hard-input tests hold them to.
import { readFileSync } from 'node:fs';
import { fromRows, matrix, type Matrix } from '../src/core/matrix.ts';

interface Case { x: number[][]; rdm: number[] }

/** The fixture, as exact_expected.py wrote it. */
export interface ExactFixture {
  euclidean: Record<'1e4' | '1e8', Case>;
  euclidean_f32: Record<'1e4' | '1e8', Case>;
  mahalanobis: Record<'1e4' | '1e8', Case & { noise: number[][] }>;
  crossnobis: Record<'1e4' | '1e8', Case & { conditions: number[]; runs: number[]; noise_diagonal: number[]; rdm_noise: number[] }>;
  clusters: Record<'1e4' | '1e8', {
    x: number[][];
    labels: number[];
    calinski_harabasz: number;
    xie_beni: number;
    davies_bouldin: number;
    dunn: number;
    silhouette: number;
  }>;
  near_duplicates: { x: number[][]; correlation: number[]; cosine: number[]; euclidean: number[] };
}

export const exact = JSON.parse(readFileSync(new URL('../test/fixtures/exact/exact_expected.json', import.meta.url), 'utf8')) as ExactFixture;

/** The two offsets (offset / spread) every offset case is computed at. */
export const OFFSETS = ['1e4', '1e8'] as const;

/** Rows as a float64 matrix, or float32 (the fixture holds float32 values exactly). */
export function features(rows: number[][], float32 = false): Matrix {
  const m = fromRows(rows);
  return float32 ? matrix(m.rows, m.cols, Float32Array.from(m.data)) : m;
}

/** Largest |a − e| / |e| over the entries (exact zeros compared absolutely). */
export function maxRelErr(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new RangeError(`length ${actual.length} vs ${expected.length}`);
  let worst = 0;
  for (let k = 0; k < actual.length; k++) {
    const e = expected[k];
    worst = Math.max(worst, e === 0 ? Math.abs(actual[k]) : Math.abs(actual[k] - e) / Math.abs(e));
  }
  return worst;
}

/** Largest |a − e| over the entries. */
export function maxAbsErr(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let worst = 0;
  for (let k = 0; k < actual.length; k++) worst = Math.max(worst, Math.abs(actual[k] - expected[k]));
  return worst;
}

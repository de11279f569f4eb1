// How far a float32 tensor from onnxruntime is from its float64 reference forward pass.
import type { Array64 } from './vision-reference.ts';

/** Largest |a − b| / max(1, |b|) between a float32 tensor and its float64 reference; throws when the shapes differ. */
export function maxRelDiff(actual: { dims: readonly number[]; data: unknown }, ref: Array64): number {
  if (actual.dims.length !== ref.dims.length || actual.dims.some((d, i) => d !== ref.dims[i])) {
    throw new Error(`shape [${actual.dims.join(', ')}] is not the reference's [${ref.dims.join(', ')}]`);
  }
  const a = actual.data as Float32Array;
  let worst = 0;
  ref.data.forEach((v, i) => (worst = Math.max(worst, Math.abs(a[i] - v) / Math.max(1, Math.abs(v)))));
  return worst;
}

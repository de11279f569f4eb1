// How a cost grows with size: the least-squares power law value ≈ coefficient · n^exponent, fitted on log–log axes.

/** A fitted power law: `exponent` is the least-squares slope of log(value) on log(n), `coefficient` is e^intercept. */
export interface PowerLawFit {
  exponent: number;
  coefficient: number;
  /** How many (n, value) points the fit used (those with a finite, positive value). */
  points: number;
}

/**
 * Least-squares slope and intercept of log(values) on log(sizes) (numpy's `polyfit(log n, log v, 1)`); points whose
 * value is not finite and positive are left out; null when fewer than two distinct sizes remain.
 */
export function fitPowerLaw(sizes: readonly number[], values: readonly number[]): PowerLawFit | null {
  if (sizes.length !== values.length) throw new RangeError(`fitPowerLaw: ${sizes.length} sizes but ${values.length} values`);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < sizes.length; i++) {
    if (!(sizes[i] > 0) || !Number.isFinite(sizes[i])) throw new RangeError(`fitPowerLaw: size ${sizes[i]} is not a positive number`);
    if (!(values[i] > 0) || !Number.isFinite(values[i])) continue;
    xs.push(Math.log(sizes[i]));
    ys.push(Math.log(values[i]));
  }
  if (new Set(xs).size < 2) return null;
  const meanX = xs.reduce((s, x) => s + x, 0) / xs.length;
  const meanY = ys.reduce((s, y) => s + y, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - meanX) * (ys[i] - meanY);
    sxx += (xs[i] - meanX) ** 2;
  }
  const exponent = sxy / sxx;
  return { exponent, coefficient: Math.exp(meanY - exponent * meanX), points: xs.length };
}

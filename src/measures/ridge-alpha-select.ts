// Choosing ridge's alpha from cross-validation scores as himalaya does (mean over folds, a tiny slope in ln α, argmax).

/** himalaya's tie-break: ε·ln α is added to the mean fold score before the argmax. */
export const TIE_SLOPE = 1e-10;

/** Mean over folds (summed in fold order, as numpy's mean over axis 0), alphas × targets. */
export function meanOverFolds(scores: Float64Array, nf: number, na: number, t: number): Float64Array {
  const mean = new Float64Array(na * t);
  for (let f = 0; f < nf; f++) {
    const src = f * na * t;
    for (let i = 0; i < na * t; i++) mean[i] += scores[src + i];
  }
  for (let i = 0; i < na * t; i++) mean[i] /= nf;
  return mean;
}

/** himalaya's _select_best_alphas (conservative=False): slope, then argmax per target or over the target mean. */
export function selectAlphas(mean: Float64Array, alphas: Float64Array, t: number, perTarget: boolean): { index: Uint32Array; score: Float64Array } {
  const na = alphas.length;
  const sloped = new Float64Array(na * t);
  for (let a = 0; a < na; a++) {
    const bias = Math.log(alphas[a]) * TIE_SLOPE;
    for (let j = 0; j < t; j++) sloped[a * t + j] = mean[a * t + j] + bias;
  }
  const index = new Uint32Array(t);
  if (perTarget) {
    for (let j = 0; j < t; j++) {
      let best = 0;
      for (let a = 1; a < na; a++) if (sloped[a * t + j] > sloped[best * t + j]) best = a;
      index[j] = best;
    }
  } else {
    let best = 0;
    let bestMean = Number.NaN;
    for (let a = 0; a < na; a++) {
      let acc = 0;
      for (let j = 0; j < t; j++) acc += sloped[a * t + j];
      const avg = acc / t;
      if (a === 0 || avg > bestMean) {
        bestMean = avg;
        best = a;
      }
    }
    index.fill(best);
  }
  const score = new Float64Array(t);
  for (let j = 0; j < t; j++) score[j] = sloped[index[j] * t + j];
  return { index, score };
}

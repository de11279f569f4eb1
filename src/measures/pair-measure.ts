// The model–model measures of two representations of the same stimuli, by id: CKA (linear or RBF, biased or
// debiased), SVCCA, PWCCA, Procrustes (distance, angular), mutual and cycle k-NN, CKNNA. An id names the measure
// and may carry its parameters exactly as the Score's `measure` field reports them (`knn:mutual:k5`,
// `cka:rbf:sigma0.5:debiased`, `svcca:var0.9`), so what a result says can be passed back.
import type { Matrix } from '../core/matrix.ts';
import { svcca, pwcca } from './cca.ts';
import { linearCka, rbfCka } from './cka.ts';
import { cknna, cycleKnn, mutualKnn } from './knn.ts';
import { procrustesAngular, procrustesDistance } from './procrustes.ts';
import type { Score } from './score.ts';

/** A parsed measure id with its parameters (undefined: the measure's default). */
export type PairMeasure =
  | { family: 'cka'; kernel: 'linear' | 'rbf'; debiased: boolean; threshold?: number }
  | { family: 'svcca'; varianceKept?: number }
  | { family: 'pwcca' }
  | { family: 'procrustes'; angular: boolean }
  | { family: 'knn'; kind: 'mutual' | 'cycle'; k?: number; normalize: boolean }
  | { family: 'cknna'; k?: number; normalize: boolean };

/** The defaults the measures apply (k-NN neighbours, SVCCA variance share, RBF σ as a fraction of the median distance). */
export const PAIR_MEASURE_DEFAULTS = { k: 10, varianceKept: 0.99, threshold: 0.8 } as const;

/** Every accepted id form, for help and error messages (parameters in brackets). */
export const PAIR_MEASURE_FORMS: readonly string[] = [
  'cka[:linear][:debiased]',
  'cka:rbf[:sigmaF][:debiased]',
  'svcca[:varF]',
  'pwcca',
  'procrustes[:angular]',
  'knn[:mutual|:cycle][:kN][:l2norm]',
  'cknna[:kN][:l2norm]',
];

/** The measure families, as `--measure` names them. */
export const PAIR_MEASURE_FAMILIES = ['cka', 'svcca', 'pwcca', 'procrustes', 'knn', 'cknna'] as const;

/** A positive number parameter written after a prefix (`sigma0.5`, `var0.9`), or undefined when `token` does not start so. */
function numberAfter(token: string, prefix: string): number | undefined {
  if (!token.startsWith(prefix)) return undefined;
  const text = token.slice(prefix.length);
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new RangeError(`'${token}': ${prefix} needs a number, as in ${prefix}0.5`);
  return n;
}

/** The integer k of a `kN` token (undefined when the token is not one). */
function kAfter(token: string): number | undefined {
  if (!/^k\d+$/.test(token)) return undefined;
  return Number(token.slice(1));
}

/**
 * Parse a measure id (`cka`, `cka:linear:debiased`, `cka:rbf:sigma0.5`, `svcca:var0.9`, `pwcca`, `procrustes:angular`,
 * `knn:cycle:k5:l2norm`, `cknna:k5`, …); throws RangeError naming the accepted forms when it is not one.
 */
export function parsePairMeasure(id: string): PairMeasure {
  const [family, ...rest] = id.trim().split(':');
  const bad = (why: string): RangeError => new RangeError(`'${id}': ${why}; measures: ${PAIR_MEASURE_FORMS.join(', ')}`);
  const take = (accept: (token: string) => boolean): void => {
    const extra = rest.find((t) => !accept(t));
    if (extra !== undefined) throw bad(`'${extra}' is not a parameter of ${family}`);
  };
  const once = (tokens: string[]): void => {
    const seen = new Set<string>();
    for (const t of tokens) {
      const key = t.replace(/[\d.].*$/, '');
      if (seen.has(key)) throw bad(`'${key}' given twice`);
      seen.add(key);
    }
  };
  once(rest);
  switch (family) {
    case 'cka': {
      const kernel = rest.includes('rbf') ? 'rbf' : 'linear';
      let threshold: number | undefined;
      take((t) => {
        if (t === 'linear' || t === 'rbf' || t === 'debiased') return true;
        const sigma = numberAfter(t, 'sigma');
        if (sigma === undefined) return false;
        if (kernel !== 'rbf') throw bad(`'${t}' applies to cka:rbf only`);
        threshold = sigma;
        return true;
      });
      if (rest.includes('linear') && kernel === 'rbf') throw bad('linear and rbf both given');
      return { family, kernel, debiased: rest.includes('debiased'), threshold };
    }
    case 'svcca': {
      let varianceKept: number | undefined;
      take((t) => (varianceKept = numberAfter(t, 'var')) !== undefined);
      return { family, varianceKept };
    }
    case 'pwcca':
      take(() => false);
      return { family };
    case 'procrustes':
      take((t) => t === 'angular');
      return { family, angular: rest.includes('angular') };
    case 'knn':
    case 'cknna': {
      let k: number | undefined;
      take((t) => {
        if (t === 'l2norm' || (family === 'knn' && (t === 'mutual' || t === 'cycle'))) return true;
        return (k = kAfter(t)) !== undefined;
      });
      if (rest.includes('mutual') && rest.includes('cycle')) throw bad('mutual and cycle both given');
      const normalize = rest.includes('l2norm');
      return family === 'knn' ? { family, kind: rest.includes('cycle') ? 'cycle' : 'mutual', k, normalize } : { family, k, normalize };
    }
    default:
      throw bad(`unknown measure '${family}'`);
  }
}

/** The smallest number of stimuli the measure is defined on (k-NN: k + 1; CKNNA: also 4; debiased CKA: 4). */
export function pairMeasureMinimum(m: PairMeasure): number {
  switch (m.family) {
    case 'cka':
      return m.debiased ? 4 : 3;
    case 'svcca':
    case 'pwcca':
      return 3;
    case 'procrustes':
      return 2;
    case 'knn':
      return (m.k ?? PAIR_MEASURE_DEFAULTS.k) + 1;
    case 'cknna':
      return Math.max(4, (m.k ?? PAIR_MEASURE_DEFAULTS.k) + 1);
  }
}

/** Whether the measure centres the representations (so a representation constant across stimuli leaves it undefined). */
export function pairMeasureCentres(m: PairMeasure): boolean {
  return m.family !== 'knn' && m.family !== 'cknna';
}

/** The parameters measure `m` runs with, defaults filled in (what `--json` reports as `parameters`). */
export function pairMeasureParameters(m: PairMeasure): Record<string, string | number | boolean> {
  switch (m.family) {
    case 'cka':
      return m.kernel === 'rbf'
        ? { kernel: 'rbf', debiased: m.debiased, threshold: m.threshold ?? PAIR_MEASURE_DEFAULTS.threshold }
        : { kernel: 'linear', debiased: m.debiased };
    case 'svcca':
      return { varianceKept: m.varianceKept ?? PAIR_MEASURE_DEFAULTS.varianceKept };
    case 'pwcca':
      return {};
    case 'procrustes':
      return { angular: m.angular };
    case 'knn':
      return { kind: m.kind, k: m.k ?? PAIR_MEASURE_DEFAULTS.k, normalize: m.normalize };
    case 'cknna':
      return { k: m.k ?? PAIR_MEASURE_DEFAULTS.k, normalize: m.normalize };
  }
}

/** Compute measure `m` between X and Y (rows = the same stimuli); the Score's id carries the parameters used. */
export function runPairMeasure(m: PairMeasure, x: Matrix, y: Matrix): Promise<Score> {
  switch (m.family) {
    case 'cka':
      return m.kernel === 'rbf' ? rbfCka(x, y, { threshold: m.threshold, debiased: m.debiased }) : linearCka(x, y, { debiased: m.debiased });
    case 'svcca':
      return svcca(x, y, { varianceKept: m.varianceKept });
    case 'pwcca':
      return pwcca(x, y);
    case 'procrustes':
      return m.angular ? procrustesAngular(x, y) : procrustesDistance(x, y);
    case 'knn': {
      const options = { k: m.k ?? PAIR_MEASURE_DEFAULTS.k, normalize: m.normalize };
      return m.kind === 'cycle' ? cycleKnn(x, y, options) : mutualKnn(x, y, options);
    }
    case 'cknna':
      return cknna(x, y, { k: m.k ?? PAIR_MEASURE_DEFAULTS.k, normalize: m.normalize });
  }
}

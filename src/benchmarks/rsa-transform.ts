// The RDM transform an RSA benchmark (and `attune compare`) may apply before comparing: the geo-topological
// transform of topological RSA, with its lower and upper distance quantiles.
import { InputError } from '../core/input-error.ts';
import { geotopologicalTransform } from '../measures/geotopological.ts';

/** The quantiles of a geo-topological transform. */
export interface RsaTransform {
  lower: number;
  upper: number;
}

/** Parse `geotopological` or `geotopological:lower,upper` (0 ≤ lower < upper ≤ 1); InputError on `flag` otherwise. */
export function parseRsaTransform(value: string, flag = '--transform'): RsaTransform {
  const m = /^geotopological(?::([^,]+),(.+))?$/.exec(value.trim());
  if (!m) throw new InputError(`${flag} must be geotopological or geotopological:lower,upper; got '${value}'`, { file: flag });
  if (m[1] === undefined) return { lower: 0, upper: 1 };
  const lower = Number(m[1]);
  const upper = Number(m[2]);
  if (!(lower >= 0 && upper <= 1 && lower < upper) || m[1].trim() === '' || m[2].trim() === '') {
    throw new InputError(`${flag} geotopological needs quantiles 0 ≤ lower < upper ≤ 1; got '${value}'`, { file: flag });
  }
  return { lower, upper };
}

/** The measure-id suffix of a transform, e.g. ':geotopological(0.1,0.9)'; '' without one. */
export function transformSuffix(t: RsaTransform | undefined): string {
  return t ? `:geotopological(${t.lower},${t.upper})` : '';
}

/** A condensed RDM after the transform (a copy), or the RDM itself without one. */
export function applyRsaTransform(rdm: ArrayLike<number>, t: RsaTransform | undefined): ArrayLike<number> {
  return t ? geotopologicalTransform(rdm, t.lower, t.upper) : rdm;
}

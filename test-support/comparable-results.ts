// Results documents made comparable across machines: everything but timings, cache flags and the creation time,
// with NaN and infinities kept (toStorable) and typed arrays as plain arrays.
import { toStorable } from '../src/run/storable-json.ts';

const VARYING = new Set(['seconds', 'cached', 'created']);

/** A results document (RunResults, or one read from results.json) as plain JSON without the keys that differ from run to run. */
export function comparable(results: object): unknown {
  return JSON.parse(JSON.stringify(toStorable(results), (key, value) => (VARYING.has(key) ? undefined : value)));
}

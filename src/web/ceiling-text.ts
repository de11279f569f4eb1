// A noise ceiling in words: both bounds where it has two ('[0.2419, 0.3917]'), and which number `normalized` divides by.
import type { Ceiling } from '../measures/score.ts';
import { formatValue } from './format.ts';

/** Whether the ceiling has a lower and an upper bound. */
function twoBounds(c: Ceiling): c is Ceiling & { lower: number; upper: number } {
  return typeof c.lower === 'number' && typeof c.upper === 'number';
}

/** Which bound `normalized` divides by, when the ceiling's value is one of its two bounds. */
function divisorBound(c: Ceiling): 'lower' | 'upper' | undefined {
  if (!twoBounds(c)) return undefined;
  return c.value === c.lower ? 'lower' : c.value === c.upper ? 'upper' : undefined;
}

/** The ceiling as a cell shows it: '[lower, upper]' with two bounds (preceded by the value when it is neither), else the value (4 decimals). */
export function ceilingBounds(c: Ceiling): string {
  if (!twoBounds(c)) return formatValue(c.value);
  const bounds = `[${formatValue(c.lower)}, ${formatValue(c.upper)}]`;
  return divisorBound(c) ? bounds : `${formatValue(c.value)} ${bounds}`;
}

/** What `normalized` divides by: '0.2419 (the lower bound)', '… (the upper bound)', or the value alone when it is neither bound. */
export function ceilingDivisor(c: Ceiling): string {
  const bound = divisorBound(c);
  return bound ? `${formatValue(c.value)} (the ${bound} bound)` : formatValue(c.value);
}

/** The ceiling in full for the detail page: its bounds, what normalised divides by, and how it was estimated. */
export function ceilingSentence(c: Ceiling): string {
  const bounds = twoBounds(c) ? `lower ${formatValue(c.lower)}, upper ${formatValue(c.upper)}` : formatValue(c.value);
  return `${bounds}; normalised divides by ${ceilingDivisor(c)} — ${c.method}`;
}

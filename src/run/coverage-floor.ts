// The coverage floor: below it a row is marked insufficient (kept, with its reason, but shown without a value), so a
// score resting on a handful of items is never read as a result. Documented in the README ("Reading the scorecard").

/** Rows need at least this many covered items … */
export const MIN_COVERED_ITEMS = 20;
/** … and at least this share of the data set's items. */
export const MIN_COVERED_SHARE = 0.5;

/** Why a row with this coverage is insufficient, or undefined when it clears the floor. */
export function insufficientCoverage(coverage: { n_items: number; n_covered: number }): string | undefined {
  const { n_items, n_covered } = coverage;
  const share = n_items > 0 ? n_covered / n_items : 0;
  if (n_covered >= MIN_COVERED_ITEMS && share >= MIN_COVERED_SHARE) return undefined;
  const need = `the floor is ${MIN_COVERED_ITEMS} items and ${100 * MIN_COVERED_SHARE}% of the data set`;
  return `insufficient coverage: ${n_covered} of ${n_items} items (${formatShare(n_covered, n_items)}); ${need}`;
}

/** A coverage share as a percentage that never rounds a partial coverage up to 100% (4680 of 4682 is 99.96%, not 100.0%) nor a non-zero one down to 0%. */
export function formatShare(covered: number, items: number): string {
  if (items <= 0) return '-';
  const p = (100 * covered) / items;
  let digits = 1;
  while (digits < 6 && ((covered < items && Number(p.toFixed(digits)) >= 100) || (covered > 0 && Number(p.toFixed(digits)) <= 0))) digits++;
  return `${p.toFixed(digits)}%`;
}

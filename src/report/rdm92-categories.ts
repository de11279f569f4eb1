// The six categories of the 92 images (Kriegeskorte 2008; Cichy 2014 shows the same pictures in the same order),
// from the supplemental 92×12 indicator matrix, in the order the figures show them (animate first), and where each
// category begins and ends along a heatmap's rows and columns.

/** The six stimulus categories, in figure order. */
export const RDM92_CATEGORIES = ['human body', 'human face', 'animal body', 'animal face', 'natural object', 'artificial object'] as const;

/** A stretch of one category along a heatmap's axis: its label, first position and how many stimuli. */
export interface CategoryRun {
  label: string;
  start: number;
  count: number;
}

/** Each stimulus's category from the indicator matrix (n × labels.length, columns named animate, human, face, natObj, artiObj…). */
export function stimulusCategories(labels: readonly string[], indicators: ArrayLike<number>, n: number): string[] {
  const has = (i: number, label: string) => {
    const c = labels.indexOf(label);
    return c >= 0 && indicators[i * labels.length + c] === 1;
  };
  return Array.from({ length: n }, (_, i) => {
    if (has(i, 'animate')) return `${has(i, 'human') ? 'human' : 'animal'} ${has(i, 'face') ? 'face' : 'body'}`;
    if (has(i, 'natObj')) return 'natural object';
    if (has(i, 'artiObj')) return 'artificial object';
    return 'other';
  });
}

/** The stimuli sorted by category (figure order, 'other' last), then by index. */
export function categoryOrder(categories: readonly string[]): number[] {
  const rank = (c: string) => {
    const k = RDM92_CATEGORIES.indexOf(c as (typeof RDM92_CATEGORIES)[number]);
    return k < 0 ? RDM92_CATEGORIES.length : k;
  };
  return categories.map((_, i) => i).sort((a, b) => rank(categories[a]) - rank(categories[b]) || a - b);
}

/** The runs of equal category along `order`. */
export function categoryRuns(order: readonly number[], categories: readonly string[]): CategoryRun[] {
  const runs: CategoryRun[] = [];
  order.forEach((stimulus, position) => {
    const label = categories[stimulus];
    const last = runs.at(-1);
    if (last && last.label === label) last.count++;
    else runs.push({ label, start: position, count: 1 });
  });
  return runs;
}

// A 2-D MDS picture of an RDM: one point per stimulus with its label beside it, coloured by category when labels
// repeat, axes on one scale (distances in the plane read as dissimilarities), stress and explained share in the subtitle.
import type { TopLevelSpec } from 'vega-lite';
import { CONFIG, SCHEMA } from './plot-basics.ts';
import { titleLines } from './plot-text.ts';

/** What the picture shows: n points (x, y), their labels (undefined: numbered 1…n) and the lines under the title. */
export interface MdsPicture {
  title: string;
  subtitle: string[];
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  labels?: readonly string[];
}

/** Side of the plotting area (px), and the width titles wrap to. */
const SIDE = 360;
const TITLE_WIDTH = SIDE + 50;

/** The Vega-Lite spec: points with text labels; one colour per category when some label repeats (no text then, a legend instead, past 40 points). */
export function mdsSpec(picture: MdsPicture): TopLevelSpec {
  const n = picture.x.length;
  const labels = picture.labels ?? Array.from({ length: n }, (_, i) => String(i + 1));
  const categories = new Set(labels).size < labels.length;
  const values = Array.from({ length: n }, (_, i) => ({ x: picture.x[i], y: picture.y[i], label: labels[i] }));
  // One scale for both axes, so that the plane is not stretched.
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v.x, v.y);
    hi = Math.max(hi, v.x, v.y);
  }
  const pad = (hi - lo) * 0.08 || 1;
  const domain = [lo - pad, hi + pad];
  const colour = categories ? { color: { field: 'label', type: 'nominal' as const, title: 'category', sort: null } } : {};
  const showText = !categories || n <= 40;
  return {
    $schema: SCHEMA,
    title: {
      text: titleLines([picture.title], TITLE_WIDTH, 'title'),
      subtitle: titleLines(picture.subtitle, TITLE_WIDTH, 'subtitle'),
      anchor: 'start',
    },
    width: SIDE,
    height: SIDE,
    data: { values },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: 'MDS dimension 1', scale: { domain, nice: false } },
      y: { field: 'y', type: 'quantitative', title: 'MDS dimension 2', scale: { domain, nice: false } },
    },
    layer: [
      { mark: { type: 'point', filled: true, size: 40, opacity: 0.85, ...(categories ? {} : { color: '#4c78a8' }) }, encoding: { ...colour } },
      ...(showText
        ? [{ mark: { type: 'text' as const, align: 'left' as const, dx: 5, dy: -5, fontSize: 10, color: '#333' }, encoding: { text: { field: 'label', type: 'nominal' as const } } }]
        : []),
    ],
    config: CONFIG,
  };
}

// An RDM heatmap for the report as one SVG: the cells (a one-pixel-per-cell PNG drawn scaled up), white lines at the
// category boundaries with the categories named on the left, and a colour bar with the dissimilarity at its ends and
// middle (colour is the percentile among the off-diagonal cells).
import { escapeHtml } from './escape-html.ts';
import { heatmapColour, heatmapPalettePng, offDiagonalSorted } from './heatmap-png.ts';
import type { CategoryRun } from './rdm92-categories.ts';
import { textWidth } from './text-width.ts';

/** One heatmap of the report: a caption, the n×n matrix (row-major), the display order and its category runs (none: no boundaries). */
export interface RdmFigure {
  title: string;
  n: number;
  square: ArrayLike<number>;
  order: readonly number[];
  runs: readonly CategoryRun[];
  /** Draw lines between the runs (default true); false labels stimuli one by one without boundaries. */
  boundaries?: boolean;
  /** Side of the drawn matrix in px (default 276). */
  side?: number;
}

/** Side of the drawn matrix (px), text size, the colour bar's height and the gap around things. */
const DEFAULT_SIDE = 276;
const FONT = 10;
const BAR = 10;
const GAP = 4;

/** A number for the colour bar's labels: 3 significant digits. */
function short(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(3))) : String(x);
}

/** A coordinate with at most 2 decimals. */
function px(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The figure's SVG; `id` must be unique in the page (it scopes the colour bar's gradient). */
export function heatmapFigureSvg(figure: RdmFigure, id: string): string {
  const { n, square, order, runs } = figure;
  const SIDE = figure.side ?? DEFAULT_SIDE;
  const png = heatmapPalettePng(square, n, order).toString('base64');
  const left = runs.length > 0 ? Math.ceil(Math.max(...runs.map((r) => textWidth(r.label, FONT)))) + 2 * GAP : GAP;
  const cell = SIDE / n;
  const barTop = GAP + SIDE + 2 * GAP;
  const textTop = barTop + BAR + GAP + FONT;
  const width = left + SIDE + GAP;
  const height = textTop + GAP;
  const sorted = offDiagonalSorted(square, n);
  const [lo, mid, hi] = [sorted[0], sorted[Math.floor((sorted.length - 1) / 2)], sorted[sorted.length - 1]];
  const stops = Array.from({ length: 9 }, (_, k) => `<stop offset="${k / 8}" stop-color="rgb(${heatmapColour(k / 8).join(',')})"/>`).join('');
  const lines = (figure.boundaries === false ? [] : runs.slice(1)).map((r) => `<path d="M${left},${px(GAP + r.start * cell)}h${SIDE}M${px(left + r.start * cell)},${GAP}v${SIDE}"/>`);
  const labels = runs.map((r) => `<text x="${left - GAP}" y="${px(GAP + (r.start + r.count / 2) * cell + FONT * 0.35)}" text-anchor="end">${escapeHtml(r.label)}</text>`);
  const ticks = [
    `<text x="${left}" y="${textTop}">${short(lo)} similar</text>`,
    `<text x="${left + SIDE / 2}" y="${textTop}" text-anchor="middle">${short(mid)}</text>`,
    `<text x="${left + SIDE}" y="${textTop}" text-anchor="end">dissimilar ${short(hi)}</text>`,
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(`RDM heatmap: ${figure.title}`)}" font-family="sans-serif" font-size="${FONT}">`,
    `<defs><linearGradient id="${id}-ramp">${stops}</linearGradient></defs>`,
    `<image x="${left}" y="${GAP}" width="${SIDE}" height="${SIDE}" preserveAspectRatio="none" image-rendering="optimizeSpeed" style="image-rendering:pixelated" href="data:image/png;base64,${png}"/>`,
    lines.length > 0 ? `<g class="boundaries" stroke="#fff" stroke-width="1.5">${lines.join('')}</g>` : '',
    `<rect x="${left}" y="${GAP}" width="${SIDE}" height="${SIDE}" fill="none" stroke="#888"/>`,
    labels.length > 0 ? `<g class="categories">${labels.join('')}</g>` : '',
    `<rect class="colour-bar" x="${left}" y="${barTop}" width="${SIDE}" height="${BAR}" fill="url(#${id}-ramp)"/>`,
    `<g class="colour-bar-labels">${ticks.join('')}</g>`,
    '</svg>',
  ].join('');
}

// The report's RDM heatmaps (92-image literature rows; the targets of a vision run), each an SVG with its colour bar
// and, for the 92-image sets, category boundaries.
import { escapeHtml } from './escape-html.ts';
import { heatmapFigureSvg, type RdmFigure } from './heatmap-figure.ts';
import type { Outline } from './outline.ts';

/** The RDM section (empty without figures). */
export function rdmSection(figures: readonly RdmFigure[], outline: Outline): string {
  if (figures.length === 0) return '';
  const cells = figures.map((f, k) => `<figure class="rdm">${heatmapFigureSvg(f, `rdm${k}`)}<figcaption>${escapeHtml(f.title)}</figcaption></figure>`);
  return [
    outline.heading(2, 'RDM heatmaps'),
    '<p class="how">Rows and columns in category order where the pictures have categories (animate first: human and animal bodies and faces, then natural ' +
      'and artificial objects; white lines mark where a category ends); colour = percentile of the dissimilarity among the off-diagonal cells ' +
      '(blue similar, yellow dissimilar), the colour bar labelled with the smallest, median and largest dissimilarity.</p>',
    `<div class="rdms">${cells.join('')}</div>`,
  ].join('\n');
}

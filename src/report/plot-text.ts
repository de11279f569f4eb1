// The text sizes of the report's plots, and titles wrapped to a plot's width, so that no title or label is cut
// and no plot is widened by its title (vega lays the text out with the same widths: vega-text-metrics.ts).
import { wrapText } from './text-width.ts';

/** Font sizes (px) every report plot uses: config.title and the axes' labels. */
export const TITLE_SIZE = 13;
export const SUBTITLE_SIZE = 11;
export const LABEL_SIZE = 11;
/** Line height of multi-line labels (vega's default: font size + 2). */
export const LABEL_LINE = LABEL_SIZE + 2;

/**
 * A plot title as lines no wider than `width` px, each given line wrapped on its own (bold for the title, not for
 * subtitles): one string when it all fits on one line, else the lines (vega draws an array as lines).
 */
export function titleLines(lines: readonly string[], width: number, kind: 'title' | 'subtitle'): string | string[] {
  const size = kind === 'title' ? TITLE_SIZE : SUBTITLE_SIZE;
  const wrapped = lines.flatMap((line) => wrapText(line, width, size, kind === 'title'));
  return wrapped.length === 1 ? wrapped[0] : wrapped;
}

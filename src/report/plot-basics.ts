// What every report plot shares: the Vega-Lite schema URL, the config (generic font, white background, text sizes),
// file-safe ids and the null that stands for a missing number in inline data.
import { LABEL_SIZE, SUBTITLE_SIZE, TITLE_SIZE } from './plot-text.ts';

/** The Vega-Lite schema every report spec names. */
export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** The config of every report spec: a generic font (resvg maps it to DejaVu Sans) on white, with fixed text sizes. */
export const CONFIG = {
  font: 'sans-serif',
  background: 'white',
  title: { fontSize: TITLE_SIZE, subtitleFontSize: SUBTITLE_SIZE },
  axis: { labelFontSize: LABEL_SIZE },
} as const;

/** Lower-case id with every run of characters other than a–z and 0–9 turned into one '-'. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'plot';
}

/** The number when finite, else null (what inline data uses for a gap; NaN read back from results.json is null too). */
export function finiteOrNull(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

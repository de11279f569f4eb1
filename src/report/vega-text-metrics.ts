// Vega measures text with a canvas when one is installed, else guesses 0.8 em per character (far too wide for
// most text: plots came out with empty margins). The report measures with DejaVu Sans's widths instead.
import * as vega from 'vega';
import { textWidth } from './text-width.ts';

/** What vega passes to its text measure: a text item's font settings (and a truncation limit). */
interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
  limit?: number;
}

/** Width of one line of a vega text item in pixels, capped at its `limit` (vega truncates to it when drawing). */
export function measureText(item: TextItem, text: unknown): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const weight = item.fontWeight;
  const bold = weight === 'bold' || weight === 'bolder' || (typeof weight === 'number' && weight >= 600) || (typeof weight === 'string' && Number(weight) >= 600);
  const width = textWidth(text == null ? '' : String(text).trim(), size, bold);
  return item.limit !== undefined && item.limit > 0 ? Math.min(width, item.limit) : width;
}

/** Make vega lay out text with measureText (idempotent; the whole process's vega shares it). */
export function useDejaVuMetrics(): void {
  // vega exports textMetrics at run time; its type declarations leave it out.
  (vega as unknown as { textMetrics: { width: typeof measureText } }).textMetrics.width = measureText;
}

// Number formatting: 4 decimals and p-values as the CLI scorecard (the same functions), full precision as the CLI's --json.
import { formatP } from '../report/format-p.ts';
import { formatValue } from '../report/scorecard.ts';

export { formatP, formatValue };

/** A 95% interval as '[lo, hi]' with 4 decimals, or '' when absent. */
export function formatCi(ci: [number, number] | undefined): string {
  return ci ? `[${formatValue(ci[0])}, ${formatValue(ci[1])}]` : '';
}

/** A float64 as the shortest text that reads back to it (what `attune … --json` prints). */
export function formatFull(x: number): string {
  return Number.isFinite(x) ? String(x) : Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
}

/** Coverage as 'covered/items (p%)'. */
export function formatCoverage(covered: number, items: number): string {
  return items > 0 ? `${covered}/${items} (${((100 * covered) / items).toFixed(1)}%)` : `${covered}/${items}`;
}

/** value / ceiling when the score has a ceiling (the stored `normalized` when present), else undefined. */
export function normalizedOf(score: { value: number; ceiling?: { value: number }; normalized?: number }): number | undefined {
  if (!score.ceiling) return undefined;
  if (score.normalized !== undefined) return score.normalized;
  const c = score.ceiling.value;
  return c !== 0 && Number.isFinite(c) ? score.value / c : undefined;
}

/** A date-time as 'YYYY-MM-DD HH:MM' (local time). */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

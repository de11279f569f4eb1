// p-values written for people, the same everywhere text is printed (scorecard, report, dashboard, CLI lines):
// 'p < 0.0001' below that, otherwise three significant digits ('p = 0.0312', 'p = 0.5').

/** A p-value as text: 'p < 0.0001', 'p = 0.0312' (3 significant digits, trailing zeros dropped), '-' when absent or not a number. */
export function formatP(p: number | null | undefined): string {
  if (p === undefined || p === null || !Number.isFinite(p)) return '-';
  if (p < 0.0001) return 'p < 0.0001';
  return `p = ${Number(p.toPrecision(3))}`;
}

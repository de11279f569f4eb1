// CLI output: atomic file writes, one JSON document on stdout, exact number formatting, human notes on stderr.
export { writeFileAtomic } from '../core/atomic-write.ts';

/** A float64 as the shortest text that reads back to the same number (what Python's repr prints). */
export function formatNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
}

/** The square CSV of a condensed RDM vector (strict upper triangle, row-major): each value is formatted once. */
export function condensedToSquareCsv(vector: ArrayLike<number>, n: number): string {
  const text: string[] = new Array(vector.length);
  for (let k = 0; k < vector.length; k++) text[k] = formatNumber(vector[k]);
  const lines: string[] = new Array(n);
  const fields: string[] = new Array(n);
  // Row i: entries (j, i) for j < i come from the upper triangle's column i, then 0, then row i's own entries.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) fields[j] = text[n * j - (j * (j + 1)) / 2 + (i - j - 1)];
    fields[i] = '0';
    const base = n * i - (i * (i + 1)) / 2 - i - 1;
    for (let j = i + 1; j < n; j++) fields[j] = text[base + j];
    lines[i] = fields.join(',');
  }
  return lines.join('\n') + '\n';
}

/** JSON text of a value: typed arrays become arrays, non-finite numbers become null. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
    return v;
  });
}

/** Print ONE JSON document (one line) on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(toJson(value) + '\n');
}

/** Print result text on stdout. */
export function printText(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

/** Print a human note (progress, warnings, where a file went) on stderr. */
export function note(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : text + '\n');
}

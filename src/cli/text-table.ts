// Plain-text tables for the terminal: columns padded to their widest cell.

/** Rows of cells as lines, each column padded to its widest cell (the last column is not padded). */
export function alignColumns(rows: readonly (readonly string[])[], gap = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, c) => (widths[c] = Math.max(widths[c] ?? 0, [...cell].length)));
  return rows.map((row) => row.map((cell, c) => (c === row.length - 1 ? cell : cell + ' '.repeat(widths[c] - [...cell].length))).join(gap));
}

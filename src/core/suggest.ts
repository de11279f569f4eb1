// "Did you mean …?": the known names closest to a mistyped one, by prefix or by edit distance.

/**
 * Optimal-string-alignment distance (Levenshtein with adjacent transpositions) between two strings, case-insensitive;
 * written here because it is ten lines and every CLI error path would otherwise pull in a dependency.
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...new Array<number>(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) rows[0][j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[s.length][t.length];
}

/**
 * The candidates a mistyped `input` most likely meant (at most `limit`, best first): a case-insensitive exact
 * match; else those that `input` begins (or that begin `input`, at least 3 characters); else those within an edit
 * distance of about a third of the input's length (at least 1, at most 3). Empty when nothing is close.
 */
export function closestMatches(input: string, candidates: readonly string[], limit = 3): string[] {
  const lower = input.toLowerCase();
  const exact = candidates.filter((c) => c.toLowerCase() === lower);
  if (exact.length > 0) return exact.slice(0, limit);
  if (lower.length >= 3) {
    const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(lower) || (c.length >= 3 && lower.startsWith(c.toLowerCase())));
    if (prefixed.length > 0) return [...prefixed].sort((x, y) => Math.abs(x.length - input.length) - Math.abs(y.length - input.length)).slice(0, limit);
  }
  const budget = Math.min(3, Math.max(1, Math.floor(input.length / 3)));
  return candidates
    .map((c) => ({ c, d: editDistance(input, c) }))
    .filter((x) => x.d <= budget)
    .sort((x, y) => x.d - y.d)
    .slice(0, limit)
    .map((x) => x.c);
}

/** `; did you mean X?` / `; did you mean X or Y?` for the closest matches, or '' when none is close. */
export function didYouMean(input: string, candidates: readonly string[], show: (name: string) => string = (n) => n): string {
  const close = closestMatches(input, candidates);
  if (close.length === 0) return '';
  const names = close.map(show);
  const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  return `; did you mean ${listed}?`;
}

// Column options (--score-column, --word-column, --column, …): a header name, or a column number counted from 1,
// the way the error messages count them.
import { UsageError } from './args.ts';

/**
 * A column option's value for the readers: a header name as given, or the 0-based index of a column number
 * written from 1 (`3` → 2); undefined when absent. UsageError for an empty value or column 0.
 */
export function columnOption(verb: string, name: string, value: string | boolean | undefined): string | number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  if (text === '') throw new UsageError(verb, `--${name} needs a column: a header name or a number counted from 1`);
  if (!/^\d+$/.test(text)) return text;
  const n = Number(text);
  if (n < 1) throw new UsageError(verb, `--${name} ${text}: columns are counted from 1 (the first column is 1)`);
  return n - 1;
}

/** A required column option (see columnOption); UsageError naming the option when absent. */
export function requiredColumnOption(verb: string, name: string, value: string | boolean | undefined): string | number {
  const column = columnOption(verb, name, value);
  if (column === undefined) throw new UsageError(verb, `--${name} is required (a header name or a column number counted from 1)`);
  return column;
}

/** Two columns written `A,B` (names or numbers from 1), e.g. --word-columns word1,word2 or 1,2. */
export function columnPairOption(verb: string, name: string, value: string | boolean | undefined): [string | number, string | number] | undefined {
  if (value === undefined) return undefined;
  const parts = String(value).split(',');
  if (parts.length !== 2) throw new UsageError(verb, `--${name} takes two columns separated by a comma (e.g. 1,2 or word1,word2), got '${value}'`);
  return [columnOption(verb, name, parts[0])!, columnOption(verb, name, parts[1])!];
}

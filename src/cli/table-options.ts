// The options that override header and label detection in numeric tables (--header, --no-header, --labels COL,
// --no-labels), and the sentence that reports what was detected.
import type { ParseArgsConfig } from 'node:util';
import type { MatrixSource, ReadMatrixOptions } from '../data/read-matrix.ts';
import { UsageError } from './args.ts';

/** parseArgs specs of the table options, to spread into a verb's options. */
export const TABLE_OPTIONS = {
  header: { type: 'boolean' },
  'no-header': { type: 'boolean' },
  labels: { type: 'string' },
  'no-labels': { type: 'boolean' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** Help lines of the table options (for a verb's --help), descriptions starting at column `column`. */
export function tableOptionsHelp(column = 16): string {
  const pad = ' '.repeat(column);
  const row = (option: string, text: string[]): string => {
    const first = option.length + 2 < column ? `  ${option.padEnd(column - 2)}${text[0]}` : `  ${option}\n${pad}${text[0]}`;
    return [first, ...text.slice(1).map((t) => pad + t)].join('\n');
  };
  return [
    row('--header / --no-header', [
      'the first row is / is not a header (default: detected: a row of names,',
      "pandas' index header ',0,1,…', or exactly 0,1,…,p−1 as to_csv(index=False) writes it)",
    ]),
    row('--labels COL', ['the stimulus-label column, by header name or number counted from 1', "(default: detected: a first column of text, or pandas' index column)"]),
    row('--no-labels', ['every column is numeric']),
  ].join('\n');
}

/** ReadMatrixOptions from the table options; UsageError for contradictory ones. */
export function tableReadOptions(verb: string, values: Record<string, string | boolean | undefined>): Pick<ReadMatrixOptions, 'header' | 'labels'> {
  if (values.header && values['no-header']) throw new UsageError(verb, '--header and --no-header contradict each other');
  if (values.labels !== undefined && values['no-labels']) throw new UsageError(verb, '--labels and --no-labels contradict each other');
  const header = values.header ? true : values['no-header'] ? false : 'auto';
  let labels: ReadMatrixOptions['labels'] = 'auto';
  if (values['no-labels']) labels = false;
  else if (typeof values.labels === 'string') {
    const text = values.labels;
    if (/^\d+$/.test(text)) {
      const n = Number(text);
      if (n < 1) throw new UsageError(verb, `--labels ${text}: columns are counted from 1`);
      labels = n;
    } else if (text === '') throw new UsageError(verb, '--labels needs a column name or number');
    else labels = text;
  }
  return { header, labels };
}

/** What detection (or the options) found in a text table, for JSON: the header's reason and the label column (1-based). */
export function detectedLayout(source: MatrixSource): { header: string | null; labelColumn: number | null; labelsMember?: string } {
  if (source.format !== 'text') return { header: null, labelColumn: null, ...(source.labelsMember ? { labelsMember: source.labelsMember } : {}) };
  return { header: source.headerReason ?? null, labelColumn: source.labelColumn === undefined ? null : source.labelColumn + 1 };
}

const HEADER_WORDS: Record<string, string> = {
  option: 'a header row (as asked)',
  text: 'a header row of names',
  'pandas-index': "pandas' index header (',0,1,…')",
  integers: "a header row 0,1,…,p−1 (pandas' to_csv(index=False))",
};

/** One sentence on the layout found: header, label column, the matrix's size ("… 12 rows × 5 columns"). */
export function describeLayout(source: MatrixSource, rows: number, cols: number, labels: readonly string[] | undefined): string {
  const parts: string[] = [];
  if (source.format === 'text') {
    parts.push(source.headerReason ? HEADER_WORDS[source.headerReason] : 'no header row');
    if (source.labelColumn !== undefined) {
      const name = source.header?.[source.labelColumn];
      parts.push(`labels in column ${source.labelColumn + 1}${name ? ` '${name}'` : ''}`);
    } else parts.push('no label column');
  } else if (source.labelsMember) parts.push(`labels from array '${source.labelsMember}'`);
  if (source.missingCells) parts.push(`${source.missingCells} missing cell${source.missingCells === 1 ? '' : 's'}`);
  const example = labels && labels.length > 0 ? ` (${labels.slice(0, 3).join(', ')}${labels.length > 3 ? ', …' : ''})` : '';
  return `${source.file}: ${parts.length > 0 ? `${parts.join(', ')}; ` : ''}${rows} rows × ${cols} columns${example}`;
}

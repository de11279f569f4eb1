// Writing an RDM to a file chosen by its extension: .npy (float64 square), .npz (arrays 'rdm' and 'labels'), else
// text (.csv, .tsv: a header row and a label column when the stimuli have labels, as pandas' to_csv writes them).
import { extname } from 'node:path';
import { encodeNpy } from '../core/npy-format.ts';
import { encodeNpz } from '../core/npz-format.ts';
import { InputError } from '../core/input-error.ts';
import { pairIndex } from '../measures/rdm-vector.ts';
import { condensedToSquareCsv, formatNumber, writeFileAtomic } from './output.ts';

/** The format an RDM output path gets: by extension, text for anything that is not .npy or .npz. */
export function rdmOutputFormat(path: string): 'npy' | 'npz' | 'csv' | 'tsv' {
  const ext = extname(path).toLowerCase();
  return ext === '.npy' ? 'npy' : ext === '.npz' ? 'npz' : ext === '.tsv' || ext === '.tab' ? 'tsv' : 'csv';
}

/** The square float64 matrix of a condensed RDM (zero diagonal), row-major. */
export function squareFromCondensed(vector: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = vector[pairIndex(i, j, n)];
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return out;
}

/**
 * The square text of a condensed RDM with `separator`; with labels, a header row (empty first field) and a label
 * column, which pandas reads back with read_csv(index_col=0). Values print exactly (shortest round-trip text).
 */
export function rdmText(vector: ArrayLike<number>, n: number, labels: readonly string[] | undefined, separator: ',' | '\t'): string {
  const plain = condensedToSquareCsv(vector, n);
  const body = separator === ',' ? plain : plain.replace(/,/g, '\t');
  if (labels === undefined) return body;
  const rows = body.trimEnd().split('\n');
  const cell = (label: string): string => quoteField(label, separator);
  const header = ['', ...labels.map(cell)].join(separator);
  return [header, ...rows.map((row, i) => `${cell(labels[i])}${separator}${row}`)].join('\n') + '\n';
}

/** Write an RDM to `path` in the format its extension names (see rdmOutputFormat); returns that format. */
export async function writeRdm(path: string, vector: ArrayLike<number>, n: number, labels?: readonly string[]): Promise<'npy' | 'npz' | 'csv' | 'tsv'> {
  if (labels !== undefined && labels.length !== n) {
    throw new InputError(`${labels.length} labels for an RDM of ${n} stimuli`, { file: path });
  }
  const format = rdmOutputFormat(path);
  if (format === 'npy') await writeFileAtomic(path, encodeNpy(squareFromCondensed(vector, n), [n, n]));
  else if (format === 'npz') {
    const members = { rdm: { values: squareFromCondensed(vector, n), shape: [n, n] }, ...(labels ? { labels } : {}) };
    await writeFileAtomic(path, encodeNpz(members));
  } else await writeFileAtomic(path, rdmText(vector, n, labels, format === 'tsv' ? '\t' : ','));
  return format;
}

/** A text field, quoted (with doubled quotes) when it holds the separator, a quote, a line break or outer blanks. */
function quoteField(text: string, separator: string): string {
  const needs = text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim() || text === '' || text.startsWith('#');
  return needs ? `"${text.replace(/"/g, '""')}"` : text;
}


// `attune rdm <features> [--method euclidean|correlation|cosine] [-o FILE] [--json]`: the RDM of a features file.
import { toFloat64 } from '../../core/matrix.ts';
import { cellError, readMatrix } from '../../data/read-matrix.ts';
import { InputError } from '../../core/input-error.ts';
import { InvalidInputError } from '../../measures/errors.ts';
import { rdmVector } from '../../measures/rdm.ts';
import { MIN_STIMULI } from '../../measures/compare.ts';
import { choiceOption, expectPositionals, parseVerbArgs } from '../args.ts';
import { condensedToSquareCsv, note, printJson, printText, writeFileAtomic } from '../output.ts';

/** Dissimilarities the `rdm` verb offers (rsatoolbox's names and scaling). */
export const RDM_VERB_METHODS = ['euclidean', 'correlation', 'cosine'] as const;

/** Help text of `attune rdm`. */
export const RDM_HELP = `Usage: attune rdm <features> [--method euclidean|correlation|cosine] [-o FILE] [--json]

The representational dissimilarity matrix of a features file (rows = stimuli, columns = channels;
CSV/TSV/space-separated text with an optional header row, or a NumPy .npy array).

Methods (rsatoolbox's conventions):
  euclidean     squared euclidean distance / number of channels (default, as rsatoolbox)
  correlation   1 − Pearson r between stimulus rows
  cosine        1 − cosine similarity between stimulus rows

Options:
  --method M    dissimilarity (default euclidean)
  -o, --output FILE
                write the square RDM as CSV (exact float64 round trip); without it the CSV goes to stdout
  --json        print one JSON document: {measure, value (mean dissimilarity), n (stimuli), rdm (condensed
                vector: strict upper triangle, row-major), ...}
  -h, --help    this help
`;

/** Run `attune rdm`; returns the exit code. */
export async function runRdm(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('rdm', args, {
    method: { type: 'string' },
    output: { type: 'string', short: 'o' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    printText(RDM_HELP);
    return 0;
  }
  const [file] = expectPositionals('rdm', positionals, ['features']);
  const method = choiceOption('rdm', 'method', values.method, RDM_VERB_METHODS, 'euclidean');
  const output = values.output as string | undefined;

  const { matrix: read, source } = await readMatrix(file);
  if (read.rows < MIN_STIMULI) {
    throw cellError(source, read.rows - 1, 0, `only ${read.rows} stimul${read.rows === 1 ? 'us' : 'i'} (rows); an RDM needs at least ${MIN_STIMULI}`);
  }
  const features = toFloat64(read);
  checkRows(features.data, features.rows, features.cols, method, source);
  let vector: Float64Array;
  try {
    vector = await rdmVector(features, method);
  } catch (error) {
    if (error instanceof InvalidInputError) throw new InputError(error.message, { file });
    throw error;
  }
  const n = features.rows;
  let sum = 0;
  for (let k = 0; k < vector.length; k++) sum += vector[k];
  const mean = sum / vector.length;
  const measure = `rdm:${method}`;

  if (output !== undefined) {
    await writeFileAtomic(output, condensedToSquareCsv(vector, n));
    note(`attune rdm: wrote the ${n}×${n} ${method} RDM of ${file} to ${output}`);
  }
  if (values.json) {
    printJson({ measure, value: mean, n, pairs: vector.length, channels: features.cols, file, ...(output ? { output } : {}), rdm: vector });
  } else if (output === undefined) {
    printText(condensedToSquareCsv(vector, n).trimEnd());
  }
  return 0;
}

/** Rows whose correlation (constant row) or cosine (zero row) distance is undefined, named by file position. */
function checkRows(
  data: ArrayLike<number>,
  rows: number,
  cols: number,
  method: (typeof RDM_VERB_METHODS)[number],
  source: Parameters<typeof cellError>[0],
): void {
  if (method === 'euclidean') return;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let degenerate = true;
    for (let j = 0; j < cols; j++) {
      const v = data[o + j];
      if (method === 'correlation' ? v !== data[o] : v !== 0) {
        degenerate = false;
        break;
      }
    }
    if (degenerate) {
      const what = method === 'correlation' ? `constant (every value ${data[o]})` : 'all zeros';
      throw cellError(source, i, 0, `stimulus row ${i + 1} is ${what}, so its ${method} distance is undefined`);
    }
  }
}

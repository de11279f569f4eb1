// `attune rdm <features> [--method euclidean|correlation|cosine] [-o FILE|DIR] [--json]`: the RDM of a features file,
// or of every layer of a features folder (thingsvision's layout).
import { statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { toFloat64, type Matrix } from '../../core/matrix.ts';
import { cellError, readMatrix } from '../../data/read-matrix.ts';
import { InputError } from '../../core/input-error.ts';
import { InvalidInputError } from '../../measures/errors.ts';
import { rdmVector } from '../../measures/rdm.ts';
import { MIN_STIMULI } from '../../measures/compare.ts';
import { loadFeaturesFolder } from '../../models/features-folder.ts';
import { choiceOption, expectPositionals, parseVerbArgs } from '../args.ts';
import { condensedToSquareCsv, formatNumber, note, printJson, printText, writeFileAtomic } from '../output.ts';

/** Dissimilarities the `rdm` verb offers (rsatoolbox's names and scaling). */
export const RDM_VERB_METHODS = ['euclidean', 'correlation', 'cosine'] as const;

type RdmVerbMethod = (typeof RDM_VERB_METHODS)[number];

/** An InputError about row i (0-based) of the features, located in their file. */
type RowError = (i: number, detail: string) => InputError;

/** Help text of `attune rdm`. */
export const RDM_HELP = `Usage: attune rdm <features> [--method euclidean|correlation|cosine] [-o FILE|DIR] [--json]

The representational dissimilarity matrix of a features file (rows = stimuli, columns = channels;
CSV/TSV/space-separated text with an optional header row, a NumPy .npy array or a one-array .npz),
or one RDM per layer of a features folder (thingsvision's layout, as 'attune features' writes it:
one .npy or .npz per layer, read as float32, and file_names.txt naming the stimulus of each row).

Methods (rsatoolbox's conventions):
  euclidean     squared euclidean distance / number of channels (default, as rsatoolbox)
  correlation   1 − Pearson r between stimulus rows
  cosine        1 − cosine similarity between stimulus rows

Options:
  --method M    dissimilarity (default euclidean)
  -o, --output FILE|DIR
                a file: write the square RDM as CSV (exact float64 round trip); without it the CSV goes to stdout.
                a folder (for a features folder; created when needed): write DIR/<layer>.csv per layer;
                without it one line per layer: its number of stimuli and mean dissimilarity
  --json        print one JSON document: {measure, value (mean dissimilarity), n (stimuli), rdm (condensed
                vector: strict upper triangle, row-major), ...}; for a folder {measure, n, layers: [{layer,
                value, rdm}], names}
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

  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) return runFolder(file, method, output, Boolean(values.json));

  const { matrix: read, source } = await readMatrix(file);
  const features = toFloat64(read);
  const vector = await layerRdm(features, method, file, (i, detail) => cellError(source, i, 0, detail));
  const n = features.rows;
  const measure = `rdm:${method}`;

  if (output !== undefined) {
    await writeFileAtomic(output, condensedToSquareCsv(vector, n));
    note(`attune rdm: wrote the ${n}×${n} ${method} RDM of ${file} to ${output}`);
  }
  if (values.json) {
    printJson({ measure, value: mean(vector), n, pairs: vector.length, channels: features.cols, file, ...(output ? { output } : {}), rdm: vector });
  } else if (output === undefined) {
    printText(condensedToSquareCsv(vector, n).trimEnd());
  }
  return 0;
}

/** One RDM per layer of a features folder: DIR/<layer>.csv with -o, a line per layer, or one JSON document. */
async function runFolder(dir: string, method: RdmVerbMethod, output: string | undefined, json: boolean): Promise<number> {
  const folder = await loadFeaturesFolder(dir);
  const { names } = folder;
  const layers: { layer: string; value: number; rdm: Float64Array }[] = [];
  for (let l = 0; l < folder.layers.length; l++) {
    // the listed names, as texts, match their own rows exactly: every row is covered, in file order
    const features = toFloat64((await folder.vectors(names, l)).matrix);
    const rowError: RowError = (i, detail) => new InputError(`${detail} (${names[i]})`, { file: folder.layerFiles[l] });
    const rdm = await layerRdm(features, method, folder.layerFiles[l], rowError);
    layers.push({ layer: folder.layers[l], value: mean(rdm), rdm });
  }
  const n = names.length;
  if (output !== undefined) {
    await makeFolder(output);
    for (const { layer, rdm } of layers) await writeFileAtomic(join(output, `${layer}.csv`), condensedToSquareCsv(rdm, n));
    note(`attune rdm: wrote ${layers.length} ${n}×${n} ${method} RDM${layers.length === 1 ? '' : 's'} of ${dir} to ${output} (<layer>.csv)`);
  }
  if (json) printJson({ measure: `rdm:${method}`, n, folder: dir, ...(output ? { output } : {}), layers, names });
  else if (output === undefined) for (const { layer, value } of layers) printText(`${layer}: ${n} stimuli, mean dissimilarity ${formatNumber(value)}`);
  return 0;
}

/** The condensed RDM of float64 features; InputError (through `rowError`) for too few rows or a row whose distance is undefined. */
async function layerRdm(features: Matrix, method: RdmVerbMethod, file: string, rowError: RowError): Promise<Float64Array> {
  if (features.rows < MIN_STIMULI) {
    throw rowError(features.rows - 1, `only ${features.rows} stimul${features.rows === 1 ? 'us' : 'i'} (rows); an RDM needs at least ${MIN_STIMULI}`);
  }
  checkRows(features.data, features.rows, features.cols, method, rowError);
  try {
    return await rdmVector(features, method);
  } catch (error) {
    if (error instanceof InvalidInputError) throw new InputError(error.message, { file });
    throw error;
  }
}

/** The mean of a condensed RDM. */
function mean(vector: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < vector.length; k++) sum += vector[k];
  return sum / vector.length;
}

/** Create an output folder (and its parents); InputError naming it when that fails. */
async function makeFolder(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'EEXIST' || code === 'ENOTDIR' ? 'cannot write: is a file, not a folder' : `cannot write: ${(error as Error).message}`, { file: path });
  }
}

/** Rows whose correlation (constant row) or cosine (zero row) distance is undefined, named through `rowError`. */
function checkRows(data: ArrayLike<number>, rows: number, cols: number, method: RdmVerbMethod, rowError: RowError): void {
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
      throw rowError(i, `stimulus row ${i + 1} is ${what}, so its ${method} distance is undefined`);
    }
  }
}

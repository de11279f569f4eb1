// `attune rdm <features> [--method euclidean|correlation|cosine|mahalanobis|crossnobis] [-o FILE|DIR] [--json]`: the RDM
// of a features file (labels carried through to the output), or of every layer of a features folder (thingsvision's layout).
import { statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { toFloat64, type Matrix } from '../../core/matrix.ts';
import { cellError, readMatrix } from '../../data/read-matrix.ts';
import { readDescriptors } from '../../data/descriptors.ts';
import { InputError } from '../../core/input-error.ts';
import { InvalidInputError } from '../../measures/errors.ts';
import { rdmVector, type Precision } from '../../measures/rdm.ts';
import { crossnobisRdm } from '../../measures/crossnobis.ts';
import { MIN_STIMULI } from '../../measures/compare.ts';
import { loadFeaturesFolder } from '../../models/features-folder.ts';
import { choiceOption, expectPositionals, parseVerbArgs, UsageError } from '../args.ts';
import { formatNumber, note, printJson, printText } from '../output.ts';
import { rdmText, writeRdm } from '../rdm-output.ts';
import { describeLayout, detectedLayout, TABLE_OPTIONS, tableOptionsHelp, tableReadOptions } from '../table-options.ts';

/** Dissimilarities the `rdm` verb offers (rsatoolbox's names and scaling). */
export const RDM_VERB_METHODS = ['euclidean', 'correlation', 'cosine', 'mahalanobis', 'crossnobis'] as const;

type RdmVerbMethod = (typeof RDM_VERB_METHODS)[number];

/** An InputError about row i (0-based) of the features, located in their file. */
type RowError = (i: number, detail: string) => InputError;

/** Help text of `attune rdm`. */
export const RDM_HELP = `Usage: attune rdm <features> [--method M] [-o FILE|DIR] [--json]
       attune rdm <features> --method crossnobis --descriptors FILE [--noise FILE] [-o FILE] [--json]

The representational dissimilarity matrix of a features file (rows = stimuli, columns = channels;
CSV/TSV/space-separated text with an optional header row and stimulus-label column, a NumPy .npy
array, or an .npz with one numeric array and optionally a text array 'labels'), or one RDM per
layer of a features folder (thingsvision's layout, as 'attune features' writes it: one .npy or .npz
per layer, read as float32, and file_names.txt naming the stimulus of each row).

Methods (rsatoolbox's conventions):
  euclidean     squared euclidean distance / number of channels (default, as rsatoolbox)
  correlation   1 − Pearson r between stimulus rows
  cosine        1 − cosine similarity between stimulus rows
  mahalanobis   (xᵢ−xⱼ)ᵀ·P·(xᵢ−xⱼ) / channels with the noise precision P of --noise (identity without it,
                as rsatoolbox's noise=None)
  crossnobis    cross-validated mahalanobis (rsatoolbox's calc_rdm(…, 'crossnobis', descriptor=condition,
                cv_descriptor=run)): for each run, the condition means of that run against those of the
                other runs, averaged over runs; unbiased, so it can be negative. Needs --descriptors.

Options:
  --method M    dissimilarity (default euclidean)
  --descriptors FILE
                crossnobis: a table with a header and one row per feature row, e.g.
                  cond,run
                  face,1
                  ...
                the RDM's stimuli are the distinct conditions, sorted (numerically when all are numbers)
  --condition-column COL, --run-column COL
                the descriptor columns, by name or number counted from 1 (default: the column named
                cond/condition/conditions/stimulus, and run/runs/session/fold)
  --noise FILE  mahalanobis, crossnobis: the noise precision, a channels × channels matrix or one row or
                column of its diagonal
  -o, --output FILE|DIR
                a file, by extension: .npy a float64 square array; .npz arrays 'rdm' (square float64) and
                'labels' (when the stimuli have labels); anything else text, .tsv tab-separated, else CSV,
                with a header row and a label column when the stimuli have labels (pandas reads it with
                read_csv(f, index_col=0)); values print exactly (float64 round trip).
                Without -o the CSV goes to stdout.
                a folder (for a features folder; created when needed): write DIR/<layer>.csv per layer;
                without it one line per layer: its number of stimuli and mean dissimilarity
${tableOptionsHelp(16)}
  --json        print one JSON document: {measure, value (mean dissimilarity), n (stimuli), labels (or
                null), layout {header, labelColumn}, rdm (condensed vector: strict upper triangle, row-major),
                ...}; for a folder {measure, n, layers: [{layer, value, rdm}], names}
  -h, --help    this help

What was detected in a text file (header row, label column) is reported on stderr.
`;

const CONDITION_COLUMNS = ['cond', 'condition', 'conditions', 'conds', 'stimulus', 'stimuli'] as const;
const RUN_COLUMNS = ['run', 'runs', 'session', 'sessions', 'fold', 'folds'] as const;

/** Run `attune rdm`; returns the exit code. */
export async function runRdm(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('rdm', args, {
    method: { type: 'string' },
    output: { type: 'string', short: 'o' },
    json: { type: 'boolean' },
    descriptors: { type: 'string' },
    'condition-column': { type: 'string' },
    'run-column': { type: 'string' },
    noise: { type: 'string' },
    ...TABLE_OPTIONS,
  });
  if (values.help) {
    printText(RDM_HELP);
    return 0;
  }
  const [file] = expectPositionals('rdm', positionals, ['features']);
  const method = choiceOption('rdm', 'method', values.method, RDM_VERB_METHODS, 'euclidean');
  const output = values.output as string | undefined;
  const readOptions = tableReadOptions('rdm', values);
  if (method === 'crossnobis' && typeof values.descriptors !== 'string') {
    throw new UsageError('rdm', '--method crossnobis needs --descriptors FILE (a condition and a run for each feature row)');
  }
  if (method !== 'crossnobis') {
    for (const name of ['descriptors', 'condition-column', 'run-column']) {
      if (values[name] !== undefined) throw new UsageError('rdm', `--${name} goes with --method crossnobis`);
    }
  }
  if (values.noise !== undefined && method !== 'mahalanobis' && method !== 'crossnobis') {
    throw new UsageError('rdm', '--noise goes with --method mahalanobis or crossnobis');
  }

  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
    if (method === 'mahalanobis' || method === 'crossnobis') throw new UsageError('rdm', `--method ${method} reads one features file, not a folder`);
    return runFolder(file, method, output, Boolean(values.json));
  }

  const { matrix: read, source, labels: rowLabels } = await readMatrix(file, readOptions);
  const features = toFloat64(read);
  if (source.headerReason !== undefined || rowLabels !== undefined) note(`attune rdm: ${describeLayout(source, features.rows, features.cols, rowLabels)}`);
  const noise = typeof values.noise === 'string' ? await readNoise(values.noise, features.cols) : undefined;
  let vector: Float64Array;
  let labels = rowLabels;
  let conditions: { column: string; runs: number; runColumn: string } | undefined;
  if (method === 'crossnobis') {
    const descriptorFile = values.descriptors as string;
    const [cond, run] = readDescriptors(descriptorFile, [
      { name: values['condition-column'] as string | undefined, defaults: CONDITION_COLUMNS, what: 'condition' },
      { name: values['run-column'] as string | undefined, defaults: RUN_COLUMNS, what: 'run' },
    ]);
    if (cond.codes.length !== features.rows) {
      throw new InputError(`${cond.codes.length} descriptor rows but ${features.rows} feature rows in ${file}: one row each`, { file: descriptorFile });
    }
    try {
      vector = await crossnobisRdm(features, cond.codes, run.codes, noise === undefined ? {} : { noise });
    } catch (error) {
      if (error instanceof InvalidInputError) throw new InputError(error.message, { file: descriptorFile });
      throw error;
    }
    labels = cond.values;
    conditions = { column: cond.name, runs: run.values.length, runColumn: run.name };
    note(`attune rdm: ${cond.values.length} conditions ('${cond.name}') × ${run.values.length} runs ('${run.name}') from ${descriptorFile}`);
  } else {
    vector = await layerRdm(features, method, file, (i, detail) => cellError(source, i, 0, detail), noise);
  }
  const n = labels?.length ?? features.rows;
  const measure = `rdm:${method}${noise !== undefined ? ':noise' : ''}`;

  let format: string | undefined;
  if (output !== undefined) {
    format = await writeRdm(output, vector, n, labels);
    const kept = labels === undefined ? '' : format === 'npy' ? '; a .npy holds no labels: use .npz or .csv to keep them' : ', with labels';
    note(`attune rdm: wrote the ${n}×${n} ${method} RDM of ${file} to ${output} (${format}${kept})`);
  }
  if (values.json) {
    printJson({
      measure,
      value: mean(vector),
      n,
      pairs: vector.length,
      channels: features.cols,
      file,
      layout: detectedLayout(source),
      labels: labels ?? null,
      ...(conditions ? { descriptors: { file: values.descriptors, condition: conditions.column, run: conditions.runColumn, runs: conditions.runs } } : {}),
      ...(output ? { output, format } : {}),
      rdm: vector,
    });
  } else if (output === undefined) {
    printText(rdmText(vector, n, labels, ',').trimEnd());
    if (n >= LARGE_RDM) note(`attune rdm: a ${n}×${n} RDM as text is large; -o rdm.npy (or .npz, with labels) writes it in binary`);
  }
  return 0;
}

/** From this many stimuli on, printing the RDM as text comes with a hint to write it in binary. */
const LARGE_RDM = 2000;

/** The noise precision of --noise: a channels × channels matrix, or one row or column of its diagonal. */
async function readNoise(file: string, channels: number): Promise<Precision> {
  const { matrix: m } = await readMatrix(file, { labels: false });
  const noise = toFloat64(m);
  if (noise.rows === channels && noise.cols === channels) return noise;
  if ((noise.rows === 1 && noise.cols === channels) || (noise.cols === 1 && noise.rows === channels)) return Float64Array.from(noise.data);
  throw new InputError(
    `a noise precision for ${channels} channels is ${channels}×${channels} or one row/column of ${channels} diagonal values; this is ${noise.rows}×${noise.cols}`,
    { file },
  );
}

/** One RDM per layer of a features folder: DIR/<layer>.csv with -o, a line per layer, or one JSON document. */
async function runFolder(dir: string, method: Exclude<RdmVerbMethod, 'mahalanobis' | 'crossnobis'>, output: string | undefined, json: boolean): Promise<number> {
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
    for (const { layer, rdm } of layers) await writeRdm(join(output, `${layer}.csv`), rdm, n, names);
    note(`attune rdm: wrote ${layers.length} ${n}×${n} ${method} RDM${layers.length === 1 ? '' : 's'} of ${dir} to ${output} (<layer>.csv)`);
  }
  if (json) printJson({ measure: `rdm:${method}`, n, folder: dir, ...(output ? { output } : {}), layers, names });
  else if (output === undefined) for (const { layer, value } of layers) printText(`${layer}: ${n} stimuli, mean dissimilarity ${formatNumber(value)}`);
  return 0;
}

/** The condensed RDM of float64 features; InputError (through `rowError`) for too few rows or a row whose distance is undefined. */
async function layerRdm(features: Matrix, method: Exclude<RdmVerbMethod, 'crossnobis'>, file: string, rowError: RowError, noise?: Precision): Promise<Float64Array> {
  if (features.rows < MIN_STIMULI) {
    throw rowError(features.rows - 1, `only ${features.rows} stimul${features.rows === 1 ? 'us' : 'i'} (rows); an RDM needs at least ${MIN_STIMULI}`);
  }
  checkRows(features.data, features.rows, features.cols, method, rowError);
  try {
    if (method === 'mahalanobis') return await rdmVector(features, 'mahalanobis', { noise: noise ?? identityDiagonal(features.cols) });
    return await rdmVector(features, method);
  } catch (error) {
    if (error instanceof InvalidInputError) throw new InputError(error.message, { file });
    throw error;
  }
}

/** The identity precision as its diagonal (rsatoolbox's noise=None). */
function identityDiagonal(channels: number): Float64Array {
  return new Float64Array(channels).fill(1);
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
  if (method !== 'correlation' && method !== 'cosine') return;
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

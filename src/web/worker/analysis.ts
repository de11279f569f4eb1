// The analyses of the "Analyse your data" page, on Attune's own readers and measures, in the order and with
// the checks of the CLI verbs (`attune rdm | compare | cka --json`), so the values are the same to the last bit.
// Files are named, not passed: in the browser the reader's node:fs/promises is an in-memory stub.
import { toFloat64, type Matrix } from '../../core/matrix.ts';
import { InputError } from '../../core/input-error.ts';
import { cellError, readMatrix, type ReadMatrixResult } from '../../data/read-matrix.ts';
import { InvalidInputError } from '../../measures/errors.ts';
import { rdmVector } from '../../measures/rdm.ts';
import { MIN_STIMULI } from '../../measures/compare.ts';
import { compareRdmsOnSharedPairs } from '../../measures/compare-shared-pairs.ts';
import { compareRdmsWithInference } from '../../measures/rdm-inference.ts';
import { linearCka, linearCkaDebiased } from '../../measures/cka.ts';
import type { Score } from '../../measures/score.ts';
import { describeHoles, readRdmFilePair } from '../../benchmarks/rdm-file-pair.ts';
import { assertSameRows } from '../../data/paired-rows.ts';
import type { AnalysisResult, CompareChoice, RdmChoice } from './protocol.ts';

/** The size (multiply-adds) from which src/core/gemm.ts's chooseBackend runs a product on onnxruntime-node. */
const ORT_MIN_WORK = 2e6;

/** `attune rdm <file> --method M --json`: value = the mean dissimilarity, plus the condensed RDM. */
export async function analyseRdm(file: string, method: RdmChoice): Promise<AnalysisResult> {
  const read = await readMatrix(file);
  if (read.matrix.rows < MIN_STIMULI) {
    const n = read.matrix.rows;
    throw cellError(read.source, n - 1, 0, `only ${n} stimul${n === 1 ? 'us' : 'i'} (rows); an RDM needs at least ${MIN_STIMULI}`);
  }
  const features = toFloat64(read.matrix);
  const vector = await asInputError(file, () => rdmVector(features, method));
  let sum = 0;
  for (let k = 0; k < vector.length; k++) sum += vector[k];
  const n = features.rows;
  return { measure: `rdm:${method}`, value: sum / vector.length, n, rdm: vector, stimuli: n, shapes: [shape(features)], largeProducts: n * n * features.cols * 0.5 >= ORT_MIN_WORK };
}

/** `attune compare <a> <b> --method M [--permutations N] [--bootstrap N] [--seed S] --json`. */
export async function analyseCompare(
  fileA: string,
  fileB: string,
  method: CompareChoice,
  inference: { permutations: number; bootstrap: number; seed: number },
): Promise<AnalysisResult> {
  const pair = await readRdmFilePair(fileA, fileB);
  const { a, b } = pair;
  const { permutations, bootstrap, seed } = inference;
  const inferred = permutations > 0 || bootstrap > 0;
  if (inferred && pair.pairsUsed < pair.pairsTotal) {
    throw new InputError(`permutations and the bootstrap need complete RDMs; pairs are missing in ${describeHoles(pair)}`, { file: fileA });
  }
  const compare = async () =>
    inferred ? compareRdmsWithInference(a.vector, b.vector, { method, permutations, bootstrap, seed }) : compareRdmsOnSharedPairs(a.vector, b.vector, method);
  const score = await asInputError(fileA, compare, ` (comparing with ${fileB})`);
  const pairs = pair.pairsUsed < pair.pairsTotal ? `, ${pair.pairsUsed} of ${pair.pairsTotal} pairs` : '';
  const matched = pair.reordered ? ', matched by label' : '';
  return fromScore(score, [`${a.stimuli} stimuli (${a.form})`, `${b.stimuli} stimuli (${b.form}${matched}${pairs})`]);
}

/** `attune cka <X> <Y> [--debiased] --json` (linear kernel). */
export async function analyseCka(fileX: string, fileY: string, debiased: boolean): Promise<AnalysisResult> {
  const x = await readMatrix(fileX);
  const y = await readMatrix(fileY);
  assertSameRows(x, y, 'X', 'Y', debiased ? 4 : 3, debiased ? 'debiased CKA' : 'CKA');
  const mx = toFloat64(x.matrix);
  const my = toFloat64(y.matrix);
  assertVaries(mx, x);
  assertVaries(my, y);
  const score = await asInputError(fileY, () => (debiased ? linearCkaDebiased(mx, my) : linearCka(mx, my)), ` (X = ${fileX})`);
  const n = mx.rows;
  const large = Math.max(n * n * Math.max(mx.cols, my.cols) * 0.5, n * mx.cols * my.cols) >= ORT_MIN_WORK;
  return { ...fromScore(score, [shape(mx), shape(my)]), largeProducts: large };
}

function fromScore(score: Score, shapes: string[]): AnalysisResult {
  const { value, measure, n, p, ci95, warnings } = score;
  return { value, measure, n, shapes, ...(p !== undefined ? { p } : {}), ...(ci95 ? { ci95 } : {}), ...(warnings?.length ? { warnings } : {}) };
}

function shape(m: Matrix): string {
  return `${m.rows}×${m.cols}`;
}

/** A measure's InvalidInputError as an InputError naming the file (and `suffix`), as the CLI reports it. */
async function asInputError<T>(file: string, run: () => Promise<T>, suffix = ''): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof InvalidInputError) throw new InputError(`${error.message}${suffix}`, { file });
    throw error;
  }
}

/** As `attune cka`: every stimulus row identical leaves CKA undefined. */
function assertVaries(m: Matrix, read: ReadMatrixResult): void {
  const { rows, cols, data } = m;
  for (let i = 1; i < rows; i++) {
    for (let j = 0; j < cols; j++) if (data[i * cols + j] !== data[j]) return;
  }
  throw cellError(read.source, rows - 1, 0, `every stimulus row is identical, so CKA is undefined`);
}

// Two representations of the same stimuli, read for a model–model measure (attune cka, attune similarity): the same
// number of rows, rows matched by label when both files carry labels, float64, and not constant where the measure
// centres them; a measure's InvalidInputError becomes an InputError naming the files.
import { InputError } from '../core/input-error.ts';
import { selectRows, toFloat64, type Matrix } from '../core/matrix.ts';
import { assertSameRows } from '../data/paired-rows.ts';
import { cellError, readMatrix, type ReadMatrixResult } from '../data/read-matrix.ts';
import { InvalidInputError } from '../measures/errors.ts';
import { note } from './output.ts';
import { describeLayout, tableReadOptions } from './table-options.ts';

/** The two matrices a measure takes, rows in the same stimulus order; `reordered` when Y's rows were put in X's label order. */
export interface RepresentationPair {
  x: Matrix;
  y: Matrix;
  labels?: string[];
  reordered: boolean;
}

/** What the checks need to know about the measure: its name for messages, fewest stimuli, and whether it centres. */
export interface PairRequirements {
  what: string;
  minimum: number;
  centres: boolean;
  /** How messages name the two files (default X and Y). */
  names?: [string, string];
}

/**
 * Read the two files of a model–model verb with its table options (--header/--no-header/--labels/--no-labels
 * override detection), saying on stderr what was detected in a text table with a header or labels.
 */
export async function readRepresentations(verb: string, files: [string, string], values: Record<string, string | boolean | undefined>): Promise<[ReadMatrixResult, ReadMatrixResult]> {
  const options = tableReadOptions(verb, values);
  const read = [await readMatrix(files[0], options), await readMatrix(files[1], options)] as [ReadMatrixResult, ReadMatrixResult];
  for (const r of read) {
    if (r.source.headerReason !== undefined || r.labels !== undefined) note(`attune ${verb}: ${describeLayout(r.source, r.matrix.rows, r.matrix.cols, r.labels)}`);
  }
  return read;
}

/**
 * Check and align two representations read from files: at least `minimum` stimuli and as many in Y as in X (InputError
 * at the first extra or missing row), Y's rows reordered to X's labels when both are labelled with the same unique
 * labels in another order (InputError when the labels differ), and, for a centring measure, not every row the same.
 */
export function pairRepresentations(readX: ReadMatrixResult, readY: ReadMatrixResult, needs: PairRequirements): RepresentationPair {
  const [nameX, nameY] = needs.names ?? ['X', 'Y'];
  assertSameRows(readX, readY, nameX, nameY, needs.minimum, needs.what);
  const order = labelOrder(readX, readY, nameX, nameY);
  const x = toFloat64(readX.matrix);
  const y = toFloat64(order === undefined ? readY.matrix : selectRows(readY.matrix, order));
  if (needs.centres) {
    assertVaries(x, readX, needs.what);
    assertVaries(y, readY, needs.what);
  }
  return { x, y, labels: readX.labels ?? readY.labels, reordered: order !== undefined };
}

/** Y's row of each of X's labels when both files are labelled and the orders differ; undefined when no reordering is needed. */
function labelOrder(readX: ReadMatrixResult, readY: ReadMatrixResult, nameX: string, nameY: string): number[] | undefined {
  const [a, b] = [readX.labels, readY.labels];
  if (a === undefined || b === undefined || a.every((label, i) => label === b[i])) return undefined;
  const rowOfY = new Map(b.map((label, i) => [label, i]));
  const unique = rowOfY.size === b.length && new Set(a).size === a.length;
  const missing = a.findIndex((label) => !rowOfY.has(label));
  if (!unique || missing >= 0) {
    const extra = b.findIndex((label) => !a.includes(label));
    const detail = !unique
      ? `the stimulus labels repeat and are not in the same order as in ${nameX} (${readX.source.file}); rows are matched by label only when every label is unique`
      : `the stimulus labels differ from ${nameX}'s (${readX.source.file}): '${a[missing]}' is not in ${nameY}` + (extra >= 0 ? `, '${b[extra]}' is not in ${nameX}` : '');
    throw cellError(readY.source, Math.max(0, extra), 0, detail);
  }
  return a.map((label) => rowOfY.get(label) as number);
}

/** Throws InputError when every stimulus row is the same (a centred representation is then zero and `what` undefined). */
export function assertVaries(m: Matrix, read: ReadMatrixResult, what: string): void {
  const { rows, cols, data } = m;
  for (let i = 1; i < rows; i++) {
    for (let j = 0; j < cols; j++) if (data[i * cols + j] !== data[j]) return;
  }
  throw cellError(read.source, rows - 1, 0, `every stimulus row is identical, so ${what} is undefined`);
}

/** A measure's InvalidInputError as an InputError naming both files (located at Y, named after X); anything else unchanged. */
export function locateMeasureError(error: unknown, fileX: string, fileY: string): unknown {
  if (error instanceof InvalidInputError) return new InputError(`${error.message} (X = ${fileX})`, { file: fileY });
  return error;
}

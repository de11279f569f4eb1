// Several subjects' RDMs of one stimulus set, as people have them (attune ceiling, attune evaluate): one RDM file per
// subject (square or condensed; CSV/TSV/.npy), one 3-D array subjects × n × n (.npy/.npz), or one 2-D array with a
// condensed RDM per row. Every problem is an InputError naming the file and the cell, or the array and the subject.
import { extname } from 'node:path';
import { InputError } from '../core/input-error.ts';
import { matrix, row, type Matrix } from '../core/matrix.ts';
import { isNpy, parseNpy, type NpyArray } from '../data/npy.ts';
import { isZip, parseNpz } from '../data/npz.ts';
import { cellError, readInputBytes, readMatrix, type MatrixSource, type ReadMatrixOptions } from '../data/read-matrix.ts';
import { degenerate, MIN_STIMULI, type CompareMethod } from '../measures/compare.ts';
import { pairCount, pairOf, SQUARE_RDM_TOLERANCE } from '../measures/rdm-vector.ts';
import { readRdmFile, type RdmInput } from './rdm-input.ts';
import { reorderToLabels } from './rdm-label-order.ts';

/** Subjects' RDMs as rows of condensed vectors (strict upper triangle, row-major), with where each came from. */
export interface SubjectRdms {
  /** subjects × n(n−1)/2. */
  rdms: Matrix;
  stimuli: number;
  /** Per subject: its file, or `file[s]` (0-based) for a row or slice of one array, or its row label. */
  names: string[];
  /** Stimulus labels, when the files carry them (every labelled file reordered to the first one's order). */
  labels?: string[];
  /** What was read, for the user: 'one file per subject', 'a 3-D array (4 × 92 × 92)', 'condensed RDMs as rows (4 × 4186)'. */
  layout: string;
  /** An InputError about subject s's whole RDM (e.g. constant), naming its file, or the array and the subject. */
  subjectError(s: number, detail: string): InputError;
  /** An InputError about the subjects as a whole (e.g. a degenerate pooled RDM), naming the file(s). */
  setError(detail: string): InputError;
}

/** Fewest subjects a noise ceiling (leave one out) needs. */
export const MIN_SUBJECTS = 2;

/** The table options (header and label column detection overridden) a text RDM file is read with. */
type TableOptions = Pick<ReadMatrixOptions, 'header' | 'labels'>;

/**
 * Read subjects' RDMs: several files are one RDM each (readRdmFile: square or condensed, checked); one file is a
 * stack, either a 3-D .npy/.npz array (subjects × n × n, each slice square, symmetric with a zero diagonal within
 * 1e-12 × its largest |entry|) or a 2-D array (.npy/.npz or text) whose rows are condensed RDMs. Needs ≥ 2 subjects
 * and ≥ 3 stimuli; labelled files must carry the same stimulus labels (reordered when only the order differs).
 */
export async function readSubjectRdms(files: readonly string[], options: TableOptions = {}): Promise<SubjectRdms> {
  if (files.length === 0) throw new InputError('no subject RDMs given', { file: '<subjects>' });
  const where = files.length === 1 ? files[0] : `${files[0]} and ${files.length - 1} more subject file${files.length === 2 ? '' : 's'}`;
  const subjects = files.length === 1 ? await readStack(files[0], options) : await readOneFileEach(files, options);
  return { ...subjects, setError: (detail) => new InputError(detail, { file: where }) };
}

/** Throws the subject's InputError when its RDM cannot be compared under `method` (constant; all zeros for cosine). */
export function assertSubjectsComparable(subjects: SubjectRdms, method: CompareMethod): void {
  for (let s = 0; s < subjects.rdms.rows; s++) {
    const why = degenerate(row(subjects.rdms, s), method);
    if (why) throw subjects.subjectError(s, `the RDM ${why}, so '${method}' comparison is undefined`);
  }
}

/** One RDM file per subject, all of the same size (and labels, when labelled). */
async function readOneFileEach(files: readonly string[], options: TableOptions): Promise<Omit<SubjectRdms, 'setError'>> {
  const inputs: RdmInput[] = [];
  for (const file of files) {
    const rdm = await readRdmFile(file, options);
    const first = inputs[0];
    if (first !== undefined && rdm.stimuli !== first.stimuli) {
      const [i, j] = rdm.cellOf(0);
      throw cellError(rdm.source, i, j, `${rdm.stimuli} stimuli here but ${first.stimuli} in ${first.source.file}: every subject's RDM must cover the same stimuli`);
    }
    checkFinite(rdm);
    inputs.push(rdm);
  }
  const reference = inputs.find((r) => r.labels !== undefined);
  const m = inputs[0].vector.length;
  const data = new Float64Array(inputs.length * m);
  inputs.forEach((rdm, s) => {
    const v = reference?.labels && rdm.labels ? reorderToLabels(rdm.vector, { labels: rdm.labels, file: rdm.source.file }, { labels: reference.labels, file: reference.source.file }) : rdm.vector;
    data.set(v, s * m);
  });
  return {
    rdms: matrix(inputs.length, m, data),
    stimuli: inputs[0].stimuli,
    names: [...files],
    ...(reference?.labels ? { labels: [...reference.labels] } : {}),
    layout: 'one file per subject',
    subjectError: (s, detail) => new InputError(detail, { file: files[s] }),
  };
}

/** Throws an InputError at the first non-finite cell of an RDM read from a file. */
function checkFinite(rdm: RdmInput): void {
  const v = rdm.vector;
  for (let k = 0; k < v.length; k++) {
    if (!Number.isFinite(v[k])) {
      const [i, j] = rdm.cellOf(k);
      throw cellError(rdm.source, i, j, `${v[k]} is not a finite number: a noise ceiling needs every pair measured in every subject`);
    }
  }
}

/** One file holding every subject: a 3-D array, or condensed RDMs as rows (.npy/.npz by extension or content, else text). */
async function readStack(file: string, options: TableOptions): Promise<Omit<SubjectRdms, 'setError'>> {
  const ext = extname(file).toLowerCase();
  const bytes = await readInputBytes(file);
  if (ext === '.npz' || isZip(bytes)) {
    const [member, npy] = stackMember(parseNpz(bytes, { file }), file);
    return fromArray(npy, { file, format: 'npz', dtype: npy.dtype, shape: npy.shape, member }, `${file} (array '${member}')`);
  }
  if (ext === '.npy' || isNpy(bytes)) {
    const npy = parseNpy(bytes, { file });
    return fromArray(npy, { file, format: 'npy', dtype: npy.dtype, shape: npy.shape }, file);
  }
  const { matrix: m, source, labels } = await readMatrix(file, options);
  const stack = fromCondensedRows(m, source, file);
  return labels && labels.length === m.rows ? { ...stack, names: [...labels] } : stack;
}

/** A NumPy array of subjects: 3-D (subjects × n × n) or 2-D (one condensed RDM per row). */
function fromArray(npy: NpyArray, source: MatrixSource, where: string): Omit<SubjectRdms, 'setError'> {
  const { file } = source;
  if (npy.shape.length === 3) return fromArray3d(npy, file, where);
  if (npy.shape.length === 2) return fromCondensedRows(npy.matrix, source, where);
  if (npy.shape.length === 1) {
    throw new InputError(`a 1-D array holds one condensed RDM; a noise ceiling needs several subjects: give one file per subject, a 3-D array (subjects × n × n) or one condensed RDM per row`, { file });
  }
  throw new InputError(`an array of shape (${npy.shape.join(', ')}): expected subjects × n × n, or one condensed RDM per row`, { file });
}

/** The member of an .npz archive holding the subjects: the only array, else the only 3-D one, else 'rdms'. */
function stackMember(arrays: Record<string, NpyArray>, file: string): [string, NpyArray] {
  const entries = Object.entries(arrays);
  if (entries.length === 1) return entries[0];
  const threeD = entries.filter(([, a]) => a.shape.length === 3);
  if (threeD.length === 1) return threeD[0];
  const named = entries.find(([name]) => name === 'rdms');
  if (named) return named;
  throw new InputError(`.npz archive holds ${entries.length} arrays (${entries.map(([n]) => n).join(', ')}); expected one, one 3-D array, or one named 'rdms'`, { file });
}

/** Subjects × n × n: each slice checked square, symmetric, zero diagonal; errors name the array, subject, row and column. */
function fromArray3d(npy: NpyArray, file: string, where: string): Omit<SubjectRdms, 'setError'> {
  const [subjects, n, n2] = npy.shape;
  const fail = (detail: string): never => {
    throw new InputError(detail, { file });
  };
  if (n !== n2) fail(`a 3-D array of shape (${npy.shape.join(', ')}): each subject's RDM must be square (subjects × n × n)`);
  if (subjects < MIN_SUBJECTS) fail(`a 3-D array of ${subjects} subject: a noise ceiling needs at least ${MIN_SUBJECTS} subjects' RDMs`);
  if (n < MIN_STIMULI) fail(`RDMs of ${n} stimuli: comparing RDMs needs at least ${MIN_STIMULI}`);
  const src = npy.matrix.data;
  const m = pairCount(n);
  const out = new Float64Array(subjects * m);
  for (let s = 0; s < subjects; s++) {
    const base = s * n * n;
    const at = (i: number, j: number) => src[base + i * n + j];
    let maxAbs = 0;
    for (let q = 0; q < n * n; q++) maxAbs = Math.max(maxAbs, Math.abs(src[base + q]));
    const tol = SQUARE_RDM_TOLERANCE * maxAbs;
    const subject = `subject ${s + 1} of ${subjects} (index ${s} on the first axis)`;
    let k = s * m;
    for (let i = 0; i < n; i++) {
      if (!(Math.abs(at(i, i)) <= tol)) fail(`${subject}: not an RDM: diagonal value ${at(i, i)} should be 0 (at row ${i + 1}, column ${i + 1})`);
      for (let j = i + 1; j < n; j++) {
        const v = at(i, j);
        if (!(Math.abs(v - at(j, i)) <= tol)) {
          fail(`${subject}: not an RDM: not symmetric, ${v} at row ${i + 1}, column ${j + 1} but ${at(j, i)} at row ${j + 1}, column ${i + 1}`);
        }
        out[k++] = v;
      }
    }
  }
  return {
    rdms: matrix(subjects, m, out),
    stimuli: n,
    names: Array.from({ length: subjects }, (_, s) => `${where}[${s}]`),
    layout: `a 3-D array (${subjects} × ${n} × ${n})`,
    subjectError: (s, detail) => new InputError(`subject ${s + 1} of ${subjects} (index ${s} on the first axis): ${detail}`, { file }),
  };
}

/** Rows = subjects, each a condensed RDM (n(n−1)/2 values); a lone square RDM is named as such. */
function fromCondensedRows(m: Matrix, source: MatrixSource, where: string): Omit<SubjectRdms, 'setError'> {
  const { rows, cols } = m;
  const n = Math.round((1 + Math.sqrt(1 + 8 * cols)) / 2);
  if (rows === cols && looksLikeOneRdm(m)) {
    throw cellError(source, 0, 0, `holds one square RDM (${rows} × ${cols}); a noise ceiling needs several subjects: give one file per subject, a 3-D array (subjects × n × n) or one condensed RDM per row`);
  }
  if (pairCount(n) !== cols || n < MIN_STIMULI) {
    throw cellError(source, 0, cols - 1, `one condensed RDM per row needs n(n−1)/2 values per row (3, 6, 10, 15, …; at least ${MIN_STIMULI} stimuli), these rows have ${cols}`);
  }
  if (rows < MIN_SUBJECTS) throw cellError(source, 0, 0, `${rows} row (one subject's condensed RDM): a noise ceiling needs at least ${MIN_SUBJECTS} subjects`);
  const data = Float64Array.from(m.data);
  for (let q = 0; q < data.length; q++) {
    if (!Number.isFinite(data[q])) {
      const [i, j] = pairOf(q % cols, n);
      throw cellError(source, Math.floor(q / cols), q % cols, `${data[q]} is not a finite number (stimuli ${i + 1} and ${j + 1}): a noise ceiling needs every pair measured in every subject`);
    }
  }
  return {
    rdms: matrix(rows, cols, data),
    stimuli: n,
    names: Array.from({ length: rows }, (_, s) => `${where}[${s}]`),
    layout: `condensed RDMs as rows (${rows} × ${cols})`,
    subjectError: (s, detail) => cellError(source, s, 0, `subject ${s + 1} (row ${s + 1}): ${detail}`),
  };
}

/** Whether a square matrix is symmetric with a zero diagonal (within the RDM tolerance): one RDM, not a stack. */
function looksLikeOneRdm(m: Matrix): boolean {
  const { rows: n, data } = m;
  let maxAbs = 0;
  for (let q = 0; q < data.length; q++) maxAbs = Math.max(maxAbs, Math.abs(data[q]));
  const tol = SQUARE_RDM_TOLERANCE * maxAbs;
  for (let i = 0; i < n; i++) {
    if (!(Math.abs(data[i * n + i]) <= tol)) return false;
    for (let j = i + 1; j < n; j++) if (!(Math.abs(data[i * n + j] - data[j * n + i]) <= tol)) return false;
  }
  return true;
}

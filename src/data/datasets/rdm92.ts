// The 92-image RDMs (Kriegeskorte et al. 2008): human IT fMRI, similarity judgments and model RDMs, read from the .mat files.
import { dirname, join } from 'node:path';
import { InputError } from '../../core/input-error.ts';
import { matrix, type Matrix } from '../../core/matrix.ts';
import { matDescribe, matField, matString, matStrings, matToMatrix, readMat, type MatValue } from '../mat.ts';
import { datasetFile, verifyDataset } from '../registry.ts';

/** Registry id of the 92-image data set. */
export const RDM92_DATASET = 'rdm92_kriegeskorte';
/** Stimulus count and condensed length (92·91/2) of every RDM of the set. */
export const RDM92_STIMULI = 92;
export const RDM92_PAIRS = 4186;

/** The set's RDMs as condensed float64 vectors (strict upper triangle, row-major). */
export interface Rdm92Data {
  stimuli: number;
  /** 8 rows: subjects BE, KO, SN, TI, each session 1 then 2 (row = 2·subject + session). */
  humanIT: Matrix;
  humanITNames: string[];
  /** 4 rows: each subject's mean of its two sessions. */
  humanITSubjects: Matrix;
  humanITSubjectNames: string[];
  /** 16 rows: similarity-judgment RDMs, one per subject (Mur et al. 2013). */
  judgments: Matrix;
  judgmentNames: string[];
  /** The 8 model RDMs (animacy, FaceBodyManmadeNatobj, monkeyIT, EVA, HMAX, V1, Silhouette, RADON). */
  models: { name: string; rdm: Float64Array }[];
  /** Supplemental data: the 12 category labels and a 92×12 0/1 matrix (stimulus × category). */
  categories: { labels: string[]; vectors: Matrix };
  dataset: { id: string; checksum: string };
}

const FILES = {
  brain: '92_brainRDMs.mat',
  behav: '92_behavRDMs.mat',
  models: '92_modelRDMs.mat',
  supplemental: 'Kriegeskorte_Neuron2008_supplementalData.mat',
} as const;

/** Verify the data set's checksums, then read every RDM of it. */
export function loadRdm92(): Rdm92Data {
  const checksum = verifyDataset(RDM92_DATASET);
  const folder = dirname(datasetFile(RDM92_DATASET, FILES.brain));
  return { ...readRdm92Folder(folder), dataset: { id: RDM92_DATASET, checksum } };
}

/** Read the four .mat files from `folder` (no checksum check); InputError naming the file when a variable or field is missing or malformed. */
export function readRdm92Folder(folder: string): Omit<Rdm92Data, 'dataset'> {
  const brainFile = join(folder, FILES.brain);
  const brain = structVariable(brainFile, 'RDMs', 8);
  const humanIT: Float64Array[] = [];
  const humanITNames: string[] = [];
  const humanITSubjects: Float64Array[] = [];
  const humanITSubjectNames: string[] = [];
  // RDMs is 1×4×2 (subject × session), stored column-major: element subject + 4·session.
  for (let s = 0; s < 4; s++) {
    const sessions = [0, 1].map((t) => {
      humanITNames.push(nameOf(brain, s + 4 * t, brainFile, 'RDMs'));
      return rdmOf(brain, s + 4 * t, brainFile, 'RDMs');
    });
    humanIT.push(...sessions);
    const mean = new Float64Array(RDM92_PAIRS);
    for (let k = 0; k < RDM92_PAIRS; k++) mean[k] = (sessions[0][k] + sessions[1][k]) / 2;
    humanITSubjects.push(mean);
    humanITSubjectNames.push(humanITNames[2 * s].split('|')[1]?.trim() ?? `subject${s + 1}`);
  }
  const behavFile = join(folder, FILES.behav);
  const behav = structVariable(behavFile, 'rdms_behav_92', 16);
  const judgments = Array.from({ length: 16 }, (_, i) => rdmOf(behav, i, behavFile, 'rdms_behav_92'));
  const judgmentNames = Array.from({ length: 16 }, (_, i) => nameOf(behav, i, behavFile, 'rdms_behav_92'));
  const modelFile = join(folder, FILES.models);
  const modelVar = structVariable(modelFile, 'Models', 8);
  const models = Array.from({ length: 8 }, (_, i) => ({ name: nameOf(modelVar, i, modelFile, 'Models'), rdm: rdmOf(modelVar, i, modelFile, 'Models') }));
  return {
    stimuli: RDM92_STIMULI,
    humanIT: stack(humanIT),
    humanITNames,
    humanITSubjects: stack(humanITSubjects),
    humanITSubjectNames,
    judgments: stack(judgments),
    judgmentNames,
    models,
    categories: readCategories(join(folder, FILES.supplemental)),
  };
}

/** The struct-array variable `name` of a .mat file, checked to hold `count` elements. */
function structVariable(file: string, name: string, count: number): MatValue {
  const vars = readMat(file);
  const v = vars[name];
  if (v === undefined) {
    throw new InputError(`no variable '${name}' (variables: ${Object.keys(vars).join(', ') || 'none'})`, { file });
  }
  if (v.type !== 'struct' || v.items.length !== count) {
    throw new InputError(`variable '${name}' should be a struct array of ${count} elements, got ${matDescribe(v)}`, { file });
  }
  return v;
}

/** Field `field` of element `index`, as an InputError (naming file and variable) when absent. */
function fieldOf(v: MatValue, index: number, field: string, file: string, variable: string): MatValue {
  if (v.type !== 'struct' || !v.fields.includes(field)) {
    throw new InputError(`variable '${variable}' has no field '${field}'`, { file });
  }
  return matField(v, field, index);
}

/** The condensed float64 RDM of element `index`, checked 92×92, finite, symmetric, zero diagonal. */
function rdmOf(v: MatValue, index: number, file: string, variable: string): Float64Array {
  const value = fieldOf(v, index, 'RDM', file, variable);
  const where = `${variable}(${index + 1}).RDM`;
  if (value.type !== 'numeric' || value.dims.length !== 2 || value.dims[0] !== RDM92_STIMULI || value.dims[1] !== RDM92_STIMULI) {
    throw new InputError(`${where} should be a 92×92 numeric matrix, got ${matDescribe(value)}`, { file });
  }
  const { data } = matToMatrix(value);
  const out = new Float64Array(RDM92_PAIRS);
  let k = 0;
  for (let i = 0; i < RDM92_STIMULI; i++) {
    if (data[i * RDM92_STIMULI + i] !== 0) throw new InputError(`${where}: diagonal entry (${i + 1}, ${i + 1}) is not 0`, { file });
    for (let j = i + 1; j < RDM92_STIMULI; j++) {
      const x = data[i * RDM92_STIMULI + j];
      if (!Number.isFinite(x) || x !== data[j * RDM92_STIMULI + i]) {
        throw new InputError(`${where}: entry (${i + 1}, ${j + 1}) is ${x}, not finite or not symmetric`, { file });
      }
      out[k++] = x;
    }
  }
  return out;
}

function nameOf(v: MatValue, index: number, file: string, variable: string): string {
  return matString(fieldOf(v, index, 'name', file, variable)).trim();
}

/** The supplemental file's categoryLabels (12 strings) and categoryVectors (92×12). */
function readCategories(file: string): { labels: string[]; vectors: Matrix } {
  const vars = readMat(file);
  const labels = vars.categoryLabels;
  const vectors = vars.categoryVectors;
  if (labels === undefined || vectors === undefined) {
    throw new InputError(`no variable '${labels === undefined ? 'categoryLabels' : 'categoryVectors'}'`, { file });
  }
  const m = matToMatrix(vectors);
  if (m.rows !== RDM92_STIMULI) throw new InputError(`categoryVectors should have 92 rows, got ${matDescribe(vectors)}`, { file });
  return { labels: matStrings(labels), vectors: m };
}

function stack(rows: Float64Array[]): Matrix {
  const out = new Float64Array(rows.length * RDM92_PAIRS);
  rows.forEach((r, i) => out.set(r, i * RDM92_PAIRS));
  return matrix(rows.length, RDM92_PAIRS, out);
}

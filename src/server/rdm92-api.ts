// The 92-image data for the dashboard: every RDM as a square matrix with each stimulus's category, and the
// stimulus pictures (the supplemental .mat's stimuli_92objs(i).image, 175×175×3 uint8) as PNG.
import { InputError } from '../core/input-error.ts';
import { loadRdm92, RDM92_DATASET, type Rdm92Data } from '../data/datasets/rdm92.ts';
import { matDescribe, matField, readMat } from '../data/mat.ts';
import { datasetFile, verifyDataset } from '../data/registry.ts';
import { encodePng } from '../report/png.ts';

/** GET /api/rdm92: per-stimulus categories, a category order of the stimuli, and the RDMs as 92×92 row-major squares. */
export interface Rdm92Document {
  stimuli: number;
  categories: string[];
  order: number[];
  rdms: { name: string; square: number[] }[];
}

/** The six stimulus categories, in the order the figures show them (animate first). */
export const RDM92_CATEGORIES = ['human body', 'human face', 'animal body', 'animal face', 'natural object', 'artificial object'] as const;

const SUPPLEMENT = 'Kriegeskorte_Neuron2008_supplementalData.mat';
const SIDE = 175;

let documentCache: Rdm92Document | undefined;
let jsonCache: Buffer | undefined;
let picturesCache: Uint8Array[] | undefined;
const pngCache = new Map<number, Buffer>();

/** The /api/rdm92 document (read once, then kept). */
export function rdm92Document(): Rdm92Document {
  documentCache ??= buildDocument(loadRdm92());
  return documentCache;
}

/** The /api/rdm92 document as JSON bytes (serialised once: about 1.3 MB). */
export function rdm92Json(): Buffer {
  jsonCache ??= Buffer.from(JSON.stringify(rdm92Document()), 'utf8');
  return jsonCache;
}

/** The PNG of stimulus `index` (0…91), encoded once, then kept. */
export function stimulusPng(index: number): Buffer {
  let png = pngCache.get(index);
  if (png === undefined) {
    picturesCache ??= readPictures();
    const rgb = picturesCache[index];
    if (rgb === undefined) throw new RangeError(`stimulus ${index} out of range 0…${picturesCache.length - 1}`);
    png = encodePng(rgb, SIDE, SIDE);
    pngCache.set(index, png);
  }
  return png;
}

/** Build the document from the loaded data set: subject means first, then the 8 model RDMs. */
export function buildDocument(data: Rdm92Data): Rdm92Document {
  const n = data.stimuli;
  const categories = stimulusCategories(data.categories.labels, data.categories.vectors.data, n);
  const rank = (c: string) => RDM92_CATEGORIES.indexOf(c as (typeof RDM92_CATEGORIES)[number]);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => rank(categories[a]) - rank(categories[b]) || a - b);
  return {
    stimuli: n,
    categories,
    order,
    rdms: [
      { name: 'human IT (mean of 4 subjects)', square: square(rowMean(data.humanITSubjects), n) },
      { name: 'human judgments (mean of 16 subjects)', square: square(rowMean(data.judgments), n) },
      ...data.models.map((m) => ({ name: m.name, square: square(m.rdm, n) })),
    ],
  };
}

/** Each stimulus's category from the 92×12 indicator matrix (columns named by `labels`: animate, human, face, natObj…). */
function stimulusCategories(labels: string[], indicators: ArrayLike<number>, n: number): string[] {
  const cols = labels.length;
  const has = (i: number, label: string) => {
    const c = labels.indexOf(label);
    return c >= 0 && indicators[i * cols + c] === 1;
  };
  return Array.from({ length: n }, (_, i) => {
    if (has(i, 'animate')) return `${has(i, 'human') ? 'human' : 'animal'} ${has(i, 'face') ? 'face' : 'body'}`;
    if (has(i, 'natObj')) return 'natural object';
    if (has(i, 'artiObj')) return 'artificial object';
    return 'other';
  });
}

/** The mean over rows of a rows×cols matrix. */
function rowMean(m: { rows: number; cols: number; data: ArrayLike<number> }): Float64Array {
  const out = new Float64Array(m.cols);
  for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) out[c] += m.data[r * m.cols + c];
  for (let c = 0; c < m.cols; c++) out[c] /= m.rows;
  return out;
}

/** The n×n row-major square of a condensed RDM (strict upper triangle, row-major), zero diagonal. */
function square(condensed: ArrayLike<number>, n: number): number[] {
  const out = new Array<number>(n * n).fill(0);
  let k = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[i * n + j] = out[j * n + i] = condensed[k++];
  return out;
}

/** Every stimulus picture as row-major RGB bytes, from the checksum-verified supplemental .mat. */
function readPictures(): Uint8Array[] {
  verifyDataset(RDM92_DATASET);
  const file = datasetFile(RDM92_DATASET, SUPPLEMENT);
  const stimuli = readMat(file).stimuli_92objs;
  if (stimuli === undefined || stimuli.type !== 'struct' || !stimuli.fields.includes('image')) {
    throw new InputError("no struct variable 'stimuli_92objs' with a field 'image'", { file });
  }
  return stimuli.items.map((_, index) => {
    const image = matField(stimuli, 'image', index);
    const dims = image.type === 'numeric' ? image.dims : [];
    if (image.type !== 'numeric' || image.class !== 'uint8' || dims[0] !== SIDE || dims[1] !== SIDE || dims[2] !== 3) {
      throw new InputError(`stimuli_92objs(${index + 1}).image should be uint8 175×175×3, got ${matDescribe(image)}`, { file });
    }
    // MATLAB stores column-major: element (row r, column c, channel k) sits at r + c·175 + k·175².
    const rgb = new Uint8Array(SIDE * SIDE * 3);
    for (let r = 0; r < SIDE; r++) {
      for (let c = 0; c < SIDE; c++) for (let k = 0; k < 3; k++) rgb[(r * SIDE + c) * 3 + k] = image.data[r + c * SIDE + k * SIDE * SIDE];
    }
    return rgb;
  });
}

// `features:<dir>`: activations extracted elsewhere, in thingsvision's layout — one .npy (or one-array .npz) per
// layer and file_names.txt naming the stimulus of each row — as a model that looks stimuli up by name.
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { InputError } from '../core/input-error.ts';
import { matrix, type Matrix } from '../core/matrix.ts';
import { naturalCompare } from '../core/natural-order.ts';
import { parseNpy } from '../core/npy-format.ts';
import { onlyNpzArray, parseNpz } from '../core/npz-format.ts';
import { isImage, stimulusName, type ImageStimulus } from '../core/stimulus.ts';
import { isMultiWord } from './item-words.ts';
import type { EmbeddingModel, ItemVectors } from './word-model.ts';

/** The file naming the stimulus of each row, one name per line (thingsvision's name for it). */
export const NAMES_FILE = 'file_names.txt';

/** The extensions of layer files. */
export const LAYER_EXTENSIONS: readonly string[] = ['.npy', '.npz'];

/** A features folder as a model, with what it holds. */
export interface FeaturesFolderModel extends EmbeddingModel {
  /** The folder as the user named it. */
  readonly folder: string;
  /** The stimulus name of each row, in file order (file_names.txt); as texts, they cover every row exactly. */
  readonly names: readonly string[];
  /** The path of each layer's file, in layer order. */
  readonly layerFiles: readonly string[];
}

/**
 * Open `dir` (the text after 'features:'): every `*.npy` / `*.npz` in it is a layer, named by its file name
 * without extension and ordered naturally (layer2 < layer10); the last is the default. file_names.txt names
 * each row. Stimuli match rows by their exact name only (a base name would be ambiguous: the shipped picture sets
 * cichy92 and algonauts78 both have an image_01.jpg, the latter named images/image_01.jpg). Layers are read on first use and kept as float32
 * (float64 files are rounded to float32 once); the default layer is read here, to know the width.
 * revision = sha256 over file_names.txt and every layer file. InputError names the folder or file at fault.
 */
export async function loadFeaturesFolder(dir: string, id = `features:${dir}`): Promise<FeaturesFolderModel> {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new InputError(`not a folder: ${id} needs a folder holding one .npy or .npz per layer and ${NAMES_FILE}`, { file: dir });
  }
  const namesPath = join(dir, NAMES_FILE);
  const names = readNames(namesPath);
  const files = layerFileNames(dir);
  const layers = files.map((file) => file.slice(0, -extname(file).length));
  const layerFiles = files.map((file) => join(dir, file));
  const index = new Map(names.map((name, row) => [name, row]));
  const revision = await hashFiles([namesPath, ...layerFiles]);

  const read = new Map<number, Promise<Matrix>>();
  const layerMatrix = (layer: number): Promise<Matrix> => {
    let m = read.get(layer);
    if (!m) {
      m = readLayer(layerFiles[layer], namesPath, names.length);
      read.set(layer, m);
      m.catch(() => read.delete(layer)); // a file fixed meanwhile is read again
    }
    return m;
  };
  const defaultLayer = layers.length - 1;
  const dimensions = (await layerMatrix(defaultLayer)).cols;

  return {
    kind: 'embedding',
    id,
    revision,
    dimensions,
    layers,
    defaultLayer,
    modalities: ['image', 'text'],
    preprocessing: { source: 'features folder', layers: files },
    folder: dir,
    names,
    layerFiles,
    covers: (wanted) => wanted.some((name) => index.has(name)),
    async vectors(items, layer = defaultLayer): Promise<ItemVectors> {
      if (!Number.isInteger(layer) || layer < 0 || layer >= layers.length) {
        throw new RangeError(`layer ${layer} is out of range (${id} has layers 0…${layers.length - 1})`);
      }
      const rows = items.map((item) => index.get(stimulusName(item)));
      const missingPictures = items.filter((item, i): item is ImageStimulus => isImage(item) && rows[i] === undefined);
      if (missingPictures.length > 0) {
        const [first] = missingPictures;
        const more = missingPictures.length > 1 ? ` and ${missingPictures.length - 1} other picture(s)` : '';
        throw new InputError(`has no row for ${first.name} (${first.source})${more}`, { file: namesPath });
      }
      const m = await layerMatrix(layer);
      const data = new Float32Array(items.length * m.cols);
      const covered = rows.map((row, i) => {
        if (row !== undefined) data.set(m.data.subarray(row * m.cols, (row + 1) * m.cols), i * m.cols);
        return row !== undefined;
      });
      const texts = items.filter((item): item is string => !isImage(item));
      const missingWords = [...new Set(items.filter((item, i): item is string => rows[i] === undefined))]; // pictures all matched
      return { matrix: matrix(items.length, m.cols, data), covered, multiWord: texts.filter(isMultiWord).length, missingWords };
    },
  };
}

/** The names of file_names.txt, one per line (CRLF and trailing blank lines allowed); InputError for a blank or repeated name. */
function readNames(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `file not found: a features folder names the stimulus of each row in ${NAMES_FILE}, one per line` : `cannot read: ${(error as Error).message}`;
    throw new InputError(why, { file: path });
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).map((line) => line.trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new InputError('lists no stimuli (one name per line, one line per row of the layers)', { file: path, line: 1 });
  const seen = new Map<string, number>();
  lines.forEach((name, i) => {
    const where = { file: path, line: i + 1 };
    if (name === '') throw new InputError('blank line: every row of the layers needs a stimulus name', where);
    if (seen.has(name)) throw new InputError(`'${name}' is listed twice (first on line ${seen.get(name)})`, where);
    seen.set(name, i + 1);
  });
  return lines;
}

/** The layer files of a folder (.npy, .npz; dot files skipped), in natural order of their layer names; InputError when none or two share a name. */
function layerFileNames(dir: string): string[] {
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.') && LAYER_EXTENSIONS.includes(extname(entry.name).toLowerCase()))
    .filter((entry) => entry.isFile() || statSync(join(dir, entry.name), { throwIfNoEntry: false })?.isFile())
    .map((entry) => entry.name);
  if (files.length === 0) throw new InputError(`no layer files: a features folder holds one .npy or .npz per layer, beside ${NAMES_FILE}`, { file: dir });
  const stem = (file: string) => file.slice(0, -extname(file).length);
  files.sort((a, b) => naturalCompare(stem(a), stem(b)) || naturalCompare(a, b));
  for (let k = 1; k < files.length; k++) {
    if (stem(files[k]) === stem(files[k - 1])) throw new InputError(`${files[k - 1]} and ${files[k]} are both layer '${stem(files[k])}'; keep one`, { file: dir });
  }
  return files;
}

/** A layer file as a float32 matrix with one row per listed name; InputError naming both files when the counts differ. */
async function readLayer(path: string, namesPath: string, count: number): Promise<Matrix> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InputError(`cannot read the layer: ${(error as Error).message}`, { file: path });
  }
  const array = extname(path).toLowerCase() === '.npz' ? onlyNpzArray(parseNpz(bytes, { file: path }), path)[1] : parseNpy(bytes, { file: path });
  const { rows, cols, data } = array.matrix;
  if (rows !== count) {
    const shape = array.shape.length > 0 ? ` (shape ${array.shape.join('×')})` : '';
    throw new InputError(`has ${rows} rows${shape} but ${namesPath} lists ${count} stimuli; every layer needs one row per listed stimulus`, { file: path });
  }
  return matrix(rows, cols, data instanceof Float32Array ? data : Float32Array.from(data));
}

/** sha256 (hex) over each file's name, size and bytes, in order, streamed (layer files can be large). */
async function hashFiles(paths: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const path of paths) {
    hash.update(`${basename(path)}\0${statSync(path).size}\0`);
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

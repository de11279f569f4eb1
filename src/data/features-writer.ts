// Writing activations in thingsvision's layout — one float32 .npy per layer and file_names.txt — all or nothing:
// the files are written into a temporary folder beside the target, then renamed into it.
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { InputError } from '../core/input-error.ts';
import type { Matrix } from '../core/matrix.ts';
import { naturalCompare } from '../core/natural-order.ts';
import { encodeNpy } from '../core/npy-format.ts';

/** The file naming the stimulus of each row (thingsvision's name; what `features:<dir>` reads). */
const NAMES_FILE = 'file_names.txt';

/** One layer to write: its name and its matrix (one row per stimulus). */
export interface FeaturesLayer {
  name: string;
  matrix: Matrix;
}

/**
 * Write `dir/<layer>.npy` for each layer (float32, C order, format 1.0, shape [rows, cols]) and `dir/file_names.txt`
 * (one name per line, LF); `dir` is created when needed. Returns the layer files in layer order, then file_names.txt.
 * File names are file-safe forms of the layer names ('layer 3' → 'layer_3.npy'); when their natural order (the
 * order `features:<dir>` reads them in) differs from the given order, each gets a zero-padded index prefix
 * ('01_conv.npy', '02_attn.npy'). InputError when `dir` already holds layer files this write would not replace.
 */
export async function writeFeaturesFolder(dir: string, names: readonly string[], layers: readonly FeaturesLayer[]): Promise<string[]> {
  checkContents(dir, names, layers);
  const files = layerFileNames(layers.map((layer) => layer.name)).map((stem) => `${stem}.npy`);
  await refuseForeignLayers(dir, files);
  const parent = dirname(resolve(dir));
  let temp: string;
  try {
    await mkdir(parent, { recursive: true });
    temp = await mkdtemp(join(parent, `.${basename(resolve(dir))}.tmp-`));
  } catch (error) {
    throw new InputError(`cannot write: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? `the folder ${parent} cannot be made` : (error as Error).message}`, { file: dir });
  }
  try {
    for (let k = 0; k < layers.length; k++) {
      const m = layers[k].matrix;
      const values = m.data instanceof Float32Array ? m.data : Float32Array.from(m.data);
      await writeFile(join(temp, files[k]), encodeNpy(values, [m.rows, m.cols]));
    }
    await writeFile(join(temp, NAMES_FILE), names.map((name) => `${name}\n`).join(''));
    await mkdir(dir, { recursive: true });
    const written = [...files, NAMES_FILE].map((file) => join(dir, file));
    for (const file of [...files, NAMES_FILE]) await rename(join(temp, file), join(dir, file));
    return written;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot write the features folder: ${(error as Error).message}`, { file: dir });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/**
 * File stems for layer names: characters other than letters, digits, '.', '-' and '_' become '_', repeats get
 * '_2', '_3'…; when the stems' natural order is not the given order, each gets a zero-padded 1-based index prefix.
 */
export function layerFileNames(layerNames: readonly string[]): string[] {
  const used = new Set<string>();
  const stems = layerNames.map((name) => {
    const safe = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'layer';
    let stem = safe;
    for (let k = 2; used.has(stem.toLowerCase()); k++) stem = `${safe}_${k}`;
    used.add(stem.toLowerCase());
    return stem;
  });
  const inOrder = stems.every((stem, k) => k === 0 || naturalCompare(stems[k - 1], stem) < 0);
  if (inOrder) return stems;
  const width = String(stems.length).length;
  return stems.map((stem, k) => `${String(k + 1).padStart(width, '0')}_${stem}`);
}

/** Names and layers that make a readable folder: one unique, single-line name per row of every layer. */
function checkContents(dir: string, names: readonly string[], layers: readonly FeaturesLayer[]): void {
  const namesFile = join(dir, NAMES_FILE);
  if (names.length === 0) throw new InputError('no stimuli to write', { file: namesFile });
  if (layers.length === 0) throw new InputError('no layers to write', { file: dir });
  const seen = new Set<string>();
  for (const name of names) {
    if (name.trim() === '' || /[\r\n]/.test(name) || name !== name.trim()) throw new InputError(`stimulus name ${JSON.stringify(name)} cannot be one line of ${NAMES_FILE} (blank, a line break, or spaces at an end)`, { file: namesFile });
    if (seen.has(name)) throw new InputError(`stimulus '${name}' appears twice; ${NAMES_FILE} needs one name per row`, { file: namesFile });
    seen.add(name);
  }
  for (const { name, matrix } of layers) {
    if (matrix.rows !== names.length) throw new RangeError(`writeFeaturesFolder: layer '${name}' has ${matrix.rows} rows for ${names.length} stimuli`);
  }
}

/** InputError when `dir` holds .npy/.npz files other than `files` (another extraction's layers would be read as layers of this one). */
async function refuseForeignLayers(dir: string, files: readonly string[]): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw new InputError('cannot write: is a file, not a folder', { file: dir });
    throw error;
  }
  const foreign = entries.find((entry) => !entry.startsWith('.') && ['.npy', '.npz'].includes(extname(entry).toLowerCase()) && !files.includes(entry));
  if (foreign !== undefined) {
    throw new InputError(`the folder already holds ${foreign}, which this write would not replace (it would be read as a layer); choose a new folder or remove it`, { file: dir });
  }
}

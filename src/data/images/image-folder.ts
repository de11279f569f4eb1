// A folder of the user's own pictures as stimuli: every JPEG, PNG and WebP file under it (sub-folders too, named
// by their path relative to the folder, as thingsvision names them), in the order of a names file when one is
// given, otherwise sorted by name (code-unit order, as Python's sorted()). Each file is checked to decode.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { InputError } from '../../core/input-error.ts';
import type { ImageStimulus } from '../../core/stimulus.ts';
import { checkImageHeader, decodeImage, IMAGE_EXTENSIONS } from './decode.ts';

/** Options of readImageFolder: a names file giving the order (one relative file name per line). */
export interface ImageFolderOptions {
  names?: string;
}

/** The pictures of `dir` as stimuli; InputError naming the folder or the offending file (not a picture, unreadable, listed twice, missing). */
export async function readImageFolder(dir: string, options: ImageFolderOptions = {}): Promise<ImageStimulus[]> {
  if (!isDirectory(dir)) throw new InputError('not a folder of pictures (it does not exist or is a file)', { file: dir });
  const names = options.names === undefined ? listPictures(dir, dir) : readNames(options.names, dir);
  if (names.length === 0) throw new InputError(`no pictures (${IMAGE_EXTENSIONS.join(', ')}) in the folder`, { file: dir });
  const stimuli: ImageStimulus[] = [];
  for (const name of names) {
    const path = join(dir, ...name.split('/'));
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw new InputError(`cannot read the picture: ${(error as Error).message}`, { file: path });
    }
    await checkImageHeader(bytes, path);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    stimuli.push({ kind: 'image', name, sha256, source: path, load: async () => decodeImage(await readFile(path), path) });
  }
  return stimuli;
}

/** Whether a path is an existing folder. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Relative names ('a/b.jpg') of every file under `dir`, sorted; a file that is not a picture is an InputError (dot files are skipped). */
function listPictures(dir: string, root: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...listPictures(path, root));
      continue;
    }
    if (!IMAGE_EXTENSIONS.includes(extname(entry.name).toLowerCase())) {
      throw new InputError(`not a picture (the folder may hold only ${IMAGE_EXTENSIONS.join(', ')} files; give the order with a names file kept elsewhere)`, { file: path });
    }
    out.push(relative(root, path).split(sep).join('/'));
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The names listed in a names file (one per line, blank lines skipped); each must be a picture name, listed once. */
function readNames(file: string, dir: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read the names file: ${(error as Error).message}`, { file });
  }
  const seen = new Map<string, number>();
  const names: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const name = raw.trim();
    if (name === '') return;
    const where = { file, line: i + 1, column: 1 };
    if (!IMAGE_EXTENSIONS.includes(extname(name).toLowerCase())) throw new InputError(`'${name}' is not a picture file name (${IMAGE_EXTENSIONS.join(', ')})`, where);
    if (seen.has(name)) throw new InputError(`'${name}' is listed twice (first on line ${seen.get(name)})`, where);
    if (!statSync(join(dir, ...name.split('/')), { throwIfNoEntry: false })?.isFile()) throw new InputError(`'${name}' is not a file of ${dir}`, where);
    seen.set(name, i + 1);
    names.push(name);
  });
  return names;
}

// NumPy .npz archives for the data layer: reading the file; the byte-level format lives in core (models read .npz too).
import { readFile } from 'node:fs/promises';
import { InputError } from '../core/input-error.ts';
import { parseNpz } from '../core/npz-format.ts';
import type { NpyArray } from '../core/npy-format.ts';

export { isZip, onlyNpzArray, parseNpz } from '../core/npz-format.ts';

/** Read an .npz file: its arrays by name (the member names without `.npy`, e.g. `arr_0`). Failures are InputErrors naming the file. */
export async function readNpz(path: string): Promise<Record<string, NpyArray>> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('file not found', { file: path });
    if (code === 'EISDIR') throw new InputError('is a directory, not a file', { file: path });
    throw new InputError(`cannot read file: ${(error as Error).message}`, { file: path });
  }
  return parseNpz(bytes, { file: path });
}


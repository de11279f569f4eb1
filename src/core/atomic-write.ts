// Atomic file writes: a reader never sees a half-written file, and a failed write leaves none behind.
import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from './input-error.ts';

/**
 * Write a file atomically: the data goes to a temporary file in the same folder, which is then renamed
 * over the target, so a reader never sees a half-written file and a failed run leaves none behind.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`cannot write: the folder ${dirname(path)} does not exist`, { file: path });
    if (code === 'EACCES' || code === 'EPERM') throw new InputError('cannot write: permission denied', { file: path });
    if (code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST') throw new InputError('cannot write: is a directory', { file: path });
    if (code === 'ENOTDIR') throw new InputError(`cannot write: ${dirname(path)} is not a folder`, { file: path });
    throw error;
  }
}


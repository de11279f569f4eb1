// The NumPy .npz format as bytes, with no file access: a zip (np.savez, np.savez_compressed) of .npy members,
// stored or deflated. Shared by the data readers and by the models that read their own files (features folders).
import { unzipSync } from 'fflate';
import { InputError } from './input-error.ts';
import { parseNpy, type NpyArray } from './npy-format.ts';

const ZIP_SIGNATURES = [
  [0x50, 0x4b, 0x03, 0x04], // a local file header: the first member
  [0x50, 0x4b, 0x05, 0x06], // an end-of-central-directory record: an archive with no members
];

/** Whether bytes start like a zip archive (what every .npz is). */
export function isZip(bytes: Uint8Array): boolean {
  return ZIP_SIGNATURES.some((sig) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b));
}

/**
 * Parse the bytes of an .npz archive; each member goes through parseNpy (so the same dtypes are read and
 * non-finite values refused). Throws InputError for a non-zip, a damaged archive, an empty one or a bad member.
 */
export function parseNpz(bytes: Uint8Array, options: { file?: string } = {}): Record<string, NpyArray> {
  const file = options.file ?? '<input>';
  const fail = (detail: string): never => {
    throw new InputError(detail, { file });
  };
  if (bytes.length === 0) fail('empty file');
  if (!isZip(bytes)) fail('not a NumPy .npz file (not a zip archive: the "PK" signature is missing)');
  let members: Record<string, Uint8Array> = {};
  try {
    members = unzipSync(bytes);
  } catch (error) {
    fail(`damaged or truncated .npz (zip) archive: ${(error as Error).message}`);
  }
  const out: Record<string, NpyArray> = {};
  for (const [member, content] of Object.entries(members)) {
    if (member.endsWith('/')) continue; // a folder entry
    const key = member.endsWith('.npy') ? member.slice(0, -'.npy'.length) : member;
    try {
      out[key] = parseNpy(content, { file });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      fail(`member '${member}' is not a valid .npy array: ${error.detail}`);
    }
  }
  if (Object.keys(out).length === 0) fail('empty .npz archive: it holds no arrays');
  return out;
}

/** The one array of an .npz archive, with its member name; InputError naming the file and listing the members otherwise. */
export function onlyNpzArray(arrays: Record<string, NpyArray>, file: string): [string, NpyArray] {
  const entries = Object.entries(arrays);
  if (entries.length !== 1) {
    const names = entries.map(([name]) => name).join(', ');
    throw new InputError(`.npz archive holds ${entries.length} arrays (${names}); one array is needed (save the matrix alone, e.g. with np.save)`, { file });
  }
  return entries[0];
}

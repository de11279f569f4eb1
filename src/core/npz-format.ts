// The NumPy .npz format as bytes, with no file access: a zip (np.savez, np.savez_compressed) of .npy members,
// stored or deflated. Shared by the data readers and by the models that read their own files (features folders).
import { unzipSync, zipSync } from 'fflate';
import { InputError } from './input-error.ts';
import { encodeNpy, encodeNpyText, isNpyText, parseNpy, parseNpyText, type NpyArray, type NpyText } from './npy-format.ts';
import type { FloatArray } from './matrix.ts';

const ZIP_SIGNATURES = [
  [0x50, 0x4b, 0x03, 0x04], // a local file header: the first member
  [0x50, 0x4b, 0x05, 0x06], // an end-of-central-directory record: an archive with no members
];

/** Whether bytes start like a zip archive (what every .npz is). */
export function isZip(bytes: Uint8Array): boolean {
  return ZIP_SIGNATURES.some((sig) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b));
}

/** The members of an .npz archive: numeric arrays and text arrays (labels), by name without `.npy`. */
export interface NpzMembers {
  arrays: Record<string, NpyArray>;
  texts: Record<string, NpyText>;
}

/**
 * Parse the bytes of an .npz archive into its numeric arrays; each goes through parseNpy (so the same dtypes are
 * read and non-finite values refused); text arrays (labels) are left out. Throws InputError for a non-zip, a
 * damaged archive, an empty one or a bad member.
 */
export function parseNpz(bytes: Uint8Array, options: { file?: string } = {}): Record<string, NpyArray> {
  return parseNpzMembers(bytes, options).arrays;
}

/**
 * Parse an .npz archive into numeric arrays and (with `text`, the default) text arrays such as `labels`; NaN kept
 * with `allowNaN`. InputError for a non-zip, a damaged or empty archive, or a member that is neither.
 */
export function parseNpzMembers(bytes: Uint8Array, options: { file?: string; allowNaN?: boolean; text?: boolean } = {}): NpzMembers {
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
  const arrays: Record<string, NpyArray> = {};
  const texts: Record<string, NpyText> = {};
  for (const [member, content] of Object.entries(members)) {
    if (member.endsWith('/')) continue; // a folder entry
    const key = member.endsWith('.npy') ? member.slice(0, -'.npy'.length) : member;
    try {
      if (options.text !== false && isNpyText(content)) texts[key] = parseNpyText(content, { file });
      else arrays[key] = parseNpy(content, { file, allowNaN: options.allowNaN });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      fail(`member '${member}' is not a valid .npy array: ${error.detail}`);
    }
  }
  if (Object.keys(arrays).length + Object.keys(texts).length === 0) fail('empty .npz archive: it holds no arrays');
  return { arrays, texts };
}

/** A float array with its shape, one member of an archive to write. */
export interface NpzFloatMember {
  values: FloatArray;
  shape: readonly number[];
}

/**
 * An .npz archive as np.savez writes it (a zip of stored, uncompressed `<name>.npy` members): float members
 * through encodeNpy, string lists as numpy unicode arrays (encodeNpyText), readable by np.load(allow_pickle=False).
 */
export function encodeNpz(members: Record<string, NpzFloatMember | readonly string[]>): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const [name, member] of Object.entries(members)) {
    const bytes = Array.isArray(member) ? encodeNpyText(member as readonly string[]) : encodeNpy((member as NpzFloatMember).values, (member as NpzFloatMember).shape);
    files[`${name}.npy`] = [bytes, { level: 0 }];
  }
  return zipSync(files);
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

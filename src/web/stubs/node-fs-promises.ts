// Browser stand-in for node:fs/promises: files the user dropped, held in memory under their names, so the
// shared readers (src/data/read-matrix.ts) read them exactly as the CLI reads files from disk.

const files = new Map<string, Uint8Array>();

/** Make `bytes` readable under `name` (replacing any earlier file of that name). */
export function putFile(name: string, bytes: Uint8Array): void {
  files.set(name, bytes);
}

/** Forget every file. */
export function clearFiles(): void {
  files.clear();
}

/** The bytes of a file put earlier; a missing one fails with code ENOENT, as node's readFile does. */
export async function readFile(name: string): Promise<Uint8Array> {
  const bytes = files.get(name);
  if (bytes === undefined) throw Object.assign(new Error(`ENOENT: no such file '${name}'`), { code: 'ENOENT' });
  return bytes;
}

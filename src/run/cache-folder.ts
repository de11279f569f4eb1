// What the whole cache folder holds on disk: the SQLite file and everything beside it (the converted GloVe
// binary under models/, hf-hub downloads, exposed-layer copies, stray files), by top-level entry.
import { existsSync, lstatSync, readdirSync, type Stats } from 'node:fs';
import { join } from 'node:path';

/** Files and bytes of one top-level entry of the cache folder (a folder's name ends in `/`). */
export interface FolderEntryUsage {
  files: number;
  bytes: number;
}

/** The cache folder's total files and bytes (apparent sizes; a file hard-linked twice counted once), by top-level entry. */
export interface CacheFolderUsage {
  path: string;
  files: number;
  bytes: number;
  byEntry: Record<string, FolderEntryUsage>;
}

/** Walk the cache folder `dir` (symbolic links are counted as links, never followed); an absent folder reads as empty. */
export function cacheFolderUsage(dir: string): CacheFolderUsage {
  const usage: CacheFolderUsage = { path: dir, files: 0, bytes: 0, byEntry: {} };
  if (!existsSync(dir)) return usage;
  const seen = new Set<string>();
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stats = statOrUndefined(path);
    if (stats === undefined) continue;
    const entry: FolderEntryUsage = { files: 0, bytes: 0 };
    if (stats.isDirectory()) walk(path, entry, seen);
    else count(stats, entry, seen);
    usage.byEntry[stats.isDirectory() ? `${name}/` : name] = entry;
    usage.files += entry.files;
    usage.bytes += entry.bytes;
  }
  return usage;
}

/** Add every file below `dir` to `into`. */
function walk(dir: string, into: FolderEntryUsage, seen: Set<string>): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stats = statOrUndefined(path);
    if (stats === undefined) continue;
    if (stats.isDirectory()) walk(path, into, seen);
    else count(stats, into, seen);
  }
}

/** Count one non-folder entry once per inode (hard links share their bytes). */
function count(stats: Stats, into: FolderEntryUsage, seen: Set<string>): void {
  const id = `${stats.dev}:${stats.ino}`;
  if (seen.has(id)) return;
  seen.add(id);
  into.files++;
  into.bytes += stats.size;
}

/** lstat, or undefined for an entry that vanished meanwhile (another process's WAL or temporary file). */
function statOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

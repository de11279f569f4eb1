// `attune cache info [--json]` and `attune cache clear [--kind K] [--json]`: look into or empty the result cache.
import { cacheDirectory } from '../../core/cache-dir.ts';
import { CacheFileError, cacheInfo, openCache, removeCacheFile, type CacheCounts, type CacheInfo } from '../../run/cache.ts';
import { cacheFolderUsage, type CacheFolderUsage } from '../../run/cache-folder.ts';
import { didYouMean } from '../../core/suggest.ts';
import { expectPositionals, parseVerbArgs, UsageError } from '../args.ts';
import { note, printJson, printText } from '../output.ts';

/** Help text of `attune cache`. */
export const CACHE_HELP = `Usage: attune cache info [--json]
       attune cache clear [--kind K] [--json]

The cache keeps what Attune computed once (model vectors, scores) in one SQLite file, cache.sqlite,
in the cache folder: $ATTUNE_CACHE_DIR, else $XDG_CACHE_HOME/attune, else ~/.cache/attune. Beside it
are the converted GloVe vectors (models/), downloaded and prepared hf: models (hf-hub/, …). Everything
there can be recomputed or downloaded again, so clearing it is always safe.

Commands:
  info           the cache file, its entries and their sizes by kind, then every file in the cache
                 folder: the total and each top-level entry
  clear          delete the entries of cache.sqlite (all, or those of one kind) and compact the file;
                 a corrupt cache file is deleted and started again. Other files in the folder stay
                 (delete the folder to remove them)

Options:
  --kind K       clear: only entries of kind K
  --json         print one JSON document: info → {path, entries, bytes, byKind: {kind: {entries,
                 bytes}}, fileBytes, folder: {path, files, bytes, byEntry: {name: {files, bytes}}}};
                 clear → {path, kind?, removed: {entries, bytes}, info}
  -h, --help     this help
`;

/** Run `attune cache`; returns the exit code. */
export async function runCache(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('cache', args, {
    kind: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    printText(CACHE_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('cache', 'missing <command>: info or clear');
  const [command] = expectPositionals('cache', positionals, ['command']);
  const dir = cacheDirectory();
  if (command === 'info') {
    if (values.kind !== undefined) throw new UsageError('cache', '--kind goes with clear, not info');
    const info = folderInfo(dir);
    if (values.json) printJson(info);
    else printText(formatInfo(info));
    return 0;
  }
  if (command === 'clear') {
    const kind = values.kind === undefined ? undefined : String(values.kind);
    if (kind !== undefined && kind.trim() === '') throw new UsageError('cache', '--kind needs a kind name');
    const removed = clearCache(dir, kind);
    const info = folderInfo(dir);
    if (values.json) {
      printJson({ path: info.path, ...(kind === undefined ? {} : { kind }), removed, info });
    } else {
      const what = kind === undefined ? '' : ` of kind ${kind}`;
      printText(`removed ${plural(removed.entries, 'entry', 'entries')}${what} (${formatBytes(removed.bytes)}) from ${info.path}`);
    }
    return 0;
  }
  throw new UsageError('cache', `unknown cache command '${command}'; expected info or clear${didYouMean(command, ['info', 'clear'])}`);
}

/** Clear the cache in `dir` (one kind, or all); an unusable file is deleted when clearing everything. */
function clearCache(dir: string, kind: string | undefined): CacheCounts {
  let cache;
  try {
    cache = openCache(dir);
  } catch (error) {
    if (!(error instanceof CacheFileError) || kind !== undefined) throw error;
    note(`attune cache: ${error.message.split(';')[0]}: deleting it`);
    removeCacheFile(dir);
    openCache(dir).close();
    return { entries: 0, bytes: 0 };
  }
  try {
    return cache.clear(kind);
  } finally {
    cache.close();
  }
}

/** The cache file's counts and the whole folder's files. */
function folderInfo(dir: string): CacheInfo & { folder: CacheFolderUsage } {
  return { ...cacheInfo(dir), folder: cacheFolderUsage(dir) };
}

/** The human text of `cache info`: path, totals, a table by kind, then the folder's total and entries. */
function formatInfo(info: CacheInfo & { folder: CacheFolderUsage }): string {
  const lines = [
    `cache: ${info.path}`,
    `entries: ${info.entries} (${formatBytes(info.bytes)} of values; ${formatBytes(info.fileBytes)} on disk)`,
  ];
  const kinds = Object.keys(info.byKind);
  if (kinds.length > 0) {
    const width = Math.max(4, ...kinds.map((k) => k.length));
    const counts = kinds.map((k) => String(info.byKind[k].entries));
    const countWidth = Math.max(7, ...counts.map((c) => c.length));
    lines.push(`  ${'kind'.padEnd(width)}  ${'entries'.padStart(countWidth)}  size`);
    kinds.forEach((k, i) => lines.push(`  ${k.padEnd(width)}  ${counts[i].padStart(countWidth)}  ${formatBytes(info.byKind[k].bytes)}`));
  }
  const folder = info.folder;
  lines.push(`folder: ${folder.path}: ${formatBytes(folder.bytes)} in ${plural(folder.files, 'file', 'files')}`);
  const names = Object.keys(folder.byEntry).sort((a, b) => folder.byEntry[b].bytes - folder.byEntry[a].bytes || a.localeCompare(b));
  if (names.length > 0) {
    const width = Math.max(5, ...names.map((n) => n.length));
    const counts = names.map((n) => String(folder.byEntry[n].files));
    const countWidth = Math.max(5, ...counts.map((c) => c.length));
    lines.push(`  ${'entry'.padEnd(width)}  ${'files'.padStart(countWidth)}  size`);
    names.forEach((n, i) => lines.push(`  ${n.padEnd(width)}  ${counts[i].padStart(countWidth)}  ${formatBytes(folder.byEntry[n].bytes)}`));
  }
  return lines.join('\n');
}

/** A byte count for people: `512 B`, `1.5 KiB`, `20.0 MiB`, `1.2 GiB` (powers of 1024). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** `1 entry`, `3 entries`. */
function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

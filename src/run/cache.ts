// The result cache: one SQLite file (`cache.sqlite` in the cache folder) of blobs keyed by content hashes.
//
// Safety: every put is one SQLite transaction and `many` wraps a batch in one, so a crash or Ctrl-C leaves
// either the old or the new entry, never half of one. The file is in WAL mode with synchronous=NORMAL
// (a process crash loses nothing committed; a power cut may lose the last commits, never consistency), and
// a busy timeout lets several processes read and write the same cache at once.
//
// Schema: table attune_schema holds one row, the schema version. A file written by a newer Attune is refused
// with a clear error (it is never modified). A file with an older version is recreated empty: the cache holds
// only results that can be recomputed, so dropping them is the migration.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDirectory } from '../core/cache-dir.ts';
import { InputError } from '../core/input-error.ts';

/** The schema version this code reads and writes. */
export const CACHE_SCHEMA_VERSION = 1;

/** The cache file's name inside the cache folder. */
export const CACHE_FILE = 'cache.sqlite';

/** How long a statement waits for another process's lock before failing (ms). */
const BUSY_TIMEOUT_MS = 30_000;

/** Entries whose last use is older than this get their last_used refreshed when read (ms). */
const TOUCH_AFTER_MS = 60_000;

/** Entry counts and value bytes, overall or of one kind. */
export interface CacheCounts {
  entries: number;
  bytes: number;
}

/** What `info()` reports: the file, its entries, value bytes (overall and by kind) and the size on disk. */
export interface CacheInfo extends CacheCounts {
  path: string;
  byKind: Record<string, CacheCounts>;
  /** Bytes on disk: the database file plus its write-ahead log. */
  fileBytes: number;
}

/** A cache file that cannot be used (corrupt, not a database, or from a newer Attune): names the path. */
export class CacheFileError extends InputError {
  constructor(path: string, detail: string) {
    super(detail, { file: path });
    this.name = 'CacheFileError';
  }
}

/** An open cache. Values are bytes; JSON and Float32Array helpers sit on top. Close it when done. */
export interface Cache {
  /** The cache file's path. */
  readonly path: string;
  /** The stored bytes of `key`, or undefined. */
  get(key: string): Buffer | undefined;
  /** The stored JSON value of `key`, or undefined. */
  getJson<T>(key: string): T | undefined;
  /** A fresh Float32Array (owning its memory) of the bytes stored under `key`, or undefined. */
  getFloat32(key: string): Float32Array | undefined;
  /** Store bytes under `key` (replacing any entry), with a `kind` label and optional JSON metadata. */
  put(key: string, kind: string, value: Buffer | Uint8Array, meta?: object): void;
  /** Store a JSON value (JSON.stringify: typed arrays become objects, non-finite numbers null). */
  putJson(key: string, kind: string, value: unknown, meta?: object): void;
  /** Store a Float32Array's bytes exactly (NaN, ±0, infinities and subnormals kept bit for bit). */
  putFloat32(key: string, kind: string, array: Float32Array, meta?: object): void;
  /** Run `fn` in one transaction: every put inside lands, or (when fn throws) none does. Returns fn's result. */
  many<T>(fn: () => T): T;
  /** Entries and sizes, overall and by kind. */
  info(): CacheInfo;
  /** Delete every entry (or those of one kind), then compact the file; returns what was removed. */
  clear(kind?: string): CacheCounts;
  /** Close the connection (idempotent). */
  close(): void;
}

/** The path of the cache file in folder `dir` (default: the cache folder). */
export function cacheFilePath(dir: string = cacheDirectory()): string {
  return join(dir, CACHE_FILE);
}

/** Open (creating the folder and file when needed) the cache in `dir`, default cacheDirectory(). */
export function openCache(dir: string = cacheDirectory()): Cache {
  const path = cacheFilePath(dir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new InputError('the cache folder is a file (set ATTUNE_CACHE_DIR to a folder)', { file: dir });
    if (code === 'EACCES' || code === 'EPERM') throw new InputError('cannot create the cache folder: permission denied', { file: dir });
    throw error;
  }
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw translate(error, path);
  }
  try {
    initialise(db, path);
  } catch (error) {
    db.close();
    throw translate(error, path);
  }
  return new SqliteCache(db, path);
}

/** Delete the cache file and its WAL and shared-memory companions (the way out of a corrupt cache). */
export function removeCacheFile(dir: string = cacheDirectory()): void {
  const path = cacheFilePath(dir);
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

/** Counts and sizes of the cache in `dir` without creating it: an absent file reads as empty. */
export function cacheInfo(dir: string = cacheDirectory()): CacheInfo {
  const path = cacheFilePath(dir);
  if (!existsSync(path)) return { path, entries: 0, bytes: 0, byKind: {}, fileBytes: 0 };
  const cache = openCache(dir);
  try {
    return cache.info();
  } finally {
    cache.close();
  }
}

/** Set the pragmas and create, check or recreate the schema (in one immediate transaction). */
function initialise(db: Database.Database, path: string): void {
  // Switching to WAL needs a moment alone with the file; the busy timeout covers a concurrent opener.
  retryBusy(() => db.pragma('journal_mode = WAL'));
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = OFF');
  const setUp = db.transaction(() => {
    const hasSchema = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attune_schema'").get() !== undefined;
    if (hasSchema) {
      const row = db.prepare('SELECT version FROM attune_schema').get() as { version: number } | undefined;
      const version = row?.version ?? 0;
      if (version === CACHE_SCHEMA_VERSION) return;
      if (version > CACHE_SCHEMA_VERSION) {
        throw new CacheFileError(
          path,
          `the cache was written by a newer Attune (schema version ${version}; this one reads ${CACHE_SCHEMA_VERSION}): ` +
            `upgrade Attune, set ATTUNE_CACHE_DIR to another folder, or delete it with 'attune cache clear'`,
        );
      }
      // Older schema: the cache is recomputable, so start it again empty.
      db.exec('DROP TABLE IF EXISTS entries; DROP TABLE attune_schema;');
    } else {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
      if (tables.length > 0) {
        throw new CacheFileError(path, `not an Attune cache (it holds tables ${tables.map((t) => t.name).join(', ')}); set ATTUNE_CACHE_DIR to another folder`);
      }
    }
    db.exec(`
      CREATE TABLE attune_schema (version INTEGER NOT NULL);
      INSERT INTO attune_schema (version) VALUES (${CACHE_SCHEMA_VERSION});
      CREATE TABLE entries (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        value BLOB NOT NULL,
        bytes INTEGER NOT NULL,
        created INTEGER NOT NULL,
        last_used INTEGER NOT NULL,
        meta TEXT
      );
      CREATE INDEX entries_kind ON entries (kind);
    `);
  });
  setUp.immediate();
}

/** Run `fn`, retrying for a while when SQLite reports the file busy (for steps the busy handler does not cover). */
function retryBusy<T>(fn: () => T): T {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      return fn();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (!(code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

/** A corrupt or non-database file becomes a CacheFileError naming the path; other errors pass through. */
function translate(error: unknown, path: string): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'))) {
    return new CacheFileError(
      path,
      `the cache file is corrupt (${(error as Error).message}); delete it with 'attune cache clear' (it holds only results that can be recomputed)`,
    );
  }
  if (code === 'SQLITE_CANTOPEN') return new CacheFileError(path, `cannot open the cache file (${(error as Error).message})`);
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') return new CacheFileError(path, `cannot write the cache file (${(error as Error).message})`);
  return error;
}

interface EntryRow {
  value: Buffer;
  last_used: number;
}

/** The Cache over one better-sqlite3 connection. */
class SqliteCache implements Cache {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly selectEntry: Database.Statement<[string], EntryRow>;
  private readonly touchEntry: Database.Statement<[number, string]>;
  private readonly upsertEntry: Database.Statement<[string, string, Uint8Array, number, number, number, string | null]>;

  constructor(db: Database.Database, path: string) {
    this.db = db;
    this.path = path;
    this.selectEntry = db.prepare('SELECT value, last_used FROM entries WHERE key = ?');
    this.touchEntry = db.prepare('UPDATE entries SET last_used = ? WHERE key = ?');
    this.upsertEntry = db.prepare(
      `INSERT INTO entries (key, kind, value, bytes, created, last_used, meta) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, value = excluded.value, bytes = excluded.bytes,
         created = excluded.created, last_used = excluded.last_used, meta = excluded.meta`,
    );
  }

  get(key: string): Buffer | undefined {
    return this.guard(() => {
      const row = this.selectEntry.get(key);
      if (row === undefined) return undefined;
      const now = Date.now();
      // Reads stay reads: last_used is refreshed only when stale, so hot entries cost no write lock.
      if (now - row.last_used > TOUCH_AFTER_MS) this.touchEntry.run(now, key);
      return row.value;
    });
  }

  getJson<T>(key: string): T | undefined {
    const bytes = this.get(key);
    return bytes === undefined ? undefined : (JSON.parse(bytes.toString('utf8')) as T);
  }

  getFloat32(key: string): Float32Array | undefined {
    const bytes = this.get(key);
    if (bytes === undefined) return undefined;
    if (bytes.byteLength % 4 !== 0) throw new Error(`cache entry ${key} is ${bytes.byteLength} bytes, not a whole number of float32 values`);
    // slice copies, so the array owns its (aligned) memory.
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }

  put(key: string, kind: string, value: Buffer | Uint8Array, meta?: object): void {
    const metaText = meta === undefined ? null : JSON.stringify(meta);
    const now = Date.now();
    this.guard(() => this.upsertEntry.run(key, kind, value, value.byteLength, now, now, metaText));
  }

  putJson(key: string, kind: string, value: unknown, meta?: object): void {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`cannot store ${typeof value} as JSON (key ${key})`);
    this.put(key, kind, Buffer.from(text, 'utf8'), meta);
  }

  putFloat32(key: string, kind: string, array: Float32Array, meta?: object): void {
    this.put(key, kind, new Uint8Array(array.buffer, array.byteOffset, array.byteLength), meta);
  }

  many<T>(fn: () => T): T {
    // IMMEDIATE takes the write lock up front (waiting out other writers), so a read-then-write batch
    // cannot fail half-way on a lock upgrade.
    return this.guard(() => this.db.transaction(fn).immediate());
  }

  info(): CacheInfo {
    return this.guard(() => {
      const rows = this.db.prepare('SELECT kind, COUNT(*) AS entries, COALESCE(SUM(bytes), 0) AS bytes FROM entries GROUP BY kind ORDER BY kind').all() as ({ kind: string } & CacheCounts)[];
      const byKind: Record<string, CacheCounts> = {};
      let entries = 0;
      let bytes = 0;
      for (const r of rows) {
        byKind[r.kind] = { entries: r.entries, bytes: r.bytes };
        entries += r.entries;
        bytes += r.bytes;
      }
      return { path: this.path, entries, bytes, byKind, fileBytes: this.fileBytes() };
    });
  }

  clear(kind?: string): CacheCounts {
    const removed = this.guard(() =>
      this.db
        .transaction(() => {
          const where = kind === undefined ? '' : ' WHERE kind = ?';
          const args = kind === undefined ? [] : [kind];
          const counts = this.db.prepare(`SELECT COUNT(*) AS entries, COALESCE(SUM(bytes), 0) AS bytes FROM entries${where}`).get(...args) as CacheCounts;
          this.db.prepare(`DELETE FROM entries${where}`).run(...args);
          return counts;
        })
        .immediate(),
    );
    // Compacting is best effort: another process reading at this moment keeps the pages until later.
    try {
      this.db.exec('VACUUM');
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (!(code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')) throw translate(error, this.path);
    }
    return removed;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Bytes on disk of the database file and its write-ahead log. */
  private fileBytes(): number {
    let total = 0;
    for (const suffix of ['', '-wal']) {
      try {
        total += statSync(this.path + suffix).size;
      } catch {
        // absent: 0 bytes
      }
    }
    return total;
  }

  /** Run a database step, turning corruption into a CacheFileError that names the file. */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw translate(error, this.path);
    }
  }
}

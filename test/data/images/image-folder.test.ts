import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { readImageFolder } from '../../../src/data/images/image-folder.ts';
import { decodeImage } from '../../../src/data/images/decode.ts';
import { InputError } from '../../../src/core/input-error.ts';

/** A w×h picture whose pixel (x, y) is (x·40, y·40, 200), as the encoder's bytes. */
async function picture(format: 'png' | 'jpeg' | 'webp', w = 4, h = 3): Promise<Buffer> {
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set([x * 40, y * 40, 200], (y * w + x) * 3);
  const image = sharp(raw, { raw: { width: w, height: h, channels: 3 } });
  return (format === 'png' ? image.png() : format === 'webp' ? image.webp({ lossless: true }) : image.jpeg()).toBuffer();
}

function folder(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'attune-pictures-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const inputError = (file: string, detail: RegExp) => (e: unknown) => e instanceof InputError && e.file === file && detail.test(e.message);

test('a folder of pictures: sorted by name (sub-folders too), or in the order of a names file; lossless formats decode exactly', async (t) => {
  const dir = folder(t);
  writeFileSync(join(dir, 'b.png'), await picture('png'));
  writeFileSync(join(dir, 'a10.webp'), await picture('webp'));
  writeFileSync(join(dir, 'a2.jpg'), await picture('jpeg'));
  mkdirSync(join(dir, 'cats'));
  writeFileSync(join(dir, 'cats', 'c.PNG'), await picture('png', 2, 2));
  writeFileSync(join(dir, '.DS_Store'), 'ignored');
  const sorted = await readImageFolder(dir);
  // Code-unit order, as Python's sorted(): 'a10' before 'a2'.
  assert.deepEqual(sorted.map((s) => s.name), ['a10.webp', 'a2.jpg', 'b.png', 'cats/c.PNG']);
  const png = await sorted[2].load();
  assert.deepEqual([png.width, png.height], [4, 3]);
  assert.deepEqual(Array.from(png.data.subarray(0, 6)), [0, 0, 200, 40, 0, 200]);
  assert.deepEqual(await sorted[0].load(), png, 'lossless WebP gives the same pixels');
  assert.match(sorted[0].sha256, /^[0-9a-f]{64}$/);
  const names = join(dir, '..', `${dir.split(/[\\/]/).pop()}-order.txt`);
  t.after(() => rmSync(names, { force: true }));
  writeFileSync(names, 'cats/c.PNG\r\n\r\nb.png\n');
  assert.deepEqual((await readImageFolder(dir, { names })).map((s) => s.name), ['cats/c.PNG', 'b.png']);
});

test('bad folders and pictures exit 2 naming the folder, the file, or the names file line', async (t) => {
  const dir = folder(t);
  await assert.rejects(readImageFolder(join(dir, 'nope')), inputError(join(dir, 'nope'), /not a folder of pictures/));
  mkdirSync(join(dir, 'empty'));
  await assert.rejects(readImageFolder(join(dir, 'empty')), inputError(join(dir, 'empty'), /no pictures \(\.jpg, \.jpeg, \.png, \.webp\) in the folder/));
  mkdirSync(join(dir, 'mixed'));
  writeFileSync(join(dir, 'mixed', 'a.png'), await picture('png'));
  writeFileSync(join(dir, 'mixed', 'notes.txt'), 'hello');
  await assert.rejects(readImageFolder(join(dir, 'mixed')), inputError(join(dir, 'mixed', 'notes.txt'), /not a picture/));
  mkdirSync(join(dir, 'corrupt'));
  writeFileSync(join(dir, 'corrupt', 'a.png'), await picture('png'));
  writeFileSync(join(dir, 'corrupt', 'b.jpg'), (await picture('jpeg')).subarray(0, 20));
  await assert.rejects(readImageFolder(join(dir, 'corrupt')), inputError(join(dir, 'corrupt', 'b.jpg'), /not a readable picture/));
  writeFileSync(join(dir, 'order.txt'), 'a.png\nmissing.png\n');
  await assert.rejects(readImageFolder(join(dir, 'mixed'), { names: join(dir, 'order.txt') }), (e: unknown) => e instanceof InputError && e.line === 2 && /'missing\.png' is not a file of/.test(e.message));
  writeFileSync(join(dir, 'twice.txt'), 'a.png\na.png\n');
  await assert.rejects(readImageFolder(join(dir, 'mixed'), { names: join(dir, 'twice.txt') }), (e: unknown) => e instanceof InputError && e.line === 2 && /listed twice \(first on line 1\)/.test(e.message));
  await assert.rejects(decodeImage(Buffer.from('GIF89a'), 'x.gif'), inputError('x.gif', /not a readable picture/));
});

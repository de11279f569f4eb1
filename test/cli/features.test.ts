import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { attune, scratch } from '../../test-support/run-cli.ts';

interface FeaturesJson {
  stimuli: number;
  layers: { name: string; file: string; width: number }[];
  folder: string;
  names_file: string;
}

interface FolderRdmJson {
  measure: string;
  n: number;
  layers: { layer: string; value: number; rdm: number[] }[];
  names: string[];
}

/** Four small pictures (two PNG, two JPEG, one in a sub-folder) of different colours and patterns. */
async function writePictures(dir: string): Promise<void> {
  mkdirSync(join(dir, 'sub'), { recursive: true });
  const picture = (k: number) => {
    const data = Buffer.alloc(16 * 12 * 3);
    for (let p = 0; p < 16 * 12; p++) for (let c = 0; c < 3; c++) data[p * 3 + c] = (p * (k + 1) * 7 + c * 50 * k) % 256;
    return sharp(data, { raw: { width: 16, height: 12, channels: 3 } });
  };
  await picture(0).png().toFile(join(dir, 'a.png'));
  await picture(1).png().toFile(join(dir, 'b.png'));
  await picture(2).jpeg().toFile(join(dir, 'c.jpg'));
  await picture(3).jpeg().toFile(join(dir, 'sub', 'd.jpg'));
}

test('features cichy92 --model pixels, then rdm on the folder: 92 stimuli, one layer, finite values', async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  const made = await attune(['features', 'cichy92', '--model', 'pixels', '-o', 'out', '--no-cache', '--json'], dir);
  assert.equal(made.code, 0, made.stderr);
  assert.match(made.stderr, /attune features: wrote 1 layer × 92 stimuli to out/);
  const doc = JSON.parse(made.stdout) as FeaturesJson;
  assert.equal(doc.stimuli, 92);
  assert.deepEqual(doc.layers.map((l) => [l.name, l.file, l.width]), [['pixels', join('out', 'pixels.npy'), 64 * 64 * 3]]);
  assert.equal(doc.names_file, join('out', 'file_names.txt'));
  assert.equal(readFileSync(join(dir, 'out', 'file_names.txt'), 'utf8').split('\n')[0], 'image_01.jpg');

  const rdm = await attune(['rdm', 'out', '--method', 'correlation', '--json'], dir);
  assert.equal(rdm.code, 0, rdm.stderr);
  const r = JSON.parse(rdm.stdout) as FolderRdmJson;
  assert.equal(r.measure, 'rdm:correlation');
  assert.equal(r.n, 92);
  assert.equal(r.names.length, 92);
  assert.deepEqual(r.layers.map((l) => l.layer), ['pixels']);
  assert.equal(r.layers[0].rdm.length, (92 * 91) / 2);
  assert.ok(r.layers[0].rdm.every((v) => Number.isFinite(v) && v >= 0 && v <= 2));
  assert.ok(Number.isFinite(r.layers[0].value));
});

test('features on a folder of pictures; rdm -o DIR per layer; features:<dir> reproduces the same arrays', async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  await writePictures(join(dir, 'pics'));
  const made = await attune(['features', 'pics', '--model', 'pixels', '-o', 'feats', '--no-cache'], dir);
  assert.equal(made.code, 0, made.stderr);
  assert.equal(made.stdout, '');
  assert.equal(readFileSync(join(dir, 'feats', 'file_names.txt'), 'utf8'), 'a.png\nb.png\nc.jpg\nsub/d.jpg\n');

  const [printed, written] = await Promise.all([
    attune(['rdm', 'feats', '--method', 'cosine'], dir),
    attune(['rdm', 'feats', '-o', 'rdms'], dir),
  ]);
  assert.equal(printed.code, 0, printed.stderr);
  assert.match(printed.stdout, /^pixels: 4 stimuli, mean dissimilarity \d/);
  assert.equal(written.code, 0, written.stderr);
  assert.deepEqual(readdirSync(join(dir, 'rdms')), ['pixels.csv']);
  // Labelled by the stimulus names: a header row of names, then each row's name and its dissimilarities.
  const [header, ...lines] = readFileSync(join(dir, 'rdms', 'pixels.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  assert.deepEqual(header, ['', 'a.png', 'b.png', 'c.jpg', 'sub/d.jpg']);
  assert.deepEqual(lines.map((l) => l[0]), header.slice(1));
  const square = lines.map((l) => l.slice(1).map(Number));
  assert.equal(square.length, 4);
  assert.ok(square.every((row, i) => row.length === 4 && row[i] === 0 && row.every((v, j) => v === square[j][i])));

  // the folder read back as a model writes the same bytes again
  const again = await attune(['features', 'pics', '--model', 'features:feats', '-o', 'again', '--no-cache'], dir);
  assert.equal(again.code, 0, again.stderr);
  for (const file of ['pixels.npy', 'file_names.txt']) assert.deepEqual(readFileSync(join(dir, 'again', file)), readFileSync(join(dir, 'feats', file)));
});

test('features on a text file with glove: one layer; unknown words reported and left out of the folder', async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  writeFileSync(join(dir, 'words.txt'), 'cat\r\ndog\n\nxyzzyqq\nthe red car\n');
  const made = await attune(['features', 'words.txt', '--model', 'glove', '-o', 'out', '--no-cache', '--json'], dir);
  assert.equal(made.code, 0, made.stderr);
  assert.match(made.stderr, /1 of 4 stimuli are not covered by glove and are left out of the folder: xyzzyqq/);
  const doc = JSON.parse(made.stdout) as FeaturesJson & { not_covered: string[] };
  assert.deepEqual([doc.stimuli, doc.layers.map((l) => [l.name, l.width]), doc.not_covered], [3, [['vectors', 100]], ['xyzzyqq']]);
  assert.equal(readFileSync(join(dir, 'out', 'file_names.txt'), 'utf8'), 'cat\ndog\nthe red car\n');
});

test('features: bad input exits 2 naming the file; -o is required; nothing is written', async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  await writePictures(join(dir, 'pics'));
  mkdirSync(join(dir, 'corrupt'));
  writeFileSync(join(dir, 'corrupt', 'ok.png'), readFileSync(join(dir, 'pics', 'a.png')));
  writeFileSync(join(dir, 'corrupt', 'broken.jpg'), 'this is not a JPEG');
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'words.txt'), 'cat\ndog\n');
  writeFileSync(join(dir, 'blank.txt'), '\n  \n');
  const cases: [string[], RegExp][] = [
    [['corrupt', '--model', 'pixels'], /^corrupt\/broken\.jpg: not a readable picture/],
    [['empty', '--model', 'pixels'], /^empty: no pictures/],
    [['words.txt', '--model', 'pixels'], /pixels sees only pictures, not texts such as 'cat'/],
    [['pics', '--model', 'glove'], /glove sees only texts, not pictures/],
    [['blank.txt', '--model', 'glove'], /^blank\.txt: no stimuli/],
    [['nowhere', '--model', 'pixels'], /^nowhere: not found: give a shipped picture set \(cichy92, kriegeskorte92, algonauts78\)/],
    [['pics', '--model', 'pixels', '--layers', 'best'], /attune features: --layers takes all or a layer number/],
    [['pics', '--model', 'pixels', '--layers', '3'], /--layers 3: pixels has layers 0…0/],
  ];
  const results = await Promise.all(cases.map(([args], k) => attune(['features', ...args, '-o', `out${k}`, '--no-cache'], dir)));
  results.forEach((r, k) => {
    assert.equal(r.code, 2, `${cases[k][0].join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, cases[k][1]);
    assert.equal(existsSync(join(dir, `out${k}`)), false);
  });
  const noOutput = await attune(['features', 'pics', '--model', 'pixels'], dir);
  assert.equal(noOutput.code, 2);
  assert.match(noOutput.stderr, /^attune features: -o DIR is required/);
  const help = await attune(['features', '--help'], dir);
  assert.match(help.stdout, /^Usage: attune features <stimuli> --model ID -o DIR/);
  assert.deepEqual(readdirSync(dir).sort(), ['blank.txt', 'corrupt', 'empty', 'pics', 'words.txt']);
});

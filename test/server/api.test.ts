import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import { loadRdm92 } from '../../src/data/datasets/rdm92.ts';
import { matField, readMat } from '../../src/data/mat.ts';
import { datasetFile } from '../../src/data/registry.ts';
import { startServer } from '../../src/server/server.ts';
import { fixture } from '../../test-support/server-requests.ts';

test('/api/runs lists the top-level run and the subfolder run, newest first; non-Attune and broken JSON are ignored', async (t) => {
  const f = fixture();
  t.after(f.cleanup);
  const server = await startServer({ port: 0, resultsDir: f.resultsDir, webDir: f.webDir });
  t.after(() => server.close());
  const res = await fetch(`${server.url}api/runs`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
  const runs = (await res.json()) as { id: string; label: string; created: string; suite: string; model: { id: string; revision: string }; results: number }[];
  assert.deepEqual(
    runs.map(({ label, ...rest }) => rest),
    [
      { id: 'run-b', created: '2025-06-01T10:00:00.000Z', suite: 'literature', model: { id: 'hf:gpt2', revision: 'r1' }, results: 3 },
      { id: 'latest', created: '2025-03-01T10:00:00.000Z', suite: 'core', model: { id: 'glove', revision: 'r1' }, results: 2 },
    ],
  );
  for (const run of runs) assert.ok(run.label.includes(run.model.id) && run.label.includes(run.suite), run.label);

  for (const id of ['latest', 'run-b']) {
    const one = await fetch(`${server.url}api/runs/${id}`);
    assert.equal(one.status, 200);
    const file = id === 'latest' ? join(f.resultsDir, 'results.json') : join(f.resultsDir, id, 'results.json');
    // Schema-1 documents are served in today's shape: their (here no) 'skipped: ' failures listed under skipped,
    // and each row says who it scored.
    const served = (await one.json()) as { results: { subject: { kind: string } }[] };
    assert.ok(served.results.every((r) => ['run-model', 'recorded', 'fixed'].includes(r.subject.kind)));
    assert.deepEqual({ ...served, results: served.results.map(({ subject: _subject, ...rest }) => rest) }, { skipped: [], ...JSON.parse(readFileSync(file, 'utf8')) });
  }
  for (const path of ['api/runs/other', 'api/runs/broken', 'api/runs/empty', 'api/runs/nope', 'api/runs/latest/x', 'api/nothing', 'api', 'api/rdm92/x']) {
    const r = await fetch(`${server.url}${path}`);
    assert.equal(r.status, 404, path);
    const body = (await r.json()) as { error: unknown };
    assert.equal(typeof body.error, 'string', path);
  }
  const head = await fetch(`${server.url}api/runs`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');

  const none = await startServer({ port: 0, resultsDir: join(f.dir, 'no-such-folder'), webDir: f.webDir });
  t.after(() => none.close());
  assert.deepEqual(await (await fetch(`${none.url}api/runs`)).json(), []);
});

test('/api/rdm92: 92 stimuli, categories as the stimuli struct names them, the 10 RDMs with values from the .mat files', async (t) => {
  const f = fixture();
  t.after(f.cleanup);
  const server = await startServer({ port: 0, resultsDir: f.resultsDir, webDir: f.webDir });
  t.after(() => server.close());
  const res = await fetch(`${server.url}api/rdm92`);
  assert.equal(res.status, 200);
  const doc = (await res.json()) as { stimuli: number; categories: string[]; order: number[]; rdms: { name: string; square: number[] }[] };
  assert.equal(doc.stimuli, 92);
  assert.equal(doc.categories.length, 92);
  assert.deepEqual(
    doc.rdms.map((r) => r.name),
    ['human IT (mean of 4 subjects)', 'human judgments (mean of 16 subjects)', 'animacy', 'FaceBodyManmadeNatobj', 'monkeyIT', 'EVA', 'HMAX', 'V1', 'Silhouette', 'RADON'],
  );
  for (const r of doc.rdms) assert.equal(r.square.length, 92 * 92, r.name);

  // Categories: the supplemental struct's own per-stimulus names, mapped to the API's words.
  const words: Record<string, string> = {
    'human bodypart': 'human body',
    'human face': 'human face',
    'nonhuman bodypart': 'animal body',
    'nonhuman face': 'animal face',
    'natural inanimate': 'natural object',
    'artificial inanimate': 'artificial object',
  };
  const stimuli = readMat(datasetFile('rdm92_kriegeskorte', 'Kriegeskorte_Neuron2008_supplementalData.mat')).stimuli_92objs;
  const named = Array.from({ length: 92 }, (_, i) => {
    const v = matField(stimuli, 'category', i);
    return v.type === 'char' ? words[v.text.trim()] : undefined;
  });
  assert.deepEqual(doc.categories, named);
  // order: a permutation that keeps each category together, animate first.
  assert.deepEqual([...doc.order].sort((a, b) => a - b), Array.from({ length: 92 }, (_, i) => i));
  const runs = doc.order.map((i) => doc.categories[i]).filter((c, k, all) => k === 0 || c !== all[k - 1]);
  assert.deepEqual(runs, ['human body', 'human face', 'animal body', 'animal face', 'natural object', 'artificial object']);

  // Values: human IT is the mean of the 4 subjects' session means (from loadRdm92, condensed index by hand);
  // a model RDM is read straight from 92_modelRDMs.mat (column-major 92×92).
  const data = loadRdm92();
  const [i, j] = [3, 57];
  const k = i * 92 - (i * (i + 1)) / 2 + (j - i - 1);
  let it = 0;
  for (let s = 0; s < 4; s++) it += data.humanITSubjects.data[s * data.humanITSubjects.cols + k] / 4;
  const humanIT = doc.rdms[0].square;
  assert.ok(Math.abs(humanIT[i * 92 + j] - it) < 1e-12);
  assert.equal(humanIT[j * 92 + i], humanIT[i * 92 + j]);
  assert.equal(humanIT[i * 92 + i], 0);
  const models = readMat(datasetFile('rdm92_kriegeskorte', '92_modelRDMs.mat')).Models;
  const hmax = matField(models, 'RDM', 4);
  assert.ok(hmax.type === 'numeric');
  assert.equal(doc.rdms[6].square[10 * 92 + 80], hmax.data[10 + 80 * 92]);
  assert.equal(doc.rdms[6].square[80 * 92 + 10], hmax.data[80 + 10 * 92]);
});

/** The chunks of a PNG, each CRC checked with node:zlib's crc32. */
function pngChunks(png: Buffer): Map<string, Buffer> {
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  const out = new Map<string, Buffer>();
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('ascii');
    assert.equal(png.readUInt32BE(at + 8 + length), crc32(png.subarray(at + 4, at + 8 + length)), `CRC of ${type}`);
    out.set(type, png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return out;
}

test('/api/rdm92/stimulus/:i.png: a valid 175×175 RGB PNG whose pixels are the .mat image (column-major), 404 outside 0…91', async (t) => {
  const f = fixture();
  t.after(f.cleanup);
  const server = await startServer({ port: 0, resultsDir: f.resultsDir, webDir: f.webDir });
  t.after(() => server.close());
  const stimuli = readMat(datasetFile('rdm92_kriegeskorte', 'Kriegeskorte_Neuron2008_supplementalData.mat')).stimuli_92objs;
  for (const index of [0, 40, 91]) {
    const res = await fetch(`${server.url}api/rdm92/stimulus/${index}.png`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/png');
    const chunks = pngChunks(Buffer.from(await res.arrayBuffer()));
    const ihdr = chunks.get('IHDR')!;
    assert.equal(ihdr.readUInt32BE(0), 175);
    assert.equal(ihdr.readUInt32BE(4), 175);
    assert.deepEqual([...ihdr.subarray(8)], [8, 2, 0, 0, 0]);
    assert.ok(chunks.has('IEND'));
    const raw = inflateSync(chunks.get('IDAT')!);
    assert.equal(raw.length, 175 * (1 + 175 * 3));
    const image = matField(stimuli, 'image', index);
    assert.ok(image.type === 'numeric');
    const pixel = (row: number, col: number) => [...raw.subarray(row * 526 + 1 + col * 3, row * 526 + 4 + col * 3)];
    const matPixel = (row: number, col: number) => [0, 1, 2].map((c) => image.data[row + col * 175 + c * 175 * 175]);
    assert.deepEqual(pixel(0, 0), matPixel(0, 0));
    for (const [row, col] of [[87, 87], [60, 120], [120, 60], [174, 3]]) assert.deepEqual(pixel(row, col), matPixel(row, col), `${index} (${row}, ${col})`);
  }
  for (const bad of ['92.png', '-1.png', '01.png', '1.jpg', '1', 'x.png', '1.png/x']) {
    assert.equal((await fetch(`${server.url}api/rdm92/stimulus/${bad}`)).status, 404, bad);
  }
});

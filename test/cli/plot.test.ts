import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import sharp from 'sharp';
import { attune, scratch } from '../../test-support/run-cli.ts';

const fixtureText = (name: string) => readFileSync(new URL(`../fixtures/mds/${name}`, import.meta.url), 'utf8');
// numpy's classical MDS and Kruskal's stress-1 of rdm_12.csv (= rdm_12_labelled.csv): test/fixtures/mds/make_mds.py.
const expected = JSON.parse(fixtureText('mds_expected.json')) as { coordinates: number[][]; stress1: number; explained: number; labels: string[] };

/** A scratch folder holding the MDS fixture RDMs (labelled by category, plain) and one with a name per stimulus. */
function rdmFolder(): { dir: string; cleanup: () => void } {
  const s = scratch();
  writeFileSync(join(s.dir, 'labelled.csv'), fixtureText('rdm_12_labelled.csv'));
  writeFileSync(join(s.dir, 'plain.csv'), fixtureText('rdm_12.csv'));
  const names = Array.from({ length: 12 }, (_, i) => `stim_${String.fromCharCode(97 + i)}`);
  const rows = fixtureText('rdm_12.csv').trim().split('\n');
  writeFileSync(join(s.dir, 'named.csv'), [',' + names.join(','), ...rows.map((row, i) => `${names[i]},${row}`)].join('\n') + '\n');
  return s;
}

/** Whether resvg (a strict XML + SVG parser) accepts the document; returns its size. */
function parseSvg(svg: string): { width: number; height: number } {
  const r = new Resvg(svg);
  return { width: r.width, height: r.height };
}

/** The text of every <text> element (or each line of one: vega writes multi-line titles as <tspan>s) of an SVG document. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<(?:text|tspan)\b[^>]*>([^<]+)</g)].map((m) => m[1]);
}

test('plot: heatmap as PNG (valid, twice the SVG size) and as SVG with category labels, boundaries and a colour bar', async (t) => {
  const { dir, cleanup } = rdmFolder();
  t.after(cleanup);
  const [png, svg, named, plain] = await Promise.all([
    attune(['plot', 'labelled.csv', '-o', 'heat.png'], dir),
    attune(['plot', 'labelled.csv', '-o', 'heat.svg', '--json'], dir),
    attune(['plot', 'named.csv', '-o', 'named.svg'], dir),
    attune(['plot', 'plain.csv', '-o', 'plain.svg'], dir),
  ]);
  for (const r of [png, svg, named, plain]) assert.equal(r.code, 0, r.stderr);
  const bytes = readFileSync(join(dir, 'heat.png'));
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  const meta = await sharp(bytes).metadata(); // decodes the header; the pixels below decode the whole stream
  const text = readFileSync(join(dir, 'heat.svg'), 'utf8');
  const size = parseSvg(text);
  assert.equal(meta.format, 'png');
  assert.equal(meta.width, 2 * size.width);
  assert.equal(meta.height, 2 * size.height);
  const { info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  assert.equal(info.width, meta.width);
  // Three categories of four: the labels once each, two boundary lines each way, a colour bar with its ends.
  assert.deepEqual(svgTexts(text).slice(0, 3), ['face', 'body', 'object']);
  assert.equal((text.match(/<g class="boundaries"[^>]*>(.*?)<\/g>/)?.[1].match(/<path/g) ?? []).length, 2);
  assert.match(text, /class="colour-bar"/);
  assert.match(text, /similar<\/text>/);
  const json = JSON.parse(svg.stdout) as { value: null; measure: string; n: number; labels: string[]; output: string };
  assert.deepEqual([json.value, json.measure, json.n, json.output], [null, 'plot:heatmap', 12, 'heat.svg']);
  assert.deepEqual(json.labels, expected.labels);
  // A name per stimulus: every name on its row, no boundaries; no labels: the stimuli numbered 1…12.
  const namedText = readFileSync(join(dir, 'named.svg'), 'utf8');
  parseSvg(namedText);
  for (let i = 0; i < 12; i++) assert.ok(svgTexts(namedText).includes(`stim_${String.fromCharCode(97 + i)}`), `label ${i + 1}`);
  assert.doesNotMatch(namedText, /class="boundaries"/);
  const plainTexts = svgTexts(readFileSync(join(dir, 'plain.svg'), 'utf8'));
  assert.deepEqual(plainTexts.slice(0, 12), Array.from({ length: 12 }, (_, i) => String(i + 1)));
});

test('plot --kind mds: coordinates and stress-1 match numpy; the SVG shows the labels and the stress', async (t) => {
  const { dir, cleanup } = rdmFolder();
  t.after(cleanup);
  const [svg, png, human] = await Promise.all([
    attune(['plot', 'labelled.csv', '-o', 'mds.svg', '--kind', 'mds', '--stress', '--json'], dir),
    attune(['plot', 'plain.csv', '-o', 'mds.png', '--kind', 'mds'], dir),
    attune(['plot', 'named.csv', '-o', 'named-mds.svg', '--kind', 'mds', '--stress'], dir),
  ]);
  for (const r of [svg, png, human]) assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(svg.stdout) as { value: number; measure: string; n: number; coordinates: number[][]; explained: number; labels: string[] };
  assert.equal(json.measure, 'plot:mds:classical');
  assert.equal(json.n, 12);
  assert.ok(Math.abs(json.value - expected.stress1) <= 1e-12, `stress ${json.value} vs ${expected.stress1}`);
  assert.ok(Math.abs(json.explained - expected.explained) <= 1e-12);
  for (let c = 0; c < 2; c++) {
    const sign = Math.sign(json.coordinates[0][c]) === Math.sign(expected.coordinates[0][c]) ? 1 : -1;
    json.coordinates.forEach((row, i) => assert.ok(Math.abs(sign * row[c] - expected.coordinates[i][c]) <= 1e-10, `axis ${c + 1}, stimulus ${i + 1}`));
  }
  const text = readFileSync(join(dir, 'mds.svg'), 'utf8');
  parseSvg(text);
  const texts = svgTexts(text);
  for (const label of ['face', 'body', 'object']) assert.ok(texts.filter((s) => s === label).length >= 4, `${label} beside its points`);
  assert.ok(texts.some((s) => s.includes(`stress-1 = ${expected.stress1.toPrecision(4)}`)), 'stress in the subtitle');
  const bytes = readFileSync(join(dir, 'mds.png'));
  assert.equal((await sharp(bytes).metadata()).format, 'png');
  assert.match(human.stdout, /^stress-1 {2}0\.1207123203959\d*\n$/);
  assert.match(human.stderr, /2 dimensions hold 85\.9% of the positive eigenvalues/);
  const named = svgTexts(readFileSync(join(dir, 'named-mds.svg'), 'utf8'));
  assert.ok(named.includes('stim_a') && named.includes('stim_l'));
});

test('plot: usage and input errors exit 2 and write nothing', async (t) => {
  const { dir, cleanup } = rdmFolder();
  t.after(cleanup);
  writeFileSync(join(dir, 'features.csv'), '1,2,3\n4,5,6\n');
  const cases: [string[], RegExp][] = [
    [['plot', 'plain.csv'], /-o FILE is required/],
    [['plot', 'plain.csv', '-o', 'out.jpg'], /written as \.png or \.svg/],
    [['plot', 'plain.csv', '-o', 'out.svg', '--stress'], /--stress applies to --kind mds only/],
    [['plot', 'plain.csv', '-o', 'out.svg', '--kind', 'tsne'], /--kind must be one of heatmap, mds/],
    [['plot', 'features.csv', '-o', 'out.svg'], /^features\.csv:.*not an RDM/],
  ];
  const results = await Promise.all(cases.map(([args]) => attune(args, dir)));
  results.forEach((r, i) => {
    assert.equal(r.code, 2, `${cases[i][0].join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, cases[i][1]);
  });
  for (const name of ['out.svg', 'out.jpg']) assert.ok(!existsSync(join(dir, name)), `${name} not written`);
});

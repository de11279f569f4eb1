// RDM heatmaps as the report draws them: the 92 images' six categories from the data set, boundaries between them,
// a colour bar with the dissimilarity at its ends and middle, a compact palette PNG; and the vision run's targets
// (boundaries for the two 92-image sets, none for Algonauts' 78 images).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { heatmapFigureSvg, type RdmFigure } from '../../src/report/heatmap-figure.ts';
import { heatmapPalettePng } from '../../src/report/heatmap-png.ts';
import { reportHtml } from '../../src/report/html.ts';
import { textWidth } from '../../src/report/text-width.ts';
import { categoryOrder, categoryRuns, RDM92_CATEGORIES } from '../../src/report/rdm92-categories.ts';
import { rdm92Figures } from '../../src/report/rdm92-figures.ts';
import { visionRdmFigures } from '../../src/report/vision-rdm-figures.ts';
import type { RunResults } from '../../src/run/results.ts';

const read = (name: string): RunResults => JSON.parse(readFileSync(new URL(`../fixtures/report/${name}`, import.meta.url), 'utf8')) as RunResults;

/** A literature-like run: the fixture with one rdm92 row. */
function literatureRun(): RunResults {
  const r = read('run-results.json');
  r.results.push({ ...r.results[0], benchmark: 'rdm92:human-it:animacy', title: '92 images: animacy vs human IT (fMRI, 4 subjects)', scatter: undefined });
  return r;
}

/** The PNG inside a figure's SVG, decoded: width, height, colour type, palette size. */
function embeddedPng(svg: string): { width: number; height: number; colourType: number; palette: number } {
  const png = Buffer.from(/href="data:image\/png;base64,([^"]+)"/.exec(svg)![1], 'base64');
  let at = 8;
  const out = { width: 0, height: 0, colourType: 0, palette: 0 };
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('ascii');
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') Object.assign(out, { width: data.readUInt32BE(0), height: data.readUInt32BE(4), colourType: data[9] });
    if (type === 'PLTE') out.palette = length / 3;
    at += 12 + length;
  }
  return out;
}

test('categories: order and runs along it', () => {
  const categories = ['natural object', 'human face', 'human body', 'human face', 'other'];
  const order = categoryOrder(categories);
  assert.deepEqual(order, [2, 1, 3, 0, 4]);
  assert.deepEqual(categoryRuns(order, categories), [
    { label: 'human body', start: 0, count: 1 },
    { label: 'human face', start: 1, count: 2 },
    { label: 'natural object', start: 3, count: 1 },
    { label: 'other', start: 4, count: 1 },
  ]);
});

test('the 92 images: six categories in figure order from the data set; each figure has 5 boundaries, 6 labels and a colour bar', () => {
  const figures = rdm92Figures(literatureRun());
  assert.deepEqual(figures.map((f) => f.title).slice(0, 2), ['human IT (mean of 4 subjects)', 'human similarity judgments (mean of 16 subjects)']);
  assert.equal(figures.length, 10);
  const runs = figures[0].runs;
  assert.deepEqual(runs.map((r) => r.label), [...RDM92_CATEGORIES]);
  assert.equal(runs.reduce((s, r) => s + r.count, 0), 92);
  assert.deepEqual(runs.map((r) => r.count), [12, 12, 12, 12, 23, 21]);
  const svg = heatmapFigureSvg(figures[0], 'h0');
  assert.equal((/<g class="boundaries"[^>]*>(.*?)<\/g>/.exec(svg)![1].match(/<path /g) ?? []).length, 5);
  assert.deepEqual([...(/<g class="categories">(.*?)<\/g>/.exec(svg)![1].matchAll(/>([^<]+)<\/text>/g))].map((m) => m[1]), [...RDM92_CATEGORIES]);
  assert.match(svg, /<linearGradient id="h0-ramp">/);
  assert.match(svg, /<rect class="colour-bar"[^>]*fill="url\(#h0-ramp\)"/);
  const ticks = [...(/<g class="colour-bar-labels">(.*?)<\/g>/.exec(svg)![1].matchAll(/>([^<]+)<\/text>/g))].map((m) => m[1]);
  assert.equal(ticks.length, 3);
  assert.match(ticks[0], /^[\d.e-]+ similar$/);
  assert.match(ticks[2], /^dissimilar [\d.e-]+$/);
  assert.deepEqual(embeddedPng(svg), { width: 92, height: 92, colourType: 3, palette: 65 });
});

test('every text of a heatmap figure lies inside its viewBox (by the widths the layout measured)', () => {
  for (const figure of [rdm92Figures(literatureRun())[0], { ...rdm92Figures(literatureRun())[1], runs: [] }]) {
    const svg = heatmapFigureSvg(figure, 'h0');
    const width = Number(/viewBox="0 0 ([\d.]+) [\d.]+"/.exec(svg)![1]);
    const texts = [...svg.matchAll(/<text x="([\d.]+)" y="[\d.]+"(?: text-anchor="(\w+)")?>([^<]+)<\/text>/g)];
    assert.ok(texts.length >= 3);
    for (const [, x, anchor, text] of texts) {
      const w = textWidth(text, 10);
      const [from, to] = anchor === 'end' ? [Number(x) - w, Number(x)] : anchor === 'middle' ? [Number(x) - w / 2, Number(x) + w / 2] : [Number(x), Number(x) + w];
      assert.ok(from >= 0 && to <= width, `${text}: ${from.toFixed(1)}–${to.toFixed(1)} in 0–${width}`);
    }
  }
});

test('heatmapPalettePng: one pixel per cell, diagonal white (the last palette entry), the largest value the top level', () => {
  const png = heatmapPalettePng([0, 1, 2, 1, 0, 3, 2, 3, 0], 3, [2, 0, 1], 4);
  const idat = (() => {
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at);
      if (png.subarray(at + 4, at + 8).toString('ascii') === 'IDAT') return inflateSync(png.subarray(at + 8, at + 8 + length));
      at += 12 + length;
    }
    throw new Error('no IDAT');
  })();
  // rows of 1 filter byte + 3 indices; order [2, 0, 1]: (2,2) (2,0) (2,1) / (0,2) (0,0) (0,1) / …
  assert.deepEqual([...idat], [0, 4, 2, 3, 0, 2, 4, 0, 0, 3, 0, 4]);
});

test('a vision run: the mean RDM of each target it scored; category boundaries on the 92-image sets, none on Algonauts 78', async () => {
  const figures = await visionRdmFigures(read('vision-results.json'));
  assert.deepEqual(figures.map((f) => [f.title.split(':')[0], f.n, f.runs.length]), [
    ['Cichy 2014, 92 images', 92, 6],
    ['Cichy 2014, 92 images', 92, 6],
    ['Algonauts 2019, 78 images', 78, 0],
    ['Algonauts 2019, 78 images', 78, 0],
    ['Kriegeskorte 2008, 92 images on grey', 92, 6],
    ['Kriegeskorte 2008, 92 images on grey', 92, 6],
  ]);
  for (const f of figures) assert.match(f.title, /the subjects' mean RDM$/);
  const algonauts = heatmapFigureSvg(figures[2], 'v2');
  assert.ok(!algonauts.includes('class="boundaries"') && !algonauts.includes('class="categories"'));
  assert.match(algonauts, /class="colour-bar"/);
  const judgments = figures[5] as RdmFigure;
  assert.equal(judgments.square[1], judgments.square[92], 'symmetric');
  assert.equal(judgments.square[0], 0);
  assert.deepEqual(await visionRdmFigures(read('run-results.json')), []);
});

test('report.html: the heatmaps under one heading, each an SVG with a colour bar; none in a run without RDM rows', () => {
  const html = reportHtml(literatureRun(), []);
  assert.equal((html.match(/<figure class="rdm"><svg /g) ?? []).length, 10);
  assert.equal((html.match(/class="colour-bar"/g) ?? []).length, 10);
  assert.equal(new Set([...html.matchAll(/linearGradient id="([^"]+)"/g)].map((m) => m[1])).size, 10, 'gradient ids unique in the page');
  assert.match(html, /<h2 id="[^"]+">RDM heatmaps<\/h2>/);
  assert.ok(!reportHtml(read('run-results.json'), []).includes('RDM heatmaps'));
});

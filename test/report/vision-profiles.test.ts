// The vision layer-profile figures on a real `attune run --suite vision --model gabor` (30 rows): which models and
// picture sets get one, the two regions side by side, the ceiling bands, the layer names in order, NaN layers left out,
// the rendered SVG, and their place among the report's plots and files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportHtml } from '../../src/report/html.ts';
import { reportPlots } from '../../src/report/plots.ts';
import { renderPlots, renderSvg } from '../../src/report/render-svg.ts';
import { visionProfiles } from '../../src/report/vision-profiles.ts';
import { parseVisionBenchmark, setRegionsOf } from '../../src/report/vision-rows.ts';
import { writeReport } from '../../src/report/write-report.ts';
import type { BenchmarkResult, RunResults } from '../../src/run/results.ts';

const fixtureText = readFileSync(new URL('../fixtures/report/vision-results.json', import.meta.url), 'utf8');
const fixture = (): RunResults => JSON.parse(fixtureText) as RunResults;
const row = (r: RunResults, id: string): BenchmarkResult => r.results.find((x) => x.benchmark === id) as BenchmarkResult;

/** The hconcat panels of a figure's spec, as plain JSON. */
interface Panel {
  title: { text: string; subtitle?: string };
  data: { values: { name: string }[] };
  layer: { name: string; data?: { values: { lower: number; upper: number }[] }; encoding: { x?: { sort: string[] } } }[];
}
const panels = (spec: unknown): Panel[] => (spec as { hconcat: Panel[] }).hconcat;

const EXPECTED_IDS = ['cichy92', 'kriegeskorte92'].flatMap((set) => ['alexnet', 'vgg', 'resnet'].map((net) => `vision-layers-${set}-recorded-${net}`));

test('vision ids: set, region and subject; other benchmarks are not vision rows', () => {
  assert.deepEqual(parseVisionBenchmark('vision:cichy92:evc:alexnet'), { set: 'cichy92', region: 'evc', subject: 'alexnet' });
  assert.deepEqual(parseVisionBenchmark('vision:kriegeskorte92:human-it'), { set: 'kriegeskorte92', region: 'human-it' });
  for (const id of ['wordsim:simlex999', 'vision:cichy92', 'vision:a:b:c:d', 'rdm92:human-it:animacy', 'vision::evc']) assert.equal(parseVisionBenchmark(id), undefined, id);
  const r = fixture();
  assert.deepEqual(setRegionsOf(row(r, 'vision:cichy92:it:vgg'), r.results).map((x) => x.benchmark), ['vision:cichy92:evc:vgg', 'vision:cichy92:it:vgg']);
  // The run's model (gabor) and the fixed subject gabor are different rows, never one figure.
  assert.deepEqual(setRegionsOf(row(r, 'vision:cichy92:evc'), r.results).map((x) => x.benchmark), ['vision:cichy92:evc', 'vision:cichy92:it']);
});

test('one figure per multi-layer model and picture set, its two regions side by side; none for gabor, pixels or the 78 images', () => {
  const figures = visionProfiles(fixture());
  assert.deepEqual(figures.map((f) => f.idBase).sort(), [...EXPECTED_IDS].sort());
  for (const f of figures) {
    const [first, second] = f.benchmarks.map((b) => parseVisionBenchmark(b)!);
    assert.equal(f.benchmarks.length, 2);
    assert.equal(first.set, second.set);
    assert.equal(first.subject, second.subject);
    assert.deepEqual([first.region, second.region], first.set === 'cichy92' ? ['evc', 'it'] : ['human-it', 'judgments']);
    assert.equal(panels(f.spec).length, 2);
    assert.match(f.caption, /shaded band: the region's noise ceiling, from its lower to its upper bound/);
  }
  const alexnet = figures.find((f) => f.idBase === 'vision-layers-cichy92-recorded-alexnet')!;
  assert.deepEqual(panels(alexnet.spec).map((p) => p.title.text), ['early visual cortex (15 subjects)', 'IT (15 subjects)']);
  const judged = figures.find((f) => f.idBase === 'vision-layers-kriegeskorte92-recorded-resnet')!;
  assert.deepEqual(panels(judged.spec).map((p) => [p.title.text].flat().join(' ')), ['human IT (4 subjects)', 'similarity judgments (16 subjects, Mur 2013)']);
});

test('each panel: the ceiling band from the row\'s ceiling.lower to ceiling.upper, the layer names in layer order', () => {
  const r = fixture();
  for (const f of visionProfiles(r)) {
    panels(f.spec).forEach((panel, k) => {
      const source = row(r, f.benchmarks[k]);
      const band = panel.layer.find((l) => l.name.endsWith('_ceiling'))!;
      assert.deepEqual(band.data!.values, [{ lower: source.score.ceiling!.lower, upper: source.score.ceiling!.upper }]);
      const names = [...source.layers!].sort((a, b) => a.layer - b.layer).map((l) => l.name);
      for (const l of panel.layer.filter((x) => x.encoding.x)) assert.deepEqual(l.encoding.x!.sort, names);
    });
  }
  const vgg = panels(visionProfiles(r).find((f) => f.idBase === 'vision-layers-kriegeskorte92-recorded-vgg')!.spec)[0];
  assert.deepEqual(vgg.layer.find((l) => l.encoding.x)!.encoding.x!.sort, ['maxpool1', 'maxpool2', 'maxpool3', 'maxpool4', 'maxpool5', 'fc6', 'fc7', 'fc8']);
});

test('a layer that could not be scored (NaN, or null as results.json keeps it) is left out, with a note', () => {
  const r = fixture();
  row(r, 'vision:cichy92:it:alexnet').layers![2].value = Number.NaN;
  const fromJson = JSON.parse(JSON.stringify(r)) as RunResults;
  for (const doc of [r, fromJson]) {
    const f = visionProfiles(doc).find((x) => x.idBase === 'vision-layers-cichy92-recorded-alexnet')!;
    const [evc, it] = panels(f.spec);
    assert.equal(evc.layer.find((l) => l.encoding.x)!.encoding.x!.sort.length, 8);
    assert.deepEqual(it.layer.find((l) => l.encoding.x)!.encoding.x!.sort, ['conv1', 'conv2', 'conv4', 'conv5', 'fc6', 'fc7', 'fc8']);
    assert.equal(it.title.subtitle, 'not scored, left out: conv3');
    assert.equal(evc.title.subtitle, undefined);
    assert.match(f.caption, /Not scored, left out: it: conv3\./);
    assert.deepEqual(it.data.values.map((v) => v.name), ['conv1', 'conv2', 'conv4', 'conv5', 'fc6', 'fc7', 'fc8'], 'the unscored layer is not in the data');
  }
});

/** The content of the mark group of class `cls` (a leaf group: its marks, no nested groups). */
function leafGroup(svg: string, cls: string): string {
  const m = new RegExp(`<g class="[^"]*\\b${cls}"[^>]*>(.*?)</g>`).exec(svg);
  assert.ok(m, `a group ${cls}`);
  return m[1];
}
const translateY = (element: string): number => Number(/translate\([-\d.e]+,([-\d.e]+)\)/.exec(element)![1]);

test('SVG: titles, layer names as x labels in order, the band where the y scale puts lower and upper', async () => {
  const r = fixture();
  const figure = visionProfiles(r).find((f) => f.idBase === 'vision-layers-cichy92-recorded-alexnet')!;
  const svg = await renderSvg(figure.spec);
  assert.ok(svg.includes('<svg'));
  for (const t of ['recorded:alexnet: Cichy 2014, 92 images', 'early visual cortex (15 subjects)', 'IT (15 subjects)']) assert.ok(svg.includes(`>${t}</text>`), t);
  const evc = row(r, 'vision:cichy92:evc:alexnet');
  const xLabels = [...svg.matchAll(/rotate\(315\)[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]);
  const names = evc.layers!.map((l) => l.name);
  assert.deepEqual(xLabels, [...names, ...names], 'both panels label every layer by name, in order');
  for (const region of ['evc', 'it']) {
    const source = row(r, `vision:cichy92:${region}:alexnet`);
    // The CI rules start at y(lo) of each layer: two of them fix the linear y scale.
    const rules = [...leafGroup(svg, `${region}_ci_marks`).matchAll(/<line [^>]*>/g)].map((m) => translateY(m[0]));
    assert.equal(rules.length, source.layers!.length);
    const [lo0, lo1] = [source.layers![0].ci95![0], source.layers![1].ci95![0]];
    const slope = (rules[1] - rules[0]) / (lo1 - lo0);
    const y = (v: number) => rules[0] + slope * (v - lo0);
    const band = /d="M0,([-\d.]+)h240v([-\d.]+)h-240Z"/.exec(leafGroup(svg, `${region}_ceiling_marks`));
    assert.ok(band, `${region}: one full-width band`);
    const [top, height] = [Number(band[1]), Number(band[2])];
    assert.ok(Math.abs(top - y(source.score.ceiling!.upper!)) < 0.05, `${region}: band top at the upper bound`);
    assert.ok(Math.abs(top + height - y(source.score.ceiling!.lower!)) < 0.05, `${region}: band bottom at the lower bound`);
    assert.equal([...leafGroup(svg, `${region}_used_marks`).matchAll(/<path /g)].length, 1, `${region}: the layer shown is marked once`);
  }
});

test('reportPlots: the vision figures once each, unique ids, no per-row layer plot for vision rows (text rows keep theirs)', async () => {
  const r = fixture();
  const text = JSON.parse(readFileSync(new URL('../fixtures/report/run-results.json', import.meta.url), 'utf8')) as RunResults;
  const layered = { ...text.results[0], layers: [{ layer: 0, name: 'embeddings', value: 0.2, n: 9 }, { layer: 1, name: 'layer 1', value: 0.3, n: 9 }], layer: { layer: 1, name: 'layer 1', chosen: 'default' as const } };
  r.results.push(layered);
  const plots = reportPlots(r);
  const ids = plots.map((p) => p.id);
  assert.equal(new Set(ids).size, ids.length, 'unique ids');
  for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  assert.deepEqual(plots.filter((p) => p.kind === 'vision-layers').map((p) => p.id), EXPECTED_IDS);
  assert.deepEqual(plots.filter((p) => p.kind === 'layers').map((p) => p.subject), [layered.benchmark]);
  assert.equal(plots.find((p) => p.id === 'vision-layers-kriegeskorte92-recorded-vgg')!.subject, 'vision:kriegeskorte92:human-it:vgg, vision:kriegeskorte92:judgments:vgg');

  const html = reportHtml(r, await renderPlots(plots));
  for (const id of EXPECTED_IDS) assert.ok(html.includes(`<figure id="plot-${id}">`), id);
  assert.ok(!html.includes('id="plot-layers-vision'));
});

test('writeReport: one PNG per vision figure under plots/', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-vision-report-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await writeReport(fixture(), dir, { png: true });
  const pngs = readdirSync(join(dir, 'plots')).filter((n) => n.startsWith('vision-layers-'));
  assert.deepEqual(pngs.sort(), EXPECTED_IDS.map((id) => `${id}.png`).sort());
  for (const n of pngs) assert.deepEqual([...readFileSync(join(dir, 'plots', n)).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
});

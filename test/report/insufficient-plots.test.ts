// Rows below the coverage floor are never plotted with a value (no scatter, no layer profile, no vision panel; the
// bar chart says 'insufficient'), the report says which rows were left out; a ceiling band only where a row has one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { reportHtml } from '../../src/report/html.ts';
import { layerProfileSpec } from '../../src/report/layer-profile.ts';
import { reportPlots } from '../../src/report/plots.ts';
import { renderPlots } from '../../src/report/render-svg.ts';
import { visionProfiles } from '../../src/report/vision-profiles.ts';
import type { RunResults } from '../../src/run/results.ts';

const read = (name: string): RunResults => JSON.parse(readFileSync(new URL(`../fixtures/report/${name}`, import.meta.url), 'utf8')) as RunResults;
const REASON = 'only 12 of 999 pairs covered (floor: 20 items and half the data set)';

test('an insufficient row: no scatter, no layer profile; its bar chart row reads insufficient; the Plots section names it', async () => {
  const r = read('run-results.json');
  const simlex = r.results[0];
  simlex.layers = [{ layer: 0, name: 'embeddings', value: 0.2, n: 9 }, { layer: 1, name: 'layer 1', value: 0.3, n: 9 }];
  assert.ok(layerProfileSpec(simlex));
  simlex.coverage.insufficient = REASON;
  assert.equal(layerProfileSpec(simlex), undefined);
  const plots = reportPlots(r);
  assert.ok(!plots.some((p) => p.subject === 'wordsim:simlex999'), 'no scatter or layer plot of the row');
  const bars = plots.find((p) => p.id === 'bars-core-wordsim')!;
  const row = (bars.spec as { data: { values: { benchmark: string; value: number | null; insufficient: string | null }[] } }).data.values.find((v) => v.benchmark === 'wordsim:simlex999')!;
  assert.deepEqual([row.value, row.insufficient], [null, 'insufficient']);
  const html = reportHtml(r, await renderPlots(plots));
  assert.match(html, /<p class="note">Below the coverage floor, so drawn with no value \(bars read 'insufficient'; no scatter or layer profile\): SimLex-999\.<\/p>/);
  assert.ok(!html.includes('<figure id="plot-scatter-wordsim-simlex999">'));
});

test('vision: an insufficient row leaves the figure (the other region stays); a row without a ceiling gets no band, and the caption says so', () => {
  const r = read('vision-results.json');
  const find = (id: string) => r.results.find((x) => x.benchmark === id)!;
  find('vision:cichy92:it:alexnet').coverage.insufficient = REASON;
  delete find('vision:cichy92:evc:vgg').score.ceiling;
  const figures = visionProfiles(r);
  const alexnet = figures.find((f) => f.idBase === 'vision-layers-cichy92-recorded-alexnet')!;
  assert.deepEqual(alexnet.benchmarks, ['vision:cichy92:evc:alexnet']);
  const vgg = figures.find((f) => f.idBase === 'vision-layers-cichy92-recorded-vgg')!;
  const layers = (vgg.spec as { hconcat: { layer: { name: string }[] }[] }).hconcat.map((p) => p.layer.map((l) => l.name));
  assert.ok(!layers[0].some((n) => n.endsWith('_ceiling')), 'EVC: no band');
  assert.ok(layers[1].some((n) => n.endsWith('_ceiling')), 'IT: its band');
  assert.match(vgg.caption, /shaded band: the region's noise ceiling, from its lower to its upper bound \(it only: the others have none\)/);
  find('vision:cichy92:it:vgg').score.ceiling = undefined;
  const none = visionProfiles(r).find((f) => f.idBase === 'vision-layers-cichy92-recorded-vgg')!;
  assert.ok(!/band/.test(none.caption) && !/band/.test(JSON.stringify((none.spec as { title: unknown }).title)));
});

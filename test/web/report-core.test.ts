// report.html in Chromium at 1280 px after a real `attune run --suite core` (MEN's 3,000 pairs, long norm titles,
// 34 rows, 20 bootstrap resamples) and for the shipped vision run (its six targets' heatmaps): no horizontal
// overflow, no cut text, contents that link to headings, a size in proportion to the points plotted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { writeReport } from '../../src/report/write-report.ts';
import type { RunResults } from '../../src/run/results.ts';
import { ARTIFACTS, attune, launch, tempDir } from '../../test-support/web/e2e-harness.ts';
import { assertReportLayout } from '../../test-support/web/report-page.ts';

let tmp: ReturnType<typeof tempDir>;
let browser: Browser;
let core: string;
let vision: string;

before(async () => {
  tmp = tempDir('attune-web-report-core-');
  [core, vision] = [join(tmp.dir, 'core'), join(tmp.dir, 'vision')];
  const visionResults = JSON.parse(readFileSync(new URL('../fixtures/report/vision-results.json', import.meta.url), 'utf8')) as RunResults;
  [browser] = await Promise.all([
    launch(),
    attune(['run', '--suite', 'core', '--bootstrap', '20', '--no-png', '--out', core], { ATTUNE_CACHE_DIR: join(tmp.dir, 'cache') }),
    writeReport(visionResults, vision),
  ]);
});

after(async () => {
  await browser?.close();
  tmp?.cleanup();
});

test('core: layout at 1280 px; MEN\'s scatter says it shows 1,000 of 3,000 pairs, drawn as compact circles; a proportionate size', async (t) => {
  const file = join(core, 'report.html');
  const page = await assertReportLayout(browser, file, 'report-core-1280');
  const men = page.locator('#plot-scatter-wordsim-men3000');
  assert.match(await men.locator('svg').innerHTML(), />wordsim:men3000: showing 1,000 of 3,000 pairs</);
  assert.equal(await men.locator('circle').count(), 1000);
  await men.screenshot({ path: join(ARTIFACTS, 'report-core-men-scatter.png') });
  const results = JSON.parse(readFileSync(join(core, 'results.json'), 'utf8')) as RunResults;
  const plotted = results.results.reduce((s, x) => s + (x.scatter?.model.length ?? 0), 0);
  const bytes = statSync(file).size;
  t.diagnostic(`core report.html: ${bytes} bytes for ${plotted} plotted points (4,109,734 bytes before)`);
  assert.ok(bytes / plotted < 70, `${Math.round(bytes / plotted)} bytes a plotted point (about 130 before)`);
  const simlex = results.results.find((x) => x.benchmark === 'wordsim:simlex999')!;
  if (simlex.score.details?.reference_ceiling !== undefined) {
    assert.match(await page.locator('table.methods').innerText(), /reference ceiling \(published human agreement, not a noise ceiling, not used for normalized\): 0\.7800/);
  }
  await page.close();
});

test('vision: layout at 1280 px; the mean RDM of each of the six targets, category boundaries on the four 92-image ones only', async (t) => {
  const file = join(vision, 'report.html');
  const page = await assertReportLayout(browser, file, 'report-vision-1280');
  const maps = page.locator('figure.rdm');
  assert.equal(await maps.count(), 6);
  const shown = await maps.evaluateAll((figs) => figs.map((f) => [f.querySelector('figcaption')?.textContent?.split(':')[0], f.querySelectorAll('.boundaries path').length, f.querySelectorAll('.colour-bar').length]));
  assert.deepEqual(shown, [
    ['Cichy 2014, 92 images', 5, 1], ['Cichy 2014, 92 images', 5, 1],
    ['Algonauts 2019, 78 images', 0, 1], ['Algonauts 2019, 78 images', 0, 1],
    ['Kriegeskorte 2008, 92 images on grey', 5, 1], ['Kriegeskorte 2008, 92 images on grey', 5, 1],
  ]);
  await page.locator('.rdms').screenshot({ path: join(ARTIFACTS, 'report-vision-rdms-1280.png') });
  t.diagnostic(`vision report.html: ${statSync(file).size} bytes`);
  await page.close();
});

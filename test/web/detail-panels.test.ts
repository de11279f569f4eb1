// Detail panels in Chromium on a hand-made run: the 92-image heatmaps (hover and arrow keys name both stimuli
// and show their pictures from the server), the pairwise comparisons, the method text and the layer profile.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { Rdm92Document } from '../../src/server/rdm92-api.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { buildWeb, horizontalOverflow, launch, markControls, openPage, screenshot, serve, tabThrough, tempDir } from '../../test-support/web/e2e-harness.ts';
import { syntheticRun, writeExampleRun } from '../../test-support/web/dashboard-fixture.ts';

let tmp: ReturnType<typeof tempDir>;
let server: RunningServer;
let browser: Browser;
let rdm92: Rdm92Document;

before(async () => {
  tmp = tempDir('attune-web-panels-');
  const results = join(tmp.dir, 'results');
  writeExampleRun(results, syntheticRun());
  const [web, b] = await Promise.all([buildWeb(join(tmp.dir, 'web')), launch()]);
  browser = b;
  server = await serve(results, web);
  rdm92 = (await (await fetch(`${server.url}api/rdm92`)).json()) as Rdm92Document;
});

after(async () => {
  await browser?.close();
  await server?.close();
  tmp?.cleanup();
});

test('92-image row: heatmaps name both stimuli with their pictures (mouse and keyboard), comparisons, method', async () => {
  const { page, problems } = await openPage(browser, 1280, 800);
  await page.goto(`${server.url}#/benchmark/${encodeURIComponent('rdm92:human-it:animacy')}?run=example`);
  const figures = page.locator('.heatmaps figure.heatmap');
  await figures.nth(1).waitFor();
  assert.deepEqual(await figures.locator('figcaption').allInnerTexts(), ['human IT (mean of 4 subjects)', 'animacy']);
  const human = rdm92.rdms.find((r) => r.name === 'human IT (mean of 4 subjects)')!;
  const name = (i: number) => `${rdm92.categories[i]} #${i + 1}`;

  const canvas = figures.first().locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const [r, c] = [10, 50];
  await page.mouse.move(box.x + ((c + 0.5) * box.width) / 92, box.y + ((r + 0.5) * box.height) / 92);
  const tip = figures.first().locator('.heat-tip');
  const [i, j] = [rdm92.order[r], rdm92.order[c]];
  const text = await tip.innerText();
  assert.ok(text.includes(name(i)) && text.includes(name(j)), text);
  assert.ok(text.includes(`dissimilarity ${human.square[i * 92 + j].toFixed(4)}`), text);
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.heat-tip img')].every((img) => img.complete && img.naturalWidth === 175));
  assert.equal(await tip.locator('img').count(), 2);
  await screenshot(page, 'rdm92-1280x800');

  await canvas.focus();
  await page.keyboard.press('ArrowRight'); // the keyboard cursor starts at row 0, column 1
  const keyed = await tip.innerText();
  assert.ok(keyed.includes(name(rdm92.order[0])) && keyed.includes(name(rdm92.order[2])), keyed);

  const main = await page.locator('main').innerText();
  assert.ok(main.includes('Example method text for the 92-image row.'));
  assert.doesNotMatch(main, /\bnull\b|\bundefined\b|NaN/);
  assert.deepEqual(await page.locator('section', { has: page.locator('h3', { hasText: 'Pairwise comparisons' }) }).locator('tbody td').allInnerTexts(), ['EVA', '0.0500', '[0.0100, 0.0900]', '0.0200']);
  const controls = await markControls(page);
  const focused = await tabThrough(page, controls + 10);
  assert.deepEqual([...focused].sort((a, b) => a - b), Array.from({ length: controls }, (_, k) => k), 'every control takes focus by Tab');
  await page.setViewportSize({ width: 390, height: 844 });
  assert.equal(await horizontalOverflow(page), 0);
  await screenshot(page, 'rdm92-390x844');
  assert.deepEqual(problems, []);
  await page.close();
});

test('layer profile: the chart, the layer used and the per-layer table', async () => {
  const { page, problems } = await openPage(browser, 1280, 800);
  await page.goto(`${server.url}#/benchmark/${encodeURIComponent('wordsim:simlex999')}?run=example`);
  const panel = page.locator('section', { has: page.locator('h3', { hasText: 'Layer profile' }) });
  await panel.locator('canvas').waitFor();
  assert.match(await panel.innerText(), /Layer used: layer 2 \(best, chosen on 500 items, scored on 499\)/);
  await panel.locator('summary').click();
  const rows = await panel.locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, 4);
  assert.match(rows[2], /layer 2 \(used\)\s+0\.3000\s+\[0\.2500, 0\.3500\]\s+999/);
  assert.deepEqual(problems, []);
  await page.close();
});

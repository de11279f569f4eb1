// Detail panels in Chromium on a hand-made run: the 92-image heatmaps (hover and arrow keys name both stimuli
// and show their pictures from the server), the pairwise comparisons, the method text and the layer profile; and on a
// real vision run: its rows on the leaderboard (the run's model in its column, the fixed candidates in their own table),
// who a row scored, both bounds of its ceiling, and a row's regions side by side with their noise-ceiling bands; and a row
// below the coverage floor, shown as insufficient with its reason and no value.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import type { RunResults } from '../../src/run/results.ts';
import type { Rdm92Document } from '../../src/server/rdm92-api.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { benchmarkHref } from '../../src/web/routes.ts';
import { buildWeb, cellText, horizontalOverflow, launch, markControls, openPage, screenshot, serve, tabThrough, tempDir } from '../../test-support/web/e2e-harness.ts';
import { syntheticRun, THIN_MODEL, THIN_RUN_ID, VISION_RUN_ID, writeExampleRun, writeInsufficientRun, writeVisionRun } from '../../test-support/web/dashboard-fixture.ts';

let tmp: ReturnType<typeof tempDir>;
let server: RunningServer;
let browser: Browser;
let rdm92: Rdm92Document;
let vision: RunResults;
let thin: RunResults;
let example: RunResults;

before(async () => {
  tmp = tempDir('attune-web-panels-');
  const results = join(tmp.dir, 'results');
  example = writeExampleRun(results, syntheticRun());
  thin = writeInsufficientRun(results, syntheticRun());
  vision = writeVisionRun(results);
  // The same run with IT's conv3 of AlexNet not scored (NaN, which results.json holds as null).
  const unscored = structuredClone(vision);
  unscored.results.find((r) => r.benchmark === 'vision:cichy92:it:alexnet')!.layers![2].value = Number.NaN;
  mkdirSync(join(results, 'vision-unscored'));
  writeFileSync(join(results, 'vision-unscored', 'results.json'), JSON.stringify(unscored));
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
  assert.deepEqual(await page.locator('section', { has: page.locator('h3', { hasText: 'Pairwise comparisons' }) }).locator('tbody td').allInnerTexts(), ['EVA', '0.0500', '[0.0100, 0.0900]', 'p = 0.02']);
  // p-values for people in the score table too (the example's is 0.00004).
  const score = page.locator('section', { has: page.locator('h3', { hasText: 'Score' }) });
  assert.equal(await score.locator('tbody tr').first().locator('td').nth(4).innerText(), 'p < 0.0001');
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
  assert.equal(await bandRows(panel.locator('canvas')), 0, 'a text row has no ceiling band');
  assert.deepEqual(problems, []);
  await page.close();
});

test("leaderboard: the vision run's own rows in its model's column with both ceiling bounds, its fixed candidates in their own table", async () => {
  const { page, problems } = await openPage(browser, 1280, 800);
  await page.goto(server.url);
  await page.waitForSelector('#leaderboard tr[data-benchmark="vision:cichy92:evc"]');
  const own = vision.results.filter((r) => r.subject.kind === 'run-model');
  const fixed = vision.results.filter((r) => r.subject.kind === 'fixed');
  const shown = (table: string) => page.locator(`${table} tbody tr`).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-benchmark')).filter((b) => b?.startsWith('vision:')));
  assert.deepEqual((await shown('#leaderboard')).sort(), own.map((r) => r.benchmark).sort());
  assert.deepEqual((await shown('#other-subjects')).sort(), fixed.map((r) => r.benchmark).sort());
  const keys = await page.locator('#leaderboard thead button.sort').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-key')));
  assert.deepEqual(keys.slice(2).sort(), ['example:layered', 'gabor', THIN_MODEL].sort(), "columns: the runs' own models only");

  const evc = own.find((r) => r.benchmark === 'vision:cichy92:evc')!;
  const { lower, upper } = evc.score.ceiling!;
  assert.match(await cellText(page, '#leaderboard tr[data-benchmark="vision:cichy92:evc"]', 'gabor'),
    new RegExp(`^${evc.score.value.toFixed(4)}\\s+\\[.*\\]\\s+ceiling \\[${lower!.toFixed(4)}, ${upper!.toFixed(4)}\\]$`));

  assert.equal(await page.locator('#others-group').getAttribute('open'), null, 'the group starts closed');
  const alexnet = fixed.find((r) => r.benchmark === 'vision:cichy92:evc:alexnet')!;
  const row = page.locator('#other-subjects tr[data-benchmark="vision:cichy92:evc:alexnet"]');
  assert.equal(await row.isVisible(), false);
  await page.locator('#others-group > summary').click();
  const cells = await row.locator('td').allInnerTexts();
  assert.match(cells[1], /^recorded:alexnet\s+fixed candidate \(not the run's model\)$/);
  assert.match(cells[2], new RegExp(`^${alexnet.score.value.toFixed(4)}\\s+\\[${alexnet.score.ci95![0].toFixed(4)}, ${alexnet.score.ci95![1].toFixed(4)}\\]\\s+ceiling \\[${lower!.toFixed(4)}`));

  // Sorting the group by value keeps it open and puts the highest first.
  await page.locator('#other-subjects button.sort[data-key="value"]').click();
  assert.equal(await page.locator('#others-group').getAttribute('open'), '');
  const values = await page.locator('#other-subjects tbody td.num').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
  const everyOther = [...fixed, ...example.results.filter((r) => r.subject.kind !== 'run-model')];
  assert.deepEqual(values, everyOther.map((r) => r.score.value).sort((a, b) => b - a));
  await screenshot(page, 'leaderboard-vision-1280x800');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a row below the coverage floor: "insufficient" and why, no value, on the leaderboard (sorted as empty) and its detail page', async () => {
  const { page, problems } = await openPage(browser, 1280, 800);
  await page.goto(server.url);
  const row = '#leaderboard tr[data-benchmark="wordsim:simlex999"]';
  await page.waitForSelector(row);
  const reason = thin.results[0].coverage.insufficient!;
  assert.match(reason, /^insufficient coverage: 12 of \d+ items/);
  assert.equal(await cellText(page, row, THIN_MODEL), `insufficient\n${reason}`);
  assert.equal(await page.locator(`${row} td.insufficient`).getAttribute('data-value'), '');
  await page.locator(`button.sort[data-key="${THIN_MODEL}"]`).click();
  assert.equal(await page.locator('#leaderboard tbody tr').last().getAttribute('data-benchmark'), 'wordsim:simlex999', 'its only cell sorts last, as an empty one');

  await page.goto(`${server.url}${benchmarkHref('wordsim:simlex999', THIN_RUN_ID)}`);
  await page.locator('#score-value').waitFor();
  assert.equal(await page.locator('#score-value').innerText(), 'insufficient');
  assert.equal(await page.locator('#insufficient-reason').innerText(), `${reason}: the value is not a result.`);
  const score = await page.locator('section', { has: page.locator('h3', { hasText: 'Score' }) }).innerText();
  assert.ok(!score.includes('0.9000') && !score.includes('0.9\n'), `no value in the score panel: ${score}`);
  assert.equal(await page.locator('#scored').innerText(), `Scored: ${THIN_MODEL} — the run's model`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('vision detail: a fixed candidate says who was scored; the ceiling shows both bounds and which one normalised divides by', async () => {
  const { page, problems } = await openPage(browser, 1280, 800);
  await page.goto(`${server.url}${benchmarkHref('vision:cichy92:evc:alexnet', VISION_RUN_ID)}`);
  await page.locator('#scored').waitFor();
  assert.equal(await page.locator('#scored').innerText(), "Scored: recorded:alexnet — fixed candidate (not the run's model)");
  const { lower, upper, method } = vision.results.find((r) => r.benchmark === 'vision:cichy92:evc:alexnet')!.score.ceiling!;
  assert.equal(await page.locator('#ceiling-text').innerText(), `lower ${lower!.toFixed(4)}, upper ${upper!.toFixed(4)}; normalised divides by ${lower!.toFixed(4)} (the lower bound) — ${method}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('vision row: both regions of the set side by side, titled, each with its ceiling band and every layer in its table', async () => {
  const { page, problems } = await openPage(browser, 1280, 800);
  const ids = ['vision:cichy92:evc:alexnet', 'vision:cichy92:it:alexnet'];
  await page.goto(`${server.url}${benchmarkHref(ids[0], VISION_RUN_ID)}`);
  const panel = page.locator('section', { has: page.locator('h3', { hasText: 'Layer profile' }) });
  const regions = panel.locator('.region-profile');
  await regions.nth(1).locator('canvas').waitFor();
  assert.equal(await regions.count(), 2);
  assert.deepEqual(await regions.evaluateAll((els) => els.map((e) => e.getAttribute('data-benchmark'))), ids);
  assert.deepEqual(await regions.locator('h4').allInnerTexts(), ['early visual cortex (15 subjects)', 'IT (15 subjects)']);
  assert.equal(await regions.nth(1).locator('h4 a').getAttribute('href'), benchmarkHref(ids[1], VISION_RUN_ID), 'the other region links to its page');
  const [left, right] = [(await regions.nth(0).boundingBox())!, (await regions.nth(1).boundingBox())!];
  assert.ok(Math.abs(left.y - right.y) < 1 && right.x >= left.x + left.width, 'side by side');

  for (const [k, id] of ids.entries()) {
    const row = vision.results.find((r) => r.benchmark === id)!;
    const region = regions.nth(k);
    const { lower, upper } = row.score.ceiling!;
    // The chart's accessible description is built from the band's own data; the band is drawn in its colour.
    const description = (await region.locator('.chart').getAttribute('aria-label'))!;
    assert.ok(description.includes(`shaded band: noise ceiling from ${lower!.toFixed(4)} to ${upper!.toFixed(4)}`), description);
    assert.ok(description.includes(row.layers!.map((l) => l.name).join(', ')), description);
    const drawn = await bandRows(region.locator('canvas'));
    assert.ok(drawn > 10, `${id}: the ceiling band is drawn (${drawn} rows)`);
    await region.locator('summary').click();
    assert.deepEqual(await region.locator('thead th').allInnerTexts(), ['layer', 'value', '95% CI', 'n', 'algonauts2019']);
    const cells = await region.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    assert.deepEqual(cells, row.layers!.map((l) => [
      l.name + (l.layer === row.layer!.layer ? ' (used)' : ''), l.value.toFixed(4), `[${l.ci95![0].toFixed(4)}, ${l.ci95![1].toFixed(4)}]`, String(l.n), l.extra!.algonauts2019.toFixed(4),
    ]));
  }
  await screenshot(page, 'vision-layers-1280x800');
  await page.setViewportSize({ width: 390, height: 844 });
  assert.equal(await horizontalOverflow(page), 0);
  await screenshot(page, 'vision-layers-390x844');
  assert.deepEqual(problems, []);
  await page.close();
});

test('vision row with a layer that could not be scored: left out of the chart with a note, "not scored" in the table', async () => {
  const { page, problems } = await openPage(browser, 1280, 800);
  await page.goto(`${server.url}${benchmarkHref('vision:cichy92:evc:alexnet', 'vision-unscored')}`);
  const it = page.locator('.region-profile[data-benchmark="vision:cichy92:it:alexnet"]');
  await it.locator('canvas').waitFor();
  assert.match((await it.locator('.chart').getAttribute('aria-label'))!, /for each of 7 scored layers \(conv1, conv2, conv4, conv5, fc6, fc7, fc8\)/);
  assert.equal(await it.locator('p.hint').innerText(), 'Not scored, left out of the chart: conv3.');
  await it.locator('summary').click();
  assert.deepEqual((await it.locator('tbody tr').nth(2).locator('td').allInnerTexts()).slice(0, 2), ['conv3', 'not scored']);
  assert.equal(await it.locator('tbody tr').count(), 8);
  assert.equal(await page.locator('.region-profile[data-benchmark="vision:cichy92:evc:alexnet"] p.hint').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

/** Rows of a chart's canvas in which a third or more of the pixels have the ceiling band's colour (#d62728 at 15% on white). */
function bandRows(canvas: Locator): Promise<number> {
  return canvas.evaluate((el: HTMLCanvasElement) => {
    const { data, width, height } = el.getContext('2d')!.getImageData(0, 0, el.width, el.height);
    const blend = [214, 39, 40].map((c) => 255 - 0.15 * (255 - c));
    let rows = 0;
    for (let y = 0; y < height; y++) {
      let hits = 0;
      for (let x = 0; x < width; x++) {
        const i = 4 * (y * width + x);
        if (blend.every((c, j) => Math.abs(data[i + j] - c) <= 3)) hits++;
      }
      if (hits >= width / 3) rows++;
    }
    return rows;
  });
}

// The dashboard in Chromium after a real `attune run` (suite core, 100 bootstrap resamples, a temporary cache):
// the leaderboard (SimLex-999 with its value, sorting by mouse and keyboard, the normalised view), a benchmark's
// detail with the scatter's hover label, the 92-image heatmaps, the run comparison, keyboard reach, 390 px layout; and
// with the vision run beside it, the runs' models on screen at 1280 px while recorded answers and fixed candidates sit
// in their own collapsible table, each detail page saying who was scored.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunResults } from '../../src/run/results.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { attune, buildWeb, cellText, horizontalOverflow, launch, markControls, openPage, screenshot, serve, tabThrough, tempDir } from '../../test-support/web/e2e-harness.ts';
import { EXAMPLE_CEILING, writeExampleRun, writeVisionRun } from '../../test-support/web/dashboard-fixture.ts';
import { referenceCeilingOf } from '../../src/report/reference-ceiling.ts';

let tmp: ReturnType<typeof tempDir>;
let server: RunningServer;
let browser: Browser;
let real: RunResults;
let example: RunResults;
let vision: RunResults;
const SIMLEX = 'tr[data-benchmark="wordsim:simlex999"]';

before(async () => {
  tmp = tempDir('attune-web-dashboard-');
  const results = join(tmp.dir, 'results');
  const run = attune(['run', '--suite', 'core', '--bootstrap', '100', '--no-png', '--out', results], { ATTUNE_CACHE_DIR: join(tmp.dir, 'cache') });
  const [, web, b] = await Promise.all([run, buildWeb(join(tmp.dir, 'web')), launch()]);
  browser = b;
  real = JSON.parse(readFileSync(join(results, 'results.json'), 'utf8')) as RunResults;
  example = writeExampleRun(results, real);
  vision = writeVisionRun(results);
  server = await serve(results, web);
});

after(async () => {
  await browser?.close();
  await server?.close();
  tmp?.cleanup();
});

const valueOf = (r: RunResults, id: string) => r.results.find((x) => x.benchmark === id)!.score;

async function checkNarrow(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  assert.equal(await horizontalOverflow(page), 0, `${name}: no horizontal overflow at 390 px`);
  await screenshot(page, `${name}-390x844`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('leaderboard: the SimLex-999 row and its value, sorting by click and keyboard, the normalised view', async () => {
  const { page, problems } = await openPage(browser, 1280, 800);
  await page.goto(server.url);
  await page.waitForSelector(SIMLEX);
  const simlex = valueOf(real, 'wordsim:simlex999');
  const glove = await cellText(page, SIMLEX, 'glove');
  assert.match(glove, new RegExp(`^${simlex.value.toFixed(4)}\\s+\\[${simlex.ci95![0].toFixed(4)}, ${simlex.ci95![1].toFixed(4)}\\]`));
  assert.match(await page.locator(SIMLEX).innerText(), /SimLex-999/);
  // The example's ceiling is neither of its bounds, so the cell shows it beside them.
  assert.match(await cellText(page, SIMLEX, 'example:layered'), new RegExp(`ceiling ${EXAMPLE_CEILING.toFixed(4)} \\[0\\.7000, 0\\.8500\\]`));
  const own = [...real.results, ...example.results, ...vision.results].filter((r) => r.subject.kind === 'run-model');
  assert.equal(await page.locator('#leaderboard tbody tr').count(), new Set(own.map((r) => r.benchmark)).size);

  // Empty cells sort last.
  const gloveColumn = await page.locator('#leaderboard thead th').evaluateAll((ths) => ths.findIndex((th) => th.querySelector('button[data-key="glove"]')));
  const gloveValues = () => page.locator('#leaderboard tbody tr').evaluateAll((rows, k) => rows.map((r) => r.children[k].getAttribute('data-value')).filter((v) => v).map(Number), gloveColumn);
  const sorted = real.results.filter((r) => r.model.id === 'glove' && r.subject.kind === 'run-model').map((r) => r.score.value).sort((a, b) => b - a);
  await page.locator('button.sort[data-key="glove"]').click();
  assert.deepEqual(await gloveValues(), sorted, 'descending after one click');
  await page.keyboard.press('Enter'); // focus stays on the header button
  assert.deepEqual(await gloveValues(), [...sorted].reverse(), 'ascending after Enter');
  assert.equal(await page.locator('th:has(button[data-key="glove"])').getAttribute('aria-sort'), 'ascending');

  await page.getByLabel('normalised (value / ceiling)').check();
  const ex = valueOf(example, 'wordsim:simlex999');
  assert.match(await cellText(page, SIMLEX, 'example:layered'), new RegExp(`^${(ex.value / EXAMPLE_CEILING).toFixed(4)}`));
  assert.match(await cellText(page, SIMLEX, 'glove'), /^n\/a/);
  await page.getByLabel('raw').check();

  const controls = await markControls(page);
  const focused = await tabThrough(page, controls + 10);
  assert.deepEqual([...focused].sort((a, b) => a - b), Array.from({ length: controls }, (_, k) => k), 'every control takes focus by Tab');
  await screenshot(page, 'leaderboard-1280x800');
  await checkNarrow(page, 'leaderboard');
  assert.deepEqual(problems, []);
  await page.close();
});

test('detail: provenance of SimLex-999 and a scatter point labelled on hover', async () => {
  const { page, problems } = await openPage(browser, 1280, 800);
  await page.goto(server.url);
  await page.locator(`${SIMLEX} th a`).click();
  const simlex = real.results.find((x) => x.benchmark === 'wordsim:simlex999')!;
  assert.equal(await page.locator('#score-value').innerText(), simlex.score.value.toFixed(4));
  const text = await page.locator('main').innerText();
  for (const s of [simlex.dataset.checksum, simlex.model.revision, simlex.score.measure, `${real.tool.name} ${real.tool.version}`, '999/999 (100.0%)']) assert.ok(text.includes(s), s);
  assert.equal(await page.locator('#scored').innerText(), "Scored: glove — the run's model");
  assert.equal(await page.locator('#ceiling-text').innerText(), 'none for this benchmark');
  // A published agreement figure, where the row carries one, is text beside the value: never the noise ceiling.
  const reference = referenceCeilingOf(simlex.score);
  if (reference) assert.ok((await page.locator('#reference-ceiling').innerText()).startsWith(`${reference.value.toFixed(4)}: ${reference.kind}. Source: ${reference.source}.`));
  const canvas = page.locator('#scatter canvas');
  await canvas.waitFor();
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const tip = page.locator('#vg-tooltip-element.visible');
  let found = false;
  // Sweep the plot from its centre outwards until a point's tooltip shows.
  for (let radius = 0; radius < 200 && !found; radius += 6) {
    for (let a = 0; a < 12 && !found; a++) {
      await page.mouse.move(box.x + box.width / 2 + radius * Math.cos((a * Math.PI) / 6), box.y + box.height / 2 + radius * Math.sin((a * Math.PI) / 6));
      found = (await tip.count()) > 0;
    }
  }
  assert.ok(found, 'a tooltip appears over the scatter');
  const shown = await tip.innerText();
  const k = simlex.scatter!.labels!.findIndex((l) => shown.includes(l));
  assert.ok(k >= 0, `the tooltip names an item: ${shown}`);
  assert.ok(shown.includes(simlex.scatter!.model[k].toFixed(4)), `and its model value: ${shown}`);
  await screenshot(page, 'detail-1280x800');
  await checkNarrow(page, 'detail');
  assert.deepEqual(problems, []);
  await page.close();
});

test("leaderboard at 1280 px beside the vision run: the runs' models on screen, recorded answers and fixed candidates in a collapsible table", async () => {
  const { page, problems } = await openPage(browser, 1280, 800);
  await page.goto(server.url);
  await page.waitForSelector(SIMLEX);
  const all = [...real.results, ...example.results, ...vision.results];
  const models = [...new Set(all.filter((r) => r.subject.kind === 'run-model').map((r) => r.model.id))];
  assert.deepEqual(models.sort(), ['example:layered', 'gabor', 'glove']);
  const keys = await page.locator('#leaderboard thead button.sort').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-key')));
  assert.deepEqual(keys.slice(2).sort(), models, "one column per run model, none for the recorded answers or fixed candidates");
  for (const key of models) {
    const box = (await page.locator(`#leaderboard button.sort[data-key="${key}"]`).boundingBox())!;
    assert.ok(box.x >= 0 && box.x + box.width <= 1280 && box.y + box.height <= 800, `the ${key} column is in the viewport: ${JSON.stringify(box)}`);
  }
  assert.ok(await page.locator('#leaderboard').evaluate((t) => t.parentElement!.scrollWidth <= t.parentElement!.clientWidth), 'the table needs no horizontal scrolling');

  // The others: one row per benchmark and subject, in a group that starts closed.
  const others = new Set(all.filter((r) => r.subject.kind !== 'run-model').map((r) => `${r.benchmark} ${r.subject.label}`));
  assert.equal(await page.locator('#other-subjects tbody tr').count(), others.size);
  assert.equal(await page.locator('#others-group').getAttribute('open'), null);
  assert.match(await page.locator('#others-group > summary').innerText(), new RegExp(`^Recorded answers and fixed candidates \\(not the runs' models\\): ${others.size} results$`));
  const gpt4 = page.locator('#other-subjects tr[data-benchmark="recorded:gpt4:simlex999"]');
  assert.equal(await gpt4.isVisible(), false);
  await page.locator('#others-group > summary').click();
  const recorded = real.results.find((r) => r.benchmark === 'recorded:gpt4:simlex999')!;
  const cells = await gpt4.locator('td').allInnerTexts();
  assert.equal(cells[1], `${recorded.subject.label}\nrecorded answers\ndata/${recorded.subject.source}`);
  assert.match(cells[2], new RegExp(`^${recorded.score.value.toFixed(4)}`));
  await screenshot(page, 'leaderboard-subjects-1280x800');

  await gpt4.locator('th a').click();
  await page.locator('#scored').waitFor();
  assert.equal(await page.locator('#scored').innerText(), `Scored: ${recorded.subject.label} — recorded answers, answers from data/${recorded.subject.source}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('run comparison: the two runs side by side, B − A and whether the 95% intervals overlap', async () => {
  const { page, problems } = await openPage(browser, 1280, 800);
  await page.goto(`${server.url}#/compare?a=run:latest&b=run:example`);
  const row = page.locator('#comparison tbody tr', { hasText: 'wordsim:simlex999' });
  await row.waitFor();
  const a = valueOf(real, 'wordsim:simlex999');
  const b = valueOf(example, 'wordsim:simlex999');
  const cells = await row.locator('td').allInnerTexts();
  const overlap = a.ci95![0] <= b.ci95![1] && b.ci95![0] <= a.ci95![1];
  assert.match(cells[0], new RegExp(`^${a.value.toFixed(4)}`));
  assert.match(cells[1], new RegExp(`^${b.value.toFixed(4)}`));
  assert.equal(cells[2], `+${(b.value - a.value).toFixed(4)}`);
  assert.equal(cells[3], overlap ? 'overlap' : 'apart');
  // Benchmarks only one side has show a dash for the other side.
  assert.match((await page.locator('#comparison tbody tr', { hasText: 'wordsim:men3000' }).locator('td').allInnerTexts())[1], /–/);
  await page.selectOption('#side-b', 'model:glove');
  await page.waitForFunction(() => location.hash.includes('b=model%3Aglove'));
  assert.equal((await page.locator('#comparison tbody tr', { hasText: 'wordsim:simlex999' }).locator('td').allInnerTexts())[2], '0.0000');
  await screenshot(page, 'compare-1280x800');
  await checkNarrow(page, 'compare');
  assert.deepEqual(problems, []);
  await page.close();
});

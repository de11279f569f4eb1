// report.html in Chromium at 1280 px after a real `attune run --suite literature` (10 bootstrap resamples): the
// ten 92-image heatmaps with category boundaries and a colour bar, pairwise comparisons with p-values for people,
// long Turing RSA titles wrapped in their bar chart; no horizontal overflow, no cut text, contents that link to headings.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, attune, launch, tempDir } from '../../test-support/web/e2e-harness.ts';
import { assertReportLayout } from '../../test-support/web/report-page.ts';

let tmp: ReturnType<typeof tempDir>;
let browser: Browser;
let out: string;

before(async () => {
  tmp = tempDir('attune-web-report-literature-');
  out = join(tmp.dir, 'literature');
  [browser] = await Promise.all([launch(), attune(['run', '--suite', 'literature', '--bootstrap', '10', '--no-png', '--out', out], { ATTUNE_CACHE_DIR: join(tmp.dir, 'cache') })]);
});

after(async () => {
  await browser?.close();
  tmp?.cleanup();
});

test('literature: layout at 1280 px; ten 92-image heatmaps with boundaries and a colour bar; every p printed for people', async (t) => {
  const file = join(out, 'report.html');
  const page = await assertReportLayout(browser, file, 'report-literature-1280');
  const maps = page.locator('figure.rdm svg');
  assert.equal(await maps.count(), 10);
  for (let k = 0; k < 10; k++) {
    assert.equal(await maps.nth(k).locator('.boundaries path').count(), 5);
    assert.equal(await maps.nth(k).locator('.categories text').count(), 6);
    assert.equal(await maps.nth(k).locator('.colour-bar').count(), 1);
  }
  await page.locator('.rdms').screenshot({ path: join(ARTIFACTS, 'report-literature-rdms-1280.png') });
  const turing = page.locator('#plot-bars-literature-turing');
  assert.ok((await turing.locator('tspan').count()) > 0, 'long Turing RSA labels wrap onto lines');
  await turing.screenshot({ path: join(ARTIFACTS, 'report-literature-turing-bars.png') });
  const text = await page.locator('body').innerText();
  const ps = [...text.matchAll(/p = ([\d.e-]+)/g)].map((m) => m[1]);
  assert.ok(ps.length > 50, `${ps.length} p-values printed`);
  for (const p of ps) assert.ok(p.replace(/^0\.0*/, '').replace('.', '').length <= 3, `p = ${p}: three significant digits at most`);
  const bytes = statSync(file).size;
  t.diagnostic(`literature report.html: ${bytes} bytes (2,761,294 before)`);
  assert.ok(bytes < 1.5e6, `${bytes} bytes: under 1.5 MB`);
  await page.close();
});

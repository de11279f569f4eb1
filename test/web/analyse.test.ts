// "Analyse your data" in Chromium: files chosen or dropped give the values the CLI prints (`attune rdm |
// compare | cka --json`), computed in the page's Web Worker; the page works by keyboard and at 390 px.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../src/server/server.ts';
import { attune, buildWeb, horizontalOverflow, launch, markControls, openPage, screenshot, serve, tabThrough, tempDir } from '../../test-support/web/e2e-harness.ts';

const FEATURES = [[0.2, 1.5, -0.3, 2.0], [1.1, 0.4, 0.9, -1.2], [2.5, 2.1, 0.3, 0.7], [-0.8, 0.2, 1.7, 1.1], [0.6, -1.4, 2.2, 0.1], [1.9, 0.8, -0.6, 1.4]];
const RDM_A = [[0, 1, 2, 3.5, 4], [1, 0, 1.5, 2, 3], [2, 1.5, 0, 1, 2.5], [3.5, 2, 1, 0, 0.5], [4, 3, 2.5, 0.5, 0]];
const RDM_B = [0.9, 2.2, 3.1, 4.4, 1.2, 2.5, 2.6, 0.8, 2.4, 0.7];
const Y = [[1, 0.5], [0.2, 1.1], [2.0, 0.1], [0.3, 0.3], [1.5, 1.9], [0.7, 2.2]];

let tmp: ReturnType<typeof tempDir>;
let server: RunningServer;
let browser: Browser;
const files: Record<string, string> = {};

/** A float64 C-order .npy file of a matrix, written by hand (format 1.0). */
function npy(rows: number[][]): Buffer {
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${rows.length}, ${rows[0].length}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const head = Buffer.alloc(10);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(head);
  head.writeUInt16LE(header.length, 8);
  return Buffer.concat([head, Buffer.from(header, 'latin1'), Buffer.from(new Float64Array(rows.flat()).buffer)]);
}

before(async () => {
  tmp = tempDir('attune-web-analyse-');
  const csv = (rows: number[][]) => rows.map((r) => r.join(',')).join('\n') + '\n';
  files.features = join(tmp.dir, 'features.csv');
  writeFileSync(files.features, 'c1,c2,c3,c4\n' + csv(FEATURES));
  files.rdmA = join(tmp.dir, 'rdm-a.csv');
  writeFileSync(files.rdmA, csv(RDM_A));
  files.rdmB = join(tmp.dir, 'rdm-b.tsv');
  writeFileSync(files.rdmB, RDM_B.join('\t') + '\r\n');
  files.x = join(tmp.dir, 'x.csv');
  writeFileSync(files.x, csv(FEATURES));
  files.y = join(tmp.dir, 'y.npy');
  writeFileSync(files.y, npy(Y));
  const web = await buildWeb(join(tmp.dir, 'web'));
  [server, browser] = await Promise.all([serve(join(tmp.dir, 'results'), web), launch()]);
});

after(async () => {
  await browser?.close();
  await server?.close();
  tmp?.cleanup();
});

/** Wait until the page shows `measure` and `value` (full precision) as the result. */
async function expectResult(page: Page, measure: string, value: string): Promise<void> {
  await page.waitForFunction(([m, v]) => document.querySelector('#analysis-measure')?.textContent === m && document.querySelector('#analysis-value')?.textContent === v,
    [measure, value], { timeout: 10_000 }).catch(async () => {
    assert.fail(`expected ${measure} = ${value}, the page shows: ${await page.locator('#analysis-out').innerText()}`);
  });
}

test('the worker gives the CLI values: RDM (chosen file), compare (dropped file), CKA (.npy)', async () => {
  const [rdm, compare, cka] = (await Promise.all([
    attune(['rdm', files.features, '--method', 'correlation', '--json']),
    attune(['compare', files.rdmA, files.rdmB, '--method', 'tau-a', '--json']),
    attune(['cka', files.x, files.y, '--json']),
  ])).map((out) => JSON.parse(out) as { measure: string; value: number });
  // Independent check of the RDM value: mean of 1 − Pearson r over the 15 pairs, computed here.
  const r = (a: number[], b: number[]) => {
    const ma = a.reduce((s, v) => s + v, 0) / a.length;
    const mb = b.reduce((s, v) => s + v, 0) / b.length;
    let ab = 0, aa = 0, bb = 0;
    for (let k = 0; k < a.length; k++) { ab += (a[k] - ma) * (b[k] - mb); aa += (a[k] - ma) ** 2; bb += (b[k] - mb) ** 2; }
    return ab / Math.sqrt(aa * bb);
  };
  let sum = 0;
  for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) sum += 1 - r(FEATURES[i], FEATURES[j]);
  assert.ok(Math.abs(rdm.value - sum / 15) < 1e-12, `${rdm.value} vs ${sum / 15}`);

  const { page, problems } = await openPage(browser, 1280, 800);
  await page.goto(`${server.url}#/analyse`);
  await page.selectOption('#rdm-method', 'correlation');
  await page.setInputFiles('#file-a', files.features);
  await expectResult(page, rdm.measure, String(rdm.value));
  assert.equal(await page.locator('.heatmap canvas').count(), 1);
  await screenshot(page, 'analyse-rdm-1280x800');

  await page.getByLabel('Compare two RDMs').check();
  await page.selectOption('#compare-method', 'tau-a');
  await page.setInputFiles('#file-b', files.rdmB);
  // Drop RDM A on the first zone as a browser drag and drop would (a DataTransfer with the file).
  const bytes = Array.from(await import('node:fs').then((fs) => fs.readFileSync(files.rdmA)));
  const transfer = await page.evaluateHandle((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'rdm-a.csv', { type: 'text/csv' }));
    return dt;
  }, bytes);
  await page.dispatchEvent('.drop-zone:has(#file-a)', 'drop', { dataTransfer: transfer });
  await expectResult(page, compare.measure, String(compare.value));

  await page.getByLabel('Linear CKA of two matrices').check();
  await page.setInputFiles('#file-a', files.x);
  await page.setInputFiles('#file-b', files.y);
  await expectResult(page, cka.measure, String(cka.value));

  const controls = await markControls(page);
  const focused = await tabThrough(page, controls + 10);
  assert.deepEqual([...focused].sort((a, b) => a - b), Array.from({ length: controls }, (_, k) => k), 'every control takes focus by Tab');
  await screenshot(page, 'analyse-1280x800');
  await page.setViewportSize({ width: 390, height: 844 });
  assert.equal(await horizontalOverflow(page), 0, 'no horizontal overflow at 390 px');
  await screenshot(page, 'analyse-390x844');
  assert.deepEqual(problems, []);
  await page.close();
});

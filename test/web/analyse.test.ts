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

/** Wait until the page asks for files and shows no result: the analysis has no files of its own yet. */
async function expectNoFiles(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('#analysis-out')?.textContent === 'Choose or drop both files.', undefined, { timeout: 10_000 }).catch(async () => {
    assert.fail(`expected a request for files, the page shows: ${await page.locator('#analysis-out').innerText()}`);
  });
  assert.equal(await page.locator('#analysis-measure').count(), 0);
}

/** The text of the file a download link gives. */
async function downloaded(page: Page, selector: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const { readFileSync } = await import('node:fs');
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
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
  await page.setInputFiles('#rdm-features', files.features);
  await expectResult(page, rdm.measure, String(rdm.value));
  assert.equal(await page.locator('.heatmap canvas').count(), 1);
  await screenshot(page, 'analyse-rdm-1280x800');

  await page.getByLabel('Compare two RDMs').check();
  await page.selectOption('#compare-method', 'tau-a');
  await page.setInputFiles('#compare-b', files.rdmB);
  // Drop RDM A on the first zone as a browser drag and drop would (a DataTransfer with the file).
  const bytes = Array.from(await import('node:fs').then((fs) => fs.readFileSync(files.rdmA)));
  const transfer = await page.evaluateHandle((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'rdm-a.csv', { type: 'text/csv' }));
    return dt;
  }, bytes);
  await page.dispatchEvent('.drop-zone:has(#compare-a)', 'drop', { dataTransfer: transfer });
  await expectResult(page, compare.measure, String(compare.value));

  await page.getByLabel('Linear CKA of two matrices').check();
  await expectNoFiles(page);
  await page.setInputFiles('#cka-x', files.x);
  await page.setInputFiles('#cka-y', files.y);
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

test('each analysis keeps its own files (CKA never runs on RDM files left from Compare); the RDM downloads as CSV and .npy', async () => {
  const cli = JSON.parse(await attune(['rdm', files.features, '--method', 'cosine', '--json'])) as { value: number; measure: string; rdm: number[] };
  const compare = JSON.parse(await attune(['compare', files.rdmA, files.rdmB, '--json'])) as { value: number; measure: string };
  const { page, problems } = await openPage(browser, 1280, 800);
  await page.goto(`${server.url}#/analyse`);
  await page.selectOption('#rdm-method', 'cosine');
  await page.setInputFiles('#rdm-features', files.features);
  await expectResult(page, cli.measure, String(cli.value));

  // The square RDM as the CLI computes it (its --json rdm vector, the strict upper triangle), entry by entry.
  const n = FEATURES.length;
  const square = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => {
    if (i === j) return 0;
    const [a, b] = i < j ? [i, j] : [j, i];
    return cli.rdm[n * a - (a * (a + 1)) / 2 + (b - a - 1)];
  }));
  const csv = await downloaded(page, '#download-rdm-csv');
  assert.equal(csv.name, 'features-rdm-cosine.csv');
  const rows = csv.bytes.toString('utf8').trimEnd().split('\n').map((line) => line.split(',').map(Number));
  assert.deepEqual(rows, square);
  const npy = await downloaded(page, '#download-rdm-npy');
  assert.equal(npy.name, 'features-rdm-cosine.npy');
  const { parseNpy } = await import('../../src/core/npy-format.ts');
  const parsed = parseNpy(new Uint8Array(npy.bytes));
  assert.equal(parsed.dtype, '<f8');
  assert.deepEqual([parsed.matrix.rows, parsed.matrix.cols], [n, n]);
  assert.deepEqual(Array.from(parsed.matrix.data), square.flat());

  // Compare with two RDM files, then CKA: its own inputs are empty, so nothing runs on the RDM files.
  await page.getByLabel('Compare two RDMs').check();
  await expectNoFiles(page);
  await page.setInputFiles('#compare-a', files.rdmA);
  await page.setInputFiles('#compare-b', files.rdmB);
  await expectResult(page, compare.measure, String(compare.value));
  assert.equal(await page.locator('#download-rdm-csv').count(), 0, 'a comparison offers no RDM download');
  await page.getByLabel('Linear CKA of two matrices').check();
  await expectNoFiles(page);
  assert.equal(await page.locator('#rdm-features, #compare-a, #compare-b').evaluateAll((inputs) => inputs.filter((i) => (i.closest('.drop-zone') as HTMLElement).hidden).length), 3);
  // Back to each earlier analysis: its own files are still there and give its value again.
  await page.getByLabel('Compare two RDMs').check();
  await expectResult(page, compare.measure, String(compare.value));
  await page.getByLabel('RDM of a features file').check();
  await expectResult(page, cli.measure, String(cli.value));
  assert.deepEqual(problems, []);
  await page.close();
});

// Shared pieces of the dashboard's browser tests: a private build of the web app, the real server, Debian's
// Chromium through playwright-core, the CLI, a leaderboard cell's text, and checks for focus order and horizontal overflow.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the tests save their screenshots. */
export const ARTIFACTS = fileURLToPath(new URL('../../test/web/artifacts/', import.meta.url));

/** A temporary folder, removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Build src/web into `outDir` with its own Vite config (a private copy: parallel tests never share dist/web). */
export async function buildWeb(outDir: string): Promise<string> {
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'src/web/vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  return outDir;
}

/** The real server on a free loopback port over `resultsDir`, serving the build in `webDir`. */
export function serve(resultsDir: string, webDir: string): Promise<RunningServer> {
  return startServer({ port: 0, resultsDir, webDir });
}

/** Debian's Chromium, headless. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A page that fails the test on a console error, an uncaught exception or a CSP violation. */
export async function openPage(browser: Browser, width: number, height: number): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width, height } });
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { page, problems };
}

/** Run bin/attune.mjs (the sources through tsx, in this checkout); resolves with stdout (rejects on a non-zero exit, with stderr). */
export function attune(args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((done, fail) => {
    execFile(process.execPath, [join(ROOT, 'bin/attune.mjs'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`attune ${args.join(' ')}: ${error.message}\n${stderr}`));
      else done(stdout);
    });
  });
}

/** The text of a leaderboard row's cell (`row`: a selector of its <tr>) in the column of model `key` (found by its header button). */
export async function cellText(page: Page, row: string, key: string): Promise<string> {
  const column = await page.locator('#leaderboard thead th').evaluateAll((ths, k) => ths.findIndex((th) => th.querySelector(`button[data-key="${k}"]`)), key);
  assert.ok(column > 1, `a column for ${key}`);
  return page.locator(`${row} > *`).nth(column).innerText();
}

/** Save a full-page screenshot as test/web/artifacts/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Mark every visible, enabled interactive control with data-focus-id; returns how many. Of a radio group only
 * the checked button is a Tab stop (arrow keys move within the group), so only it is marked.
 */
export function markControls(page: Page): Promise<number> {
  return page.evaluate(() => {
    const selector = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    const controls = [...document.querySelectorAll<HTMLElement>(selector)].filter((el) => {
      const box = el.getBoundingClientRect();
      if (el instanceof HTMLInputElement && el.type === 'radio' && !el.checked) return false;
      return !(el as HTMLInputElement).disabled && el.tabIndex >= 0 && box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    });
    controls.forEach((el, k) => el.setAttribute('data-focus-id', String(k)));
    return controls.length;
  });
}

/** Press Tab from the top of the page until focus leaves the document or cycles; the marked controls focused, in order. */
export async function tabThrough(page: Page, limit: number): Promise<number[]> {
  // Start before the first element: focus a temporary, unmarked anchor at the top of <body>.
  await page.evaluate(() => {
    const start = document.createElement('span');
    start.tabIndex = -1;
    document.body.prepend(start);
    start.focus();
  });
  const seen: number[] = [];
  for (let k = 0; k < limit; k++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.getAttribute('data-focus-id') ?? null);
    if (id === null) {
      if (seen.length > 0) break;
      continue;
    }
    if (seen.includes(Number(id))) break;
    seen.push(Number(id));
  }
  return seen;
}

/** How far the page is wider than the viewport (0 when it has no horizontal overflow). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth);
}

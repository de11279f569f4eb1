// Checks of a report.html in Chromium: text cut by its box (HTML cells and headings) or by its SVG's viewport, vega's
// '…' truncation, and the table of contents' links. Each returns what it found wrong, so a test can assert []; and
// all of them together, with horizontal overflow and a full-page screenshot, for one report at one width.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { horizontalOverflow, screenshot } from './e2e-harness.ts';

/** Open a report file in a new page of `width`×`height` px. */
export async function openReport(browser: Browser, file: string, width = 1280, height = 800): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(pathToFileURL(file).href);
  return page;
}

/** HTML text elements (cells, headings, captions, links, list items) whose content is wider than their box: 'tag: text'. */
export function cutHtmlText(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('th, td, h1, h2, h3, h4, figcaption, nav a, li, p')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline')
      .map((el) => `${el.tagName.toLowerCase()}: ${el.textContent?.slice(0, 80)} (${el.scrollWidth} > ${el.clientWidth})`),
  );
}

/**
 * SVG text that its SVG's viewport cuts (its box reaches past the SVG's box by more than half a pixel) or that vega
 * shortened with '…': 'plot id: text'. Also returns how many text elements were checked.
 */
export function cutSvgText(page: Page): Promise<{ checked: number; cut: string[] }> {
  return page.evaluate(() => {
    const cut: string[] = [];
    const texts = [...document.querySelectorAll<SVGTextElement>('svg text')];
    for (const text of texts) {
      const svg = text.ownerSVGElement as SVGSVGElement;
      const outer = svg.getBoundingClientRect();
      const box = text.getBoundingClientRect();
      const where = svg.closest('figure')?.id || svg.getAttribute('aria-label') || 'svg';
      const content = text.textContent ?? '';
      if (box.width === 0 && content.trim() !== '') cut.push(`${where}: ${content} (not drawn)`);
      if (box.left < outer.left - 0.5 || box.right > outer.right + 0.5 || box.top < outer.top - 0.5 || box.bottom > outer.bottom + 0.5) {
        cut.push(`${where}: ${content} (text ${Math.round(box.left)}–${Math.round(box.right)} × ${Math.round(box.top)}–${Math.round(box.bottom)}, svg ${Math.round(outer.left)}–${Math.round(outer.right)} × ${Math.round(outer.top)}–${Math.round(outer.bottom)})`);
      }
      if (content.includes('…')) cut.push(`${where}: ${content} (truncated)`);
    }
    return { checked: texts.length, cut };
  });
}

/** The table of contents' links: how many, and those whose target is missing or not a heading. */
export function contentsLinks(page: Page): Promise<{ links: number; broken: string[] }> {
  return page.evaluate(() => {
    const links = [...document.querySelectorAll<HTMLAnchorElement>('nav.toc a[href^="#"]')];
    const broken = links
      .filter((a) => !/^H[1-6]$/.test(document.getElementById(decodeURIComponent(a.hash.slice(1)))?.tagName ?? ''))
      .map((a) => a.getAttribute('href') ?? '');
    return { links: links.length, broken };
  });
}

/**
 * Open `file` at `width` px and assert: no horizontal overflow (document scrollWidth ≤ clientWidth), no HTML text
 * wider than its box, no SVG text cut or truncated, a contents list whose links land on headings (and scroll there);
 * then save a full-page screenshot as test/web/artifacts/<name>.png. Returns the open page.
 */
export async function assertReportLayout(browser: Browser, file: string, name: string, width = 1280): Promise<Page> {
  const page = await openReport(browser, file, width, 800);
  assert.equal(await horizontalOverflow(page), 0, `${name}: no horizontal overflow`);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${name}: scrollWidth ≤ clientWidth`);
  assert.deepEqual(await cutHtmlText(page), [], `${name}: no HTML text wider than its box`);
  const svg = await cutSvgText(page);
  assert.ok(svg.checked > 100, `${name}: ${svg.checked} SVG texts checked`);
  assert.deepEqual(svg.cut, [], `${name}: no SVG text cut or truncated`);
  const toc = await contentsLinks(page);
  assert.ok(toc.links >= 5, `${name}: ${toc.links} contents links`);
  assert.deepEqual(toc.broken, [], `${name}: every contents link lands on a heading`);
  await page.locator('nav.toc a').nth(2).click();
  assert.ok(await page.evaluate(() => window.scrollY > 0 && /^H[2-4]$/.test(document.querySelector(':target')?.tagName ?? '')), `${name}: a contents link scrolls to its heading`);
  await screenshot(page, name);
  return page;
}

// Write a run's report folder: results.json, report.html and optionally one PNG per plot, each file atomically.
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { RunResults } from '../run/results.ts';
import { reportHtml } from './html.ts';
import { reportPlots } from './plots.ts';
import { renderPng } from './render-png.ts';
import { renderPlots } from './render-svg.ts';

let tempCounter = 0;

/** Write `data` to `path` through a temporary file in the same folder, renamed over the target (never half-written). */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${++tempCounter}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** results.json text: pretty-printed with 2 spaces and a trailing newline. */
export function resultsJson(results: RunResults): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}

/**
 * Write results.json and report.html into `outDir` (created if needed) and, with `png`, plots/<plot id>.png per plot.
 * Returns the paths written, joined onto `outDir` as given.
 */
export async function writeReport(
  results: RunResults,
  outDir: string,
  options: { png?: boolean } = {},
): Promise<{ files: string[] }> {
  await mkdir(outDir, { recursive: true });
  const plots = await renderPlots(reportPlots(results));
  const files: string[] = [];
  const put = async (path: string, data: string | Uint8Array): Promise<void> => {
    await writeFileAtomic(path, data);
    files.push(path);
  };
  await put(join(outDir, 'results.json'), resultsJson(results));
  await put(join(outDir, 'report.html'), reportHtml(results, plots));
  if (options.png) {
    const plotDir = join(outDir, 'plots');
    await mkdir(plotDir, { recursive: true });
    for (const p of plots) await put(join(plotDir, `${p.id}.png`), renderPng(p.svg));
  }
  return { files };
}

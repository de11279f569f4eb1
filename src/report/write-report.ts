// Write a run's report folder: results.json, report.html and optionally one PNG per plot, each file atomically.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.ts';
import type { RunResults } from '../run/results.ts';
import { reportHtml } from './html.ts';
import { reportPlots } from './plots.ts';
import { rdmFigures } from './rdm-figures.ts';
import { renderPlotsCached, renderPngCached, type BlobStore } from './cached-render.ts';

/** results.json text: pretty-printed with 2 spaces and a trailing newline. */
export function resultsJson(results: RunResults): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}

/**
 * Write results.json and report.html into `outDir` (created if needed) and, with `png`, plots/<plot id>.png per plot;
 * with a `store`, rendered plots are reused by content hash (a warm run renders nothing).
 * Returns the paths written, joined onto `outDir` as given.
 */
export async function writeReport(
  results: RunResults,
  outDir: string,
  options: { png?: boolean; store?: BlobStore } = {},
): Promise<{ files: string[] }> {
  await mkdir(outDir, { recursive: true });
  const plots = await renderPlotsCached(reportPlots(results), options.store);
  const files: string[] = [];
  const put = async (path: string, data: string | Uint8Array): Promise<void> => {
    await writeFileAtomic(path, data);
    files.push(path);
  };
  await put(join(outDir, 'results.json'), resultsJson(results));
  await put(join(outDir, 'report.html'), reportHtml(results, plots, await rdmFigures(results)));
  if (options.png) {
    const plotDir = join(outDir, 'plots');
    await mkdir(plotDir, { recursive: true });
    for (const p of plots) await put(join(plotDir, `${p.id}.png`), renderPngCached(p.svg, options.store));
  }
  return { files };
}

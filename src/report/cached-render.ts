// Rendering plots once: SVG and PNG bytes kept in a store (the run cache) under the hash of what they
// were rendered from, so a rerun with the same results renders nothing.
import { cacheKey } from '../run/cache-key.ts';
import type { PlotSpec } from './plots.ts';
import { renderPng } from './render-png.ts';
import { renderSvg, type RenderedPlot } from './render-svg.ts';

/** Bump when the renderers' output changes for the same input. */
const RENDER_VERSION = 2;

/** Where rendered bytes are kept (the run cache satisfies this). */
export interface BlobStore {
  get(key: string): Uint8Array | undefined;
  put(key: string, kind: string, value: Uint8Array): void;
}

/** renderPlots through the store: each SVG is looked up by the hash of its spec, rendered only when missing. */
export async function renderPlotsCached(plots: PlotSpec[], store?: BlobStore): Promise<RenderedPlot[]> {
  const out: RenderedPlot[] = [];
  for (const { spec, ...meta } of plots) {
    const key = cacheKey({ kind: 'plot-svg', version: RENDER_VERSION, spec: JSON.stringify(spec) });
    const hit = store?.get(key);
    let svg: string;
    if (hit) svg = Buffer.from(hit).toString('utf8');
    else {
      svg = await renderSvg(spec);
      store?.put(key, 'plot-svg', Buffer.from(svg, 'utf8'));
    }
    out.push({ ...meta, svg });
  }
  return out;
}

/** renderPng through the store, keyed by the hash of the SVG. */
export function renderPngCached(svg: string, store?: BlobStore): Uint8Array {
  const key = cacheKey({ kind: 'plot-png', version: RENDER_VERSION, svg });
  const hit = store?.get(key);
  if (hit) return hit;
  const png = renderPng(svg);
  store?.put(key, 'plot-png', png);
  return png;
}

// Vega-Lite spec → SVG text, headless: vega-lite compiles, a vega View with renderer 'none' writes the SVG (no canvas needed).
import { compile, type TopLevelSpec } from 'vega-lite';
import { loader, parse, View } from 'vega';
import type { PlotSpec } from './plots.ts';
import { useDejaVuMetrics } from './vega-text-metrics.ts';

/** A loader that refuses every external resource: report specs carry their data inline. */
function offlineLoader(): ReturnType<typeof loader> {
  const base = loader();
  base.load = async (uri: string) => {
    throw new Error(`report plots load no external data (asked for ${uri})`);
  };
  return base;
}

/** Round the coordinates inside `transform` and `d` attributes to 2 decimals (1/100 pixel): scatters shrink by about a third. */
export function compactSvgNumbers(svg: string): string {
  const round = (num: string): string => String(Math.round(Number(num) * 100) / 100);
  return svg.replace(/ (transform|d)="([^"]*)"/g, (_m, name: string, value: string) =>
    ` ${name}="${value.replace(/-?\d+\.\d{3,}(?:e-?\d+)?/g, round)}"`,
  );
}

/** Render a Vega-Lite spec to an SVG document, its text laid out with DejaVu Sans's widths (vega-text-metrics.ts). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  useDejaVuMetrics();
  const vegaSpec = compile(spec).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none', loader: offlineLoader() });
  try {
    return compactSvgNumbers(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/** A plot together with its SVG. */
export interface RenderedPlot extends Omit<PlotSpec, 'spec'> {
  svg: string;
}

/** Render every plot to SVG, in order. */
export async function renderPlots(plots: PlotSpec[]): Promise<RenderedPlot[]> {
  const out: RenderedPlot[] = [];
  for (const { spec, ...meta } of plots) out.push({ ...meta, svg: await renderSvg(spec) });
  return out;
}

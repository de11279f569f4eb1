// Scatter points as vega writes them cost ~130 bytes each (a circle path with its own transform, fill and opacity);
// 1,000 points a plot made report.html megabytes. Written as <circle>s whose shared fill sits on a wrapping group,
// the same picture costs ~35 bytes a point.

/** A filled circle symbol as vega writes it: translate(x,y), a two-arc path of radius r, then its attributes. */
const POINT = /<path transform="translate\(([-\d.e]+),([-\d.e]+)\)" d="M([\d.]+),0A\3,\3,0,1,1,-\3,0A\3,\3,0,1,1,\3,0"((?: [a-z-]+="[^"]*")*)\/>/g;

/** The attributes a run of points shares, as fill and fill-opacity (inherited per point, so overlaps still darken); undefined when a point has anything else (a stroke, a label). */
function sharedStyle(attrs: string): string | undefined {
  const parsed = Object.fromEntries([...attrs.matchAll(/ ([a-z-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const { fill, opacity, 'fill-opacity': fillOpacity, 'stroke-width': _width, ...rest } = parsed;
  if (Object.keys(rest).length > 0 || fill === undefined) return undefined;
  const alpha = Number(opacity ?? 1) * Number(fillOpacity ?? 1);
  return `fill="${fill}"${alpha !== 1 ? ` fill-opacity="${alpha}"` : ''}`;
}

/** A coordinate with one decimal (a tenth of a pixel: finer than a point's edge). */
function tenth(x: string): number {
  return Math.round(Number(x) * 10) / 10;
}

/** The SVG with each run of adjacent, same-styled circle symbols rewritten as <circle>s inside one <g> carrying their style. */
export function compactPoints(svg: string): string {
  const out: string[] = [];
  let pos = 0;
  let run: { style: string; circles: string[] } | undefined;
  const flush = () => {
    if (run) out.push(`<g ${run.style}>${run.circles.join('')}</g>`);
    run = undefined;
  };
  for (const m of svg.matchAll(POINT)) {
    const style = sharedStyle(m[4]);
    if (style === undefined) continue;
    if (m.index !== pos || run?.style !== style) {
      flush();
      out.push(svg.slice(pos, m.index));
      run = { style, circles: [] };
    }
    run.circles.push(`<circle cx="${tenth(m[1])}" cy="${tenth(m[2])}" r="${m[3]}"/>`);
    pos = m.index + m[0].length;
  }
  flush();
  out.push(svg.slice(pos));
  return out.join('');
}

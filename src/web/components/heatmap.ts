// An RDM heatmap on a canvas: one pixel per pair (scaled up by CSS), hover or arrow keys show a tooltip
// naming both items; rows and columns follow an optional display order.
import { h } from '../dom.ts';
import { viridisInto } from './colors.ts';

/** What a heatmap shows. */
export interface HeatmapOptions {
  /** Stimulus count. */
  n: number;
  /** Dissimilarity of stimuli i and j (0-based, original indices). */
  value(i: number, j: number): number;
  /** Display order: order[k] is the stimulus drawn at row/column k (default: identity). */
  order?: number[];
  title: string;
  /** Tooltip content for the pair (i, j) with its value. */
  describe(i: number, j: number, value: number): Node;
}

/** The largest RDM drawn (n × n pixels). */
export const HEATMAP_MAX = 2048;

/** A figure with the heatmap, its colour range, and a tooltip that follows the pointer or the keyboard cursor. */
export function heatmap(options: HeatmapOptions): HTMLElement {
  const { n, value, title } = options;
  const order = options.order ?? Array.from({ length: n }, (_, k) => k);
  const canvas = h('canvas', { width: n, height: n, tabindex: 0, role: 'img', class: 'heatmap-canvas',
    'aria-label': `${title}: ${n}×${n} heatmap; arrow keys move between pairs` });
  const { lo, hi } = draw(canvas, n, value, order);
  const tip = h('div', { class: 'heat-tip', role: 'status', 'aria-live': 'polite', hidden: true });
  const wrap = h('div', { class: 'heat-wrap' }, canvas, tip);
  let cursor: [number, number] = [0, 1 % n];

  const show = (r: number, c: number, x: number, y: number) => {
    const i = order[r];
    const j = order[c];
    tip.replaceChildren(options.describe(i, j, value(i, j)));
    tip.hidden = false;
    const box = wrap.getBoundingClientRect();
    tip.style.left = `${Math.min(x + 12, Math.max(0, box.width - tip.offsetWidth))}px`;
    tip.style.top = `${y + 12}px`;
  };
  const cellAt = (event: MouseEvent): [number, number] => {
    const rect = canvas.getBoundingClientRect();
    const c = Math.floor(((event.clientX - rect.left) / rect.width) * n);
    const r = Math.floor(((event.clientY - rect.top) / rect.height) * n);
    return [Math.min(n - 1, Math.max(0, r)), Math.min(n - 1, Math.max(0, c))];
  };
  canvas.addEventListener('mousemove', (event) => {
    const [r, c] = cellAt(event);
    const box = wrap.getBoundingClientRect();
    show(r, c, event.clientX - box.left, event.clientY - box.top);
  });
  canvas.addEventListener('mouseleave', () => (tip.hidden = true));
  canvas.addEventListener('blur', () => (tip.hidden = true));
  const showCursor = () => {
    const scale = canvas.clientWidth / n;
    show(cursor[0], cursor[1], (cursor[1] + 0.5) * scale, (cursor[0] + 0.5) * scale);
  };
  canvas.addEventListener('focus', showCursor);
  canvas.addEventListener('keydown', (event) => {
    const step: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const d = step[event.key];
    if (event.key === 'Escape') tip.hidden = true;
    if (!d) return;
    event.preventDefault();
    cursor = [Math.min(n - 1, Math.max(0, cursor[0] + d[0])), Math.min(n - 1, Math.max(0, cursor[1] + d[1]))];
    showCursor();
  });
  const legend = h('div', { class: 'heat-legend' }, h('span', {}, lo.toPrecision(3)), h('span', { class: 'ramp', 'aria-hidden': 'true' }), h('span', {}, hi.toPrecision(3)));
  return h('figure', { class: 'heatmap' }, wrap, h('figcaption', {}, title), legend);
}

/** Paint the heatmap (colour linear between the smallest and largest off-diagonal value); returns that range. */
function draw(canvas: HTMLCanvasElement, n: number, value: (i: number, j: number) => number, order: number[]): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = value(i, j);
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return { lo, hi };
  const image = ctx.createImageData(n, n);
  const span = hi > lo ? hi - lo : 1;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) viridisInto(r === c ? 0 : (value(order[r], order[c]) - lo) / span, image.data, 4 * (r * n + c));
  }
  ctx.putImageData(image, 0, 0);
  return { lo, hi };
}

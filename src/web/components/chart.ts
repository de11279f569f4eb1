// Vega-Lite charts through vega-embed, loaded on first use, set up for a strict CSP: expressions run in
// vega's interpreter (no eval), no injected <style> (the tooltip's look is in styles.css), canvas rendering.
import type { TopLevelSpec } from 'vega-lite';

/** Render a Vega-Lite spec into `container`; hovering a mark shows its tooltip fields (vega-tooltip). */
export async function renderChart(container: HTMLElement, spec: TopLevelSpec, description: string): Promise<void> {
  const { default: embed } = await import('vega-embed');
  container.classList.add('chart');
  container.setAttribute('role', 'img');
  container.setAttribute('aria-label', description);
  // Vega replaces the container's aria-label with its own unless the spec carries a description.
  await embed(container, { description, ...spec } as TopLevelSpec, {
    ast: true,
    actions: false,
    defaultStyle: false,
    renderer: 'canvas',
    tooltip: { disableDefaultStyle: true, theme: 'light' },
    config: { font: 'system-ui, sans-serif', view: { stroke: '#ccc' } },
  });
}

// The 92-image RDM heatmaps of an rdm92:* result: the human target's RDM and the candidate's, in category
// order; hovering a cell names both stimuli (category and index) and shows their pictures.
import { loadRdm92, stimulusUrl, type BenchmarkResult, type Rdm92Payload } from '../api.ts';
import { h } from '../dom.ts';
import { formatValue } from '../format.ts';
import { heatmap } from './heatmap.ts';

/** The API's name of the human RDM a benchmark id targets. */
function targetName(benchmark: string): string {
  return benchmark.startsWith('rdm92:judgments:') ? 'human judgments (mean of 16 subjects)' : 'human IT (mean of 4 subjects)';
}

/** A stimulus as 'category #index' (1-based, as in the paper's figures). */
function stimulusName(data: Rdm92Payload, i: number): string {
  return `${data.categories[i] ?? 'stimulus'} #${i + 1}`;
}

function describer(data: Rdm92Payload) {
  return (i: number, j: number, v: number): Node =>
    h('div', { class: 'pair' },
      h('div', { class: 'pair-items' },
        h('figure', {}, h('img', { src: stimulusUrl(i), alt: stimulusName(data, i), width: 72, height: 72 }), h('figcaption', {}, stimulusName(data, i))),
        h('figure', {}, h('img', { src: stimulusUrl(j), alt: stimulusName(data, j), width: 72, height: 72 }), h('figcaption', {}, stimulusName(data, j)))),
      h('div', {}, `dissimilarity ${formatValue(v)}`));
}

/** A heatmap of one of the API's RDMs. */
function rdmFigure(data: Rdm92Payload, name: string): HTMLElement {
  const rdm = data.rdms.find((r) => r.name === name);
  if (!rdm) return h('p', {}, `No RDM named ${name} in the data set.`);
  const n = data.stimuli;
  return heatmap({ n, title: name, order: data.order, value: (i, j) => rdm.square[i * n + j], describe: describer(data) });
}

/** The panel for an rdm92:* result (null for other results); the data loads when the panel is built. */
export function rdm92Panel(result: BenchmarkResult): HTMLElement | null {
  if (!result.benchmark.startsWith('rdm92:')) return null;
  const candidate = result.benchmark.split(':').slice(2).join(':');
  const body = h('div', {}, h('p', {}, 'Loading the 92-image RDMs…'));
  loadRdm92().then(
    (data) => {
      const names = [targetName(result.benchmark), ...data.rdms.filter((r) => r.name === candidate).map((r) => r.name)];
      const pick = h('select', { id: 'rdm-pick' }, h('option', { value: '' }, 'another RDM of the set…'), data.rdms.map((r) => h('option', { value: r.name }, r.name)));
      const extra = h('div', { class: 'heatmaps' });
      pick.addEventListener('change', () => extra.replaceChildren(pick.value ? rdmFigure(data, pick.value) : ''));
      body.replaceChildren(h('div', { class: 'heatmaps' }, names.map((name) => rdmFigure(data, name))),
        h('div', { class: 'field' }, h('label', { for: 'rdm-pick' }, 'Show also'), pick), extra);
    },
    (error: unknown) => body.replaceChildren(h('p', { class: 'error', role: 'alert' }, `Could not load the RDMs: ${String(error)}`)),
  );
  return h('section', { class: 'panel' }, h('h3', {}, 'RDMs (92 images, category order)'),
    h('p', { class: 'hint' }, 'Hover a cell, or focus a heatmap and use the arrow keys, to see both stimuli.'), body);
}

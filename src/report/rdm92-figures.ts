// The report's 92-image figures: the RDMs of human IT, human judgments and every candidate in category
// order (animate first: human and animal bodies and faces; then natural and artificial objects), as PNG heatmaps.
import { loadRdm92 } from '../data/datasets/rdm92.ts';
import type { RunResults } from '../run/results.ts';
import { heatmapPng } from './heatmap-png.ts';

/** One heatmap: a caption and its PNG bytes. */
export interface RdmFigure {
  title: string;
  png: Buffer;
}

/** Heatmaps for a run with 92-image rows (none otherwise): the subject means and each shipped model RDM. */
export function rdm92Figures(results: RunResults): RdmFigure[] {
  if (!results.results.some((r) => r.benchmark.startsWith('rdm92:'))) return [];
  const data = loadRdm92();
  const n = data.stimuli;
  const order = categoryOrder(data.categories.vectors.data, n, data.categories.vectors.cols);
  const square = (condensed: ArrayLike<number>) => {
    const out = new Float64Array(n * n);
    let k = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[i * n + j] = out[j * n + i] = condensed[k++];
    return out;
  };
  const mean = (m: { rows: number; cols: number; data: ArrayLike<number> }) => {
    const out = new Float64Array(m.cols);
    for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) out[c] += m.data[r * m.cols + c] / m.rows;
    return out;
  };
  return [
    { title: 'human IT (mean of 4 subjects)', png: heatmapPng(square(mean(data.humanITSubjects)), n, order) },
    { title: 'human similarity judgments (mean of 16 subjects)', png: heatmapPng(square(mean(data.judgments)), n, order) },
    ...data.models.map((m) => ({ title: m.name, png: heatmapPng(square(m.rdm), n, order) })),
  ];
}

/** Stimuli sorted by their first category column (the supplemental 92×12 indicator matrix), then by index. */
function categoryOrder(indicators: ArrayLike<number>, n: number, cols: number): number[] {
  const first = (i: number) => {
    for (let c = 0; c < cols; c++) if (indicators[i * cols + c] === 1) return c;
    return cols;
  };
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => first(a) - first(b) || a - b);
}

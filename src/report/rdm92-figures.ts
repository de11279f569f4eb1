// The literature suite's 92-image figures: the RDMs of human IT, human judgments and every candidate of the data
// set, in category order (animate first: human and animal bodies and faces; then natural and artificial objects).
import { columnMeans } from '../core/matrix.ts';
import { loadRdm92, type Rdm92Data } from '../data/datasets/rdm92.ts';
import { squareform } from '../measures/rdm-vector.ts';
import type { RunResults } from '../run/results.ts';
import type { RdmFigure } from './heatmap-figure.ts';
import { categoryOrder, categoryRuns, stimulusCategories } from './rdm92-categories.ts';

/** The display order of the 92 images and its category runs, from the data set's indicator matrix. */
export function rdm92Layout(data: Rdm92Data): Pick<RdmFigure, 'order' | 'runs'> {
  const categories = stimulusCategories(data.categories.labels, data.categories.vectors.data, data.stimuli);
  const order = categoryOrder(categories);
  return { order, runs: categoryRuns(order, categories) };
}

/** Heatmaps for a run with rdm92:* rows (none otherwise): the two subject means, then each of the data set's model RDMs. */
export function rdm92Figures(results: RunResults): RdmFigure[] {
  if (!results.results.some((r) => r.benchmark.startsWith('rdm92:'))) return [];
  const data = loadRdm92();
  const layout = rdm92Layout(data);
  const figure = (title: string, condensed: ArrayLike<number>): RdmFigure => ({ title, n: data.stimuli, square: squareform(condensed).data, ...layout });
  return [
    figure('human IT (mean of 4 subjects)', columnMeans(data.humanITSubjects)),
    figure('human similarity judgments (mean of 16 subjects)', columnMeans(data.judgments)),
    ...data.models.map((m) => figure(m.name, m.rdm)),
  ];
}

// Every RDM heatmap of a run's report: the 92-image literature figures, then the vision targets' subject means.
import type { RunResults } from '../run/results.ts';
import type { RdmFigure } from './heatmap-figure.ts';
import { rdm92Figures } from './rdm92-figures.ts';
import { visionRdmFigures } from './vision-rdm-figures.ts';

/** The heatmaps report.html shows for `results` (none for a run without 92-image or vision rows). */
export async function rdmFigures(results: RunResults): Promise<RdmFigure[]> {
  return [...rdm92Figures(results), ...(await visionRdmFigures(results))];
}

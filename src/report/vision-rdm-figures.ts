// A vision run's heatmaps: the subjects' mean RDM of each target it scored (vision:<set>:<region> rows), loaded as
// the benchmarks load them. The two 92-image sets show the pictures in the Kriegeskorte set's order, so they get
// its category boundaries; Algonauts 2019's 78 images have no categories and get none.
import { VISION_TARGETS } from '../benchmarks/vision-targets.ts';
import { columnMeans } from '../core/matrix.ts';
import { loadRdm92 } from '../data/datasets/rdm92.ts';
import { squareform } from '../measures/rdm-vector.ts';
import type { RunResults } from '../run/results.ts';
import type { RdmFigure } from './heatmap-figure.ts';
import { rdm92Layout } from './rdm92-figures.ts';
import { parseVisionBenchmark } from './vision-rows.ts';

/** The mean RDM of each vision target with rows in `results`, in the suite's target order; [] without vision rows. */
export async function visionRdmFigures(results: RunResults): Promise<RdmFigure[]> {
  const scored = new Set(results.results.flatMap((r) => {
    const id = parseVisionBenchmark(r.benchmark);
    return id ? [`${id.set}:${id.region}`] : [];
  }));
  const targets = VISION_TARGETS.filter((t) => scored.has(t.id));
  if (targets.length === 0) return [];
  const layout92 = targets.some((t) => t.pictureSet !== 'algonauts78') ? rdm92Layout(loadRdm92()) : undefined;
  const figures: RdmFigure[] = [];
  for (const target of targets) {
    const rdms = await target.load();
    const square = squareform(columnMeans(rdms.subjects));
    const layout = target.pictureSet === 'algonauts78' || !layout92 ? { order: Array.from({ length: square.rows }, (_, i) => i), runs: [] } : layout92;
    figures.push({ title: `${target.title}: the subjects' mean RDM`, n: square.rows, square: square.data, ...layout });
  }
  return figures;
}

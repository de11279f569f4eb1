// `attune plot <rdm> -o out.png|out.svg [--kind heatmap|mds] [--stress] [--json]`: the two pictures of an RDM people
// make first, drawn by the report's own machinery: the heatmap with colour bar and category boundaries
// (report/heatmap-figure.ts), and a 2-D classical MDS (measures/mds.ts) as a Vega-Lite scatter (report/mds-spec.ts).
import { basename, extname } from 'node:path';
import { readRdmFile, type RdmInput } from '../../benchmarks/rdm-input.ts';
import { InputError } from '../../core/input-error.ts';
import { InvalidInputError } from '../../measures/errors.ts';
import { classicalMds, kruskalStress, type ClassicalMds } from '../../measures/mds.ts';
import { heatmapFigureSvg, type RdmFigure } from '../../report/heatmap-figure.ts';
import { mdsSpec } from '../../report/mds-spec.ts';
import { categoryRuns, type CategoryRun } from '../../report/rdm92-categories.ts';
import { renderPng } from '../../report/render-png.ts';
import { renderSvg } from '../../report/render-svg.ts';
import { TABLE_OPTIONS, tableOptionsHelp, tableReadOptions } from '../table-options.ts';
import { choiceOption, expectPositionals, parseVerbArgs, UsageError } from '../args.ts';
import { formatNumber, note, printJson, printText, writeFileAtomic } from '../output.ts';

/** Help text of `attune plot`. */
export const PLOT_HELP = `Usage: attune plot <rdm> -o <out.png|out.svg> [--kind heatmap|mds] [--stress] [--json]

Draw an RDM: a square matrix (symmetric, zero diagonal; row/column labels allowed) or a condensed vector,
as CSV/TSV/text, .npy or .npz.

  heatmap (default)  the matrix, coloured by the percentile of each dissimilarity (as rsatoolbox shows RDMs),
                     with a colour bar; when labels repeat (categories) the stimuli are grouped by label
                     (first appearance order) with lines at the category boundaries; unique labels name the rows
  mds                classical (Torgerson) MDS in 2 dimensions: the dissimilarities as distances, double-centred,
                     top two eigenvectors; points labelled, coloured by category when labels repeat

Options:
  -o, --output FILE  where to write the picture; .png or .svg (required)
  --kind K           heatmap or mds (default heatmap)
  --stress           mds: compute Kruskal's metric stress-1 of the 2-D embedding and report it (figure and output)
  --json             print one JSON document: {value (stress-1 with --stress, else null), measure, n, output, labels,
                     and for mds the coordinates, eigenvalues and explained share}
${tableOptionsHelp(21)}
  -h, --help         this help
`;

/** Largest side of a drawn heatmap (px) and the smallest gap between two row labels. */
const MAX_SIDE = 720;
const LABEL_STEP_PX = 11;

/** The n×n matrix (row-major) of a condensed RDM, zero diagonal. */
function squareOf(rdm: RdmInput): Float64Array {
  const n = rdm.stimuli;
  const square = new Float64Array(n * n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) square[i * n + j] = square[j * n + i] = rdm.vector[k++];
  }
  return square;
}

/** The heatmap figure: stimuli grouped by repeated label with boundaries, or each row named (thinned to fit). */
export function heatmapFigure(rdm: RdmInput, title: string): RdmFigure {
  const n = rdm.stimuli;
  const labels = rdm.labels ?? Array.from({ length: n }, (_, i) => String(i + 1));
  const categories = new Set(labels).size < n;
  if (categories) {
    const first = new Map<string, number>();
    labels.forEach((label, i) => first.has(label) || first.set(label, i));
    const order = labels.map((_, i) => i).sort((a, b) => (first.get(labels[a]) as number) - (first.get(labels[b]) as number) || a - b);
    return { title, n, square: squareOf(rdm), order, runs: categoryRuns(order, labels), side: Math.min(MAX_SIDE, Math.max(276, n * 3)) };
  }
  const side = Math.min(MAX_SIDE, Math.max(276, n * 12));
  const step = Math.ceil(LABEL_STEP_PX / (side / n));
  const runs: CategoryRun[] = [];
  for (let i = 0; i < n; i += step) runs.push({ label: labels[i], start: i, count: 1 });
  return { title, n, square: squareOf(rdm), order: labels.map((_, i) => i), runs, boundaries: false, side };
}

/**
 * The picture as PNG at twice its SVG size. The heatmap's cells are a small image drawn scaled up: browsers keep them
 * sharp through the CSS `image-rendering: pixelated`, which resvg does not know and then smooths; without it resvg
 * honours the SVG attribute `image-rendering="optimizeSpeed"` the figure also carries.
 */
function pngOf(svg: string): Uint8Array {
  const m = /^<svg[^>]*?\swidth="([\d.]+)"/.exec(svg);
  const sharp = svg.replaceAll(' style="image-rendering:pixelated"', '');
  return renderPng(sharp, m ? { width: 2 * Number(m[1]) } : {});
}

/** Run `attune plot`; returns the exit code. */
export async function runPlot(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('plot', args, {
    output: { type: 'string', short: 'o' },
    kind: { type: 'string' },
    stress: { type: 'boolean' },
    json: { type: 'boolean' },
    ...TABLE_OPTIONS,
  });
  if (values.help) {
    printText(PLOT_HELP);
    return 0;
  }
  const [file] = expectPositionals('plot', positionals, ['rdm']);
  const kind = choiceOption('plot', 'kind', values.kind, ['heatmap', 'mds'] as const, 'heatmap');
  if (typeof values.output !== 'string' || values.output === '') throw new UsageError('plot', '-o FILE is required (a .png or .svg file)');
  const output = values.output;
  const format = extname(output).toLowerCase();
  if (format !== '.png' && format !== '.svg') throw new UsageError('plot', `-o ${output}: the picture is written as .png or .svg, by the file's extension`);
  if (values.stress && kind !== 'mds') throw new UsageError('plot', '--stress applies to --kind mds only');

  const rdm = await readRdmFile(file, tableReadOptions('plot', values));
  let svg: string;
  let mds: ClassicalMds | undefined;
  let stress: number | undefined;
  if (kind === 'heatmap') {
    svg = heatmapFigureSvg(heatmapFigure(rdm, file), 'rdm');
  } else {
    try {
      mds = classicalMds(rdm.vector, rdm.stimuli);
    } catch (error) {
      if (error instanceof InvalidInputError) throw new InputError(error.message, { file });
      throw error;
    }
    if (values.stress) stress = kruskalStress(rdm.vector, mds);
    const [xs, ys] = [axis(mds, 0), axis(mds, 1)];
    const subtitle = [
      `classical MDS of ${rdm.stimuli} stimuli; 2 dimensions hold ${formatPercent(mds.explained)} of the positive eigenvalues`,
      ...(stress !== undefined ? [`Kruskal stress-1 = ${stress.toPrecision(4)} (metric, against the dissimilarities)`] : []),
    ];
    svg = await renderSvg(mdsSpec({ title: `MDS of ${basename(file)}`, subtitle, x: xs, y: ys, labels: rdm.labels }));
  }
  await writeFileAtomic(output, format === '.svg' ? svg : pngOf(svg));

  const measure = kind === 'heatmap' ? 'plot:heatmap' : 'plot:mds:classical';
  if (values.json) {
    printJson({
      value: stress ?? null,
      measure,
      n: rdm.stimuli,
      output,
      ...(rdm.labels ? { labels: rdm.labels } : {}),
      ...(mds ? { coordinates: axis(mds, 0).map((x, i) => [x, axis(mds as ClassicalMds, 1)[i]]), eigenvalues: Array.from(mds.eigenvalues), explained: mds.explained } : {}),
      ...(stress !== undefined ? { stress } : {}),
    });
    return 0;
  }
  note(`attune plot: ${file} (${rdm.stimuli} stimuli${rdm.labels ? ', labelled' : ''}) → ${output}`);
  if (mds) note(`classical MDS: 2 dimensions hold ${formatPercent(mds.explained)} of the positive eigenvalues`);
  if (stress !== undefined) printText(`stress-1  ${formatNumber(stress)}`);
  return 0;
}

/** The coordinates of every stimulus on axis `c` of an embedding. */
function axis(mds: ClassicalMds, c: number): number[] {
  return Array.from({ length: mds.n }, (_, i) => mds.coordinates[i * mds.dims + c]);
}

/** A share as a percentage with one decimal. */
function formatPercent(share: number): string {
  return `${(100 * share).toFixed(1)}%`;
}

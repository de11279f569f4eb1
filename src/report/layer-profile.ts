// The layer profile of a benchmark run with --layers all|best: the score of every layer with its 95% CI,
// the layer the headline score comes from marked.
import type { TopLevelSpec } from 'vega-lite';
import type { BenchmarkResult } from '../run/results.ts';
import { CONFIG, SCHEMA } from './plot-basics.ts';
import { titleLines } from './plot-text.ts';

/** Width titles wrap to: the plotting area and its y axis. */
const TITLE_WIDTH = 420;

/** A line of value by layer with CI rules; undefined when the result has no layer profile or is below the coverage floor. `model`: named in the title (sweeps). */
export function layerProfileSpec(result: BenchmarkResult, model?: string): TopLevelSpec | undefined {
  const layers = result.layers;
  if (!layers || layers.length === 0 || result.coverage.insufficient !== undefined) return undefined;
  const chosen = result.layer?.layer;
  const values = layers
    .filter((l) => Number.isFinite(l.value))
    .map((l) => ({ layer: l.layer, name: l.name, value: l.value, lo: l.ci95?.[0] ?? null, hi: l.ci95?.[1] ?? null, used: l.layer === chosen }));
  const split = result.layer?.chosen === 'best' ? ' (selection half; the headline is the chosen layer on the other half)' : '';
  return {
    $schema: SCHEMA,
    title: {
      text: titleLines([`${model !== undefined ? `${model}: ` : ''}${result.title}: ${result.score.measure} by layer`], TITLE_WIDTH, 'title'),
      subtitle: titleLines([`${result.benchmark}${split}`], TITLE_WIDTH, 'subtitle'),
      anchor: 'start',
    },
    width: 360,
    height: 220,
    data: { values },
    encoding: { x: { field: 'layer', type: 'quantitative', title: 'layer (0 = embeddings)', axis: { tickMinStep: 1 } } },
    layer: [
      { mark: { type: 'rule', color: '#9ecae9' }, encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
      { mark: { type: 'line', color: '#4c78a8', point: true }, encoding: { y: { field: 'value', type: 'quantitative', title: result.score.measure, scale: { zero: false } } } },
      {
        transform: [{ filter: 'datum.used' }],
        mark: { type: 'point', shape: 'diamond', size: 120, filled: true, color: '#e45756' },
        encoding: { y: { field: 'value', type: 'quantitative' } },
      },
    ],
    config: CONFIG,
  };
}

// The layer profile of a benchmark run with --layers all|best: the score of every layer with its 95% CI,
// the layer the headline score comes from marked.
import type { TopLevelSpec } from 'vega-lite';
import type { BenchmarkResult } from '../run/results.ts';
import { CONFIG, SCHEMA } from './plot-basics.ts';

/** A line of value by layer with CI rules; undefined when the result has no layer profile. */
export function layerProfileSpec(result: BenchmarkResult): TopLevelSpec | undefined {
  const layers = result.layers;
  if (!layers || layers.length === 0) return undefined;
  const chosen = result.layer?.layer;
  const values = layers
    .filter((l) => Number.isFinite(l.value))
    .map((l) => ({ layer: l.layer, name: l.name, value: l.value, lo: l.ci95?.[0] ?? null, hi: l.ci95?.[1] ?? null, used: l.layer === chosen }));
  const split = result.layer?.chosen === 'best' ? ' (selection half; the headline is the chosen layer on the other half)' : '';
  return {
    $schema: SCHEMA,
    title: { text: `${result.title}: ${result.score.measure} by layer`, subtitle: `${result.benchmark}${split}`, anchor: 'start' },
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

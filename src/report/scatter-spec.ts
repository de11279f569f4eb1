// A row's scatter: the model's value against the human value per item, as many points as the benchmark kept (it
// thins to 1,000), with how many of how many it shows; discrete values jittered so that tied points stay visible.
import type { TopLevelSpec } from 'vega-lite';
import type { BenchmarkResult } from '../run/results.ts';
import { CONFIG, SCHEMA } from './plot-basics.ts';
import { titleLines } from './plot-text.ts';
import { scatterCountText } from './scatter-count.ts';
import { discreteGap, jitter, JITTER_SHARE } from './scatter-jitter.ts';
import { formatValue } from './scorecard.ts';

/** Side of the plotting area, and the width titles wrap to (the area and its y axis). */
const SIDE = 320;
const TITLE_WIDTH = SIDE + 50;

/**
 * Scatter of the model's value against the human value per covered item; undefined when the row has no scatter or is
 * below the coverage floor. `model`: the model to name in the title (a sweep's plots show several models' rows).
 */
export function scatterSpec(result: BenchmarkResult, model?: string): TopLevelSpec | undefined {
  const s = result.scatter;
  if (!s || result.coverage.insufficient !== undefined) return undefined;
  const xs: number[] = [];
  const ys: number[] = [];
  const n = Math.min(s.model.length, s.human.length);
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(s.model[i]) && Number.isFinite(s.human[i])) {
      xs.push(s.model[i]);
      ys.push(s.human[i]);
    }
  }
  const [xGap, yGap] = [discreteGap(xs), discreteGap(ys)];
  const [x, y] = [xGap ? jitter(xs, xGap) : xs, yGap ? jitter(ys, yGap) : ys];
  const jittered = [...(xGap ? [s.xLabel] : []), ...(yGap ? [s.yLabel] : [])];
  const subtitle = [
    `${result.benchmark}: ${scatterCountText(result, xs.length)}`,
    ...(jittered.length > 0 ? [`${jittered.join(' and ')}: discrete, jittered by up to ±${JITTER_SHARE} of a step`] : []),
  ];
  return {
    $schema: SCHEMA,
    title: {
      text: titleLines([`${model !== undefined ? `${model}: ` : ''}${result.title}: ${result.score.measure} = ${formatValue(result.score.value)}`], TITLE_WIDTH, 'title'),
      subtitle: titleLines(subtitle, TITLE_WIDTH, 'subtitle'),
      anchor: 'start',
    },
    name: 'points',
    width: SIDE,
    height: SIDE,
    data: { values: x.map((xi, i) => ({ x: xi, y: y[i] })) },
    mark: { type: 'point', aria: false, filled: true, size: 18, opacity: 0.5, color: '#4c78a8' },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: s.xLabel, scale: { zero: false } },
      y: { field: 'y', type: 'quantitative', title: s.yLabel, scale: { zero: false } },
    },
    config: CONFIG,
  };
}

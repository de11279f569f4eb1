// Scatter points written compactly in report.html: the same circles at the same places, a fraction of the bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { scatterOf } from '../../src/benchmarks/benchmark.ts';
import { renderSvg } from '../../src/report/render-svg.ts';
import { scatterSpec } from '../../src/report/scatter-spec.ts';
import { compactPoints } from '../../src/report/svg-points.ts';
import type { RunResults } from '../../src/run/results.ts';

const dot = (x: number, y: number, extra = '') => `<path transform="translate(${x},${y})" d="M2.12,0A2.12,2.12,0,1,1,-2.12,0A2.12,2.12,0,1,1,2.12,0" fill="#4c78a8" stroke-width="2" opacity="0.5"${extra}/>`;

test('compactPoints: a run of same-styled dots becomes circles in one group with fill and fill-opacity; anything else is untouched', () => {
  const svg = `<svg><g class="points">${dot(1.234, 5)}${dot(10, 20.06)}</g><g>${dot(3, 4, ' aria-label="x"')}</g><path d="M0,0h5"/></svg>`;
  assert.equal(
    compactPoints(svg),
    '<svg><g class="points"><g fill="#4c78a8" fill-opacity="0.5"><circle cx="1.2" cy="5" r="2.12"/><circle cx="10" cy="20.1" r="2.12"/></g></g>' +
      `<g>${dot(3, 4, ' aria-label="x"')}</g><path d="M0,0h5"/></svg>`,
  );
  assert.equal(compactPoints('<svg/>'), '<svg/>');
});

test('a 1,000-point scatter: every point kept at its place, under 45 bytes a point', async () => {
  const r = (JSON.parse(readFileSync(new URL('../fixtures/report/run-results.json', import.meta.url), 'utf8')) as RunResults).results[0];
  const xs = Array.from({ length: 3000 }, (_, i) => Math.sin(i * 1.7));
  r.scatter = scatterOf(xs, xs.map((x, i) => x + Math.cos(i)), 'model', 'human');
  r.score.n = 3000;
  const svg = await renderSvg(scatterSpec(r)!);
  const before = [...svg.matchAll(/translate\(([-\d.]+),([-\d.]+)\)" d="M2\.12/g)].map((m) => [Number(m[1]), Number(m[2])]);
  const compact = compactPoints(svg);
  const after = [...compact.matchAll(/<circle cx="([-\d.]+)" cy="([-\d.]+)" r="2\.12"\/>/g)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.equal(before.length, 1000);
  assert.equal(after.length, 1000);
  after.forEach(([x, y], i) => assert.ok(Math.abs(x - before[i][0]) <= 0.0501 && Math.abs(y - before[i][1]) <= 0.0501));
  assert.ok((svg.length - compact.length) / 1000 > 80, 'saves over 80 bytes a point');
  const pointBytes = compact.length - svg.replace(/<path transform="translate[^>]*d="M2\.12[^>]*\/>/g, '').length;
  assert.ok(pointBytes / 1000 < 45, `${pointBytes / 1000} bytes a point`);
});

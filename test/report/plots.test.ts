import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { reportPlots, scatterSpec, sectionBarsSpec, slug } from '../../src/report/plots.ts';
import { compactSvgNumbers, renderPlots, renderSvg } from '../../src/report/render-svg.ts';
import { groupSections } from '../../src/report/scorecard.ts';
import type { RunResults } from '../../src/run/results.ts';

const fixture = (): RunResults =>
  JSON.parse(readFileSync(new URL('../fixtures/report/run-results.json', import.meta.url), 'utf8')) as RunResults;

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** A strict little XML parser for SVG: throws on unbalanced or mismatched tags, bad attributes or stray '<' / '&'. */
function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  let pos = 0;
  while (pos < xml.length) {
    token.lastIndex = pos;
    const m = token.exec(xml);
    if (!m) throw new Error(`not well-formed at ${pos}: ${xml.slice(pos, pos + 40)}`);
    pos = token.lastIndex;
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(m[5])) throw new Error(`bad entity in ${m[5]}`);
      top.text += m[5];
    } else if (m[1]) {
      if (top.name !== m[2]) throw new Error(`</${m[2]}> closes <${top.name}>`);
      stack.pop();
    } else {
      const attrs: Record<string, string> = {};
      for (const a of m[3].matchAll(/([\w:.-]+)="([^"]*)"/g)) attrs[a[1]] = a[2];
      const node: XmlNode = { name: m[2], attrs, children: [], text: '' };
      top.children.push(node);
      if (!m[4]) stack.push(node);
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (root.children.length !== 1) throw new Error('not exactly one root element');
  return root.children[0];
}

const all = (node: XmlNode, pred: (n: XmlNode) => boolean): XmlNode[] =>
  [...(pred(node) ? [node] : []), ...node.children.flatMap((c) => all(c, pred))];
const markGroup = (svg: XmlNode, cls: string): XmlNode => {
  const found = all(svg, (n) => n.name === 'g' && (n.attrs.class ?? '').split(' ').includes(cls));
  assert.equal(found.length, 1, `one group of class ${cls}`);
  return found[0];
};
const textOf = (n: XmlNode): string => n.text + n.children.map(textOf).join('');
const translate = (n: XmlNode): [number, number] => {
  const m = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(n.attrs.transform ?? '');
  assert.ok(m, 'point has a translate');
  return [Number(m[1]), Number(m[2])];
};

test('the XML checker itself rejects broken markup', () => {
  assert.throws(() => parseXml('<svg><g></svg>'));
  assert.throws(() => parseXml('<svg><text>a < b</text></svg>'));
  assert.throws(() => parseXml('<svg><text>a & b</text></svg>'));
  assert.equal(parseXml('<svg a="1"><g/><text>x &amp; y</text></svg>').children.length, 2);
});

test('plots: one bar chart per section and one scatter per result with scatter data, with file-safe unique ids', () => {
  const plots = reportPlots(fixture());
  assert.deepEqual(
    plots.map((p) => [p.id, p.kind, p.subject]),
    [
      ['bars-core-wordsim', 'bars', 'wordsim'],
      ['bars-core-norms', 'bars', 'norms'],
      ['bars-core-recorded', 'bars', 'recorded'],
      ['scatter-wordsim-simlex999', 'scatter', 'wordsim:simlex999'],
    ],
  );
  assert.equal(scatterSpec(fixture().results[1]), undefined);
  assert.equal(slug('Norms:Glasgow:Valence (1-9)'), 'norms-glasgow-valence-1-9');
  const twice = fixture();
  twice.results.push({ ...twice.results[0], benchmark: 'wordsim:SimLex999' });
  assert.deepEqual(
    reportPlots(twice).filter((p) => p.kind === 'scatter').map((p) => p.id),
    ['scatter-wordsim-simlex999', 'scatter-wordsim-simlex999-2'],
  );
});

test('plots: deterministic, data inline, no external URL, generic font', () => {
  const a = JSON.stringify(reportPlots(fixture()));
  assert.equal(a, JSON.stringify(reportPlots(fixture())));
  const urls = a.match(/https?:\/\/[^"]*/g) ?? [];
  assert.deepEqual([...new Set(urls)], ['https://vega.github.io/schema/vega-lite/v6.json']);
  assert.ok(!/"url"\s*:/.test(a));
  assert.ok(a.includes('"font":"sans-serif"'));
});

test('bars SVG: well-formed; one bar per benchmark, one CI rule per CI, ceiling tick and band when present', async () => {
  const r = fixture();
  const simlex = r.results[0];
  r.results.push(
    { ...simlex, benchmark: 'wordsim:men', title: 'MEN', score: { ...simlex.score, value: 0.7, ci95: undefined } },
    { ...simlex, benchmark: 'wordsim:ws353', title: 'WordSim-353', score: { ...simlex.score, value: 0.5, ci95: [0.4, 0.6] } },
  );
  const sections = groupSections(r.results);
  const wordsim = parseXml(await renderSvg(sectionBarsSpec(sections[0])));
  assert.equal(wordsim.name, 'svg');
  assert.equal(markGroup(wordsim, 'bars_marks').children.filter((n) => n.name === 'path').length, 3);
  assert.equal(markGroup(wordsim, 'ci_marks').children.filter((n) => n.name === 'line').length, 2);
  assert.equal(markGroup(wordsim, 'ceiling_marks').children.length, 0);
  const labels = all(wordsim, (n) => (n.attrs.class ?? '').includes('role-axis-label'))
    .flatMap((g) => g.children.map(textOf));
  for (const t of ['SimLex-999', 'MEN', 'WordSim-353']) assert.ok(labels.includes(t), t);
  const norms = parseXml(await renderSvg(sectionBarsSpec(sections[1])));
  assert.equal(markGroup(norms, 'bars_marks').children.length, 1);
  assert.equal(markGroup(norms, 'ceiling_marks').children.length, 1);
  assert.equal(markGroup(norms, 'ceiling_band_marks').children.length, 1);
  const titles = all(norms, (n) => n.name === 'text').map(textOf);
  assert.ok(titles.includes('Norms decoding'));
  assert.ok(titles.includes('Score'));
});

test('scatter SVG: one point per (finite) item, positions linear in the data, axis titles and value in the title', async () => {
  const r = fixture().results[0];
  r.scatter!.model.push(Number.NaN);
  r.scatter!.human.push(3);
  const svg = parseXml(await renderSvg(scatterSpec(r)!));
  const points = markGroup(svg, 'points_marks').children.filter((n) => n.name === 'path');
  assert.equal(points.length, 4);
  // model values 0.1, 0.5, 0.9, 0.3: x is linear, so x(0.5) - x(0.1) = 2 (x(0.3) - x(0.1)) and x(0.9) - x(0.5) = x(0.5) - x(0.1).
  const x = points.map((p) => translate(p)[0]);
  assert.ok(Math.abs(x[1] - x[0] - 2 * (x[3] - x[0])) < 0.02);
  assert.ok(Math.abs(x[2] - x[1] - (x[1] - x[0])) < 0.02);
  // human values 1.5, 6.2, 9.1, 2.0: SVG y grows downwards.
  const y = points.map((p) => translate(p)[1]);
  assert.ok(y[0] > y[3] && y[3] > y[1] && y[1] > y[2]);
  const axisTitles = all(svg, (n) => (n.attrs.class ?? '').includes('role-axis-title')).map(textOf);
  assert.deepEqual(axisTitles.sort(), ['cosine similarity (GloVe)', 'human similarity (0-10)']);
  const texts = all(svg, (n) => n.name === 'text').map(textOf);
  assert.ok(texts.includes('SimLex-999: wordsim:cosine:spearman = 0.3712'));
  assert.ok(texts.includes('wordsim:simlex999: all 4 pairs'));
});

test('renderPlots renders every plot; text from the data is escaped in the SVG', async () => {
  const r = fixture();
  r.results[0].title = '<script>alert("x")</script> & co';
  const plots = await renderPlots(reportPlots(r));
  assert.equal(plots.length, 4);
  for (const p of plots) {
    parseXml(p.svg);
    assert.ok(!/<script/i.test(p.svg));
  }
  assert.ok(plots[0].svg.includes('&lt;script&gt;'));
});

test('compactSvgNumbers rounds transform and d coordinates only', () => {
  assert.equal(
    compactSvgNumbers('<path transform="translate(284.9002823,6.790137)" d="M2.121,0L-1.23456,3" aria-label="0.123456"/>'),
    '<path transform="translate(284.9,6.79)" d="M2.12,0L-1.23,3" aria-label="0.123456"/>',
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { escapeHtml, reportHtml, scopeSvgIds } from '../../src/report/html.ts';
import { reportPlots } from '../../src/report/plots.ts';
import { renderPlots } from '../../src/report/render-svg.ts';
import type { RunResults } from '../../src/run/results.ts';

const fixture = (): RunResults =>
  JSON.parse(readFileSync(new URL('../fixtures/report/run-results.json', import.meta.url), 'utf8')) as RunResults;

test('escapeHtml: the five special characters', () => {
  assert.equal(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`), '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;');
});

test('scopeSvgIds: ids and their references get the prefix', () => {
  assert.equal(
    scopeSvgIds('<svg><clipPath id="clip1"><rect/></clipPath><g clip-path="url(#clip1)"><use href="#clip1"/></g></svg>', 'p1-'),
    '<svg><clipPath id="p1-clip1"><rect/></clipPath><g clip-path="url(#p1-clip1)"><use href="#p1-clip1"/></g></svg>',
  );
});

test('reportHtml: self-contained page with provenance, scorecard table, plots and methods; data strings escaped', async () => {
  const r = fixture();
  r.results[0].title = '<script>alert("x")</script>';
  r.failures[0].error = 'bad <img src=x onerror=alert(1)>';
  const plots = await renderPlots(reportPlots(r));
  const html = reportHtml(r, plots);
  assert.ok(html.startsWith('<!doctype html>\n'));
  assert.ok(!/<script/i.test(html), 'no script element');
  assert.ok(!/<img/i.test(html), 'no img element');
  assert.ok(html.includes('<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>'));
  assert.ok(html.includes('bad &lt;img src=x onerror=alert(1)&gt;'));
  // nothing fetched from the network: no links, no src/@import; the only URLs are SVG/XLink namespaces.
  assert.ok(!/<link|<[a-z][^>]*\s(src|href)="?[a-z]|@import/i.test(html), 'no link, src, href or @import');
  assert.deepEqual(
    [...new Set(html.match(/https?:\/\/[^"' )]*/g))].sort(),
    ['http://www.w3.org/1999/xlink', 'http://www.w3.org/2000/svg'],
  );
  // provenance
  for (const s of ['attune 0.1.0', '2025-01-02T03:04:05.000Z', 'glove (revision wink-sg-100d@1.1.0)', '<td>42</td>']) {
    assert.ok(html.includes(s), s);
  }
  for (const [id, sum] of [['simlex999', 'sha256:aaaa1111'], ['glasgow', 'sha256:bbbb2222'], ['xu2025-gpt4-norms', 'sha256:cccc3333']]) {
    assert.ok(html.includes(`<tr><td>${id}</td><td><code>${sum}</code></td></tr>`), id);
  }
  // scorecard: same columns and cells as the text table
  assert.ok(html.includes('<tr><th>Benchmark</th><th>Measure</th><th>Value</th><th>95% CI</th><th>Coverage</th><th>Ceiling [lower, upper]</th><th>Normalized</th></tr>'));
  // grouped by who was scored: GloVe's rows, then GPT-4's recorded answers under their own heading
  const glove = html.indexOf('class="subject">Model glove (the run&#39;s model)</h3>');
  assert.ok(glove > 0 && glove < html.indexOf('class="subject">Recorded answers of GPT-4 (Trott 2024)'));
  assert.ok(
    html.includes(
      '<tr><td>Glasgow valence</td><td>decode:ridge:kfold5:spearman</td><td class="num">0.6100</td><td class="num">[0.5950, 0.6249]</td>' +
        '<td class="num">4600/4682 (98.2%)</td><td class="num">[0.7800, 0.8200]</td><td class="num">0.7625</td></tr>',
    ),
  );
  assert.equal((html.match(/<p class="how">How computed:/g) ?? []).length, 3);
  assert.ok(html.includes('<li><code>wordsim:rg65</code>:'));
  // plots inline: one figure and one svg per plot
  assert.equal((html.match(/<figure /g) ?? []).length, 4);
  assert.equal((html.match(/<svg /g) ?? []).length, 4);
  // methods: ceiling method, secondary score, per-benchmark model
  assert.ok(html.includes('0.8000 [0.7800, 0.8200] (split-half:spearman-brown)'));
  assert.ok(html.includes('pearson: wordsim:cosine:pearson = 0.3900'));
  assert.ok(html.includes('recorded:gpt4 (2024-05)'));
});

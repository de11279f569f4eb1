// Text measured with DejaVu Sans's advance widths: known widths, wrapping that never loses a character nor exceeds
// its width, and vega laying out plots with the same numbers (so a plot is as wide as its text, no wider).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as vega from 'vega';
import { advance } from '../../src/report/dejavu-widths.ts';
import { textWidth, wrapText } from '../../src/report/text-width.ts';
import { measureText, useDejaVuMetrics } from '../../src/report/vega-text-metrics.ts';

test('advance widths: DejaVu Sans values (thousandths of an em), bold wider, unknown characters a full em', () => {
  assert.equal(advance('M'.codePointAt(0)!, false), 863);
  assert.equal(advance('i'.codePointAt(0)!, false), 278);
  assert.equal(advance(' '.codePointAt(0)!, false), 318);
  assert.ok(advance('a'.codePointAt(0)!, true) > advance('a'.codePointAt(0)!, false));
  assert.equal(advance('é'.codePointAt(0)!, false), 616);
  assert.equal(advance('–'.codePointAt(0)!, false), 500);
  assert.equal(advance('漢'.codePointAt(0)!, false), 1000);
  assert.ok(Math.abs(textWidth('MMMM', 10) - 34.52) < 1e-9);
  assert.ok(textWidth('Glasgow Norms', 11, true) > textWidth('Glasgow Norms', 11));
});

test('wrapText: lines within the width, words kept whole where they fit, long ids broken after a separator, nothing lost', () => {
  const text = 'Turing RSA: FaceBodyManmadeNatobj among the 16 similarity judges (92 images)';
  const lines = wrapText(text, 200, 11);
  assert.ok(lines.length > 1);
  for (const line of lines) assert.ok(textWidth(line, 11) <= 200, line);
  assert.equal(lines.join(' '), text);
  const id = 'sha256:0123456789abcdef0123456789abcdef';
  const parts = wrapText(id, 100, 11);
  assert.equal(parts[0], 'sha256:', 'broken after the colon');
  assert.equal(parts.join(''), id);
  for (const p of parts) assert.ok(textWidth(p, 11) <= 100, p);
  assert.deepEqual(wrapText('short', 500, 11), ['short']);
  assert.deepEqual(wrapText('', 100, 11), ['']);
  assert.deepEqual(wrapText('W', 1, 11), ['W'], 'a character wider than the line still gets its own line');
});

test('vega measures with DejaVu widths once installed (bold, size and truncation limit honoured)', () => {
  useDejaVuMetrics();
  const metrics = (vega as unknown as { textMetrics: { width: (item: object, text: string) => number } }).textMetrics;
  assert.equal(metrics.width({ fontSize: 13, fontWeight: 'bold' }, 'Norms decoding'), textWidth('Norms decoding', 13, true));
  assert.equal(metrics.width({ fontSize: 10 }, '  hello  '), textWidth('hello', 10));
  assert.equal(measureText({ fontSize: 10, limit: 20 }, 'a long label'), 20);
  assert.equal(measureText({}, 'abc'), textWidth('abc', 11), 'vega\'s default size is 11 px');
});

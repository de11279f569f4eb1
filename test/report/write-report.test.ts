import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/core/atomic-write.ts';
import { writeReport } from '../../src/report/write-report.ts';
import type { RunResults } from '../../src/run/results.ts';

const fixtureText = readFileSync(new URL('../fixtures/report/run-results.json', import.meta.url), 'utf8');
const fixture = (): RunResults => JSON.parse(fixtureText) as RunResults;

test('writeReport: results.json (2-space JSON, trailing newline), report.html and one PNG per plot; no temp files', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-report-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'new', 'folder');
  const { files } = await writeReport(fixture(), out, { png: true });
  const plotNames = ['bars-core-wordsim.png', 'bars-core-norms.png', 'bars-core-recorded.png', 'scatter-wordsim-simlex999.png'];
  assert.deepEqual(files, [join(out, 'results.json'), join(out, 'report.html'), ...plotNames.map((n) => join(out, 'plots', n))]);
  assert.deepEqual(readdirSync(out).sort(), ['plots', 'report.html', 'results.json']);
  assert.deepEqual(readdirSync(join(out, 'plots')).sort(), [...plotNames].sort());
  const json = readFileSync(join(out, 'results.json'), 'utf8');
  assert.deepEqual(JSON.parse(json), fixture());
  assert.ok(json.startsWith('{\n  "schema": "attune-results",\n  "schema_version": 2,\n  "tool": {\n    "name": "attune",'));
  assert.ok(json.endsWith('}\n') && !json.endsWith('}\n\n'));
  assert.ok(readFileSync(join(out, 'report.html'), 'utf8').includes('Glasgow valence'));
  for (const n of plotNames) assert.deepEqual([...readFileSync(join(out, 'plots', n)).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
});

test('writeReport without png writes no plots folder; a second run replaces the files by rename', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-report-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await writeReport(fixture(), dir);
  assert.deepEqual(readdirSync(dir).sort(), ['report.html', 'results.json']);
  const before = statSync(join(dir, 'results.json')).ino;
  const changed = fixture();
  changed.seed = 7;
  await writeReport(changed, dir);
  assert.equal(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')).seed, 7);
  assert.notEqual(statSync(join(dir, 'results.json')).ino, before, 'a new file renamed over the old one, not rewritten in place');
  assert.deepEqual(readdirSync(dir).sort(), ['report.html', 'results.json']);
});

test('writeFileAtomic: a failed rename leaves the target and no temp file behind', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-report-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'taken'));
  mkdirSync(join(dir, 'taken', 'inside'));
  await assert.rejects(writeFileAtomic(join(dir, 'taken'), 'x'));
  assert.deepEqual(readdirSync(dir), ['taken']);
  await assert.rejects(writeFileAtomic(join(dir, 'missing', 'f.txt'), 'x'));
  assert.deepEqual(readdirSync(dir), ['taken']);
});

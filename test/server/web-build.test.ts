import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, webBuildStale, type WebPaths } from '../../src/server/web-build.ts';

/** A tiny Vite project under a scratch folder: src/index.html loading src/main.js, which logs `marker`. */
function project(dir: string, marker: string): WebPaths {
  const source = join(dir, 'src');
  mkdirSync(source, { recursive: true });
  writeFileSync(join(source, 'index.html'), '<!doctype html><title>t</title><script type="module" src="./main.js"></script>\n');
  writeFileSync(join(source, 'main.js'), `console.log(${JSON.stringify(marker)});\n`);
  const config = join(source, 'vite.config.mjs');
  writeFileSync(config, `export default { root: ${JSON.stringify(source)}, base: './', logLevel: 'silent' };\n`);
  return { source, config, dist: join(dir, 'dist', 'web') };
}

/** The text of every built JavaScript asset. */
function builtScripts(dist: string): string {
  return readdirSync(join(dist, 'assets')).filter((n) => n.endsWith('.js')).map((n) => readFileSync(join(dist, 'assets', n), 'utf8')).join('\n');
}

test('ensureBuilt: builds when missing, not again while fresh, again when a source file is newer; concurrent calls share one build', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-webbuild-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const paths = project(dir, 'first-build-marker');
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);

  assert.equal(await webBuildStale(paths), true);
  const [a, b] = await Promise.all([ensureBuilt(paths, log), ensureBuilt(paths, log)]);
  assert.equal(a, paths.dist);
  assert.equal(b, paths.dist);
  assert.equal(lines.length, 1);
  assert.match(lines[0], /building the web app/);
  assert.match(readFileSync(join(paths.dist, 'index.html'), 'utf8'), /src="\.\/assets\/[^"]+\.js"/);
  assert.match(builtScripts(paths.dist), /first-build-marker/);
  assert.deepEqual(readdirSync(join(dir, 'dist')), ['web'], 'no staging folder left behind');

  assert.equal(await webBuildStale(paths), false);
  await ensureBuilt(paths, log);
  assert.equal(lines.length, 1, 'fresh: no second build');

  writeFileSync(join(paths.source, 'main.js'), 'console.log("second-build-marker");\n');
  const future = new Date(Date.now() + 60_000);
  utimesSync(join(paths.source, 'main.js'), future, future);
  assert.equal(await webBuildStale(paths), true);
  await ensureBuilt(paths, log);
  assert.equal(lines.length, 2);
  const scripts = builtScripts(paths.dist);
  assert.match(scripts, /second-build-marker/);
  assert.doesNotMatch(scripts, /first-build-marker/);
});

test('ensureBuilt: a built app without sources is served as is; no build and no config is an error', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-webbuild-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const dist = join(dir, 'dist', 'web');
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, 'index.html'), 'built');
  const shipped = { source: join(dir, 'src'), config: join(dir, 'src', 'vite.config.ts'), dist };
  assert.equal(await ensureBuilt(shipped, () => assert.fail('no build expected')), dist);
  rmSync(dist, { recursive: true });
  await assert.rejects(ensureBuilt(shipped, () => {}), /the web app is not built .* and its Vite config .* is missing/);
  assert.equal(existsSync(dist), false);
});

// The built web app: dist/web, built from src/web by Vite (config src/web/vite.config.ts) when it is missing or
// older than the newest source file. The build goes to a fresh folder that then replaces the output folder, so a
// server never serves a half-written app.
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a web app's sources, Vite config and built output are. */
export interface WebPaths {
  source: string;
  config: string;
  dist: string;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The dashboard's paths: src/web, src/web/vite.config.ts, dist/web. */
export const WEB_PATHS: WebPaths = { source: join(ROOT, 'src', 'web'), config: join(ROOT, 'src', 'web', 'vite.config.ts'), dist: join(ROOT, 'dist', 'web') };

const pending = new Map<string, Promise<string>>();
const stderrLine = (line: string) => process.stderr.write(`${line}\n`);

/** Build dist/web when missing or stale (printing one line on stderr); resolves with the folder to serve. */
export function ensureWebBuild(log: (line: string) => void = stderrLine): Promise<string> {
  return ensureBuilt(WEB_PATHS, log);
}

/** Build `paths.dist` from `paths.source` when missing or stale (one call at a time per folder); resolves with it. */
export function ensureBuilt(paths: WebPaths, log: (line: string) => void = stderrLine): Promise<string> {
  let job = pending.get(paths.dist);
  if (job === undefined) {
    job = buildIfStale(paths, log).finally(() => pending.delete(paths.dist));
    pending.set(paths.dist, job);
  }
  return job;
}

/** Whether `dist/index.html` is missing or older than the newest file under `source`. */
export async function webBuildStale(paths: WebPaths): Promise<boolean> {
  const built = await stat(join(paths.dist, 'index.html')).catch(() => undefined);
  if (built === undefined) return true;
  if (!existsSync(paths.source)) return false;
  return (await newestMtime(paths.source)) > built.mtimeMs;
}

async function buildIfStale(paths: WebPaths, log: (line: string) => void): Promise<string> {
  if (!(await webBuildStale(paths))) return paths.dist;
  if (!existsSync(paths.config)) throw new Error(`the web app is not built (${paths.dist}) and its Vite config ${paths.config} is missing`);
  log(`attune serve: building the web app into ${paths.dist} (vite)…`);
  const staging = join(dirname(paths.dist), `.web-build-${process.pid}-${Date.now()}`);
  await mkdir(staging, { recursive: true });
  try {
    const { build } = await import('vite');
    await build({ configFile: paths.config, logLevel: 'warn', build: { outDir: staging, emptyOutDir: true } });
    if (!existsSync(join(staging, 'index.html'))) throw new Error(`the Vite build of ${paths.source} wrote no index.html`);
    await rm(paths.dist, { recursive: true, force: true });
    await rename(staging, paths.dist);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return paths.dist;
}

/** The newest modification time (ms) of any file below `dir` (node_modules and hidden entries skipped). */
async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    const t = entry.isDirectory() ? await newestMtime(path) : (await stat(path)).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

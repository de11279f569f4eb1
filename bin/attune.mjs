#!/usr/bin/env node
// The `attune` launcher: it runs the compiled CLI in dist/ (plain JavaScript, no tsx), which `npm ci` builds in a
// checkout (the `prepare` script) and an installed package ships. Only in a checkout whose sources are newer than
// that build (an edit not yet rebuilt) or that has no build does it run the TypeScript sources through tsx instead.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SOURCE = new URL('../src/cli/main.ts', import.meta.url);
const COMPILED = new URL('../dist/cli/main.js', import.meta.url);
/** Written by `npm run build` after each build (tsc leaves its own files untouched when nothing changed). */
const BUILD_STAMP = new URL('../dist/.built', import.meta.url);
const SOURCE_DIR = fileURLToPath(new URL('../src/', import.meta.url));

/** The newest modification time (ms) of the compiled sources under `dir` (the dashboard's src/web is built apart). */
function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}${entry.name}`;
    if (entry.isDirectory()) {
      if (path !== `${SOURCE_DIR}web`) newest = Math.max(newest, newestSourceTime(`${path}/`));
    } else if (/\.(ts|mjs)$/.test(entry.name)) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** Whether the compiled CLI is present and, in a checkout, not older than any source file. */
function compiledIsCurrent() {
  if (!existsSync(COMPILED)) return false;
  if (!existsSync(SOURCE)) return true;
  const built = existsSync(BUILD_STAMP) ? statSync(BUILD_STAMP).mtimeMs : statSync(COMPILED).mtimeMs;
  return newestSourceTime(SOURCE_DIR) <= built;
}

/** tsx's loader registered on this process, or false when tsx is not installed. */
async function registerTsx() {
  try {
    const { register } = await import('tsx/esm/api');
    register();
    return true;
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND') return false;
    throw error;
  }
}

if (compiledIsCurrent()) {
  const { runAsProgram } = await import(COMPILED.href);
  await runAsProgram();
} else if (existsSync(SOURCE) && (await registerTsx())) {
  const { runAsProgram } = await import(SOURCE.href);
  await runAsProgram();
} else if (existsSync(COMPILED)) {
  const { runAsProgram } = await import(COMPILED.href);
  await runAsProgram();
} else {
  process.stderr.write('attune: the compiled command line (dist/cli/main.js) is missing: run `npm run build` in the package folder\n');
  process.exitCode = 1;
}

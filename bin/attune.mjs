#!/usr/bin/env node
// The `attune` launcher. An installed package runs the compiled CLI in dist/ (plain JavaScript, no tsx). A development
// checkout (src/ beside bin/, tsx among its devDependencies) runs the TypeScript sources through tsx instead, so an
// edit takes effect without a rebuild; where tsx is missing there, the build in dist/ runs.
import { existsSync } from 'node:fs';

const SOURCE = new URL('../src/cli/main.ts', import.meta.url);
const COMPILED = new URL('../dist/cli/main.js', import.meta.url);

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

if (existsSync(SOURCE) && (await registerTsx())) {
  const { runAsProgram } = await import(SOURCE.href);
  await runAsProgram();
} else if (existsSync(COMPILED)) {
  const { runAsProgram } = await import(COMPILED.href);
  await runAsProgram();
} else {
  process.stderr.write('attune: the compiled command line (dist/cli/main.js) is missing: run `npm run build` in the package folder\n');
  process.exitCode = 1;
}

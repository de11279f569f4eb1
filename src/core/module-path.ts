// Paths of sibling modules that must work both from the TypeScript sources (run under tsx, in development and the
// tests) and from the compiled JavaScript in dist/ (the installed package): import specifiers are rewritten by tsc,
// but paths built at run time (worker entries, child processes) are not.

/** Whether the module at `url` (pass import.meta.url) runs from TypeScript sources rather than from dist/. */
export function isSourceModule(url: string): boolean {
  return url.endsWith('.ts');
}

/** The URL of module `relative` (given without extension) beside `url`, with the caller's own extension (.ts or .js). */
export function siblingModule(relative: string, url: string): URL {
  return new URL(`${relative}${isSourceModule(url) ? '.ts' : '.js'}`, url);
}

/**
 * The entry of worker thread `relative` (without extension) beside `url`: from sources its `.mjs` shim, which
 * registers tsx in the thread before importing the `.ts` module; compiled, the `.js` module itself.
 */
export function threadEntry(relative: string, url: string): URL {
  return new URL(`${relative}${isSourceModule(url) ? '.mjs' : '.js'}`, url);
}

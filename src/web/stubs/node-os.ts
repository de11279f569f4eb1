// Browser stand-in for node:os: one thread (the analysis already runs in its own Web Worker).

/** Threads the shared code may use besides its own: none here. */
export function availableParallelism(): number {
  return 1;
}

/** The home folder: none in a browser. */
export function homedir(): string {
  return '/';
}

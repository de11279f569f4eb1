// The version of Attune that produced a result (package.json), recorded in every results document.
import { readFileSync } from 'node:fs';

/** The tool version, from package.json. */
export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

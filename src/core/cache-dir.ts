// Where Attune keeps what it computes once and reuses: ATTUNE_CACHE_DIR, else the XDG cache folder.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The cache folder: $ATTUNE_CACHE_DIR, else $XDG_CACHE_HOME/attune, else ~/.cache/attune (not created here). */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ATTUNE_CACHE_DIR) return env.ATTUNE_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'attune');
  return join(homedir(), '.cache', 'attune');
}

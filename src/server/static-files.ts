// Serving the built web app: only regular files whose real path lies inside the web folder, with their content
// type. Anything else is 404 (the app routes in the URL's #fragment, so no path falls back to index.html).
import { realpath, readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, isAbsolute, sep } from 'node:path';
import { sendBytes, sendError } from './responses.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.npy': 'application/octet-stream',
};

/** Content type of a file name by its extension (octet-stream when unknown). */
export function contentType(name: string): string {
  return TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/** Serve `segments` (already checked by safePath) from `webDir`, or 404. */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, webDir: string, segments: string[]): Promise<void> {
  const root = await realpath(webDir).catch(() => undefined);
  if (root === undefined) return sendError(req, res, 404, 'the web app is not built');
  const wanted = segments.length === 0 ? ['index.html'] : segments;
  const file = await insideFile(root, join(root, ...wanted));
  if (file === undefined) return sendError(req, res, 404, 'not found');
  const body = await readFile(file);
  // Vite names built assets by content hash, so they never change; everything else is revalidated.
  const cache = segments[0] === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache';
  sendBytes(req, res, 200, contentType(file), body, cache);
}

/** The real path of `candidate` when it is a regular file inside `root` (symbolic links resolved), else undefined. */
async function insideFile(root: string, candidate: string): Promise<string | undefined> {
  const real = await realpath(candidate).catch(() => undefined);
  if (real === undefined) return undefined;
  const rel = relative(root, real);
  if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return undefined;
  const info = await stat(real).catch(() => undefined);
  return info?.isFile() ? real : undefined;
}

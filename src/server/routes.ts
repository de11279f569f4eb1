// Request handling: GET and HEAD only, a loopback Host header (when bound to loopback), a bounded body,
// a checked path, then the JSON API under /api or the web app's files.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { declaredTooLarge, discardBody } from './body-limit.ts';
import { hostAllowed } from './host-check.ts';
import { RDM92_STIMULI } from '../data/datasets/rdm92.ts';
import { rdm92Json, stimulusPng } from './rdm92-api.ts';
import { sendBytes, sendError, sendJson, setSecurityHeaders } from './responses.ts';
import { listRuns, readRun } from './runs-store.ts';
import { safePath } from './safe-path.ts';
import { serveStatic } from './static-files.ts';

/** What the handler serves: the results folder for the API and the built web app's folder. */
export interface ServeContext {
  resultsDir: string;
  webDir: string;
  /** Bound to a loopback address: then only loopback Host headers are answered (DNS-rebinding protection). */
  loopback: boolean;
}

/** Answer one request (never throws: failures become a 500 JSON error). */
export async function handleRequest(req: IncomingMessage, res: ServerResponse, ctx: ServeContext): Promise<void> {
  setSecurityHeaders(res);
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendError(req, res, 405, `method ${req.method} not allowed`, true);
    }
    if (!hostAllowed(req.headers.host, ctx.loopback)) return sendError(req, res, 403, 'the Host header must name this machine (localhost or 127.0.0.1)', true);
    if (declaredTooLarge(req) || !(await discardBody(req))) return sendError(req, res, 413, 'request body too large', true);
    const path = safePath(req.url ?? '');
    if (!path.ok) return sendError(req, res, path.status, path.reason);
    const [first, ...rest] = path.segments;
    if (first === 'api') return await api(req, res, rest, ctx);
    return await serveStatic(req, res, ctx.webDir, path.segments);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendError(req, res, 500, error instanceof Error ? error.message : String(error));
  }
}

/** The JSON API: /api/runs, /api/runs/:id, /api/rdm92, /api/rdm92/stimulus/:i.png; anything else 404. */
async function api(req: IncomingMessage, res: ServerResponse, route: string[], ctx: ServeContext): Promise<void> {
  const [a, b, c, ...more] = route;
  if (a === 'runs' && c === undefined) {
    if (b === undefined) return sendJson(req, res, 200, await listRuns(ctx.resultsDir));
    const run = await readRun(ctx.resultsDir, b);
    return run === undefined ? sendError(req, res, 404, `no run '${b}'`) : sendJson(req, res, 200, run);
  }
  if (a === 'rdm92' && b === undefined) return sendBytes(req, res, 200, 'application/json; charset=utf-8', rdm92Json());
  if (a === 'rdm92' && b === 'stimulus' && c !== undefined && more.length === 0) {
    const match = /^(0|[1-9][0-9]?)\.png$/.exec(c);
    const index = match === null ? -1 : Number(match[1]);
    if (index < 0 || index >= RDM92_STIMULI) return sendError(req, res, 404, `no stimulus '${c}' (0.png … ${RDM92_STIMULI - 1}.png)`);
    return sendBytes(req, res, 200, 'image/png', stimulusPng(index), 'public, max-age=86400');
  }
  return sendError(req, res, 404, `no API route /api/${route.join('/')}`);
}

// Writing responses: the security headers every response carries, JSON bodies, errors, and bytes (HEAD-aware).
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The page's Content-Security-Policy: only the app's own scripts (plus WebAssembly compilation for onnxruntime-web),
 * workers from the app or blob: URLs, images from the app or data: URLs, no plugins, no framing, no foreign connections.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Set the headers every response carries (no CORS header is ever set). */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

/** Send `body` with its type and length; a HEAD request gets the headers only. */
export function sendBytes(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: Buffer | string, cache = 'no-cache'): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', bytes.length);
  res.setHeader('Cache-Control', cache);
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/** Send a JSON document. */
export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, value: unknown): void {
  sendBytes(req, res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/** Send `{ error }` with an error status; `close` also ends the connection (used when a request body is left unread). */
export function sendError(req: IncomingMessage, res: ServerResponse, status: number, message: string, close = false): void {
  if (close) res.setHeader('Connection', 'close');
  sendJson(req, res, status, { error: message });
}

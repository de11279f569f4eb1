// Request bodies: the server needs none, but reads (and discards) a small one so the connection stays usable;
// a body over the limit is refused from its Content-Length before any of it is read, or as soon as it passes the limit.
import type { IncomingMessage } from 'node:http';

/** The largest request body accepted (64 KiB). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Whether a request's declared Content-Length is over `limit`. */
export function declaredTooLarge(req: IncomingMessage, limit = MAX_BODY_BYTES): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return !Number.isFinite(length) || length > limit;
}

/** Read and discard the body; resolves false (leaving the rest unread) once more than `limit` bytes arrive. */
export function discardBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<boolean> {
  if (req.readableEnded) return Promise.resolve(true);
  return new Promise((resolve) => {
    let seen = 0;
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limit) finish(false);
    };
    const finish = (ok: boolean) => {
      req.off('data', onData).off('end', onEnd).off('error', onEnd);
      if (!ok) req.pause();
      resolve(ok);
    };
    const onEnd = () => finish(true);
    req.on('data', onData).on('end', onEnd).on('error', onEnd);
  });
}

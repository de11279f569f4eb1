// Turning a request target into a path inside the web folder, refusing anything that could reach outside it:
// `..` and `.` segments, backslashes, NUL and control bytes, absolute or protocol-relative targets, and any `%`
// left after one decoding (double encoding such as %252e). The caller still checks the resolved path's realpath.

/** A request path split into safe segments, or the HTTP status to refuse it with. */
export type SafePath = { ok: true; segments: string[] } | { ok: false; status: 400 | 404; reason: string };

const MAX_PATH = 1024;

/** The path part of a request target (query and fragment dropped), checked and decoded once into segments. */
export function safePath(target: string): SafePath {
  const refuse = (status: 400 | 404, reason: string): SafePath => ({ ok: false, status, reason });
  if (target.length > MAX_PATH) return refuse(400, 'path too long');
  if (!target.startsWith('/') || target.startsWith('//')) return refuse(400, 'the path must start with a single /');
  const rawPath = target.split(/[?#]/, 1)[0];
  if (rawPath.includes('\\')) return refuse(400, 'backslash in path');
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return refuse(400, 'malformed percent-encoding');
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return refuse(400, 'control character in path');
  if (decoded.includes('%')) return refuse(400, 'percent sign after decoding (double encoding)');
  if (decoded.includes('\\')) return refuse(400, 'backslash in path');
  if (decoded.includes(':')) return refuse(404, 'colon in path');
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.')) return refuse(400, 'dot segment in path');
  if (segments.slice(0, -1).some((s) => s === '')) return refuse(400, 'empty segment in path');
  if (segments.some((s) => s.startsWith('.'))) return refuse(404, 'hidden file');
  return { ok: true, segments: segments[segments.length - 1] === '' ? segments.slice(0, -1) : segments };
}

// Browser stand-in for node:path: the one function the matrix reader needs.

/** The extension of a path's last segment, with its dot ('' when none or when the name starts with its only dot), as node's posix extname. */
export function extname(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot);
}

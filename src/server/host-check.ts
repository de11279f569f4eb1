// DNS-rebinding protection: a server bound to loopback answers only requests whose Host header names loopback,
// so a web page whose domain is re-pointed at 127.0.0.1 cannot read the results through the visitor's browser.

/** Whether a host name or address stays on this machine (localhost, 127.x.x.x, ::1). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** The host part of a Host header (`name:port`, `[v6]:port`), lower-cased; undefined when absent or malformed. */
export function hostName(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]\s]+)(:\d{1,5})?$/.exec(header.trim());
  return m === null ? undefined : m[1].toLowerCase();
}

/** Whether a request's Host header is acceptable: any host when bound elsewhere, only loopback names when bound to loopback. */
export function hostAllowed(header: string | undefined, boundToLoopback: boolean): boolean {
  if (!boundToLoopback) return true;
  const name = hostName(header);
  return name !== undefined && isLoopbackHost(name);
}

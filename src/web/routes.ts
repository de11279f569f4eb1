// Hash routes: #/ (leaderboard), #/benchmark/<id>?run=<run>, #/compare?a=…&b=…, #/analyse.

/** A parsed route: the page and its parameters. */
export interface Route {
  page: 'leaderboard' | 'benchmark' | 'compare' | 'analyse' | 'unknown';
  params: URLSearchParams;
  /** The benchmark id of a detail page. */
  benchmark?: string;
}

/** Parse a location hash. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const parts = path.split('/').filter((p) => p.length > 0);
  if (parts.length === 0 || parts[0] === 'leaderboard') return { page: 'leaderboard', params };
  if (parts[0] === 'benchmark' && parts.length === 2) {
    try {
      return { page: 'benchmark', params, benchmark: decodeURIComponent(parts[1]) };
    } catch {
      return { page: 'unknown', params };
    }
  }
  if (parts[0] === 'compare' || parts[0] === 'analyse') return { page: parts[0], params };
  return { page: 'unknown', params };
}

/** The hash of a benchmark's detail page for one run. */
export function benchmarkHref(benchmark: string, run?: string): string {
  return `#/benchmark/${encodeURIComponent(benchmark)}${run ? `?run=${encodeURIComponent(run)}` : ''}`;
}
